"""Stage 3, projects: the user's 6-7 projects and 2 recurring responsibilities, with dates and stakeholders.

Example:
    >>> p = ProjectPlan("p01", "Supplier audit", "auditing suppliers", None, None, "active", [0, 1], "project")
    >>> p.is_project
    True
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .identity import Identity, plays_solo
from .role_focuses import role_focuses
from .team import Team
from .text import cap, project_name, safe_name
from .workplace import workplace_of

if TYPE_CHECKING:
    from .._content import ProjectDomain

__all__ = ["ProjectPlan", "plan_projects"]


@dataclass
class ProjectPlan:
    """One project or recurring responsibility as planned; ``domain``, ``folder`` and ``documents`` (paths of its
    domain documents) are set by the core stage."""

    pid: str
    name: str
    focus: str
    start: date | None
    end: date | None
    status: str
    stake: list[int]
    kind: str
    meeting: str = ""
    folder: str = ""
    documents: list[str] = field(default_factory=list)
    domain: ProjectDomain | None = field(default=None, repr=False)

    @property
    def is_project(self) -> bool:
        """True for a project, False for a recurring responsibility."""
        return self.kind == "project"

    @property
    def started(self) -> date:
        """The start date (every plan has one once planned)."""
        assert self.start is not None
        return self.start

    def day_at(self, frac: float, today: date) -> date:
        """The day ``frac`` of the way through the project, from its start to its end or yesterday, whichever is
        first (a span of at least 20 days): where its files fall in time.

        Example:
            >>> p = ProjectPlan("p01", "Audit", "", date(2025, 1, 1), date(2025, 3, 1), "active", [], "project")
            >>> p.day_at(0.5, today=date(2025, 2, 1))
            datetime.date(2025, 1, 16)
        """
        assert self.end is not None
        end = min(self.end, today - timedelta(days=1))
        return self.started + timedelta(days=int(max((end - self.started).days, 20) * frac))


def _own_words_first(focuses: list[str], ident: Identity) -> list[str]:
    """Focuses that use the persona's own words first (its key nouns, then any word of its text)."""
    text = ident.persona.text.lower()
    nouns = [n.lower() for n in ident.persona.key_nouns]

    def score(focus: str) -> int:
        low = focus.lower()
        return -(3 * sum(1 for n in nouns if n in low) + (1 if focus.split()[0] in text else 0))

    return sorted(focuses, key=score)


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")  # fmt: skip


_PERIODIC = re.compile(
    r"report|summary|review|update|dashboard|newsletter|notes|log\b|accounts|figures|return|minutes|commentary|"
    r"bulletin|rota|pack\b|statement|check|huddle|meeting|round|audit|tracker|returns|payroll|briefing",
    re.IGNORECASE,
)


def _distinct(name: str, start: date, taken: set[str]) -> str:
    """``name``, or a natural variant when another project already has it: the year it started ("Spring planting
    2024"), then its month ("Spring planting, March 2024") – never a counter.

    Example:
        >>> _distinct("Spring planting", date(2024, 3, 1), {"spring planting"})
        'Spring planting 2024'
    """
    for candidate in (name, f"{name} {start.year}", f"{name}, {_MONTH_NAMES[start.month - 1]} {start.year}"):
        if candidate.casefold() not in taken:
            return candidate
    return f"{name}, from {start.isoformat()}"


# A private life the persona's own words name comes first: its own work, not the stage's stock ("A caregiver for
# her elderly mother" keeps her mother's care plan before any school run; "A Vietnam veteran who restores old trucks"
# keeps his military pension papers and the truck he restores). (words the persona text must hold, the focus in the
# user's words)
_LIFE_FOCUSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(caregiver|carer|caring for|looks? after)\b.{0,40}\b(elderly|mother|father|mum|mom|dad|parent)"),
        "organising {their} care plan and appointments",
    ),
    (
        re.compile(r"\b(veteran|ex-serviceman|served in the (army|navy|air force|marines))\b"),
        "claiming the military pension with the discharge papers",
    ),
    (
        re.compile(r"\b(restores?|restoring|rebuilds?|rebuilding)\b.{0,20}\b(trucks?|cars?|motorbikes?|tractors?)\b"),
        "restoring the old {thing}",
    ),
)
_BAND_WORDS = re.compile(r"\b(band|bandmates?|band members?|members'|rehearsals?|merch count)\b", re.I)
_KIN = re.compile(r"\b(mother|father|mum|mom|dad|husband|wife|parents?)\b")
_THING = re.compile(r"\b(trucks?|cars?|motorbikes?|tractors?)\b")


