"""Names, organisations and time zones per country, for the procedural generator.

People's names and default time zones come from :mod:`._locale` (Faker locales, CLDR); organisation names are
built here from fictional roots, trade words and the legal suffix usual in the country.
"""

from __future__ import annotations

import random
import re
import unicodedata

from ._locale import country_code_for, locale_for

__all__ = [
    "CITY_TZ",
    "COUNTRY_TZ",
    "LEGAL_PREFIXES",
    "SIZE_WORDS",
    "company_name",
    "counterpart_words",
    "domain_for",
    "person_name",
    "slug",
    "time_zone_for",
]


def _s(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_COUNTRY_GROUP = {
    "United States": "en", "United Kingdom": "en", "Canada": "en", "Australia": "en", "Ireland": "en",
    "Germany": "de", "Switzerland": "de", "France": "fr", "Spain": "es", "Mexico": "es", "Italy": "it",
    "Netherlands": "nl", "Sweden": "sv", "Brazil": "pt", "Portugal": "pt", "India": "in", "Japan": "ja",
    "China": "zh", "South Korea": "ko", "Poland": "pl", "South Africa": "za", "Singapore": "zh",
}  # fmt: skip
"""Legal-suffix group of the countries the generator has always known by name (others: by language, below)."""

_LANGUAGE_GROUP = {"de": "de", "fr": "fr", "es": "es", "it": "it", "nl": "nl", "sv": "sv", "pt": "pt", "ja": "ja",
                   "zh": "zh", "ko": "ko", "pl": "pl"}  # fmt: skip

COUNTRY_TZ: dict[str, str] = {
    "United States": "America/Chicago", "United Kingdom": "Europe/London", "Germany": "Europe/Berlin",
    "France": "Europe/Paris", "Spain": "Europe/Madrid", "Italy": "Europe/Rome", "Netherlands": "Europe/Amsterdam",
    "Sweden": "Europe/Stockholm", "Brazil": "America/Sao_Paulo", "Mexico": "America/Mexico_City",
    "Canada": "America/Toronto", "Australia": "Australia/Sydney", "India": "Asia/Kolkata", "Japan": "Asia/Tokyo",
    "Singapore": "Asia/Singapore", "South Africa": "Africa/Johannesburg", "Poland": "Europe/Warsaw",
    "Ireland": "Europe/Dublin", "Portugal": "Europe/Lisbon", "China": "Asia/Shanghai", "South Korea": "Asia/Seoul",
    "Switzerland": "Europe/Zurich",
}  # fmt: skip
"""Default IANA time zone per country."""

CITY_TZ: dict[str, str] = {
    "Houston": "America/Chicago", "Boston": "America/New_York", "Denver": "America/Denver",
    "Atlanta": "America/New_York", "Seattle": "America/Los_Angeles", "Columbus": "America/New_York",
    "Calgary": "America/Edmonton", "Vancouver": "America/Vancouver", "Halifax": "America/Halifax",
    "Montreal": "America/Toronto", "Perth": "Australia/Perth", "Adelaide": "Australia/Adelaide",
    "Brisbane": "Australia/Brisbane", "Melbourne": "Australia/Melbourne", "Curitiba": "America/Sao_Paulo",
    "Recife": "America/Recife", "Monterrey": "America/Monterrey",
}  # fmt: skip
"""City-level time zones where a country spans several."""

_ORG_ROOTS = _s(
    "Hartwell Northbridge Calder Meridian Ashford Brightwater Kestrel Alder Larkspur Redwood Halcyon Summit"
    " Clearwater Fenwick Harbour Granite Westmoor Oakridge Silverline Crestview Bluestone Marlow Pinecrest"
    " Lindqvist Vantage Sterling Beacon Corvid Everly Thornbury Holloway Ravensworth Quayside Millbrook"
)
_ORG_SUFFIX = {
    "en": ("Ltd", "Group", "Partners", "Inc.", "& Co."),
    "de": ("GmbH", "AG", "Gruppe"),
    "fr": ("SAS", "SA", "SARL"),
    "es": ("S.L.", "S.A.", "S.L.U."),
    "it": ("S.p.A.", "S.r.l."),
    "nl": ("B.V.", "Groep"),
    "sv": ("AB",),
    "pt": ("Ltda.", "S.A.", "Lda."),
    "in": ("Pvt Ltd", "Ltd"),
    "ja": ("K.K.", "Co., Ltd."),
    "zh": ("Co., Ltd.", "Group"),
    "ko": ("Co., Ltd.", "Corp."),
    "pl": ("Sp. z o.o.", "S.A."),
    "za": ("(Pty) Ltd", "Holdings"),
}
_LEGAL_FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "ID": (("CV {}", "PT {}"), ("PT {}",), ("PT {} Tbk", "PT {}")),
    "MY": (("{} Sdn. Bhd.", "{} Enterprise"), ("{} Sdn. Bhd.",), ("{} Berhad", "{} Sdn. Bhd.")),
    "PL": (("{} Sp. z o.o.", "{} s.c."), ("{} Sp. z o.o.",), ("{} S.A.", "{} Sp. z o.o.")),
    "PH": (("{} Inc.", "{} Enterprises"), ("{} Inc.", "{} Corp."), ("{} Corp.", "{} Inc.")),
    "VN": (("Công ty TNHH {}",), ("Công ty TNHH {}",), ("{} JSC", "Công ty TNHH {}")),
    "BR": (("{} Ltda.", "{} ME"), ("{} Ltda.",), ("{} S.A.", "{} Ltda.")),
    "MX": (("{} S. de R.L. de C.V.", "{} S.A. de C.V."), ("{} S.A. de C.V.",),
           ("{} S.A.B. de C.V.", "{} S.A. de C.V.")),
    "JP": (("{} Co., Ltd.", "{} G.K."), ("{} Co., Ltd.", "{} K.K."), ("{} K.K.", "{} Corporation")),
    "IN": (("{} Pvt. Ltd.", "{} LLP"), ("{} Pvt. Ltd.",), ("{} Ltd.", "{} Pvt. Ltd.")),
    "ZA": (("{} (Pty) Ltd", "{} CC"), ("{} (Pty) Ltd",), ("{} Ltd", "{} (Pty) Ltd")),
    "KE": (("{} Ltd",), ("{} Ltd", "{} Limited"), ("{} PLC", "{} Ltd")),
    "NG": (("{} Ltd", "{} Enterprises"), ("{} Ltd", "{} Limited"), ("{} Plc", "{} Ltd")),
    "TR": (("{} Ltd. Sti.",), ("{} Ltd. Sti.", "{} A.S."), ("{} A.S.",)),
    "CL": (("{} SpA", "{} Ltda."), ("{} SpA", "{} Ltda.", "{} S.A."), ("{} S.A.",)),
    "CO": (("{} S.A.S.", "{} Ltda."), ("{} S.A.S.",), ("{} S.A.", "{} S.A.S.")),
    "SG": (("{} Pte. Ltd.",), ("{} Pte. Ltd.",), ("{} Ltd.", "{} Pte. Ltd.")),
    "BD": (("{} Ltd.", "{} Enterprise"), ("{} Ltd.",), ("{} PLC", "{} Ltd.")),
    "PK": (("{} (Pvt.) Ltd.",), ("{} (Pvt.) Ltd.",), ("{} Ltd.", "{} (Pvt.) Ltd.")),
    "TH": (("{} Co., Ltd.", "{} Limited Partnership"), ("{} Co., Ltd.",), ("{} PCL", "{} Co., Ltd.")),
}  # fmt: skip
"""Legal forms firms use, by ISO country, for a small, an ordinary and a large firm; ``{}`` is the name, so a
prefix form reads "PT Kestrel Logistics" (Indonesia). Turkey's "A.Ş." and "Şti." are written "A.S." and "Sti." as
Turkish firms do in ASCII: the PDF writer's standard fonts draw no "Ş"; Vietnam's "Công ty TNHH" they do draw."""

