"""Test and benchmark helpers: a synthetic-document generator and its tiny PDF writer.

Synthetic patients only. Nothing here is used when reading real documents.
"""
