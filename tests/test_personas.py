"""Tests of the persona layer: built-in pool, loaders, classification and sampling."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthcomp_agents.personas import (
    COUNTRIES,
    INDUSTRIES,
    OCCUPATIONAL_FAMILIES,
    SENIORITIES,
    Persona,
    PersonaError,
    builtin_personas,
    builtin_pool_path,
    classify_persona,
    get_family,
    load_personas,
    parse_profile,
    persona_id_for,
    sample_personas,
)

ROOT = Path(__file__).resolve().parent.parent
USER_POOL = ROOT / "personas" / "pool.jsonl"
VOCAB_LISTS = (
    "key_metrics",
    "spreadsheet_kinds",
    "spreadsheet_columns",
    "report_types",
    "recurring_meetings",
    "jargon",
    "units",
    "tools",
    "collaborators",
    "focuses",
)


def _pool_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_persona_pool", ROOT / "tools" / "make_persona_pool.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    return module


# --- families -------------------------------------------------------------------------------------------------


def test_families_are_many_and_rich() -> None:
    assert len(OCCUPATIONAL_FAMILIES) >= 28
    for fam in OCCUPATIONAL_FAMILIES.values():
        assert set(fam.roles) == set(SENIORITIES), fam.id
        assert all(i in INDUSTRIES for i in fam.industries), fam.id
        for name in VOCAB_LISTS:
            items = getattr(fam, name)
            assert len(items) >= 6, (fam.id, name, len(items))
            assert len(set(items)) == len(items), (fam.id, name)


def test_family_vocabularies_differ() -> None:
    clinical = set(get_family("clinical_research").spreadsheet_columns)
    procurement = set(get_family("procurement_supply_chain").spreadsheet_columns)
    assert len(clinical & procurement) <= 2
    with pytest.raises(PersonaError, match="unknown occupational family"):
        get_family("astronaut")


def test_non_english_keywords_present() -> None:
    keywords = " ".join(k for fam in OCCUPATIONAL_FAMILIES.values() for k in fam.keywords)
    for word in ("einkauf", "comptab", "contable", "contabilidade", "infermier", "会计", "看護", "개발자"):
        assert word in keywords, word


# --- the built-in pool ----------------------------------------------------------------------------------------


def test_pool_size_distinct_and_covering() -> None:
    pool = builtin_personas()
    assert len(pool) >= 1000
    assert len({p.text for p in pool}) == len(pool)
    assert len({p.persona_id for p in pool}) == len(pool)
    assert all(p.source == "builtin" for p in pool)
    assert len(Counter(p.family for p in pool)) >= 25
    assert len(Counter(p.industry for p in pool)) >= 15
    assert set(Counter(p.seniority for p in pool)) == set(SENIORITIES)
    countries = Counter(p.country for p in pool)
    assert None not in countries and len(countries) >= 12
    assert all(c in COUNTRIES for c in countries)


def test_pool_has_no_placeholder_text() -> None:
    banned = re.compile(r"lorem|ipsum|placeholder|\bTODO\b|\bTBD\b|\bxxx\b|\{|\}|\bN/A\b|example\.com", re.I)
    for persona in builtin_personas():
        assert not banned.search(persona.text), persona.text
        assert 60 <= len(persona.text) <= 400
        assert persona.text[0].isupper() and persona.text.endswith(".")
        assert "  " not in persona.text


def test_pool_records_are_consistent() -> None:
    lines = USER_POOL.read_text(encoding="utf-8").splitlines()
    for line in lines:
        record = json.loads(line)
        assert {"persona", "persona_id", "occupation", "family", "industry", "seniority", "country"} <= set(record)
        assert record["persona_id"] == persona_id_for(record["persona"])
        assert record["occupation"].lower() in record["persona"].lower()
        assert record["family"] in OCCUPATIONAL_FAMILIES


def test_pool_copies_identical_and_reproducible() -> None:
    packaged = builtin_pool_path().read_bytes()
    assert USER_POOL.read_bytes() == packaged
    assert _pool_script().render_pool() == packaged


def test_classifier_recovers_what_the_pool_composer_put_in() -> None:
    """The pool's family, role, seniority, life stage, country and city are the composer's facts, not the parser's:
    reading each text back must recover them (every 3rd persona, so all families and sentence shapes are covered)."""
    records = [json.loads(line) for line in USER_POOL.read_text(encoding="utf-8").splitlines()][::3]
    fields = ("family", "role", "seniority", "life_stage", "country", "city", "country_code")
    misses: dict[str, list[str]] = {f: [] for f in fields}
    for record in records:
        parsed = classify_persona(record["persona"])
        for field in fields:
            if getattr(parsed, field) != record[field]:
                misses[field].append(f"{record['persona'][:70]}: {record[field]!r} != {getattr(parsed, field)!r}")
    for field in ("country", "city", "country_code"):
        assert not misses[field], misses[field][:5]
    for field in ("family", "role", "seniority", "life_stage"):
        assert len(misses[field]) / len(records) <= 0.02, (field, len(misses[field]), misses[field][:5])
    # the role is the persona's own words: it occurs in the text
    assert all(r["role"].lower() in r["persona"].lower() for r in records)


# --- loaders --------------------------------------------------------------------------------------------------


def test_load_jsonl_both_field_names_and_text_field(tmp_path: Path) -> None:
    path = tmp_path / "hub.jsonl"
    rows = [
        {"persona": "A registered nurse on a cardiology ward in Leeds"},
        {"input persona": "A procurement manager at a packaging manufacturer"},
        {"text": "A data analyst building churn dashboards"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    personas = load_personas(path)
    assert [p.family for p in personas] == ["nursing_care", "procurement_supply_chain", "data_analytics"]
    assert all(p.source == "hub.jsonl" for p in personas)
    assert personas[0].country == "United Kingdom" and personas[0].city == "Leeds"


def test_load_text_with_bom_crlf_comments_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "team.txt"
    content = "# my team\r\nA senior buyer in Lyon\r\n\r\nA teacher in Porto\r\n  a SENIOR buyer   in lyon \r\n"
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    personas = load_personas(path)
    assert [p.text for p in personas] == ["A senior buyer in Lyon", "A teacher in Porto"]
    assert personas[0].seniority == "senior"


def test_load_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"persona": "A chef in Milan"}\r\n{"persona": "A chef in Milan"}\r\n')
    personas = load_personas(path)
    assert len(personas) == 1 and personas[0].family == "hospitality_events"


def test_load_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"persona": "A nurse"}\n\n{"persona": "A buyer",\n', encoding="utf-8")
    with pytest.raises(PersonaError, match=r"bad\.jsonl:3: malformed JSON"):
        load_personas(path)


def test_load_missing_field_and_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "missing.jsonl"
    path.write_text('{"persona": "A nurse"}\n{"name": "Ann"}\n', encoding="utf-8")
    with pytest.raises(PersonaError, match=r"missing\.jsonl:2: no persona field.*'name'"):
        load_personas(path)
    path.write_text('["A nurse"]\n', encoding="utf-8")
    with pytest.raises(PersonaError, match=r":1: expected a JSON object"):
        load_personas(path)
    text = tmp_path / "odd.txt"
    text.write_text("A nurse\n12345\n", encoding="utf-8")
    with pytest.raises(PersonaError, match=r"odd\.txt:2: .*no letters"):
        load_personas(text)
    with pytest.raises(PersonaError, match="not found"):
        load_personas(tmp_path / "nope.jsonl")


def test_load_keeps_valid_structured_fields(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    record = {"persona": "Someone who likes spreadsheets", "family": "insurance_actuarial", "seniority": "lead"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (persona,) = load_personas(path)
    assert persona.family == "insurance_actuarial" and persona.seniority == "lead"
    assert persona.occupation in get_family("insurance_actuarial").roles["lead"]


# --- classification -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("chef", "hospitality_events"),
        ("A clinical research coordinator at a university hospital", "clinical_research"),
        ("Buchhalterin in einem Autohaus in München", "finance_accounting"),
        ("infirmière de nuit à Lyon", "nursing_care"),
        ("desarrollador de software en Madrid", "software_engineering"),
        ("Estagiário de marketing em São Paulo", "marketing"),
        ("ingegnere civile a Milano", "civil_structural_engineering"),
        ("東京の病院で働く看護師", "nursing_care"),
        ("🚀🚀 startup founder building an online shop 🚀", "small_business"),
        ("a musician in Berlin", "music_performing_arts"),
        ("A Kentucky farmer", "agriculture_farming"),
        ("An electrician who rewires old houses", "skilled_trades"),
        ("A high school student in Ohio", "student_life"),
        ("A retired nurse who volunteers at her church", "home_retirement_life"),
        ("A PhD student in marine biology", "academic_research"),
        ("A volunteer at a food bank in Toronto", "nonprofit_grants"),
    ],
)
def test_classify_maps_sensibly(text: str, family: str) -> None:
    assert classify_persona(text).family == family


def test_classify_structured_fields() -> None:
    p = classify_persona("A senior buyer at a mid-size automotive parts supplier in Stuttgart, Germany")
    assert (p.family, p.seniority, p.industry, p.country, p.city) == (
        "procurement_supply_chain",
        "senior",
        "automotive",
        "Germany",
        "Stuttgart",
    )
    assert p.occupation == "senior buyer" and p.mapping_note is None
    assert p.persona_id == persona_id_for(p.text) and len(p.persona_id) == 12
    assert classify_persona("IT manager at a school in the US").country == "United States"
    assert classify_persona("it is us").country is None


def test_classify_non_professional_gets_note() -> None:
    p = classify_persona("a retired grandmother who loves knitting")
    assert (p.family, p.life_stage, p.role, p.interests) == (
        "home_retirement_life",
        "retiree",
        "retired grandmother",
        ("knitting",),
    )
    assert p.mapping_note and "retiree persona" in p.mapping_note
    student = classify_persona("A student")
    assert student.seniority == "intern" and student.mapping_note
    odd = classify_persona("hello world")
    assert odd.mapping_note and "deterministically" in odd.mapping_note
    assert classify_persona("hello world") == odd


def test_classify_long_and_bad_inputs() -> None:
    long_text = "An accountant who reconciles ledgers. " * 260  # ~10k characters
    p = classify_persona(long_text)
    assert p.family == "finance_accounting" and "\n" not in p.text
    for bad in ("", "   \n\t ", "12345 !!!", "🙂🙂🙂", "x" * 20_001):
        with pytest.raises(PersonaError):
            classify_persona(bad)
    assert isinstance(PersonaError("x"), ValueError)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_classify_any_text_returns_persona_or_persona_error(text: str) -> None:
    try:
        persona = classify_persona(text)
    except PersonaError:
        return
    assert isinstance(persona, Persona)
    assert persona.family in OCCUPATIONAL_FAMILIES
    assert persona.industry in INDUSTRIES
    assert persona.seniority in SENIORITIES
    assert persona.text
    persona.model_dump_json()


# --- sampling -------------------------------------------------------------------------------------------------


def test_sample_is_deterministic_and_spread() -> None:
    first = sample_personas(20, seed=3)
    assert [p.persona_id for p in first] == [p.persona_id for p in sample_personas(20, seed=3)]
    assert len({p.family for p in first}) == 20
    assert [p.persona_id for p in first] != [p.persona_id for p in sample_personas(20, seed=4)]
    many = sample_personas(100, seed=1)
    assert len({p.persona_id for p in many}) == 100
    counts = Counter(p.family for p in many)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert sample_personas(0, seed=1) == []
    with pytest.raises(PersonaError):
        sample_personas(-1)
    with pytest.raises(PersonaError):
        sample_personas(10**6)


def test_sample_from_custom_pool() -> None:
    pool = [classify_persona(t) for t in ("A nurse", "A chef", "A buyer", "A teacher")]
    picks = sample_personas(4, seed=0, pool=pool)
    assert {p.persona_id for p in picks} == {p.persona_id for p in pool}


@pytest.mark.parametrize("text", ["❶", "A ❶-year-old", "grade ❷ pupil", "born in ❸❹", "A ²5s teacher"])
def test_digits_int_cannot_read_are_no_ages(text: str) -> None:
    """Characters str.isdigit() accepts but int() does not ('❶', '²') never crash the parser (hypothesis found '❶')."""
    profile = parse_profile(text)
    assert profile.birth_year is None or 1900 < profile.birth_year < 2030
