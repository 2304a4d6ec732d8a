"""Stage 5c for an environmental scientist: the river monitoring chain, one set of numbers in three kinds of file.

A monitoring quarter is three monthly sampling rounds on the river where the persona works (the Wharfe for a
Yorkshire scientist, the Cuyahoga in Ohio), each station with its ID and grid reference or coordinates. Each round
leaves the field readings (temperature, pH, dissolved oxygen in mg/L and % saturation, conductivity, turbidity) in
the field sampling log, bottles sent under a chain of custody to an accredited laboratory whose certificate reports
ammonia, nitrate and phosphate (mg/L as N and P) and E. coli (cfu/100 mL) against its limits of detection, and the
quarter's report compares every result with the regulator's standards of the country (the Environment Agency's WFD
standards, a US state's water quality standards). The log, the certificates and the report state the same figures.

Example:
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> from synthcomp_agents.computers.generation import plan_context
    >>> persona = resolve_persona("An environmental scientist monitoring river pollution in Yorkshire")
    >>> ctx = plan_context(persona, seed=1)
    >>> q = monitoring_quarter(ctx)
    >>> q.river, q.regime["regulator"], len(q.rounds)
    ('River Wharfe', 'the Environment Agency', 3)
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from synthcomp_agents.office import (
    BulletList,
    ColumnSpec,
    DocumentSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_docx,
    write_pdf,
    write_xlsx,
)

from ..archetypes._fields import catchment_for, research_bank
from .context import GenerationContext
from .life import life_locale
from .plans import ProjectPlan

__all__ = ["build_monitoring_chain", "is_env_monitoring", "monitoring_quarter"]

_ENV = re.compile(
    r"\b(environmental (scientist|consultant|officer|specialist|monitoring)|hydrologists?|water quality)\b", re.I
)
_PROJECT = re.compile(r"sampl|water quality|river|monitor|catchment|stream|probe|lab", re.I)
_SCREENING = re.compile(r"impact assessment|\bEIA\b|site assess|screening|contaminat|phase i\b|due diligence", re.I)
_CONSULTANT = re.compile(r"consult|site assess", re.I)
_LAB_PARAMS = ("ammonia", "nitrate", "phosphate", "ecoli")
# mean river temperature (°C) by month in a temperate catchment
_TEMP = (4.5, 5.0, 6.5, 8.5, 11.5, 14.5, 16.0, 15.5, 13.5, 10.5, 7.5, 5.5)


def is_env_monitoring(ctx: GenerationContext) -> bool:
    """An environmental scientist, consultant, officer or hydrologist at work (not a retiree or a student)."""
    p = ctx.persona
    return bool(_ENV.search(p.text)) and p.life_stage not in ("retiree", "student", "homemaker", "job_seeker")


@dataclass
class Station:
    """A sampling station: its ID, name, the pressure on it (0 clean to 1 below an outfall) and where it is."""

    sid: str
    name: str
    pressure: float
    where: str


@dataclass
class Round:
    """One sampling round: when, who, under which chain of custody, and the results by station ID."""

    day: date
    sampler: str
    coc: str
    lab_job: str
    received: date
    reported: date
    readings: dict[str, dict[str, float]] = field(default_factory=dict)  # sid -> temp, ph, do_mg, do_sat, cond, turb
    lab: dict[str, dict[str, float]] = field(default_factory=dict)  # sid -> ammonia, nitrate, phosphate, ecoli
    times: dict[str, str] = field(default_factory=dict)


@dataclass
class Quarter:
    """The quarter's monitoring: the river, its stations, the country's regime and three rounds."""

    river: str
    state: str
    stations: list[Station]
    regime: dict[str, Any]
    methods: dict[str, Any]
    rounds: list[Round]
    technician: str
    year: int
    q: int

    def value(self, rnd: Round, sid: str, param: str) -> float:
        return rnd.readings[sid][param] if param in rnd.readings[sid] else rnd.lab[sid][param]


def _do_saturation(temp: float) -> float:
    """Oxygen solubility in fresh water at ``temp`` °C (mg/L, APHA polynomial)."""
    return 14.62 - 0.3898 * temp + 0.006969 * temp**2 - 0.00005897 * temp**3


def _lod(value: float, lod: float) -> float:
    """A result below the limit of detection is kept as the limit itself, negated (written ``<LoD``)."""
    return -lod if value < lod else value


def monitoring_quarter(ctx: GenerationContext) -> Quarter:
    """The quarter's stations, rounds and results, drawn once (a random source of its own: other stages unchanged)."""
    bank = research_bank()["monitoring"]
    rng = random.Random(f"{ctx.seed}|{ctx.persona.text}|env-monitoring")
    code = (ctx.persona.country_code or "").upper()
    regime = dict(bank["regimes"].get(code) or bank["regimes"]["default"])
    locale = life_locale(ctx)
    state = str(getattr(locale, "region_name", "") or "") if locale is not None else ""
    c = catchment_for(code, f"{ctx.persona.text} {ctx.identity.profile.location}")
    state = str(c.get("state", state)).replace("{state}", state or "State") or "State"
    regime["regulator"] = str(regime["regulator"]).replace("{state}", state)
    stations = []
    for s in c["sites"]:
        label, pressure, where = (x.strip() for x in str(s).split("|"))
        sid, _, name = label.partition(" ")
        stations.append(Station(sid, name, float(pressure), where))
    today = ctx.now.date()
    last = today - timedelta(days=rng.randint(20, 35))
    q = (last.month - 1) // 3
    team = [p.name for p in ctx.team.people if re.search(r"technician|field|sampler|assistant", p.role, re.I)]
    technician = team[0] if team else "the field technician"
    rounds: list[Round] = []
    lab_short = "".join(w[0] for w in str(regime["lab"]).split() if w[:1].isupper())[:3] or "LAB"
    for k in range(3):
        day = last - timedelta(days=28 * (2 - k) + rng.randint(0, 3))
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        wet = rng.random() < 0.4
        rnd = Round(
            day=day,
            sampler=rng.choice((ctx.me, technician)),
            coc=f"COC-{day.year % 100:02d}-{rng.randint(1000, 9999)}",
            lab_job=f"{lab_short}{day.year % 100:02d}-{rng.randint(10000, 99999)}",
            received=day + timedelta(days=1),
            reported=day + timedelta(days=rng.randint(6, 9)),
        )
        minute = 9 * 60 + rng.randint(0, 30)
        for st in stations:
            temp = round(float(c.get("temps", _TEMP)[day.month - 1]) + rng.uniform(-1.2, 1.2) + 0.8 * st.pressure, 1)
            sat = _do_saturation(temp)
            do_mg = round(sat * max(0.35, rng.uniform(0.88, 1.02) - 0.38 * st.pressure * rng.uniform(0.3, 1.1)), 1)
            rnd.readings[st.sid] = {
                "temp": temp,
                "ph": round(rng.uniform(7.1, 8.1) - 0.3 * st.pressure * rng.random(), 1),
                "do_mg": do_mg,
                "do_sat": float(round(100 * do_mg / sat)),
                "cond": float(round(rng.uniform(180, 260) + 520 * st.pressure * rng.uniform(0.7, 1.2))),
                "turb": round(rng.uniform(1.0, 3.0) + (9 if wet else 3) * st.pressure * rng.random(), 1),
            }
            ecoli = 10 ** (1.2 + 2.6 * st.pressure * rng.uniform(0.6, 1.25) + (0.5 if wet else 0) + rng.uniform(0, 0.5))
            rnd.lab[st.sid] = {
                "ammonia": _lod(round(rng.uniform(0.0, 0.06) + 1.1 * st.pressure**2 * rng.uniform(0.2, 1.3), 2), 0.03),
                "nitrate": round(rng.uniform(0.8, 2.0) + 4.5 * st.pressure * rng.uniform(0.6, 1.2), 1),
                "phosphate": _lod(round(0.01 + 0.22 * st.pressure * rng.uniform(0.3, 1.3), 3), 0.02),
                "ecoli": _lod(float(int(float(f"{ecoli:.2g}"))), 10),
            }
            rnd.times[st.sid] = f"{minute // 60:02d}:{minute % 60:02d}"
            minute += rng.randint(25, 50)
        rounds.append(rnd)
    river = str(c["river"]).replace("{city}", ctx.identity.city or "Catchment")
    return Quarter(river, state, stations, regime, bank["methods"], rounds, technician, last.year, q + 1)