LEGAL_PREFIXES = frozenset({"PT", "CV", "Công ty TNHH"})
"""Legal forms that lead a firm's name (the folder a user keeps is named after the word that follows)."""

SIZE_WORDS: dict[str, tuple[str, ...]] = {
    "small": ("small", "family-run", "family run", "family-owned", "family business", "independent", "local",
              "boutique", "two-person", "one-person", "sole trader", "start-up", "startup"),
    "large": ("large", "big", "multinational", "listed", "nationwide", "conglomerate"),
}  # fmt: skip
"""Words of a persona naming the size of its employer."""

_ORG_PREFIX = {"es": "Grupo", "fr": "Groupe", "it": "Gruppo", "pt": "Grupo"}
"""Where a group word leads the name (``Grupo Redwood``) rather than trailing it."""

INDUSTRY_SECTOR: dict[str, tuple[str, ...]] = {
    "healthcare": ("Health", "Hospital", "Clinic", "Care"), "pharma_biotech": ("Therapeutics", "Pharma", "Biosciences"),
    "technology": ("Software", "Labs", "Systems", "Digital"), "financial_services": ("Capital", "Bank", "Finance"),
    "insurance": ("Insurance", "Assurance", "Mutual"), "manufacturing": ("Manufacturing", "Industries", "Machinery"),
    "automotive": ("Automotive", "Motors", "Components"), "retail_ecommerce": ("Retail", "Stores", "Market"),
    "consumer_goods": ("Brands", "Foods", "Home"), "logistics_transport": ("Logistics", "Freight", "Transport"),
    "construction": ("Construction", "Engineering", "Build"), "energy_utilities": ("Energy", "Power", "Utilities"),
    "public_sector": ("Council", "Agency", "Authority"), "education": ("School", "Academy", "College"),
    "higher_education": ("University", "Institute", "College"), "nonprofit": ("Trust", "Foundation", "Charity"),
    "media_publishing": ("Media", "Press", "Publishing"), "hospitality_tourism": ("Hotels", "Hospitality", "Travel"),
    "real_estate": ("Properties", "Estates", "Real Estate"),
    "professional_services": ("Consulting", "Advisory", "Partners"),
    "telecommunications": ("Telecom", "Networks", "Connect"), "food_agriculture": ("Farms", "Foods", "Agri"),
}  # fmt: skip
"""Organisation-name words per industry id."""

