"""Is a document file whole yet? A cheap structural look, no parsing of the content.

A fax service may write a file in bursts with pauses longer than a scan interval, so a size
that stood still between two scans does not prove the file is finished. Each format has an
end that a truncated file lacks:

* PDF: ``%%EOF`` near the end (every complete PDF, incremental updates included);
* TIFF: every page directory, every value and every strip or tile it points to, lies inside
  the file;
* PNG: the ``IEND`` chunk is last; JPEG: the end-of-image marker ``FF D9`` is at the end.

A file whose start is not that of its format at all is called complete: it will never become
a valid document by waiting, and the reader then shows its error to the user.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

_TAIL = 2048
_STRIP_TAGS = ((273, 279), (324, 325))  # (StripOffsets, StripByteCounts), (Tile…, Tile…)
_TYPE_SIZES = {3: 2, 4: 4, 16: 8}  # SHORT, LONG, LONG8
_FIELD_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
"""Bytes per value of each TIFF field type (BYTE, ASCII, SHORT, LONG, RATIONAL, …)."""
_MAX_PAGES = 10_000


def is_complete(path: str | Path) -> bool:
    """True when the file at ``path`` looks whole (see the module docstring).

    Raises `OSError` when the file cannot be opened or read (it may be locked by its writer).
    """
    with open(path, "rb") as f:
        head = f.read(16)
        f.seek(0, 2)
        size = f.tell()
        if size < 8:
            return False
        tail_start = max(0, size - _TAIL)
        f.seek(tail_start)
        tail = f.read()
        if head.startswith(b"%PDF") or b"%PDF-" in head:
            return b"%%EOF" in tail
        if head[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff_complete(f, head, size)
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return tail.endswith(b"IEND\xaeB`\x82")
        if head.startswith(b"\xff\xd8"):
            return b"\xff\xd9" in tail[-64:]
        if b"%PDF-" in _read_at(f, 0, 1024):  # a PDF with junk before its header
            return b"%%EOF" in tail
        return True


def _read_at(f: BinaryIO, offset: int, length: int) -> bytes:
    f.seek(offset)
    return f.read(length)


def _tiff_complete(f: BinaryIO, head: bytes, size: int) -> bool:
    """Every IFD and every strip/tile it references ends inside the file."""
    endian = "<" if head[:2] == b"II" else ">"
    (offset,) = struct.unpack(endian + "I", head[4:8])
    seen: set[int] = set()
    pages = 0
    while offset:
        if offset in seen or pages > _MAX_PAGES:
            return True  # a loop: broken, but waiting will not mend it
        seen.add(offset)
        pages += 1
        raw_count = _read_at(f, offset, 2)
        if len(raw_count) < 2:
            return False
        (count,) = struct.unpack(endian + "H", raw_count)
        block = _read_at(f, offset + 2, count * 12 + 4)
        if len(block) < count * 12 + 4:
            return False
        entries: dict[int, tuple[int, int, bytes]] = {}
        for i in range(count):
            tag, kind, n = struct.unpack(endian + "HHI", block[i * 12:i * 12 + 8])
            entries[tag] = (kind, n, block[i * 12 + 8:i * 12 + 12])
            length = n * _FIELD_SIZES.get(kind, 1)
            if length > 4:  # the values lie elsewhere in the file (resolution, strip lists…)
                (where,) = struct.unpack(endian + "I", block[i * 12 + 8:i * 12 + 12])
                if where + length > size:
                    return False
        for offsets_tag, counts_tag in _STRIP_TAGS:
            if offsets_tag not in entries or counts_tag not in entries:
                continue
            starts = _values(f, endian, entries[offsets_tag], size)
            lengths = _values(f, endian, entries[counts_tag], size)
            if starts is None or lengths is None:
                return False
            if any(s + n > size for s, n in zip(starts, lengths, strict=False)):
                return False
        (offset,) = struct.unpack(endian + "I", block[count * 12:count * 12 + 4])
        if offset >= size:
            return False
    return pages > 0


def _values(f: BinaryIO, endian: str, entry: tuple[int, int, bytes],
            size: int) -> list[int] | None:
    """The SHORT/LONG values of one IFD entry; None when they lie beyond the file's end."""
    kind, n, field = entry
    width = _TYPE_SIZES.get(kind)
    if width is None or n == 0:
        return []
    fmt = {2: "H", 4: "I", 8: "Q"}[width]
    if n * width <= 4:
        data = field[:n * width]
    else:
        (where,) = struct.unpack(endian + "I", field)
        if where + n * width > size:
            return None
        data = _read_at(f, where, n * width)
        if len(data) < n * width:
            return None
    return list(struct.unpack(endian + fmt * n, data))
