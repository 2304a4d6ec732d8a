"""Document archetypes: the table, building every archetype for several lives, numbers that add up, distinct
layouts and prose, selection by persona, determinism and hostile context text."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.computers._locale import locale_for
from synthcomp_agents.computers.archetypes import (
    ARCHETYPES,
    ArchetypeContext,
    ArchetypeError,
    Artifact,
    Counterpart,
    FileKind,
    SimpleLocale,
    SimpleTax,
    archetypes_for,
    build_artifact,
)
from synthcomp_agents.office import (
    BulletList,
    BulletSlide,
    DocumentSpec,
    NumberedList,
    Paragraph,
    PresentationSpec,
    SpreadsheetSpec,
    Table,
    TitleSlide,
    TwoColumnSlide,
    evaluate_workbook,
    extract_text,
)

PLAIN = SimpleLocale(currency="EUR", symbol="€", tax=SimpleTax("VAT", 0.21))
"""A locale whose numbers are easy to parse back (1,234.50)."""


def _contexts(seed: int = 0) -> list[ArchetypeContext]:
    """Three lives in three countries: a Kentucky farmer-musician, a Madrid teacher, a retired engineer in Osaka."""
    return [
        ArchetypeContext(
            owner_name="Dale Carter",
            owner_role="farmer and bass player",
            organisation="Carter Farm",
            org_type="farm",
            topic="Fall corn harvest",
            created=date(2025, 10, 14),
            rng=random.Random(seed),
            life_stage="self_employed",
            interests=("heavy metal music", "boxing"),
            counterparts=(Counterpart("Mia Lopez", "venue booker", "The Vault"), Counterpart("Ray Hunt", "client")),
            locale=locale_for("US", region="KY"),
            city="Bowling Green",
            owner_email="dale@carterfarm.com",
            owner_phone="(270) 555-0143",
            owner_address="1200 Mill Rd, Bowling Green, KY 42101",
            country_code="US",
        ),
        ArchetypeContext(
            owner_name="Lucía Martín",
            owner_role="maths teacher",
            organisation="IES Cervantes",
            org_type="school",
            topic="Year 9 algebra",
            created=date(2024, 11, 20),
            rng=random.Random(seed + 1),
            family="education_teaching",
            vocabulary=("linear equations", "fractions", "homework"),
            counterparts=(Counterpart("Javier Ortega", "head of department"),),
            locale=locale_for("ES"),
            city="Madrid",
            country_code="ES",
        ),
        ArchetypeContext(
            owner_name="Kenji Sato",
            owner_role="retired civil engineer",
            organisation="The Sato household",
            org_type="household",
            topic="Bridge inspections",
            created=date(2023, 4, 2),
            rng=random.Random(seed + 2),
            life_stage="retiree",
            interests=("family history", "gardening"),
            locale=locale_for("JP"),
            city="Osaka",
            country_code="JP",
        ),
    ]


def _build_all(kind_filter: set[str] | None = None, seed: int = 0) -> list[tuple[ArchetypeContext, Artifact]]:
    out = []
    for ctx in _contexts(seed):
        for arch in ARCHETYPES.values():
            for kind in arch.kinds:
                if kind_filter is None or kind in kind_filter:
                    out.append((ctx, build_artifact(arch.id, ctx, kind)))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------------------------------


def test_table_has_sixty_archetypes_across_work_and_personal_life() -> None:
    archetypes = list(ARCHETYPES.values())
    assert len(archetypes) >= 60
    personal = [a for a in archetypes if a.personal]
    assert len(personal) >= 20 and len(archetypes) - len(personal) >= 30
    for arch in archetypes:
        assert arch.families or arch.life_stages or arch.interests, f"{arch.id} belongs to no life"
        assert arch.length[0] <= arch.length[1]
    for wanted in (
        "invoice",
        "quote",
        "cv",
        "cover_letter",
        "lesson_plan",
        "scheme_of_work",
        "meeting_minutes",
        "incident_report",
        "lab_notebook",
        "thesis_chapter",
        "grant_proposal",
        "menu_costing",
        "contract",
        "newsletter",
        "household_budget",
        "shift_rota",
        "setlist",
        "tax_return_workings",
        "medical_appointment_log",
        "travel_itinerary",
        "gig_booking",
        "training_log",
        "recipe_costing",
        "harvest_record",
        "club_treasurer_accounts",
        "family_history_notes",
        "coursework_essay",
        "personal_statement",
        "timesheet",
        "inventory",
        "price_list",
        "project_status_report",
        "risk_register",
    ):
        assert wanted in ARCHETYPES
    kinds = Counter(k for a in archetypes for k in a.kinds)
    assert all(kinds[k] >= 3 for k in ("docx", "xlsx", "pptx", "md", "pdf", "csv")), kinds


def test_no_two_archetypes_share_a_section_layout() -> None:
    layouts: dict[tuple[str, ...], str] = {}
    for arch in ARCHETYPES.values():
        assert arch.sections, arch.id
        assert arch.sections not in layouts, f"{arch.id} has the layout of {layouts.get(arch.sections)}"
        layouts[arch.sections] = arch.id
    generic = {("Data", "Summary", "By month", "Assumptions"), ("Summary",), ("Data",)}
    assert not generic & set(layouts)
    sheet_names = Counter(s for a in ARCHETYPES.values() if a.kinds[0] == "xlsx" for s in a.sections)
    assert sheet_names.most_common(1)[0][1] <= 3, sheet_names.most_common(3)


def test_unknown_archetype_or_kind_is_a_clear_error() -> None:
    ctx = _contexts()[0]
    with pytest.raises(ArchetypeError, match="unknown archetype"):
        build_artifact("no_such_thing", ctx)
    with pytest.raises(ArchetypeError, match="cannot be written as 'pptx'"):
        build_artifact("invoice", ctx, "pptx")


# ---------------------------------------------------------------------------------------------------------------------
# Every archetype builds and writes a valid file
# ---------------------------------------------------------------------------------------------------------------------


_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}|(?i:lorem ipsum)|Section \d|TODO|\bNone\b|\bnan\b")


def test_every_archetype_builds_for_three_lives_and_writes_a_readable_file() -> None:
    for ctx, art in _build_all():
        data = art.to_bytes()
        name = f"{art.filename}.{art.kind}"
        text = extract_text(name, data)
        assert len(text) > 80, f"{art.archetype}/{art.kind}: only {len(text)} characters"
        assert not _PLACEHOLDER.search(text), f"{art.archetype}/{art.kind}: {_PLACEHOLDER.search(text)}"
        if art.kind != "csv":
            assert art.title.split()[0] in text or art.kind == "xlsx", (art.archetype, art.title)
        assert art.filename and not re.search(r'[\\/:*?"<>|]', art.filename)
        for key in ARCHETYPES[art.archetype].facts:
            assert key in art.facts, (art.archetype, key)
        assert art.paper_size == ("Letter" if ctx.country_code == "US" else "A4")


# Build speed is measured against the writers in tools/bench_archetypes.py (BENCHMARKS.md), not timed here.


def test_same_seed_same_bytes_different_seed_different_content() -> None:
    def build(seed: int) -> list[bytes]:
        ctx = ArchetypeContext(**{**_contexts()[0].__dict__, "rng": random.Random(seed)})
        return [build_artifact(a.id, ctx).to_bytes() for a in ARCHETYPES.values()]

    one, two, three = build(4), build(4), build(5)
    assert one == two
    assert sum(x != y for x, y in zip(one, three, strict=True)) > 0.9 * len(one)


def _iter_dates(art: Artifact) -> list[date]:
    spec = art.spec
    found: list[date] = []
    if isinstance(spec, SpreadsheetSpec):
        for sheet in spec.sheets:
            for row in sheet.rows:
                found += [c.date() if isinstance(c, datetime) else c for c in row if isinstance(c, date)]
    return found


def test_no_date_in_a_file_is_after_the_file_was_made() -> None:
    for ctx, art in _build_all({"xlsx"}):
        for d in _iter_dates(art):
            assert d <= ctx.created, (art.archetype, d, ctx.created)
        assert isinstance(art.spec, SpreadsheetSpec)
        props = art.spec.properties
        assert props is not None and props.created is not None and props.created.date() == ctx.created


# ---------------------------------------------------------------------------------------------------------------------
# Numbers agree inside a file
# ---------------------------------------------------------------------------------------------------------------------


def _num(cell: object) -> float | None:
    text = str(cell).replace("**", "").replace("€", "").replace(",", "").strip()
    text = re.sub(r"\s*(min|%)$", "", text)
    try:
        return float(text)
    except ValueError:
        return None


def _check_footers(archetype: str, table: Table, rate: float) -> int:
    """Check bold footer rows of a document table against its data rows; return how many values were checked."""
    body = [r for r in table.rows if not str(r[0]).startswith("**")]
    footers = [r for r in table.rows if str(r[0]).startswith("**")]
    checked = 0
    if not footers:
        return 0
    if footers[0][0] == "**Subtotal**":
        col = next(i for i, c in enumerate(footers[0]) if i and c)
        subtotal = sum(_num(r[col]) or 0.0 for r in body)
        values = [_num(f[col]) for f in footers]
        assert values[0] == pytest.approx(subtotal, abs=0.01), archetype
        assert values[1] == pytest.approx(round(subtotal * rate, 2), abs=0.01), archetype
        assert values[2] == pytest.approx(values[0] + values[1], abs=0.01), archetype  # type: ignore[operator]
        return 3
    for foot in footers:
        label = str(foot[0]).casefold()
        for col, cell in enumerate(foot):
            if col == 0 or not cell:
                continue
            column = [v for v in (_num(r[col]) for r in body) if v is not None]
            expected = sum(column) / len(column) if "average" in label or "mean" in label else sum(column)
            assert _num(cell) == pytest.approx(expected, abs=0.02 + 0.005 * len(column)), (archetype, foot, col)
            checked += 1
    return checked


def test_document_tables_add_up() -> None:
    ctx = _contexts()[0]
    checked: Counter[str] = Counter()
    for seed in range(3):
        for arch in ARCHETYPES.values():
            for kind in ("docx", "pptx"):
                if kind not in arch.kinds:
                    continue
                ctx = ArchetypeContext(**{**ctx.__dict__, "rng": random.Random(seed), "locale": PLAIN})
                art = build_artifact(arch.id, ctx, kind)
                spec = art.spec
                tables: list[Table] = []
                if isinstance(spec, DocumentSpec):
                    tables = [b for b in spec.blocks if isinstance(b, Table)]
                elif isinstance(spec, PresentationSpec):
                    tables = [Table(header=s.header, rows=s.rows) for s in spec.slides if s.type == "table"]
                for table in tables:
                    checked[arch.id] += _check_footers(arch.id, table, PLAIN.tax.rate)
    for must in ("invoice", "quote", "setlist", "lesson_plan", "grant_proposal", "contract", "thesis_chapter"):
        assert checked[must] > 0, must
    assert len(checked) >= 15


def test_workbook_formulas_compute_what_the_facts_state() -> None:
    compared = 0
    for _ctx, art in _build_all({"xlsx"}) + _build_all({"xlsx"}, seed=7):
        book = evaluate_workbook(art.to_bytes())
        spec = art.spec
        assert isinstance(spec, SpreadsheetSpec)
        for sheet in spec.sheets:
            cells = book[sheet.name]
            for r, row in enumerate(sheet.rows, start=2):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("="):
                        coord = f"{chr(65 + c)}{r}"
                        assert cells.get(coord) is not None, (art.archetype, sheet.name, coord, value)
        # every footer total the file states equals the evaluated formula
        sums = {k: v for k, v in art.facts.items() if re.search(r"_sum\d+$", k) and isinstance(v, float)}
        evaluated = [v for sheet in book.values() for v in sheet.values() if isinstance(v, int | float)]
        for key, value in sums.items():
            assert any(abs(float(e) - value) < 0.011 for e in evaluated), (art.archetype, key, value)
            compared += 1
    assert compared >= 40


@pytest.mark.parametrize("country, region", [("US", "KY"), ("ES", None), ("DE", None), ("US", "OR"), ("JP", None)])
def test_invoice_totals_use_the_countrys_tax(country: str, region: str | None) -> None:
    loc = locale_for(country, region=region)
    ctx = ArchetypeContext(
        owner_name="Sam Reed",
        owner_role="plumber",
        organisation="Reed Plumbing",
        topic="Boiler",
        created=date(2025, 2, 3),
        rng=random.Random(2),
        life_stage="self_employed",
        family="small_business",
        locale=loc,
    )
    art = build_artifact("invoice", ctx)
    assert art.facts["tax_rate"] == loc.tax.rate
    # an invoice rounds its tax half up, to the cent (259.035 -> 259.04, where round() gives 259.03)
    exact = Decimal(f"{float(art.facts['subtotal']) * loc.tax.rate:.15g}")
    assert art.facts["tax"] == pytest.approx(float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)), abs=1e-9)
    assert art.facts["total"] == pytest.approx(float(art.facts["subtotal"]) + float(art.facts["tax"]), abs=0.005)
    text = extract_text("i.docx", art.to_bytes())
    assert loc.format_money(float(art.facts["total"])) in text
    if loc.tax.rate == 0:  # Oregon: no sales tax, so no tax line
        assert "Subtotal" not in text
    else:
        assert loc.tax.name in text


def test_linked_facts_carry_across_files() -> None:
    ctx = _contexts()[1]
    quote = build_artifact("quote", ctx)
    ctx2 = ArchetypeContext(
        **{**ctx.__dict__, "rng": random.Random(9), "linked": {"reference": quote.facts["reference"]}}
    )
    invoice = build_artifact("invoice", ctx2)
    assert invoice.facts["reference"] == quote.facts["reference"]
    assert str(quote.facts["reference"]) in extract_text("i.docx", invoice.to_bytes())


def test_story_details_carry_from_one_file_to_the_next() -> None:
    ctx = ArchetypeContext(
        owner_name="Grace Mensah", owner_role="development officer", organisation="Riverside Trust",
        topic="Warm Spaces", created=date(2025, 9, 3), rng=random.Random(8), family="nonprofit_grants",
        locale=locale_for("GB"), city="Leeds",
    )  # fmt: skip
    grant = build_artifact("grant_proposal", ctx)
    press = build_artifact(
        "press_release", ArchetypeContext(**{**ctx.__dict__, "rng": random.Random(1), "linked": grant.facts})
    )
    assert press.facts["beneficiaries"] == grant.facts["beneficiaries"]
    assert f"{grant.facts['beneficiaries']} people" in extract_text("p.docx", press.to_bytes())
    setlist = build_artifact("setlist", _contexts()[0])
    booking = build_artifact(
        "gig_booking", ArchetypeContext(**{**_contexts()[0].__dict__, "rng": random.Random(3), "linked": setlist.facts})
    )
    assert booking.facts["venue"] == setlist.facts["venue"]


def test_an_invoice_for_a_quote_charges_the_quoted_amount() -> None:
    ctx = _contexts()[1]
    quote = build_artifact("quote", ctx)
    invoice = build_artifact(
        "invoice",
        ArchetypeContext(**{**ctx.__dict__, "rng": random.Random(4), "linked": {"subtotal": quote.facts["subtotal"]}}),
    )
    assert invoice.facts["subtotal"] == quote.facts["subtotal"]
    assert invoice.facts["total"] == quote.facts["total"]
    book = evaluate_workbook(
        build_artifact(
            "invoice",
            ArchetypeContext(
                **{**ctx.__dict__, "rng": random.Random(4), "linked": {"subtotal": quote.facts["subtotal"]}}
            ),
            "xlsx",
        ).to_bytes()
    )
    values = [v for sheet in book.values() for v in sheet.values() if isinstance(v, float)]
    assert any(abs(v - float(quote.facts["total"])) < 0.006 for v in values)


def test_two_files_of_one_kind_on_one_computer_do_not_repeat_paragraphs() -> None:
    def paragraphs(art: Artifact) -> list[str]:
        assert isinstance(art.spec, DocumentSpec)
        out: list[str] = []
        for b in art.spec.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            elif isinstance(b, BulletList | NumberedList):
                out += b.items
        return [p for p in out if len(p) >= 70]

    for archetype in ("invoice", "complaint_letter", "interview_prep_notes", "newsletter", "product_requirements"):
        rng = random.Random(5)  # one computer: one generator, so one memory of used paragraphs
        ctx = _contexts()[0]
        first = build_artifact(archetype, ArchetypeContext(**{**ctx.__dict__, "rng": rng}))
        second = build_artifact(archetype, ArchetypeContext(**{**ctx.__dict__, "rng": rng}))
        assert not set(paragraphs(first)) & set(paragraphs(second)), archetype
        shared: set[str] = set()  # or an explicit set handed to every context of the computer
        one = build_artifact(
            archetype, ArchetypeContext(**{**ctx.__dict__, "rng": random.Random(1), "used_texts": shared})
        )
        two = build_artifact(
            archetype, ArchetypeContext(**{**ctx.__dict__, "rng": random.Random(2), "used_texts": shared})
        )
        assert not set(paragraphs(one)) & set(paragraphs(two)), archetype


def test_setlist_and_lesson_timings_sum_to_their_length() -> None:
    for seed in range(5):
        ctx = ArchetypeContext(**{**_contexts()[0].__dict__, "rng": random.Random(seed)})
        art = build_artifact("setlist", ctx)
        assert art.facts["set_minutes"] in (35, 45, 60)
        lesson = build_artifact("lesson_plan", ArchetypeContext(**{**ctx.__dict__, "rng": random.Random(seed)}))
        assert lesson.facts["lesson_minutes"] in (50, 55, 60)


# ---------------------------------------------------------------------------------------------------------------------
# Prose: specific to each archetype, not one frame with slots
# ---------------------------------------------------------------------------------------------------------------------


def _sentences(spec: object) -> list[str]:
    texts: list[str] = []
    if isinstance(spec, DocumentSpec):
        for b in spec.blocks:
            if isinstance(b, Paragraph):
                texts.append(b.text)
            elif isinstance(b, BulletList | NumberedList):
                texts += b.items
    elif isinstance(spec, PresentationSpec):
        for s in spec.slides:
            if isinstance(s, BulletSlide):
                texts += s.bullets
            elif isinstance(s, TwoColumnSlide):
                texts += s.left + s.right
            elif isinstance(s, TitleSlide):
                continue
    return [p for t in texts for p in re.split(r"(?<=[.!?])\s+", t) if len(p.split()) >= 4]


def _pattern(sentence: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        sentence = sentence.replace(name, "N")
    sentence = re.sub(r"\d[\d.,:/%]*", "#", sentence)
    sentence = re.sub(r"(?<=\s)[A-Z][\w'’-]+", "N", sentence)  # capitalised words inside a sentence: names, places
    return " ".join(sentence.casefold().split())


def test_sentence_patterns_are_specific_to_each_archetype() -> None:
    patterns: dict[str, set[str]] = {}
    for ctx in _contexts(3):
        names = {ctx.owner_name, ctx.organisation, ctx.topic, *(c.name for c in ctx.counterparts), ctx.city}
        for arch in ARCHETYPES.values():
            kind = next((k for k in arch.kinds if k in ("docx", "pptx", "md", "pdf")), None)
            if kind is None:
                continue
            art = build_artifact(arch.id, ctx, kind)
            patterns.setdefault(arch.id, set()).update(_pattern(s, names) for s in _sentences(art.spec))
    assert len(patterns) >= 40
    for arch_id, own in patterns.items():
        assert len(own) >= 3, f"{arch_id}: only {len(own)} sentence patterns"
        others = set().union(*(p for a, p in patterns.items() if a != arch_id))
        shared = len(own & others) / len(own)
        assert shared <= 0.10, f"{arch_id}: {shared:.0%} of its sentence patterns occur in other archetypes"
    for a, b in combinations(patterns, 2):
        assert len(patterns[a] & patterns[b]) <= 2, (a, b, patterns[a] & patterns[b])


def test_vocabulary_fits_the_domain() -> None:
    ctx = _contexts()[0]
    files: list[tuple[str, FileKind]] = [
        ("harvest_record", "xlsx"),
        ("setlist", "docx"),
        ("lesson_plan", "docx"),
        ("clinical_audit", "docx"),
        ("training_log", "xlsx"),
        ("club_treasurer_accounts", "xlsx"),
    ]
    text = {a: extract_text(f"x.{k}", build_artifact(a, ctx, k).to_bytes()) for a, k in files}
    assert re.search(r"t/ha|Yield|Harvested", text["harvest_record"])
    assert re.search(r"Key / tuning|Set length", text["setlist"])
    assert re.search(r"Plenary|exit ticket|Starter", text["lesson_plan"])
    assert re.search(r"Compliance|re-audit|proforma", text["clinical_audit"], re.IGNORECASE)
    assert re.search(r"RPE|Sparring|Heavy bag|Roadwork|Bodyweight", text["training_log"])
    assert re.search(r"Balance carried forward|Receipts", text["club_treasurer_accounts"])
    for words in text.values():  # no office-template vocabulary in personal and field documents
        assert not re.search(r"\bKPI\b|variance by|Procurement|Where we are", words)


# ---------------------------------------------------------------------------------------------------------------------
# Selection by persona
# ---------------------------------------------------------------------------------------------------------------------


class _Persona:
    def __init__(self, family: str | None, life_stage: str, interests: tuple[str, ...] = (), role: str = "") -> None:
        self.family, self.life_stage, self.interests, self.role = family, life_stage, interests, role


def _ids(p: _Persona) -> list[str]:
    return [a.id for a in archetypes_for(p)]


def test_archetypes_follow_the_persona_not_an_office_default() -> None:
    retiree = _ids(_Persona(None, "retiree", ("family history", "bowls club")))
    assert {"family_history_notes", "club_treasurer_accounts", "medical_appointment_log"} <= set(retiree)
    assert not {"timesheet", "expense_claim", "purchase_order", "meeting_minutes"} - {"meeting_minutes"} & set(retiree)
    student = _ids(_Persona(None, "student", ("football",)))
    assert {"coursework_essay", "revision_timetable", "training_log", "personal_statement"} <= set(student)
    assert "purchase_order" not in student and "interview_scoresheet" not in student
    teacher = _ids(_Persona("education_teaching", "employee"))
    assert teacher[:3] and {"lesson_plan", "scheme_of_work", "markbook"} <= set(teacher[:8])
    farmer = _ids(_Persona("small_business", "self_employed", (), role="corn and tobacco farmer"))
    assert {"harvest_record", "farm_field_diary", "invoice"} <= set(farmer)
    musician = _ids(_Persona(None, "employee", ("heavy metal", "boxing")))
    assert {"setlist", "gig_booking", "recording_session_log", "training_log"} <= set(musician)
    assert musician.index("setlist") < musician.index("timesheet")


def test_selection_reads_role_and_key_words_at_word_starts() -> None:
    dad = _ids(_Persona(None, "homemaker", (), role="stay-at-home dad who bakes and runs the PTA"))
    assert {"recipe_costing", "fundraising_tracker", "meal_plan"} <= set(dad)
    assert "training_log" not in dad  # "runs the PTA" is not running
    school = _ids(_Persona(None, "student", ("coursework",), role="high-school student"))
    assert "coursework_essay" in school and "craft_fair_sales" not in school  # "sew" is not in "coursework"
    assert not {"thesis_chapter", "literature_matrix", "research_talk"} & set(school)
    phd = _ids(_Persona(None, "student", (), role="PhD student in marine biology"))
    assert phd[:3] == ["thesis_chapter", "research_talk", "literature_matrix"] or "thesis_chapter" in phd[:3]
    assert "revision_timetable" not in phd


def test_real_personas_get_the_documents_of_their_lives() -> None:
    from synthcomp_agents.personas import classify_persona

    musician = [a.id for a in archetypes_for(classify_persona("A heavy metal musician who loves boxing"))]
    assert "setlist" in musician[:3] and "training_log" in musician
    farmer = [a.id for a in archetypes_for(classify_persona("A Kentucky farmer"))]
    assert "harvest_record" in farmer[:3] and "lesson_plan" not in farmer
    veteran = [a.id for a in archetypes_for(classify_persona("A WWII veteran who didn't finish high school"))]
    assert "memoir_chapter" in veteran[:5] and not {"timesheet", "purchase_order", "cv"} & set(veteran)


def test_the_persona_layers_stage_names_are_understood() -> None:
    owner = _ids(_Persona("small_business", "small_business_owner"))
    assert owner == _ids(_Persona("small_business", "business_owner"))
    assert "invoice" in owner and "bank_reconciliation" in owner


def test_a_context_is_a_valid_profile_for_selection() -> None:
    ids = [a.id for a in archetypes_for(_contexts()[2])]
    assert "family_history_notes" in ids and "planting_plan" in ids


# ---------------------------------------------------------------------------------------------------------------------
# Hostile text from personas or models
# ---------------------------------------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    topic=st.text(min_size=1, max_size=60),
    owner=st.text(min_size=1, max_size=40),
    archetype=st.sampled_from(
        [
            "invoice",
            "meeting_minutes",
            "setlist",
            "household_budget",
            "family_history_notes",
            "support_ticket_log",
            "campaign_plan",
        ]
    ),
)
def test_any_context_text_builds_a_safe_file(topic: str, owner: str, archetype: str) -> None:
    ctx = ArchetypeContext(
        owner_name=owner,
        owner_role="owner {role}",
        organisation="{org} & Co",
        topic=topic,
        created=date(2025, 1, 31),
        rng=random.Random(0),
        interests=("music",),
        locale=PLAIN,
    )
    art = build_artifact(archetype, ctx)
    assert not re.search(r'[\\/:*?"<>|\x00-\x1f]', art.filename) and 0 < len(art.filename) <= 120
    for part in art.folder.split("/") if art.folder else []:
        assert part and part not in (".", "..") and not re.search(r'[\\:*?"<>|\x00-\x1f]', part), art.folder
    assert art.to_bytes()
