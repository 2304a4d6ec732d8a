"""Who a persona lives with, as far as its own words say: stock home-life work must not assume children,
grandchildren or a partner the persona does not have ("a caregiver for her elderly mother in Ohio" has no school run).

Example:
    >>> without_assumed_kin(("school pick-up", "doctor's appointment"), "A caregiver for her elderly mother")
    ("doctor's appointment",)
    >>> without_assumed_kin(("school pick-up",), "A stay-at-home dad of three")
    ('school pick-up',)
"""

from __future__ import annotations

import re

__all__ = ["has_children", "without_assumed_kin"]

# words by which a persona says it has children (of its own or in its care)
_CHILDREN = re.compile(
    r"\b(children|child|kids?|sons?|daughters?|toddlers?|bab(y|ies)|twins|teens?|teenagers?|stepchildren|"
    r"stay[- ]at[- ]home (mom|mum|dad|parent|mother|father)|(mom|mum|dad|mother|father|parent)s? of|"
    r"single (mom|mum|dad|mother|father|parent)|homeschool\w*|full-time (mom|mum|dad|mother|father|parent)|"
    r"housewife|househusband|family of|foster\w*|nanny|childminder)\b"
)
_GRANDCHILDREN = re.compile(r"\b(grand(children|child|kids?|sons?|daughters?|mother|father|ma|pa|parents?|mom|dad))\b")
_PARTNER = re.compile(r"\b(husband|wife|partner|spouse|married|widow|widower|boyfriend|girlfriend|fianc[ée]e?)\b")

# stock items that presume children, grandchildren or a partner (reviewed by hand against the home-life families)
_ASSUMES_CHILDREN = re.compile(
    r"\b(child|children|child's|children's|kids?|school|schools|PTA|parent-teacher|playdate|pocket money|packed lunch|"
    r"after-school|childminder|birthday party|class teacher|term dates|permission slip|swimming lesson|chore chart|"
    r"grandparents?'?s? visit|grandparent)\b",
    re.IGNORECASE,
)
_ASSUMES_GRANDCHILDREN = re.compile(r"\bgrand(children|children's|kids)\b", re.IGNORECASE)
_ASSUMES_PARTNER = re.compile(r"^partner$", re.IGNORECASE)
_FOR_THE_GRANDCHILDREN = re.compile(r"\s+for the grandchildren$")


def has_children(text: str) -> bool:
    """Whether the persona's words say it has children (or children in its care)."""
    return bool(_CHILDREN.search(text.casefold()))


def without_assumed_kin(items: tuple[str, ...], text: str) -> tuple[str, ...]:
    """``items`` without those that presume children, grandchildren or a partner the persona ``text`` does not
    name; "writing up the family history for the grandchildren" keeps its work ("writing up the family history")."""
    low = text.casefold()
    children = has_children(low)
    grandchildren = bool(_GRANDCHILDREN.search(low))
    partner = bool(_PARTNER.search(low))
    out: list[str] = []
    for item in items:
        if not grandchildren:
            item = _FOR_THE_GRANDCHILDREN.sub("", item)
            if _ASSUMES_GRANDCHILDREN.search(item):
                continue
        if not children and _ASSUMES_CHILDREN.search(item):
            continue
        if not partner and _ASSUMES_PARTNER.search(item):
            continue
        if item not in out:
            out.append(item)
    return tuple(out)
