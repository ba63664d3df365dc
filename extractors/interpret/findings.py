"""Group II findings (edema, CHF, pulmonary hypertension, cor pulmonale, P pulmonale,
erythrocythemia, cluster headache) with what the text asserts about each mention.

Only present mentions become findings; denied ones are `negated_findings`; possible,
hypothetical, historical and family ones are `uncertain_findings`. Titles and letterhead
lines, form instructions and printed questions are never findings by themselves: a form item
counts only by its marked answer (a checked Yes / Y is present, No / N denied, D or no answer
nothing), and an item of a check-box list only when its box is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.interpret.assertion import Status, assertion, is_question, sentence_of
from extractors.interpret.context import SegmentContext
from extractors.layout import Checkbox, Line, PageLayout, TextRun
from extractors.patterns import Patterns

_TITLE_WORDS = re.compile(r"\b(?:clinic|center|centre|associates|institute|program|service|"
                          r"department|dept|foundation|society|hospital|handout|education|"
                          r"work-?up|assessment|evaluation|screening|protocol|pc|llc|inc|"
                          r"group|specialists|consultants)\b", re.IGNORECASE)
_INSTRUCTION = re.compile(r"\bgroup\s+ii\b|\bcriteria\b|\bconditions? to document\b|"
                          r"\bcheck all that apply\b|\bmust be met\b|\banswer questions\b|"
                          r"\bif applicable\b|\bcircle y for yes\b|\bsupporting need\b",
                          re.IGNORECASE)
_YES = re.compile(r"^\s*(?:y|yes)\s*$", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:n|no)\s*$", re.IGNORECASE)
_ANSWER_WORD = re.compile(r"^\s*(?:y|yes|n|no|d|n/a|na)\s*$", re.IGNORECASE)
_GRADE_PRESENT = re.compile(r"^\s*(?:trace|[1-4]\s?\+|\+{1,4}|present|positive|pitting|mild|"
                            r"moderate|severe|bilateral|yes)(?!\w)", re.IGNORECASE)
_GRADE_ABSENT = re.compile(r"^\s*(?:none|absent|negative|no|neg)[.,;]?\s*$", re.IGNORECASE)
_TYPED_AFTER = re.compile(r"\?\s*(?:\(?y/n\)?\s*:?\s*)?(?P<a>yes|no|y|n|d)(?![\w/])"
                          r"(?!\s+(?:y|n|d|yes|no)\b)(?!\s*[☐☒☑□■▣\[(])", re.IGNORECASE)
_TYPED_YN = re.compile(r"\by/n\s*:\s*(?P<a>yes|no|y|n)\b", re.IGNORECASE)
_LEFT_ANSWER = re.compile(r"^\s*(?P<a>Y|N|D)\s+(?:\d{1,2}[.)]\s)")
_ANSWER_LINE = re.compile(r"^\s*(?:answer|response|ans)\s*:\s*(?P<a>yes|no|y|n)\b",
                          re.IGNORECASE)
_BLANK_VALUE = re.compile(r":\s*(?:_{2,}|\.{3,}|-{3,})?\s*$")
_QUESTION_NUMBER = re.compile(r"^\s*(?:[YND]\s+)?\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Mention:
    finding: str
    status: Status
    run: TextRun
    start: int
    end: int


def _terms(p: Patterns, text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for name, rxs in p.findings.items():
        for rx in rxs:
            for m in rx.finditer(text):
                lead = len(m.group(0)) - len(m.group(0).lstrip())
                spans.append((m.start() + lead, m.end(), name))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        if not any(k[0] <= s[0] < k[1] or s[0] <= k[0] < s[1] for k in kept):
            kept.append(s)
    return kept


def _title_like(line: Line) -> bool:
    """A title, letterhead or heading line ("HEART FAILURE CLINIC", "ERYTHROCYTOSIS WORKUP",
    "Lakeside Pulmonary & Pulmonary Hypertension Associates, PC")."""
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > 10 or re.search(r"[.;]\s+\S", text) or text.endswith("."):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(_TITLE_WORDS.search(text)) or (upper and len(words) <= 6)


def _sentence_case(text: str) -> bool:
    """"Moderate pulmonary hypertension (mean PA": an item of a list, not a title ("Pulmonary
    Hypertension", "PULMONARY HYPERTENSION CLINIC")."""
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", text)
    return len(words) >= 2 and words[0][0].isupper() and words[1][0].islower() and \
        len(words[1]) > 2


def _line_of(layout: PageLayout, run: TextRun, pos: int) -> Line | None:
    words = run.span_words(pos, pos + 1)
    if not words:
        return None
    return next((ln for ln in layout.lines if words[0] in ln.words), None)


def _box_answer(boxes: list[Checkbox]) -> str | None:
    """The checked answer among Yes/No/D boxes, or among grades ("☐ none ☒ 1+ ☐ 2+"):
    "Y", "N", "D"; None when none (or more than one kind) is checked."""
    answers = set()
    for b in boxes:
        if not b.checked or b.label is None:
            continue
        text = b.label.text
        if _YES.match(text) or _GRADE_PRESENT.match(text):
            answers.add("Y")
        elif _NO.match(text) or _GRADE_ABSENT.match(text):
            answers.add("N")
        elif _ANSWER_WORD.match(text):
            answers.add("D")
    return answers.pop() if len(answers) == 1 else None


def _form_answer(layout: PageLayout, line: Line, ctx_lines: list[Line]) -> str | None:
    """The marked or written answer of the form item on ``line``: Y, N, D or None."""
    boxes = [b for b in layout.checkboxes if b.line == line.index]
    answer = _box_answer(boxes)
    if answer is not None:
        return answer
    for choice in layout.choices:
        if choice.line == line.index and choice.selected is not None:
            text = choice.selected.text.upper()
            return {"YES": "Y", "NO": "N"}.get(text, text if text in "YND" else None)
    for rx in (_TYPED_AFTER, _TYPED_YN, _LEFT_ANSWER):
        m = rx.search(line.text)
        if m:
            return m.group("a")[0].upper()
    head = _question_head(layout, line)
    if head is not line:
        return _form_answer(layout, head, [ln for ln in ctx_lines if ln.index > head.index])
    for below in ctx_lines:
        if _QUESTION_NUMBER.match(below.text):
            break
        m = _ANSWER_LINE.match(below.text)
        if m:
            return m.group("a")[0].upper()
        if _OWN_LABEL.match(below.text):
            break  # the next item of the form ("JVD: ☐ absent ☑ present") answers itself
        boxes = [b for b in layout.checkboxes if b.line == below.index]
        answer = _box_answer(boxes)
        if answer is not None:
            return answer
        for choice in layout.choices:
            if choice.line == below.index and choice.selected is not None:
                return choice.selected.text[0].upper()
    return None


_OWN_LABEL = re.compile(r"^\s*[A-Z][A-Za-z /&-]{1,30}:")
"""A line opening with a label of its own ("JVD:", "Heart rhythm:")."""


def _question_head(layout: PageLayout, line: Line) -> Line:
    """The first line of the numbered form question ``line`` belongs to."""
    for k in range(line.index, max(-1, line.index - 4), -1):
        cand = layout.lines[k]
        if _QUESTION_NUMBER.match(cand.text):
            return cand
        if k < line.index and cand.text.rstrip().endswith(("?", ".")):
            break
    return line


def _asks(layout: PageLayout, line: Line, text: str, start: int, end: int) -> bool:
    """A question, also one whose "?" is on a following line of the form."""
    if is_question(text, start, end):
        return True
    head = _question_head(layout, line)
    joined = " ".join(ln.text for ln in layout.lines[head.index:head.index + 4])
    return bool(re.match(r"^\s*(?:[YND]\s+)?(?:\d{1,2}[.)]\s*)?(?:does|do|is|are|has|have|was|"
                         r"were|did|any)\b[^?]*\?", joined, re.IGNORECASE))


def _form_item(layout: PageLayout, line: Line, text: str, start: int, end: int) -> bool:
    """The mention is a form item (a question, a check-box line, an answer blank)."""
    if any(b.line == line.index for b in layout.checkboxes):
        return True
    if any(c.line == line.index for c in layout.choices):
        return True
    if _asks(layout, line, text, start, end) or _LEFT_ANSWER.match(line.text):
        return True
    after = line.text[line.text.find(text[start:end]) + (end - start):] if \
        text[start:end] in line.text else ""
    return bool(_BLANK_VALUE.match(after)) or bool(_TYPED_YN.search(line.text))


def _checked_item(layout: PageLayout, line: Line, run: TextRun, start: int) -> bool | None:
    """For a term that is the label of a check box: whether it is checked (None: no box)."""
    words = run.span_words(start, start + 1)
    for box in layout.checkboxes:
        if box.line == line.index and box.label is not None and words and \
                words[0] in box.label.words:
            return box.checked
    return None


def _column_answer(layout: PageLayout, line: Line, run: TextRun, start: int, end: int
                   ) -> str | None:
    """A term that heads a table column ("Date | BP | SpO2 | Edema") says nothing by itself:
    its cells answer it — any grade or "present" (Y), else "none"/"absent" (N), else nothing
    ("D"). None when the term is not in a table's header."""
    words = run.span_words(start, end)
    if not words:
        return None
    for table in layout.tables:
        if line.index != table.header_line and line.index not in table.header_extra:
            continue
        middle = (words[0].x0 + words[-1].x1) / 2
        column = next((i for i, c in enumerate(table.columns) if c.x0 <= middle <= c.x1), None)
        if column is None:
            return "D"
        cells = [c.run.text for row in table.rows if (c := row.cell(column)) is not None]
        if any(_GRADE_PRESENT.match(text) or _YES.match(text) for text in cells):
            return "Y"
        if any(_GRADE_ABSENT.match(text) or _NO.match(text) for text in cells):
            return "N"
        return "D"
    return None


_OPTION = re.compile(r"\b(?:none|trace|absent|present)\b|(?<![\w+])[1-4]\s?\+", re.IGNORECASE)
_MARKED_OPTION = re.compile(r"(?:^|\s)(?:x|☒|■|✓|✔|\[x\]|\(x\))\s*(?P<o>none|trace|absent|present|"
                            r"[1-4]\s?\+)", re.IGNORECASE)


def _label_answer(line: Line, term: str, layout: PageLayout, sentence: str = "") -> str | None:
    """A term that is a form's label ("Edema:", "SKIN/EDEMA:") says nothing by itself: its
    value answers it — a grade or "present" (Y), "none"/"absent" (N); a printed option list
    with no known mark, or a blank template ("location ___ grade ___"), answers nothing ("D").
    None when the term is not a label (or its line's check boxes decide). ``sentence`` is the
    rest of the term's sentence, which may run on past the line."""
    at = line.text.find(term)
    if at < 0:
        return None
    after = line.text[at + len(term):]
    if any(b.line == line.index for b in layout.checkboxes):
        return None
    if re.match(r"\s+(?:location|grade|site)\b", after, re.IGNORECASE):
        return "D"  # "Edema location ___ grade ___": a prompt of the form, unmarked
    if not re.match(r"\s*:", after):
        return None
    value = line.text[at + len(term):].lstrip()[1:]
    if re.search(r"\b(?:yes|y)\b", value, re.IGNORECASE) and \
            re.search(r"\b(?:no|n)\b", value, re.IGNORECASE):
        return None  # printed Yes / No options: their marks decide (the choice reader)
    if len(_OPTION.findall(value)) >= 3:
        m = _MARKED_OPTION.search(value)
        if m is None:
            return "D"
        return "N" if re.match(r"none|absent", m.group("o"), re.IGNORECASE) else "Y"
    if _GRADE_PRESENT.match(value):
        return "Y"
    if re.match(r"\s*(?:none|absent|negative|no|neg)\b", value, re.IGNORECASE):
        # "Edema: none"; not "Edema: no significant change, still 2+ to knees" (the sentence
        # may wrap onto the next line)
        return None if _OPTION.search(value) or _OPTION.search(sentence) else "N"
    if re.search(r"\b(?:location|grade)\b|_{2,}", value, re.IGNORECASE) or not value.strip():
        return "D"
    return None


def _units(ctx: SegmentContext) -> Iterator[tuple[PageLayout, TextRun, int, str]]:
    """Text to look in: paragraphs, prose running down the right of rows, then the lines
    outside paragraphs."""
    for layout in ctx.segment.layouts:
        in_paragraph = {i for para in layout.paragraphs for i in para.lines}
        for para in layout.paragraphs:
            yield layout, para.run, para.lines[0], "prose"
        for first, run in _running_on(layout, in_paragraph):
            yield layout, run, first, "run_on"
        for line, role in zip(layout.lines, layout.roles, strict=True):
            if line.index not in in_paragraph:
                yield layout, line.run, line.index, role


_SENTENCE_END = re.compile(r"[.!?:;]\W*$")
_ALIGNED = 12.0
"""Points two segments' left edges may differ by and still be one column of text."""


def _running_on(layout: PageLayout, skip: set[int]) -> list[tuple[int, TextRun]]:
    """Prose of a column beside a grid that the layout read as the rows' last cells (a two-
    column page: "… Extremities without" over "edema."): the last segments of successive
    rows, at one left edge, where a sentence runs on into the next row's lower-case start,
    joined into one run, so that the sentence is read whole."""
    out: list[tuple[int, TextRun]] = []
    chain: list[tuple[int, TextRun]] = []

    def flush() -> None:
        if len(chain) >= 2:
            words = [w for _i, run in chain for w in run.words]
            head = chain[0][1]
            out.append((chain[0][0], TextRun.of(head.page, words, head.source, head.to_page)))

    for line in layout.lines:
        last = line.segments[-1] if len(line.segments) >= 2 else None
        if last is None or line.index in skip:
            flush()
            chain = []
            continue
        prev = chain[-1] if chain else None
        if prev is not None and prev[0] == line.index - 1 and \
                abs(last.x0 - prev[1].bbox[0]) <= _ALIGNED and last.text[:1].islower() and \
                not _SENTENCE_END.search(prev[1].text):
            chain.append((line.index, last.run))
            continue
        flush()
        chain = [(line.index, last.run)]
    flush()
    return out


def mentions(p: Patterns, ctx: SegmentContext) -> list[Mention]:
    out: list[Mention] = []
    read: set[int] = set()
    """Words already read within a run-on sentence: their own line says less."""
    for layout, run, first_line, role in _units(ctx):
        text = run.text
        page = layout.page.number
        section = ctx.section(page, first_line)
        for a, b, name in _terms(p, text):
            if role == "run_on":
                read.update(id(w) for w in run.span_words(a, b))
            elif read and (words := run.span_words(a, b)) and \
                    all(id(w) in read for w in words):
                continue
            line = _line_of(layout, run, a) or layout.lines[first_line]
            checked = _checked_item(layout, line, run, a)
            if checked is not None:
                if checked:
                    out.append(Mention(name, "present", run, a, b))
                continue
            s0, s1 = sentence_of(text, a, b)
            if s0 == 0 and text[:1].islower() and line.index > 0 and \
                    _INSTRUCTION.search(layout.lines[line.index - 1].text):
                continue  # the rest of an instruction from the line before
            heading = (layout.roles[line.index] == "heading" and not _sentence_case(line.text)) \
                or _title_like(line)
            if _INSTRUCTION.search(text, s0, s1) or (heading and not re.search(
                    r"\bno\b|\bdenies\b|\bnegative\b", line.text, re.IGNORECASE)):
                continue
            headed = _column_answer(layout, line, run, a, b)
            if headed is not None:
                if headed != "D":
                    out.append(Mention(name, "present" if headed == "Y" else "negated", run,
                                       a, b))
                continue
            end = re.search(r"(?<!\d)\.(?:\s|$)|\n", text[b:])
            labelled = _label_answer(line, text[a:b], layout,
                                     text[b:b + end.start()] if end else text[b:])
            if labelled is not None:
                if labelled == "Y":
                    out.append(Mention(name, "present", run, a, b))
                elif labelled == "N":
                    out.append(Mention(name, "negated", run, a, b))
                continue
            q = text.rfind("?", 0, a)
            answered_here = q >= 0 and text[q + 1:a].strip()[:3].lower() in {"yes", "no", "y -"}
            if not answered_here and _form_item(layout, line, text, a, b):
                below = [ln for ln in layout.lines[line.index + 1:line.index + 3]]
                answer = _form_answer(layout, line, below)
                if answer == "Y":
                    out.append(Mention(name, "present", run, a, b))
                elif answer == "N":
                    out.append(Mention(name, "negated", run, a, b))
                continue
            status = assertion(text, a, b, section.label if section else None)
            if status == "question":
                continue
            out.append(Mention(name, status, run, a, b))
    return out