_COUNTERPART_FAMILY: dict[str, tuple[str, ...]] = {
    "finance_accounting": ("Audit", "Advisory", "Leasing", "Capital"),
    "clinical_research": ("Clinical Research", "Labs", "Diagnostics", "Hospital", "Biosciences", "Medical Centre"),
    "nursing_care": ("Hospital", "Clinic", "Care", "Health", "Medical Supplies"),
    "medicine": ("Hospital", "Clinic", "Diagnostics", "Health", "Labs"),
    "software_engineering": ("Software", "Systems", "Cloud", "Data", "Networks"),
    "data_analytics": ("Data", "Analytics", "Software", "Insights"),
    "marketing": ("Creative", "Media", "Agency", "Communications", "Studio", "Digital"),
    "hr_people": ("Recruitment", "Staffing", "Training", "Benefits", "Payroll"),
    "education_teaching": ("School", "Academy", "Learning", "Education"),
    "academic_research": ("University", "Institute", "Labs", "Research"),
    "civil_structural_engineering": ("Construction", "Engineering", "Concrete", "Surveying", "Geotechnics"),
    "architecture": ("Construction", "Developments", "Engineering", "Interiors", "Surveying"),
    "product_management": ("Software", "Systems", "Digital", "Research"),
    "operations_logistics": ("Logistics", "Freight", "Transport", "Warehousing", "Packaging"),
    "journalism_communications": ("Media", "Press", "Communications", "Publishing"),
    "public_policy_government": ("Council", "Agency", "Authority", "Trust"),
    "parks_conservation": ("Outfitters", "Conservancy", "Field Station", "Trail Services", "Wildlife Trust"),
    "nonprofit_grants": ("Foundation", "Trust", "Charity", "Fund"),
    "real_estate_property": ("Properties", "Estates", "Facilities", "Construction", "Developments"),
    "hospitality_events": ("Catering", "Events", "Hotels", "Travel", "AV"),
    "manufacturing_quality": ("Castings", "Components", "Plastics", "Metals", "Coatings", "Testing"),
    "energy_utilities": ("Energy", "Power", "Grid", "Renewables", "Engineering"),
    "pharma_regulatory": ("Pharma", "Biosciences", "Clinical Research", "Labs"),
    "design_ux": ("Studio", "Design", "Digital", "Creative"),
    "insurance_actuarial": ("Insurance", "Reinsurance", "Assurance", "Actuarial"),
    "it_administration": ("Systems", "Networks", "Software", "Cloud", "IT Services"),
    "facilities_management": ("Facilities", "Cleaning", "Maintenance", "Security", "Catering"),
    "small_business": ("Wholesale", "Supplies", "Trading", "Distribution"),
}
"""Words in the names of the organisations a family deals with (suppliers, clients, partners, sites)."""

