"""A PDF page's cost, measured from its structure before it is parsed or rendered.

Both readers of a page trust the file: pdfminer (the text layer) inflates every content stream
whole and draws nested forms by recursion; pdfium (rendering for OCR and for the window) decodes
every image at full size. A few kilobytes can therefore ask for gigabytes or hours: a stream
that inflates to 2 GB, forms that each draw the next one twice (2**26 draws), a 40000 × 40000
image. `check_page` walks the page's content, forms and resources once, inflating streams in
bounded chunks, and says whether the page is within `extractors.read.budget`:

* ``refuse``: the page cannot be read within the budgets (one line, no document text);
* ``render``: its text layer may be parsed but the page must not be rendered (an image too
  large to decode, an annotation appearance that fans out);
* ``text_layer``: the page may be rendered but its text layer must not be parsed (read by OCR).

The walk itself is bounded: each stream is inflated at most once, to at most
`MAX_STREAM_BYTES`, and forms are costed once each (a form drawn many times adds its cost
many times without being walked again).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    LITERALS_LZW_DECODE,
    LITERALS_RUNLENGTH_DECODE,
    PDFObjRef,
    PDFStream,
    resolve1,
)
from pdfminer.psparser import PSLiteral
from pdfminer.runlength import rldecode

from extractors.read.budget import (
    MAX_CONTENT_BYTES,
    MAX_DECODE_BYTES,
    MAX_DRAWS,
    MAX_FORM_DEPTH,
    MAX_STREAM_BYTES,
    MAX_TEXT_CONTENT_BYTES,
    MiB,
)

_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_INLINE = re.compile(rb"(?<![^\s\]>)}])BI\s(.{0,600}?)\sID[\s]", re.DOTALL)
_INLINE_W = re.compile(rb"/(?:W|Width)\s+(\d{1,9})")
_INLINE_H = re.compile(rb"/(?:H|Height)\s+(\d{1,9})")
_INLINE_GRAY = re.compile(rb"/(?:CS|ColorSpace)\s*/(?:G|DeviceGray|I|Indexed)\b|"
                          rb"/(?:IM|ImageMask)\s+true")
_MAX_WALK_OBJECTS = 50_000
"""Objects visited in a page's resources (fonts, patterns) before the walk stops counting."""


class _Over(Exception):
    """The page is over a budget; the message says which, in the user's words."""


@dataclass
class PageCheck:
    """What `check_page` found; all None means the page may be read as usual."""

    refuse: str | None = None
    """Neither its text layer may be parsed nor the page rendered."""
    render: str | None = None
    """The page must not be rendered (for OCR or on screen); its text layer may be parsed."""
    text_layer: str | None = None
    """Its text layer must not be parsed; the page may be rendered and OCR'd."""
    content_bytes: int = 0
    draws: int = 0
    depth: int = 0
    largest_image: tuple[int, int] = (0, 0)


@dataclass
class _Cost:
    content: int = 0
    draws: int = 0
    depth: int = 0
    image_bytes: int = 0
    image_size: tuple[int, int] = (0, 0)
    cycle: bool = False

    def add(self, other: _Cost, times: int = 1, level: int = 0) -> None:
        """Add ``other`` drawn ``times`` times, ``level`` forms deeper than this."""
        self.content += other.content * times
        self.draws += other.draws * times
        self.depth = max(self.depth, other.depth + level)
        if other.image_bytes > self.image_bytes:
            self.image_bytes, self.image_size = other.image_bytes, other.image_size
        self.cycle = self.cycle or other.cycle


@dataclass
class _Walk:
    known: set[int]
    """Object numbers of font and pattern streams already found small (on earlier pages)."""
    memo: dict[tuple[int, int], _Cost] = field(default_factory=dict)
    keep: list[Any] = field(default_factory=list)
    """Objects whose id() is a memo key, kept alive for the walk."""
    stack: set[int] = field(default_factory=set)
    visited: set[int] = field(default_factory=set)
    walked: int = 0


