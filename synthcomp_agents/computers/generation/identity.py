"""Stage 1, profile: who the user is (name, place, employer, OS, career, habits) from the persona.

Example:
    >>> import random
    >>> from datetime import datetime, timezone
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> ident = build_identity(resolve_persona("A buyer in Stuttgart"), random.Random(1),
    ...                        datetime(2026, 1, 5, tzinfo=timezone.utc), None)
    >>> ident.country
    'Germany'
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from synthcomp_agents.disk import OSFlavor
from synthcomp_agents.personas import (
    COUNTRIES,
    INDUSTRIES,
    OCCUPATIONAL_FAMILIES,
    OccupationalFamily,
    Persona,
    country_cities,
    family_for_stage,
    fit_family,
    is_recent_graduate,
    localize_units,
    region_cities,
)

from .._blueprint import CareerEntry, DocumentHabits, EducationEntry, UserProfile
from .._content import Person
from .._locale import country_code_for, locale_for
from .._names import (
    INDUSTRY_SECTOR,
    LEGAL_PREFIXES,
    SIZE_WORDS,
    company_name,
    counterpart_words,
    domain_for,
    person_name,
    slug,
    time_zone_for,
)
from .role_focuses import role_family
from .text import cap, safe_name
from .workplace import Workplace, is_practice_doctor, local_practice_name, local_workplace_name, workplace_of

__all__ = ["Identity", "build_identity"]

_FALLBACK_COUNTRIES = (
    "United States",
    "United Kingdom",
    "Germany",
    "France",
    "Spain",
    "Netherlands",
    "Canada",
    "India",
    "Australia",
    "Ireland",
    "Italy",
    "Sweden",
)
_TECH = {"software_engineering", "data_analytics", "it_administration"}
_YEARS = {"intern": 0, "junior": 2, "mid": 5, "senior": 9, "lead": 11, "manager": 13, "director": 17, "executive": 22}
_MESSY = ("messy", "pile", "never deletes", "desktop", "screenshots of everything", "disorgani")
_TIDY = ("tidy", "organis", "organiz", "colour-coded", "color-coded", "folders by", "meticulous")


@dataclass
class Identity:
    """The user as the later stages need them: person, place, employer, OS, habits and the profile model."""

    persona: Persona
    family: OccupationalFamily
    country: str
    city: str
    currency: str
    cities: tuple[str, ...]
    org: str
    org_short: str
    domain: str
    os: OSFlavor
    username: str
    tidiness: str
    user: Person
    habits: DocumentHabits
    profile: UserProfile
    tz: ZoneInfo
    old_employer: str
    counterparts: tuple[str, ...]
    taken_people: set[str] = field(default_factory=set)
    taken_orgs: set[str] = field(default_factory=set)
    community: str = ""
    work_family: OccupationalFamily | None = None
    names_from: str = ""
    home_address: str = ""
    """The user's postal address in their own town and state, one line: on their letters and invoices."""
    """Country (name or ISO code) whose names the user's people carry: the persona's own, where the generator
    borrows another country's tables for the rest (Egypt's names, not the proxy country's)."""

    @property
    def doc_role(self) -> str:
        """The role the user's own documents give: a job seeker's own trade ("Teacher" for a former teacher
        between jobs, the post she applies for and her CV's headline), else the profile's role."""
        if self.persona.life_stage == "job_seeker" and (former := former_role(self.persona)) is not None:
            return cap(former[0])
        return self.user.role

    @property
    def doc_family(self) -> str | None:
        """The occupational family the user's own documents are of: a job seeker's own trade (a former teacher
        applies to schools, not charities), else the persona's family."""
        if self.persona.life_stage == "job_seeker" and (former := former_role(self.persona)) is not None:
            return former[1].id
        return self.persona.family

    @property
    def life_org(self) -> str:
        """The organisation the user's documents belong to now: the club or association of a retiree, a homemaker
        or a job seeker (never the former employer), else the employer."""
        return self.community or self.org


_PARTICLES = frozenset(
    {"la", "le", "les", "the", "st", "st.", "saint", "de", "du", "des", "der", "die", "das", "el", "los", "il", "lo"}
    | {"groupe", "grupo", "gruppo"}
)


def short_org(org: str) -> str:
    """The name a user gives their employer's folder: its first word, or its first two when the first is an article
    or a particle ("La Poste", "St Anne's", "The Grand"), never "La" or "The".

    Example:
        >>> short_org("Manchester City Council"), short_org("La Poste SA"), short_org("The Grand Hotel")
        ('Manchester', 'La Poste', 'The Grand')
    """
    for prefix in LEGAL_PREFIXES:  # "PT Kestrel Foods" is kept as "Kestrel"
        org = org.removeprefix(prefix + " ")
    words = org.split()
    if len(words) > 1 and words[0].casefold() in _PARTICLES:
        return " ".join(words[:2])
    return words[0] if words else org


def firm_size(text: str) -> str:
    """ "small" or "large" when the persona names its employer's size ("a small practice", "a multinational"), else
    "" (an ordinary firm).

    Example:
        >>> firm_size("An accountant at a small family-run firm in Lyon"), firm_size("An architect in Kraków")
        ('small', '')
    """
    low = f" {text.casefold()} "
    for size, words in SIZE_WORDS.items():
        if any(f" {w} " in low or f" {w}-" in low or f" {w}," in low for w in words):
            return size
    return ""


def _os_for(p: Persona, rng: random.Random, forced: OSFlavor | None) -> OSFlavor:
    if forced:
        return forced
    if p.family in _TECH:
        return rng.choice(["linux", "macos", "macos", "windows"])
    if p.family == "design_ux" or (p.interests and any("music" in i or "photo" in i for i in p.interests)):
        return rng.choice(["macos", "macos", "windows"])
    return rng.choice(["windows", "windows", "windows", "macos", "macos", "linux"])


