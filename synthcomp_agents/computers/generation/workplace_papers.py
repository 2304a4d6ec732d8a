"""Stage 5, the papers of a small workplace's employee: what a mechanic, a line cook or a barista keeps of the job.

Not a project pack: the weekly time sheets they fill in, the payslips the employer sends, the workplace's own daily
log as they keep it (the job cards, the fridge and freezer temperature log, the patch-test record), the week's rota
with their workmates, and the training certificate the job asks for. Each names the workplace, its boss and its
people; the hours on a month's time sheets are the hours its payslip pays.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from synthcomp_agents.office import (
    ColumnSpec,
    DocProperties,
    DocumentSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_pdf,
    write_xlsx,
)

from .._content import fmt_num
from ..archetypes import per_euro
from .context import GenerationContext
from .pension import postal_line
from .workplace import Workplace, workplace_of
from .workplace_mail import WorkplacePapers, write_workplace_mail

__all__ = ["build_workplace_papers", "rota_words"]

# the deductions on a payslip where the user lives: (income tax, social insurance, pension) and their rough rates
_DEDUCTIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "GB": (("PAYE income tax", 0.12), ("National Insurance", 0.08), ("Workplace pension", 0.05)),
    "IE": (("PAYE", 0.14), ("PRSI", 0.04), ("USC", 0.03)),
    "US": (("Federal income tax", 0.10), ("Social Security", 0.062), ("Medicare", 0.0145), ("State income tax", 0.03)),
    "AU": (("PAYG withholding", 0.15),),
    "CA": (("Income tax", 0.15), ("CPP", 0.0595), ("EI", 0.0163)),
    "FR": (("Cotisations sociales", 0.22), ("Prélèvement à la source", 0.05)),
    "DE": (("Lohnsteuer", 0.12), ("Sozialversicherung", 0.20)),
}
_DEFAULT = (("Income tax", 0.12), ("Social insurance", 0.09))
_SHIFTS = ("07:00-15:00", "08:00-16:30", "10:00-18:00", "12:00-20:30", "15:00-23:00", "off")
_WORK_SHIFTS = ("07:00-15:00", "08:00-16:30", "10:00-18:00", "12:00-20:30", "15:00-23:00")
# the training certificate the job asks for where it is not the British one
_LOCAL_CERTIFICATES = {
    ("kitchen", "US"): "ServSafe Food Handler",
    ("cafe", "US"): "ServSafe Food Handler",
    ("bakery", "US"): "ServSafe Food Handler",
    ("kitchen", "AU"): "Food Safety Supervisor (SITXFSA005)",
    ("cafe", "AU"): "Food Safety Supervisor (SITXFSA005)",
    ("kitchen", "FR"): "Formation hygiène alimentaire (HACCP)",
    ("cafe", "FR"): "Formation hygiène alimentaire (HACCP)",
    ("kitchen", "IE"): "Food Safety Level 2 (FSAI guidance)",
    ("garage", "US"): "ASE Certification – Brakes (A5)",
    ("garage", "AU"): "Certificate III in Light Vehicle Mechanical Technology",
    ("salon", "US"): "State cosmetology licence renewal",
    ("bar", "US"): "TIPS responsible alcohol service",
    ("bar", "AU"): "Responsible Service of Alcohol (RSA)",
    ("kitchen", "DE"): "Belehrung nach § 43 Infektionsschutzgesetz",
    ("cafe", "DE"): "Belehrung nach § 43 Infektionsschutzgesetz",
    ("bakery", "DE"): "Belehrung nach § 43 Infektionsschutzgesetz",
    ("bar", "DE"): "Belehrung nach § 43 Infektionsschutzgesetz",
    ("kitchen", "AT"): "Hygieneschulung nach Lebensmittelhygieneverordnung",
    ("kitchen", "ES"): "Certificado de manipulador de alimentos",
    ("cafe", "ES"): "Certificado de manipulador de alimentos",
    ("bakery", "ES"): "Certificado de manipulador de alimentos",
    ("bar", "ES"): "Certificado de manipulador de alimentos",
    ("kitchen", "IT"): "Attestato HACCP (alimentarista)",
    ("cafe", "IT"): "Attestato HACCP (alimentarista)",
    ("bakery", "FR"): "Formation hygiène alimentaire (HACCP)",
    ("bar", "FR"): "Permis d'exploitation (formation)",
    ("kitchen", "JP"): "Food hygiene supervisor course (shokuhin eisei sekininsha)",
    ("cafe", "JP"): "Food hygiene supervisor course (shokuhin eisei sekininsha)",
    ("kitchen", "CA"): "Food Handler Certification",
    ("cafe", "CA"): "Food Handler Certification",
}
_SHIFT_WORK = frozenset({"kitchen", "cafe", "bar", "salon", "bakery", "shop"})


def build_workplace_papers(ctx: GenerationContext) -> None:
    """The employee's time sheets, payslips, daily log, rota and training certificate, in the workplace's folder."""
    place = workplace_of(ctx.persona)
    if place is None:
        return
    rng = random.Random(f"workplace papers|{ctx.persona.text}|{ctx.seed}")
    ident = ctx.identity
    root = f"{ctx.layout.work_root}"
    rate = round(rng.uniform(11.5, 19.5) * per_euro(ident.currency), 2)
    code = ctx.persona.country_code or "GB"
    boss = ctx.team.people[0]
    today = ctx.now.date()
    # the last three full months: each month's time sheets, then its payslip
    months: list[date] = []
    cursor = date(today.year, today.month, 1)
    for _ in range(3):
        cursor = (cursor - timedelta(days=1)).replace(day=1)
        months.insert(0, cursor)
    # the employer's own time sheets are the ones kept: no second "Admin/Timesheets" from the life documents
    ctx.project_kinds.add("timesheet")
    papers = WorkplacePapers()
    for first in months:
        hours = _timesheets(ctx, rng, root, first, rate, boss.name)
        slip = _payslip(ctx, rng, root, first, hours, rate, code)
        if slip is not None:
            papers.payslips.append(slip)
    papers.log = _daily_log(ctx, rng, root, place, today)
    if place.kind in _SHIFT_WORK:
        papers.rota = _rota(ctx, rng, root, today)
        papers.word = rota_words(ctx.persona.country_code, today)[0]
    papers.certificate = _certificate(ctx, rng, root, place, today)
    # the job's mail: the rota and a swap, the payslips, a supplier's substitution, the certificate for the file
    write_workplace_mail(ctx, place, papers)


def _timesheets(ctx: GenerationContext, rng: random.Random, root: str, first: date, rate: float, boss: str) -> float:
    """One time sheet a week for the weeks ending in the month; the month's hours."""
    clock, cur = ctx.ledger.clock, ctx.identity.currency
    total = 0.0
    day = first + timedelta(days=(6 - first.weekday()) % 7)  # the first Sunday: a week ends on it
    while day.month == first.month:
        rows: list[list[str | float | int | None]] = []
        week = 0.0
        for k in range(7):
            d = day - timedelta(days=6 - k)
            if rng.random() < 0.3:
                continue  # a day off
            start = rng.choice((7, 8, 9, 10, 12, 15))
            length = rng.choice((6.0, 7.5, 8.0, 8.5, 9.0, 10.0))
            brk = 30 if length >= 6 else 0
            end_h = start + length + brk / 60
            finish = f"{int(end_h) % 24:02d}:{round((end_h % 1) * 60):02d}"
            rows.append([d.isoformat(), d.strftime("%a"), f"{start:02d}:00", finish, brk, length])
            week += length
        rows.append(["Total", "", "", "", None, week])
        rows.append(["Rate", "", "", "", None, rate])
        rows.append(["Gross", "", "", "", None, round(week * rate, 2)])
        total += week
        title = f"Timesheet – {ctx.me}, week ending {day.isoformat()}"
        when = clock.leisure(day)
        spec = SpreadsheetSpec(
            sheets=[
                SheetSpec(
                    name="Week",
                    columns=[
                        ColumnSpec(header="Date", number_format="yyyy-mm-dd"),
                        ColumnSpec(header="Day"),
                        ColumnSpec(header="Start"),
                        ColumnSpec(header="Finish"),
                        ColumnSpec(header="Break (min)"),
                        ColumnSpec(header=f"Hours (rate {cur} {rate:.2f}/h; approved by {boss})", number_format="0.00"),
                    ],
                    rows=rows,
                )
            ],
            properties=ctx.props(title, ctx.me, when, when, ctx.identity.org),
        )
        if when < ctx.now:
            ctx.ledger.add(
                f"{root}/Timesheets/Timesheet w-e {day.isoformat()}.xlsx",
                write_xlsx(spec),
                purpose="Weekly time sheet for the boss to approve",
                author=ctx.me,
                created=when,
                role="background",
                archetype="timesheet",
            )
        day += timedelta(days=7)
    return total


