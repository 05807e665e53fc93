"""The command groups of the `xinfang` app, one module each, and the options they share.
Each command parses what was typed, calls the library, and hands the result to a
renderer."""