def _tidiness(text: str, rng: random.Random) -> str:
    low = text.lower()
    if any(w in low for w in _MESSY):
        return "messy"
    if any(w in low for w in _TIDY):
        return "tidy"
    return rng.choice(["tidy", "average", "average", "messy"])


_BANDS_A = ("Iron", "Black", "Rust", "Hollow", "Grave", "Steel", "Crimson", "Northern", "Dead", "Wild", "Lost")
_BANDS_B = ("Harbour", "Anvil", "Static", "Wolves", "Engine", "Saints", "Horizon", "Lanterns", "Furnace", "Tide")
_TRADES = (
    ("plumb", "Plumbing & Heating"),
    ("electric", "Electrical"),
    ("weld", "Welding & Fabrication"),
    ("carpent", "Carpentry"),
    ("joiner", "Joinery"),
    ("roof", "Roofing"),
    ("paint", "Painting & Decorating"),
    ("mechanic", "Auto Repair"),
    ("builder", "Building Services"),
)


# the jobs a retiree or a parent at home once held: ordinary working lives, not "Retiree at Corvid Trust Ltd"; a
# persona who left school early had no desk job needing a degree
_PAST_WORK = ("skilled_trades", "operations_logistics", "hospitality_events", "customer_success_support",
              "small_business", "nursing_care", "education_teaching", "finance_accounting")  # fmt: skip
_NO_DEGREE = ("didn't finish", "did not finish", "dropped out", "no high school", "left school", "without a degree")


_FORMER = re.compile(
    r"\b(?:retired|former|ex-|semi-retired|now-retired|unemployed|laid-off|out-of-work)\s*", re.IGNORECASE
)


_CHANGING = re.compile(
    r"\b(?:changing careers?|career[- ]changer|switching careers?|retraining|moving (?:from \w+ )?into)\b", re.I
)


def former_role(p: Persona) -> tuple[str, OccupationalFamily] | None:
    """The job a retiree's or a job seeker's own words name ("a retired park ranger": park ranger, parks and
    conservation; "a former teacher between jobs": teacher, teaching), when the words name one the families know;
    None for "a retiree", "a grandmother", "a WWII veteran", "a job seeker in Madrid"."""
    from synthcomp_agents.personas import classify_persona

    if p.life_stage not in ("retiree", "job_seeker") or not p.role:
        return None
    job = _FORMER.sub("", p.role).strip()
    # a job seeker changing careers names the job they leave ("a software engineer changing careers into teaching")
    changing = p.life_stage == "job_seeker" and _CHANGING.search(p.text) is not None
    if not job or (job.casefold() == p.role.casefold() and not changing):
        return None
    found = classify_persona(job)
    if found.mapping_note or found.family in ("home_retirement_life", "student_life"):
        return None  # no occupational cue in the words: the career stays an ordinary working life
    return job, fit_family(OCCUPATIONAL_FAMILIES[found.family], job, job, p.country_code)  # a pharmacist's ladder


def _past_work(p: Persona, family: OccupationalFamily, rng: random.Random) -> OccupationalFamily:
    """The family whose roles fill the career of a life outside work (retiree, homemaker, job seeker): the retiree's
    own former job where the persona names it (a retired park ranger was a ranger, not a logistics coordinator)."""
    if family.id != "home_retirement_life":
        return family
    former = former_role(p)
    if former is not None:
        return former[1]
    if p.life_stage == "job_seeker":  # "used to work in tourism", "moving from retail into UX design"
        from .job_search import past_field

        field = past_field(p)
        if field is not None and field in OCCUPATIONAL_FAMILIES:
            return OCCUPATIONAL_FAMILIES[field]
    options = _PAST_WORK[:4] if any(w in p.text.lower() for w in _NO_DEGREE) else _PAST_WORK
    return OCCUPATIONAL_FAMILIES[rng.choice(options)]


# public bodies are named after their place, without a company's legal suffix ("Vantage SARL" is no hospital)
_PUBLIC_ORGS = {
    "hospital": ("{city} General Hospital", "{city} University Hospital", "{city} Regional Hospital"),
    "school": ("{city} Community School", "{city} High School", "{city} Primary School"),
    "university": ("University of {city}", "{city} University"),
    "council": ("{city} City Council", "{city} Borough Council"),
    "library": ("{city} Public Library", "{city} Central Library"),
    "museum": ("{city} City Museum", "{city} Museum of Art"),
}


# the public body a former job's family worked for (a retired teacher taught at schools)
_PAST_ORG_KIND = {"education_teaching": "school"}
# of the schools, the ones whose lesson plans for Years 7-12 fit (a primary school teaches no Year 12)
_PAST_ORGS = {"school": ("{city} Community School", "{city} High School")}
_PAST_TOWNS = ("Riverside", "Hillcrest", "Northgate", "Westbrook", "Oakfield", "Eastfield", "Southwood", "Lakeside")


def _past_public_org(kind: str, rng: random.Random, taken: set[str]) -> str:
    """An earlier employer of a public body's kind ("Oakfield Primary School"), not one already named."""
    for _ in range(8):
        org = rng.choice(_PAST_ORGS[kind]).format(city=rng.choice(_PAST_TOWNS))
        if org not in taken:
            break
    taken.add(org)
    return org


# a DJ, a producer or an orchestra's salaried player works for no band of their own
_NOT_BAND = re.compile(r"\b(dj|disc jockey|producer|orchestra|symphony|philharmonic|opera|ballet|theat\w*)\b", re.I)
_GIGGING = frozenset({"self_employed", "small_business_owner"})