def _show(value: float, param: str) -> str:
    """A result as the laboratory writes it: ``<0.03`` below the limit of detection, E. coli as a whole count."""
    if value < 0:
        return f"<{-value:g}"
    if param == "ecoli":
        return f"{int(value):d}"
    if param == "phosphate":
        return f"{value:.3f}"
    if param == "ammonia":
        return f"{value:.2f}"
    if param in ("do_sat", "cond"):
        return f"{int(value):d}"
    return f"{value:.1f}"


def _fails(std: dict[str, Any], value: float) -> bool:
    """Whether a result fails the standard (a result below the limit of detection passes a maximum)."""
    if std["kind"] == "range":
        return not float(std["low"]) <= value <= float(std["high"])
    if value < 0:
        return False
    return value < float(std["value"]) if std["kind"] == "min" else value > float(std["value"])


def _limit_text(std: dict[str, Any]) -> str:
    if std["kind"] == "range":
        return f"{std['low']:g}–{std['high']:g}"
    return f"≥ {std['value']:g}" if std["kind"] == "min" else f"≤ {std['value']:g}"


def _when(ctx: GenerationContext, day: date, hour: int, minute: int = 0) -> datetime:
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ctx.identity.tz)
    return min(local, ctx.now)


def _log_workbook(ctx: GenerationContext, qt: Quarter, title: str, times: tuple[datetime, datetime]) -> bytes:
    field_cols = [
        "Round",
        "Date",
        "Time",
        "Station",
        "Sampled by",
        "Water temp (°C)",
        "pH",
        "DO (mg/L)",
        "DO (% sat)",
        "Conductivity (µS/cm)",
        "Turbidity (NTU)",
        "Chain of custody",
    ]
    field_rows: list[list[Any]] = []
    lab_rows: list[list[Any]] = []
    for k, rnd in enumerate(qt.rounds, 1):
        for st in qt.stations:
            f = rnd.readings[st.sid]
            field_rows.append(
                [
                    k,
                    rnd.day,
                    rnd.times[st.sid],
                    st.sid,
                    rnd.sampler,
                    f["temp"],
                    f["ph"],
                    f["do_mg"],
                    int(f["do_sat"]),
                    int(f["cond"]),
                    f["turb"],
                    rnd.coc,
                ]
            )
            lab_rows.append([k, rnd.day, st.sid, rnd.lab_job, *(_show(rnd.lab[st.sid][p], p) for p in _LAB_PARAMS)])
    methods = qt.methods
    return write_xlsx(
        SpreadsheetSpec(
            sheets=[
                SheetSpec(
                    name="Stations",
                    columns=[ColumnSpec(header=h) for h in ("Station", "Name", "Grid ref / coordinates", "Pressure")],
                    rows=[
                        [
                            st.sid,
                            st.name,
                            st.where,
                            "below outfall"
                            if st.pressure >= 0.75
                            else "urban/mixed"
                            if st.pressure >= 0.4
                            else "reference",
                        ]
                        for st in qt.stations
                    ],
                ),
                SheetSpec(
                    name="Field log",
                    columns=[
                        ColumnSpec(header=h, number_format="yyyy-mm-dd" if h == "Date" else None) for h in field_cols
                    ],
                    rows=field_rows,
                ),
                SheetSpec(
                    name="Lab results",
                    columns=[
                        ColumnSpec(header=h, number_format="yyyy-mm-dd" if h == "Sampled" else None)
                        for h in (
                            "Round",
                            "Sampled",
                            "Station",
                            "Lab job",
                            f"Ammonia (mg/L N, LoD {methods['ammonia']['lod']:g})",
                            f"Nitrate (mg/L N, LoD {methods['nitrate']['lod']:g})",
                            f"Phosphate (mg/L P, LoD {methods['phosphate']['lod']:g})",
                            f"E. coli (cfu/100 mL, LoD {methods['ecoli']['lod']:g})",
                        )
                    ],
                    rows=lab_rows,
                ),
            ],
            properties=ctx.props(title, ctx.me, *times, qt.river),
        )
    )


