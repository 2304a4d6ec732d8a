"""A project's plan-vs-actual report is a kind of report that can hold it (issue 11 review): its kind names the
project's subject or measure ("farm loan ..." for a farm equipment loan), or is a periodic report, or is a summary
of the measure; never a "soil test report" of loan repayments or a "risk assessment" of hours on site."""

from __future__ import annotations

import re

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.personas import Persona, sample_personas

_REPORT_WORDS = {"report", "reports", "summary", "review", "update", "commentary", "accounts", "statement", "memo"}
_PERIODIC = re.compile(r"\b(monthly|weekly|quarterly|annual|progress|status|management|performance|variance)\b", re.I)
OUTSIDE = (
    "A farmer in Kentucky who grows tobacco and soybeans",
    "A self-employed plumber in Leeds",
    "A heavy metal musician who loves boxing",
)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.casefold()) if w not in _REPORT_WORDS}


@pytest.mark.parametrize("index", range(8))
def test_variance_reports_are_of_a_kind_that_holds_them(index: int) -> None:
    personas: list[Persona | str] = [*sample_personas(5, seed=11), *OUTSIDE]
    c = generated(personas[index], seed=index)
    projects = {p.project_id: p for p in c.blueprint.project_index.projects}
    checked = 0
    for f in c.blueprint.file_list:
        if f.archetype != "variance_report" or not f.path.endswith(".docx") or f.project_id not in projects:
            continue
        kind = re.sub(r"^(Draft|Final)\s+", "", f.purpose)
        text = file_text(c, f.path)
        measure = re.search(r", ([^,.]+?) reached |Actual ([^,.]+?) of ", text)  # either summary phrasing
        project = projects[f.project_id]
        about = f"{project.name} {project.description} {(measure.group(1) or measure.group(2)) if measure else ''}"
        fits = bool(_stems(kind) & _stems(about)) or bool(_PERIODIC.search(kind)) or kind.endswith("summary")
        assert fits, (kind, about)
        checked += 1
    # a sole trader's jobs are quoted and invoiced, a farm's keep field records, yield sheets and settlements: neither
    # is variance-reported
    if re.search(r"self-employed|farmer|musician", str(personas[index])):  # a band keeps no variance report
        assert checked == 0
    else:
        assert checked >= 1


def test_a_report_kind_is_not_matched_on_its_form_words() -> None:
    """A new handover template's report is not a "care plan template review" (they share only "template"), nor a
    medication error's action plan an "audit action plan" (only "action plan"); a ward's quality figures still get
    the ward quality dashboard commentary."""
    import random

    from synthcomp_agents.computers._content import _report_type
    from synthcomp_agents.personas._families import OCCUPATIONAL_FAMILIES

    nursing = OCCUPATIONAL_FAMILIES["nursing_care"]
    for seed in range(40):
        rng = random.Random(seed)
        handover = _report_type(rng, nursing, "handovers", "New handover template Introducing a new handover template")
        assert "template review" not in handover, handover
        error = _report_type(rng, nursing, "incidents", "Medication error Writing the action plan")
        assert error != "audit action plan", error
        assert _report_type(rng, nursing, "falls", "Ward quality figures") == "ward quality dashboard commentary"