# the work of a small workplace's owner (its tax return, its unpaid invoices, its accounts) or of a hotel's events
# team: an employee of a garage, a kitchen or a café does none of it
_OWNERS_WORK = re.compile(
    r"tax return|unpaid invoices|annual accounts|accountant|bookkeeping|renting out|business loan|room block|"
    r"wedding packages?|banquet|conference|delegates|hotel|guest satisfaction|online review scores",
    re.IGNORECASE,
)


def _life_focuses(ident: Identity) -> list[str]:
    """The persona's own private work its words name (empty for a working persona or none named)."""
    if ident.persona.life_stage in ("employee", "intern"):
        return []
    text = ident.persona.text.casefold()
    out: list[str] = []
    for pattern, focus in _LIFE_FOCUSES:
        if pattern.search(text):
            kin = _KIN.search(text)
            thing = _THING.search(text)
            their = f"my {kin.group(1)}'s" if kin else "the"
            out.append(focus.format(their=their, thing=(thing.group(1).rstrip("s") if thing else "car")))
    return out


def plan_projects(ident: Identity, team: Team, rng: random.Random, now: datetime) -> list[ProjectPlan]:
    """Plan the projects (one active and central, the rest spread over two years) and the recurring work."""
    family = ident.family
    own = _life_focuses(ident)
    # the work of the persona's own role and the classes it runs before the family's stock (a wedding photographer
    # in the creative-arts family is no novelist): kept in order, unshuffled, as the persona's own private work is
    own += [f for f in role_focuses(ident.persona.text) if f not in own]
    focuses = own + [f for f in _own_words_first(list(family.focuses), ident) if f not in own]
    solo = plays_solo(ident.persona)
    if solo:  # a solo act has no band to rehearse with, agree a split with or tour a bandmate's van
        focuses = [f for f in focuses if not _BAND_WORDS.search(f)] or focuses
    if workplace_of(ident.persona) is not None:
        # the owner's books, the tax return and a hotel's events are not an employee's; nor is the family's stock
        # beside the role's own work (a mechanic rewires no kitchens)
        mine = [f for f in own if not _OWNERS_WORK.search(f)]
        focuses = mine or [f for f in focuses if not _OWNERS_WORK.search(f)] or focuses
    first, rest = focuses[: max(1, len(own))], focuses[max(1, len(own)) :]
    rng.shuffle(rest)
    focuses = first + rest
    n_proj = min(rng.randint(6, 7), len(focuses))  # one project per focus: no "Spring planting 7"
    today = now.date()
    plans: list[ProjectPlan] = []
    names: set[str] = set()
    n_people = len(team.people)
    for i in range(n_proj):
        focus = focuses[i % len(focuses)]
        if i == 0:
            start = today - timedelta(days=rng.randint(40, 90))
            end = today + timedelta(days=rng.randint(20, 60))
        else:
            start = today - timedelta(days=rng.randint(60, 700))
            end = start + timedelta(days=rng.randint(50, 160))
        name = _distinct(project_name(focus), start, names)
        names.add(name.casefold())
        status = "active" if end >= today else ("completed" if rng.random() < 0.9 else "cancelled")
        stake = rng.sample(range(n_people), k=min(n_people, rng.randint(3, 4)))
        if 0 not in stake and rng.random() < 0.6:
            stake[0] = 0
        plans.append(ProjectPlan(f"p{i + 1:02d}", name, focus, start, end, status, stake, "project"))
    meetings = list(family.recurring_meetings)
    if solo:
        meetings = [m for m in meetings if not _BAND_WORDS.search(m)] or meetings
    rng.shuffle(meetings)
    reports = list(family.report_types)
    if solo:
        reports = [r for r in reports if not _BAND_WORDS.search(r)] or reports
    rng.shuffle(reports)
    for j in range(2):
        rep = reports[j % len(reports)]
        cadences = ["Monthly", "Weekly", "Quarterly"]
        rng.shuffle(cadences)
        rep_name = re.sub(r"^(monthly|weekly|quarterly|annual|yearly|daily)\s+", "", rep, flags=re.I)
        if rep_name != rep:  # "annual farm accounts" keeps its own cadence, never "Weekly annual farm accounts"
            cadences = [rep.split()[0].capitalize()]
        elif not _PERIODIC.search(rep):  # a CV or a grant application has no cadence: never "Weekly CV"
            cadences = [""]
        start = today - timedelta(days=rng.randint(365, 1000))
        name = next(
            (n for c in cadences if (n := safe_name(cap(f"{c} {rep_name}".strip()), 48)).casefold() not in names),
            safe_name(cap(f"{cadences[0]} {rep_name}".strip()), 48),
        )
        name = _distinct(name, start, names)
        names.add(name.casefold())
        plans.append(
            ProjectPlan(
                f"r{j + 1:02d}",
                name,
                f"producing the {rep}",
                start,
                None,
                "active",
                rng.sample(range(n_people), k=2),
                "recurring",
                meeting=meetings[j % len(meetings)],
            )
        )
    return plans
