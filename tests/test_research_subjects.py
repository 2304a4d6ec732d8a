"""A researcher's own subject names its work, and a university is no firm (issue 11: "A marine biologist studying
coral reefs in Queensland" had 'Manuscript', 'Key experiment' and 'Two master's students' projects' at 'Silverline
University & Co.'; a Vietnamese environmental scientist worked for 'Công ty TNHH Lindqvist', a limited company)."""

from __future__ import annotations

import random

import pytest
from generator_cache import generated

from synthcomp_agents.computers._names import company_name


@pytest.mark.parametrize(
    ("persona", "subject"),
    [
        ("A marine biologist studying coral reefs in Queensland", "coral reefs"),
        ("A historian researching medieval trade routes", "medieval trade routes"),
        ("An ecologist who studies the migration of birds", "migration of birds"),
    ],
)
def test_a_researchers_subject_names_the_paper_the_data_and_the_grant(persona: str, subject: str) -> None:
    c = generated(persona, seed=3)
    names = [p.name.casefold() for p in c.blueprint.project_index.projects]
    assert sum(subject in n for n in names) >= 2, names
    assert sum(subject in f.path.casefold() for f in c.blueprint.file_list) >= 5  # its folders and files


def test_the_employer_of_a_university_scientist_has_no_firms_legal_form() -> None:
    for seed in range(4):
        for persona in ("A marine biologist studying coral reefs in Queensland", "An environmental scientist in Hanoi"):
            employer = generated(persona, seed=seed).blueprint.user_profile.employer
            assert not any(form in employer for form in ("& Co.", "Ltd", "TNHH", "Inc.", "Pty")), employer


@pytest.mark.parametrize("country", ["Australia", "Vietnam", "Japan", "Germany", "United Kingdom", "Brazil"])
def test_institutions_are_named_without_a_legal_form(country: str) -> None:
    for seed in range(20):
        for word in ("University", "Council", "Charity", "Hospital"):
            name = company_name(random.Random(seed), country, sector=word)
            assert name.split()[-1] == word and len(name.split()) == 2, name