def _payslip(
    ctx: GenerationContext, rng: random.Random, root: str, first: date, hours: float, rate: float, code: str
) -> tuple[str, date, float, str] | None:
    """The month's payslip from the employer: hours times the rate, the deductions where the user lives, net pay."""
    ident = ctx.identity
    cur = ident.currency
    gross = round(hours * rate, 2)
    lines = [[f"Basic pay ({fmt_num(hours)} h at {rate:.2f})", f"{gross:,.2f}", ""]]
    taken = 0.0
    for label, share in _DEDUCTIONS.get(code, _DEFAULT):
        amount = round(gross * share, 2)
        taken += amount
        lines.append([label, "", f"{amount:,.2f}"])
    net = round(gross - taken, 2)
    lines.append(["Net pay", f"{net:,.2f}", ""])
    month = first.strftime("%B %Y")
    paid = (first.replace(day=28) + timedelta(days=rng.randint(0, 3))).isoformat()
    word = "Pay stub" if code in ("US", "CA") else "Payslip"
    title = f"{ident.org} – {word.lower()} {month}"
    blocks: list[object] = [
        Heading(text=f"{word} – {month}", level=1),
        Paragraph(text=f"Employer: {ident.org}. Employee: {ctx.me}, {ident.user.role}. {postal_line(ident)}"),
        Paragraph(text=f"Employee no. {rng.randint(100, 999)}. Pay date {paid}. Paid by bank transfer."),
        Table(header=["Item", f"Payments ({cur})", f"Deductions ({cur})"], rows=lines),
        Paragraph(text="Please check your hours against your time sheets and tell the office of any difference."),
    ]
    nxt = (first + timedelta(days=32)).replace(day=1)
    when = ctx.ledger.clock.leisure(nxt + timedelta(days=rng.randint(0, 4)))
    if when >= ctx.now:
        return None
    path = ctx.ledger.add(
        f"{root}/{word}s/{word} {first.strftime('%Y-%m')}.pdf",
        write_pdf(
            DocumentSpec(
                title=title,
                blocks=blocks,
                properties=DocProperties(author=ident.org, title=title, created=when, modified=when),
            )
        ),
        purpose="Monthly payslip from the employer",
        author=ident.org,
        created=when,
        role="background",
        archetype="payslip",
    )
    return path, first, hours, paid


