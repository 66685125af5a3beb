Feature: Sample problems
  Scenarios that must fail, each for its own reason.

  Scenario: Undefined step
    Given a lab with 2 storage nodes
    When the flux capacitor is unplugged for 3 s
    Then "otter" holds the resources within 30 s

  Scenario: Ambiguous step
    When the switch "switch-a" loses power

  Scenario: Conversion error
    Then "otter" holds the resources within 30 parsecs

  Scenario: Failing assertion skips the rest
    Given a lab with 3 storage nodes
    When the primary loses power
    Then no write was lost

  @slow
  Scenario: Cancelled mid-fault still heals
    When the primary loses power
    And we wait 10 min asynchronously