def _certificate(ctx: GenerationContext, qt: Quarter, rnd: Round, org: str) -> DocumentSpec:
    m, regime = qt.methods, qt.regime
    rows = [
        [f"{rnd.lab_job}/{i:02d}", st.sid, rnd.day.isoformat(), *(_show(rnd.lab[st.sid][p], p) for p in _LAB_PARAMS)]
        for i, st in enumerate(qt.stations, 1)
    ]
    return DocumentSpec(
        title=f"Certificate of analysis {rnd.lab_job}",
        subtitle=f"{regime['lab']} · {regime['accreditation']}",
        blocks=[
            Paragraph(
                text=f"Client: {org}, attention {ctx.me}. Project: {qt.river} monitoring. Chain of custody {rnd.coc}:"
                f" {len(qt.stations)} samples taken {rnd.day.isoformat()} by {rnd.sampler}, received"
                f" {rnd.received.isoformat()} at 4.1 °C, seals intact. Reported {rnd.reported.isoformat()}."
            ),
            Table(
                header=[
                    "Lab sample",
                    "Client ref",
                    "Sampled",
                    "Ammonia (mg/L N)",
                    "Nitrate (mg/L N)",
                    "Phosphate (mg/L P)",
                    "E. coli (cfu/100 mL)",
                ],
                rows=rows,
            ),
            Table(
                header=["Determinand", "Method", "Limit of detection", "Units"],
                rows=[
                    ["Ammonia", str(m["ammonia"]["method"]), f"{m['ammonia']['lod']:g}", "mg/L as N"],
                    ["Nitrate", str(m["nitrate"]["method"]), f"{m['nitrate']['lod']:g}", "mg/L as N"],
                    ["Phosphate", str(m["phosphate"]["method"]), f"{m['phosphate']['lod']:g}", "mg/L as P"],
                    ["E. coli", str(m["ecoli"]["method"]), f"{m['ecoli']['lod']:g}", "cfu/100 mL"],
                ],
                caption="Methods (all accredited)",
            ),
            Paragraph(
                text="Results relate only to the samples as received. '<' means below the limit of detection. This"
                " certificate shall not be reproduced except in full without the laboratory's written approval."
            ),
        ],
    )


