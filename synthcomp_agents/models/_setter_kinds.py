"""The kinds of paper a farm's and a band's own chains write, as the objective setter knows them.

The archetype table holds the office and personal kinds (an invoice, a setlist, a harvest record); a farm's herd
register or a band's gig settlement sheet is its chain's own kind and has no row there. This reviewed table
(``data/chain_kinds.yaml``) gives each such kind the name a person calls it, whether it adds up money, plans or
records, the work it serves, and the next paper of that kind a person writes in a month.

Example:
    >>> chain_kind("gig_settlement").label, chain_kind("gig_settlement").group
    ('Gig settlement sheet', 'money')
    >>> chain_kind("herd_register").next_title("xlsx", "Feeder cattle")
    "Stock register with this month's movements"
    >>> chain_kind("no_such_kind") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["GENERIC_KINDS", "ChainKind", "chain_kind", "kind_label", "serves"]

GENERIC_KINDS = frozenset({"meeting_notes", "email", "status_page", "meeting_invitations"})
"""Kinds that carry a project's talk, not its work: a setter grounds on them only when a project has nothing else."""


@dataclass(frozen=True)
class ChainKind:
    """One chain kind: its label, its group (``money``, ``plan``, ``record``), the stems of the work it serves and
    the next paper of it per deliverable file kind (``{name}`` is the project's name)."""

    kind: str
    label: str
    group: str
    words: tuple[str, ...]
    next: dict[str, str]

    def next_title(self, file_kind: str, name: str) -> str | None:
        """The next paper of this kind as a ``file_kind`` deliverable, for the project ``name``."""
        title = self.next.get(file_kind)
        return title.format(name=name) if title else None


@cache
def _table() -> dict[str, ChainKind]:
    text = resources.files(__package__).joinpath("data").joinpath("chain_kinds.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return {
        kind: ChainKind(
            kind, str(row["label"]), str(row["group"]), tuple(str(w) for w in row["words"]), dict(row["next"])
        )
        for kind, row in raw.items()
    }


def chain_kind(kind: str) -> ChainKind | None:
    """The chain kind with this id, or None (an archetype's kind, or one nobody described)."""
    return _table().get(kind)


def kind_label(kind: str) -> str:
    """A chain kind's label, or the id in words for any other kind ('milk_recording' -> 'Milk recording').

    Example:
        >>> kind_label("tour_budget"), kind_label("press_cuttings")
        ('Tour budget', 'Press cuttings')
    """
    known = chain_kind(kind)
    if known is not None:
        return known.label
    words = kind.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def serves(kind: str, text: str) -> int:
    """How many of the kind's work stems start a word of ``text`` (a project's name and focus).

    Example:
        >>> serves("gig_settlement", "Splitting the last tour's income between the band")
        2
        >>> serves("merch_count", "Splitting the last tour's income between the band")
        1
    """
    known = chain_kind(kind)
    if known is None:
        return 0
    words = re.findall(r"[a-z][a-z-]*", text.casefold())
    return sum(any(w.startswith(stem) for w in words) for stem in known.words)
