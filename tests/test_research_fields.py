"""A researcher's and an environmental scientist's documents hold their own field's substance, not one academic
template with the subject word swapped in.

- An environmental scientist monitoring a river keeps a field sampling log (stations with grid references, probe
  readings in their units, the laboratory's results against its limits of detection), the laboratory's certificates
  under chain of custody and a quarterly report that compares each result with the country's standards; the report's
  failures are the log's numbers and really break the standard.
- A chemist's, a historian's and a machine learning researcher's notebook, peer review and thesis chapter are their
  field's (conditions screened and NMR; shelfmarks and folios; seeds, GPUs and configs); two fields' documents share
  few sentence patterns; a grant is budgeted in its funder's terms.
"""

from __future__ import annotations

import io
import itertools
import random
import re
from datetime import date

import openpyxl
import pytest

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers.archetypes import ArchetypeContext, build_artifact
from synthcomp_agents.office import extract_text

RIVER = "An environmental scientist monitoring river pollution in Yorkshire"
COLORADO = "A hydrologist in Colorado"
OHIO = "An environmental consultant in Ohio who does site assessments"
FIELDS = {
    "chemistry": "A PhD student in organic chemistry in Munich",
    "history": "A historian of medieval France",
    "computing": "A machine learning researcher in Toronto",
    "molecular": "A postdoc in neuroscience in London",
}
_RESEARCH = {"lab_notebook", "peer_review_report", "thesis_chapter", "grant_proposal", "literature_matrix"}
_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.:/%-]*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")


@pytest.fixture(scope="module")
def computers() -> dict[str, GeneratedComputer]:
    gen = ProceduralComputerGenerator()
    return {text: gen.generate(text, seed=7) for text in (RIVER, COLORADO, OHIO, *FIELDS.values())}


def _files(c: GeneratedComputer, archetype: str) -> list[str]:
    return sorted(f.path for f in c.blueprint.file_list if f.archetype == archetype)


def _text(c: GeneratedComputer, path: str) -> str:
    return extract_text(path, c.disk.read_bytes(path))


