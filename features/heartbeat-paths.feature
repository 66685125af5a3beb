@heartbeat-paths
Feature: Heartbeat paths
  Heartbeat talks over two paths, bcast on the eth1 crossover and the null-modem serial cable, so that
  losing one of them does not make both nodes take the resources (split brain).

  Background:
    Given the SAN is in steady state

  @serial
  Scenario: The serial cable is pulled
    When the serial cable is pulled
    Then weasel sees the heartbeat link /dev/ttyS1 to its peer dead within 30 s
    And the resources stay where they were for 15 s

  @eth1
  Scenario: The eth1 crossover cable is cut
    When the eth1 crossover cable is cut
    Then weasel sees the heartbeat link eth1 to its peer dead within 30 s
    And no storage node holds resources twice for 20 s
    And the resources stay where they were for 5 s
