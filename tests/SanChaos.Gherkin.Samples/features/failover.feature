@sample
Feature: Sample failover
  Exercises Background, outlines, tables, doc strings, And/But and tags.

  Background:
    Given a lab with 2 storage nodes
    And the resource group runs on "weasel"

  @kill-primary @nightly
  Scenario: Power loss of the primary
    When the primary loses power
    Then "otter" holds the resources within 30 s
    But no write was lost

  @kill-primary
  Scenario Outline: Power loss of <node>
    When "<node>" loses power
    Then "<survivor>" holds the resources within <budget>

    Examples: storage nodes
      | node   | survivor | budget |
      | weasel | otter    | 30 s   |
      | otter  | weasel   | 45 s   |

  @serial
  Scenario: Serial cable pulled with a table and a doc string
    When these cables are cut:
      | cable  | between       |
      | serial | otter, weasel |
      | eth1   | otter, weasel |
    Then heartbeat logs:
      """
      Link weasel:/dev/ttyS1 dead.
      """
    And the link state is Dead

  Scenario: Slow step is async
    When we wait 50 ms asynchronously
    Then the scenario context has seen 1 wait
