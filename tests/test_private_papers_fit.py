"""A private life's papers are its own: no childcare in a 100-year-old's budget, no sole trader's tax return, no
backup of a laptop from 1978, and family and neighbours writing from their own mailboxes (found reading the WWII
veteran's and a student's computers)."""

from __future__ import annotations

import pytest
from generator_cache import generated

from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.office import extract_text

VETERAN = "A WWII veteran who didn't finish high school"
STUDENT = "A nursing student in Toronto"


@pytest.mark.parametrize("seed", [0, 1])
def test_a_veterans_papers_are_a_retirees(seed: int) -> None:
    computer = generated(resolve_persona(VETERAN), seed=seed)
    paths = [f.path for f in computer.disk.walk() if not f.is_dir]
    assert not [p for p in paths if "Backup old laptop" in p and int(p.split("laptop ")[1][:4]) < 2000]
    assert not [p for p in paths if "Tax return workings" in p]
    budgets = [p for p in paths if p.endswith(".xlsx") and "Household budget" in p]
    assert budgets
    for path in budgets:
        text = extract_text(path.rsplit("/", 1)[-1], computer.disk.read_bytes(path))
        assert "Childcare" not in text and "Car fuel" not in text, path
    kin = [c for c in computer.blueprint.collaboration_context.collaborators if c.role in ("Daughter", "Neighbour")]
    for person in kin:
        assert not person.email.endswith(".example"), (person.role, person.email)


def test_a_students_budget_is_a_students() -> None:
    computer = generated(resolve_persona(STUDENT), seed=0)
    budgets = [f.path for f in computer.disk.walk() if f.path.endswith(".xlsx") and "Household budget" in f.path]
    assert budgets
    text = extract_text(budgets[0].rsplit("/", 1)[-1], computer.disk.read_bytes(budgets[0]))
    assert "Childcare" not in text and "mortgage" not in text.lower()
    assert "Books and course materials" in text or "Rent" in text
