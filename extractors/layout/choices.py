"""Marks on printed choices: which of ``Y N D`` / ``1 2 3`` / ``Yes No`` is circled, ticked,
boxed or left standing when the others are struck; and which check boxes are checked.

Marks come from the page's graphics (`Mark`s) and from characters that are marks themselves
(``☒``, ``[X]``, ``(X)``, ``✓``, OCR's circled digits ``①②③``). OCR often loses a circled
option altogether; its place is then inferred from the spacing of the options it did read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.layout.lines import Line
from extractors.layout.model import Choice, Option
from extractors.layout.text_run import TextRun
from extractors.read.page import Mark, Word

SEQUENCES: tuple[tuple[str, ...], ...] = (("Y", "N", "D"), ("1", "2", "3"), ("YES", "NO"),
                                          ("Y", "N"), ("1", "2"))
_CIRCLED = {"①": "1", "②": "2", "③": "3", "Ⓨ": "Y", "Ⓝ": "N", "Ⓓ": "D"}
_TEXT_BOX = re.compile(r"^(?:\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]\s*\)|[☐□☒☑■▣✓✔])$")
_CHECKED_BOX = re.compile(r"^(?:\[\s*[xX✓✔]\s*\]|\(\s*[xX✓✔]\s*\)|[☒☑■▣✓✔])$")
_MAX_OPTION_GAP = 60.0
_LABEL_GAP = 1.4
"""A gap of this many word heights ends a check box's label."""
_LABEL_WORDS = 8
_ANSWER_ONLY = re.compile(r"^(?:Y|N|D|YES|NO|Yes|No|N/A)$")
"""Largest gap (points) between two options of one group."""


@dataclass
class Checkbox:
    """A check box (drawn or printed) and the words after it, up to the next box."""

    line: int
    checked: bool
    label: TextRun | None


def _option_text(word: Word) -> tuple[str, bool] | None:
    text = word.text.strip().strip(".,:;").upper()
    text = text.strip("()")
    if word.text.strip() in _CIRCLED:
        return _CIRCLED[word.text.strip()], True
    if text in {"Y", "N", "D", "1", "2", "3", "YES", "NO"}:
        return text, False
    return None


def _center_in(word: Word | tuple[float, float, float, float], mark: Mark, pad: float) -> bool:
    box = word.bbox if isinstance(word, Word) else word
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return mark.x0 - pad <= cx <= mark.x1 + pad and mark.top - pad <= cy <= mark.bottom + pad


def _groups(words: Sequence[Word]) -> list[list[tuple[Word, str, bool]]]:
    """Runs of consecutive option words close to each other along the line (single option
    words too: OCR may have lost the others)."""
    groups: list[list[tuple[Word, str, bool]]] = []
    current: list[tuple[Word, str, bool]] = []
    for w in words:
        opt = _option_text(w)
        if opt is not None and (not current or w.x0 - current[-1][0].x1 <= _MAX_OPTION_GAP):
            current.append((w, *opt))
            continue
        if current:
            groups.append(current)
        current = [(w, *opt)] if opt is not None else []
    if current:
        groups.append(current)
    return groups


def _resolve_circled(group: list[tuple[Word, str, bool]]) -> list[tuple[Word, str, bool]]:
    """OCR reads a circled letter as a circled digit (``Y N ①``): a circled glyph that does not
    fit the sequence of the plain options stands for the option missing at its place."""
    plain = [t for _, t, c in group if not c]
    seq = _sequence_of(plain) if plain else None
    if seq is None or all(t in seq for _, t, c in group if c):
        return group
    out = []
    for w, t, c in group:
        if c and t not in seq:
            missing = [s for s in seq if s not in plain]
            before = sum(1 for w2, _, c2 in group if not c2 and w2.x0 < w.x0)
            t = missing[0] if len(missing) == 1 else (seq[before] if before < len(seq)
                                                       and seq[before] in missing else t)
        out.append((w, t, c))
    return out


