"""OCR's slips in a person's name, mended against a list of names (`data/census_names.txt.gz`).

A fax's "Sylvia" comes back "Syivia", "Dolores" "Polores", "Pemberton" "Pomberton". A word of
an OCR'd name that is no known name is replaced by the one known name that OCR could have
read it as: the same length, one letter different, and the two letters among those OCR
mixes up (i/l/t/1, o/e/c/a, b/s/h, d/p, …). Nothing is changed when no such name exists or
when two do, nor in a name read from a text layer.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

_CONFUSED = ("il1tfj|!", "oecau0", "bshk6", "dpo", "nmhr", "vyu", "gq9", "zs2")
"""Letters OCR reads for one another (lower case), each string one group."""
_SWAPS: dict[str, set[str]] = {}
for _group in _CONFUSED:
    for _ch in _group:
        _SWAPS.setdefault(_ch, set()).update(c for c in _group if c != _ch)


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Given and family names, lower case."""
    raw = resources.files("extractors.data").joinpath("census_names.txt.gz").read_bytes()
    return frozenset(line for line in gzip.decompress(raw).decode("utf-8").splitlines()
                     if line and not line.startswith(("#", "[")))


def _mend_word(word: str, names: frozenset[str]) -> str:
    lower = word.lower()
    if len(lower) < 4 or not lower.isalpha() or lower in names:
        return word
    found = {lower[:k] + other + lower[k + 1:]
             for k, ch in enumerate(lower) for other in _SWAPS.get(ch, ())}
    found &= names
    if len(found) != 1:
        return word
    mended = found.pop()
    return mended.upper() if word.isupper() else mended.capitalize()


def mend_ocr_name(name: str) -> str:
    """``name`` ("Syivia M Wexler") with each word that OCR misread by one letter restored
    ("Sylvia M Wexler")."""
    names = known_names()
    return " ".join(_mend_word(w, names) for w in name.split(" "))
