"""Background: the yearly pension statement a retiree keeps, from the scheme of the employer they retired from (a
police department's pension fund, a mine's retirement plan), or the survivor's pension of a widow or widower.

It is the paper that still names a retired person's working life: the employer, the job, the years served, sent to
their postal address.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from synthcomp_agents.office import DocProperties, DocumentSpec, Paragraph, Table, write_docx, write_pdf
from synthcomp_agents.personas import Persona

from .._content import fmt_num
from .._locale import country_code_for
from ..archetypes import per_euro
from .context import GenerationContext
from .identity import Identity
from .text import safe_name

__all__ = ["build_pension_statement", "build_service_papers", "is_veteran", "postal_line"]

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


# -- a veteran's service papers ---------------------------------------------------------------------------------------

_MILITARY = re.compile(
    r"\b(navy|naval|army|marines?|marine corps|air force|raf|military|armed forces|war|wwii|ww2|sailor|soldier|"
    r"airman|paratrooper|commando|regiment|falklands?|vietnam|korea|gulf|afghanistan|iraq|northern ireland|combat|"
    r"deployed|aircraft carrier)\b",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"\b(veterans?|ex-servicem[ae]n|served|serving|fought|retired)\b", re.IGNORECASE)
_SOLDIERS = "sailor|soldier|marine|airman|paratrooper|commando|serviceman|servicewoman|pilot|infantryman"
# "a veteran journalist", "a veteran teacher": long in the job, no service (unless the next word is a soldier's)
_VETERAN_ADJ = re.compile(rf"\bveteran (?!(?:{_SOLDIERS}|of|in|from|who|living|and|with|now)\b)\w+", re.IGNORECASE)


def is_veteran(text: str) -> bool:
    """Whether the persona served in the armed forces: a service word beside a military one ("a Korean War
    veteran", "a retired sailor who served in the navy"), not "a veteran journalist" or "a waiter who served
    in a diner"."""
    if not _MILITARY.search(text) or not _SERVICE.search(text):
        return False
    return not (_VETERAN_ADJ.search(text) and not re.search(r"\b(served|fought)\b", text, re.IGNORECASE))


# (words, campaign, years, UK medal, US medal); first match wins
_CAMPAIGNS: tuple[tuple[str, str, tuple[int, int], str, str], ...] = (
    (r"falklands?|south atlantic", "the Falklands", (1982, 1982), "South Atlantic Medal", "South Atlantic Medal"),
    (r"wwii|ww2|world war (?:ii|2|two)|second world war", "the Second World War", (1942, 1945), "1939–45 Star",
     "World War II Victory Medal"),
    (r"korean? war|\bkorea\b", "the Korean War", (1950, 1953), "Korea Medal", "Korean Service Medal"),
    (r"vietnam", "Vietnam", (1966, 1970), "Vietnam Medal", "Vietnam Service Medal"),
    (r"gulf war|desert storm|kuwait", "the Gulf War", (1990, 1991), "Gulf Medal", "Southwest Asia Service Medal"),
    (r"northern ireland", "Northern Ireland", (1976, 1980), "General Service Medal (Northern Ireland)",
     "Armed Forces Service Medal"),
    (r"afghanistan|helmand", "Afghanistan", (2008, 2011), "Operational Service Medal (Afghanistan)",
     "Afghanistan Campaign Medal"),
    (r"\biraq\b", "Iraq", (2003, 2007), "Iraq Medal", "Iraq Campaign Medal"),
)  # fmt: skip
_SHIPS = {
    "GB": ("HMS Glamorgan", "HMS Invincible", "HMS Hermes", "HMS Broadsword", "HMS Plymouth", "HMS Avenger"),
    "US": ("USS Enterprise", "USS Nimitz", "USS Forrestal", "USS Midway", "USS Saratoga", "USS Ranger"),
}
_UNITS = {
    "GB": ("1st Battalion, Royal Anglian Regiment", "2nd Battalion, Parachute Regiment", "42 Commando"),
    "US": ("1st Cavalry Division", "101st Airborne Division", "3rd Infantry Division", "1st Marine Division"),
}


def _service_country(p: Persona, text: str) -> str:
    """Whose forces the persona served in: the words first (Royal Navy, US Army, the Falklands), then the country."""
    if re.search(r"\b(royal (navy|marines?|air force)|raf|british army|falklands?|northern ireland)\b", text, re.I):
        return "GB"
    if re.search(r"\b(us|u\.s\.|united states|american)\b|\bmarine corps\b|\bva\b", text, re.I):
        return "US"
    return p.country_code or ""


def build_service_papers(ctx: GenerationContext) -> None:
    """A veteran's service in their own files: the service record or discharge papers (the branch, the ship or unit,
    the campaign, the medal), the reunion or veterans' association letter, and a page of memoirs in their own words
    ("I served in the navy and fought in the Falklands"), named as their country names them (Royal Navy and the
    Veterans UK pension for a British sailor; the US Navy, the DD-214 and the VA for an American)."""
    p, ident = ctx.persona, ctx.identity
    text = p.text
    if not is_veteran(text):
        return
    rng = random.Random(f"service papers|{ident.user.name}|{text}")
    code = _service_country(p, text) or country_code_for(ident.country) or ""
    low = text.casefold()
    campaign = next((c for c in _CAMPAIGNS if re.search(c[0], low)), None)
    naval = re.search(r"\b(navy|naval|sailor|seaman|ship|carrier|submarine)\b", low) is not None
    marine = re.search(r"\bmarines?\b|marine corps", low) is not None
    air = re.search(r"\b(air force|raf|airman|pilot)\b", low) is not None
    if code == "GB":
        branch = "Royal Navy" if naval else "Royal Marines" if marine else "Royal Air Force" if air else "British Army"
    elif code == "US":
        branch = "US Navy" if naval else "US Marine Corps" if marine else "US Air Force" if air else "US Army"
    else:  # another country's forces: their own words, no British or American papers
        branch = "Navy" if naval else "Marines" if marine else "Air Force" if air else "Army"
    ship = None
    if naval and code in _SHIPS:
        named = re.search(r"\b((?:HMS|USS) [A-Z]\w+)", text)
        ship = named.group(1) if named else rng.choice(_SHIPS[code])
        if "carrier" in low and not named:
            ship = rng.choice(_SHIPS[code][:3])
    unit = ship or rng.choice(
        _UNITS.get(code, ("2nd Infantry Regiment", "3rd Signals Battalion", "1st Engineer Battalion"))
    )
    born = p.birth_year or (ctx.now.year - rng.randint(66, 80))
    first, last = campaign[2] if campaign else (born + 20, born + 24)
    joined = max(born + 17, first - rng.randint(1, 4))
    left = max(last + rng.randint(1, 6), joined + 3)
    medal = (campaign[3] if code == "GB" else campaign[4] if code == "US" else "campaign medal") if campaign else ""
    where = (
        campaign[1]
        if campaign
        else ("the Atlantic and Pacific fleets" if code == "US" else "home waters")
        if naval
        else "overseas postings"
    )
    kind_ship = " (aircraft carrier)" if ship and "carrier" in low else ""
    name = ident.user.name
    year = ctx.now.year
    # 1. the discharge papers, scanned
    record = {"GB": "Certificate of Service", "US": "DD Form 214 – Certificate of Release or Discharge"}.get(
        code, "Military service record"
    )
    rows = [
        ["Name", name],
        ["Service", branch],
        ["Rank on discharge", rng.choice(("Able Seaman", "Leading Hand", "Petty Officer") if naval and code == "GB"
                                         else ("Petty Officer 2nd Class", "Seaman") if naval
                                         else ("Corporal", "Sergeant", "Lance Corporal"))],
        ["Ship or unit", f"{unit}{kind_ship}"],
        ["Service", f"{joined} to {left} ({left - joined} years)"],
        ["Campaigns and operations", where],
        ["Medals", medal or {"GB": "General Service Medal", "US": "National Defense Service Medal"}.get(code, "")],
        ["Character on discharge", {"GB": "Exemplary", "US": "Honorable"}.get(code, "Good")],
    ]  # fmt: skip
    when = ctx.ledger.clock.leisure(ctx.now.date() - timedelta(days=rng.randint(200, 700)))
    title = f"{branch} – {record}"
    ctx.ledger.add(
        f"Documents/Military service/{'DD-214' if code == 'US' else 'Service record'} {last_name(name)} (scan).pdf",
        write_pdf(
            DocumentSpec(
                title=title,
                blocks=[
                    Paragraph(text=f"Military service record and discharge papers of {name}."),
                    Table(header=["", ""], rows=rows),
                    Paragraph(text=f"Discharged {left}. Service counts towards the {_pension_body(code)} pension."),
                ],
                properties=DocProperties(author=name, title=title, created=when, modified=when),
            )
        ),
        purpose="Service record and discharge papers (scanned)",
        author=name,
        created=when,
        role="background",
        archetype="service_record",
    )
    # 2. the reunion association's letter
    assoc = (
        f"{ship} Association" if ship and code == "GB" else f"{ship} Reunion Association" if ship
        else f"{campaign[1].removeprefix('the ')} Veterans' Association" if campaign and code == "GB"
        else f"Veterans of Foreign Wars, Post {rng.randint(1000, 9999)}" if code == "US"
        else "Royal British Legion, local branch" if code == "GB"
        else f"{ident.city} veterans' association"
    )  # fmt: skip
    reunion = ctx.now.date() + timedelta(days=rng.randint(40, 160))
    when2 = ctx.ledger.clock.leisure(ctx.now.date() - timedelta(days=rng.randint(10, 60)))
    spec = DocumentSpec(
        title=f"{assoc} – reunion {reunion.year}",
        blocks=[
            Paragraph(text=f"Dear {name.split()[0]},"),
            Paragraph(
                text=f"This year's reunion for veterans of {branch} service in {where} is on"
                f" {reunion.strftime('%d %B %Y')}. {'Shipmates' if ship else 'Comrades'} from {unit} have already"
                " booked; wives, husbands and families are welcome."
            ),
            Paragraph(
                text=f"Please bring your {medal or 'medals'} for the parade and any photographs of your service years"
                f" ({joined}–{left}) for the memory table."
            ),
            Paragraph(text=f"Secretary, {assoc}"),
        ],
        properties=DocProperties(author=assoc, title=f"{assoc} reunion", created=when2, modified=when2),
    )
    ctx.ledger.add(
        f"Documents/Military service/{safe_name(assoc, 50)} reunion {reunion.year}.docx",
        write_docx(spec),
        purpose="Reunion letter from the association",
        author=assoc,
        created=when2,
        role="background",
        archetype="association_letter",
    )
    # 3. a page of memoirs in the user's own words
    clause = re.search(r"\bwho (.+)$", text.strip().rstrip("."), re.I)
    own = f"I {clause.group(1)}." if clause else f"I am a {p.role or 'veteran'}."
    when3 = ctx.ledger.clock.leisure(ctx.now.date() - timedelta(days=rng.randint(20, 120)))
    memoir = DocumentSpec(
        title=f"My service years – memoirs for the grandchildren, {branch}",
        blocks=[
            Paragraph(text=own),
            Paragraph(
                text=f"I joined the {branch} in {joined}, at {joined - born}. "
                + (f"I went to sea in {ship}{kind_ship}. " if ship else f"I was posted to the {unit}. ")
                + (
                    f"In {first} came my first deployment, in {where}; I still think of the men we lost."
                    if campaign
                    else "Every deployment ended with the same long wait for letters from home."
                )
            ),
            Paragraph(
                text=f"When I left the service in {left} I kept my discharge papers and the {medal or 'medals'} in the"
                f" tin in the bedroom. Military life taught me to keep things in order. Written {year}."
            ),
        ],
        properties=DocProperties(author=name, title="My service years", created=when3, modified=when3),
    )
    ctx.ledger.add(
        "Documents/Military service/My service years - memoirs.docx",
        write_docx(memoir),
        purpose="Memoirs of military service and war years",
        author=name,
        created=when3,
        role="background",
        archetype="memoir_chapter",
    )


def _pension_body(code: str) -> str:
    return {"GB": "Armed Forces (Veterans UK)", "US": "VA (Department of Veterans Affairs) and military"}.get(
        code, "state military"
    )


def last_name(name: str) -> str:
    return name.split()[-1]