def _sequence_of(texts: list[str]) -> tuple[str, ...] | None:
    for seq in SEQUENCES:
        if all(t in seq for t in texts) and len(set(texts)) == len(texts):
            return seq
    return None


def _fit(present: list[tuple[int, float]]) -> tuple[float, float] | None:
    """x = a + b·index through the options read (b defaults to a typical 20 pt)."""
    if not present:
        return None
    if len(present) == 1:
        i, x = present[0]
        return x - 20.0 * i, 20.0
    n = len(present)
    mi = sum(i for i, _ in present) / n
    mx = sum(x for _, x in present) / n
    var = sum((i - mi) ** 2 for i, _ in present)
    if var == 0:
        return None
    b = sum((i - mi) * (x - mx) for i, x in present) / var
    return mx - b * mi, b


def _choice(line: Line, group: list[tuple[Word, str, bool]], marks: Sequence[Mark]) -> Choice:
    texts = [t for _, t, _ in group]
    seq = _sequence_of(texts)
    options: list[Option] = []
    for word, text, circled in group:
        run = TextRun.of(line.page, [word], line.run.source, line.run.to_page)
        marked = circled or any(
            (m.kind == "circle" and _center_in(word, m, 2.0))
            or (m.kind == "box" and m.checked and _center_in(word, m, 3.0))
            or (m.kind == "tick" and _center_in(word, m, 4.0)) for m in marks)
        struck = any(m.kind == "stroke" and m.x0 <= word.xmid <= m.x1
                     and word.top <= (m.top + m.bottom) / 2 <= word.bottom for m in marks)
        options.append(Option(text, run, marked, struck))
    if seq is not None:
        fit = _fit([(seq.index(o.text), o.run.x_center(0, len(o.run.text))) for o in options])
        circled_read = any(circled for _, _, circled in group)
        # OCR that read a circled glyph ("③") has found the circle: no option to infer
        if fit is not None and fit[1] > 4 and not circled_read:
            a, b = fit
            have = {o.text for o in options}
            for m in marks:
                if m.kind != "circle" or not (m.top <= line.bbox[3] and line.bbox[1] <= m.bottom):
                    continue
                if any(_center_in(o.run.words[0], m, 2.0) for o in options):
                    continue
                if any(-1 <= o.run.bbox[0] - m.x1 < 3 or -1 <= m.x0 - o.run.bbox[2] < 3
                       for o in options):
                    continue  # a mark touching an option read is its box, not a lost option
                index = round(((m.x0 + m.x1) / 2 - a) / b)
                if 0 <= index < len(seq) and seq[index] not in have:
                    box = (m.x0, m.top, m.x1, m.bottom)
                    ghost = Word(seq[index], *box, conf=0.5, font="inferred")
                    run = TextRun.of(line.page, [ghost], line.run.source, line.run.to_page)
                    options.append(Option(seq[index], run, True, False))
                    have.add(seq[index])
        options.sort(key=lambda o: o.run.bbox[0])
    chosen = [o for o in options if o.marked]
    standing = [o for o in options if not o.struck]
    selected: Option | None = None
    if len(chosen) == 1:
        selected = chosen[0]
    elif not chosen and len(standing) == 1 and len(options) >= 2:
        selected = standing[0]
    return Choice(line.index, options, selected)


def find_choices(line: Line, marks: Sequence[Mark]) -> list[Choice]:
    """Option groups on ``line`` (options of one known sequence, each once) and which option
    is marked."""
    line_marks = [m for m in marks if m.top <= line.bottom + 4 and line.top - 4 <= m.bottom]
    out: list[Choice] = []
    for group in _groups(line.words):
        group = _resolve_circled(group)
        if _sequence_of([t for _, t, _ in group]) is None:
            continue
        if len(group) == 1 and not group[0][2]:
            word = group[0][0]
            if group[0][1] not in {"Y", "N", "D"} or not any(
                    m.kind == "circle" and abs((m.x0 + m.x1) / 2 - word.xmid) < 70
                    for m in line_marks):
                continue
        out.append(_choice(line, group, line_marks))
    return out


