"""Synthetic home-oxygen paperwork: an evaluation corpus with a truth file per document.

Documents are drawn from a description of real paperwork (layouts, labels, traps), never from
the extractor; the truth is generated from the same values that are drawn. See README.md.
"""
