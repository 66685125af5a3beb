@heartbeat-death @nightly
Feature: Heartbeat or the target dies on the primary
  Heartbeat v1 monitors nodes, not resources: what happens when the daemon itself, or the iSCSI target, dies on
  the node that holds the resources?

  Background:
    Given the SAN is in steady state
    And badger is writing through the multipath device

  @kill-heartbeat
  Scenario: Heartbeat is killed on the primary
    # The primary keeps its DRBD role, floating IPs and target; the standby declares it dead after deadtime and tries
    # to take over.
    When Heartbeat is killed on the primary
    And we wait 60 s
    Then no split brain occurs
    And no acknowledged write is lost
    And the I/O stall stays within the configured budget

  @stop-target @expect:stall-bound
  Scenario: The iSCSI target is stopped on the primary
    # Nothing in haresources watches the target: the client loses both paths and nobody takes over (Heartbeat v1 does
    # not monitor resources), so the stall lasts as long as the target is down: the seeds' known weakness.
    When the iSCSI target is stopped on the primary
    And we wait 30 s
    Then the I/O stall is at most 30 s
    And no acknowledged write is lost