def _report(ctx: GenerationContext, qt: Quarter, title: str, log_name: str) -> tuple[DocumentSpec, int]:
    regime = qt.regime
    stds: list[dict[str, Any]] = list(regime["standards"])
    n = len(qt.rounds) * len(qt.stations)
    compare: list[list[str]] = []
    failures: list[str] = []
    total_fails = 0
    for std in stds:
        param = str(std["param"])
        results = [(qt.value(r, st.sid, param), st.sid, r.day) for r in qt.rounds for st in qt.stations]
        failed = [(v, sid, d) for v, sid, d in results if _fails(std, v)]
        total_fails += len(failed)
        worst_v, worst_sid, worst_day = min(results) if std["kind"] == "min" else max(results, key=lambda x: abs(x[0]))
        compare.append(
            [
                str(std["label"]),
                _limit_text(std),
                str(std["basis"]),
                f"{len(failed)} of {len(results)}",
                f"{_show(worst_v, param)} ({worst_sid}, {worst_day.isoformat()})",
            ]
        )
        for v, sid, d in failed:
            failures.append(f"{sid} on {d.isoformat()}: {std['label']} {_show(v, param)} against {_limit_text(std)}.")
    appendix: list[list[str]] = []
    for rnd in qt.rounds:
        for st in qt.stations:
            appendix.append(
                [
                    st.sid,
                    rnd.day.isoformat(),
                    *(
                        _show(qt.value(rnd, st.sid, p), p)
                        for p in ("ph", "do_mg", "do_sat", "ammonia", "nitrate", "phosphate", "ecoli")
                    ),
                ]
            )
    by_station = {st.sid: 0 for st in qt.stations}
    for std in stds:
        for r in qt.rounds:
            for st in qt.stations:
                by_station[st.sid] += _fails(std, qt.value(r, st.sid, str(std["param"])))
    worst = max(qt.stations, key=lambda s: (by_station[s.sid], s.pressure))
    blocks = [
        Heading(text="1. Summary"),
        Paragraph(
            text=f"This report covers the routine monitoring of the {qt.river} in Q{qt.q} {qt.year}: {len(qt.rounds)}"
            f" rounds at {len(qt.stations)} stations, {n} samples. {total_fails} results failed the standards of"
            f" {regime['framework']}; most were at {worst.sid} ({worst.name})."
        ),
        Heading(text="2. Stations"),
        Table(
            header=["Station", "Name", "Grid ref / coordinates"],
            rows=[[st.sid, st.name, st.where] for st in qt.stations],
        ),
        Heading(text="3. Methods"),
        BulletList(
            items=[
                "Grab samples mid-channel; temperature, pH, dissolved oxygen and conductivity by calibrated"
                " multiparameter sonde in the field, recorded in the field sampling log.",
                f"Nutrients and E. coli analysed by {regime['lab']} ({regime['accreditation']}) under chain of"
                f" custody {', '.join(r.coc for r in qt.rounds)}.",
                "Results below the limit of detection are reported as '<LoD' and count as passing a maximum standard.",
            ]
        ),
        Heading(text="4. Results against the standards"),
        Table(
            header=["Parameter", "Standard", "Basis", "Samples failing", "Worst result"],
            rows=compare,
            caption=f"Comparison with the standards ({regime['regulator']})",
        ),
        Heading(text="5. Failures and actions"),
        BulletList(items=failures[:12] or ["No result failed a standard this quarter."]),
        Paragraph(
            text=f"Failures below {worst.sid} have been reported to {regime['regulator']}; the operator's spill"
            " records for the sampling days have been requested to check for storm overflow discharges."
        ),
        Heading(text="Appendix A. Results by station and round"),
        Table(
            header=[
                "Station",
                "Date",
                "pH",
                "DO (mg/L)",
                "DO (% sat)",
                "Ammonia (mg/L N)",
                "Nitrate (mg/L N)",
                "Phosphate (mg/L P)",
                "E. coli (cfu/100 mL)",
            ],
            rows=appendix,
            caption=f"From {log_name} and the laboratory certificates {', '.join(r.lab_job for r in qt.rounds)}",
        ),
    ]
    subtitle = f"Prepared by {ctx.me}, {ctx.identity.org} · standards of {regime['regulator']}"
    return DocumentSpec(title=title, subtitle=subtitle, blocks=blocks), total_fails


