@heartbeat-death @nightly
Feature: Heartbeat or the target dies on the primary
  Heartbeat v1 monitors nodes, not resources: what happens when the daemon itself, or the iSCSI target, dies on
  the node that holds the resources?

  Background:
    Given the SAN is in steady state
    And badger is writing through the multipath device

  @kill-heartbeat @expect:baseline-audit @expect:stall-budget:sometimes
  Scenario: Heartbeat is killed on the primary
    # The primary keeps its DRBD role, floating IPs and target; the standby declares it dead after deadtime and tries
    # to take over (drbddisk fails there: the primary is still Primary, so it gives everything up again).
    # Seeds' weaknesses, recorded on the embedded lab. Every run (4 of 4, nightlies of 2026-12-07 and -08): afterwards
    # Heartbeat's books disagree with what the nodes hold (the other node says rscstatus all while holding nothing:
    # heartbeat/hb_resource.c keeps i_hold_resources across the peer's restart), which the audit finds and the recovery
    # repairs with hb_restart. Sometimes (1 of 4): starting Heartbeat again on the primary (the heal, as an operator
    # would) re-runs the group's start scripts there and restarts the target under the client (I/O stall 4.6 s against a
    # budget of 0; 0.4 s in the other runs).
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
