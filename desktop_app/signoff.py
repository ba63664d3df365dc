"""Signing off a case: the reviewer states the review is finished and the decision stands.

Plain Python, no Qt. A sign-off is one ``sign_off`` entry in the append-only audit log, with
the decision, policy and request it was given for; nothing else stores it. It stands while
the case stays as it was: any later confirm, edit, reject, entry, answer or change of
decision in the log, or another policy or request, voids it (the case shows as not signed
off and can be signed off again). What may leave the app for another system (the FHIR
export) is what was signed off, and the move of a case's inbox files to "done" happens then.

A case can be signed off when its documents are read, every value read was confirmed or
rejected, no two confirmed values disagree and the rules could decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.session import ReviewSession

CHANGES = frozenset({"confirm", "edit", "reject", "enter", "answer", "decision"})
"""Audit actions that void an earlier sign-off of the same case."""


class SignOffError(Exception):
    """The case cannot be signed off (or is not signed off); the message says why."""


@dataclass(frozen=True)
class SignOff:
    """A sign-off that still stands."""

    case_id: str
    seq: int
    at: str
    """UTC, ISO 8601 (from the audit log)."""
    reviewer: str
    decision: str
    policy: str
    policy_version: str
    group: str | None
    request_type: str
    request_date: str | None


def blockers(session: ReviewSession, case_id: str) -> list[str]:
    """Why ``case_id`` cannot be signed off yet (empty when it can)."""
    out: list[str] = []
    docs = session.case_documents(case_id)
    reading = [d for d in docs if d.status in ("queued", "reading")]
    if reading:
        out.append(f"{len(reading)} document(s) still being read")
    items = session.case_items(case_id)
    unreviewed = [i for i in items if i.status == "found"]
    if unreviewed:
        out.append(f"{len(unreviewed)} value(s) not reviewed yet: confirm or reject each")
    cf = session.case_facts(case_id)
    if cf.conflicts:
        out.append(f"{len(cf.conflicts)} confirmed value(s) disagree: reject the wrong one")
    if not any(i.counted for i in items) and not session.answers.get(case_id):
        out.append("nothing confirmed yet")
    result = session.decide(case_id)
    if result.decision is None:
        out.append(f"the rules cannot decide: {result.error}")
    return out


def sign_off(session: ReviewSession, case_id: str) -> SignOff:
    """Sign ``case_id`` off as the session's reviewer; raises `SignOffError` with the reasons
    when it cannot be."""
    problems = blockers(session, case_id)
    if problems:
        raise SignOffError("; ".join(problems))
    result = session.decide(case_id)
    decision = result.decision
    assert decision is not None  # blockers() checked it
    case = session.cases[case_id]
    request_date = result.case_facts.facts.get("request_date")
    after: dict[str, Any] = {
        "decision": decision.decision, "policy": case.policy,
        "policy_version": decision.policy_version, "group": decision.group,
        "request_type": case.request_type, "request_date": request_date,
        "counted": result.case_facts.counted,
    }
    session.store.audit.append(reviewer=session.reviewer, case_id=case_id, action="sign_off",
                               subject=case.policy, before=None, after=after)
    signed = current(session, case_id)
    assert signed is not None
    return signed


def current(session: ReviewSession, case_id: str) -> SignOff | None:
    """The sign-off of ``case_id`` that still stands, if any."""
    entries = session.store.audit.entries(case_id)
    last = next((e for e in reversed(entries) if e.action == "sign_off"), None)
    if last is None or not isinstance(last.after, dict):
        return None
    if any(e.seq > last.seq and e.action in CHANGES for e in entries):
        return None
    case = session.cases.get(case_id)
    a = last.after
    if case is None or (case.policy, case.request_type) != (a.get("policy"),
                                                            a.get("request_type")):
        return None
    if case.request_date and case.request_date != a.get("request_date"):
        return None
    return SignOff(case_id=case_id, seq=last.seq, at=last.at, reviewer=last.reviewer,
                   decision=str(a["decision"]), policy=str(a["policy"]),
                   policy_version=str(a.get("policy_version", "")), group=a.get("group"),
                   request_type=str(a["request_type"]), request_date=a.get("request_date"))


def require(session: ReviewSession, case_id: str) -> SignOff:
    """The standing sign-off, or `SignOffError` saying the case must be signed off first."""
    signed = current(session, case_id)
    if signed is None:
        raise SignOffError("the case is not signed off (or was changed after its sign-off): "
                           "sign it off first")
    return signed
