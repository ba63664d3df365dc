"""Several processes and one case store: a second writer process is refused with a clear
message; and where the lock cannot keep writers apart (a network drive), queue positions and
the audit chain still come out whole, because both are assigned inside the write transaction.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.case_store import CaseStore, StoreInUseError

WRITERS = 3
CASES_EACH = 200


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "OXYGEN_INTAKE_KEYRING": "off"}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_process_cannot_open_the_store_and_is_told_why(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    second = _python("""
        import sys
        from desktop_app.case_store import CaseStore, StoreInUseError
        try:
            CaseStore(sys.argv[1])
        except StoreInUseError as exc:
            print(exc)
            sys.exit(3)
        """, str(tmp_path))
    out, err = second.communicate(timeout=60)
    assert second.returncode == 3, err
    assert f"open in another Oxygen Intake (process {os.getpid()})" in out
    assert str(tmp_path) in out
    store.close()
    third = _python("from desktop_app.case_store import CaseStore; import sys; "
                    "CaseStore(sys.argv[1]).close()", str(tmp_path))
    _, err = third.communicate(timeout=60)
    assert third.returncode == 0, err


def test_the_same_process_may_open_its_store_twice(tmp_path: Path) -> None:
    first = CaseStore(tmp_path)
    second = CaseStore(tmp_path)
    second.close()
    first.add_case("still-writable")
    first.close()
    with pytest.raises(FileNotFoundError):
        CaseStore(tmp_path / "nowhere", read_only=True)


def test_in_use_message_without_a_known_process(tmp_path: Path) -> None:
    assert "(process" not in str(StoreInUseError(tmp_path, None))


WRITER = """
    import sys
    from desktop_app import store_lock
    from desktop_app.case_store import CaseStore

    # a file system whose locks do not hold (as on some network drives)
    store_lock.acquire = lambda data_dir: data_dir / "no-lock"
    store_lock.release = lambda path: None
    data, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = CaseStore(data)
    for n in range(count):
        case = store.add_case(f"{name}-{n}")
        store.add_document(f"{name}-doc-{n}", case.id, f"/{name}/{n}.pdf")
        store.audit.append(reviewer=name, case_id=case.id, action="confirm",
                           subject=str(n), before=None, after=n)
    """


def test_writers_the_lock_cannot_separate_get_distinct_positions_and_one_chain(
        tmp_path: Path) -> None:
    CaseStore(tmp_path).close()  # create the store (and its key) first
    writers = [_python(WRITER, str(tmp_path), f"w{i}", str(CASES_EACH))
               for i in range(WRITERS)]
    for writer in writers:
        _, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
    store = CaseStore(tmp_path)
    cases = store.cases()
    documents = store.documents()
    assert len(cases) == len(documents) == WRITERS * CASES_EACH
    assert sorted(c.position for c in cases) == list(range(WRITERS * CASES_EACH))
    assert sorted(d.position for d in documents) == list(range(WRITERS * CASES_EACH))
    report = store.audit.verify()
    assert report.ok, report.summary()
    assert report.rows == WRITERS * CASES_EACH
