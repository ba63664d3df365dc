"""FHIR R4 export of a signed-off case: one JSON Bundle another system can take in.

Built with `fhir.resources` (pydantic models), so what is written has been validated against
the FHIR definitions. The models come from ``fhir.resources.R4B``: FHIR 4.3.0, the R4 line
(the package's top level is R5; R4B changed only medication-definition, evidence and
subscription resources, so Patient, Observation, DocumentReference, QuestionnaireResponse and
Bundle read exactly as R4 4.0.1 defines them). They are imported inside `build_bundle` only,
so starting the window or the command line does not load them.

The Bundle (type ``collection``) holds:

* the **Patient** (name, birth date) from the confirmed values;
* one **Observation** per confirmed measurement: LOINC 2703-7 PaO₂, 59408-5 SpO₂ by pulse
  oximetry, 2708-6 SaO₂ (from a blood gas, or method not stated), 4544-3 hematocrit; UCUM
  units; the test date as ``effectiveDateTime``; the method; the setting (rest, sleep,
  exercise), room air or oxygen and minutes as notes, the oxygen flow as a component
  (LOINC 3151-8); ``derivedFrom`` the page it was read on;
* one **DocumentReference** per source file and page that evidence comes from (the file's
  URL with ``#page=N``, its size and SHA-1);
* the coverage result as a **QuestionnaireResponse**: the policy and its version, the request,
  the decision, group and equipment, every criterion with met / failed / missing / review and
  its clause, what is missing, and the reviewer's yes/no answers; authored by the reviewer at
  the sign-off. Item ``linkId``s are listed in ``docs/fhir-export.md``.

Only confirmed values go out (confirmed, edited or typed by hand); values nobody confirmed
never do. Ids are derived from the case's own ids (UUID 5), so exporting the same signed-off
case twice gives the same Bundle.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import rules
from desktop_app.case_facts import build_case_facts
from desktop_app.review_model import ValueItem
from desktop_app.session import ReviewSession
from desktop_app.signoff import SignOff, SignOffError, require

FHIR_PACKAGE = "fhir.resources.R4B"
NAMESPACE = uuid.UUID("6f1c3e0a-4a53-4c1e-9d7e-0b2f7f6a2c13")
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CODE_SYSTEM = "urn:oxygen-intake"
"""Prefix of this app's own code systems (decision, criterion status, request type)."""

