"""A certificate of medical necessity (CMS-484, versions 484.2 and 484.3) read question by
question, by position on the page.

Questions are recognised by what they ask, not by their number (the two versions number them
differently). Each question owns a horizontal band of the page, from its number down to the
next question's number; whatever is filled in within that band answers it, wherever the form
puts its answer column (left, right, or under the question): the numbers on its ``mm Hg``,
``%`` and ``LPM`` blanks, its date, and its marked option (circled, boxed, ticked, written
beside the printed options, or the only one not struck). A mark drawn over another mark is a
correction: that option is withdrawn. The printed question text is never a finding or a value;
for the Group II questions only a marked *Y* is a finding and a marked *N* a denial.

On faxes OCR garbles the printed wording (matched closely instead), drops question numbers
(a question then starts where the numbered questions' text starts), reads empty boxes as
glyphs ("□1 □2 3": the option left without one is the marked one) and loses units of blanks
(the blank's letter, ``a)`` or ``b)``, then says which value it is). A checked box whose option
OCR dropped answers by the option column it stands in, as the other questions place them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from extractors.interpret.context import DateRef, SegmentContext, date_ref
from extractors.interpret.cues import Cues
from extractors.interpret.date_roles import dates_in
from extractors.interpret.measure import Found
from extractors.interpret.performer import classify_org
from extractors.interpret.values import Candidate, value_ok
from extractors.layout import Line, PageLayout, TextRun
from extractors.models import Evidence
from extractors.patterns import Patterns
from extractors.read.page import Mark, Word

_NUMBER_WORD = re.compile(r"^(?:Q\.?\s*)?(\d{1,2})[.)]$")
_ANSWER_FIRST = re.compile(r"^(?:\[\s*[xX✓✔]?\s*\]?|\(\s*[xX]\s*\)|[☐□☒☑■▣])[YND123]?$")
"""An answer box right after a question's number ("2.   [X] 1   [ ] 2   [ ] 3   (1) …")."""
_GLUED_CHECKED = re.compile(r"^[\[(]\s*[xX✓✔■☒]\s*[\])]\s*(?P<o>[YNDynd123])$")
"""A checked box and its option printed as one word ("[X]Y", "[X]2")."""
_TYPED_CIRCLE = re.compile(r"\(\s*[A-Z0-9]\s*\)")
"""An option typed between brackets, as a print's circle around the answer."""
_GLUED_NUMBER = re.compile(r"^(\d{1,2})[.)]([A-Z][a-z]{2,})$")
"""A question's number OCR joined to its first word ("1.Lnter the rosult…")."""
_REGION_END = re.compile(r"\b[I1l|]F\s*P\s?[O0]\s?2\s*=|\bAT LEAST ONE OF THE FOLLOWING\b|"
                         r"\bNAME OF PERSON ANSWERING\b|^\s*SECTION [A-D]\b|"
                         r"\bANSWER QUESTIONS \d", re.IGNORECASE)
QUESTION_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("high_flow_result", re.compile(r"greater than 4 ?lpm|more than 4 ?lpm|on 4 ?lpm", re.I)),
    ("result", re.compile(r"result of (?:the )?(?:most )?recent test|arterial blood gas po2 "
                          r"and/or|most recent test (?:taken )?on or before|"
                          r"^a\)\s*(?:\d{2,3}|_{2,})\s*mm\s?hg\b.{0,30}\bb\)", re.I)),
    ("circumstances", re.compile(r"chronic stable state|within two days prior to discharge",
                                 re.I)),
    ("condition", re.compile(r"condition of the test|at rest.{0,40}exercis.{0,40}sleep", re.I)),
    ("performer", re.compile(r"(?:physician|provider) performing (?:the )?test", re.I)),
    ("portable", re.compile(r"ordering portable|mobile within the home", re.I)),
    ("flow", re.compile(r"highest oxygen f\w{2,3} rate|rate ordered for", re.I)),
    ("edema_chf", re.compile(r"dependent edema", re.I)),
    ("cor_ph", re.compile(r"cor pulmonale|pulmonary hypertension", re.I)),
    ("hematocrit", re.compile(r"hematocrit greater than", re.I)),
)
SETTINGS = {"1": "rest", "2": "exercise", "3": "sleep"}
_OPTION_SETS = {"condition": ("1", "2", "3"), "circumstances": ("1", "2", "3", "Y", "N"),
                "portable": ("Y", "N", "D"), "edema_chf": ("Y", "N", "D"),
                "cor_ph": ("Y", "N", "D"), "hematocrit": ("Y", "N", "D")}
_HAND_FONT = re.compile(r"oblique|italic|hand|script|cursive|marker|pen", re.IGNORECASE)
_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?$")
_PERFORMER_VALUE = re.compile(r"^\s*(?:name|address|facility)\s*:?\s*", re.IGNORECASE)


