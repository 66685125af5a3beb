@switch @nightly
Feature: Storage switch failure
  "Try unplugging one of the storage switches": one path fails, I/O carries on over the other, and the path
  comes back when the switch does.

  Background:
    Given the SAN is in steady state
    And badger is writing through the multipath device

  @switch-power
  Scenario Outline: Storage switch <switch> loses power
    When switch "<switch>" loses power
    Then badger's session through <network> fails within 60 s
    And badger has 1 active path to the SAN within 60 s
    And a block written through the multipath device reads back the same within 30 s
    And the resources stay where they were for 5 s
    When switch "<switch>" gets its power back
    Then badger has 2 active paths to the SAN within 120 s
    And the I/O stall stays within the configured budget
    And the application sees no I/O error
    And no acknowledged write is lost

    Examples:
      | switch   | network   |
      | switch-a | storage-a |
      | switch-b | storage-b |