def plays_in_band(p: Persona) -> bool:
    """Whether the persona is a gigging musician whose work is a band's (a punk guitarist, a bass player in a rock
    band, a drummer, a singer-songwriter with a band behind them): not a DJ or an orchestra's player.

    Example:
        >>> from synthcomp_agents.computers._procedural import resolve_persona
        >>> plays_in_band(resolve_persona("A bass player in a rock band in Manchester"))
        True
        >>> plays_in_band(resolve_persona("A violinist in a symphony orchestra"))
        False
    """
    if p.family != "music_performing_arts" or _NOT_BAND.search(f"{p.role or ''} {p.occupation or ''} {p.text}"):
        return False
    if plays_in_orchestra(p):
        return False  # a freelance violinist deputises in orchestras: no band
    return (p.org_type or "").casefold() == "band" or p.life_stage in _GIGGING


_SOLO = re.compile(
    r"\b(dj|disc jockey|deejay|turntablist|one-(?:man|woman|person) band|solo (?:[\w-]+ ){0,2}(act|artist|performer|"
    r"pianist|guitarist|musician|singer|singer-songwriter|songwriter|violinist|harpist|cellist|saxophonist|"
    r"trumpeter|accordionist|busker)|(?:performs|plays|gigs|tours|works) (?:mostly |alone and )?solo|plays alone)\b",
    re.I,
)
# a pianist or harpist who plays hotel bars, lounges or restaurants, with no trio or band named, plays alone
_LOUNGE = re.compile(
    r"^(?!.*\b(band|trio|quartet|quintet|duo|orchestra)\b).*\b(pianist|harpist)\b.*\b(hotels?|lounges?|bars|cocktail|"
    r"restaurants?)\b",
    re.I,
)
# an orchestra named in capitals: "the Vienna Philharmonic", "the Hallé Orchestra", "BBC Symphony Orchestra"
NAMED_ORCHESTRA = re.compile(
    r"\b(?:[A-Z][\w'.-]+ )+(?:Philharmonic|Philharmonia|Symphony Orchestra|Chamber Orchestra|Orchestra|Sinfonia|"
    r"Sinfonietta)(?: Orchestra)?\b"
)
_ORCHESTRAL = re.compile(
    r"\b(orchestras?|orchestral|philharmoni[ck]|symphony|sinfonia|conductor|cellist|violist|violinist|oboist|"
    r"bassoonist|flautist|flutist|clarinett?ist|harpist|timpanist|trombonist|hornist|horn player|double bassist|"
    r"principal (violin|cello|viola|oboe|flute|clarinet|bassoon|horn|trumpet|trombone))\b",
    re.I,
)
_POPULAR = re.compile(r"\b(band|rock|punk|metal|folk|pop|jazz|blues|country|bluegrass|fiddle|busk\w*)\b", re.I)


def plays_solo(p: Persona) -> bool:
    """Whether the persona is a solo act: a DJ or a musician who says it plays alone (a solo pianist in hotel
    lounges), whose gigs are booked, played and invoiced by one person, with nobody to split the fee with.

    Example:
        >>> from synthcomp_agents.computers._procedural import resolve_persona
        >>> plays_solo(resolve_persona("A wedding DJ in Ohio")), plays_solo(resolve_persona("A drummer in a band"))
        (True, False)
        >>> plays_solo(resolve_persona("A jazz pianist who plays hotel bars in Lisbon"))
        True
    """
    words = f"{p.role or ''} {p.occupation or ''} {p.text}"
    if not (_SOLO.search(words) or _LOUNGE.search(words)) or plays_in_orchestra(p):
        return False
    return p.family == "music_performing_arts" or re.search(r"\b(dj|disc jockey)\b", words, re.I) is not None


def plays_in_orchestra(p: Persona) -> bool:
    """Whether the persona plays classical music for a living: an orchestra's player, its conductor or music
    director, a freelance violinist or cellist who deputises (not a fiddler in a folk band, not a bus conductor).

    Example:
        >>> from synthcomp_agents.computers._procedural import resolve_persona
        >>> plays_in_orchestra(resolve_persona("A cellist in a symphony orchestra"))
        True
        >>> plays_in_orchestra(resolve_persona("A violinist in a folk band"))
        False
    """
    words = f"{p.role or ''} {p.occupation or ''} {p.text}"
    if not _ORCHESTRAL.search(words) or re.search(r"\b(dj|disc jockey)\b", words, re.I):
        return False
    if re.search(r"\b(orchestras?|orchestral|philharmoni[ck]|symphony|sinfonia)\b", words, re.I):
        return True  # the orchestra is named: its player, its conductor, its music director
    # a musician who names a classical instrument or conducts, with no band or popular style named (not a bus
    # conductor, a fiddler in a folk band or a jazz violinist)
    return p.family == "music_performing_arts" and not _POPULAR.search(words)


def band_name(rng: random.Random) -> str:
    """A band's name ("Crimson Horizon", "Rust Saints")."""
    return f"{rng.choice(_BANDS_A)} {rng.choice(_BANDS_B)}"


