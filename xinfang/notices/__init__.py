"""The paper the Regulation requires: notices, forwarding slips, opinions and the rest as
Word documents, laid out as official documents are (GB/T 9704-2012), written from what
the ledger knows and recorded as an event of the case.

- `kinds`: which documents there are, whom each is for, the acts it rests on and the
  placeholders its template may use;
- `facts`: what each document says, taken from the ledger (`store.queries`), and the
  facts it still lacks;
- `layout`: the page, the fonts and the default templates (`python -m xinfang.notices.layout`
  makes them again);
- `templates`: the office's own templates beside the ledger, or the defaults, checked;
- `documents`: a template filled in, its text, and writing it as an act of the case.
"""