def _mb(n: int) -> str:
    return f"{n / MiB:,.0f} MB"


def _inflate(data: bytes, cap: int) -> bytes | None:
    """zlib-inflate ``data`` to at most ``cap`` bytes (None when longer). Corrupt data gives
    what inflated before the damage, as pdfminer's own fallback does."""
    d = zlib.decompressobj()
    out = bytearray()
    try:
        for pos in range(0, len(data), 1 << 16):
            pending = data[pos:pos + (1 << 16)]
            while pending:
                out += d.decompress(pending, cap + 1 - len(out))
                if len(out) > cap:
                    return None
                pending = d.unconsumed_tail
            if d.eof:
                break
    except zlib.error:
        pass
    return bytes(out)


def _lzw(data: bytes, cap: int) -> bytes | None:
    import io

    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > cap:
            return None
    return bytes(out)


def bounded_data(stream: PDFStream, cap: int = MAX_STREAM_BYTES) -> bytes | None:
    """The stream's decoded bytes when they are at most ``cap`` long, else None. Image codecs
    (DCT, JPX, JBIG2, CCITT) are left encoded; predictors never make data longer and are not
    applied. A stream pdfminer has decoded already is returned as it is."""
    if stream.data is not None:
        return stream.data if len(stream.data) <= cap else None
    data = stream.rawdata or b""
    if stream.decipher is not None and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _params in stream.get_filters():
        decoded: bytes | None
        if name in LITERALS_FLATE_DECODE:
            decoded = _inflate(data, cap)
        elif name in LITERALS_LZW_DECODE:
            decoded = _lzw(data, cap)
        elif name in LITERALS_ASCII85_DECODE:
            decoded = ascii85decode(data)
        elif name in LITERALS_ASCIIHEX_DECODE:
            decoded = asciihexdecode(data)
        elif name in LITERALS_RUNLENGTH_DECODE:
            decoded = rldecode(data) if len(data) * 64 <= cap * 2 else None
        else:  # image codecs: not inflated by pdfminer, bounded by the image's size
            break
        if decoded is None or len(decoded) > cap:
            return None
        data = decoded
    return data


def _name(raw: bytes) -> str:
    return _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _dict(value: Any) -> dict[str, Any]:
    value = resolve1(value)
    if isinstance(value, PDFStream):
        return value.attrs
    return value if isinstance(value, dict) else {}


def _literal(value: Any) -> str:
    value = resolve1(value)
    if not isinstance(value, PSLiteral):
        return ""
    name = value.name
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def _image_cost(image: PDFStream) -> tuple[int, tuple[int, int]]:
    """Bytes a renderer holds to draw the image decoded (4 per pixel in colour, else 1)."""
    try:
        width = max(0, int(resolve1(image.get("Width")) or 0))
        height = max(0, int(resolve1(image.get("Height")) or 0))
    except (TypeError, ValueError):
        return 0, (0, 0)
    space = resolve1(image.get("ColorSpace"))
    kind = _literal(space[0]) if isinstance(space, list) and space else _literal(space)
    if kind == "ICCBased" and isinstance(space, list) and len(space) > 1:
        colour = int(resolve1(_dict(space[1]).get("N")) or 1) >= 3
    elif kind:
        colour = kind not in ("DeviceGray", "CalGray", "G", "Indexed", "I", "Separation")
    else:  # no colour space: an image mask, or a JPEG 2000 that says its own
        colour = not resolve1(image.get("ImageMask"))
    return width * height * (4 if colour else 1), (width, height)