def _lab_sheet(c: GeneratedComputer, path: str) -> dict[tuple[str, str], dict[str, str]]:
    """The log's lab results by (station, sampling date): column heading -> result as written."""
    book = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(path)))
    rows = list(book["Lab results"].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    out: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows[1:]:
        sampled = row[1].date().isoformat() if hasattr(row[1], "date") else str(row[1])
        out[(str(row[2]), sampled)] = {h: str(v) for h, v in zip(header, row, strict=True)}
    return out


def test_river_scientist_log_certificates_and_report_agree(computers: dict[str, GeneratedComputer]) -> None:
    c = computers[RIVER]
    (log,) = _files(c, "field_sampling_log")
    (report,) = _files(c, "monitoring_report")
    certificates = _files(c, "lab_certificate")
    assert len(certificates) == 3
    log_text, report_text = _text(c, log), _text(c, report)
    # the field sheet: stations with Ordnance Survey grid references, readings in their units, the lab's LoD
    assert "River Wharfe" in log and "River Wharfe" in report_text
    for needle in ("SE ", "DO (mg/L)", "DO (% sat)", "Conductivity (µS/cm)", "Turbidity (NTU)",
                   "Ammonia (mg/L N, LoD 0.03)", "E. coli (cfu/100 mL, LoD 10)", "COC-"):  # fmt: skip
        assert needle in log_text, needle
    # the report: the UK regulator's standards, their basis, and every failure stated with its number
    for needle in ("the Environment Agency", "WFD good status", "≤ 0.6", "≤ 900", "Total ammonia (mg/L as N)"):
        assert needle in report_text, needle
    lab = _lab_sheet(c, log)
    failures = re.findall(r"(WHA\d\d) on (\d{4}-\d\d-\d\d): (.+?) ([<\d.]+) against ≤ ([\d.]+)\.", report_text)
    assert failures, "the report states its failures"
    columns = {
        "Total ammonia": "Ammonia",
        "Reactive phosphorus": "Phosphate",
        "Nitrate": "Nitrate",
        "E. coli": "E. coli",
    }
    for station, day, label, value, limit in failures:
        assert float(value) > float(limit)
        row = lab[(station, day)]
        column = next(h for h in row if h.startswith(next(v for k, v in columns.items() if label.startswith(k))))
        assert row[column] == value, (station, day, label)
    # each certificate reports the same results under its chain of custody
    for path in certificates:
        cert = _text(c, path)
        job = re.search(r"Certificate of analysis (\S+)", cert)
        assert job is not None and "UKAS" in cert and "Limit of detection" in cert
        for (station, _day), row in lab.items():
            if row["Lab job"] == job.group(1):
                assert station in cert and row[next(h for h in row if h.startswith("E. coli"))] in cert


def test_us_hydrologist_reports_against_state_standards(computers: dict[str, GeneratedComputer]) -> None:
    c = computers[COLORADO]
    (report,) = _files(c, "monitoring_report")
    text = _text(c, report)
    assert "Clear Creek" in text and "Colorado" in text
    assert "≤ 410" in text and "≥ 5" in text  # E. coli STV and the warmwater DO minimum, not the UK's
    assert "Environment Agency" not in text
    assert re.search(r"39\.\d{4}, -105\.\d{4}", text)  # stations by coordinates, not OS grid references


def test_consultants_site_assessment_quotes_the_monitoring_results(computers: dict[str, GeneratedComputer]) -> None:
    c = computers[OHIO]
    (note,) = _files(c, "site_screening_note")
    (log,) = _files(c, "field_sampling_log")
    text = _text(c, note)
    assert "ASTM E1527-21" in text and "recognized environmental conditions" in text and "Phase II" in text
    found = re.search(r"Baseline water quality at (CUY\d\d)", text)
    assert found is not None
    station = found.group(1)
    quoted = re.search(r"E\. coli \(cfu/100 mL\): up to (\d+) \((\d{4}-\d\d-\d\d)\) against ≤ 410", text)
    assert quoted is not None
    row = _lab_sheet(c, log)[(station, quoted.group(2))]
    assert row[next(h for h in row if h.startswith("E. coli"))] == quoted.group(1)
    ecoli = [int(r[next(h for h in r if h.startswith("E. coli"))]) for (sid, _d), r in _lab_sheet(c, log).items()
             if sid == station]  # fmt: skip
    assert int(quoted.group(1)) == max(ecoli)


def _research_text(c: GeneratedComputer) -> str:
    return "\n".join(_text(c, f.path) for f in c.blueprint.file_list if f.archetype in _RESEARCH)


@pytest.mark.parametrize(
    ("field", "needles"),
    [
        ("chemistry", ("NMR", "yield", "column chromatography", "mmol")),
        ("history", ("folio", "shelfmark", "letters of remission", "archive")),
        ("computing", ("seed", "GPU", "learning rate", "baseline")),
        ("molecular", ("qPCR", "siRNA", "cell line", "µL")),
    ],
)
def test_research_documents_are_the_fields_own(
    computers: dict[str, GeneratedComputer], field: str, needles: tuple[str, ...]
) -> None:
    text = _research_text(computers[FIELDS[field]]).casefold()
    found = [n for n in needles if n.casefold() in text]
    assert len(found) >= 3, (field, found)


def _patterns(c: GeneratedComputer) -> set[str]:
    out: set[str] = set()
    for f in c.blueprint.file_list:
        if f.archetype in _RESEARCH and f.path.endswith(".docx"):
            for sentence in _SPLIT.split(_text(c, f.path)):
                if sum(w.isalpha() and w.islower() for w in sentence.split()) >= 5:
                    out.add(" ".join(_NAME.sub("N", _NUMBER.sub("0", sentence)).split()))
    return out


def test_two_fields_papers_share_few_sentence_patterns(computers: dict[str, GeneratedComputer]) -> None:
    patterns = {field: _patterns(computers[text]) for field, text in FIELDS.items()}
    for a, b in itertools.combinations(patterns, 2):
        pa, pb = patterns[a], patterns[b]
        assert pa and pb
        shared = len(pa & pb) / min(len(pa), len(pb))
        assert shared <= 0.15, (a, b, sorted(pa & pb)[:5])


def _ctx(role: str, country: str, persona: str = "") -> ArchetypeContext:
    from synthcomp_agents.computers._locale import locale_for

    return ArchetypeContext(
        owner_name="Ana Ruiz",
        owner_role=role,
        organisation="University",
        topic="Project",
        created=date(2025, 3, 4),
        rng=random.Random(3),
        family="academic_research",
        country_code=country,
        locale=locale_for(country),
        persona_text=persona,
    )


@pytest.mark.parametrize(
    ("role", "country", "needles"),
    [
        ("Marine biologist", "US", ("Fringe benefits", "F&A", "Specific aims")),
        ("Organic chemist", "DE", ("DFG", "Programmpauschale", "E13")),
        ("Ecologist", "GB", ("NERC", "Directly Incurred", "fEC")),
        ("Sociologist", "CA", ("Research Support Fund", "Salaries: graduate students")),
    ],
)
def test_grant_is_budgeted_in_the_funders_terms(role: str, country: str, needles: tuple[str, ...]) -> None:
    text = extract_text("g.docx", build_artifact("grant_proposal", _ctx(role, country)).to_bytes())
    for needle in needles:
        assert needle in text, (role, needle)
    assert "Volunteer expenses" not in text and "DBS checks" not in text
    funder = re.search(r"application to the (.+)", text)
    assert funder is not None and re.search(
        r"NSF|NOAA|DFG|Fonds|NERC|British Ecological|ESRC|Nuffield|Leverhulme|"
        r"NSERC|CIHR|SSHRC|social science",
        funder.group(1),
    )


def test_every_field_notebook_differs_from_the_table_default() -> None:
    """Each field's notebook entry is its own (a dive log, a run log, an archive visit), never the stock plate-reader
    entry; a postdoc whose role names no field gets the field of their persona's words."""
    default = extract_text("n.docx", build_artifact("lab_notebook", _ctx("Researcher", "GB")).to_bytes())
    assert "plate reader" in default.casefold() or "Replicate 1" in default
    for role, persona, needle in [
        ("Marine biologist", "", "transect"),
        ("Physicist", "", "g2(0)"),
        ("Astrophysicist", "", "Seeing (arcsec)"),
        ("Sociologist", "", "Response rate"),
        ("Ecologist", "", "Bumblebees"),
        ("Botanist", "A botanist studying alpine plants in Switzerland", "Cover 1972 (%)"),
        ("Postdoc", "A postdoc in neuroscience in London", "Ct target"),
    ]:
        text = extract_text("n.docx", build_artifact("lab_notebook", _ctx(role, "GB", persona)).to_bytes())
        assert needle in text, role
        assert "Replicate 1" not in text and "plate reader" not in text.casefold()


@pytest.mark.parametrize(
    ("role", "needle"),
    [("Organic chemist", "Mean isolated yield (%)"), ("Historian", "Letters"), ("Astrophysicist", "Quenching time")],
)
def test_a_research_talk_reports_the_fields_results(role: str, needle: str) -> None:
    text = extract_text("t.pptx", build_artifact("research_talk", _ctx(role, "GB")).to_bytes())
    assert needle in text
    assert "Recruited participants across three sites" not in text and "Variant A" not in text
