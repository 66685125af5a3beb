@smoke
Feature: Steady state
  The SAN as the seeds build it: DRBD protocol C connected and up to date, the Heartbeat resource
  group on exactly one storage node, both portals answering, and the client's mpio with two paths.

  Scenario: The SAN comes up in steady state
    Given the SAN is in steady state
    Then DRBD is Connected and UpToDate on both storage nodes within 10 s
    And badger has 2 active paths to the SAN within 10 s
    And no storage node holds resources twice for 5 s
    And a block written through the multipath device reads back the same within 10 s