def _content(walk: _Walk, streams: list[Any], resources: dict[str, Any]) -> _Cost:
    """Cost of drawing ``streams`` (one content) with ``resources``."""
    cost = _Cost()
    xobjects = _dict(resources.get("XObject"))
    for ref in streams:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        data = bounded_data(stream)
        if data is None:
            raise _Over(f"its drawing inflates to more than {_mb(MAX_STREAM_BYTES)}")
        cost.content += len(data)
        for m in _INLINE.finditer(data):  # BI /W 2000 /H 3000 ... ID: decoded by the renderer
            head = m.group(1)
            w, h = _INLINE_W.search(head), _INLINE_H.search(head)
            if w and h:
                width, height = int(w.group(1)), int(h.group(1))
                gray = _INLINE_GRAY.search(head) is not None
                size = width * height * (1 if gray else 4)
                if size > cost.image_bytes:
                    cost.image_bytes, cost.image_size = size, (width, height)
        counts: dict[str, int] = {}
        for m in _DO.finditer(data):
            name = _name(m.group(1))
            counts[name] = counts.get(name, 0) + 1
        for name, times in counts.items():
            target = xobjects.get(name)
            if target is None:
                continue
            cost.draws += times
            form = _literal(_dict(target).get("Subtype")) == "Form"
            cost.add(_xobject(walk, target, resources), times, level=1 if form else 0)
    cost.add(_resources(walk, resources))
    return cost


def _xobject(walk: _Walk, ref: Any, parent_resources: dict[str, Any],
             form: bool = False) -> _Cost:
    """Cost of drawing one XObject (``form``: a stream drawn as a form whatever it says)."""
    obj = resolve1(ref)
    if not isinstance(obj, PDFStream):
        return _Cost()
    subtype = _literal(obj.get("Subtype"))
    if subtype == "Image" and not form:
        size, dims = _image_cost(obj)
        return _Cost(image_bytes=size, image_size=dims)
    if subtype != "Form" and not form:
        return _Cost()
    own = obj.get("Resources")
    resources = _dict(own) if own is not None else parent_resources
    key = (id(obj), id(resources))
    if key in walk.memo:
        return walk.memo[key]
    if id(obj) in walk.stack:
        return _Cost(cycle=True)
    if len(walk.stack) > 2 * MAX_FORM_DEPTH:
        raise _Over(f"its drawing is nested more than {2 * MAX_FORM_DEPTH} levels deep")
    walk.stack.add(id(obj))
    try:
        cost = _content(walk, [obj], resources)
    finally:
        walk.stack.discard(id(obj))
    walk.memo[key] = cost
    walk.keep += [obj, resources]
    return cost


def _resources(walk: _Walk, resources: dict[str, Any]) -> _Cost:
    """Fonts, patterns, shadings and graphics states: every stream they hold is inflated
    (bounded); tiling patterns, Type 3 glyphs and soft masks are drawn like forms."""
    cost = _Cost()
    for category in ("Font", "Pattern", "Shading", "ExtGState"):
        entries = _dict(resources.get(category))
        for value in entries.values():
            cost.add(_walk_object(walk, value, resources, 0))
    return cost


def _walk_object(walk: _Walk, value: Any, resources: dict[str, Any], level: int) -> _Cost:
    cost = _Cost()
    if level > 12 or walk.walked > _MAX_WALK_OBJECTS:
        return cost
    ref_id = value.objid if isinstance(value, PDFObjRef) else None
    obj = resolve1(value)
    marker = id(obj) if ref_id is None else -ref_id
    if isinstance(obj, dict | list | PDFStream):
        if marker in walk.visited:
            return cost
        walk.visited.add(marker)
        walk.keep.append(obj)
    walk.walked += 1
    if isinstance(obj, PDFStream):
        subtype = _literal(obj.get("Subtype"))
        if subtype in ("Form", "Image"):  # a soft mask's group, an image mask
            cost.add(_xobject(walk, obj, resources), level=1 if subtype == "Form" else 0)
            return cost
        if resolve1(obj.get("PatternType")) == 1:  # a tiling pattern's cell
            cost.add(_content(walk, [obj], _dict(obj.get("Resources")) or resources), level=1)
            return cost
        if ref_id is None or ref_id not in walk.known:
            if bounded_data(obj) is None:
                raise _Over(f"one of its fonts or patterns inflates to more than "
                            f"{_mb(MAX_STREAM_BYTES)}")
            if ref_id is not None:
                walk.known.add(ref_id)
        children: list[Any] = list(obj.attrs.values())
    elif isinstance(obj, dict):
        procs = _dict(obj.get("CharProcs"))
        if procs:  # a Type 3 font: each glyph is a little content stream
            font_res = _dict(obj.get("Resources")) or resources
            for proc in procs.values():
                glyph = resolve1(proc)
                if isinstance(glyph, PDFStream):
                    cost.add(_content(walk, [glyph], font_res), level=1)
        children = [v for k, v in obj.items() if k not in ("CharProcs", "Parent", "P")]
    elif isinstance(obj, list):
        children = list(obj)
    else:
        return cost
    for child in children:
        cost.add(_walk_object(walk, child, resources, level + 1))
    return cost