def _daily_log(ctx: GenerationContext, rng: random.Random, root: str, place: Workplace, today: date) -> tuple[str, str]:
    """The workplace's own log as the user keeps it: two weeks of it up to a few days ago."""
    title, header = place.log
    people = [ctx.me, *(p.name for p in ctx.team.people if p.org == ctx.identity.life_org)]
    initials = ["".join(w[0] for w in n.split()) for n in people]
    fahrenheit = ctx.persona.country_code == "US"
    if fahrenheit:  # an American kitchen reads its fridges in °F
        header = tuple(h.replace("°C", "°F") for h in header)
    rows: list[list[str | float | int | None]] = []
    end = today - timedelta(days=rng.randint(2, 6))
    start = end - timedelta(days=13)
    job = rng.randint(2100, 8800)
    for k in range(14):
        d = (start + timedelta(days=k)).isoformat()
        who = rng.choice(initials)
        if place.kind in ("kitchen", "cafe", "bakery"):
            for check in ("Opening", "Closing"):
                for unit, lo, hi in (("Walk-in fridge", 1.0, 4.5), ("Prep fridge", 1.5, 5.0), ("Freezer", -22, -18)):
                    t = round(rng.uniform(lo, hi), 1)
                    t = round(t * 9 / 5 + 32, 1) if fahrenheit else t
                    rows.append([d, check, unit, t, "Yes", who])
        elif place.kind == "bar":
            rows.append(
                [d, "Opening", round(rng.uniform(10, 13), 1), rng.choice(("Yes", "No")), rng.randint(0, 4), who]
            )
        elif place.kind == "shop":
            expected = round(rng.uniform(600, 2400) * per_euro(ctx.identity.currency), 2)
            diff = rng.choice((0.0, 0.0, -0.5, 1.2, -5.0))
            rows.append([d, rng.choice(("Till 1", "Till 2")), expected, round(expected + diff, 2), diff, who])
        elif place.kind == "salon":
            service = rng.choice(("Full head colour", "Root tint", "Balayage", "Toner", "Highlights"))
            formula = rng.choice(("6/0 + 6% 1:1", "7/1 + 9% 1:1.5", "8/03 + 6%", "5/0 + 20 vol", "9/1 toner 1:2"))
            client = f"{rng.choice('ABCDEFGHJKLMNPRST')}. {rng.choice(('Byrne', 'Kelly', 'Walsh', 'Smith', 'Nolan'))}"
            rows.append([d, client, service, formula, "Negative, 48 h", who])
        elif place.kind == "garage":
            for _ in range(rng.randint(1, 3)):
                job += 1
                area, age = rng.choice(("AB", "BK", "FD", "LN", "YX")), rng.randint(10, 74)
                reg = f"{area}{age} {rng.choice(('KTR', 'ZPL', 'HWE', 'MJC'))}"
                work = rng.choice(
                    (
                        "Full service",
                        "MOT + brake pads",
                        "Timing belt and water pump",
                        "Clutch replacement",
                        "Diagnostics: EML on",
                        "Front discs and pads",
                        "Tyres x2 + tracking",
                    )
                )
                parts = rng.choice(("Oil filter, 5W-30 x5 l", "Brake pads front", "Timing belt kit", "Clutch kit",
                                    "-", "Discs and pads", "2 x 205/55 R16"))  # fmt: skip
                rows.append([f"J{job}", d, reg, work, rng.choice((1.0, 1.5, 2.0, 3.5, 4.0)), parts, who])
        elif (start + timedelta(days=k)).weekday() == 6:
            continue  # no site work on a Sunday
        else:
            job += 1
            site = rng.choice(place.rows[1])
            work = rng.choice(("First fix", "Second fix", "Consumer unit change", "Fault finding", "Testing and "
                               "certification", "Remedial works", "Snagging"))  # fmt: skip
            used = rng.choice(("2.5mm T&E x 50 m", "RCBO x 4", "Back boxes x 12", "LED downlights x 8", "-",
                               "Consumer unit (10-way)", "Fixings and clips"))  # fmt: skip
            rows.append([f"JS{job}", d, site, work, rng.choice((4.0, 6.5, 8.0, 9.0)), used, who])
    saved = ctx.ledger.clock.at(end, 17)
    spec = SpreadsheetSpec(
        sheets=[SheetSpec(name=title[:31], columns=[ColumnSpec(header=h) for h in header], rows=rows)],
        properties=ctx.props(f"{ctx.identity.org} – {title}", ctx.me, saved, saved, ctx.identity.org),
    )
    path = ctx.ledger.add(
        f"{root}/{title} {end.strftime('%Y-%m-%d')}.xlsx",
        write_xlsx(spec),
        purpose=f"The {title.lower()} kept at work",
        author=ctx.me,
        created=saved,
        role="background",
        archetype="work_log",
    )
    return path, title


