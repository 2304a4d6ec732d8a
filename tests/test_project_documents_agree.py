"""A project's domain documents agree with its workbook, and its names and dates hold up to a reader.

For many personas and seeds: every figure a project document quotes equals what the project's tracking workbook
computes from its own Data sheet (read back from the written bytes, not from the generator's ledger); the figure
is written in the document as stated; no two projects share a name and none carries a counter; no project document
is saved or dated after the computer's save time; a stated duration agrees with the dates it spans.
"""

from __future__ import annotations

import io
import random
import re
from datetime import date

import openpyxl
import pytest

from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.archetypes import ArchetypeContext, SimpleLocale, build_artifact
from synthcomp_agents.computers.generation import plan_context
from synthcomp_agents.computers.generation.core_project import build_core
from synthcomp_agents.office import extract_text

PERSONAS = [
    "A farmer in Kentucky who grows corn and soybeans",
    "A nurse on a cardiology ward in Leeds",
    "A secondary school history teacher in Madrid",
    "A heavy metal musician who loves boxing",
    "A postdoctoral researcher in marine biology in Bergen",
    "A procurement manager at a car parts maker in Stuttgart",
    "A retired postman in Ohio who keeps the garden club's accounts",
    "A chef who runs a small restaurant in Lyon",
]
SEEDS = (0, 5)


def _number(text: str) -> int:
    """A whole figure as a document writes it ('£12,340', '12.340 €', '-1 284', 'USD 9,120')."""
    body = re.sub(r"[.,]\d{2}(?=\D*$)", "", text.strip())
    digits = re.sub(r"\D", "", body)
    sign = -1 if re.match(r"^\s*[-−]", text) or re.search(r"[-−]\s*[\d£€$]", text[:3]) else 1
    return sign * int(digits)


def _workbook_sums(data: bytes) -> dict[str, tuple[int, int]]:
    """Per row label, (plan, actual) summed from the workbook's Data sheet (a private-life sheet: its first tab, rows
    down to the blank line above its Total), plus 'Total'."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Data"] if "Data" in book.sheetnames else book.worksheets[0]
    sums: dict[str, tuple[int, int]] = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[1] is None:
            break
        entity, plan, actual = row[1], row[3], row[4]
        p, a = sums.get(str(entity), (0, 0))
        sums[str(entity)] = (p + int(plan), a + int(actual))
    sums["Total"] = (sum(p for p, _ in sums.values()), sum(a for _, a in sums.values()))
    return sums


def _norm(text: str) -> str:
    """Spaces as a reader sees them (a PDF writes a no-break space as a plain one)."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def _text(path: str, data: bytes) -> str:
    if path.endswith(".xlsx"):
        wb = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(
            " | ".join(str(c) for c in r if c is not None) for ws in wb for r in ws.iter_rows(values_only=True)
        )
    return _norm(extract_text(path, data))


_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_project_documents_quote_the_workbook(persona: str, seed: int) -> None:
    ctx = plan_context(resolve_persona(persona), seed=seed)
    build_core(ctx)
    led = ctx.ledger
    names = [p.name for p in ctx.plans]
    assert len({n.casefold() for n in names}) == len(names), names
    assert not [n for n in names if re.search(r"[A-Za-z] \d{1,2}$|\(\d\)$", n)], names  # no "Spring planting 7"
    quoted = 0
    for plan in ctx.plans:
        if not plan.is_project:
            continue
        books = sorted(
            (f for f in led.files.values() if f.project_id == plan.pid and f.archetype == "tracking_workbook"),
            key=lambda f: f.modified,
        )
        final = _workbook_sums(books[-1].data) if books else {}  # a farm's projects keep no tracking workbook
        for path in plan.documents:
            f = led.files[path]
            assert f.modified <= ctx.now, (path, f.modified)
            text = _text(path, f.data)
            for y, m, d in _ISO.findall(text):
                assert date(int(y), int(m), int(d)) <= ctx.now.date(), (path, y, m, d)
            facts = led.facts.get(path, {})  # a band's mix notes or a farm's papers quote no tracking workbook
            figures = facts.get("quoted_figures")
            if not figures:
                continue
            book = facts["quotes_workbook"]
            sums = _workbook_sums(led.files[book].data) if book else final
            if book:  # a record quotes the restated workbook, saved before it
                assert led.files[book].modified <= f.created, (path, book)
            for label, fig in figures.items():
                plan_sum, actual_sum = sums[label]
                assert fig["plan_value"] == plan_sum == _number(fig["plan"]), (path, label, fig, plan_sum)
                if path.endswith(".xlsx"):
                    assert (label == "Total" and "=SUM(C2:C" in text) or f"{label} | " in text, (path, label)
                    assert label == "Total" or f" | {plan_sum}" in text, (path, label, plan_sum)
                else:
                    assert _norm(fig["plan"]) in text, (path, label, fig["plan"])
                if book:
                    assert fig["actual_value"] == actual_sum == _number(fig["actual"]), (path, label, fig)
                    if not path.endswith(".xlsx"):
                        assert _norm(fig["actual"]) in text, (path, label, fig["actual"])
                quoted += 1
    tracked = any(
        f.archetype == "tracking_workbook" and f.project_id == p.pid for p in ctx.plans if p.is_project
        for f in led.files.values()
    )  # fmt: skip
    assert quoted >= 4 or not tracked, f"only {quoted} figures quoted on {persona!r} seed {seed}"


@pytest.mark.parametrize("seed", range(12))
def test_a_stated_duration_agrees_with_its_dates(seed: int) -> None:
    rng = random.Random(seed)
    locale = SimpleLocale(date_pattern="%Y-%m-%d")
    created = date(2025, 11, 1 + seed)
    start = date(2025, 10, 1 + 2 * seed)
    ctx = ArchetypeContext(owner_name="Ana Ruiz", owner_role="Nurse", organisation="St Mary's", topic="Falls audit",
                           created=created, rng=rng, period_start=start, locale=locale)  # fmt: skip
    text = str(build_artifact("clinical_audit", ctx).spec)
    match = re.search(r"over (\w+) (day|week|month)s? \((\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)\)", text)
    if match is None:
        return  # the other method paragraph was picked
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    n = words.index(match.group(1)) + 1
    days = (date.fromisoformat(match.group(4)) - date.fromisoformat(match.group(3))).days + 1
    per = {"day": 1, "week": 7, "month": 30.44}[match.group(2)]
    assert abs(days / per - n) <= 0.5 + 1e-9, (match.group(0), days)
