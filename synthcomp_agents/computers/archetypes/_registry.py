"""The archetype table: loaded once from the package's reviewed YAML files, with lookup and selection by life.

Each ``data/*.yaml`` file maps archetype ids to a recipe: the table row (label, kinds, families, life stages,
interests, length, file name) and how to build it (sections of a document, sheets of a workbook, slides of a deck,
a csv table). :data:`ARCHETYPES` holds the rows; the builder reads the recipes.

Example:
    >>> from synthcomp_agents.computers.archetypes import ARCHETYPES, archetypes_for
    >>> len(ARCHETYPES) >= 60
    True
    >>> class P:
    ...     family, life_stage, interests = None, "retiree", ("family history",)
    >>> "family_history_notes" in [a.id for a in archetypes_for(P())]
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ._model import BILLING_STAGES, WORKING_STAGES, Archetype, ArchetypeError, LifeProfile, table_stage

_DATA_FILES = ("work.yaml", "education.yaml", "personal.yaml", "hobbies.yaml", "parks.yaml")
_RECIPE_KEYS = {"sections", "sheets", "slides", "csv"}
_ROW_KEYS = set(Archetype.model_fields) - {"id", "sections"}


def _load_yaml(name: str) -> Any:
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _layout(recipe: Mapping[str, Any], kind: str) -> tuple[str, ...]:
    if kind in ("docx", "pdf", "md"):
        return tuple(str(s.get("heading") or ("≡" if "lines" in s else "¶")) for s in recipe["sections"])
    if kind == "xlsx":
        tables = recipe["tables"]
        return tuple(
            f"{s['name']} [{', '.join(str(c) for c in _headers(tables[s['table']]))}]" for s in recipe["sheets"]
        )
    if kind == "pptx":
        return tuple(str(s["title"]) for s in recipe["slides"])
    table = recipe["tables"][recipe["csv"]["table"]]
    return tuple(str(c["header"]) for c in table["columns"])


def _headers(table: Mapping[str, Any]) -> list[str]:
    if table.get("kind") == "summary":
        return [str(h) for h in table["header"]] + [str(r[0]) for r in table["rows"]]
    return [str(c["header"]) for c in table["columns"]]


def _supported(recipe: Mapping[str, Any]) -> set[str]:
    kinds: set[str] = set()
    if "sections" in recipe:
        kinds |= {"docx", "pdf", "md"}
    if "sheets" in recipe:
        kinds.add("xlsx")
    if "slides" in recipe:
        kinds.add("pptx")
    if "csv" in recipe:
        kinds.add("csv")
    return kinds


@cache
def _tables() -> tuple[dict[str, Archetype], dict[str, dict[str, Any]], dict[str, Any]]:
    rows: dict[str, Archetype] = {}
    recipes: dict[str, dict[str, Any]] = {}
    for name in _DATA_FILES:
        data = _load_yaml(name)
        personal = name in ("personal.yaml", "hobbies.yaml")
        for arch_id, recipe in data.items():
            if arch_id in rows:
                raise ArchetypeError(f"archetype {arch_id!r} defined twice ({name})")
            if not (_RECIPE_KEYS & set(recipe)):
                raise ArchetypeError(f"archetype {arch_id!r} in {name} has no sections, sheets, slides or csv")
            row = {k: v for k, v in recipe.items() if k in _ROW_KEYS}
            row.setdefault("personal", personal)
            kinds = tuple(row.get("kinds", ()))
            missing = set(kinds) - _supported(recipe)
            if missing:
                raise ArchetypeError(f"archetype {arch_id!r} lists kinds {sorted(missing)} without a recipe for them")
            row["sections"] = _layout(recipe, kinds[0]) if kinds else ()
            for key in ("kinds", "families", "life_stages", "interests", "org_types", "exclude", "facts", "length"):
                if key in row:
                    row[key] = tuple(row[key])
            try:
                rows[arch_id] = Archetype(id=arch_id, **row)
            except ValueError as err:
                raise ArchetypeError(f"archetype {arch_id!r} in {name}: {err}") from err
            recipes[arch_id] = recipe
    vocab = _load_yaml("vocab.yaml")
    return rows, recipes, vocab


class _Registry(Mapping[str, Archetype]):
    """Read-only mapping of archetype id -> :class:`Archetype`, loaded on first use."""

    def __getitem__(self, key: str) -> Archetype:
        try:
            return _tables()[0][key]
        except KeyError:
            raise ArchetypeError(f"unknown archetype {key!r}") from None

    def get(self, key: str, default: Any = None) -> Any:
        """The archetype of ``key``, or ``default`` for an id no table holds (a farm's herd register is a file kind
        of its own): ``Mapping.get`` catches only ``KeyError``, which :class:`ArchetypeError` is not."""
        return _tables()[0].get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(_tables()[0])

    def __len__(self) -> int:
        return len(_tables()[0])


ARCHETYPES: Mapping[str, Archetype] = _Registry()
"""Every archetype by id (at least 60, work and personal life)."""


def get_archetype(archetype_id: str) -> Archetype:
    """The archetype with this id, or :class:`ArchetypeError`."""
    return ARCHETYPES[archetype_id]


def recipe_of(archetype_id: str) -> dict[str, Any]:
    """The raw recipe of an archetype (for the builder)."""
    get_archetype(archetype_id)
    return _tables()[1][archetype_id]


def vocabulary() -> dict[str, Any]:
    """Shared vocabulary banks (services and goods by field, invented names)."""
    return _tables()[2]


def _matches_interest(archetype: Archetype, texts: list[str]) -> bool:
    """An interest word matches the start of a word ("box" matches "boxing", "sew" does not match "coursework")."""
    return _any_starts_word(tuple(archetype.interests), texts)


@cache
def _word_start(word: str) -> re.Pattern[str]:
    """A word start ("box" matches "boxing"); a trailing ``$`` asks for the whole word or its plural ("war$" matches
    "war" and "wars", not "ward" or "warehouse"; "car$" not "care")."""
    if word.endswith("$"):
        return re.compile(r"(?<!\w)" + re.escape(word[:-1].casefold()) + r"s?(?!\w)")
    return re.compile(r"(?<!\w)" + re.escape(word.casefold()))


def _starts_word(word: str, text: str) -> bool:
    return _word_start(word).search(text) is not None


@cache
def _words_start(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that matches where any of ``words`` matches (:func:`_word_start`); None for no words."""
    return re.compile("|".join(_word_start(w).pattern for w in words)) if words else None


