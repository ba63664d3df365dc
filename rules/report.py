"""Plain-text rendering of a `Decision` for the terminal (`oxygen-intake decide` without --json).

Renders the trace as evaluated; computes nothing of its own.
"""

from __future__ import annotations

from rules.outcome import Decision

STATUS_MARKS = {"met": "✓", "failed": "✗", "missing": "?", "review": "!", "info": "·"}
DECISION_TEXT = {
    "qualifies": "QUALIFIES",
    "does_not_qualify": "DOES NOT QUALIFY",
    "needs_review": "NEEDS REVIEW",
    "insufficient_information": "INSUFFICIENT INFORMATION",
}


def render_text(result: Decision, title: str | None = None) -> str:
    lines: list[str] = []
    if title:
        lines.append(f"== {title} ==")
    lines.append(f"Decision:  {DECISION_TEXT[result.decision]}")
    lines.append(f"Policy:    {result.policy} — {result.policy_version}")
    if result.group:
        lines.append(f"Group:     {result.group}")
    if result.equipment:
        items = [name for name in ("stationary", "portable") if getattr(result.equipment, name)]
        lines.append(f"Equipment: {', '.join(items) or 'none'}")
    if result.payment_flow:
        lines.append(f"Payment:   {result.payment_flow.replace('_', ' ')}")
    lines.append("")
    lines.append("Criteria (✓ met, ✗ failed, ? missing, ! needs review, · note):")
    for rule in result.rules:
        lines.append(f"  {STATUS_MARKS[rule.status]} {rule.id:<34} {rule.explanation}")
        lines.append(f"    {'':<34} [{rule.citation}]")
    if result.missing_facts:
        lines.append("")
        lines.append("Missing — please provide:")
        lines.extend(f"  - {fact}" for fact in result.missing_facts)
    if result.review_reasons:
        lines.append("")
        lines.append("For a reviewer:")
        lines.extend(f"  - {reason}" for reason in result.review_reasons)
    if result.warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(f"  - {w}" for w in result.warnings)
    return "\n".join(lines) + "\n"