# the organisation a persona names by its kind ("a children's hospital", "the city orchestra", "a hardware store"):
# named as such organisations are, so the kind the persona gave reaches its letterheads, folders and signatures.
# Public bodies carry their town ("Sacramento Fire Department"), shops and trades their owner's name ("Frazier's
# Hardware Store"), firms a trade name ("Meridian Construction Company"); a German "Autohaus" puts its kind first
_PLACE_KINDS = frozenset(
    {"children's hospital", "teaching hospital", "clinic", "hospice", "nursing home", "care home", "police department",
     "police force", "fire department", "fire station", "orchestra", "choir", "theatre company", "theater company",
     "animal shelter", "homeless shelter", "food bank", "zoo", "prison", "court", "airport", "town hall",
     "city council", "boarding school", "grammar school", "secondary school", "community college", "kindergarten",
     "daycare", "theatre", "theater", "radio station", "newspaper", "mine", "coal mine"}
)  # fmt: skip
_OWNER_KINDS = frozenset(
    {"bakery", "cafe", "café", "coffee shop", "restaurant", "bar", "pub", "hardware store", "bookstore",
     "grocery store", "repair shop", "auto repair shop", "garage", "barbershop", "hair salon", "salon",
     "tattoo parlour", "tattoo parlor", "boxing gym", "gym", "pharmacy", "dental practice", "veterinary clinic",
     "food truck", "brewery", "winery", "distillery", "garden centre", "florist"}
)  # fmt: skip
_FIRM_KINDS = frozenset(
    {"construction company", "insurance company", "logistics company", "trucking company", "software company",
     "tech company", "airline", "plant", "factory", "mill", "shipyard", "refinery", "warehouse", "call centre",
     "call center", "publishing house", "game studio", "power plant", "fishing boat", "fishing fleet"}
)  # fmt: skip
_KIND_FIRST = frozenset({"autohaus", "bäckerei", "metzgerei", "gasthaus", "panadería", "boulangerie", "trattoria"})
_NATIONAL = frozenset({"central", "national", "federal", "reserve"})
_NOT_QUALIFIER = frozenset(
    {"a", "an", "the", "at", "in", "for", "of", "on", "his", "her", "their", "my", "our", "its", "own", "local",
     "small", "big", "large", "busy", "little", "new", "old", "nearby", "independent", "private", "public", "einem",
     "einer", "im", "bei", "der", "die", "das", "un", "una", "le", "la", "el", "runs", "owns", "works", "owner",
     "laid-off", "unemployed", "redundant", "former", "ex", "retired", "out-of-work"}
)  # fmt: skip
_EMBASSY_OF = ("Canada", "Ireland", "Australia", "New Zealand", "Sweden", "the Netherlands", "Norway", "Denmark")


def _kind_words(text: str, kind: str) -> tuple[str, str]:
    """The persona's own words for its organisation's kind: (the one word qualifying it, the kind as written), e.g.
    ("electronics", "plant") for "an electronics plant", ("", "Autohaus") for "in einem Autohaus"."""
    m = re.search(rf"(?:([\w'’-]+)\s+)?({re.escape(kind)})\b", text, re.IGNORECASE)
    if m is None:
        return "", kind
    before = m.group(1) or ""
    return ("" if before.casefold() in _NOT_QUALIFIER else before), m.group(2)


def _title(words: str) -> str:
    """Title case that keeps "children's" ("Children's", never "Children'S") and words already capitalised."""
    return " ".join(w if w[:1].isupper() else w[:1].upper() + w[1:] for w in words.split())


def org_of_kind(p: Persona, city: str, country: str, owner_last: str) -> str | None:
    """The employer's name for a persona naming its organisation's kind ("a pediatrician at a children's hospital in
    Boston": "Boston Children's Hospital"; "an economist at the central bank in Bogotá, Colombia": "Central Bank of
    Colombia"), drawn from its own stream; None when the kind is one the generic names already fit (a school, a
    bank, a start-up) or the persona names none.

    Example:
        >>> from synthcomp_agents.computers._generator import resolve_persona
        >>> p = resolve_persona("A firefighter in Sacramento, California")
        >>> org_of_kind(p, "Sacramento", "United States", "Lee")
        'Sacramento Fire Department'
    """
    kind = (p.org_type or "").casefold()
    if not kind:
        return None
    qualifier, written = _kind_words(p.text, kind)
    rng = random.Random(f"org of kind|{p.text}|{city}")
    if kind == "embassy":
        other = next(c for c in rng.sample(_EMBASSY_OF, len(_EMBASSY_OF)) if c.removeprefix("the ") != country)
        return f"Embassy of {other}, {city}"
    if qualifier.casefold() in _NATIONAL:
        return f"{_title(qualifier)} {_title(written)} of {country}"
    label = _title(f"{qualifier} {written}".strip())
    if kind in _KIND_FIRST:
        return f"{written[:1].upper()}{written[1:]} {owner_last}"
    if kind in _PLACE_KINDS:
        if kind in ("mine", "coal mine"):
            return f"{city} No. {rng.randint(2, 9)} Mine"  # a pit is named after its place and its number
        if kind in ("orchestra", "choir") and not qualifier:
            label = f"{rng.choice(('Symphony', 'Philharmonic', 'Chamber'))} {label}" if kind == "orchestra" else label
        return f"{city} {label}"
    if kind in _OWNER_KINDS:
        owners = f"{owner_last}'" if owner_last.endswith("s") else f"{owner_last}'s"  # "Santos' Restaurant"
        return rng.choice((f"{owners} {label}", f"{owner_last} {label}", f"{city} {label}"))
    if kind in _FIRM_KINDS:
        root = rng.choice(("Meridian", "Northstar", "Summit", "Harbor", "Crescent", "Pioneer", "Atlas", "Keystone"))
        if kind in ("fishing boat", "fishing fleet"):
            return f"{owner_last} Fisheries"  # the boat's owner trades under his name
        if kind in ("plant", "factory", "mill", "refinery", "warehouse", "power plant"):
            return f"{root} {_title(qualifier) or 'Industries'}"  # the firm runs the plant; its trade is in its name
        if kind == "airline":
            return f"{root} {label.replace('Airline', 'Airlines')}" if qualifier else f"{root} Airlines"
        return f"{root} {label}"
    return None