LOINC_CODES: dict[str, tuple[str, str]] = {
    "pao2": ("2703-7", "Oxygen [Partial pressure] in Arterial blood"),
    "spo2_oximetry": ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
    "sao2": ("2708-6", "Oxygen saturation in Arterial blood"),
    "hematocrit": ("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count"),
}
FLOW_CODE = ("3151-8", "Inhaled oxygen flow rate")
_UNITS = {"pao2": "mm[Hg]", "spo2": "%", "hematocrit": "%"}
_UNIT_TEXT = {"mm[Hg]": "mmHg", "%": "%"}
_METHOD_TEXT = {"abg": "arterial blood gas", "oximetry": "pulse oximetry", "lab": "laboratory"}
_SETTING_TEXT = {"rest": "at rest", "sleep": "during sleep", "exercise": "during exercise"}
_CONTENT_TYPES = {".pdf": "application/pdf", ".tif": "image/tiff", ".tiff": "image/tiff",
                  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
DECISION_TEXT = {"qualifies": "Qualifies", "does_not_qualify": "Does not qualify",
                 "needs_review": "Needs review",
                 "insufficient_information": "Insufficient information"}
POLICY_TEXT = {"medicare": "Medicare NCD 240.2 + LCD L33797", "centene": "Centene CP.MP.190"}
REQUEST_TEXT = {"initial": "Initial order", "reauthorization": "Renewal / recertification"}


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _url(uid: str) -> str:
    return f"urn:uuid:{uid}"


def _number(v: Any) -> Any:
    f = float(v)
    return int(f) if f.is_integer() else f


def loinc_for(kind: str, method: str | None) -> tuple[str, str]:
    """The LOINC code and display for a measurement kind and method."""
    if kind == "spo2":
        return LOINC_CODES["spo2_oximetry" if method == "oximetry" else "sao2"]
    return LOINC_CODES[kind]


def _measurement(item: ValueItem) -> dict[str, Any] | None:
    """The test fields of a counted measurement value (typed or read), or None."""
    if item.key == "test" and isinstance(item.value, dict):
        v = dict(item.value)
        if v.get("kind") in _UNITS and v.get("value") is not None:
            return v
    if item.key == "hematocrit_percent" and item.value is not None:
        return {"kind": "hematocrit", "value": item.value}
    return None


def _observation(case_id: str, item: ValueItem, v: dict[str, Any], patient: str,
                 evidence_ref: dict[str, str] | None, source_text: str | None) -> dict[str, Any]:
    kind, method = str(v["kind"]), v.get("method")
    code, display = loinc_for(kind, method)
    unit = _UNITS[kind]
    category = "vital-signs" if method == "oximetry" else "laboratory"
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _uid(case_id, "observation", item.id),
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": category}]}],
        "code": {"coding": [{"system": LOINC, "code": code, "display": display}],
                 "text": display},
        "subject": {"reference": patient},
        "valueQuantity": {"value": _number(v["value"]), "unit": _UNIT_TEXT[unit],
                          "system": UCUM, "code": unit},
    }
    if v.get("date"):
        obs["effectiveDateTime"] = str(v["date"])
    if method in _METHOD_TEXT:
        obs["method"] = {"text": _METHOD_TEXT[method]}
    notes: list[str] = []
    if v.get("setting") in _SETTING_TEXT:
        notes.append(f"Setting: {_SETTING_TEXT[v['setting']]}")
    if v.get("oxygen") == "room_air":
        notes.append("Breathing room air")
    elif v.get("oxygen") == "supplemental":
        flow = v.get("flow_lpm")
        notes.append("On supplemental oxygen"
                     + (f", {_number(flow)} L/min" if flow is not None else ""))
    if v.get("minutes") is not None:
        notes.append(f"{_number(v['minutes'])} minutes at or below this value")
    if kind == "spo2" and method not in ("abg", "oximetry"):
        notes.append("Method not stated in the source")
    if item.status == "edited":
        notes.append("Value corrected by the reviewer")
    elif item.status == "entered":
        notes.append("Entered by the reviewer (not read from a document)")
    if source_text:
        notes.append(f"Source text: {source_text}")
    if notes:
        obs["note"] = [{"text": n} for n in notes]
    if v.get("oxygen") == "supplemental" and v.get("flow_lpm") is not None:
        obs["component"] = [{
            "code": {"coding": [{"system": LOINC, "code": FLOW_CODE[0],
                                 "display": FLOW_CODE[1]}], "text": FLOW_CODE[1]},
            "valueQuantity": {"value": _number(v["flow_lpm"]), "unit": "L/min",
                              "system": UCUM, "code": "L/min"}}]
    if evidence_ref is not None:
        obs["derivedFrom"] = [evidence_ref]
    return obs


def _file_facts(path: Path) -> dict[str, Any]:
    """Size and SHA-1 (FHIR's Attachment.hash) of a source file that is still there."""
    try:
        digest = hashlib.sha1()  # FHIR defines Attachment.hash as SHA-1
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        return {"size": path.stat().st_size,
                "hash": base64.b64encode(digest.digest()).decode("ascii")}
    except OSError:
        return {}


