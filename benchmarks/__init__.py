"""Benchmarks (kept apart from the tests): extraction accuracy and speed."""