def _plan(ctx: GenerationContext) -> ProjectPlan | None:
    plans = [p for p in ctx.plans if p.folder]
    return next((p for p in plans if _PROJECT.search(f"{p.name} {p.focus}")), plans[0] if plans else None)


def build_monitoring_chain(ctx: GenerationContext) -> None:
    """An environmental scientist's quarter of river monitoring: the field sampling log, the laboratory's
    certificates and the quarterly report, in the folder of the sampling project; nothing for anyone else."""
    if not is_env_monitoring(ctx):
        return
    plan = _plan(ctx)
    if plan is None:
        return
    qt = monitoring_quarter(ctx)
    led, folder, me = ctx.ledger, plan.folder, ctx.me
    org = ctx.identity.org
    first, last = qt.rounds[0], qt.rounds[-1]
    log_title = f"Field sampling log {qt.river} Q{qt.q} {qt.year}"
    log_times = (_when(ctx, first.day, 16), _when(ctx, last.reported, 11))
    log = led.add(
        f"{folder}/Field sheets/{log_title}.xlsx",
        _log_workbook(ctx, qt, log_title, log_times),
        purpose=f"Field readings and lab results of the {qt.river} sampling rounds",
        author=me,
        created=log_times[0],
        modified=log_times[1],
        project_id=plan.pid,
        archetype="field_sampling_log",
    )
    certs: list[str] = []
    for rnd in qt.rounds:
        spec = _certificate(ctx, qt, rnd, org)
        certs.append(
            led.add(
                f"{folder}/Lab results/{rnd.lab_job} certificate ({rnd.coc}).pdf",
                write_pdf(spec, page_size="Letter" if (ctx.persona.country_code or "") == "US" else "A4"),
                purpose=f"Laboratory certificate for chain of custody {rnd.coc}",
                author=str(qt.regime["lab"]),
                created=_when(ctx, rnd.reported, 15),
                project_id=plan.pid,
                archetype="lab_certificate",
            )
        )
    title = f"{qt.river} water quality monitoring report Q{qt.q} {qt.year}"
    spec, fails = _report(ctx, qt, title, log_title + ".xlsx")
    written = min(last.reported + timedelta(days=6), ctx.now.date())
    times = (_when(ctx, written, 10), _when(ctx, written, 16))
    report = led.add(
        f"{folder}/Reports/{title}.docx",
        write_docx(spec.model_copy(update={"properties": ctx.props(title, me, *times, qt.river)})),
        purpose=f"Quarterly comparison of the {qt.river} results with {qt.regime['regulator']} standards",
        author=me,
        created=times[0],
        modified=times[1],
        project_id=plan.pid,
        sources=(
            (log, "input_to", "results by station and round"),
            *((c, "references", "laboratory certificate") for c in certs),
        ),
        archetype="monitoring_report",
    )
    led.facts[report] = {"samples": float(len(qt.rounds) * len(qt.stations)), "failures": float(fails)}
    _screening_note(ctx, qt, plan, log, written)


