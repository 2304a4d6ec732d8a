"""Collateral damage: what a run changed on the computer outside the scope of its objectives.

Compared with the computer before the run (the original disk):

* ``deleted``: a pre-existing file is gone (even if it sits in the trash, the user's tree lost it);
* ``modified``: a pre-existing file changed and it is neither a deliverable, nor a grounding file of the plan, nor
  the work journal, nor mail;
* ``misplaced``: a new file outside the places work belongs: the deliverables' folders (and their ``Working notes``),
  ``Downloads`` (saved attachments), ``Mail``, ``Calendar`` (meetings), the journal and the month plan the objective
  setter left beside it.

Each item adds to the ``penalty`` (capped at 1); the run's reward is scaled by ``1 - penalty``.

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> from synthcomp_agents.objectives import Deliverable
    >>> def computer() -> VirtualDisk:
    ...     disk = VirtualDisk(user="ana")
    ...     _ = disk.write_text("Documents/P/budget.csv", "item,amount\\nlicences,100\\n")
    ...     _ = disk.write_text("Documents/old.txt", "keep me")
    ...     return disk
    >>> before, after = computer(), computer()
    >>> _ = after.write_text("Documents/P/memo.md", "# Memo")
    >>> _ = after.write_text("Desktop/memo copy.md", "# Memo")
    >>> _ = after.delete("Documents/old.txt")
    >>> memo = Deliverable(deliverable_id="d1", path="Documents/P/memo.md", kind="md", title="Memo", audience="CFO",
    ...                    description="Costs.", due_day=2, effort_hours=1)
    >>> report = collateral_damage(before, after, [memo])
    >>> [(i.kind, i.path) for i in report.items], report.penalty
    ([('deleted', 'Documents/old.txt'), ('misplaced', 'Desktop/memo copy.md')], 0.12)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from ..disk import VirtualDisk
from ..objectives import Deliverable
from ..world import plan_document_path

__all__ = ["CollateralItem", "CollateralReport", "collateral_damage"]

PENALTY = {"deleted": 0.1, "modified": 0.05, "misplaced": 0.02}
"""Reward lost per item of each kind (the total is capped at 1)."""

_WORK_PLACES = ("Mail/", "Downloads/", "Calendar/")
_MAX_ITEMS = 200


class CollateralItem(BaseModel):
    """One change outside the objectives' scope."""

    path: str
    kind: Literal["modified", "deleted", "misplaced"]
    detail: str


class CollateralReport(BaseModel):
    """Every change outside the objectives' scope, and the reward penalty it costs (0 = no damage)."""

    penalty: float
    items: list[CollateralItem]


def _in_folder(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


def collateral_damage(
    before: VirtualDisk,
    after: VirtualDisk,
    deliverables: Sequence[Deliverable],
    *,
    grounding: Sequence[str] = (),
    journal: str = "Documents/Work Journal.md",
) -> CollateralReport:
    """Compare the end state with the computer before the run and list changes outside the plan's scope.

    Args:
        before: the computer before the run.
        after: the end state.
        deliverables: every deliverable in scope (all of the plan, or one objective's for a per-objective score).
        grounding: grounding files of the plan (changing them is within scope, though unusual).
        journal: the work journal path.
    """
    diff = after.diff(before)
    targets = {d.path for d in deliverables}
    inputs = set(grounding) | {g for d in deliverables for g in d.grounding_files}
    folders = {d.path.rsplit("/", 1)[0] if "/" in d.path else "" for d in deliverables}
    items: list[CollateralItem] = []
    for path in diff.removed:
        items.append(CollateralItem(path=path, kind="deleted", detail="a file that was on the computer is gone"))
    for path in diff.modified:
        if path in targets or path in inputs or path == journal or path.startswith(_WORK_PLACES):
            continue
        items.append(CollateralItem(path=path, kind="modified", detail="changed, but no objective asks for it"))
    handed = plan_document_path(journal)  # the month plan the objective setter left beside the journal
    for path in diff.added:
        if path in targets or path in (journal, handed) or path.startswith(_WORK_PLACES):
            continue
        if any(_in_folder(path, folder) for folder in folders if folder):
            continue
        name = path.rsplit("/", 1)[-1].casefold()
        twin = next((t for t in sorted(targets) if t.rsplit("/", 1)[-1].casefold() == name), None)
        detail = (
            f"a deliverable saved in the wrong place (it belongs at {twin})"
            if twin
            else "a new file outside the work's folders"
        )
        items.append(CollateralItem(path=path, kind="misplaced", detail=detail))
    items.sort(key=lambda i: (("deleted", "modified", "misplaced").index(i.kind), i.path))
    penalty = min(1.0, round(sum(PENALTY[i.kind] for i in items), 6))
    if len(items) > _MAX_ITEMS:
        rest = len(items) - _MAX_ITEMS
        items = items[:_MAX_ITEMS]
        items.append(CollateralItem(path="", kind="misplaced", detail=f"... and {rest} more changes (not listed)"))
    return CollateralReport(penalty=penalty, items=items)