def _document_reference(case_id: str, doc_id: str, path: str, page: int, patient: str,
                        file_facts: dict[str, Any]) -> dict[str, Any]:
    p = Path(path)
    attachment: dict[str, Any] = {
        "contentType": _CONTENT_TYPES.get(p.suffix.lower(), "application/octet-stream"),
        "url": f"{p.absolute().as_uri()}#page={page}",
        "title": f"{p.name}, page {page}",
        **file_facts,
    }
    return {
        "resourceType": "DocumentReference",
        "id": _uid(case_id, "document", doc_id, str(page)),
        "status": "current",
        "description": f"Page {page} of {p.name}: the evidence for the values derived from it",
        "subject": {"reference": patient},
        "content": [{"attachment": attachment}],
    }


def _coding(kind: str, code: str, display: str) -> dict[str, Any]:
    return {"valueCoding": {"system": f"{CODE_SYSTEM}:{kind}", "code": code,
                            "display": display}}


def _coverage(case_id: str, signed: SignOff, decision: rules.Decision, patient: str,
              answers: dict[str, Any]) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"linkId": "policy", "text": "Coverage policy",
         "answer": [_coding("policy", signed.policy,
                            POLICY_TEXT.get(signed.policy, signed.policy))]},
        {"linkId": "policy-version", "text": "Policy version applied",
         "answer": [{"valueString": decision.policy_version}]},
        {"linkId": "request-type", "text": "Request",
         "answer": [_coding("request-type", signed.request_type,
                            REQUEST_TEXT.get(signed.request_type, signed.request_type))]},
    ]
    if signed.request_date:
        items.append({"linkId": "request-date", "text": "Request date",
                      "answer": [{"valueDate": signed.request_date}]})
    items.append({"linkId": "decision", "text": "Decision",
                  "answer": [_coding("decision", decision.decision,
                                     DECISION_TEXT[decision.decision])]})
    if decision.group:
        items.append({"linkId": "group", "text": "Group",
                      "answer": [{"valueString": decision.group}]})
    if decision.equipment is not None:
        kinds = [k for k in ("stationary", "portable") if getattr(decision.equipment, k)]
        if kinds:
            items.append({"linkId": "equipment", "text": "Equipment covered",
                          "answer": [{"valueString": k} for k in kinds]})
    criteria = []
    for rule in decision.rules:
        criteria.append({
            "linkId": f"criterion-{rule.id}", "text": rule.explanation,
            "answer": [{**_coding("criterion-status", rule.status, rule.status),
                        "item": [{"linkId": f"criterion-{rule.id}-clause", "text": "Clause",
                                  "answer": [{"valueString": rule.citation}]}]}]})
    if criteria:
        items.append({"linkId": "criteria", "text": "Criteria", "item": criteria})
    if decision.missing_facts:
        items.append({"linkId": "missing", "text": "Missing information",
                      "answer": [{"valueString": f} for f in decision.missing_facts]})
    if decision.review_reasons:
        items.append({"linkId": "review-reasons", "text": "Needs review because",
                      "answer": [{"valueString": r} for r in decision.review_reasons]})
    answered = [{"linkId": f"answer-{fact}", "text": fact.replace("_", " "),
                 "answer": [{"valueBoolean": bool(value)}]}
                for fact, value in sorted(answers.items()) if isinstance(value, bool)]
    if answered:
        items.append({"linkId": "answers", "text": "Reviewer's answers", "item": answered})
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _uid(case_id, "coverage", str(signed.seq)),
        "status": "completed",
        "subject": {"reference": patient},
        "authored": signed.at,
        "author": {"display": signed.reviewer},
        "item": items,
    }


def _patient(case_id: str, counted: list[ValueItem]) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": _uid(case_id, "patient")}
    name = next((str(i.value) for i in counted if i.key == "patient_name"), None)
    if name:
        from nameparser import HumanName

        parsed = HumanName(name)
        human: dict[str, Any] = {"text": name}
        if parsed.last:
            human["family"] = parsed.last
        given = [g for g in (parsed.first, parsed.middle) if g]
        if given:
            human["given"] = given
        patient["name"] = [human]
    dob = next((str(i.value) for i in counted if i.key == "date_of_birth"), None)
    if dob:
        patient["birthDate"] = dob
    return patient


