"""The inbox preferences: folders to watch, how often to rescan, pause, and the "done" option.

Kept as one JSON value in the case store's ``meta`` table (``inbox``), next to the ledger of
what was taken in, so the window and its Preferences read the same place.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

META_KEY = "inbox"
DEFAULT_DONE = "done"
MIN_INTERVAL_S, MAX_INTERVAL_S = 1.0, 600.0


class MetaStore(Protocol):
    def get_meta(self, key: str, default: str | None = None) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


@dataclass
class InboxSettings:
    """What the user chose under File ▸ Inbox folders."""

    folders: list[str] = field(default_factory=list)
    interval_s: float = 5.0
    """Seconds between rescans (a network share's changes are only seen by a rescan)."""
    move_when_signed_off: bool = False
    """Move a case's inbox files to the done folder when the case is signed off."""
    done_folder: str = DEFAULT_DONE
    """A folder name (made inside each inbox folder) or an absolute path."""
    paused: bool = False

    def done_dir(self, inbox_folder: str | Path) -> Path:
        target = Path(self.done_folder or DEFAULT_DONE).expanduser()
        return target if target.is_absolute() else Path(inbox_folder) / target

    def problems(self) -> list[str]:
        """What is wrong with these settings (empty when they can be used)."""
        out = []
        seen: set[str] = set()
        for folder in self.folders:
            key = str(Path(folder).expanduser())
            if key in seen:
                out.append(f"{folder} is listed twice")
            seen.add(key)
            if not Path(folder).is_absolute():
                out.append(f"{folder}: use a full path")
        if self.move_when_signed_off:
            for folder in self.folders:
                done = self.done_dir(folder)
                if done.resolve() == Path(folder).resolve():
                    out.append("the done folder must differ from the inbox folder")
                    break
        if not MIN_INTERVAL_S <= self.interval_s <= MAX_INTERVAL_S:
            out.append(f"rescan every {MIN_INTERVAL_S:g} to {MAX_INTERVAL_S:g} seconds")
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> InboxSettings:
        if not text:
            return cls()
        try:
            data: Any = json.loads(text)
        except json.JSONDecodeError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        settings = cls(**known)
        settings.folders = [str(f) for f in settings.folders]
        settings.interval_s = float(settings.interval_s)
        return settings


def load_settings(store: MetaStore) -> InboxSettings:
    return InboxSettings.from_json(store.get_meta(META_KEY))


def save_settings(store: MetaStore, settings: InboxSettings) -> None:
    store.set_meta(META_KEY, settings.to_json())
