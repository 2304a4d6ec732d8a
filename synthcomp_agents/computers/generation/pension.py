"""Background: the yearly pension statement a retiree keeps, from the scheme of the employer they retired from (a
police department's pension fund, a mine's retirement plan), or the survivor's pension of a widow or widower.

It is the paper that still names a retired person's working life: the employer, the job, the years served, sent to
their postal address.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from synthcomp_agents.office import DocProperties, DocumentSpec, Paragraph, Table, write_pdf

from .._content import fmt_num
from ..archetypes import per_euro
from .context import GenerationContext
from .identity import Identity

__all__ = ["build_pension_statement", "postal_line"]

_WIDOWED = re.compile(r"\b(widow|widower|widowed)\b", re.IGNORECASE)
_SCHEME = ("Pension Fund", "Retirement Plan", "Pension Scheme")


def postal_line(ident: Identity) -> str:
    """The user's postal address as a PDF can print it: the full line where its letters are Latin, else the town
    and country ("Osaka, Japan"; the PDF fonts draw no kanji or Hebrew)."""
    line = ident.home_address
    try:
        line.encode("cp1252")
    except UnicodeEncodeError:
        line = ""
    return line or ident.profile.location


def _scheme_of(employer: str, rng: random.Random) -> str:
    """The pension scheme of an employer, named after it ("Titusville Police Department Pension Fund")."""
    return f"{employer} {rng.choice(_SCHEME)}"


def build_pension_statement(ctx: GenerationContext) -> None:
    """One pension statement for the last full year, for a retiree whose career is on the profile (from their own
    stream: the other files stay as they were); a widowed persona's statement is of the survivor's pension paid
    after the spouse's death."""
    p, ident = ctx.persona, ctx.identity
    career = ident.profile.career_history
    if p.life_stage != "retiree" or not career:
        return
    rng = random.Random(f"pension statement|{ident.user.name}|{p.text}")
    job = career[-1]
    year = ctx.now.year - 1
    end = job.end_year or year
    found = _WIDOWED.search(p.text)
    widowed = found is not None
    # a survivor's pension comes from the public scheme the spouse paid into, not from the user's own employer
    scheme = f"Public Pension Office, {ident.city}" if widowed else _scheme_of(job.employer, rng)
    scale = per_euro(ident.currency)  # 2,200 a month in dollars or euros, 360,000 in yen
    monthly = round(rng.randint(9, 38) * 100 * (0.6 if widowed else 1.0) * scale)
    tax = round(monthly * rng.uniform(0.05, 0.18))
    rows = [
        [date(year, m, 1).strftime("%B %Y"), fmt_num(monthly), fmt_num(tax), fmt_num(monthly - tax)]
        for m in range(1, 13)
    ]
    rows.append(["Total", fmt_num(monthly * 12), fmt_num(tax * 12), fmt_num((monthly - tax) * 12)])
    cur = ident.currency
    address = postal_line(ident)
    if found is not None:
        word = found.group(1).casefold()
        benefit, late = {"widow": ("widow's", "her late husband"), "widower": ("widower's", "his late wife")}.get(
            word, ("survivor's", "the late spouse")
        )
        member = (
            f"Survivor's pension ({benefit} benefit) paid to {ident.user.name} following the death of the insured"
            f" member, {late}. Your own retirement pension is paid separately."
        )
    else:
        member = (
            f"Member: {ident.user.name}. Service with {job.employer}: {job.start_year} to {end} as {job.role}"
            f" ({max(1, end - job.start_year)} years of credited service). Pension in payment since {end}."
        )
    title = f"{scheme} – annual pension statement {year}"
    blocks: list[object] = [
        Paragraph(text=f"{ident.user.name} · {address}"),
        Paragraph(text=member),
        Table(header=["Month", f"Gross ({cur})", f"Tax withheld ({cur})", f"Paid ({cur})"], rows=rows),
        Paragraph(
            text=f"Keep this statement with your tax papers. Tell {scheme} within 30 days of any change of address"
            " or bank account."
        ),
    ]
    when = ctx.ledger.clock.leisure(date(year + 1, 1, rng.randint(10, 28)))
    if when > ctx.now:
        when = ctx.now - timedelta(days=rng.randint(2, 20))
    ctx.ledger.add(
        f"Documents/Home/Money/Pension statement {year}.pdf",
        write_pdf(
            DocumentSpec(
                title=title,
                blocks=blocks,
                properties=DocProperties(author=scheme, title=title, created=when, modified=when),
            )
        ),
        purpose="Annual pension statement",
        author=scheme,
        created=when,
        role="background",
        archetype="pension_statement",
    )