_ESTATES: dict[str, tuple[str, ...]] = {
    "DE": ("Weingut {last}", "Weingut {last}"),
    "AT": ("Weingut {last}", "Weingut {last}"),
    "FR": ("Domaine {last}", "Château {last}"),
    "ES": ("Bodegas {last}", "Bodega {last}"),
    "AR": ("Bodega {last}", "Finca {last}"),
    "CL": ("Viña {last}", "Bodega {last}"),
    "IT": ("Cantina {last}", "Azienda Agricola {last}"),
    "PT": ("Quinta {last}", "Quinta do {last}"),
    "": ("{last} Vineyards", "{last} Estate Wines", "{last} Family Wines"),
}


_WORKPLACE_WORDS = re.compile(
    r"\b(bistro|brasserie|trattoria|osteria|diner|pizzeria|steakhouse|gastropub|restaurant|caf[eé]|coffee shop|"
    r"pub|bar|salon|barbershop|bakery|garage|shop|store)\b",
    re.IGNORECASE,
)
_SIGNS = ("Copper Pot", "Olive Tree", "Blue Door", "Corner", "Harbour", "Green Fig", "Red Lion", "Old Mill", "Larder")


def _names_kind(p: Persona) -> bool:
    """Whether the persona's own words name its workplace's kind ("a salon in Dublin"), not only its role."""
    return bool(p.org_type) and re.search(rf"\b{re.escape(p.org_type or '')}\b", p.text, re.I) is not None


def workplace_name(p: Persona, place: Workplace, city: str, owner: str) -> str:
    """The name over a small workplace's door: "Harris Motors", "Le Bistro Moreau", "Corner Coffee", "Baxter
    Electrical Ltd"; the persona's own word for it ("a busy Lyon bistro") where it gives one.

    Example:
        >>> from synthcomp_agents.computers._generator import resolve_persona
        >>> from .workplace import workplace_of
        >>> p = resolve_persona("A chef in a busy Lyon bistro")
        >>> "Bistro" in workplace_name(p, workplace_of(p), "Lyon", "Moreau")
        True
    """
    rng = random.Random(f"workplace name|{p.text}|{city}")
    sign = rng.choice(_SIGNS)
    owners = f"{owner}'" if owner.endswith("s") else f"{owner}'s"  # "Parkes' Café", never "Parkes's"
    said = _WORKPLACE_WORDS.search(p.text)
    if said is not None:
        word = _title(said.group(1).casefold())
        if p.country_code in ("FR", "BE") and word in ("Bistro", "Brasserie", "Café", "Cafe"):
            return rng.choice((f"Le {word} {owner}", f"{word} du {sign.split()[-1]}", f"Chez {owner}"))
        if p.country_code == "IT" and word in ("Trattoria", "Osteria", "Pizzeria"):
            return f"{word} da {owner}"
        return rng.choice((f"{owners} {word}", f"The {sign} {word}", f"{city} {word}"))
    legal = {"GB": " Ltd", "IE": " Ltd", "US": " LLC", "AU": " Pty Ltd", "CA": " Inc."}.get(p.country_code or "", "")
    if place.kind == "garage":
        return rng.choice((f"{owner} Motors", f"{city} Auto Centre", f"{owner} & Sons Garage"))
    if place.kind == "kitchen":
        return rng.choice((f"The {sign}", f"{owners} Kitchen", f"{sign} Restaurant"))
    if place.kind == "cafe":
        return rng.choice((f"{sign} Coffee", f"{owners} Café", f"The {sign} Café"))
    if place.kind == "bar":
        return rng.choice((f"The {sign}", f"{sign} Bar"))
    if place.kind == "salon":
        return rng.choice((f"{owner} Hair", f"{sign} Hair Studio", f"{owners} Salon"))
    if place.kind == "bakery":
        return rng.choice((f"{owners} Bakery", f"{sign} Bakery"))
    if place.kind == "shop":
        return rng.choice((owners, f"{sign} Stores"))
    return f"{owner} {place.trade}{legal}"


def practice_name(p: Persona, city: str) -> str:
    """A GP's employer: a practice, a surgery or a health centre, never a hospital group.

    Example:
        >>> from synthcomp_agents.computers._generator import resolve_persona
        >>> practice_name(resolve_persona("A general practitioner in Leeds"), "Leeds").endswith(
        ...     ("Practice", "Surgery", "Health Centre", "Medical Centre"))
        True
    """
    local = local_practice_name(p.country_code, city, p.text)  # no "Station Road Surgery" in Lyon or Ohio
    if local:
        return local
    rng = random.Random(f"practice name|{p.text}|{city}")
    street = rng.choice(
        ("Park Road", "Church Street", "Riverside", "Elm Grove", "Station Road", "Hillview", "Oakfield")
    )
    return rng.choice((f"{street} Medical Practice", f"{street} Surgery", f"{city} {street} Health Centre",
                       f"{street} Medical Centre"))  # fmt: skip


def _own_business(p: Persona, name: str, rng: random.Random) -> str | None:
    """What a self-employed person's files name as their business: a band, a farm, a trade business, a studio;
    None for everyone else (an employer's name is drawn for them)."""
    solo = plays_solo(p)
    if (p.org_type or "").casefold() == "band" and plays_in_band(p) and not solo:  # a member works for their band
        return band_name(rng)
    if p.life_stage not in ("self_employed", "small_business_owner", "business_owner"):
        return None
    first, last = name.split()[0], name.split()[-1]
    low = f"{p.role or ''} {p.occupation or ''}".lower()
    if p.family == "music_performing_arts":
        if not solo and any(w in low for w in ("band", "metal", "rock", "punk", "guitar", "drum", "bass")):
            return band_name(rng)
        return f"{first} {last} Music"  # a solo act plays under their own name
    if p.family == "agriculture_farming":
        from .farm_bees import is_beekeeper
        from .farm_vines import is_vineyard

        if is_beekeeper(p.text):  # a beekeeper's business is named for its honey
            return rng.choice((f"{last} Apiaries", f"{last} Honey", f"{last} Bee Farm"))
        if is_vineyard(p.text):  # a wine estate as its country names one: "Weingut Jacob", "Bodega Benitez"
            return rng.choice(_ESTATES.get(p.country_code or "", _ESTATES[""])).format(last=last)
        return rng.choice((f"{last} Farm", f"{last} Family Farms", f"{last} Bros. Farm"))
    if p.family == "skilled_trades":
        trade = next((t for w, t in _TRADES if w in low), "Services")
        return f"{last} {trade}"
    if p.family == "creative_arts_writing":
        return f"{first} {last} Studio"
    return None