def bundle_dict(session: ReviewSession, case_id: str) -> dict[str, Any]:
    """The Bundle as plain JSON data (not yet validated). Raises `SignOffError` unless the
    case is signed off and its values still give the decision it was signed off with."""
    signed = require(session, case_id)
    case = session.cases[case_id]
    items = session.case_items(case_id)
    answers = session.answers.get(case_id, {})
    cf = build_case_facts(items, answers, request_type=signed.request_type,
                          request_date=signed.request_date)
    decision = rules.decide(cf.facts, case.policy)
    if decision.decision != signed.decision:
        raise SignOffError("the decision differs from the one signed off: sign the case off "
                           "again")
    counted = [i for i in items if i.counted and i not in cf.conflicts]
    patient = _patient(case_id, counted)
    patient_url = _url(patient["id"])
    entries: list[dict[str, Any]] = [{"fullUrl": patient_url, "resource": patient}]
    references: dict[tuple[str, int], dict[str, Any]] = {}
    observations: list[dict[str, Any]] = []
    hashes: dict[str, dict[str, Any]] = {}
    for item in counted:
        v = _measurement(item)
        if v is None:
            continue
        ref = None
        text = None
        if item.doc_id is not None and item.doc_id in session.docs and item.page:
            doc = session.docs[item.doc_id]
            key = (item.doc_id, item.page)
            if key not in references:
                if doc.id not in hashes:
                    hashes[doc.id] = _file_facts(Path(doc.path))
                references[key] = _document_reference(case_id, doc.id, doc.path, item.page,
                                                      patient_url, hashes[doc.id])
            ref = {"reference": _url(references[key]["id"]),
                   "display": f"{Path(doc.path).name}, page {item.page}"}
            text = (item.evidence or {}).get("text")
        observations.append(_observation(case_id, item, v, patient_url, ref, text))
    entries += [{"fullUrl": _url(o["id"]), "resource": o} for o in observations]
    entries += [{"fullUrl": _url(r["id"]), "resource": r} for r in references.values()]
    coverage = _coverage(case_id, signed, decision, patient_url, answers)
    entries.append({"fullUrl": _url(coverage["id"]), "resource": coverage})
    return {
        "resourceType": "Bundle",
        "id": _uid(case_id, "bundle", str(signed.seq)),
        "identifier": {"system": f"{CODE_SYSTEM}:case", "value": case_id},
        "type": "collection",
        "timestamp": signed.at,
        "entry": entries,
    }


class FhirExportError(Exception):
    """The Bundle did not validate. The message names the places and kinds of error only,
    never the values (pydantic's own message would quote them)."""


def validate(data: dict[str, Any]) -> Any:
    """Parse ``data`` as an R4 Bundle with `fhir.resources`; returns the model, or raises
    `FhirExportError` when it is not valid FHIR."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        return Bundle.model_validate(data)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])} ({e['type']})"
                          for e in exc.errors()[:5])
        raise FhirExportError(f"not valid FHIR R4 ({exc.error_count()} problem(s)): "
                              f"{where}") from None


def build_bundle(session: ReviewSession, case_id: str) -> str:
    """The validated Bundle of a signed-off case as JSON text."""
    model = validate(bundle_dict(session, case_id))
    text: str = model.model_dump_json(indent=2)
    return text + "\n"


def export_case(session: ReviewSession, case_id: str, path: str | Path) -> Path:
    """Write the case's Bundle to ``path`` and log the export in the audit log."""
    text = build_bundle(session, case_id)
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    bundle_id = json.loads(text)["id"]
    session.store.audit.append(reviewer=session.reviewer, case_id=case_id, action="export",
                               subject="fhir-r4", before=None,
                               after={"file": target.name, "bundle": bundle_id})
    return target