_SUPPLY_BY_INDUSTRY: dict[str, tuple[str, ...]] = {
    "manufacturing": ("Steel", "Metals", "Castings", "Packaging", "Freight", "Coatings", "Fasteners", "Plastics"),
    "automotive": ("Components", "Castings", "Plastics", "Electronics", "Freight", "Forgings"),
    "retail_ecommerce": ("Packaging", "Freight", "Trading", "Textiles", "Distribution"),
    "consumer_goods": ("Packaging", "Ingredients", "Freight", "Print", "Plastics"),
    "healthcare": ("Medical", "Surgical", "Medical Supplies", "Pharma", "Logistics"),
    "food_agriculture": ("Ingredients", "Packaging", "Cold Chain", "Freight", "Farms"),
    "pharma_biotech": ("Chemicals", "Packaging", "Labs", "Cold Chain"),
    "construction": ("Concrete", "Steel", "Timber", "Plant Hire", "Aggregates"),
    "energy_utilities": ("Cables", "Engineering", "Steel", "Electrical"),
}
"""Supplier words by industry, for families that buy or move goods."""

_BUYING_FAMILIES = frozenset({"procurement_supply_chain", "operations_logistics", "manufacturing_quality"})


def counterpart_words(family: str, industry: str | None) -> tuple[str, ...]:
    """Return name words fitting the organisations that ``family`` deals with in ``industry``.

    Example:
        >>> "Steel" in counterpart_words("procurement_supply_chain", "manufacturing")
        True
        >>> counterpart_words("clinical_research", "pharma_biotech")[0]
        'Clinical Research'
    """
    if family in _BUYING_FAMILIES and industry in _SUPPLY_BY_INDUSTRY:
        return _SUPPLY_BY_INDUSTRY[industry]
    if family in _COUNTERPART_FAMILY:
        return _COUNTERPART_FAMILY[family]
    if family == "procurement_supply_chain":
        return ("Supplies", "Packaging", "Freight", "Logistics", "Trading")
    return INDUSTRY_SECTOR.get(industry or "", ("Services", "Trading", "Supplies"))


_ORG_SECTOR = _s(
    "Logistics Health Systems Analytics Foods Engineering Energy Services Industries Labs Consulting Materials"
    " Components Technologies Solutions Supply Trading Digital Networks Instruments Packaging"
)


def _group(country: str | None) -> str:
    if country in _COUNTRY_GROUP:
        return _COUNTRY_GROUP[country]
    code = country_code_for(country)
    if code is None:
        return "en"
    return _LANGUAGE_GROUP.get(locale_for(code).babel_locale.split("_")[0], "en")


def person_name(rng: random.Random, country: str | None, taken: set[str] | None = None) -> str:
    """Return a plausible full name (Latin script) for someone living in ``country``, not in ``taken`` (updated).

    ``country`` is an ISO code or English name; names come from the country's Faker locale (see
    :meth:`LocaleInfo.person_name`), and from the United States' when the country is unknown.

    Example:
        >>> person_name(random.Random(1), "Germany") == person_name(random.Random(1), "DE")
        True
    """
    code = country_code_for(country) or "US"
    return locale_for(code).person_name(rng, taken)


_INSTITUTIONS = frozenset(
    {"University", "Institute", "College", "School", "Academy", "Council", "Agency", "Authority", "Trust",
     "Foundation", "Charity", "Hospital", "Clinic"}
)  # fmt: skip
"""Organisation words that name no firm: "Silverline University & Co." or "Lindqvist Charity Co., Ltd." is none."""


