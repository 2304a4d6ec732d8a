"""A project's working papers (update deck, meeting notes, status page, Desktop scratch notes, weekly notes) and the
offline setter's deliverables speak for the setting the work happens in, and quote the project's own workbook.

A band, a farm, a plumber, a school, a ward and a retiree's own life have no steering deck, stakeholders, sponsor or
KPIs; every figure a scratch note or weekly note quotes is one of that project's workbook totals; two companies'
decks do not read as one template.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import posixpath
import random
import re
from datetime import date, datetime, timezone

import pytest
from generator_cache import generated

from synthcomp_agents.agents import ObjectiveSetterAgent
from synthcomp_agents.computers._content import (
    build_deck,
    build_notes,
    build_status_md,
    fill_text,
    fmt_num,
    make_rows,
    project_setting,
    workbook_facts,
    working_bank,
)
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.generation import GenerationContext, pipeline, plan_context
from synthcomp_agents.models import ScriptedPolicyClient
from synthcomp_agents.office import DocProperties, extract_text, write_markdown, write_pptx

OFFICE = re.compile(r"stakeholder|steering|sponsor|\bKPIs?\b|workstream|deliverable|recovery plan|quick one on", re.I)
PRIVATE_OFFICE = re.compile(r"signs? off|budget for|agenda|\bAOB\b|expenses for|book meeting|prep slides", re.I)
# a status page lists its project's files by name; names other generators give (a minutes file) are not its prose
_FILE_LINE = re.compile(r"^- .+\.(docx|xlsx|pptx|pdf|md|csv)$", re.M)
WORKING_PAPERS = ("update_deck", "meeting_notes", "status_page", "scratch_note", "todo", "weekly_log",
                  "meeting_invitations")  # fmt: skip

NOT_CORPORATE = {
    "A heavy metal musician who loves boxing": "ensemble",
    "A farmer in Kentucky who grows tobacco and soybeans": "farm",
    "A self-employed plumber in Bristol": "small",
    "A secondary school maths teacher in Manchester": "school",
    "A ward nurse at a hospital in Glasgow": "care",
    "A retired schoolteacher who gardens and looks after her grandchildren": "personal",
}
CORPORATE = ("A financial analyst at an insurance company in Chicago", "A procurement manager at a car parts maker")
# settings whose projects and standing responsibilities keep their own papers, no cycle workbook of plan and actual
_NO_CYCLE_BOOK = ("farm", "ensemble")
_STAGES = ("build_core", "build_downloads", "build_pictures", "build_music", "build_notes_vault",
           "build_life_documents", "build_personal", "build_old_laptop", "build_desktop")  # fmt: skip
_NUMBER = re.compile(r"(?<![\w.,])-?\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w.,:-])-?\d+(?![\w.,:%-])")


@functools.cache
def built(persona: str, seed: int = 3) -> GenerationContext:
    ctx = plan_context(resolve_persona(persona), seed=seed)
    for stage in _STAGES:
        getattr(pipeline, stage)(ctx)
    return ctx


def papers(ctx: GenerationContext) -> dict[str, str]:
    """Path -> text of the working papers this change writes."""
    return {
        path: extract_text(path, f.data) if path.endswith((".pptx", ".docx")) else f.data.decode("utf-8")
        for path, f in ctx.ledger.files.items()
        if f.archetype in WORKING_PAPERS
    }


def workbook_numbers(ctx: GenerationContext) -> set[str]:
    """Every total a tracking workbook of the computer holds, as notes quote them."""
    out: set[str] = set()
    for path, f in ctx.ledger.files.items():
        facts = ctx.ledger.facts.get(path, {})
        if f.archetype == "tracking_workbook" and "worst_variance" in facts:
            out.update(fmt_num(int(facts[k])) for k in ("total_actual", "total_plan", "worst_variance"))
    return out


@pytest.mark.parametrize("persona", sorted(NOT_CORPORATE))
def test_no_office_words_outside_an_office(persona: str) -> None:
    ctx = built(persona)
    assert project_setting(ctx.identity.family.id, persona) == NOT_CORPORATE[persona]
    texts = papers(ctx)
    kinds = {ctx.ledger.files[p].archetype for p in texts}
    assert {"scratch_note", "todo", "weekly_log"} <= kinds, kinds
    if NOT_CORPORATE[persona] in ("small", "ensemble"):  # a plumber's jobs or a band's gigs: notes and job pages,
        assert {"meeting_notes", "status_page"} <= kinds, kinds  # no update deck (a sole trader presents nothing;
        assert "update_deck" not in kinds, kinds  # test_setting_chain.py; a band keeps setlists: test_band_chain.py)
    elif NOT_CORPORATE[persona] == "farm":  # a farm's projects keep records, the counterpart's papers and mail: no
        assert "update_deck" not in kinds and "status_page" not in kinds, kinds  # deck (test_farm_chain.py)
    elif NOT_CORPORATE[persona] != "personal":
        assert {"update_deck", "meeting_notes", "status_page"} <= kinds, kinds
    names = " ".join(p.name for p in ctx.plans)
    for path, text in texts.items():
        text = _FILE_LINE.sub("", text)
        found = [m for m in OFFICE.findall(text) if m.casefold() not in names.casefold()]
        assert not found, (path, found, text[:400])
        if NOT_CORPORATE[persona] == "personal":
            assert not PRIVATE_OFFICE.search(path + "\n" + text), (path, text[:400])


@pytest.mark.parametrize("persona", sorted(NOT_CORPORATE) + list(CORPORATE))
def test_scratch_and_weekly_notes_quote_their_workbooks(persona: str) -> None:
    """Every figure a Desktop note or a weekly note gives is one of the computer's workbook totals (none invented),
    and some notes do quote them."""
    ctx = built(persona)
    allowed = workbook_numbers(ctx)
    names = sorted({e for p in ctx.plans if p.domain for e in p.domain.entities}, key=len, reverse=True)
    quoted = 0
    for path, text in papers(ctx).items():
        if ctx.ledger.files[path].archetype not in ("scratch_note", "weekly_log"):
            continue
        for line in text.splitlines():
            body = line.split(": ", 1)[1] if re.match(r"- \w{3} \d\d \w{3}: ", line) else line
            if not re.search(r"\b(so far|plan|planned|expected|hoped for|in,|against)\b", body):
                continue
            for name in names:  # 'Year 7 maths set 2', 'Ward 4C' hold digits that are not figures
                body = body.replace(name, "")
            body = re.sub(r"\b(?:19|20)\d\d\b|\b\d{1,2} \w{3}\b|\b\w{3} \d\d \w{3}\b", "", body)
            numbers = [n for n in _NUMBER.findall(body) if n.lstrip("-") not in ("0", "1", "2", "3")]
            stray = [n for n in numbers if n not in allowed]
            assert not stray, (path, line, sorted(allowed)[:12])
            quoted += bool(numbers)
    if NOT_CORPORATE.get(persona) in _NO_CYCLE_BOOK:
        # a farm's or a band's standing work keeps no cycle workbook of plan and actual: its notes quote no total
        assert not allowed and not quoted, (sorted(allowed)[:12], quoted)
    else:
        assert quoted >= 2, quoted


def test_meeting_notes_and_status_quote_the_workbook_total() -> None:
    for persona in (*(p for p, s in NOT_CORPORATE.items() if s not in ("personal", *_NO_CYCLE_BOOK)), *CORPORATE):
        ctx = built(persona)
        checked = 0
        for path, text in papers(ctx).items():
            fact = ctx.ledger.facts.get(path, {})
            if ctx.ledger.files[path].archetype in ("meeting_notes", "status_page") and "total_actual" in fact:
                assert fact["total_actual"] in text, (path, fact["total_actual"], text[:300])
                checked += 1
        assert checked >= 2, (persona, checked)


def _skeleton(ctx: GenerationContext, text: str) -> set[str]:
    """A deck's text lines with the project's own values (people, entities, metric, tool, terms, files) and every
    number masked: what is left is the sentence pattern a template wrote."""
    values: set[str] = {posixpath.basename(p) for p in ctx.ledger.files}
    for plan in ctx.plans:
        d = plan.domain
        if d is not None:
            values |= {d.org, d.project, d.metric, d.tool, d.meeting, d.report_type, d.kind_label, d.entity_noun}
            values |= {*d.entities, *d.categories, *d.jargon, *(p.name for p in (d.user, *d.people))}
            values |= {p.first for p in (d.user, *d.people)} | {d.month_label(m) for m in d.months}
    ordered = sorted((v for v in values if v), key=len, reverse=True)
    out = set()
    for line in text.splitlines():
        line = re.sub(r"^(## Slide \d+: |- |Notes: )", "", line.strip())
        if line.startswith(("|", "[", "series")):
            continue  # tables and charts: numbers, no prose
        for value in ordered:
            line = re.sub(re.escape(value), "X", line, flags=re.I)
        line = re.sub(r"\d[\d,.%-]*", "0", line)
        if sum(w.isalpha() for w in line.split()) >= 2:
            out.add(" ".join(line.split()))
    return out


def test_two_companies_decks_share_few_sentence_patterns() -> None:
    """With the projects' own values masked, the lines two companies' decks are made of are mostly not the same
    (the fixed deck repeated nearly all of its lines on every computer)."""
    decks = []
    for persona in CORPORATE:
        ctx = built(persona)
        deck = [t for p, t in papers(ctx).items() if p.endswith(".pptx")]
        assert deck, persona
        decks.append(_skeleton(ctx, deck[0]))
    shared = decks[0] & decks[1]
    assert len(shared) <= 0.5 * min(len(d) for d in decks), (len(shared), [len(d) for d in decks], sorted(shared))


@functools.cache
def _setter_plan(persona: str) -> tuple[str, ...]:
    computer = generated(resolve_persona(persona), seed=3)
    setter = ObjectiveSetterAgent(
        ScriptedPolicyClient(role="objective_setter"), disk=computer.disk, blueprint=computer.blueprint, workdays=20
    )
    plan = asyncio.run(setter.write_plan())
    return tuple(
        text
        for o in plan.objectives
        for text in (o.title, *(x for d in o.deliverables for x in (d.title, d.audience, d.description)))
    )


@pytest.mark.parametrize("persona", ["A heavy metal musician who loves boxing", "A self-employed plumber in Bristol"])
def test_the_offline_setter_names_deliverables_in_the_settings_words(persona: str) -> None:
    texts = _setter_plan(persona)
    assert texts
    words = [m for t in texts for m in re.findall(r"steering|stakeholder|my manager|project team", t, re.I)]
    assert not words, words


SETTINGS = ("corporate", "small", "ensemble", "farm", "school", "care", "lab", "personal")


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_template_of_every_setting_fills(setting: str) -> None:
    """Each setting's deck, notes and status page build (no unknown placeholder), quote the workbook's totals, and
    every Desktop note, weekly-note line and setter phrase fills with the values its builder gives."""
    ctx = built(CORPORATE[0])
    plan = next(p for p in ctx.plans if p.domain is not None and p.is_project)
    assert plan.domain is not None
    d = dataclasses.replace(plan.domain, setting=setting)
    facts = workbook_facts(make_rows(d, random.Random(1)))
    when = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
    props = DocProperties(title="t", author="a", created=when, modified=when)
    for seed in range(6):
        deck = build_deck(d, facts, title="t", report_name="r.docx", when=date(2025, 3, 1), props=props,
                          rng=random.Random(seed), n_slides=20)  # fmt: skip
        text = extract_text("d.pptx", write_pptx(deck))
        assert d.amount(facts.total_actual) in text and "{" not in text
        for deck_name in ("d.pptx", None):
            people = [d.user, *d.people[:3]]
            notes = build_notes(d, facts, title="n", meeting_day=date(2025, 3, 2), deck_name=deck_name,
                                rng=random.Random(seed), attendees=people, previous_name="p.md")  # fmt: skip
            body = write_markdown(notes).decode()
            assert "{" not in body and (deck_name is None or d.amount(facts.total_actual) in body), body
            assert deck_name is None or deck_name in body  # the notes name the deck as it is spelled on disk
        status = write_markdown(build_status_md(d, title="s", day=date(2025, 3, 3), facts=facts,
                                                rng=random.Random(seed), links=["a.xlsx"])).decode()  # fmt: skip
        assert d.amount(facts.total_actual) in status
    values = {"when": "3 Mar", "who": "Ann", "who_role": "Vet", "at": d.entities[0], "at2": d.entities[1],
              "month": "Feb 2025", "actual": "1,200", "plan": "1,300", "worst": d.entities[0], "worst_var": "-40",
              "on": "Mon 03 Mar", "did": "checked", "by": "Mon 10 Mar"}  # fmt: skip
    desktop, vault = working_bank(setting, "desktop"), working_bank(setting, "vault")
    assert len(desktop["notes"]) == 6  # the Desktop draws one of six, as it always did
    templates = [*desktop["todo"], *(n[k] for n in desktop["notes"] for k in ("name", "body"))]
    templates += [*vault["did"], *vault["did_figures"], *vault["next"]]
    for template in templates:
        assert "{" not in fill_text(d, template, **values), template
    calendar = working_bank(setting, "calendar")
    assert len(calendar["locations"]) == 5  # the invitation draws one of five, as it always did
    assert all("{" not in fill_text(d, t) for t in calendar["description"])
    words = working_bank(setting, "setter")
    assert all("{" not in t.format(name="X") for t in words["pptx"]) and words["finish"] and words["audience"]
