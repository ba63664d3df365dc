"""Starting the window: the QApplication, the case store, settings, and the screenshot mode.

`run_window` is what `oxygen-intake` (no subcommand) calls. A launch on a store another
window already has open hands its files to that window and exits (`single_instance`); the
store's lock keeps a second writer out. The reviewer's name comes from the settings, or is
asked on the first start (`reviewer`); the audit trail's seals are checked as the window opens
(`audit_check`). Qt is imported here and in the panel modules only, never by the
`decide`/`extract`/`audit` subcommands.
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

    from desktop_app.case_store import CaseStore
    from desktop_app.main_window import MainWindow
    from desktop_app.single_instance import InstanceServer
    from desktop_app.workers import Extractor

log = logging.getLogger(__name__)

APP_NAME = "Oxygen Intake"
EXIT_STORE_IN_USE = 3
HAND_OVER_WAIT_MS = 5000
"""How long a launch that finds the store locked keeps trying to reach its window."""


class NoReviewer(Exception):
    """Nobody gave a reviewer's name (the first-start dialog was quit)."""


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
    """The QApplication (made once), with garbage collected in its thread only."""
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
    from desktop_app import gui_thread_gc

    gui_thread_gc.install(app)
    return app


def make_window(data_dir: str | os.PathLike[str] | None = None, *, reviewer: str | None = None,
                extractor: Extractor | None = None, store: CaseStore | None = None
                ) -> MainWindow:
    """A main window on ``store`` (default: the store in ``data_dir``, or the user data
    folder). Raises `NoReviewer` when no reviewer name is given, saved or typed."""
    from PySide6.QtCore import QSettings

    from desktop_app import audit_check
    from desktop_app import reviewer as reviewer_name
    from desktop_app.case_store import CaseStore
    from desktop_app.main_window import MainWindow
    from desktop_app.session import ReviewSession

    store = store or CaseStore(data_dir)
    settings = QSettings(str(store.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    name = reviewer_name.resolve(settings, given=reviewer)
    if name is None:
        store.close()
        raise NoReviewer
    session = ReviewSession(store, reviewer=name)
    window = MainWindow(session, extractor=extractor, settings=settings)
    window.audit_badge = audit_check.check(window, store.audit)
    return window


def listen_for_launches(window: MainWindow) -> InstanceServer:
    """Later launches on the same store hand their files to ``window``."""
    from desktop_app.single_instance import InstanceServer, server_name

    server = InstanceServer(server_name(window.session.store.data_dir), window)

    def receive(files: list[str]) -> None:
        if files:
            window.add_files(files)
        window.showNormal()
        window.raise_()
        window.activateWindow()

    server.connect_window(receive)
    return server


def _open_store(folder: Path, paths: list[str]) -> CaseStore | int:
    """The store, or the exit code when another window has it (files handed over or not)."""
    from desktop_app import dialogs
    from desktop_app.audit_key import AuditKeyUnavailable
    from desktop_app.case_store import CaseStore, StoreInUseError
    from desktop_app.single_instance import hand_over, server_name

    name = server_name(folder)
    if hand_over(name, paths):
        print(f"Oxygen Intake is already open on this case store: {len(paths)} file(s) "
              "handed to it.")
        return 0
    try:
        return CaseStore(folder)
    except StoreInUseError as exc:
        if hand_over(name, paths, wait_ms=HAND_OVER_WAIT_MS):
            print(f"Oxygen Intake is already open on this case store: {len(paths)} file(s) "
                  "handed to it.")
            return 0
        print(f"oxygen-intake: {exc}", file=sys.stderr)
        dialogs.error(None, "The case store is in use", str(exc))
    except AuditKeyUnavailable as exc:
        text = (f"The audit trail's key could not be read: {exc}. Unlock the system key "
                "store (or start it), then open Oxygen Intake again.")
        print(f"oxygen-intake: {text}", file=sys.stderr)
        dialogs.error(None, "The audit key is not available", text)
    return EXIT_STORE_IN_USE


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
    paths = list(files) + ([str(sample_path())] if sample else [])
    if screenshot:
        window = make_window(data_dir, reviewer=reviewer or "Screenshot")
    else:
        from desktop_app.case_store import default_data_dir

        store = _open_store(default_data_dir(data_dir), paths)
        if isinstance(store, int):
            return store
        try:
            window = make_window(store=store, reviewer=reviewer)
        except NoReviewer:
            return 0
        listen_for_launches(window)
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
