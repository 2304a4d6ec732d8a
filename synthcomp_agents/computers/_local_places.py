"""Local places by country: where a club meets, a party is held, a band plays, as people there name them.

The lists live in the reviewed data file ``data/local_places.yaml`` (keyed by kind and ISO country code, with
regional overrides and a generic, not British, default). Archetype recipes name a list by the item
``"@place:<kind>"``; :func:`expand_places` replaces it with the owner's country's list.

Example:
    >>> local_places("club_room", "FR")[0], local_places("club_room", "US")[0]
    ('Salle des fêtes', 'VFW hall')
    >>> local_places("club_room", "ES", places=("Valencia",))[0]
    'Casal fallero'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml

__all__ = ["PLACE_MARK", "expand_places", "local_places", "place_countries", "place_kinds"]

PLACE_MARK = "@place:"
"""A recipe list item ``"@place:club_room"`` stands for the owner's country's list of that kind."""

T = TypeVar("T")


@cache
def _table() -> dict[str, Any]:
    """The data file, checked: every kind known, ``default`` complete, every ``like`` a country of the file."""
    text = resources.files("synthcomp_agents.computers").joinpath("data/local_places.yaml").read_text("utf-8")
    table: dict[str, Any] = yaml.safe_load(text)
    kinds = set(table["kinds"])
    if set(table["default"]) != kinds:
        raise ValueError(f"local_places.yaml: default lacks {sorted(kinds - set(table['default']))}")
    countries: dict[str, dict[str, Any]] = table["countries"]
    for code, entry in countries.items():
        unknown = set(entry) - kinds - {"like"}
        if unknown:
            raise ValueError(f"local_places.yaml: {code} has unknown kinds {sorted(unknown)}")
        if "like" in entry and entry["like"] not in countries:
            raise ValueError(f"local_places.yaml: {code} is like unknown {entry['like']}")
    for code, regions in table.get("regions", {}).items():
        for region in regions:
            unknown = set(region) - kinds - {"names"}
            if code not in countries or unknown:
                raise ValueError(f"local_places.yaml: region of {code} has unknown kinds {sorted(unknown)}")
    return table


def place_kinds() -> tuple[str, ...]:
    """Every kind of place the data file names (``club_room``, ``gig_venue``...)."""
    return tuple(_table()["kinds"])


def place_countries() -> tuple[str, ...]:
    """Country codes with lists of their own (others get the generic default)."""
    return tuple(_table()["countries"])


def _fold(text: str) -> str:
    return text.casefold().strip()


def local_places(kind: str, country_code: str | None, *, places: Iterable[str] = ()) -> tuple[str, ...]:
    """The places of ``kind`` in ``country_code``: of the region when ``places`` (the owner's town, region) names one
    the file knows, else the country's, else the country it is like, else the generic default.

    Raises KeyError for a kind the data file does not name."""
    table = _table()
    if kind not in table["kinds"]:
        raise KeyError(f"no kind of place {kind!r} in local_places.yaml")
    code = (country_code or "").upper()
    wanted = {_fold(p) for p in places if p}
    if wanted:
        for region in table.get("regions", {}).get(code, ()):
            if kind in region and wanted & {_fold(n) for n in region["names"]}:
                return tuple(str(x) for x in region[kind])
    seen: set[str] = set()
    while code in table["countries"] and code not in seen:
        seen.add(code)
        entry = table["countries"][code]
        if kind in entry:
            return tuple(str(x) for x in entry[kind])
        code = str(entry.get("like", ""))
    return tuple(str(x) for x in table["default"][kind])


def expand_places(options: Sequence[T], country_code: str | None, *, places: Iterable[str] = ()) -> list[T | str]:
    """``options`` with every ``"@place:<kind>"`` item replaced by that kind's local list (other items kept, in
    order).

    Example:
        >>> expand_places(["at home", "@place:party_venue"], "DE")[:3]
        ['at home', 'the Vereinsheim', 'the Nebenzimmer at the Gasthaus']
    """
    where = tuple(places)
    out: list[T | str] = []
    for item in options:
        if isinstance(item, str) and item.startswith(PLACE_MARK):
            out.extend(local_places(item[len(PLACE_MARK) :], country_code, places=where))
        else:
            out.append(item)
    return out
