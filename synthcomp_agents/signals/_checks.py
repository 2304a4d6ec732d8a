"""Deliverable checks: evaluate every acceptance check of a deliverable on the end-state disk, in plain words.

Each check evaluates itself (:mod:`synthcomp_agents.objectives._checks`, registered by type); this module reads
the deliverable once and the user's sent folder once per plan, and runs them.

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> from synthcomp_agents.objectives import Deliverable, Mentions, QuotesValue
    >>> disk = VirtualDisk(user="ana")
    >>> _ = disk.write_text("Documents/memo.md", "# Spend\\n\\nQ1 spend was EUR 1.47m, mostly Holloway S.L.\\n")
    >>> checks = [Mentions(text="holloway"), QuotesValue(source="Documents/t.xlsx", locator="S!B7", value=1465552.5)]
    >>> memo = Deliverable(deliverable_id="d1", path="Documents/memo.md", kind="md", title="Memo", audience="CFO",
    ...                    description="Spend memo.", acceptance_checks=checks, due_day=3, effort_hours=2)
    >>> audit = check_deliverable(disk, memo)
    >>> audit.passed, [r.check_type for r in audit.checks]
    (True, ['mentions', 'quotes_value'])
    >>> parse_numbers("1 465 552,50 and 12.5%")
    [1465552.5, 12.5, 0.125]
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

from ..disk import VirtualDisk
from ..objectives import DEFAULT_SENT_FOLDER as DEFAULT_SENT_FOLDER
from ..objectives import CheckContext, Deliverable, ObjectivePlan
from ..objectives import CheckResult as CheckResult
from ..objectives import DeliverableFile as _File
from ..objectives import SentMail as SentMail
from ..objectives import collaborator_addresses as collaborator_addresses
from ..objectives import load_received_mail as load_received_mail
from ..objectives import load_sent_mail as load_sent_mail
from ..objectives import parse_numbers as parse_numbers
from ..objectives import quoted_list as _listing

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


class DeliverableAudit(BaseModel):
    """Every acceptance check of one deliverable, evaluated on the end-state disk."""

    deliverable_id: str
    path: str
    kind: str
    exists: bool
    checks: list[CheckResult]

    @property
    def passed(self) -> bool:
        """True when every check passed (a deliverable without checks passes when its file exists)."""
        return self.exists and all(c.passed for c in self.checks)

    @property
    def fraction_passed(self) -> float:
        """Share of checks passed (0 or 1 for a deliverable without checks, by existence)."""
        if not self.checks:
            return 1.0 if self.exists else 0.0
        return sum(c.passed for c in self.checks) / len(self.checks)

    def failures(self) -> list[CheckResult]:
        """The checks that failed."""
        return [c for c in self.checks if not c.passed]

    def summary(self) -> str:
        """A few lines in plain words: which checks passed, which failed and why."""
        head = f"{self.deliverable_id} ({self.path}): {sum(c.passed for c in self.checks)}/{len(self.checks)} checks"
        lines = [head + (" passed" if self.passed else " passed; FAILED")]
        lines += [f"  [{'ok' if c.passed else 'FAIL'}] {c.check_type}: {c.detail}" for c in self.checks]
        return "\n".join(lines)


def check_deliverable(
    disk: VirtualDisk,
    deliverable: Deliverable,
    *,
    sent_mail: list[SentMail] | None = None,
    addresses: Mapping[str, str] | None = None,
    received_mail: list[SentMail] | None = None,
    reviewers_offline: bool = False,
) -> DeliverableAudit:
    """Evaluate every acceptance check of ``deliverable`` on ``disk`` (the end state), in plain words.

    Args:
        disk: The end-state disk (e.g. ``VirtualDisk.from_archive(run / "final.scdisk")``).
        deliverable: The deliverable and its checks.
        sent_mail: The user's sent mail (:func:`load_sent_mail`); read from ``Mail/Sent`` on the disk when None and
            a ``sent_to`` check needs it.
        received_mail: The user's received mail (replies close review loops); read from ``Mail/Inbox`` when None.
        addresses: Collaborator identifier -> address (:func:`collaborator_addresses`); without it a recipient
            matches by display name or mailbox name (``diego_moreno`` ~ ``Diego Moreno <diego.moreno@...>``).

    Returns:
        The audit: one :class:`CheckResult` per check, in the order of ``deliverable.acceptance_checks``. A missing
        file fails every file check with the reason; ``sent_to`` is still evaluated from the mail.
    """
    path = deliverable.path
    data = disk.read_bytes(path) if disk.is_file(path) else None
    f = _File(path, deliverable.kind, data) if data is not None else None
    broken = f.open_error() if f is not None else None
    if f is None:
        name = path.rsplit("/", 1)[-1].casefold()
        elsewhere = [i.path for i in disk.walk() if not i.is_dir and i.path.rsplit("/", 1)[-1].casefold() == name]
        reason = f"{path} does not exist" + (f" (a file of that name is at {_listing(elsewhere)})" if elsewhere else "")
    else:
        reason = f"{path} does not open as {deliverable.kind}: {broken}"
    cache: dict[str, list[SentMail]] = {}

    def sent() -> list[SentMail]:
        if "sent" not in cache:
            cache["sent"] = list(sent_mail) if sent_mail is not None else load_sent_mail(disk)
        return cache["sent"]

    def received() -> list[SentMail]:
        if "received" not in cache:
            cache["received"] = list(received_mail) if received_mail is not None else load_received_mail(disk)
        return cache["received"]

    ctx = CheckContext(
        deliverable=deliverable,
        file=f if f is not None and not broken else None,
        unavailable=reason,
        data=data,
        sent_mail=sent,
        addresses=dict(addresses or {}),
        received_mail=received,
        reviewers_offline=reviewers_offline,
    )
    results = [check.run(ctx) for check in deliverable.acceptance_checks]
    return DeliverableAudit(
        deliverable_id=deliverable.deliverable_id,
        path=path,
        kind=deliverable.kind,
        exists=f is not None,
        checks=results,
    )


def audit_plan(
    disk: VirtualDisk,
    plan: ObjectivePlan,
    *,
    addresses: Mapping[str, str] | None = None,
    sent_folder: str = DEFAULT_SENT_FOLDER,
) -> list[DeliverableAudit]:
    """Audit every deliverable of ``plan`` on ``disk``, in plan order, reading the sent folder once."""
    sent = load_sent_mail(disk, sent_folder)
    received = load_received_mail(disk)
    return [
        check_deliverable(disk, d, sent_mail=sent, addresses=addresses, received_mail=received)
        for d in plan.deliverables()
    ]