def _screening_note(ctx: GenerationContext, qt: Quarter, monitoring: ProjectPlan, log: str, after: date) -> None:
    """A screening note before a development (an EIA screening note in England, a Phase I ESA summary in the US),
    for a project that names one or for a consultant, quoting the worst station's results of the quarter."""
    plan = next((p for p in ctx.plans if p.folder and _SCREENING.search(f"{p.name} {p.focus}")), None)
    if plan is None and _CONSULTANT.search(ctx.persona.text):
        plan = monitoring
    if plan is None:
        return
    bank = research_bank()["monitoring"]["screening"]
    code = (ctx.persona.country_code or "").upper()
    note = bank.get(code) or bank["default"]
    rng = random.Random(f"{ctx.seed}|{ctx.persona.text}|env-screening")
    st = max(qt.stations, key=lambda s: s.pressure)
    words = {"river": qt.river, "station": st.sid, "station_name": st.name, "city": ctx.identity.city or "Town"}
    scheme = str(rng.choice(note["schemes"])).format_map(words)
    words["scheme"] = scheme
    title = str(note["title"]).format_map(words)
    facts: list[str] = []
    for std in qt.regime["standards"]:
        param = str(std["param"])
        if param not in ("ammonia", "ecoli", "phosphate"):
            continue
        results = [(qt.value(r, st.sid, param), r.day) for r in qt.rounds]
        value, day = max(results, key=lambda x: x[0])
        failed = sum(_fails(std, v) for v, _d in results)
        facts.append(
            f"{std['label']}: up to {_show(value, param)} ({day.isoformat()}) against {_limit_text(std)};"
            f" {failed} of {len(results)} samples failed."
        )
    when = min(after + timedelta(days=rng.randint(3, 20)), ctx.now.date())
    times = (_when(ctx, when, 9), _when(ctx, when, 15))
    spec = DocumentSpec(
        title=title,
        subtitle=f"{ctx.me}, {ctx.identity.org} · {when.isoformat()}",
        blocks=[
            Heading(text="1. Purpose"),
            Paragraph(text=str(note["regime"])),
            Heading(text="2. Sensitive receptors"),
            BulletList(items=[str(r).format_map(words) for r in note["receptors"]]),
            Heading(text=f"3. Baseline water quality at {st.sid}"),
            Paragraph(
                text=f"From our monitoring of the {qt.river} in Q{qt.q} {qt.year} ({len(qt.rounds)} rounds; full"
                f" results in {log.rsplit('/', 1)[-1]}), compared with the standards of {qt.regime['regulator']}:"
            ),
            BulletList(items=facts),
            Heading(text="4. Conclusion"),
            Paragraph(text=str(note["conclusion"])),
            Heading(text="5. Next steps"),
            BulletList(items=[str(n).format_map(words) for n in note["next"]]),
        ],
        properties=ctx.props(title, ctx.me, *times, scheme),
    )
    ctx.ledger.add(
        f"{plan.folder}/{title.replace('/', '-')}.docx",
        write_docx(spec),
        purpose=f"Screening of {scheme} with the {qt.river} baseline",
        author=ctx.me,
        created=times[0],
        modified=times[1],
        project_id=plan.pid,
        sources=((log, "references", "baseline water quality"),),
        archetype="site_screening_note",
    )