def company_name(
    rng: random.Random,
    country: str | None,
    sector: str | None = None,
    taken: set[str] | None = None,
    words: tuple[str, ...] = (),
    size: str = "",
) -> str:
    """Return a fictional organisation name with a legal form usual in ``country`` for a firm of ``size``
    ("small", "large" or "" for an ordinary one): "Calder Build Sp. z o.o." in Kraków, "PT Kestrel Logistics" in
    Jakarta, where the country's forms are known (:data:`_LEGAL_FORMS`), else its language's usual suffixes.

    ``sector`` fixes the business word; otherwise one of ``words`` (the trade of the organisation) is used, or a
    generic one when ``words`` is empty.

    Example:
        >>> company_name(random.Random(2), "France").split()[-1] in ("SAS", "SA", "SARL", "Groupe")
        True
        >>> company_name(random.Random(3), "Spain", words=("Steel",)).endswith(("S.L.", "S.A.", "S.L.U."))
        True
        >>> company_name(random.Random(3), "Malaysia").endswith("Sdn. Bhd.")
        True
    """
    taken = taken if taken is not None else set()
    group = _group(country)
    code = country_code_for(country)
    if code in _LEGAL_FORMS:
        forms = _LEGAL_FORMS[code][{"small": 0, "large": 2}.get(size, 1)]
    else:
        forms = tuple(f"{{}} {suffix}" for suffix in _ORG_SUFFIX[group])
    pool = words or _ORG_SECTOR
    roots = {_root_of(t) for t in taken}  # roots of the names taken (``taken`` grows only on return)
    for attempt in range(300):
        root = rng.choice(_ORG_ROOTS)
        word = sector if sector and attempt < 150 else rng.choice(pool)
        form = rng.choice(forms)
        name = form.format(f"{root} {word}" if rng.random() < 0.6 or attempt >= 100 else root)
        if group in _ORG_PREFIX and attempt < 100 and rng.random() < 0.12:
            name = f"{_ORG_PREFIX[group]} {root}"
        if word in _INSTITUTIONS:  # the same draws, but a university or a council has no legal form of a firm
            name = f"{root} {word}"
        if name not in taken and (root not in roots or attempt >= 100):
            taken.add(name)
            return name
    name = forms[0].format(f"{rng.choice(_ORG_ROOTS)} {rng.choice(pool)} {rng.choice(_ORG_ROOTS)}")
    taken.add(name)
    return name


def _root_of(name: str) -> str:
    """The first word of a firm's name after any legal form leading it ("PT Kestrel Foods" -> "Kestrel")."""
    for prefix in LEGAL_PREFIXES:
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1 :]
            break
    return name.split()[0] if name.split() else name


def slug(text: str, sep: str = "") -> str:
    """Return ASCII lower-case letters and digits of ``text`` joined by ``sep``.

    Example:
        >>> slug("Müller-Lüdenscheidt GmbH", ".")
        'muller.ludenscheidt.gmbh'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return sep.join(w for w in re.split(r"[^a-z0-9]+", ascii_text) if w)


def domain_for(org: str, country: str | None) -> str:
    """Return a fictional e-mail domain for an organisation (always under the reserved ``.example`` TLD).

    Example:
        >>> domain_for("Hartwell Logistics Ltd", "United Kingdom")
        'hartwell-logistics.example'
    """
    words = [w for w in slug(org, " ").split() if w not in _SUFFIX_WORDS]
    return "-".join(words[:2] or ["org"]) + ".example"


_SUFFIX_WORDS = {
    "ltd",
    "inc",
    "co",
    "group",
    "partners",
    "gmbh",
    "ag",
    "gruppe",
    "sas",
    "sa",
    "groupe",
    "s",
    "l",
    "grupo",
    "p",
    "a",
    "r",
    "spa",
    "srl",
    "b",
    "v",
    "groep",
    "ab",
    "ltda",
    "pvt",
    "k",
    "corp",
    "sp",
    "z",
    "o",
    "pty",
    "holdings",
    "u",
    "sarl",
    "lda",
    "gruppo",
    "pt",
    "cv",
    "tbk",
    "sdn",
    "bhd",
    "berhad",
    "enterprise",
    "enterprises",
    "cong",
    "ty",
    "tnhh",
    "jsc",
    "me",
    "de",
    "c",
    "llp",
    "g",
    "limited",
    "plc",
    "sti",
    "corporation",
    "pte",
    "pcl",
    "partnership",
}


def time_zone_for(country: str | None, city: str | None) -> str:
    """Return the IANA time zone of a city (or its country; UTC when unknown).

    Example:
        >>> time_zone_for("United States", "Seattle"), time_zone_for("Japan", None)
        ('America/Los_Angeles', 'Asia/Tokyo')
    """
    if city and city in CITY_TZ:
        return CITY_TZ[city]
    if country in COUNTRY_TZ:
        return COUNTRY_TZ[country]
    code = country_code_for(country)
    return locale_for(code).time_zone if code else "UTC"
