Feature: Sample skipped
  A scenario the lab cannot run at all is skipped with the reason: neither a pass nor a failure.

  Scenario: A drill of a cable this lab does not have
    Given a lab with 2 storage nodes
    When the serial cable of a lab without a relay is pulled
    Then no write was lost
