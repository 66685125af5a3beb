@timeouts @nightly
Feature: Timeout tuning against a primary power loss
  Which multipath settings turn a primary power loss into application I/O errors, and which into a bounded stall?
  The seeds' `no_path_retry fail` fails every I/O once all paths are down; queueing (for ever, or for a number of
  checker intervals) makes the application wait for the takeover instead. Each row's stall is in its figures.
  open-iscsi's replacement_timeout is the other knob: how long a failed session holds I/O before it fails it up to
  dm-multipath. multipathd puts its fast_io_fail_tmo (5 s by default) over it, so it matters only with that off.

  Background:
    Given the SAN is in steady state
    And badger is writing through the multipath device

  @no-path-retry
  Scenario Outline: A primary power loss with no_path_retry <no_path_retry>
    Given multipath's no_path_retry is <no_path_retry>
    When the primary loses power
    Then the other storage node holds the storage resources within 180 s
    And badger has 2 active paths to the SAN within 120 s
    And no acknowledged write is lost
    And the I/O stall stays within the configured budget
    And the application sees no I/O error

    # The seeds' setting: whether the application sees errors is a race between the takeover and NOP detection plus
    # fast_io_fail, and the takeover's time varies with the machine (measured +8 s to +25 s on the embedded lab): a
    # race lost or won by less than 10 s is marginal, not a regression.
    @margin:10s
    Examples: the seeds' setting
      | no_path_retry |
      | fail          |

    Examples: queueing
      | no_path_retry |
      | queue         |
      | 8             |

  @replacement-timeout
  Scenario Outline: A primary power loss with replacement_timeout <replacement_timeout> and the seeds' no_path_retry fail
    # With fast_io_fail_tmo off, the session keeps failed I/O for replacement_timeout: longer than the takeover, and
    # the application only waits; shorter, and every path fails while the target is still down (I/O errors).
    Given multipath's fast_io_fail_tmo is off
    And open-iscsi's replacement_timeout is <replacement_timeout>
    When the primary loses power
    Then the other storage node holds the storage resources within 180 s
    And badger has 2 active paths to the SAN within 120 s
    And no acknowledged write is lost
    And the I/O stall stays within the configured budget
    And the application sees no I/O error

    Examples:
      | replacement_timeout |
      | 15 s                |
      | 120 s               |