@dataclass
class Question:
    kind: str
    number: int
    layout: PageLayout
    start: Word
    top: float
    bottom: float
    """The band of the page this question owns (its number's top to the next one's)."""
    lines: list[Line] = field(default_factory=list)
    """Lines whose middle lies in the band."""
    limit: float = 0.0
    """The next question's number's top: a blank written low in its box reaches past the
    band's bottom up to there ("c) 07/14/21" just above "2. Was the test…")."""

    def words(self) -> list[Word]:
        return [w for ln in self.lines for w in ln.words if self.top <= w.ymid < self.bottom]


@dataclass
class CmnAnswers:
    """What the form's questions answer besides the measurements."""

    findings: dict[str, TextRun] = field(default_factory=dict)
    negated: dict[str, TextRun] = field(default_factory=dict)
    portable: str | None = None
    """The marked answer to "mobile within the home" (``Y``, ``N`` or ``D``)."""
    flow: float | None = None
    performer: tuple[str, Evidence] | None = None
    """Who performed the test, from the 484.2 question naming the provider."""
    questions: int = 0
    """How many of the form's questions were found."""


def _question_starts(layout: PageLayout) -> list[tuple[Word, Line, str, int]]:
    """(number word, its line, the question text, the number) of each question on a page."""
    out: list[tuple[Word, Line, str, int]] = []
    lines = layout.lines
    ocr = layout.page.source == "ocr"
    for k, line in enumerate(lines):
        words = line.words
        for i, w in enumerate(words):
            m = _NUMBER_WORD.match(w.text.strip())
            glued = None if m is not None else _GLUED_NUMBER.match(w.text.strip())
            m = m or glued
            if m is None or int(m.group(1)) > 12 or i + 1 >= len(words):
                continue
            if any(re.search(r"[A-Za-z]{5}", x.text) for x in words[:i]):
                continue  # a number inside a printed value ("ADDRESS: 2693 COUNTY RD 9.")
            nxt = words[i + 1]
            if glued is None and (nxt.x0 - w.x1 > 2.5 * w.height or not (
                    nxt.text[:1].isupper() or nxt.text.strip() == "a)" or
                    _ANSWER_FIRST.match(nxt.text.strip()))):
                # (question 1 may be printed as its blanks only: "1. a) 57 mm Hg b) …", and a
                # question's answer boxes may come before its text: "2.   [X] 1   [ ] 2 …")
                continue
            # the question's text: the rest of the line and the lines just below it
            text = " ".join(([glued.group(2)] if glued else []) + [x.text for x in words[i + 1:]])
            for follow in lines[k + 1:k + 3]:
                if follow.top - line.bottom > 3 * line.height or any(
                        _NUMBER_WORD.match(x.text.strip()) and x.x0 >= w.x0 - 4
                        for x in follow.words):
                    break
                text += " " + " ".join(x.text for x in follow.words if x.x0 >= w.x0 - 4)
            if _kind_of(text, ocr):
                out.append((w, line, text, int(m.group(1))))
                break
    return out + _unnumbered_starts(layout, out)


def _unnumbered_starts(layout: PageLayout, found: list[tuple[Word, Line, str, int]]
                       ) -> list[tuple[Word, Line, str, int]]:
    """Questions whose number OCR lost ("2 ③  Circle the one number for the condition…"):
    a line that opens a question of a kind not found numbered, after its answer options,
    starts that question at its first word of text."""
    ocr = layout.page.source == "ocr"
    kinds = {_kind_of(text, ocr) for _, _, text, _ in found}
    # where the numbered questions' text starts (their number's x, or the word after it)
    text_x = [x for w, line, _, _ in found for x in (w.x0, *(
        nxt.x0 for nxt in line.words[line.words.index(w) + 1:line.words.index(w) + 2]))]
    taken = {id(line) for _, line, _, _ in found}
    out: list[tuple[Word, Line, str, int]] = []
    for line in layout.lines:
        if id(line) in taken:
            continue
        words = line.words
        first = next((i for i, w in enumerate(words) if w.text[:1].isupper() and (
            len(w.text) >= 4 or w.text in _SHORT_OPENERS) and not _is_option(w)), None)
        if first is None:
            continue
        aligned = any(abs(words[first].x0 - x) < 12 for x in text_x)
        if not aligned and any(len(w.text.strip()) > 3 and not _NUMBER.match(w.text.strip())
                               for w in words[:first]):
            continue  # the question's text opens the line, after its answer (options, blanks)
        text = " ".join(w.text for w in words[first:])
        kind = _kind_of(text, ocr)
        if kind and kind not in kinds and len(words) - first >= 5:
            before = [n for w, _, _, n in found if w.top < line.top]
            out.append((words[first], line, text, (max(before) + 1) if before else 0))
            kinds.add(kind)
    return out


