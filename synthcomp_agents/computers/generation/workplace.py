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

import re
from dataclasses import dataclass

from synthcomp_agents.personas import Persona, project_setting

__all__ = ["Workplace", "is_practice_doctor", "workplace_of"]


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
