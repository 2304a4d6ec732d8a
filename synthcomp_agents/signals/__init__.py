"""Learning signals: deliverable checks (plain-words audits) on a run's end-state disk."""

from ._checks import (
    CheckResult,
    DeliverableAudit,
    SentMail,
    audit_plan,
    check_deliverable,
    collaborator_addresses,
    load_sent_mail,
    parse_numbers,
)

__all__ = [
    "CheckResult",
    "DeliverableAudit",
    "SentMail",
    "audit_plan",
    "check_deliverable",
    "collaborator_addresses",
    "load_sent_mail",
    "parse_numbers",
]
