Feature: Checks deferred to the end of the scenario
  Checkers judge the whole history: a step hands over a check that runs after the after-hooks.

  Scenario: A deferred check fails at the end
    Given a lab with 2 storage nodes
    Then the check at the end says "failed"
    And the check at the end says "passed"

  Scenario: A deferred check cannot decide
    Given a lab with 2 storage nodes
    Then the check at the end says "broken"

  Scenario: A scenario check fails while every step passed
    Given a scenario check that says "failed"
    Then the check at the end says "passed"

  Scenario: A verdict is kept in the scenario's history file
    Given a lab with 2 storage nodes
    Then the checker "split-brain" finds it "valid"