_GROUP = re.compile(
    r"((?:[\w'’-]+ ){0,3})(club|society|association|choir|group|church|league|guild|circle|congregation|committee"
    r"|band|orchestra|team|trust|allotments?)\b",
    re.IGNORECASE,
)
_NOT_NAME = frozenset(
    {"a", "an", "the", "his", "her", "their", "my", "our", "local", "of", "at", "in", "for", "on", "with", "who",
     "and", "runs", "joins", "sings", "plays", "volunteers", "is", "was", "secretary", "treasurer", "chair",
     "chairs", "member", "belongs", "to", "organises", "organizes", "active", "leads", "helps", "from", "by"}
)  # fmt: skip
_NOT_WORKING = frozenset({"retiree", "homemaker", "job_seeker", "volunteer"})
_NOT_EMPLOYED = frozenset({"retiree", "homemaker", "job_seeker"})


# the social club a country's retirees belong to, named as theirs are (Spain's "hogar del jubilado" in every town)
_RETIREES_CLUBS = {"ES": "Hogar del Jubilado de {city}"}


def community_name(p: Persona, city: str) -> str:
    """The club or association a non-working persona's community documents belong to, from its own words ("his
    local model railway club" in Derby -> "Derby Model Railway Club"); "" for a working persona."""
    if p.life_stage not in _NOT_WORKING:
        return ""
    m = _GROUP.search(p.text)
    if m is None and p.life_stage == "retiree" and p.country_code in _RETIREES_CLUBS:
        return _RETIREES_CLUBS[p.country_code].format(city=city)  # a Spanish retiree's own club
    if m is None:
        return f"{city} Community Association"
    words = m.group(1).split()
    while words and words[0].casefold() in _NOT_NAME:
        words.pop(0)
    kept = [w for w in words if w.casefold() not in _NOT_NAME] if len(words) > 1 else words
    head = " ".join(w if w[:1].isupper() else w.capitalize() for w in [*kept, m.group(2)])
    return head if head.split()[0].casefold() == city.casefold() else f"{city} {head}"


_YEARS_AWAY = re.compile(
    r"\bafter (\w+) years? (?:of )?(?:at home|caring|looking after|raising|away|out of work|off)", re.I
)
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_NUMBER_WORDS = {w: k for k, w in enumerate(f"{_NUMBERS} seventeen eighteen nineteen twenty".split())}


def _career_for_life(
    p: Persona, career: list[CareerEntry], org: str, city: str, year: int, rng: random.Random
) -> tuple[list[CareerEntry], str]:
    """The career as the persona's life allows: a retiree's and a job-seeker's jobs have ended, a student has had
    none, nobody worked before 16 or before the records begin (1950). Returns (career, what the profile names as
    the user's organisation)."""
    stage = p.life_stage
    if stage == "student":
        named = re.search(r"\bUniversity of [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*", p.text)
        if named:
            return [], named.group(0)  # the university the persona names ("the University of Texas")
        if p.org_type in ("university", "boarding school", "grammar school", "secondary school", "community college"):
            return [], org  # the school of the kind the persona names ("a boarding school in Kent")
        school = "High School" if re.search(r"\bhigh[\s-]?school\b", p.text, re.IGNORECASE) else "College"
        return [], f"{city} {school}"
    if stage not in ("retiree", "job_seeker", "homemaker"):
        return career, org
    if stage == "job_seeker" and is_recent_graduate(f"{p.role or ''} {p.text}"):
        return [], "Looking for work"  # a first job is what a recent graduate is looking for: none behind them
    if stage == "retiree":
        born = p.birth_year or year - rng.randint(66, 78)
        last = min(year - 1, max(born + 60, 1952))
    else:
        # a homemaker stopped a while ago; a job seeker's last job ended as the search began (five to eight months
        # back: a layoff, then the claim and the applications), unless their words say years away
        last = year - rng.randint(1, 3) if stage == "homemaker" else year - 1
        away = _YEARS_AWAY.search(p.text)  # "returning to work after ten years caring for her children"
        if stage == "job_seeker" and away is not None:
            n = away.group(1).casefold()
            # the years away run to the search, which began last year or so: ten years back from there
            last = year - 1 - (int(n) if n.isdigit() else _NUMBER_WORDS.get(n, year - last - 1))
    shift = last - year
    out: list[CareerEntry] = []
    for entry in career:
        start = max(entry.start_year + shift, 1950, (p.birth_year or 1900) + 16)
        end = min((entry.end_year if entry.end_year is not None else year) + shift, last)
        if end >= start:
            out.append(entry.model_copy(update={"start_year": start, "end_year": end}))
    label = {"retiree": "Retired", "job_seeker": "Looking for work", "homemaker": "Home"}[stage]
    return out, f"{label} (formerly {org})" if out else label


def _same_language_country(code: str | None) -> str | None:
    """The supported country whose main language is the official language of the country ``code`` (Taiwan ->
    China, Austria -> Germany, Argentina -> Spain); None when none shares it."""
    if not code:
        return None
    from babel.languages import get_official_languages

    try:
        languages = [lang.split("_")[0] for lang in get_official_languages(code, de_facto=True)]
    except (KeyError, ValueError):
        return None
    for lang in languages:
        for name, info in COUNTRIES.items():
            if info.locale.split("_")[0] == lang:
                return name
    return None


