"""The ledger's tables: their migrations, the one writer of cases, people, events and
clocks, and the reads (settings, units, case records)."""
