@replication @nightly
Feature: Replication protocol against a primary power loss
  Protocol C acknowledges a write once both disks have it; protocol A once the local disk has it and it is in the
  send buffer to the peer. A primary that loses power under write load can take acknowledged writes with it under A.
  Multipath queues I/O here, so that the application keeps writing through the takeover and every write it was told
  is done is checked on the new primary.

  Background:
    Given the SAN is in steady state
    And badger is writing through the multipath device

  @protocol @kill-primary
  Scenario Outline: The primary loses power under write load with DRBD protocol <protocol>
    Given multipath's no_path_retry is queue
    And DRBD replicates with protocol <protocol>
    When the primary loses power
    Then the other storage node holds the storage resources within 180 s
    And badger has 2 active paths to the SAN within 120 s
    And no acknowledged write is lost
    And no split brain occurs
    And the application sees no I/O error

    Examples:
      | protocol |
      | A        |
      | C        |