def _territory_currency(code: str | None) -> str:
    """The ISO currency of the country ``code`` (EUR when unknown)."""
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(code or "", tender=True) if code else []
    return found[0] if found else "EUR"


def build_identity(p: Persona, rng: random.Random, now: datetime, forced_os: OSFlavor | None) -> Identity:
    """Decide the user's identity from the persona (seeded by ``rng``)."""
    family = family_for_stage(p.family, p.life_stage, f"{p.role or ''} {p.occupation} {p.text}")
    proxy = None if p.country in COUNTRIES else _same_language_country(p.country_code)
    country = p.country if p.country and p.country in COUNTRIES else proxy or rng.choice(_FALLBACK_COUNTRIES)
    c = COUNTRIES[country]
    # a country without its own name tables (Taiwan, Austria, Greece, Vietnam) borrows names from one sharing its
    # language (or a fallback), but the user still lives there: place, time zone and currency are the persona's own
    abroad = bool(p.country and p.country_code and p.country not in COUNTRIES)
    shown = (p.country or country) if abroad else country
    # units by country: acres and bushels in the US, tonnes per hectare in Sweden, the UK's acres with tonnes
    code = p.country_code or country_code_for(shown)
    # the persona's own trade and country: a pharmacist's ladder, a CM1 class in Lyon, a carte Vitale, not Medicare
    family = localize_units(fit_family(family, p.role or p.occupation, p.text, code), code)
    family = role_family(family, p.text)  # a wedding photographer's counterparts and software, not a novelist's
    # a persona in a US state lives in one of its towns ("Kentucky" is not "Columbus, Kentucky"); a persona of a
    # country without name tables in one of its own largest cities (never Beijing for Taiwan)
    in_region = region_cities(p.country_code or "", p.region) if p.region and not p.city else ()
    if abroad and not in_region and not p.city and not p.region:
        in_region = country_cities(p.country_code or "")
    town = rng.choice(in_region) if in_region else None
    # a region outside the US (whose gazetteer towns are not keyed by region) is named as the place ("Penang,
    # Malaysia", "Bavaria, Germany"), never a city elsewhere ("Hamburg, Bavaria")
    region_town = p.region if p.region and p.country_code != "US" else None
    city = p.city or (town[0] if town else region_town or rng.choice(c.cities))
    taken_people: set[str] = set()
    taken_orgs: set[str] = set()
    # people are named as in the place they live: an Egyptian name in Cairo, never the proxy country's (a Dutch name)
    names_from = p.country_code if abroad and p.country_code else country
    name = person_name(rng, names_from, taken_people)
    sector = rng.choice(INDUSTRY_SECTOR.get(p.industry, ("Group",)))
    counterparts = tuple(counterpart_words(p.family, p.industry))
    own_trade = INDUSTRY_SECTOR.get(p.industry, ())
    # a firm has the legal form usual where the user lives ("Sp. z o.o." in Kraków, "PT ..." in Jakarta), for its
    # size when the persona names it; never the proxy country's (a Dutch "B.V." in Kuala Lumpur)
    org = company_name(rng, names_from, sector=sector, taken=taken_orgs, size=firm_size(p.text))
    own = _own_business(p, name, rng)
    if own and p.org_type in ("fishing boat", "fishing fleet"):  # a fisherman's business is his boat, not a farm
        own = org_of_kind(p, city, shown, name.split()[-1])
    org = own or org
    # a former teacher's schools: the job the persona names had a public body's employers, not a "Larkspur AG"
    past_kind = _PAST_ORG_KIND.get(former[1].id, "") if (former := former_role(p)) else ""
    if not own and p.org_type in _PUBLIC_ORGS:
        org = rng.choice(_PUBLIC_ORGS[p.org_type]).format(city=city)
    elif not own and not p.org_type and past_kind:
        org = rng.choice(_PAST_ORGS[past_kind]).format(city=city)
    elif not own and (shop := workplace_of(p)) is not None:
        # an employee's garage or kitchen is its owner's, never named after the employee; its suppliers are the trade's
        owner = person_name(random.Random(f"workplace owner|{p.text}|{city}"), names_from, {name}).split()[-1]
        kind_named = org_of_kind(p, city, shown, owner) if _names_kind(p) else None
        # in its country's words where it names one ('Bäckerei Schulz', 'Ramen Kimura'), not an English pub's sign
        local = local_workplace_name(p.country_code, shop.kind, owner, city, p.text)
        org = local or kind_named or workplace_name(p, shop, city, owner)
        counterparts = shop.counterparts
    elif not own and is_practice_doctor(p):
        org = practice_name(p, city)
    elif not own:
        org = org_of_kind(p, city, shown, name.split()[-1]) or org
    orchestra = NAMED_ORCHESTRA.search(p.text) if not own and plays_in_orchestra(p) else None
    if orchestra:  # "a second violinist in the Vienna Philharmonic" works for it, not for an "Oakridge Press GmbH"
        org = orchestra.group(0).strip()
    taken_orgs.add(org)
    domain = domain_for(org, country)
    os_name = _os_for(p, rng, forced_os)
    first, last = name.split()[0], name.split()[-1]
    username = (slug(first) or "user") if os_name == "macos" else (slug(first)[:1] + slug(last)) or "user"
    if p.life_stage in _NOT_EMPLOYED:  # no employer's address any more: a personal mailbox of the country
        domain = locale_for(p.country_code or country_code_for(shown) or "US").mail_domain(rng)
    email = f"{slug(first, '')}.{slug(last, '')}@{domain}"
    tidiness = _tidiness(p.text, rng)
    years_exp = _YEARS[p.seniority] + rng.randint(0, 4)
    if p.birth_year is not None:  # a career starts after school, never before the persona was 16
        years_exp = max(0, min(years_exp, now.year - p.birth_year - 18))
    start_here = now.year - rng.randint(1, min(6, max(1, years_exp)) if years_exp else 1)
    work = _past_work(p, family, rng)
    in_band = own is not None and plays_in_band(p)
    career: list[CareerEntry] = []
    year = now.year - years_exp
    for level in ("junior", "mid", "senior"):
        if year + 2 >= start_here:
            break
        nxt = min(start_here, year + rng.randint(2, 5))
        career.append(
            CareerEntry(
                # a musician played in other bands before this one, never for a "Group" or "Ltd"
                employer=band_name(rng)
                if in_band
                else _past_public_org(past_kind, rng, taken_orgs)
                if past_kind
                else company_name(rng, names_from, taken=taken_orgs, words=own_trade),
                role=cap(rng.choice(work.roles[level])),
                start_year=year,
                end_year=nxt,
            )
        )
        year = nxt
    old_employer = (
        career[-1].employer
        if career
        else band_name(rng)
        if in_band
        else company_name(rng, names_from, taken=taken_orgs, words=own_trade)
    )
    role = cap(p.role or p.occupation)
    former = former if work is not family else None
    last_role = role if work is family else cap(former[0]) if former else cap(rng.choice(work.roles["senior"]))
    career.append(CareerEntry(employer=org, role=last_role, start_year=start_here))
    career, employer = _career_for_life(p, career, org, city, now.year, rng)
    education: list[EducationEntry] = []
    if p.life_stage == "job_seeker":  # a CV of the search states the degree behind it
        from .job_search import education_for

        home_cities = tuple(name for name, _tz in country_cities(p.country_code or "") if abroad) or tuple(c.cities)
        education = education_for(p, career, (city, *home_cities), now.year)
    community = community_name(p, city)
    user = Person(name, role, email, community or org)  # a retiree's organisation now is his club
    habits = DocumentHabits(
        tidiness=tidiness,
        naming_pattern={"tidy": "<YYYY-MM-DD>_<Topic>_v<N>", "average": "<Topic> <Mon YYYY>", "messy": "<topic> final"}[
            tidiness
        ],
        versioning_style={"tidy": "_v2", "average": "_v2 / _final", "messy": "v2, FINAL"}[tidiness],
        archiving_habit={
            "tidy": "moves closed projects to Archive/<YYYY> each January",
            "average": "archives now and then",
            "messy": "never archives; old versions pile up",
        }[tidiness],
        desktop_clutter={"tidy": "low", "average": "medium", "messy": "high"}[tidiness],
    )
    tools = list(family.tools)
    rng.shuffle(tools)
    jargon = list(family.jargon)
    rng.shuffle(jargon)
    distinct = p.region and p.region.casefold().replace("i\u0307", "i") not in (city.casefold(), shown.casefold())
    place = f"{city}, {p.region}, {shown}" if distinct and p.region not in (city, shown) else f"{city}, {shown}"
    styles = [
        "Plans the week on Monday morning and blocks focus time.",
        "Works in short bursts between meetings; answers e-mail in batches.",
        "Keeps a running to-do list and reviews it every evening.",
    ]
    profile = UserProfile(
        name=name,
        role=role,
        employer=employer,
        industry=INDUSTRIES[p.industry].label,
        seniority=p.seniority,
        location=place,
        time_zone=town[1] if town and town[1] else time_zone_for(shown, city),
        os=os_name,
        username=username[:32],
        email=email,
        career_history=career,
        education=education,
        skills=[cap(j) for j in jargon[:5]] + [cap(m) for m in family.key_metrics[:2]],
        tools_used=tools[:5],
        working_style=cap(p.text.split(";")[-1].strip().rstrip(".")) + "." if ";" in p.text else rng.choice(styles),
        document_habits=habits,
    )
    return Identity(
        persona=p,
        family=family,
        country=country,
        city=city,
        currency=_territory_currency(p.country_code) if abroad else c.currency,
        cities=tuple(name for name, _tz in country_cities(p.country_code or "") if abroad) or tuple(c.cities),
        community=community,
        work_family=work,
        names_from=names_from,
        org=org,
        org_short=safe_name(org if own or workplace_of(p) else short_org(org), 30),  # "Parkes' Café", not "Parkes'"
        domain=domain,
        os=os_name,
        username=username[:32],
        tidiness=tidiness,
        user=user,
        habits=habits,
        profile=profile,
        tz=ZoneInfo(profile.time_zone),
        old_employer=old_employer,
        counterparts=counterparts,
        taken_people=taken_people,
        taken_orgs=taken_orgs,
        home_address=_home_address(code, p.region, city, name, shown),
    )


_UK_NATIONS = frozenset({"Scotland", "Wales", "Northern Ireland", "England"})


def _home_address(code: str | None, region: str | None, town: str, name: str, country: str = "") -> str:
    """The user's postal address, one line, in their own town and state ("12 Elm St, Dayton, OH 45402"), drawn
    from its own stream (the identity's choices stay as they were); empty for a country the locale does not know.
    Outside the US the line ends with the country, as letterheads, invoices and CVs write it ("..., Bogotá 523290,
    Colombia"), a UK nation as the Scots write theirs ("..., Aberdeen, AB11 9YF, Scotland")."""
    try:
        loc = locale_for(code or "", region)
    except (KeyError, ValueError):
        return ""
    line = loc.home_address(random.Random(f"home address|{name}|{town}"), town, one_line=True)
    place = region if code == "GB" and region in _UK_NATIONS else country
    if code != "US" and place and not line.endswith(place):
        line = f"{line}, {place}"
    return line