def _join_bracket_boxes(words: list[Word]) -> list[Word]:
    """``[`` ``]`` and ``[`` ``X`` ``]`` split into words, as one box word each."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w.text == "[":
            for k in (1, 2):
                if i + k < len(words) and words[i + k].text == "]" and (
                        k == 1 or words[i + 1].text in {"x", "X", "✓", "✔"}):
                    inside = "X" if k == 2 else " "
                    end = words[i + k]
                    out.append(Word(f"[{inside}]", w.x0, w.top, end.x1, end.bottom, w.conf,
                                    w.font))
                    i += k + 1
                    break
            else:
                out.append(w)
                i += 1
            continue
        out.append(w)
        i += 1
    return out


def find_checkboxes(line: Line, marks: Sequence[Mark]) -> list[Checkbox]:
    """Check boxes on ``line`` (drawn boxes, box glyphs, ``[X]``/``[ ]``) with the text that
    follows each one up to the next box or a wide gap."""
    boxes: list[tuple[float, float, bool]] = []
    x0, _, x1, _ = line.bbox
    for m in marks:
        # a box on this line, not one of the other column's at the same height
        # (its middle on the line: a box of the line above only touches it)
        if m.kind == "box" and line.top - 2 <= (m.top + m.bottom) / 2 <= line.bottom + 2 and \
                x0 - 24 <= m.x1 and m.x0 <= x1 + 24:
            boxes.append((m.x0, m.x1, m.checked))
    words = _join_bracket_boxes(list(line.words))
    for w in words:
        if _TEXT_BOX.match(w.text.strip()) and not any(b[0] - 1 <= w.xmid <= b[1] + 1
                                                       for b in boxes):
            boxes.append((w.x0, w.x1, bool(_CHECKED_BOX.match(w.text.strip()))))
    boxes.sort()
    plain = [w for w in words if not _TEXT_BOX.match(w.text.strip())]
    if not boxes:
        return []
    # labels follow their boxes ("[X] Yes") unless the words sit closer on the left ("Yes ☒")
    right_gaps = [min((w.x0 - x1 for w in plain if w.x0 >= x1 - 0.5), default=99.0)
                  for _x0, x1, _ in boxes]
    left_gaps = [min((x0 - w.x1 for w in plain if w.x1 <= x0 + 0.5), default=99.0)
                 for x0, _x1, _ in boxes]
    labels_left = sum(left_gaps) < sum(right_gaps)
    out: list[Checkbox] = []
    for k, (x0, x1, checked) in enumerate(boxes):
        label_words: list[Word] = []
        if labels_left:
            limit = boxes[k - 1][1] if k else float("-inf")
            for w in reversed(plain):
                if w.x1 <= x0 + 0.5 and w.x0 >= limit - 0.5:
                    if w.text.endswith(("?", ":")) or len(label_words) >= _LABEL_WORDS:
                        break
                    if label_words and label_words[0].x0 - w.x1 > _LABEL_GAP * w.height:
                        break
                    label_words.insert(0, w)
        else:
            limit = boxes[k + 1][0] if k + 1 < len(boxes) else float("inf")
            for w in plain:
                if w.x0 >= x1 - 0.5 and w.x1 <= limit + 0.5:
                    if label_words and (w.x0 - label_words[-1].x1 > _LABEL_GAP * w.height
                                        or len(label_words) >= _LABEL_WORDS):
                        break
                    label_words.append(w)
                    if _ANSWER_ONLY.match(w.text) and len(label_words) == 1:
                        break  # "[X] D   Dependent edema…": the box answers D
        label = TextRun.of(line.page, label_words, line.run.source, line.run.to_page) \
            if label_words else None
        out.append(Checkbox(line.index, checked, label))
    return out