def rota_words(country_code: str | None, monday: date) -> tuple[str, str, str]:
    """What the week's shifts are called where the user works, the file's title and its folder: an American or
    Canadian café works to a schedule, an Australian one to a roster, a British one to a rota.

    Example:
        >>> rota_words("US", date(2026, 1, 12))
        ('Schedule', 'Schedule week of 2026-01-12', 'Schedules')
        >>> rota_words("GB", date(2026, 1, 12))
        ('Rota', 'Rota w-c 2026-01-12', 'Rota')
    """
    code = (country_code or "").upper()
    if code in ("US", "CA"):
        return "Schedule", f"Schedule week of {monday.isoformat()}", "Schedules"
    if code in ("AU", "NZ"):
        return "Roster", f"Roster w-c {monday.isoformat()}", "Rosters"
    return "Rota", f"Rota w-c {monday.isoformat()}", "Rota"


def _rota(ctx: GenerationContext, rng: random.Random, root: str, today: date) -> tuple[str, list[list[str]], list[str]]:
    """Next week's rota with the user and their workmates, as the boss sent it round."""
    monday = today + timedelta(days=7 - today.weekday())
    mates = [p for p in ctx.team.people if p.org == ctx.identity.life_org]
    names = [ctx.me, *(p.name for p in mates[1:])]
    days = [(monday + timedelta(days=k)).strftime("%a %d") for k in range(7)]
    rows: list[list[str | float | int | None]] = []
    for name in names:
        shifts = [rng.choice(_WORK_SHIFTS) for _ in range(7)]
        for k in rng.sample(range(7), 2):
            shifts[k] = "off"
        rows.append([name, *shifts])
    boss = ctx.team.people[0].name
    when = min(ctx.ledger.clock.leisure(today - timedelta(days=rng.randint(1, 3))), ctx.now - timedelta(hours=2))
    word, title, folder = rota_words(ctx.persona.country_code, monday)
    spec = SpreadsheetSpec(
        sheets=[
            SheetSpec(name=word, columns=[ColumnSpec(header="Name"), *(ColumnSpec(header=d) for d in days)], rows=rows)
        ],
        properties=ctx.props(title, boss, when, when, ctx.identity.org),
    )
    # the boss's rota is the one the employee keeps: no second, other-staffed "Rotas/Rota w-c ..." from the life
    # documents beside it
    ctx.project_kinds.add("shift_rota")
    path = ctx.ledger.add(
        f"{root}/{folder}/{title}.xlsx",
        write_xlsx(spec),
        purpose=f"Next week's {word.lower()} from the boss",
        author=boss,
        created=when,
        role="background",
        archetype="shift_rota",
    )
    return path, [[str(x) for x in row] for row in rows], days


