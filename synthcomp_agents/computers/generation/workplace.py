"""The small workplace an employee works in: a garage, a restaurant kitchen, a café, a salon, a small contractor.

A motor mechanic, a line cook, a barista or a hairdresser on a payroll works in a place of a dozen people, not an
office: no HR, R&D or Sales department, no steering group. What their workplace is decides the boss they answer to
(the workshop manager, the head chef, the salon owner), the firms they deal with (a motor factor, a fish supplier,
a hair wholesaler), the rows their sheets keep (ramps and bays, kitchen sections, stylists' chairs) and the papers
of their job (job cards, time sheets, the fridge temperature log, the rota, payslips, a training certificate).

Example:
    >>> from synthcomp_agents.computers._generator import resolve_persona
    >>> workplace_of(resolve_persona("A line cook in Chicago")).kind
    'kitchen'
    >>> workplace_of(resolve_persona("A data analyst in Leeds")) is None
    True
    >>> workplace_of(resolve_persona("An office manager at a small family business in Leeds")) is None
    True
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from synthcomp_agents.personas import Persona, project_setting

__all__ = ["Workplace", "is_practice_doctor", "local_practice_name", "local_workplace_name", "workplace_of"]


@dataclass(frozen=True)
class Workplace:
    """What a small workplace is to the employee who works there.

    Attributes:
        kind: ``garage``, ``kitchen``, ``cafe``, ``bar``, ``salon``, ``bakery``, ``shop`` or ``trade``.
        bosses: Who the employee answers to, one drawn ("Workshop manager", "Head chef").
        counterparts: The trade words of the firms the workplace buys from ("Motor Factors", "Seafood").
        rows: (noun, names) of the things its sheets are kept by (ramps and bays, kitchen sections).
        trade: The trade word a contractor or garage is named after ("Electrical", "Motors").
        log: (title, columns) of the job's own daily log (the job cards, the fridge temperature log).
        certificate: The training certificate the job asks for ("Level 2 Food Hygiene").
    """

    kind: str
    bosses: tuple[str, ...]
    counterparts: tuple[str, ...]
    rows: tuple[str, tuple[str, ...]]
    trade: str
    log: tuple[str, tuple[str, ...]]
    certificate: str


_KITCHEN_LOG = (
    "Fridge and freezer temperature log",
    ("Date", "Check", "Unit", "Temp (°C)", "Within limit", "Initials"),
)
_PLACES: dict[str, Workplace] = {
    "garage": Workplace(
        "garage",
        ("Workshop manager", "Garage owner", "Service manager"),
        ("Motor Factors", "Auto Parts", "Tyres", "Car Parts"),
        ("bay", ("Ramp 1", "Ramp 2", "Ramp 3", "MOT bay", "Tyre bay", "Diagnostics bay", "Valeting bay")),
        "Motors",
        ("Job cards", ("Job no.", "Date", "Registration", "Work done", "Labour (h)", "Parts", "Technician")),
        "Vehicle technician Level 3 (IMI)",
    ),
    "kitchen": Workplace(
        "kitchen",
        ("Head chef",),  # a cook answers to the head chef; a head chef to the owner (below)
        ("Fresh Produce", "Seafood", "Meats", "Dairy", "Foods", "Wines"),
        ("section", ("Grill", "Larder", "Pastry", "Sauce section", "Fish section", "Veg prep", "Pass")),
        "Kitchen",
        _KITCHEN_LOG,
        "Level 2 Food Hygiene and Safety for Catering",
    ),
    "cafe": Workplace(
        "cafe",
        ("Café manager", "Café owner", "Shift supervisor"),
        ("Coffee Roasters", "Dairy", "Bakery", "Foods"),
        ("station", ("Espresso bar", "Counter", "Takeaway window", "Kitchen", "Terrace", "Cake cabinet")),
        "Coffee",
        _KITCHEN_LOG,
        "Level 2 Food Hygiene and Safety",
    ),
    "bar": Workplace(
        "bar",
        ("Bar manager", "Licensee", "General manager"),
        ("Brewery", "Wines", "Drinks", "Foods"),
        ("bar", ("Main bar", "Back bar", "Cellar", "Beer garden", "Function room")),
        "Bar",
        ("Cellar log", ("Date", "Check", "Cellar temp (°C)", "Lines cleaned", "Kegs changed", "Initials")),
        "Award for Personal Licence Holders",
    ),
    "salon": Workplace(
        "salon",
        ("Salon owner", "Salon manager"),
        ("Hair Supplies", "Beauty Wholesale", "Professional Haircare"),
        ("chair", ("Chair 1", "Chair 2", "Chair 3", "Colour bar", "Backwash", "Reception")),
        "Hair",
        ("Patch test and colour record", ("Date", "Client", "Service", "Colour formula", "Patch test", "Stylist")),
        "Level 3 Diploma in Hair Colouring",
    ),
    "bakery": Workplace(
        "bakery",
        ("Head baker", "Bakery owner", "Shop manager"),
        ("Flour Mills", "Dairy", "Foods", "Packaging"),
        ("line", ("Bread", "Viennoiserie", "Cakes", "Savouries", "Shop counter", "Wholesale orders")),
        "Bakery",
        _KITCHEN_LOG,
        "Level 2 Food Hygiene and Safety",
    ),
    "shop": Workplace(
        "shop",
        ("Shop manager", "Store owner", "Assistant manager"),
        ("Wholesale", "Distribution", "Supplies"),
        ("area", ("Till 1", "Till 2", "Stockroom", "Front of shop", "Online orders", "Window")),
        "Store",
        ("Till and cash-up log", ("Date", "Till", "Expected", "Counted", "Difference", "Initials")),
        "Age-restricted sales training",
    ),
    "trade": Workplace(
        "trade",
        ("Contracts manager", "Owner", "Site foreman"),
        ("Electrical Wholesale", "Builders Merchants", "Plumbing Supplies", "Tool Hire"),
        (
            "job",
            (
                "Elm Road rewire",
                "School fit-out",
                "Kitchen extension",
                "Office refurb",
                "Flats phase 2",
                "Call-outs",
                "Maintenance contract",
            ),
        ),
        "Building Services",
        ("Job sheets", ("Job no.", "Date", "Site", "Work done", "Hours", "Materials used", "Signed off by")),
        "CSCS card and first aid at work",
    ),
}
# the trade a small contractor or workshop is named after, by the employee's own trade
_TRADE_NAMES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\belectric", re.I), "Electrical", "18th Edition wiring regulations (BS 7671)"),
    (re.compile(r"\b(plumb|heating engineer|gas engineer)", re.I), "Plumbing & Heating", "Gas Safe registration"),
    (re.compile(r"\b(carpent|joiner)", re.I), "Joinery", "CSCS card and first aid at work"),
    (re.compile(r"\b(roofer|roofing)", re.I), "Roofing", "Working at height and CSCS card"),
    (re.compile(r"\b(painter|decorator)", re.I), "Decorators", "CSCS card and first aid at work"),
    (re.compile(r"\b(bricklay|builder|labourer|laborer)", re.I), "Builders", "CSCS card and first aid at work"),
    (re.compile(r"\b(welder|fabricat)", re.I), "Fabrication", "Coded welder certificate"),
    (re.compile(r"\b(hvac|air condition|refrigerat)", re.I), "Air Conditioning", "F-gas certificate"),
)
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(mechanic|garage|auto repair|motor vehicle|tyre fitter|tire tech|panel beater)", re.I), "garage"),
    (re.compile(r"\b(barista|caf[eé]|coffee shop)", re.I), "cafe"),
    (re.compile(r"\b(bartender|barman|barmaid|bar staff|pub|bar manager)\b", re.I), "bar"),
    (re.compile(r"\b(chef|cook|kitchen|commis|restaurant|bistro|brasserie|diner|trattoria|pizzeria)", re.I), "kitchen"),
    (re.compile(r"\b(hairdress|barber|hair stylist|salon|nail tech|beautician)", re.I), "salon"),
    (re.compile(r"\b(baker|bakery|patissi|pâtissi)", re.I), "bakery"),
    (re.compile(r"\b(shop|store|retail|cashier|sales assistant)", re.I), "shop"),
)
_ORG_KINDS = {"garage": "garage", "auto repair shop": "garage", "repair shop": "garage", "restaurant": "kitchen",
              "food truck": "kitchen", "cafe": "cafe", "café": "cafe", "coffee shop": "cafe", "bar": "bar",
              "pub": "bar", "salon": "salon", "hair salon": "salon", "barbershop": "salon", "bakery": "bakery",
              "shop": "shop", "bookstore": "shop"}  # fmt: skip
_EMPLOYED = frozenset({"employee", "intern"})


def workplace_of(p: Persona) -> Workplace | None:
    """The small workplace an employee works in (a garage, a kitchen, a salon, a contractor), or None: someone
    self-employed runs their own business (its own chain), an office or a hospital is no small workplace."""
    if p.life_stage not in _EMPLOYED:
        return None
    # a pub or a bar is as small a workplace as a café, whatever setting the prose of its family speaks in
    if project_setting(p.family or "", p.text) != "small" and (p.org_type or "").casefold() not in ("pub", "bar"):
        return None
    words = f"{p.role or ''} {p.occupation or ''}"
    kind = next((k for pattern, k in _KINDS if pattern.search(words)), None)
    kind = kind or _ORG_KINDS.get((p.org_type or "").casefold())
    kind = kind or next((k for pattern, k in _KINDS if pattern.search(p.text)), None)
    trade = any(pattern.search(f"{words} {p.text}") for pattern, _name, _cert in _TRADE_NAMES)
    if kind is None and not (p.family == "skilled_trades" or trade):
        return None  # an office manager at a family firm or a foreman at a distillery: its kind is not known here
    place = _PLACES[kind or "trade"]
    if place.kind == "trade":
        own = next(((name, cert) for pattern, name, cert in _TRADE_NAMES if pattern.search(f"{words} {p.text}")), None)
        if own is not None:
            place = Workplace(
                place.kind, place.bosses, place.counterparts, place.rows, own[0], place.log, certificate=own[1]
            )
    if place.kind == "kitchen" and re.search(r"\b(head chef|chef de cuisine|executive chef)\b", words, re.I):
        place = Workplace(
            place.kind,
            ("Restaurant owner", "General manager"),  # a head chef answers to the owner, not to himself
            place.counterparts,
            place.rows,
            place.trade,
            place.log,
            place.certificate,
        )
    return place


_GP = re.compile(r"\b(general practitioner|GP|family doctor|family physician|practice nurse|family medicine)\b")


def is_practice_doctor(p: Persona) -> bool:
    """Whether the persona works in a GP practice (a GP, a family doctor, a practice nurse), not a hospital."""
    return (
        p.family in ("medicine", "nursing_care")
        and bool(_GP.search(f"{p.role or ''} {p.text}"))
        and ((p.org_type or "") not in ("hospital", "teaching hospital", "children's hospital"))
    )


# the name over a small workplace's door where the country does not name it in English: a Lyon garage is "Garage
# Moreau", a Berlin bakery "Bäckerei Schulz", an Osaka ramen shop "Ramen Kimura", never "The Olive Tree Shop" or a
# café named after an English pub's sign; "{o}" is the owner's surname, "{c}" the town
_LOCAL_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"garage": ("Garage {o}", "Garage du Centre", "Auto Service {o}"),
           "kitchen": ("Chez {o}", "Le Bistrot {o}", "La Table de {o}", "Brasserie du Marché"),
           "cafe": ("Café du Marché", "Café {o}", "Le Petit Café"), "bar": ("Le Bar du Port", "Le Comptoir", "Bar {o}"),
           "salon": ("{o} Coiffure", "Salon {o}", "Coiffure du Centre"),
           "bakery": ("Boulangerie {o}", "Boulangerie du Marché", "Maison {o}"),
           "shop": ("Épicerie {o}", "Maison {o}", "Au Bon Marché de {c}")},
    "de": {"garage": ("Autohaus {o}", "Kfz-Werkstatt {o}", "Autoservice {o}"),
           "kitchen": ("Gasthaus {o}", "Restaurant Zur Linde", "Wirtshaus am Markt", "Restaurant {o}"),
           "cafe": ("Café {o}", "Café am Markt", "Kaffeehaus {o}"),
           "bar": ("Kneipe Zum Anker", "Bar {o}", "Eckkneipe {o}"),
           "salon": ("Friseursalon {o}", "Haarstudio {o}", "Salon {o}"),
           "bakery": ("Bäckerei {o}", "Backhaus {o}", "Bäckerei am Markt"),
           "shop": ("{o} Feinkost", "Laden am Markt", "Kaufhaus {o}"), "trade": ("{o} Haustechnik GmbH", "{o} GmbH")},
    "es": {"garage": ("Talleres {o}", "Taller {o}", "Autos {o}"),
           "kitchen": ("Restaurante {o}", "Casa {o}", "Mesón {o}", "Taberna {o}"),
           "cafe": ("Cafetería {o}", "Café del Mercado", "Cafetería La Plaza"),
           "bar": ("Bar {o}", "Taberna {o}", "Bar La Plaza"),
           "salon": ("Peluquería {o}", "Salón {o}"), "bakery": ("Panadería {o}", "Horno {o}", "Panadería La Espiga"),
           "shop": ("Comercial {o}", "Tienda {o}", "Ultramarinos {o}")},
    "it": {"garage": ("Officina {o}", "Autofficina {o}", "Garage {o}"),
           "kitchen": ("Trattoria da {o}", "Ristorante {o}", "Osteria {o}"),
           "cafe": ("Bar Caffè {o}", "Caffè del Corso", "Bar Centrale"),
           "bar": ("Bar {o}", "Bar Centrale", "Enoteca {o}"),
           "salon": ("Parrucchiere {o}", "Acconciature {o}"), "bakery": ("Panificio {o}", "Forno {o}"),
           "shop": ("Bottega {o}", "Alimentari {o}", "Emporio {o}"), "trade": ("{o} Impianti S.r.l.", "{o} S.r.l.")},
    "pt": {"garage": ("Oficina {o}", "Auto {o}"), "kitchen": ("Restaurante {o}", "Tasca do {o}", "Casa {o}"),
           "cafe": ("Café {o}", "Pastelaria Central"), "bar": ("Bar {o}", "Bar do Largo"),
           "salon": ("Cabeleireiro {o}", "Salão {o}"), "bakery": ("Padaria {o}", "Padaria Central"),
           "shop": ("Loja {o}", "Mercearia {o}"), "trade": ("{o} Instalações Lda.",)},
    "nl": {"garage": ("Garage {o}", "Autobedrijf {o}"),
           "kitchen": ("Eetcafé {o}", "Restaurant {o}", "Brasserie {o}"),
           "cafe": ("Koffiehuis {o}", "Café {o}"), "bar": ("Café {o}", "Bruin café De Hoek"),
           "salon": ("Kapsalon {o}",), "bakery": ("Bakkerij {o}", "Warme Bakker {o}"),
           "shop": ("Winkel {o}", "{o} & Zn.")},
    "ja": {"garage": ("{o} Motors", "{o} Auto Service", "{c} Car Service"),
           "kitchen": ("{o} Shokudō", "Restaurant {o}", "Washoku {o}"), "cafe": ("Kissa {o}", "Café {o}", "Coffee {o}"),
           "bar": ("Izakaya {o}", "Bar {o}"), "salon": ("Hair Salon {o}", "Biyōshitsu {o}"),
           "bakery": ("{o} Bakery", "Boulangerie {o}"), "shop": ("{o} Shōten", "{o} Store")},
}  # fmt: skip
_LOCAL_GROUP = {"FR": "fr", "BE": "fr", "LU": "fr", "MC": "fr", "DE": "de", "AT": "de", "CH": "de", "ES": "es",
                "MX": "es", "AR": "es", "CO": "es", "CL": "es", "PE": "es", "IT": "it", "PT": "pt", "BR": "pt",
                "NL": "nl", "JP": "ja"}  # fmt: skip
# what a persona's own words make the place, in its country's words ("a ramen shop in Osaka": "Ramen Kimura")
_OWN_WORD_FORMS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\bramen\b", re.I), "ja", "Ramen {o}"),
    (re.compile(r"\bsushi\b", re.I), "ja", "Sushi {o}"),
    (re.compile(r"\bizakaya\b", re.I), "ja", "Izakaya {o}"),
    (re.compile(r"\bsoba|udon\b", re.I), "ja", "Teuchi Soba {o}"),
    (re.compile(r"\btapas\b", re.I), "es", "Taberna {o}"),
    (re.compile(r"\bpizz", re.I), "it", "Pizzeria da {o}"),
    (re.compile(r"\btrattoria\b", re.I), "it", "Trattoria da {o}"),
    (re.compile(r"\bbrasserie\b", re.I), "fr", "Brasserie {o}"),
    (re.compile(r"\bbistro", re.I), "fr", "Le Bistrot {o}"),
    (re.compile(r"\b(patisserie|pâtisserie)\b", re.I), "fr", "Pâtisserie {o}"),
)


def local_workplace_name(country_code: str | None, kind: str, owner: str, city: str, text: str = "") -> str | None:
    """The name a small workplace of ``kind`` has where the country names it in its own language (France, Germany,
    Spain, Italy, Portugal, the Netherlands, Japan and the countries that speak their languages); None where it is
    named in English (Britain, the US...), whose names the caller draws.

    Example:
        >>> local_workplace_name("JP", "shop", "Kimura", "Osaka", "A cook at a ramen shop in Osaka")
        'Ramen Kimura'
        >>> local_workplace_name("GB", "kitchen", "Hale", "Leeds") is None
        True
    """
    group = _LOCAL_GROUP.get((country_code or "").upper())
    if group is None or kind == "trade":  # a contractor keeps its trade's name and legal form (drawn by the caller)
        return None
    for pattern, lang, form in _OWN_WORD_FORMS:
        if lang == group and pattern.search(text):
            return form.format(o=owner, c=city)
    forms = _LOCAL_FORMS[group].get(kind) or _LOCAL_FORMS[group]["shop"]
    return random.Random(f"local workplace|{kind}|{owner}|{city}|{text}").choice(forms).format(o=owner, c=city)


# a GP practice as its country names one: no "Station Road Surgery" in Lyon or "Park Road Family Medicine" in Ohio
_PRACTICES: dict[str, tuple[str, ...]] = {
    "US": ("Main Street Family Medicine", "{c} Family Practice", "Maple Avenue Primary Care", "Lakeside Family Health",
           "Oak Street Family Medicine"),
    "CA": ("{c} Family Health Team", "{c} Medical Clinic", "Lakeshore Family Practice"),
    "AU": ("{c} Medical Centre", "Main Street Medical Centre", "{c} Family Practice"),
    "fr": ("Cabinet médical du Parc", "Maison de santé de {c}", "Cabinet médical des Tilleuls", "Centre médical {c}"),
    "de": ("Hausarztpraxis am Markt", "Gemeinschaftspraxis am Stadtpark", "Hausarztpraxis Lindenstraße",
           "Praxis am Rathaus"),
    "es": ("Centro de Salud {c} Centro", "Centro de Salud Las Delicias", "Centro de Salud San Blas"),
    "it": ("Studio medico associato {c} Centro", "Medicina di gruppo Via Roma", "Studio medico Piazza Garibaldi"),
    "pt": ("Unidade de Saúde Familiar {c}", "Centro de Saúde de {c}"),
    "nl": ("Huisartsenpraktijk {c} Centrum", "Gezondheidscentrum De Linde"),
    "ja": ("{c} Family Clinic", "Sakura Clinic", "Aoba Internal Medicine Clinic"),
}  # fmt: skip


def local_practice_name(country_code: str | None, city: str, text: str = "") -> str | None:
    """A GP practice's name where the country does not name it after a British street; None for Britain and Ireland
    (and countries without names of their own), whose names the caller draws.

    Example:
        >>> local_practice_name("FR", "Lyon").startswith(("Cabinet", "Maison", "Centre"))
        True
        >>> local_practice_name("GB", "Leeds") is None
        True
    """
    code = (country_code or "").upper()
    forms = _PRACTICES.get(code) or _PRACTICES.get(_LOCAL_GROUP.get(code, ""))
    if not forms:
        return None
    return random.Random(f"local practice|{city}|{text}").choice(forms).format(c=city)
