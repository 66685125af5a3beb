Feature: Sample broken file

  Scenario: Fine so far
    Given a lab with 2 storage nodes

  Scenario Outline: Examples table is wrong
    Given a lab with <n> storage nodes
    Examples:
      | n |
      | 2 | 3 |
    This line is not Gherkin at all
