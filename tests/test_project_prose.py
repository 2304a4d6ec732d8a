"""A project's brief and report speak for the organisation the work happens in, and still quote the workbook.

A band's plan has no sponsor, no audit and nobody who "owns the data"; a sole trader has no steering group; a
company's briefs stay corporate but two computers' briefs do not read as one template. Every report still quotes
its workbook's totals, variance and weakest entity exactly (read back from the written document).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import random
import re
from datetime import date, datetime, timezone

import pytest

from synthcomp_agents.computers._content import (
    Person,
    ProjectDomain,
    build_brief,
    build_report,
    make_rows,
    project_setting,
    risk_lines,
    workbook_facts,
)
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.generation import GenerationContext, plan_context
from synthcomp_agents.computers.generation.core_project import build_core
from synthcomp_agents.office import DocProperties, DocumentSpec, extract_text, write_docx
from synthcomp_agents.personas import OCCUPATIONAL_FAMILIES

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.:/%-]*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_CORPORATE_WORDS = re.compile(r"sponsor|owns the data|\baudit\b|steering", re.IGNORECASE)

NOT_CORPORATE = {
    "A heavy metal musician who loves boxing": "ensemble",
    "A farmer in Kentucky who grows tobacco and soybeans": "farm",
    # a plumber on a small firm's payroll keeps the job's papers (job log, job sheets, time sheets, payslips) and no
    # brief or report, as a self-employed one keeps quotes, a job log and invoices (test_workplace_employees.py,
    # test_setting_chain.py, and test_sole_trader_writes_no_brief below)
    "A plumber employed by a small heating firm in Bristol": "small",
}
CORPORATE = ("A financial analyst at an insurance company in Chicago", "A procurement manager at a car parts maker")
# settings whose projects keep their own papers (test_band_chain, test_farm_chain, test_workplace_employees)
_OWN_CHAIN = ("ensemble", "farm", "small")


@functools.cache
def built(persona: str, seed: int = 3) -> GenerationContext:
    ctx = plan_context(resolve_persona(persona), seed=seed)
    build_core(ctx)
    return ctx


def documents(ctx: GenerationContext, archetype: str) -> dict[str, str]:
    """Path -> text of the core chain's documents of one archetype (docx only)."""
    return {
        path: extract_text(path, f.data)
        for path, f in ctx.ledger.files.items()
        if f.archetype == archetype and path.endswith(".docx")
    }


def patterns(texts: list[str]) -> set[str]:
    """Sentences with numbers and capitalised words masked (as tests/test_computer_diversity.py counts them)."""
    out: set[str] = set()
    for text in texts:
        for sentence in _SPLIT.split(text):
            if sum(w.isalpha() and w.islower() for w in sentence.split()) >= 5:
                out.add(" ".join(_NAME.sub("N", _NUMBER.sub("0", sentence)).split()))
    return out


@pytest.mark.parametrize("persona", sorted(NOT_CORPORATE))
def test_non_corporate_lives_get_no_corporate_charter(persona: str) -> None:
    ctx = built(persona)
    assert project_setting(ctx.identity.family.id, persona) == NOT_CORPORATE[persona]
    texts = {**documents(ctx, "project_brief"), **documents(ctx, "variance_report")}
    if NOT_CORPORATE[persona] in _OWN_CHAIN:  # a band's gigs, a farm's harvests, a plumber's jobs keep their own papers
        assert not texts, sorted(texts)
        return
    assert len(texts) >= 8, sorted(texts)
    project_names = " ".join(p.name for p in ctx.plans)
    for path, text in texts.items():
        found = {m.group(0).casefold() for m in _CORPORATE_WORDS.finditer(text)}
        found -= {w.casefold() for w in _CORPORATE_WORDS.findall(project_names)}  # a project may be named so
        assert not found, (persona, path, found)


def test_sole_trader_writes_no_brief_or_variance_report() -> None:
    ctx = built("A self-employed plumber in Bristol")
    assert not documents(ctx, "project_brief") and not documents(ctx, "variance_report")
    assert documents(ctx, "invoice") or documents(ctx, "quote")


def test_a_band_plan_names_what_bandmates_do() -> None:
    """A band's projects are written in what bandmates do: bookings with load-in and the deal, setlists, the
    night's settlement of the door and the merch (no brief with a revision history)."""
    ctx = built("A heavy metal musician who loves boxing")
    papers = "\n".join(
        "\n".join(documents(ctx, kind).values()) for kind in ("gig_booking", "setlist", "studio_booking", "mix_notes")
    )
    assert re.search(r"load-in|set time|merch|the desk|backline", papers, re.IGNORECASE), papers[:2000]
    assert not documents(ctx, "project_brief")


