"""Per-article analysis: no I/O, plain data in and out."""
