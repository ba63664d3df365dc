"""Screenshots of the inbox (issue 13), offscreen, on synthetic documents only.

A fax service is imitated: eight documents (the bundled sample referral and fax, six generated
referrals) are written slowly into a watched folder; the window reads them with the real
extractor. The sample case is then reviewed and signed off. Saves docs/i13_inbox_queue.png,
docs/i13_inbox_unreachable.png and docs/i13_inbox_settings.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_i13_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["OXYGEN_INTAKE_HEADLESS"] = "1"

from PySide6.QtWidgets import QApplication

from desktop_app import dialogs
from desktop_app.app import make_application, make_window, sample_path
from desktop_app.case_store import CaseStore
from desktop_app.inbox.settings import InboxSettings, save_settings
from desktop_app.inbox.settings_widget import InboxFoldersDialog
from extractors.testing.generator import generate, write_text_pdf

OUT = Path(__file__).resolve().parent


def _wait(app: QApplication, done: object, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="i13-shots-"))
    inbox = work / "Fax inbox"
    inbox.mkdir()
    staging = work / "staging"
    staging.mkdir()
    shutil.copyfile(sample_path(), staging / "fax-0314-0902.pdf")
    shutil.copyfile(sample_path().with_name("sample_fax.tif"), staging / "fax-0314-0917.tif")
    for n in range(6):
        write_text_pdf(generate(n), staging / f"fax-0314-{1010 + 7 * n:04d}.pdf")
    store = CaseStore(work / "data")
    save_settings(store, InboxSettings(folders=[str(inbox), str(work / "Branch share")],
                                       interval_s=1.0, move_when_signed_off=True))
    store.close()
    app = make_application()
    window = make_window(work / "data", reviewer="A. Reviewer")
    window.resize(1500, 900)
    window.show()

    def fax_service() -> None:
        for f in sorted(staging.iterdir()):
            data = f.read_bytes()
            with open(inbox / f.name, "wb") as out:
                for i in range(0, len(data), 4096):
                    out.write(data[i:i + 4096])
                    out.flush()
                    time.sleep(0.05)
            time.sleep(0.3)

    writer = threading.Thread(target=fax_service, daemon=True)
    writer.start()
    _wait(app, lambda: not writer.is_alive() and len(window.session.docs) == 8
          and not window.reader.busy(), 300)
    # review and sign off the sample referral
    first = next(d for d in window.session.ordered_documents() if d.path.endswith("0902.pdf"))
    window.show_document(first.id)
    window.confirm(list(window.values._rows))
    for fact in ("mobile_within_home", "treating_practitioner_evaluated_test",
                 "is_last_test_before_discharge"):
        window.values.combos[fact].setCurrentIndex(1)
    window.decision.request_date.setText("2026-03-16")
    window.decision.request_date.editingFinished.emit()
    dialogs.queue_answer(True)
    window.sign_off_current()
    (work / "Branch share").mkdir()  # the second folder comes back
    _wait(app, lambda: not window.inbox.unreachable, 10)
    app.processEvents()
    window.grab().save(str(OUT / "i13_inbox_queue.png"))
    shutil.rmtree(work / "Branch share")  # and goes away again
    _wait(app, lambda: bool(window.inbox.unreachable), 10)
    app.processEvents()
    window.queue_dock.grab().save(str(OUT / "i13_inbox_unreachable.png"))
    dialog = InboxFoldersDialog(window.inbox.settings, window.inbox.unreachable, window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(OUT / "i13_inbox_settings.png"))
    dialog.close()
    window.settings = None
    window.close()
    print("saved", *(f"docs/i13_inbox_{n}.png" for n in ("queue", "unreachable", "settings")))


if __name__ == "__main__":
    main()
