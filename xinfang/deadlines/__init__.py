"""Every due date xinfang computes (DOMAIN.md §4): the arithmetic, the calendar of rest
and working days, the office's policy, and the clocks that are started and refreshed
under them."""