def _any_starts_word(words: tuple[str, ...], texts: list[str]) -> bool:
    """``any(_starts_word(w, t) for w in words for t in texts)``, one search per text."""
    pattern = _words_start(words)
    return pattern is not None and any(pattern.search(text) is not None for text in texts)


def interest_in(word: str, text: str) -> bool:
    """True when an archetype's interest ``word`` starts a word of ``text``, as the registry matches it."""
    return _starts_word(word, text.casefold())


def archetypes_for(profile: LifeProfile, *, include_general: bool = True) -> list[Archetype]:
    """The archetypes whose documents this person's computer would hold, most specific first.

    Order: archetypes of the person's occupational family (when working), then those of their interests, then those
    of their life stage, then (``include_general``) the ones any working person keeps (``families: ["*"]``).

    Args:
        profile: Anything with ``family``, ``life_stage`` and ``interests`` (a persona, an ``ArchetypeContext``); its
            ``role``/``occupation``/``owner_role``/``org_type``, when present, are matched like interests (so a
            farmer's computer gets harvest records whatever family the farmer was filed under).
        include_general: Add archetypes every working person may keep (timesheet, meeting minutes, CV...).

    Returns:
        Distinct archetypes, in that order.
    """
    family = profile.family
    stage = table_stage(profile.life_stage)
    interests = [i.casefold() for i in profile.interests]
    own_words = list(interests)
    for attr in ("role", "occupation", "owner_role", "org_type"):
        value = getattr(profile, attr, None)
        if isinstance(value, str) and value:
            own_words.append(value.casefold())
    own_words += [str(n).casefold() for n in getattr(profile, "key_nouns", ()) or ()]
    working = stage in WORKING_STAGES
    tiers: list[list[Archetype]] = [[], [], [], []]
    for arch in ARCHETYPES.values():
        if _any_starts_word(tuple(arch.exclude), own_words):
            continue
        if arch.bills and stage not in BILLING_STAGES:
            continue  # an employee designer or translator bills nobody: invoices and quotes are the owner's
        if working and family is not None and family in arch.families:
            tiers[0].append(arch)
        elif own_words and _matches_interest(arch, own_words):
            tiers[1].append(arch)
        elif stage in arch.life_stages:
            tiers[2].append(arch)
        elif include_general and working and "*" in arch.families:
            tiers[3].append(arch)
    # within a tier, the archetypes made for fewer lives come first (a lesson plan before a newsletter)
    return [a for tier in tiers for a in sorted(tier, key=_breadth)]


def _breadth(archetype: Archetype) -> int:
    return len(archetype.families) + len(archetype.life_stages)