def _annotations(walk: _Walk, annots: Any) -> _Cost:
    """Appearances of annotations and form fields, which the renderer draws like forms."""
    cost = _Cost()
    items = resolve1(annots)
    for annot in (items if isinstance(items, list) else [])[:5000]:
        appearance = resolve1(_dict(annot).get("AP"))
        normal = resolve1(appearance.get("N")) if isinstance(appearance, dict) else None
        states = [normal] if isinstance(normal, PDFStream) else \
            list(normal.values())[:50] if isinstance(normal, dict) else []
        for state in states:
            cost.add(_xobject(walk, state, {}, form=True), level=1)
    return cost


def _render_over(cost: _Cost) -> str | None:
    """Why a renderer must not draw what ``cost`` measures (None: it may)."""
    if cost.draws > MAX_DRAWS:
        return f"it draws {cost.draws:,} forms and images (more than {MAX_DRAWS:,})"
    if cost.content > MAX_CONTENT_BYTES:
        return (f"its drawing expands to {_mb(cost.content)} "
                f"(more than {_mb(MAX_CONTENT_BYTES)})")
    if cost.image_bytes > MAX_DECODE_BYTES:
        w, h = cost.image_size
        return f"it holds a {w:,} × {h:,} pixel image, too large to decode in memory"
    return None


def check_page(contents: list[Any], resources: dict[Any, Any], annots: Any = None,
               known: set[int] | None = None) -> PageCheck:
    """Check one page (pdfminer's ``PDFPage.contents``, ``.resources`` and ``.annots``)
    against the budgets; never raises for a damaged page (pdfminer reports that when it
    parses it). ``known`` (kept by the caller from page to page) spares inflating the same
    fonts again on every page of a long document."""
    walk = _Walk(known if known is not None else set())
    try:
        cost = _content(walk, list(contents or []), resources or {})
    except _Over as over:
        return PageCheck(refuse=str(over))
    except RecursionError:
        return PageCheck(refuse="its drawing is nested too deeply")
    except Exception:  # a damaged object: let the readers say what is wrong
        return PageCheck()
    check = PageCheck(content_bytes=cost.content, draws=cost.draws, depth=cost.depth,
                      largest_image=cost.image_size)
    if cost.draws > MAX_DRAWS or cost.content > MAX_CONTENT_BYTES:
        check.refuse = _render_over(cost)  # both readers would run all of it
        return check
    check.render = _render_over(cost)  # images: only the renderer decodes them
    try:
        drawn = _annotations(walk, annots)  # appearances: only the renderer draws them
        check.render = check.render or _render_over(drawn)
    except _Over as over:
        check.render = check.render or str(over)
    except Exception:
        pass
    if cost.cycle:
        check.text_layer = "its drawing refers to itself"
    elif cost.depth > MAX_FORM_DEPTH:
        check.text_layer = f"its drawing is nested {cost.depth} levels deep"
    elif cost.content > MAX_TEXT_CONTENT_BYTES:
        check.text_layer = f"its drawing is large ({_mb(cost.content)})"
    return check
