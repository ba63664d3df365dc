"""The review session: the queue, cases, values and answers, kept in the case store.

Plain Python (no Qt), so the whole review flow is testable without a window. Every user
action goes through one method here, which changes the state, saves it at once (autosave)
and appends one audit entry. `decide` hands the counted facts to the rules engine and
renders nothing itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rules
from desktop_app.case_facts import CaseFacts, build_case_facts
from desktop_app.case_store import CaseRow, CaseStore, DocumentRow
from desktop_app.review_model import ValueItem, new_id, values_from_extraction
from extractors.models import DocumentExtraction

log = logging.getLogger(__name__)

DOC_STATUS_TEXT = {
    "queued": "queued",
    "reading": "reading",
    "review": "needs review",
    "decided": "decided",
    "error": "error",
    "cancelled": "cancelled",
}
FINAL_DECISIONS = ("qualifies", "does_not_qualify", "needs_review")


@dataclass
class CaseResult:
    """What the decision panel shows for one case."""

    case_facts: CaseFacts
    decision: rules.Decision | None
    error: str | None = None


class ReviewSession:
    """All cases under review, persisted in a `CaseStore`."""

    def __init__(self, store: CaseStore, reviewer: str | None = None) -> None:
        self.store = store
        self._reviewer = (reviewer or "").strip() or store.get_meta("reviewer") or ""
        if reviewer and reviewer.strip():
            store.set_meta("reviewer", self._reviewer)
        self.cases: dict[str, CaseRow] = {c.id: c for c in store.cases()}
        self.docs: dict[str, DocumentRow] = {d.id: d for d in store.documents()}
        self.items: dict[str, ValueItem] = {i.id: i for i in store.items()}
        self.answers: dict[str, dict[str, Any]] = store.answers()
        self._last_decision: dict[str, str] = {}
        for entry in store.audit.entries():
            if entry.action == "decision":
                self._last_decision[entry.case_id] = str(entry.after)
        for doc in self.docs.values():
            if doc.status == "reading":  # the app stopped mid-read: read it again
                doc.status = "queued"
                store.update_document(doc)

    # reviewer ---------------------------------------------------------------------------
    @property
    def reviewer(self) -> str:
        """The person reviewing, as they gave their name (never the computer account): set
        by the window from the settings, or the last name used on this store. Empty until
        someone gives a name; nothing is recorded under an empty name."""
        return self._reviewer

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        if name.strip():
            self._reviewer = name.strip()
            self.store.set_meta("reviewer", self._reviewer)

    # queue ------------------------------------------------------------------------------
    def add_document(self, path: str | Path, case_id: str | None = None) -> DocumentRow:
        """Queue one file, in a new case unless ``case_id`` is given."""
        if case_id is None:
            case = self.store.add_case(new_id())
            self.cases[case.id] = case
            case_id = case.id
        doc = self.store.add_document(new_id(), case_id, str(Path(path).resolve()))
        self.docs[doc.id] = doc
        log.info("document queued (%s)", doc.id)
        return doc

    def pending_documents(self) -> list[DocumentRow]:
        return [d for d in self.ordered_documents() if d.status == "queued"]

    def ordered_documents(self) -> list[DocumentRow]:
        return sorted(self.docs.values(), key=lambda d: d.position)

    def ordered_cases(self) -> list[CaseRow]:
        return sorted(self.cases.values(), key=lambda c: c.position)

    def case_documents(self, case_id: str) -> list[DocumentRow]:
        return [d for d in self.ordered_documents() if d.case_id == case_id]

    def case_items(self, case_id: str) -> list[ValueItem]:
        order = {d.id: d.position for d in self.docs.values()}
        items = [i for i in self.items.values() if i.case_id == case_id]
        return sorted(items, key=lambda i: (order.get(i.doc_id or "", 10**9), i.page or 0,
                                            (i.evidence or {}).get("bbox", [0, 0])[1]))

    def set_status(self, doc_id: str, status: str, error: str | None = None) -> None:
        doc = self.docs[doc_id]
        doc.status, doc.error = status, error
        self.store.update_document(doc)

    def finish_reading(self, doc_id: str, extraction: DocumentExtraction) -> None:
        """Store what the extractor read and turn it into values awaiting review."""
        doc = self.docs.get(doc_id)
        if doc is None:  # removed while it was being read
            return
        doc.extraction = extraction.model_dump(mode="json")
        self.store.delete_items_of_document(doc_id)
        for item_id in [i.id for i in self.items.values() if i.doc_id == doc_id]:
            del self.items[item_id]
        if extraction.error:
            doc.status, doc.error = "error", extraction.error
            self.store.update_document(doc)
            log.info("document %s could not be read", doc_id)
            return
        new = values_from_extraction(doc.case_id, doc_id, extraction)
        self.items.update({i.id: i for i in new})
        self.store.save_items(new)
        doc.status, doc.error = "review", None
        self.store.update_document(doc)
        log.info("document %s read: %d values", doc_id, len(new))

    def extraction(self, doc_id: str) -> DocumentExtraction | None:
        data = self.docs[doc_id].extraction
        return DocumentExtraction.model_validate(data) if data else None

    def remove_document(self, doc_id: str) -> None:
        doc = self.docs.pop(doc_id)
        self.store.delete_document(doc_id)
        self.store.delete_items_of_document(doc_id)
        for item_id in [i.id for i in self.items.values() if i.doc_id == doc_id]:
            del self.items[item_id]
        self._drop_case_if_empty(doc.case_id)

    # cases ------------------------------------------------------------------------------
    def group(self, doc_ids: list[str]) -> str:
        """Put documents into one case (the first one's); their values go with them."""
        target = self.docs[doc_ids[0]].case_id
        for doc_id in doc_ids[1:]:
            self._move_document(doc_id, target)
        return target

    def ungroup(self, doc_id: str) -> str:
        """Take a document out of its case into a case of its own."""
        doc = self.docs[doc_id]
        if len(self.case_documents(doc.case_id)) == 1:
            return doc.case_id
        case = self.store.add_case(new_id())
        old = self.cases[doc.case_id]
        case.policy, case.request_type = old.policy, old.request_type
        self.store.update_case(case)
        self.cases[case.id] = case
        self._move_document(doc_id, case.id)
        return case.id

    def _move_document(self, doc_id: str, case_id: str) -> None:
        doc = self.docs[doc_id]
        old_case = doc.case_id
        if old_case == case_id:
            return
        doc.case_id = case_id
        self.store.update_document(doc)
        moved = [i for i in self.items.values() if i.doc_id == doc_id]
        for item in moved:
            item.case_id = case_id
        self.store.save_items(moved)
        if not self.case_documents(old_case):
            for fact, value in self.answers.get(old_case, {}).items():
                if fact not in self.answers.get(case_id, {}):
                    self.answers.setdefault(case_id, {})[fact] = value
                    self.store.set_answer(case_id, fact, value)
            for item in [i for i in self.items.values() if i.case_id == old_case]:
                item.case_id = case_id
                self.store.save_item(item)
            self._drop_case_if_empty(old_case)

    def _drop_case_if_empty(self, case_id: str) -> None:
        if not self.case_documents(case_id):
            self.cases.pop(case_id, None)
            self.answers.pop(case_id, None)
            self.store.delete_case(case_id)

    def set_request(self, case_id: str, *, policy: str | None = None,
                    request_type: str | None = None, request_date: str | None = None) -> None:
        case = self.cases[case_id]
        if policy is not None:
            case.policy = policy
        if request_type is not None:
            case.request_type = request_type
        if request_date is not None:
            case.request_date = request_date or None
        self.store.update_case(case)

    # review actions (each saved at once and audited once) -------------------------------
    def _audit(self, item: ValueItem, action: str, before: Any) -> None:
        self.store.audit.append(reviewer=self.reviewer, case_id=item.case_id, action=action,
                                subject=item.id, before=before,
                                after={"value": item.value, "status": item.status})

    def _stamp(self, item: ValueItem) -> None:
        item.reviewer = self.reviewer
        item.reviewed_at = dt.datetime.now().astimezone().isoformat(timespec="minutes")

    def confirm(self, item_id: str) -> None:
        item = self.items[item_id]
        if item.status in ("confirmed", "edited", "entered"):
            return
        before = {"value": item.value, "status": item.status}
        item.status = "confirmed" if item.value == item.original else "edited"
        self._stamp(item)
        self.store.save_item(item)
        self._audit(item, "confirm", before)

    def reject(self, item_id: str) -> None:
        item = self.items[item_id]
        if item.status == "rejected":
            return
        before = {"value": item.value, "status": item.status}
        item.status = "rejected"
        self._stamp(item)
        self.store.save_item(item)
        self._audit(item, "reject", before)

    def edit(self, item_id: str, value: Any) -> None:
        """Change a value; the person who typed it has confirmed it."""
        item = self.items[item_id]
        _validate(item.key, value)
        before = {"value": item.value, "status": item.status}
        item.value = value
        if item.doc_id is None:
            item.status = "entered"
        else:
            item.status = "confirmed" if value == item.original else "edited"
        self._stamp(item)
        self.store.save_item(item)
        self._audit(item, "edit", before)

    def add_manual(self, case_id: str, key: str, value: Any) -> ValueItem:
        """A value typed by hand (no document): marked *entered by user* and counted."""
        _validate(key, value)
        item = ValueItem(new_id(), case_id, key, value, status="entered", original=value)
        self._stamp(item)
        self.items[item.id] = item
        self.store.save_item(item)
        self._audit(item, "enter", None)
        return item

    def answer(self, case_id: str, fact: str, value: Any) -> None:
        """A yes / no / unknown (None) answer to a question the documents rarely state."""
        current = self.answers.get(case_id, {}).get(fact)
        if current == value:
            return
        if value is not None:
            _validate(fact, value)
        if value is None:
            self.answers.get(case_id, {}).pop(fact, None)
        else:
            self.answers.setdefault(case_id, {})[fact] = value
        self.store.set_answer(case_id, fact, value)
        self.store.audit.append(reviewer=self.reviewer, case_id=case_id, action="answer",
                                subject=fact, before=current, after=value)

    # decision ---------------------------------------------------------------------------
    def case_facts(self, case_id: str) -> CaseFacts:
        case = self.cases[case_id]
        return build_case_facts(self.case_items(case_id), self.answers.get(case_id, {}),
                                request_type=case.request_type,
                                request_date=case.request_date or dt.date.today().isoformat())

    def questions(self, case_id: str) -> list[rules.Question]:
        """The yes/no questions the case's policy and request type ask (`rules.questions`),
        less those its values already answer (unless the reviewer answered them too: an
        answer always stays visible, so it can be seen and taken back)."""
        case = self.cases[case_id]
        facts = self.case_facts(case_id).facts
        known = {k: facts.get(k) for k in ("age_years", "request_indication")}
        given = {i.key for i in self.case_items(case_id) if i.status != "rejected"}
        answers = self.answers.get(case_id, {})
        return [q for q in rules.questions(case.policy, case.request_type, known)
                if q.fact not in given or q.fact in answers]

    def route_title(self, case_id: str) -> str:
        """The policy and request the questions belong to, in words."""
        case = self.cases[case_id]
        facts = self.case_facts(case_id).facts
        routes = rules.routes_for(case.policy, case.request_type,
                                  {k: facts.get(k) for k in ("age_years", "request_indication")})
        if len(routes) == 1:
            return routes[0].title
        return " or ".join(r.title for r in routes)

    def decide(self, case_id: str) -> CaseResult:
        """Run the rules on the counted facts; log the decision when it changes."""
        case = self.cases[case_id]
        cf = self.case_facts(case_id)
        try:
            decision = rules.decide(cf.facts, case.policy)
        except rules.FactsError as exc:
            return CaseResult(cf, None, str(exc))
        reviewed = any(i.status != "found" for i in self.case_items(case_id)) or bool(
            self.answers.get(case_id))
        key = f"{case.policy}:{decision.decision}"
        if reviewed and self._last_decision.get(case_id) != key:
            self.store.audit.append(reviewer=self.reviewer, case_id=case_id, action="decision",
                                    subject=case.policy,
                                    before=self._last_decision.get(case_id), after=key)
            self._last_decision[case_id] = key
        done = decision.decision in FINAL_DECISIONS and not cf.excluded
        for doc in self.case_documents(case_id):
            if doc.status in ("review", "decided"):
                status = "decided" if done else "review"
                if doc.status != status:
                    self.set_status(doc.id, status)
        return CaseResult(cf, decision)


def _validate(key: str, value: Any) -> None:
    """Check a typed value against the rules' vocabulary; raise `rules.FactsError`."""
    facts: dict[str, Any]
    if key == "test":
        v = {k: x for k, x in dict(value).items() if x is not None}
        if v.get("kind") == "hematocrit":
            facts = {"hematocrit_percent": v.get("value")}
        else:
            facts = {"tests": [v]}
    elif key == "finding":
        facts = {"findings": [value]}
    elif key == "equipment":
        facts = {"requested_equipment": [value]}
    elif key == "performed_by":
        facts = {"tests": [{"performed_by": value}]}
    elif key == "date_of_birth":
        facts = {"request_date": value}  # any date fact: checks the YYYY-MM-DD form
    elif key == "patient_name":
        if not str(value).strip():
            raise rules.FactsError("patient_name: must not be empty")
        return
    else:
        facts = {key: value}
    rules.parse_facts(facts)
