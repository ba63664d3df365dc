"""Recording and replaying OCR output, so tests run without the OCR engine.

`RecordingEngine` wraps a real engine and keeps every call's result in order;
`RecordedEngine` replays them in the same order (the pipeline is deterministic).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractors.errors import OcrFailedError
from extractors.read.ocr.engine import GrayImage, OcrEngine, OcrSegment, OcrWord


def _dump(segments: list[OcrSegment]) -> list[dict[str, Any]]:
    return [{"text": s.text, "box": [round(v, 1) for v in s.box], "score": round(s.score, 4),
             "words": [{"text": w.text, "box": [round(v, 1) for v in w.box],
                        "score": round(w.score, 4)} for w in s.words]}
            for s in segments]


class RecordingEngine:
    """Passes calls to ``inner`` and records them; `save()` writes them as JSON."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner = inner
        self.name = f"recording:{inner.name}"
        self.calls: list[dict[str, Any]] = []

    def availability(self) -> str | None:
        return self.inner.availability()

    def read(self, image: GrayImage) -> list[OcrSegment]:
        segments = self.inner.read(image)
        self.calls.append({"shape": list(image.shape), "segments": _dump(segments)})
        return segments

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"engine": self.inner.name, "calls": self.calls}), "utf-8")


class RecordedEngine:
    """Replays recorded calls in order; fails clearly when the calls do not match."""

    name = "recorded"

    def __init__(self, calls: list[dict[str, Any]]) -> None:
        self._calls = list(calls)
        self._next = 0

    @classmethod
    def load(cls, path: Path) -> RecordedEngine:
        return cls(json.loads(path.read_text("utf-8"))["calls"])

    def availability(self) -> str | None:
        return None

    def read(self, image: GrayImage) -> list[OcrSegment]:
        if self._next >= len(self._calls):
            raise OcrFailedError("recorded OCR has no more calls")
        call = self._calls[self._next]
        self._next += 1
        if list(image.shape) != call["shape"]:
            raise OcrFailedError("recorded OCR call does not match this image size")
        return [OcrSegment(s["text"], tuple(s["box"]), s["score"],
                           tuple(OcrWord(w["text"], tuple(w["box"]), w["score"])
                                 for w in s.get("words", [])))
                for s in call["segments"]]