_SHORT_OPENERS = {"If", "Is", "Do", "Was", "Are", "Has"}
"""Short first words of a question's sentence."""


def _kind_of(text: str, ocr: bool = False) -> str:
    """The kind of question ``text`` opens; on OCR pages also by a close reading of the
    printed wording ("Entor the resuut of most rocont test…")."""
    kind = next((name for name, rx in QUESTION_TYPES if rx.search(text)), "")
    if kind or not ocr:
        return kind
    low = text[:_OPENING].lower()
    # the wording found earliest: the question's own opening, not the next one's text
    found = [(alignment.dest_start, -alignment.score, name) for name, phrase in _WORDING.items()
             if (alignment := fuzz.partial_ratio_alignment(phrase, low)) is not None
             and alignment.score >= _WORDING_SCORE]
    return min(found)[2] if found else ""


_WORDING = {
    "result": "enter the result of most recent test taken on or before the certification date",
    "high_flow_result": "if greater than 4 lpm is prescribed, enter results of most recent test",
    "circumstances": "performed with the patient in a chronic stable state as an outpatient",
    "condition": "the one number for the condition of the test in question 1",
    "performer": "physician/provider performing test in question 1 (and, if applicable, "
                 "question 7)",
    "portable": "if you are ordering portable oxygen, is the patient mobile within the home",
    "flow": "enter the highest oxygen flow rate ordered for this patient in liters per minute",
    "edema_chf": "does the patient have dependent edema due to congestive heart failure",
    "cor_ph": "does the patient have cor pulmonale or pulmonary hypertension documented",
    "hematocrit": "does the patient have a hematocrit greater than 56%",
}
"""The printed wording of each kind of question (DME 484.2/484.3), for OCR-garbled text."""
_WORDING_SCORE = 80.0
_OPENING = 130


def _questions(layouts: Sequence[PageLayout]) -> list[Question]:
    out: list[Question] = []
    for layout in layouts:
        starts = sorted(_question_starts(layout), key=lambda s: s[0].top)
        ends = sorted(ln.top for ln in layout.lines if _REGION_END.search(ln.text))
        for j, (word, _line, text, number) in enumerate(starts):
            pad = 0.6 * word.height
            top = word.top - pad
            bottom = starts[j + 1][0].top - pad if j + 1 < len(starts) else layout.page.height
            bottom = min([bottom] + [e - 1 for e in ends if e > word.bottom])
            kind = _kind_of(text, layout.page.source == "ocr")
            limit = max(bottom, min(bottom + pad, layout.page.height))
            q = Question(kind, number, layout, word, top, bottom, limit=limit)
            q.lines = [ln for ln in layout.lines if top <= (ln.top + ln.bottom) / 2 < bottom
                       or any(top <= w.ymid < bottom for w in ln.words)]
            out.append(q)
    return out


def _dominant_font(layout: PageLayout) -> str:
    counts: dict[str, int] = {}
    for ln in layout.lines:
        for w in ln.words:
            counts[w.font] = counts.get(w.font, 0) + 1
    return max(counts, key=lambda f: counts[f]) if counts else ""


def _hand(word: Word, printed_font: str) -> bool:
    return bool(word.font) and word.font != printed_font and bool(_HAND_FONT.search(word.font))


def _overdrawn(mark: Mark, marks: Sequence[Mark]) -> bool:
    """A check box with a second mark drawn over it (scribbled out, struck)."""
    cx, cy = (mark.x0 + mark.x1) / 2, (mark.top + mark.bottom) / 2
    for other in marks:
        if other is mark or other.kind == "box":
            continue
        if other.kind in ("circle", "fill") and other.x0 - 3 <= cx <= other.x1 + 3 and \
                other.top - 3 <= cy <= other.bottom + 3 and \
                (other.x1 - other.x0) < 4 * (mark.x1 - mark.x0):
            return True
        if other.kind == "stroke" and other.x0 <= cx <= other.x1 and \
                mark.top - 2 <= (other.top + other.bottom) / 2 <= mark.bottom + 2:
            return True
    return False


def _option_words(q: Question, options: tuple[str, ...]) -> list[Word]:
    """Words in the band that are one of the options (``Y``, ``2``, ``(Y)``…)."""
    out: list[Word] = []
    for w in q.words():
        if w is q.start:
            continue
        if _norm(w) in options:
            out.append(w)
    return out


Grid = dict[tuple[int, str], float]
"""Where each option's column stands on a page: (layout id, option) → the options' x."""


