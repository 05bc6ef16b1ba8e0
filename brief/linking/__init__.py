"""Helpers for threading: features, the incremental index, sparse clustering (no I/O)."""
