"""A persona's own role and the classes its words name give its projects, before its family's stock.

A self-employed wedding photographer in Porto who also teaches evening photography classes was classified into the
creative-arts family and got a novelist's computer: "Query letters", "Third draft of a novel", "Manuscript chapter",
no wedding and no class in any project.
"""

from __future__ import annotations

import pytest
import yaml
from generator_cache import generated

from synthcomp_agents.computers._content import _measure_score, family_measures
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.generation.role_focuses import role_focuses
from synthcomp_agents.computers.generation.text import project_name
from synthcomp_agents.office import extract_text

ROLES = {
    "A self-employed wedding photographer in Porto who also teaches evening photography classes": "photograph",
    "A freelance videographer in Austin who films corporate events": "videographer",
    "A tattoo artist in Berlin": "tattoo",
    "A potter who sells at craft fairs in Vermont": "potter",
    "A freelance illustrator of children's books in Melbourne": "illustrator",
    "A florist who runs a small shop in Bristol": "florist",
    "A hairdresser with her own salon in Dublin": "hairdresser",
    "A personal trainer in Sydney": "personal trainer",
    "A freelance translator in Montreal": "translator",
    "A wedding DJ in Manchester": "dj",
}


@pytest.mark.parametrize("persona", sorted(ROLES))
def test_a_roles_focuses_name_projects_and_measures_of_its_family(persona: str) -> None:
    focuses = role_focuses(persona)
    assert len(focuses) >= 6, persona
    family = resolve_persona(persona).family
    names = [project_name(f) for f in focuses]
    assert len(set(names)) == len(names), names
    for focus, name in zip(focuses, names, strict=True):
        assert len(name.split()) >= 2 or (name[:1].isupper() and len(name) > 4), (focus, name)
        assert max(_measure_score(m, focus) for m in family_measures(family)) > 0, (family, focus)


def test_the_wedding_photographers_computer_is_about_weddings_and_the_class() -> None:
    persona = resolve_persona(next(p for p in ROLES if "photographer" in p))
    computer = generated(persona, seed=3)
    projects = [p.name for p in computer.blueprint.project_index.projects]
    assert projects[0] == "Evening photography classes"
    assert sum("wedding" in p.lower() for p in projects) >= 2, projects
    text = " ".join(projects).lower()
    assert not any(w in text for w in ("novel", "query letter", "manuscript", "literary")), projects
    words = " ".join(
        extract_text(f.path.rsplit("/", 1)[-1], computer.disk.read_bytes(f.path))
        for f in computer.disk.walk()
        if not f.is_dir and f.path.endswith((".docx", ".md")) and "/Projects/" in f.path
    ).lower()
    assert "wedding" in words and "class" in words
    assert "literary agent" not in words and "manuscript" not in words


def test_a_persona_without_a_listed_role_keeps_its_family_stock() -> None:
    assert role_focuses("A tax accountant in Leeds") == []
    assert role_focuses("A nurse who runs antenatal classes at the clinic") == ["running the antenatal classes"]
    data = yaml.safe_load(open_role_data())
    assert all(entry["focuses"] for entry in data)


def open_role_data() -> str:
    from importlib import resources

    return (
        resources.files("synthcomp_agents.computers.archetypes").joinpath("data/role_focuses.yaml").read_text("utf-8")
    )
