"""A signed-off case built through the session (no window), for the export tests."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app_helpers import ANSWERS, recorded_extraction

from desktop_app.app import sample_path
from desktop_app.case_store import CaseStore
from desktop_app.session import ReviewSession
from desktop_app.signoff import sign_off


def reviewed_case(data_dir: Path, docs_dir: Path, *, sign: bool = True,
                  extra: Sequence[tuple[str, Any]] = (), name: str = "referral.pdf"
                  ) -> tuple[ReviewSession, str]:
    """The sample referral read (recorded extraction), every value confirmed, the questions
    answered yes, request dated 2026-03-16, values in ``extra`` typed by hand; signed off."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    target = docs_dir / name
    shutil.copyfile(sample_path(), target)
    session = ReviewSession(CaseStore(data_dir), reviewer="Test Reviewer")
    doc = session.add_document(target)
    session.finish_reading(doc.id, recorded_extraction(str(target)))
    for item_id in list(session.items):
        session.confirm(item_id)
    for fact in ANSWERS:
        session.answer(doc.case_id, fact, True)
    session.set_request(doc.case_id, request_date="2026-03-16")
    for key, value in extra:
        session.add_manual(doc.case_id, key, value)
    if sign:
        sign_off(session, doc.case_id)
    return session, doc.case_id