def _certificate(
    ctx: GenerationContext, rng: random.Random, root: str, place: Workplace, today: date
) -> tuple[str, str, date, str]:
    """The training certificate the job asks for, issued to the user by a training provider."""
    issued = today - timedelta(days=rng.randint(120, 900))
    certificate = _LOCAL_CERTIFICATES.get((place.kind, ctx.persona.country_code or ""), place.certificate)
    if place.kind == "trade" and ctx.persona.country_code == "US":
        certificate = "OSHA 10-Hour Construction Safety"  # no British wiring regulations in Texas
    provider = rng.choice(("Skills Training Centre", "Trade Skills Academy", "Hospitality Training Partnership"))
    provider = f"{ctx.identity.city} {provider}"
    title = f"Certificate – {certificate}"
    blocks: list[object] = [
        Heading(text="Certificate of achievement", level=1),
        Paragraph(text=f"This is to certify that {ctx.me} of {ctx.identity.org} has successfully completed"),
        Heading(text=certificate, level=2),
        Paragraph(
            text=f"Awarded on {issued.isoformat()} by {provider}. Certificate no. {rng.randint(100000, 999999)}."
            f" Recommended refresher by {(issued + timedelta(days=3 * 365)).isoformat()}."
        ),
    ]
    when = ctx.ledger.clock.leisure(issued + timedelta(days=rng.randint(1, 10)))
    path = ctx.ledger.add(
        f"{root}/Training/{certificate[:60]} certificate.pdf",
        write_pdf(
            DocumentSpec(
                title=title,
                blocks=blocks,
                properties=DocProperties(author=provider, title=title, created=when, modified=when),
            )
        ),
        purpose="Training certificate kept for the employer's records",
        author=provider,
        created=when,
        role="background",
        archetype="training_certificate",
    )
    return path, certificate, issued, provider
