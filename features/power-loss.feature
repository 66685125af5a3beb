@power
Feature: Power loss of a storage node
  "If you want to try a more dramatic approach, try yanking the power out of otter."
  Power is cut at the PDU outlet: nothing is flushed, like pulling the plug.

  Background:
    Given the SAN is in steady state

  @kill-primary
  Scenario: The primary loses power
    When the primary loses power
    Then the other storage node holds the resources within 120 s
    And badger has 2 active paths to the SAN within 90 s
    And a block written through the multipath device reads back the same within 60 s

  @standby
  Scenario: The standby loses power and comes back
    When the standby loses power
    Then the resources stay where they were for 15 s
    When the standby's power comes back
    Then DRBD is Connected and UpToDate on both storage nodes within 180 s
