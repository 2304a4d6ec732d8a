"""File-level persona fidelity: the persona's key nouns reach the files of its computer and nothing there
contradicts it (a retiree has no current employer, a student supervises no one, nobody worked before 16).

The profile-level half (role, place, life stage parsed from the text) is tested with the personas themselves. Here a
spread sample of the hand-read fixture is generated (generation is the cost); ``tools/persona_files.py`` runs all of
them and prints the same measures as JSON.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from generator_cache import generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._fidelity import PersonaFidelity, core_fit, persona_fidelity

FIXTURE = Path(__file__).parent / "fixtures" / "personas_varied.yaml"
SAMPLE = 12


def sample_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    step = max(1, len(rows) // SAMPLE)
    return rows[::step][:SAMPLE]


@pytest.fixture(scope="module")
def computers() -> list[tuple[dict[str, object], GeneratedComputer]]:
    return [(row, generated(str(row["text"]), seed=7)) for row in sample_rows()]


@pytest.fixture(scope="module")
def fidelities(computers: list[tuple[dict[str, object], GeneratedComputer]]) -> list[PersonaFidelity]:
    """Each computer's persona fidelity, measured once for the tests that read it (reading the files is the cost)."""
    return [persona_fidelity(c.blueprint, c.disk.read_bytes, persona=c.persona) for _row, c in computers]


def test_key_nouns_reach_the_files(
    computers: list[tuple[dict[str, object], GeneratedComputer]], fidelities: list[PersonaFidelity]
) -> None:
    shares = []
    for (row, _c), fid in zip(computers, fidelities, strict=True):
        assert fid.key_words, row["text"]
        share = fid.files_share or 0.0
        shares.append((share, row["text"], sorted(set(fid.key_words) - set(fid.in_files))))
    mean = sum(s for s, _, _ in shares) / len(shares)
    worst = sorted(shares)[:3]
    assert mean >= 0.9, (mean, worst)
    assert all(s >= 0.8 for s, _, _ in shares), worst  # every persona, as `tools/file_fidelity.py` measures all


def test_no_contradiction_with_the_persona(computers: list[tuple[dict[str, object], GeneratedComputer]]) -> None:
    for row, c in computers:
        profile = c.blueprint.user_profile
        stage = c.persona.life_stage
        people = c.blueprint.collaboration_context.collaborators
        if stage == "retiree":
            assert all(e.end_year is not None for e in profile.career_history), row["text"]
        if stage in ("student", "retiree", "job_seeker", "homemaker"):
            assert not [p for p in people if p.relationship == "direct_report"], row["text"]
        if stage == "student":
            assert not profile.career_history, row["text"]
        born = c.persona.birth_year
        if born is not None:
            assert all(e.start_year >= born + 16 for e in profile.career_history), (row["text"], born)


def test_documents_fit_the_life(
    computers: list[tuple[dict[str, object], GeneratedComputer]], fidelities: list[PersonaFidelity]
) -> None:
    for (row, _c), fid in zip(computers, fidelities, strict=True):
        assert fid.document_archetypes >= 25, (row["text"], fid.archetypes)


def test_project_cores_fit_the_persona(computers: list[tuple[dict[str, object], GeneratedComputer]]) -> None:
    """Every project holds a document of its own kind (a setlist, a harvest record, a scheme of work), linked from
    its status page; a non-office persona's cores name no office departments and no project is only the variance
    pack."""
    for row, c in computers:
        fit = core_fit(c.blueprint, c.disk.read_bytes, persona=c.persona)
        # a project no fitting kind names goes without rather than borrowing the user's private paperwork
        assert fit.with_documents >= 0.7 * fit.projects, (row["text"], fit)
        assert not fit.misfit_slots, (row["text"], fit.misfit_slots)
        if fit.non_office:
            assert len(fit.template_only) <= 2, (row["text"], fit.template_only)
        files = {f.path for f in c.blueprint.file_list}
        for project in c.blueprint.project_index.projects:
            assert set(project.documents) <= files, project.documents
            readme = f"{project.folder}/README.md"
            if project.documents and readme in files:
                text = c.disk.read_text(readme)
                assert all(d.rsplit("/", 1)[-1] in text for d in project.documents), (readme, project.documents)
