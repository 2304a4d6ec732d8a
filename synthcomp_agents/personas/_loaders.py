"""Load personas from JSONL (PersonaHub layout) and plain-text files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from synthcomp_agents.personas._classify import MAX_PERSONA_CHARS, classify_persona
from synthcomp_agents.personas._families import OCCUPATIONAL_FAMILIES
from synthcomp_agents.personas._models import LIFE_STAGES, SENIORITIES, Persona, PersonaError
from synthcomp_agents.personas._places import country_code
from synthcomp_agents.personas._world import INDUSTRIES

TEXT_FIELDS: tuple[str, ...] = ("persona", "input persona", "input_persona", "text")
"""JSONL fields read as the persona text, in order of preference."""

_JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}


def _record_text(record: dict[str, Any], where: str) -> str:
    for key in TEXT_FIELDS:
        if key in record:
            value = record[key]
            if not isinstance(value, str):
                raise PersonaError(f"{where}: field {key!r} must be a string, got {type(value).__name__}")
            return value
    found = ", ".join(repr(k) for k in list(record)[:8]) or "none"
    raise PersonaError(f"{where}: no persona field (expected one of {', '.join(TEXT_FIELDS)}; found {found})")


def _from_record(record: dict[str, Any], source: str, where: str) -> Persona:
    """Build a persona from a JSON record: classify the text, then apply any valid structured fields it carries."""
    text = _record_text(record, where)
    complete = (
        record.get("family") in OCCUPATIONAL_FAMILIES
        and record.get("industry") in INDUSTRIES
        and record.get("seniority") in SENIORITIES
        and isinstance(record.get("occupation"), str)
        and record["occupation"].strip()
    )
    if complete and text.strip() and "\n" not in text and len(text) <= MAX_PERSONA_CHARS:
        # Fully structured record (e.g. the built-in pool): trust it, no classification needed.
        country, city = record.get("country"), record.get("city")
        return Persona(
            text=text.strip(),
            occupation=record["occupation"].strip(),
            family=record["family"],
            industry=record["industry"],
            seniority=record["seniority"],
            country=country if isinstance(country, str) and country.strip() else None,
            city=city if isinstance(city, str) and city.strip() else None,
            source=source,
            **_profile_fields(record, text.strip()),
        )
    try:
        base = classify_persona(text, source=source)
    except PersonaError as err:
        raise PersonaError(f"{where}: {err}") from None
    overrides: dict[str, Any] = {}
    if record.get("family") in OCCUPATIONAL_FAMILIES:
        overrides["family"] = record["family"]
    if record.get("industry") in INDUSTRIES:
        overrides["industry"] = record["industry"]
    if record.get("seniority") in SENIORITIES:
        overrides["seniority"] = record["seniority"]
    for key in ("occupation", "country", "city"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            overrides[key] = value.strip()
    if "country" in overrides:
        overrides["country_code"] = country_code(overrides["country"])
    if "family" in overrides and "occupation" not in overrides and overrides["family"] != base.family:
        level = overrides.get("seniority", base.seniority)
        overrides["occupation"] = OCCUPATIONAL_FAMILIES[overrides["family"]].roles[level][0]
    if overrides:
        overrides["mapping_note"] = None if {"family", "occupation"} <= set(overrides) else base.mapping_note
        return base.model_copy(update=overrides)
    return base


def _profile_fields(record: dict[str, Any], text: str) -> dict[str, Any]:
    """The profile fields of a structured record: as given when the record carries them, else read from the text."""
    if record.get("life_stage") in LIFE_STAGES and isinstance(record.get("key_nouns"), list):
        fields: dict[str, Any] = {"life_stage": record["life_stage"]}
        for key in ("role", "org_type", "region", "country_code"):
            if isinstance(record.get(key), str) and record[key].strip():
                fields[key] = record[key].strip()
        if isinstance(record.get("birth_year"), int):
            fields["birth_year"] = record["birth_year"]
        for key in ("interests", "key_nouns"):
            if isinstance(record.get(key), list):
                fields[key] = tuple(str(v) for v in record[key] if isinstance(v, str) and v.strip())
        if "country_code" not in fields and isinstance(record.get("country"), str):
            fields["country_code"] = country_code(record["country"])
        return fields
    parsed = classify_persona(text)
    return {
        key: getattr(parsed, key)
        for key in (
            "role",
            "life_stage",
            "org_type",
            "region",
            "country_code",
            "birth_year",
            "birth_year_range",
            "interests",
            "key_nouns",
        )
    }


def _looks_like_jsonl(lines: list[str]) -> bool:
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped.startswith("{")
    return False


def load_personas(path: str | Path) -> list[Persona]:
    """Load personas from a JSONL file or a plain-text file with one persona per line.

    JSONL lines are objects with a ``persona`` or ``input persona`` field (the PersonaHub layout) or ``text``;
    structured fields they carry (``occupation``, ``family``, ``industry``, ``seniority``, ``country``, ``city``)
    are kept when valid, the rest is classified from the text. Text files skip blank lines and ``#`` comments.
    A UTF-8 BOM and CRLF line ends are accepted; duplicates (same ``persona_id``) keep the first occurrence.
    Files ending in ``.jsonl``, ``.ndjson`` or ``.json`` are read as JSONL, others are sniffed.

    Args:
        path: The file to read.

    Returns:
        The personas in file order, each with ``source`` set to the file name.

    Raises:
        PersonaError: If the file is missing or unreadable, or a line is malformed JSON, lacks a persona field or
            holds an unusable persona; the message names the file and line.

    Example:
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.txt"
        >>> _ = f.write_text("# team\\nA nurse in Leeds\\n\\nA buyer in Lyon\\n", encoding="utf-8")
        >>> [p.family for p in load_personas(f)]
        ['nursing_care', 'procurement_supply_chain']
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise PersonaError(f"persona file not found: {file}") from None
    except OSError as err:
        raise PersonaError(f"cannot read persona file {file}: {err.strerror or err}") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
        raise PersonaError(f"{file}:{bad_line}: not valid UTF-8 text") from None
    lines = [line.rstrip("\r") for line in content.split("\n")]
    as_jsonl = file.suffix.lower() in _JSONL_SUFFIXES or (file.suffix.lower() != ".txt" and _looks_like_jsonl(lines))

    personas: list[Persona] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        where = f"{file}:{number}"
        if as_jsonl:
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as err:
                raise PersonaError(f"{where}: malformed JSON ({err.msg} at column {err.colno})") from None
            if not isinstance(record, dict):
                raise PersonaError(f"{where}: expected a JSON object, got {type(record).__name__}")
            try:
                persona = _from_record(record, file.name, where)
            except ValidationError as err:
                raise PersonaError(f"{where}: invalid persona record: {err.errors()[0]['msg']}") from None
        else:
            if stripped.startswith("#"):
                continue
            try:
                persona = classify_persona(stripped, source=file.name)
            except PersonaError as err:
                raise PersonaError(f"{where}: {err}") from None
        if persona.persona_id not in seen:
            seen.add(persona.persona_id)
            personas.append(persona)
    return personas