def _grid(questions: Sequence[Question]) -> Grid:
    """The form's answer columns: each option's usual x over the questions offering it."""
    xs: dict[tuple[int, str], list[float]] = {}
    for q in questions:
        options = _OPTION_SETS.get(q.kind)
        if options is None:
            continue
        for w in _option_words(q, options):
            if not _inside_text(q, w):
                xs.setdefault((id(q.layout), _norm(w)), []).append(w.x0)
    return {key: sorted(v)[len(v) // 2] for key, v in xs.items() if len(v) >= 2}


def _by_column(q: Question, grid: Grid, words: list[Word]) -> str | None:
    """A checked box whose option OCR dropped ("☒Y" lost, "□N □D" read): the option whose
    column, as the form's other questions show it, the box stands in."""
    options = _OPTION_SETS.get(q.kind, ("Y", "N", "D"))
    found: set[str] = set()
    for m in q.layout.marks:
        mid = (m.top + m.bottom) / 2
        if m.kind != "box" or not m.checked or not q.top <= mid < q.bottom \
                or any(_near(w, m) for w in words) or \
                not any(w.top - 2 <= mid <= w.bottom + 2 for w in words):
            continue  # (the other options of its question are read on its line)
        near = [(abs(grid[(id(q.layout), o)] - m.x0), o) for o in options
                if (id(q.layout), o) in grid]
        if near and min(near)[0] < _COLUMN_SLACK:
            found.add(min(near)[1])
    return found.pop() if len(found) == 1 else None


_COLUMN_SLACK = 10.0


def _choice(q: Question, printed_font: str, grid: Grid | None = None) -> str | None:
    """The answer marked for a multiple-choice question, or None (unanswered, or two answers
    still standing)."""
    options = _OPTION_SETS.get(q.kind, ("Y", "N", "D"))
    glued = {m.group("o").upper() for w in q.words() if w is not q.start and
             (m := _GLUED_CHECKED.match(w.text.strip())) and m.group("o").upper() in options}
    if len(glued) == 1:
        return glued.pop()  # a print's box glued to its option: "[X]Y  [ ]N  [ ]D"
    words = _option_words(q, options)
    # the options printed on the form are those outside the question's own sentence
    answer_words = [w for w in words if not _inside_text(q, w)]
    if not answer_words:
        return _by_empty_boxes(q, options)  # options OCR ran together ("1□2□3")
    marks = [m for m in q.layout.marks if q.top <= (m.top + m.bottom) / 2 < q.bottom]
    # 1. an option written by hand beside the printed ones ("Y N D  Y"), or a repeated option
    hand = [w for w in answer_words if _hand(w, printed_font)]
    if hand:
        return _norm(hand[-1])
    texts = [_norm(w) for w in answer_words]
    repeated = [t for t in texts if texts.count(t) > 1]
    if repeated and not printed_font:
        return repeated[-1]
    written = _written_beside(q, answer_words, options)
    if written is not None:
        # OCR pages carry no fonts: a letter written after the printed options is the answer
        return written
    if len(answer_words) == 1 and not marks and answer_words[0].text.strip() in options:
        # a supplier's print types the answer alone in the answer column ("Y", "3")
        return _norm(answer_words[0])
    wrapped = [w for w in answer_words if _TYPED_CIRCLE.fullmatch(w.text.strip())]
    if len(wrapped) == 1 and len(answer_words) > 1:
        return _norm(wrapped[0])  # a supplier's print circles the answer with brackets: "(Y)"
    # 2. marks on or around an option, or a circled glyph read by OCR ("①")
    marked: list[Word] = []
    withdrawn: set[str] = set()
    owners = _box_owners(answer_words, marks)
    for w in answer_words:
        if w.text.strip() in _CIRCLED_GLYPHS:
            marked.append(w)
            continue
        on = [m for m in marks if _near(w, m) and (m.kind != "box" or owners.get(id(m)) is w)]
        boxes = [m for m in on if m.kind == "box"]
        if any(b.checked and _overdrawn(b, marks) for b in boxes):
            withdrawn.add(_norm(w))
            continue
        if any(m.kind in ("circle", "tick") for m in on) or any(b.checked for b in boxes):
            marked.append(w)
    if not marked and not withdrawn:
        lost = _lost_option(answer_words, marks, owners, options)
        if lost is not None:
            return lost
    # the layout's reading of the line's choices and check boxes, when no mark sits on or
    # right beside an option word (its label of a box is the looser reading)
    direct = bool(marked) or bool(withdrawn)
    for choice in q.layout.choices:
        if not direct and any(choice.line == ln.index for ln in q.lines):
            marked += [o.run.words[0] for o in choice.options if o.marked and o.run.words
                       and _norm_text(o.text) in options]
    for box in q.layout.checkboxes:
        if not direct and box.checked and box.label is not None and box.label.words and \
                any(box.line == ln.index for ln in q.lines) and \
                _norm(box.label.words[0]) in options:
            marked.append(box.label.words[0])
    standing = {_norm(w) for w in marked} - withdrawn
    if len(standing) == 1:
        return standing.pop()
    if len(standing) > 1:
        # a corrected answer is initialled beside the new mark ("(3) ok JR")
        initialled = {_norm(w) for w in marked if _initialled(q, w)} & standing
        return initialled.pop() if len(initialled) == 1 else None
    # 3. the one option OCR did not read behind an empty box
    boxed = _by_empty_boxes(q, options)
    if boxed is not None:
        return boxed
    # 4. all options struck but one
    struck = [w for w in answer_words if any(
        m.kind == "stroke" and m.x0 <= w.xmid <= m.x1 and w.top <= (m.top + m.bottom) / 2
        <= w.bottom for m in marks)]
    left = [w for w in answer_words if w not in struck]
    if struck and len({_norm(w) for w in left}) == 1:
        return _norm(left[0])
    # 5. a checked box in an option's column whose option OCR did not read
    return _by_column(q, grid, answer_words) if grid else None


def _written_beside(q: Question, words: list[Word], options: tuple[str, ...]) -> str | None:
    """On an OCR page, a line holding every printed option and then one of them again
    ("Y N D Y", "1 2 3 3"): the last one is the answer written beside them."""
    if q.layout.page.source != "ocr":
        return None
    for line in q.lines:
        bare = sorted((w for w in words if w in line.words and
                       re.fullmatch(r"[YND123]\.?", w.text.strip())), key=lambda w: w.x0)
        texts = [_norm(w) for w in bare]
        if len(bare) == len(options) + 1 and set(texts[:-1]) == set(options) and \
                texts[-1] in options:
            return texts[-1]
    return None


_CIRCLED_GLYPHS = {"①": "1", "②": "2", "③": "3", "Ⓨ": "Y", "Ⓝ": "N", "Ⓓ": "D"}
_INITIALS = re.compile(r"^(?:ok|OK)?[A-Z]{2,3}\.?$|^(?:ok|OK)$")


def _initialled(q: Question, w: Word) -> bool:
    """Initials written just right of the option (a correction's sign-off)."""
    line = next((ln for ln in q.lines if w in ln.words), None)
    if line is None:
        return False
    after = sorted((x for x in line.words if x.x0 >= w.x1 - 1 and x.x0 - w.x1 < 60),
                   key=lambda x: x.x0)
    return bool(after) and bool(_INITIALS.match(after[0].text.strip())) and \
        not _is_option(after[0])


def _norm(w: Word) -> str:
    return _norm_text(w.text)


def _norm_text(text: str) -> str:
    text = text.strip()
    if text in _CIRCLED_GLYPHS:
        return _CIRCLED_GLYPHS[text]
    boxed = _EMPTY_BOX.match(text)
    if boxed:
        # OCR of an option behind its empty box: "□2", "□₂", "□o" (a boxed D)
        text = text[boxed.end():].translate(_SUBSCRIPTS).strip("()[].,:;").upper()
        return "D" if text in {"O", "0"} else text
    return text.strip("()[].,:;").upper()


_EMPTY_BOX = re.compile(r"^[□☐口▢◻]\s*(?=\S)")
_SUBSCRIPTS = str.maketrans("₀₁₂₃", "0123")
_CHECKED_GLYPH = re.compile(r"^[☒⊠区☑✓✔]$")
"""What OCR makes of a box with an X or a tick in it when it keeps it at all."""


def _by_empty_boxes(q: Question, options: tuple[str, ...]) -> str | None:
    """Options read behind their empty boxes ("□1 □2 3", "区 Y □N □D", run together as
    "1□2□3"): the one option whose box OCR did not read as empty is the one marked (its X
    took the glyph away, or OCR read it as a boxed X)."""
    for line in q.lines:
        tokens: list[tuple[str, bool, Word]] = []
        for w in line.words:
            if not q.top <= w.ymid < q.bottom or w is q.start or _inside_text(q, w):
                continue
            for part in _BOXED_PARTS.findall(w.text.strip()):
                option = _norm_text(part)
                if option in options:
                    tokens.append((option, bool(_EMPTY_BOX.match(part)), w))
        empty = {option for option, boxed, _ in tokens if boxed}
        plain = [(option, w) for option, boxed, w in tokens if not boxed]
        checked = {option for option, w in plain if _checked_before(line, w)}
        if len(checked) == 1:
            return checked.pop()
        left = {option for option, _ in plain} - empty
        if len(empty) >= len(options) - 1 >= 1 and len(left) == 1:
            return left.pop()
    return None


_BOXED_PARTS = re.compile(r"[□☐口▢◻]?[^\s□☐口▢◻]+")
"""An OCR word cut at its box glyphs: "1□2□3" → "1", "□2", "□3"."""


def _checked_before(line: Line, w: Word) -> bool:
    """The word before the option is a checked box glyph ("区 Y")."""
    i = line.words.index(w)
    return i > 0 and bool(_CHECKED_GLYPH.match(line.words[i - 1].text.strip())) and \
        w.x0 - line.words[i - 1].x1 < 2 * w.height


def _near(w: Word, m: Mark) -> bool:
    """A mark on or around an option word (a circle around it, a box or tick beside it)."""
    cx, cy = w.xmid, w.ymid
    if m.kind == "circle":
        if m.x0 - 2 <= cx <= m.x1 + 2 and m.top - 2 <= cy <= m.bottom + 2:
            return True
        # a small closed mark touching the option's left or right: its filled-in box as a
        # fax image shows it ("☒2" found as a blob, not as a box)
        small = m.x1 - m.x0 <= 1.2 * w.height and m.top - 2 <= cy <= m.bottom + 2
        return small and (0 <= w.x0 - m.x1 < 3 or 0 <= m.x0 - w.x1 < 3)
    if m.kind == "tick":
        return m.x0 - 6 <= cx <= m.x1 + 6 and m.top - 6 <= cy <= m.bottom + 6 and \
            (m.x1 - m.x0) < 30 and (m.bottom - m.top) < 30
    if m.kind == "box":
        # a box just left or right of the option, on its line
        same_line = m.top - 4 <= cy <= m.bottom + 4
        return same_line and (abs(m.x1 - w.x0) < 14 or abs(w.x1 - m.x0) < 14 or
                              m.x0 - 2 <= cx <= m.x1 + 2)
    return False


def _boxes_printed_left(words: Sequence[Word]) -> bool:
    """OCR read an option behind its empty box ("□1"): the form prints boxes left of the
    options."""
    return any(_EMPTY_BOX.match(w.text.strip()) for w in words)


def _lost_option(words: Sequence[Word], marks: Sequence[Mark], owners: dict[int, Word],
                 options: tuple[str, ...]) -> str | None:
    """A checked box among the options that no option read owns, where OCR shows the boxes
    printed left of their options ("□Y □N ☒" with the "D" lost): the one option not read."""
    if not _boxes_printed_left(words):
        return None
    missing = set(options) - {_norm(w) for w in words}
    if len(missing) != 1:
        return None
    span = (min(w.x0 for w in words), max(w.x1 for w in words))
    reach = 2.0 * max(w.x1 - w.x0 for w in words)
    for m in marks:
        mid = (m.top + m.bottom) / 2
        if m.kind == "box" and m.checked and id(m) not in owners and \
                any(w.top - 2 <= mid <= w.bottom + 2 for w in words) and \
                span[0] - reach <= m.x0 and m.x1 <= span[1] + reach:
            return missing.pop()
    return None


def _box_owners(words: Sequence[Word], marks: Sequence[Mark]) -> dict[int, Word]:
    """Each check box's option: the nearest option word on its line ("☐1 ☒2 ☐3": the box
    just left of "2", not the one right of "1"). Where OCR shows the options' boxes printed
    left of them ("□1"), a box belongs to the option right of it only."""
    out: dict[int, Word] = {}
    boxes_left = _boxes_printed_left(words)
    for m in marks:
        if m.kind != "box":
            continue
        near = [w for w in words if _near(w, m) and (not boxes_left or w.x1 > m.x1 + 1)]
        if near:
            out[id(m)] = min(near, key=lambda w: max(m.x0 - w.x1, w.x0 - m.x1, 0.0))
    return out


def _inside_text(q: Question, w: Word) -> bool:
    """The word belongs to the printed sentence of a question ("(1) At Rest", "Question 1
    performed", "taken on 4 LPM", "greater than 56%")."""
    text = w.text.strip()
    if text.startswith("(") and text.endswith(")"):
        # "(1) At Rest" in the printed sentence; an option typed circled in the answer
        # column, left of the question's number ("(Y)   N   D   4. If you are …"), is an answer
        return w.x1 > q.start.x0
    line = next((ln for ln in q.lines if w in ln.words), None)
    if line is None:
        return False
    i = line.words.index(w)
    close = 0.9 * w.height
    neighbours = []
    if i:
        neighbours.append((line.words[i - 1], w.x0 - line.words[i - 1].x1))
    if i + 1 < len(line.words):
        neighbours.append((line.words[i + 1], line.words[i + 1].x0 - w.x1))
    return any(gap < close and _sentence_word(x) for x, gap in neighbours)


def _sentence_word(w: Word) -> bool:
    """A word of printed prose (not an option, a blank marker like ``b)`` or a unit)."""
    text = w.text.strip().strip(".,;:?")
    return len(text) >= 3 and text[:1].isalpha() and text.lower() not in {
        "lpm", "mmhg", "mm", "hg"} and not _is_option(w) and not _INITIALS.match(text)


def _is_option(w: Word) -> bool:
    return _norm(w) in {"Y", "N", "D", "1", "2", "3"}


def _blank_values(p: Patterns, q: Question) -> list[tuple[str, Candidate, TextRun]]:
    """Numbers written on the ``mm Hg`` and ``%`` blanks of a result question: each number
    goes to the nearest blank on its right, on its line or written slightly above or below it
    (nearest pairs first, so a number written between two blanks goes to the closer one)."""
    out: list[tuple[str, Candidate, TextRun]] = []
    words = _joined_digits(q.words())
    blanks: list[tuple[str, Word]] = []
    for i, w in enumerate(words):
        t = w.text.strip().lower()
        if t in {"mmhg", "mmhq"} or (t in _MM_OCR and i + 1 < len(words)
                                     and words[i + 1].text.lower().startswith(("hg", "hq"))):
            blanks.append(("pao2", w))
        elif t == "%":
            blanks.append(("spo2", w))
        else:
            m = re.fullmatch(r"(\d{2,3}(?:\.\d)?)\s*(%|mmhg)", t)
            if m and not _printed_number(q, w):
                kind = "spo2" if m.group(2) == "%" else "pao2"
                raw = m.group(1)
                ok = value_ok(p, kind, raw + (" %" if kind == "spo2" else " mm Hg"), len(raw),
                              raw)
                if ok is not None:
                    out.append((kind, Candidate(kind, ok[0], 0, len(raw), None), _run(q, [w])))
    pairs: list[tuple[float, int, int]] = []
    marks = [m for m in q.layout.marks if q.top <= (m.top + m.bottom) / 2 < q.bottom]
    for b, (_, blank) in enumerate(blanks):
        for n, x in enumerate(words):
            if not _NUMBER.match(x.text.strip()) or x is q.start or _struck(x, marks):
                continue
            dx = blank.x0 - x.x1
            dy = abs(x.ymid - blank.ymid)
            if _printed_number(q, x) and not (dx < 30 and dy < 0.5 * blank.height):
                continue  # "taken on 4 LPM": unless it sits right on the blank
            if -2 <= dx <= 70 and dy <= 1.3 * max(blank.height, x.height):
                pairs.append((dx + 20 * dy, b, n))
    taken_blanks: set[int] = set()
    taken_numbers: set[int] = set()
    for _, b, n in sorted(pairs):
        if b in taken_blanks or n in taken_numbers:
            continue
        kind, blank = blanks[b]
        x = words[n]
        raw = x.text.strip().replace(",", ".")
        ok = value_ok(p, kind, raw + (" mm Hg" if kind == "pao2" else " %"), len(raw), raw)
        if ok is None:
            continue
        taken_blanks.add(b)
        taken_numbers.add(n)
        out.append((kind, Candidate(kind, ok[0], 0, len(raw), None), _run(q, [x, blank])))
    filled = {kind for kind, _, _ in out}
    for n, x in enumerate(words):
        raw = x.text.strip().rstrip(".").replace(",", ".")
        if n in taken_numbers or not _NUMBER.match(raw) or x is q.start or _struck(x, marks) \
                or _printed_number(q, x):
            continue
        # the blank's unit lost by OCR ("b)   89"): the line's letter says which blank it is
        letters = [(w, m) for w in words if w.x1 <= x.x0 and abs(w.ymid - x.ymid) < 0.5 * max(
            w.height, x.height) and (m := _BLANK_LETTER.match(w.text.strip())) is not None]
        if not letters:
            continue
        marker, letter = letters[0]
        kind = "pao2" if letter.group(1).lower() in "ao0n" else "spo2"
        ok = value_ok(p, kind, raw + (" mm Hg" if kind == "pao2" else " %"), len(raw), raw)
        if ok is not None and kind not in filled:
            filled.add(kind)
            out.append((kind, Candidate(kind, ok[0], 0, len(raw), None), _run(q, [marker, x])))
    return out


_MM_OCR = {"mm", "rnm", "min", "nm", "mn", "rn", "nn"}
"""OCR of the ``mm`` of a ``mm Hg`` blank."""
_BLANK_LETTER = re.compile(r"^([ao0nbh6])[)}\]]$", re.IGNORECASE)
"""The letter of a result blank ("a)" PO2, "b)" saturation) and its OCR misreadings."""


def _joined_digits(words: list[Word]) -> list[Word]:
    """Digits written one by one ("4" "4" touching) as the number they make."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and prev.text.isdigit() and w.text.strip().isdigit() and \
                len(prev.text) + len(w.text.strip()) <= 3 and \
                -0.5 * w.height <= w.x0 - prev.x1 < 0.3 * w.height and \
                min(prev.bottom, w.bottom) - max(prev.top, w.top) > 0.5 * min(
                    prev.height, w.height):
            out[-1] = Word(prev.text + w.text.strip(), prev.x0, min(prev.top, w.top), w.x1,
                           max(prev.bottom, w.bottom), min(prev.conf, w.conf), prev.font)
            continue
        out.append(w)
    return out


def _struck(w: Word, marks: Sequence[Mark]) -> bool:
    """A value struck through (a line across its middle, about as long as the value; not the
    blank's underline): withdrawn, its correction stands."""
    width = w.x1 - w.x0
    for m in marks:
        flat = m.kind == "stroke" or (m.kind == "tick" and m.bottom - m.top <= 2.5)
        if flat and m.x0 <= w.xmid <= m.x1 and 0.6 * width <= m.x1 - m.x0 <= 2 * width + 8 \
                and w.top + 0.3 * w.height <= (m.top + m.bottom) / 2 <= w.bottom - 0.3 * w.height:
            return True
    return False


def _printed_number(q: Question, w: Word) -> bool:
    """A number that is part of the printed question ("taken on 4 LPM", "56%")."""
    return _inside_text(q, w) and not _hand(w, _dominant_font(q.layout))


def _run(q: Question, words: list[Word]) -> TextRun:
    line = next((ln for ln in q.lines if words[0] in ln.words), q.lines[0])
    return TextRun.of(line.page, words, line.run.source, line.run.to_page)


def _date(p: Patterns, ctx: SegmentContext, q: Question) -> DateRef | None:
    for line in q.layout.lines:
        if not any(q.top <= w.ymid < q.limit for w in line.words):
            continue
        for d in dates_in(p, line.run, line.index, ctx.convention):
            words = line.run.span_words(d.date.start, d.date.end)
            if d.date.iso and words and all(q.top <= w.ymid < q.limit for w in words):
                return date_ref(d)
    return None


def _flow(q: Question) -> float | None:
    words = q.words()
    for i, w in enumerate(words):
        if w.text.strip().upper() in {"LPM", "L/MIN"} and i and not _inside_text(q, w):
            prev = words[i - 1].text.strip()
            if _NUMBER.match(prev):
                return float(prev.replace(",", "."))
    return None


def _performer(q: Question) -> tuple[str, Evidence] | None:
    for line in q.lines:
        if line.words and line.words[0] is q.start:
            continue
        text = _PERFORMER_VALUE.sub("", line.text)
        found = classify_org(text)
        if found is not None:
            return found, line.run.evidence()
    return None


def read_cmn(p: Patterns, ctx: SegmentContext) -> tuple[list[Found], CmnAnswers]:
    questions = _questions(ctx.segment.layouts)
    answers = CmnAnswers(questions=len(questions))
    fonts = {id(layout): _dominant_font(layout) for layout in ctx.segment.layouts}
    grid = _grid(questions)
    setting = next((SETTINGS.get(_choice(q, fonts[id(q.layout)], grid) or "")
                    for q in questions if q.kind == "condition"), None)
    found: list[Found] = []
    for q in questions:
        printed = fonts[id(q.layout)]
        if q.kind in ("result", "high_flow_result"):
            date = _date(p, ctx, q)
            values = _blank_values(p, q)
            both = {kind for kind, _, _ in values} == {"pao2", "spo2"}
            if q.kind == "result":
                cues = Cues(setting=setting, oxygen="room_air",
                            method="abg" if both else None)
            else:
                cues = Cues(setting="rest", oxygen="supplemental", flow=4.0,
                            method="abg" if both else None)
            for kind, cand, run in values:
                cand.kind = kind
                found.append(Found(cand, run, cues, date, "form", (0, len(run.text)),
                                   "PO2" if kind == "pao2" else ("SaO2" if both else "SpO2"),
                                   kind == "pao2" or both))
        elif q.kind == "portable":
            answers.portable = _choice(q, printed, grid)
        elif q.kind == "flow":
            answers.flow = _flow(q)
        elif q.kind == "performer":
            answers.performer = _performer(q)
        elif q.kind in ("edema_chf", "cor_ph", "hematocrit"):
            answer = _choice(q, printed, grid)
            names = {"edema_chf": ("dependent_edema", "congestive_heart_failure"),
                     "cor_ph": ("pulmonary_hypertension", "cor_pulmonale"),
                     "hematocrit": ("erythrocythemia",)}[q.kind]
            run = next((ln.run for ln in q.lines if q.start in ln.words), q.lines[0].run)
            for name in names:
                if answer == "Y":
                    answers.findings[name] = run
                elif answer == "N" and q.kind != "edema_chf":
                    # "edema due to CHF? N" may deny either: it negates neither
                    answers.negated[name] = run
    return found, answers
