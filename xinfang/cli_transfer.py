"""`xinfang import` and `xinfang export`: paper registers in, the ledger out."""

from __future__ import annotations