def test_corporate_briefs_differ_between_computers() -> None:
    a, b = (patterns(list(documents(built(p), "project_brief").values())) for p in CORPORATE)
    assert len(a) >= 40 and len(b) >= 40, (len(a), len(b))
    shared = len(a & b) / min(len(a), len(b))
    assert shared <= 0.05, sorted(a & b)
    assert re.search(
        r"sponsor|accountable manager", "\n".join(documents(built(CORPORATE[0]), "project_brief").values())
    )


@pytest.mark.parametrize(
    "persona",
    [
        *sorted(p for p, s in NOT_CORPORATE.items() if s not in _OWN_CHAIN),
        CORPORATE[0],
        "A nurse on a cardiology ward in Leeds",
    ],
)
def test_reports_quote_their_workbook_exactly(persona: str) -> None:
    ctx = built(persona)
    reports = documents(ctx, "variance_report")
    assert reports
    for path, text in reports.items():
        facts = ctx.ledger.facts[path]
        flat = " ".join(text.split())
        for key in ("total_plan", "total_actual", "variance", "variance_pct", "worst_entity", "worst_variance"):
            assert str(facts[key]) in flat, (path, key, facts[key])
        assert facts["quotes"].rsplit("/", 1)[-1] in flat, path
        if "previous_actual" in facts:
            assert facts["previous_actual"] in flat, path


def _domain(setting: str, project: str, seed: int) -> ProjectDomain:
    family = OCCUPATIONAL_FAMILIES["project_program_management"]
    people = [Person(f"Person{i} Name{i}", role, f"p{i}@x.test", "Org") for i, role in enumerate(
        ("Venue booker", "Bandmate", "Accountant", "Charge nurse", "Grain buyer", "Apprentice"))]  # fmt: skip
    d = ProjectDomain.build(
        random.Random(seed),
        family,
        project=project,
        focus="getting the numbers straight",
        user=Person("Ann User", "Lead", "ann@x.test", "Org"),
        people=people[: 2 + seed % 4],
        org="Org",
        currency="EUR",
        country=None,
        cities=("Leeds",),
        start=date(2025, 1, 6),
        end=date(2025, 6, 25),
        taken_orgs=set(),
    )
    return dataclasses.replace(d, setting=setting)


def _v2_brief(d: ProjectDomain, seed: int, props: DocProperties) -> DocumentSpec:
    return build_brief(d, title="t", version=2, start=date(2025, 1, 6), end=date(2025, 7, 30), props=props,
                       rng=random.Random(seed), revised=date(2025, 3, 1), previous_end=date(2025, 7, 16))  # fmt: skip


@pytest.mark.parametrize("setting", ["corporate", "small", "ensemble", "farm", "school", "care", "lab", "personal"])
def test_every_phrasing_of_every_setting_renders(setting: str) -> None:
    """Twelve projects per setting reach every phrasing: each fills (no unknown placeholder) and the v2 brief says
    truthfully what changed; the same inputs give the same bytes."""
    seen: set[str] = set()
    for seed, name in itertools.product(range(3), ("Alpha", "Bravo", "Charlie", "Delta")):
        d = _domain(setting, f"{name} project", seed)
        rows = make_rows(d, random.Random(seed))
        facts = workbook_facts(rows)
        when = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
        props = DocProperties(title="t", author="a", created=when, modified=when)
        v2 = _v2_brief(d, seed, props)
        text = extract_text("b.docx", write_docx(v2))
        assert "Revised 2025-03-01" in text and "2025-07-16" in text and f"Added {d.entities[-1]}" in text
        report = build_report(d, facts, title="r", workbook_name="book.xlsx", when=date(2025, 7, 2), props=props,
                              rng=random.Random(seed), previous=facts, restated="Jun 2025 restated")  # fmt: skip
        body = " ".join(extract_text("r.docx", write_docx(report)).split())
        assert d.amount(facts.total_actual) in body and "book.xlsx" in body
        seen.update(patterns([text, body]))
        assert write_docx(_v2_brief(d, seed, props)) == write_docx(v2)
        for line in risk_lines(d, random.Random(seed), 8, until=date(2025, 6, 30), short=True):
            assert "{" not in line and line.strip(), line
    assert len(seen) >= 45, len(seen)
