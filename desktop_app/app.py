"""Starting the window: the QApplication, the case store, settings, and the screenshot mode.

`run_window` is what `oxygen-intake` (no subcommand) calls. Qt is imported here and in the
panel modules only, never by the `decide`/`extract` subcommands.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop_app.main_window import MainWindow
    from desktop_app.workers import Extractor

log = logging.getLogger(__name__)

APP_NAME = "Oxygen Intake"


def sample_path() -> Path:
    """The bundled synthetic referral (three pages, text PDF)."""
    return Path(str(resources.files("desktop_app.samples") / "sample_referral.pdf"))


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors: logged by type and place only (no values), shown in a dialog."""
    from desktop_app import dialogs

    where = traceback.extract_tb(tb)[-1] if tb else None
    place = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
    log.error("unexpected error %s at %s", kind.__name__, place)
    dialogs.error(None, "Unexpected error",
                  f"Something went wrong ({kind.__name__} at {place}). Your work so far is "
                  "saved. Please report the error type and place; do not include patient "
                  "details.")


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv or [sys.argv[0]]))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("OxygenIntake")
    QGuiApplication.setDesktopFileName("oxygen-intake")  # ties the window to the menu entry
    return app


def make_window(data_dir: str | os.PathLike[str] | None = None, *, reviewer: str | None = None,
                extractor: Extractor | None = None) -> MainWindow:
    """A main window on the store in ``data_dir`` (default: the user data folder)."""
    from PySide6.QtCore import QSettings

    from desktop_app.case_store import CaseStore
    from desktop_app.main_window import MainWindow
    from desktop_app.session import ReviewSession

    store = CaseStore(data_dir)
    settings = QSettings(str(store.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    session = ReviewSession(store, reviewer=reviewer)
    return MainWindow(session, extractor=extractor, settings=settings)


def run_window(files: Sequence[str] = (), *, sample: bool = False,
               screenshot: str | None = None, data_dir: str | None = None,
               reviewer: str | None = None) -> int:
    """Open the window (``oxygen-intake``), optionally with files or the sample queued."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["OXYGEN_INTAKE_HEADLESS"] = "1"
        if data_dir is None:
            data_dir = tempfile.mkdtemp(prefix="oxygen-intake-shot-")
    app = make_application()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    sys.excepthook = _excepthook
    window = make_window(data_dir, reviewer=reviewer)
    paths = list(files) + ([str(sample_path())] if sample else [])
    from desktop_app.file_open import FileOpenFilter

    app.installEventFilter(FileOpenFilter(window.add_files, window))
    window.show()
    if paths:
        window.add_files(paths)
    if not screenshot:
        return int(app.exec())
    loop = QEventLoop()
    window.reader.idle.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    if window.reader.busy():
        loop.exec()
    QApplication.processEvents()
    window.grab().save(screenshot)
    print(f"screenshot saved to {screenshot}")
    window.settings = None  # a screenshot run does not change the remembered layout
    window.close()
    return 0
