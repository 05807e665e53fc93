"""xinfang: the petition ledger of a township petition office (信访办)."""

__version__ = "0.1.0"
