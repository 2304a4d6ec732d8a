"""Key nouns are the nouns of the persona's life: a relative clause's verb ("who plays", "who just released"), a
"-based" suffix, an adjective before the place ("rural Montana") or a time of day is no thing its computer holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.personas import classify_persona

ROLES = ("drummer", "baker", "nurse", "student", "retired teacher", "welder", "pensioner", "designer")
# (verb as the persona writes it, the noun it governs)
CLAUSES = (
    ("plays", "cards"),
    ("knits", "blankets"),
    ("builds", "robots"),
    ("fosters", "kittens"),
    ("homeschools", "kids"),
    ("self-publishes", "novels"),
    ("breeds", "pigeons"),
    ("repairs", "bicycles"),
    ("just released", "album"),
    ("also collects", "stamps"),
)


@given(role=st.sampled_from(ROLES), clause=st.sampled_from(CLAUSES), adverb=st.sampled_from(("", "every afternoon")))
@settings(max_examples=80, deadline=None)
def test_relative_clause_verb_is_no_key_noun(role: str, clause: tuple[str, str], adverb: str) -> None:
    verb, noun = clause
    text = f"A {role} who {verb} {noun} {adverb}".strip()
    keys = classify_persona(text).key_nouns
    assert verb.split()[-1] not in keys, (text, keys)
    assert any(noun in k for k in keys), (text, keys)
    assert not any("afternoon" in k for k in keys), (text, keys)


@given(city=st.sampled_from(("Taipei", "Lagos", "Denver", "Lyon", "Osaka")), role=st.sampled_from(ROLES))
@settings(max_examples=25, deadline=None)
def test_based_suffix_keeps_the_place(city: str, role: str) -> None:
    keys = classify_persona(f"A {city}-based {role}").key_nouns
    assert city.casefold() in keys and not any(k.endswith("-based") for k in keys), keys


@given(
    adjective=st.sampled_from(("rural", "coastal", "northern", "southern")),
    place=st.sampled_from(("Montana", "Iowa", "Kerala", "Kenya", "Oregon")),
    role=st.sampled_from(("veterinarian", "farmer", "teacher", "nurse")),
)
@settings(max_examples=30, deadline=None)
def test_adjective_before_place_is_dropped(adjective: str, place: str, role: str) -> None:
    keys = classify_persona(f"A {role} in {adjective} {place}").key_nouns
    assert place.casefold() in keys and f"{adjective} {place.casefold()}" not in keys, keys


def test_words_of_other_languages_and_colours() -> None:
    keys = classify_persona("jubilado en Valencia que cuida su huerto").key_nouns
    assert "huerto" in keys and "que" not in keys and "cuida" not in keys, keys
    keys = classify_persona("A retired coal miner in Kentucky with black lung").key_nouns
    assert "black lung" in keys and "black" not in keys, keys
    keys = classify_persona("A rapper from Atlanta who just released his first album").key_nouns
    assert "album" in keys and "first" not in keys and "released" not in keys, keys
