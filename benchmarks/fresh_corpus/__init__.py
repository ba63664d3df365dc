"""An independent, synthetic evaluation corpus of home-oxygen paperwork.

Written apart from the reader and its own corpus, from the description of real paperwork in
``real-paperwork.md``: every layout here is drawn with reportlab from values picked at random,
and the truth beside each document is written from those values (never read back from the
drawing). ``python -m benchmarks.fresh_corpus OUT_DIR`` builds it; see README.md.
"""
