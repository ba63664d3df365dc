"""OCR's slips in a person's name, mended against lists of names (`data/census_names.txt.gz`:
the 1990 US Census given and family names).

A fax's "Sylvia" comes back "Syivia", "Dolores" "Polores", "Pemberton" "Pomberton". A word of
an OCR'd name that is no known name of its kind (the first word a given name, the last a
family name) is replaced by the one name OCR could have read it as:
the same length, one letter different, the two letters among those a fax's thin strokes mix
up (i/l/t/1, o/e/c/a, b/s/h, d/p), and a name of the word's kind common enough that a slip
is likelier than a rarer or newer name the lists lack.
Nothing is changed when no such name exists or when two do, nor in a name read from a text
layer.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_CONFUSED = ("il1tfj|!", "oeca0", "bsh6", "dp")
"""Letters OCR reads for one another in a fax's thin strokes (lower case), each string one
group. Kept to these: a wider set (u/v, n/m) turns real names that are not in the lists into
ones that are ("Lindqvist" into "Lindquist")."""
_SWAPS: dict[str, set[str]] = {}
for _group in _CONFUSED:
    for _ch in _group:
        _SWAPS.setdefault(_ch, set()).update(c for c in _group if c != _ch)
COMMON_FAMILY = 20_000
"""Family names of this rank or better may be mended into (a rare one, "Liem", is likelier
a name the lists lack, "Liam", than the name OCR misread)."""
COMMON_GIVEN = 500
"""Given names of this rank or better (among female or male names) may be mended into: the
1990 lists lack most names given since ("Aiden" is not "Alden", rank 889)."""


@dataclass(frozen=True)
class Lexicon:
    given: frozenset[str]
    """Every listed given name: a first word among them is never mended."""
    common_given: frozenset[str]
    """The given names a first word may be mended into (`COMMON_GIVEN`)."""
    family: frozenset[str]
    """Every listed family name: a last word among them is never mended."""
    common_family: frozenset[str]
    """The family names a last word may be mended into (`COMMON_FAMILY`)."""


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = resources.files("extractors.data").joinpath("census_names.txt.gz").read_bytes()
    lists: dict[str, list[str]] = {}
    current: list[str] = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("["):
            current = lists.setdefault(line.strip("[]"), [])
        elif line and not line.startswith("#"):
            current.append(line)
    ranked = [line.split() for line in lists.get("given", [])]
    family = lists.get("family", [])
    return Lexicon(frozenset(n for n, _r in ranked),
                   frozenset(n for n, r in ranked if int(r) <= COMMON_GIVEN),
                   frozenset(family), frozenset(family[:COMMON_FAMILY]))


def _mend_word(word: str, known: frozenset[str], targets: frozenset[str]) -> str:
    lower = word.lower()
    if len(lower) < 4 or not lower.isalpha() or lower in known:
        return word
    found = {lower[:k] + other + lower[k + 1:]
             for k, ch in enumerate(lower) for other in _SWAPS.get(ch, ())}
    found &= targets
    if len(found) != 1:
        return word
    mended = found.pop()
    return mended.upper() if word.isupper() else mended.capitalize()


def mend_ocr_name(name: str) -> str:
    """``name`` as "Given [Middle] Family" ("Syivia M Wexler") with each word that OCR
    misread by one letter restored ("Sylvia M Wexler"): the last word against family names,
    the others against given names."""
    lex = lexicon()
    words = name.split(" ")
    last = len(words) - 1
    return " ".join(_mend_word(w, lex.family, lex.common_family) if k == last and k > 0
                    else _mend_word(w, lex.given, lex.common_given) for k, w in enumerate(words))
