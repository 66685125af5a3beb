@heartbeat-paths @nightly
Feature: Heartbeat paths
  Heartbeat talks over two paths, bcast on the eth1 crossover and the null-modem serial cable, so that
  losing one of them does not make both nodes take the resources (split brain). Losing both is another matter:
  without fencing, each node declares the other dead.

  Background:
    Given the SAN is in steady state
    And badger is writing through the multipath device

  # Nothing fails over, so the stall is the serial link's own: a bound of 2 s judged within half a second.
  @serial @margin:0.5s
  Scenario: The serial cable is pulled
    When the serial heartbeat cable is pulled
    Then weasel sees the heartbeat link /dev/ttyS1 to its peer dead within 30 s
    And the resources stay where they were for 15 s
    And the I/O stall is at most 2 s
    And no split brain occurs
    And no acknowledged write is lost

  @eth1 @smoke
  Scenario: The eth1 crossover cable is cut
    # eth1 carries DRBD's replication and one heartbeat path: DRBD disconnects (the primary goes on alone), Heartbeat
    # keeps talking over the serial cable, nothing fails over, and DRBD resyncs when the cable returns.
    When the eth1 crossover cable is cut
    Then weasel sees the heartbeat link eth1 to its peer dead within 30 s
    And the resources stay where they were for 20 s
    When the eth1 crossover cable is restored
    Then DRBD is Connected and UpToDate on both storage nodes within 180 s
    And no split brain occurs
    And no acknowledged write is lost
    And the I/O stall stays within the configured budget
    And the application sees no I/O error

  @both-paths-lost @fencing
  Scenario Outline: Both heartbeat paths are lost with DRBD fencing <fencing>
    # dont-care is the seeds' configuration (`sanchaos lint`: drbd.fencing): each node declares the other dead, the
    # standby promotes its copy and takes the floating IPs while the primary still holds them; the verdict must be a
    # split brain, with the evidence. With resource-only, DRBD's fence-peer handler outdates the peer's disk over the
    # management network (ssh; Debian 12 ships no dopd), and an outdated disk cannot be promoted. Each Heartbeat logs
    # the partition when the paths return; anything else it logs then (both nodes owning the group) stays forbidden.
    # Fencing keeps the data whole, but the application's view is judged too: when the paths come back, Heartbeat
    # releases the group on one node and acquires it again (measured: 39.6 s of EIO with resource-only).
    Given DRBD's fencing policy is <fencing>
    When both heartbeat paths are lost
    And we wait 60 s
    Then no split brain occurs
    And Heartbeat reports the partition on both storage nodes
    And the application sees no I/O error

    # The seeds' configuration: both nodes Primary while the paths are down; DRBD's split-brain message when they return;
    # the pair stays StandAlone (the audit fails), and the writes the losing side acknowledged are gone (measured on the
    # embedded lab: 1055 acknowledged writes lost, seq 378-1432).
    @expect:split-brain @expect:forbidden-lines @expect:baseline-audit @expect:application-errors @expect:acknowledged-writes
    Examples: seeds' configuration
      | fencing   |
      | dont-care |

    # Fencing keeps the data whole, but Heartbeat releases and re-acquires the group when the paths return (EIO), and
    # the node that gives the group up restarts Heartbeat ("Heartbeat restart triggered"). Sometimes the restarted
    # Heartbeat's read processes die at once ("HBREAD process died", "Cannot write to media pipe 1") and it shuts down:
    # the audit finds it not running (recorded on the embedded lab with resource-only in 4 of 5 runs, nightlies of
    # 2026-12-07 and -08; with dont-care too).
    @expect:application-errors @expect:baseline-audit:sometimes
    Examples: with fencing
      | fencing       |
      | resource-only |

  @degraded-link
  Scenario: The replication link degrades under write load
    # Protocol C acknowledges a write once both disks have it: every write pays the crossover's round trip. The
    # figures give the latency the application saw (write latency p50/p99) while the link was degraded.
    When the replication link degrades to 20 ms delay and 1% loss
    And we wait 30 s
    Then the resources stay where they were for 5 s
    And no acknowledged write is lost
    And the application sees no I/O error
    And the I/O stall is at most 10 s
