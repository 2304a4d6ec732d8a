"""Scripted objective-setter: explores the computer read-only, then answers with an ObjectivePlan as JSON.

It decides from its system prompt (the computer's profile, projects and collaborators with their private facts,
the month's start and length) and the results of its own tool calls (tree, find_files, read_file of
spreadsheets, whose cells show ``=SUM(..) -> 1,234.50``).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from autogen_core.models import LLMMessage, UserMessage

from ..disk import home_relative
from ..personas import answer_day, classify_persona, project_setting, working_bank
from ._scripted_text import (
    call_args,
    cell_value,
    number,
    pairs_after,
    sheet_tables,
    system_text,
    user_text,
)
from ._setter_kinds import GENERIC_KINDS, chain_kind, serves

__all__ = ["setter_decide"]

_KIND_CYCLE = (("docx", "xlsx", "pptx"), ("docx", "md"), ("xlsx", "pptx", "docx"), ("md", "xlsx"), ("pptx", "docx"))
_EFFORT = {"docx": 2.0, "xlsx": 2.0, "pptx": 2.0, "md": 1.0}
"""Hours of writing a deliverable of a kind takes before its sources, questions and review (:func:`_effort`)."""
EFFORT_CAP = {"docx": 8.0, "xlsx": 6.0, "pptx": 6.0, "md": 3.0}
"""The most hours a planned deliverable of a kind takes (a report of a few pages is a day's work, working notes an
afternoon's): a light month is planned as light, not stretched to fill every working hour."""
_MAX_STRETCH = 1.25
"""How far a light month's efforts are lengthened towards its working hours (more care, not more work)."""


def _effort(kind: str, grounding: list[str], checks: list[dict[str, Any]]) -> float:
    """Hours a deliverable takes by its work: writing it, half an hour a source file, an hour for a collaborator's
    input and an hour for a review round.

    Example:
        >>> _effort("docx", ["a.xlsx", "b.docx"], [{"type": "states_fact"}, {"type": "sent_to"}])
        5.0
    """
    kinds = [c.get("type") for c in checks]
    return _EFFORT[kind] + 0.5 * len(grounding) + 1.0 * ("states_fact" in kinds) + 1.0 * ("sent_to" in kinds)


_TITLES = {
    "docx": "{name} status report",
    "xlsx": "{name} figures workbook",
    "md": "{name} working notes",
}


@dataclass
class _Project:
    pid: str
    name: str
    status: str
    folder: str
    stakeholders: list[str]
    description: str
    documents: list[tuple[str, str, str]] = field(default_factory=list)  # (path, label, archetype id)


@dataclass
class _Person:
    ident: str
    name: str
    relationship: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    reply_hours: float = 2.0
    late: bool = False


@dataclass
class _Context:
    computer_id: str = "computer"
    start: str = "2026-01-05"
    workdays: int = 20
    projects: list[_Project] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    setting: str = "corporate"
    south: bool = False  # the user lives in the southern hemisphere (summer in December)


@lru_cache(maxsize=8)
def _context(system: str) -> _Context:
    ctx = _Context()
    for key, attr in (("Computer id", "computer_id"), ("Start date", "start")):
        match = re.search(rf"^{key}: (\S+)", system, re.M)
        if match:
            setattr(ctx, attr, match.group(1))
    match = re.search(r"^Workdays: (\d+)", system, re.M)
    if match:
        ctx.workdays = int(match.group(1))
    ctx.setting = _setting(system)
    ctx.south = re.search(r"^Season: .*\(southern hemisphere\)", system, re.M) is not None
    for line in system.splitlines():
        m = re.match(r"^- project (\S+) \| (.+?) \| (\w+) \| folder: (.+?) \| stakeholders: (.*?) \| (.*)$", line)
        if m:
            people = [s.strip() for s in m.group(5).split(",") if s.strip()]
            ctx.projects.append(_Project(m.group(1), m.group(2), m.group(3), m.group(4).strip(), people, m.group(6)))
            continue
        doc = re.match(r"^  - document (.+?) \| (.+?) \| ([a-z0-9_]+)$", line)
        if doc and ctx.projects:
            ctx.projects[-1].documents.append((doc.group(1), doc.group(2), doc.group(3)))
    person: _Person | None = None
    for line in system.splitlines():
        head = re.match(r"^- person (\S+) \| (.+?) \| .+? \| (\S+) \|", line)
        if head:
            person = _Person(head.group(1), head.group(2), head.group(3))
            replies = re.search(r"\| replies in ~([\d.]+) h(, in the evening)?", line)
            if replies:
                person.reply_hours, person.late = float(replies.group(1)), bool(replies.group(2))
            ctx.people.append(person)
            continue
        fact = re.match(r"^  - fact \[(.+?)\] (.+)$", line)
        if fact and person is not None:
            person.facts.append((fact.group(1), fact.group(2)))
    return ctx


def _setting(system: str) -> str:
    """The kind of organisation the user works in (``project_setting``: a band, a farm, a ward, a private life...),
    read from the profile line under ``## User`` ('Ana Ruiz, Ward nurse at Glasgow University Hospital (...)')."""
    match = re.search(r"^## User\n[^,\n]+, (.+?) \(", system, re.M)
    if match is None:
        return "corporate"
    job = match.group(1)
    return project_setting(classify_persona(job).family, job)


_STALE = re.compile(r"(^|/)(old|archive|archived|superseded|obsolete)(/|$)| - old\b|[ _(-]old\)?\.\w+$", re.I)


def stale_path(path: str) -> bool:
    """A path a person would not work from: under Old/ or Archive/, or named '... - old', '..._old'.

    Example:
        >>> stale_path("Documents/P/Old/brief - old.md"), stale_path("Documents/P/Data/costs Dec 2025.xlsx")
        (True, False)
    """
    return _STALE.search(path) is not None


def _chosen(ctx: _Context) -> list[_Project]:
    """The month's projects: live ones first (active, planned...), archived folders only to make up three."""
    order = {"active": 0, "planned": 1, "on_hold": 2, "completed": 3, "cancelled": 4}
    ranked = sorted(ctx.projects, key=lambda p: (stale_path(p.folder), order.get(p.status, 5), ctx.projects.index(p)))
    live = [p for p in ranked if not stale_path(p.folder)]
    return (live if len(live) >= 3 else ranked)[:5]


def clean_name(name: str) -> str:
    """A project name without a doubled word ('Monthly monthly KPI deck' -> 'Monthly KPI deck').

    Example:
        >>> clean_name("Quarterly quarterly supplier business review")
        'Quarterly supplier business review'
    """
    words = name.split()
    out = [w for i, w in enumerate(words) if i == 0 or w.lower() != words[i - 1].lower()]
    return " ".join(out)


def _own_file(path: str, p: _Project, ctx: _Context) -> bool:
    """A current file of the project itself: not stale below its folder, not inside another project's folder."""
    folder = p.folder.rstrip("/") + "/"
    if not path.startswith(folder) or stale_path(path[len(folder) :]):
        return False
    return not any(
        o is not p and len(o.folder) > len(p.folder) and path.startswith(o.folder.rstrip("/") + "/")
        for o in ctx.projects
    )


def _found_paths(text: str) -> list[str]:
    out = []
    for m in re.finditer(r"^((?:/|[A-Za-z]:\\)\S.*?)  \((spreadsheet|document|presentation|text|pdf)", text, re.M):
        out.append(home_relative(m.group(1)))
    return out


def setter_decide(messages: list[LLMMessage], seed: int) -> tuple[str, str | None, dict[str, Any] | None]:
    """Return ``(note, tool_name, args)`` for the next exploration call, or ``(plan_json, None, None)`` when done."""
    system = system_text(messages)
    ctx = _context(system)
    pairs = pairs_after(messages, 0)
    done = {(c.name, json.dumps(call_args(c), sort_keys=True)) for c, _ in pairs}
    results = {(c.name, json.dumps(call_args(c), sort_keys=True)): r.content for c, r in pairs if not r.is_error}
    projects = _chosen(ctx)
    wanted: list[tuple[str, dict[str, Any]]] = [("tree", {"path": "~", "depth": 3})]
    for p in projects:
        wanted.append(("find_files", {"path": f"~/{p.folder}", "kind": "spreadsheet"}))
        wanted.append(("find_files", {"path": f"~/{p.folder}", "kind": "document"}))
    for name, args in wanted:
        key = (name, json.dumps(args, sort_keys=True))
        if key not in done:
            return f"Exploring: {name} {args.get('path', '')}", name, args
    feedback = _feedback(messages)
    for p in projects:
        own = _kind_document(p, _avoided(feedback))
        if own is not None:
            args = {"path": f"~/{own[0]}", "max_chars": 4000}
            if ("read_file", json.dumps(args, sort_keys=True)) not in done:
                return f"Reading the {own[1].lower()} of {clean_name(p.name)}", "read_file", args
    sheets = _spreadsheets(ctx, projects, results, _avoided(feedback))
    for path in list(dict.fromkeys(sheets.values()))[:4]:
        args = {"path": f"~/{path}", "max_chars": 7000}
        key = ("read_file", json.dumps(args, sort_keys=True))
        if key not in done:
            return f"Reading {path} for numbers", "read_file", args
        for part in _more_parts(results.get(key, "")):
            part_args = {"path": f"~/{path}", "part": part, "max_chars": 7000}
            if ("read_file", json.dumps(part_args, sort_keys=True)) not in done:
                return f"Looking for a computed total in {path}, sheet {part}", "read_file", part_args
    plan = _plan(ctx, projects, sheets, results, feedback, seed)
    return json.dumps(plan, ensure_ascii=False), None, None


def _more_parts(text: str) -> list[str]:
    """Other sheets worth reading when the first read of a workbook shows no distinctive computed total, and the
    sheet the page ended in (its total row may come after the cut)."""
    if not text:
        return []
    tables = list(sheet_tables(text))
    cut = tables[-1:] if "\n[... " in text and "call read_file with offset=" in text else []
    picked = _pick_value(text)
    if picked is not None and _distinctive(picked[1]) >= 150:
        return cut
    parts = re.search(r"^Parts \(read one with part=\.\.\.\): (.+)$", text, re.M)
    names = re.findall(r"'([^']+)'", parts.group(1)) if parts else []
    read = set(tables) - set(cut)
    return [n for n in names if n not in read][:2]


def _workbook_text(path: str, results: dict[tuple[str, str], str]) -> str:
    """Everything read from a workbook: the first read and any sheet read after it."""
    first = results.get(("read_file", json.dumps({"path": f"~/{path}", "max_chars": 7000}, sort_keys=True)), "")
    texts = [first]
    for part in _more_parts(first):
        args = {"path": f"~/{path}", "part": part, "max_chars": 7000}
        texts.append(results.get(("read_file", json.dumps(args, sort_keys=True)), ""))
    return "\n".join(texts)


def _feedback(messages: list[LLMMessage]) -> str:
    for message in reversed(messages):
        if isinstance(message, UserMessage) and "problem" in user_text(message).lower():
            return user_text(message)
    return ""


def _spreadsheets(
    ctx: _Context, projects: list[_Project], results: dict[tuple[str, str], str], avoid: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Per project id, the spreadsheet to ground it on: the project's own paper when that is a workbook (its gig
    settlement sheet, its feed budget), else its newest own current file (as find_files lists them); never one under
    Old/ or another project's folder, nor one validation said is dated in the future."""
    out: dict[str, str] = {}
    for p in projects:
        key = ("find_files", json.dumps({"path": f"~/{p.folder}", "kind": "spreadsheet"}, sort_keys=True))
        found = [
            f
            for f in _found_paths(results.get(key, ""))
            if f.endswith((".xlsx", ".xlsm")) and _own_file(f, p, ctx) and f not in avoid
        ]
        own = _kind_document(p, avoid)
        if own is not None and own[0] in found:
            out[p.pid] = own[0]
        elif found:
            out[p.pid] = found[0]
    return out


def _documents(
    ctx: _Context, p: _Project, results: dict[tuple[str, str], str], avoid: frozenset[str] = frozenset()
) -> list[str]:
    key = ("find_files", json.dumps({"path": f"~/{p.folder}", "kind": "document"}, sort_keys=True))
    return [
        f
        for f in _found_paths(results.get(key, ""))
        if f.endswith((".docx", ".md", ".txt")) and _own_file(f, p, ctx) and f not in avoid
    ][:2]


def _serves(doc: tuple[str, str, str], p: _Project) -> int:
    """How well a document's kind serves the project's work: a chain kind by its work stems, an archetype by the
    words of its label found in the project's name and focus ('Planting plan' in 'Spring planting')."""
    text = f"{p.name} {p.description}"
    score = serves(doc[2], text)
    if chain_kind(doc[2]) is None:
        words = re.findall(r"[a-z]+", text.casefold())
        score = sum(any(w.startswith(s[:5]) for w in words) for s in re.findall(r"[a-z]{4,}", doc[1].casefold()))
    return score


def _kind_document(p: _Project, avoid: frozenset[str] = frozenset()) -> tuple[str, str, str] | None:
    """The project's own paper its month's work continues (a gig settlement sheet for splitting a tour's income, a
    feed budget for budgeting the winter's hay): the current document of a kind that serves the project's name and
    focus best; a workbook before a letter on a tie (its numbers ground the work), a kind the project holds once
    before one it holds many of; never a note of a meeting (that is talk about the work, not the work)."""
    docs = [
        d
        for d in p.documents
        if d[0] not in avoid and not stale_path(d[0][len(p.folder) :]) and d[2] not in GENERIC_KINDS
    ]
    if not docs:
        return None
    count = {k: sum(d[2] == k for d in docs) for k in {d[2] for d in docs}}
    return min(
        docs,
        key=lambda d: (-_serves(d, p), not d[0].endswith((".xlsx", ".xlsm")), count[d[2]], docs.index(d)),
    )


def _companion(p: _Project, own: tuple[str, str, str], avoid: frozenset[str]) -> str | None:
    """A written paper of the project to read beside its own workbook (the grant application beside its budget)."""
    docs = [
        d
        for d in p.documents
        if d[0] not in avoid
        and not stale_path(d[0][len(p.folder) :])
        and d[2] not in GENERIC_KINDS
        and d[0].endswith((".docx", ".md", ".txt", ".pdf"))
        and d[0] != own[0]
    ]
    return max(docs, key=lambda d: (_serves(d, p), -docs.index(d)))[0] if docs else None


_MONEY = re.compile(
    r"invoice|quote|budget|accounts|costing|price|purchase|expense|reconciliation|claim|tax|fund|sales|pay"
)
_PLANNING = re.compile(
    r"plan|scheme|rota|schedule|charter|timetable|booking|setlist|run_sheet|itinerary|proposal|requirements|policy|"
    r"procedure|contract|comparison"
)
_KIND_TITLES = {
    "money": {"docx": "{name}: {low} review", "xlsx": "{label} reconciliation", "pptx": "{name}: {low} for sign-off",
              "md": "{label} queries"},
    "plan": {"docx": "Revised {low} for {name}", "xlsx": "{label}: planned against actual",
             "pptx": "{name}: {low} review", "md": "{label} change notes"},
    "record": {"docx": "{name}: {low} summary", "xlsx": "{label} analysis", "pptx": "{name}: key points from the {low}",
               "md": "Follow-ups from the {low}"},
}  # fmt: skip
_BARE_TITLES = {
    "money": {"docx": "{label} review", "xlsx": "{label} reconciliation", "pptx": "{label} for sign-off",
              "md": "{label} queries"},
    "plan": {"docx": "Revised {low}", "xlsx": "{label}: planned against actual", "pptx": "{label} review",
             "md": "{label} change notes"},
    "record": {"docx": "{label} summary", "xlsx": "{label} analysis", "pptx": "Key points from the {low}",
               "md": "Follow-ups from the {low}"},
}  # fmt: skip


_CADENCE = re.compile(r"^(?:weekly|monthly|quarterly|annual|yearly|termly|fortnightly)\s+", re.I)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")  # fmt: skip


@cache
def _fallback_titles() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("data").joinpath("setter_titles.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _period(name: str, due: date) -> str:
    """The period a standing paper is due for: 'Q1 2026' for a quarterly one, '2026' for an annual one, the month
    for the rest."""
    low = name.casefold()
    if low.startswith("quarterly"):
        return f"Q{(due.month - 1) // 3 + 1} {due.year}"
    if low.startswith(("annual", "yearly")):
        return str(due.year if due.month > 6 else due.year - 1)
    return f"{_MONTH_NAMES[due.month - 1]} {due.year}"


def _kind_title(
    kind: str,
    p: _Project,
    own: tuple[str, str, str] | None,
    setting: str = "corporate",
    due: date | None = None,
) -> str:
    """A deliverable title that continues the project's own kind of paper: the next one of a farm's or a band's own
    kind (a gig settlement with each member's share, a feed budget against what is in the shed), a reconciliation
    of club accounts or a revised scheme of work; or, when the project has none, the project's own paper for the
    period it is due in ('Tour itinerary, February 2026', 'Co-op newsletter, Q1 2026') and the setting's words."""
    name = clean_name(p.name)
    if own is None:
        if kind == "pptx":
            decks: list[str] = working_bank(setting, "setter")["pptx"]
            return decks[sum(map(ord, p.pid)) % len(decks)].format(name=name)
        titles = _fallback_titles()
        bare = _CADENCE.sub("", name)
        bare = bare[:1].upper() + bare[1:]
        if kind == "docx" and bare == name:  # not a paper of a cadence: the paper is the project's own name
            return name
        return titles.get(setting, titles["corporate"])[kind].format(
            name=bare, period=_period(name, due or date(2026, 1, 5))
        )
    _path, label, arch = own
    if kind == "docx" and _CADENCE.match(name) and label.casefold() in name.casefold():
        bare = _CADENCE.sub("", name)  # a standing paper's next issue: 'Co-op newsletter, Q1 2026'
        return f"{bare[:1].upper() + bare[1:]}, {_period(name, due or date(2026, 1, 5))}"
    chain = chain_kind(arch)
    if chain is not None:
        title = chain.next_title(kind, name)
        if title:
            return title
    group = (
        chain.group
        if chain is not None
        else "money"
        if _MONEY.search(arch)
        else ("plan" if _PLANNING.search(arch) else "record")
    )
    low = label[:1].lower() + label[1:] if not label[:2].isupper() else label
    title = _KIND_TITLES[group][kind].format(name=name, label=label, low=low)
    if doubled_word(title) or name.casefold() in label.casefold():  # 'Setlist: setlist review' says it twice
        title = _BARE_TITLES[group][kind].format(label=label, low=low)
    return title.replace("Revised revis", "Updated revis")  # not 'Revised revision timetable'


def doubled_word(text: str) -> bool:
    """A word said twice in a row, whatever the punctuation between ('Setlist: setlist review').

    Example:
        >>> doubled_word("Setlist: setlist review"), doubled_word("Gig settlement sheet review")
        (True, False)
    """
    words = [w.casefold().strip(".") for w in re.findall(r"[\w'.-]+", text)]  # 'WCAG 2.2' is one word
    return any(a == b for a, b in itertools.pairwise(words))


_SEASONS = ("winter", "spring", "summer", "autumn")


def season_at(day: date, south: bool) -> str:
    """The season of ``day`` in the user's hemisphere.

    Example:
        >>> season_at(date(2026, 7, 6), False), season_at(date(2026, 7, 6), True)
        ('summer', 'winter')
    """
    month = (day.month + (6 if south else 0) - 1) % 12 + 1
    return _SEASONS[(month % 12) // 3]


def workday_date(start: date, day: int) -> date:
    """The date of workday ``day`` (1 = ``start``), counting Monday to Friday."""
    out, left = start, day - 1
    while left > 0:
        out += timedelta(days=1)
        if out.weekday() < 5:
            left -= 1
    return out


_SEASON_WORD = re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.I)
_QUARTER_WORD = re.compile(r"\bQ([1-4])(?: (\d{4}))?\b")


def fit_calendar(text: str, due: date, south: bool) -> str:
    """Season and quarter words that follow the calendar at ``due`` where the user lives: a season already past
    (spring in a northern July) becomes the coming one, a quarter more than one away becomes the current one.

    Example:
        >>> fit_calendar("Book the spring tour dates", date(2026, 7, 10), False)
        'Book the autumn tour dates'
        >>> fit_calendar("Book the spring tour dates", date(2026, 7, 10), True)
        'Book the spring tour dates'
        >>> fit_calendar("Close the Q3 review", date(2026, 1, 20), False)
        'Close the Q1 review'
    """
    now = _SEASONS.index(season_at(due, south))

    def season(m: re.Match[str]) -> str:
        word = m.group(1)
        named = _SEASONS.index("autumn" if word.lower() == "fall" else word.lower())
        if (named - now) % 4 != 3:  # the current season or one to come
            return word
        new = _SEASONS[(now + 1) % 4]
        new = "fall" if new == "autumn" and word.lower() == "fall" else new
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    def quarter(m: re.Match[str]) -> str:
        year = int(m.group(2)) if m.group(2) else due.year
        gap = (year * 4 + int(m.group(1)) - 1) - (due.year * 4 + (due.month - 1) // 3)
        if -1 <= gap <= 1 if m.group(2) else gap % 4 in (0, 1, 3):
            return m.group(0)
        return f"Q{(due.month - 1) // 3 + 1}" + (f" {due.year}" if m.group(2) else "")

    return _QUARTER_WORD.sub(quarter, _SEASON_WORD.sub(season, text))


def _avoided(feedback: str) -> frozenset[str]:
    """Files the validation feedback rejected ('... grounding file 'X' is dated ...', '... not a file ...')."""
    return frozenset(
        m.group(1) for m in re.finditer(r"'([^']+\.\w{2,4})' (?:is dated|says it was|is not a file)", feedback)
    )


def _distinctive(value: float) -> int:
    """How well a number identifies its source: large or fractional computed values beat small round ones."""
    magnitude = abs(value)
    score = 0
    if magnitude >= 100:
        score += 200
    if magnitude != int(magnitude):
        score += 150
    elif magnitude < 1000 and magnitude % 10 == 0:
        score -= 150
    if magnitude >= 1000 and magnitude % 1000 != 0:
        score += 50
    return score


def _pick_value(text: str) -> tuple[str, float, str] | None:
    """(locator, value, label) of a distinctive computed total in a workbook read: formula cells only, large or
    fractional values first ('Total' rows preferred), so a deliverable cannot pass by chance with a small round
    number."""
    best: tuple[int, str, float, str] | None = None
    for sheet, rows in sheet_tables(text).items():
        header = rows.get(1, {})
        firsts = [r.get("A", "") for r in rows.values()]
        for number_, row in rows.items():
            label = row.get("A", "")
            if label and firsts.count(label) > 1:  # "2025-11" names several rows: add the next text cell
                extra = next(
                    (
                        cell_value(c)
                        for k, c in sorted(row.items())
                        if k > "A" and c.strip() and number(cell_value(c)) is None
                    ),
                    "",
                )
                label = f"{label} {extra}".strip()
            for col, cell in row.items():
                if "->" not in cell or col == "A" or not cell.lstrip().startswith(("=", "->")) or cell.endswith("%"):
                    continue
                value = number(cell_value(cell))
                if value is None or value == 0 or not math.isfinite(value):
                    continue
                if value == int(value) and (abs(value) < 100 or 1900 <= abs(value) <= 2100):
                    continue  # a small count reads like a list number, 1,982 like a year: neither can be traced
                score = _distinctive(value) + (100 if "total" in label.lower() else 0) + min(number_, 99)
                if best is None or score > best[0]:
                    what = f"{header.get(col, col)}, {label or 'row ' + str(number_)} ({sheet})"
                    best = (score, f"{sheet}!{col}{number_}", value, what)
    return None if best is None else (best[1], best[2], best[3])


def _fact_for(ctx: _Context, p: _Project, used: set[tuple[str, str]]) -> tuple[_Person, str, str] | None:
    people = {x.ident: x for x in ctx.people}
    candidates: list[tuple[int, _Person, str, str]] = []
    for person in ctx.people:
        if answer_day(person.reply_hours, person.late) > ctx.workdays:
            continue  # their answer would come after the run
        for topic, fact in person.facts:
            if (person.ident, topic) in used:
                continue
            score = 2 if topic.lower().startswith(p.name.lower()[:20]) else (1 if person.ident in p.stakeholders else 0)
            candidates.append((score, person, topic, fact))
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    _, person, topic, fact = candidates[0]
    used.add((person.ident, topic))
    return people[person.ident], topic, fact


_MONTHS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
_LEADING = {"the", "a", "an", "this", "that", "our", "their", "its", "next", "last", "we", "i"}
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_DAY_DATE = re.compile(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?: \d{4})?\b")
_AMOUNT = re.compile(r"(?:(?:EUR|USD|GBP|CHF) |[$€£])?\d[\d,]*(?:\.\d+)?(?:%| ?(?:k|m|bn)\b)?")


def _fact_value(fact: str) -> str:
    """The distinctive part of a collaborator's fact, as a substring of it: a date, an amount or percentage (with
    the words that say what moves), a proper name; never a leading article or month word alone.

    Example:
        >>> _fact_value("The Nov 2025 patients screened for Central site will be restated by about 4% once booked.")
        'restated by about 4%'
        >>> _fact_value("Lakeside site will be dropped from the scope next quarter.")
        'Lakeside site will be dropped'
        >>> _fact_value("Procurement will be dropped from the scope of P95 API latency next quarter.")
        'Procurement will be dropped from'
    """
    for pattern in (_ISO, _DAY_DATE):
        match = pattern.search(fact)
        if match:
            return match.group(0)
    amounts = [
        m
        for m in _AMOUNT.finditer(fact)
        if not re.fullmatch(r"(?:19|20)\d{2}", m.group(0))
        and (len(m.group(0)) > 1 or not m.group(0).isdigit())
        and not (m.start() > 0 and fact[m.start() - 1].isalpha())  # "P95" is a name, not an amount
    ]
    amounts.sort(key=lambda m: not m.group(0).endswith("%") and not re.search(r"[$€£,.]|EUR|USD", m.group(0)))
    if amounts:
        match = amounts[0]
        before = fact[: match.start()].split()[-3:]
        while before and (before[0].lower() in _LEADING or before[0].lower().strip(",.") in _MONTHS):
            before = before[1:]
        value = " ".join([*before, match.group(0)]).strip()
        if value in fact:  # the check looks for it verbatim in the deliverable and the collaborator's answer
            return value
    words = fact.rstrip(".").split()
    for i, word in enumerate(words):
        clean = word.strip(",.;:()")
        if not clean[:1].isupper() or clean.lower() in _LEADING or clean.lower() in _MONTHS:
            continue
        phrase = [clean]
        for nxt in words[i + 1 : i + 5]:
            if nxt.endswith((",", ";", ":")):
                phrase.append(nxt.rstrip(",;:"))
                break
            phrase.append(nxt)
        candidate = " ".join(phrase)
        if candidate in fact:
            return candidate
    return " ".join(words[:5])


_IRREGULAR = {
    "running": "run",
    "auditing": "audit",
    "editing": "edit",
    "budgeting": "budget",
    "modelling": "model",
    "writing": "write",
    "rewriting": "rewrite",
    "developing": "develop",
    "tidying": "tidy",
    "quoting": "quote",
}


def _imperative(word: str) -> str:
    """'Preparing' -> 'Prepare', 'Chasing' -> 'Chase', 'Planning' -> 'Plan', 'Retraining' -> 'Retrain'.

    Example:
        >>> [_imperative(w) for w in ("Quoting", "Issuing", "Continuing", "Budgeting", "Running")]
        ['Quote', 'Issue', 'Continue', 'Budget', 'Run']
    """
    low = word.lower()
    if low in _IRREGULAR:
        out = _IRREGULAR[low]
    elif not low.endswith("ing") or len(low) < 6:
        return word
    else:
        out = low[:-3]
        if len(out) > 2 and out[-1] == out[-2] and out[-1] in "nptgmd":
            out = out[:-1]
        elif (
            out.endswith(("v", "c", "z", "u"))  # 'issuing' -> 'issue', 'valuing' -> 'value'
            or (re.search(r"[aeiouy]s$", out) and not out.endswith("ss"))
            or re.search(r"[aeiou]g$", out)
            or (re.search(r"[^aeiou]l$", out) and not out.endswith("ll"))
            or (out.endswith("at") and not out.endswith(("eat", "oat")))
            or (
                re.search(r"[^aeiou][aeiouy][bdklmnprt]$", out)
                and not out.endswith(("er", "en", "on", "el", "it", "et", "op", "om", "or", "ow", "ew"))
            )
        ):
            out += "e"
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def _objective_title(p: _Project, n: int, seed: int, setting: str = "corporate") -> str:
    """A professional objective title from the project's description (its focus), e.g. 'Prepare the trial master
    file for an inspection and get sign-off on the open decisions'."""
    text = clean_name(p.description.strip().rstrip("."))
    name = clean_name(p.name)
    first, _, rest = text.partition(" ")
    verb = _imperative(first)
    if verb != first and rest:  # one mood all through: 'Renegotiate X and consolidate Y', not '... consolidating'
        rest = re.sub(r"\b(and|then|or) (\w+ing)\b", lambda m: f"{m.group(1)} {_imperative(m.group(2))}", rest)
        title = f"{verb} {rest}"
    elif text and len(text) <= 80:
        title = f"Deliver {name}: {text[:1].lower() + text[1:]}"
    else:
        title = f"Deliver {name} with current figures"
    if not re.search(r"\b(before|after|ahead of|for|by)\b", rest) and len(title) < 70:
        finish: list[str] = working_bank(setting, "setter")["finish"]
        title = f"{title} {finish[(n + seed) % len(finish)]}"
    elif p.status in ("completed", "cancelled"):
        title = f"{title}: wrap-up and lessons learned"
    return title[:1].upper() + title[1:]


def _slug(text: str, limit: int = 48) -> str:
    """A file-name stem of a title: accents folded, cut at a word (never mid-word) within ``limit`` characters.

    Example:
        >>> _slug("Neighbourhood repair café: key points from the meeting minutes")
        'Neighbourhood_repair_cafe_key_points'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in re.split(r"[^A-Za-z0-9]+", folded) if w]
    kept: list[str] = []
    for word in words:
        if kept and len("_".join([*kept, word])) > limit:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].casefold() in _TRAILING:  # "..._key_points_from_the" ends on a word that leads
        kept.pop()
    return "_".join(kept)[:limit] or "deliverable"


_TRAILING = frozenset({"a", "an", "the", "of", "for", "from", "to", "and", "on", "in", "with", "by", "at", "or"})
"""Words that lead into what follows: a file name cut after them reads as cut off."""


def _plan(
    ctx: _Context,
    projects: list[_Project],
    sheets: dict[str, str],
    results: dict[tuple[str, str], str],
    feedback: str,
    seed: int,
) -> dict[str, Any]:
    grounded = [p for p in projects if p.pid in sheets] or projects
    chosen = grounded[: max(3, min(5, len(grounded)))]
    while len(chosen) < 3 and projects:
        chosen.append(projects[len(chosen) % len(projects)])
    manager = next(
        (x.ident for x in ctx.people if x.relationship == "manager"), ctx.people[0].ident if ctx.people else ""
    )
    in_time = {x.ident for x in ctx.people if answer_day(x.reply_hours, x.late) <= ctx.workdays}
    if manager not in in_time:
        manager = ""  # a review that would come after the run is not asked for
    used: set[tuple[str, str]] = set()
    words: dict[str, Any] = working_bank(ctx.setting, "setter")
    raw: list[dict[str, Any]] = []
    pending: list[tuple[dict[str, Any], _Project, tuple[str, str, str] | None]] = []
    for n, p in enumerate(chosen, start=1):
        sheet = sheets.get(p.pid)
        text = _workbook_text(sheet, results) if sheet else ""
        picked = _pick_value(text) if sheet else None
        fact = _fact_for(ctx, p, used)
        docs = _documents(ctx, p, results, _avoided(feedback))
        own = _kind_document(p, _avoided(feedback))
        # the data and one document: the project's own kind of paper when it has one (and, when that paper is the
        # workbook, a written paper of the project beside it), else its newest note
        paper = ([own[0]] if own[0] != sheet else [_companion(p, own, _avoided(feedback)) or ""]) if own else []
        grounding = list(dict.fromkeys(([sheet] if sheet else []) + ([x for x in paper if x] or docs[:1])))
        kinds = _KIND_CYCLE[(n - 1 + seed) % len(_KIND_CYCLE)]
        deliverables: list[dict[str, Any]] = []
        for m, kind in enumerate(kinds, start=1):
            title = _kind_title(kind, p, own, ctx.setting)
            checks: list[dict[str, Any]] = [{"type": "exists"}]
            if picked is not None and (m <= 2 or kind != "md"):
                checks.append(
                    {
                        "type": "quotes_value",
                        "source": sheet,
                        "locator": picked[0],
                        "value": picked[1],
                        "label": picked[2],
                    }
                )
            inputs = []
            if fact is not None and m <= 2:
                person, topic, statement = fact
                checks.append(
                    {
                        "type": "states_fact",
                        "collaborator": person.ident,
                        "topic": topic,
                        "value": _fact_value(statement),
                    }
                )
                inputs.append(
                    {
                        "collaborator": person.ident,
                        "topic": topic,
                        "question": f"What is the latest on {topic}? I need it for the {title}.",
                    }
                )
            if kind in ("docx", "md"):
                checks.append({"type": "has_headings", "headings": ["Summary", "Key figures", "Next steps"]})
                checks.append({"type": "min_words", "count": 180 if kind == "docx" else 120})  # notes are shorter
            elif kind == "xlsx":
                checks.append({"type": "has_sheets", "sheets": ["Summary", "Data"]})
            elif kind == "pptx":
                checks.append({"type": "min_slides", "count": 4})
            reviewer = (fact[0].ident if fact is not None else manager) if m == 1 else ""
            if reviewer:
                checks.append({"type": "sent_to", "collaborator": reviewer})
            deliverables.append(
                {
                    "deliverable_id": f"o{n}-d{m}",
                    "path": f"{p.folder}/{_slug(title)}_o{n}.{kind}",
                    "kind": kind,
                    "title": title[:1].upper() + title[1:],
                    "audience": words["pptx_audience"] if kind == "pptx" else words["audience"],
                    "description": f"{title[:1].upper() + title[1:]}"
                    # a title that names its project already says whose it is ("... for Trial master file")
                    + ("" if clean_name(p.name).casefold() in title.casefold() else f" for {clean_name(p.name)}")
                    + ": "
                    f"{clean_name(p.description.rstrip('.'))}, with the current figures"
                    + (
                        f", what the {own[1][:1].lower() + own[1][1:]} ({own[0].rsplit('/', 1)[-1]}) says,"
                        if own
                        else ""
                    )
                    + " and the open points.",
                    "acceptance_checks": checks,
                    "rubric": [
                        {"rubric_id": f"o{n}-d{m}-r1", "criterion": "Numbers match the grounding files exactly."},
                        {"rubric_id": f"o{n}-d{m}-r2", "criterion": "Clear, professional structure for the audience."},
                    ],
                    "grounding_files": grounding,
                    "collaborator_inputs": inputs,
                    "due_day": 1,
                    "effort_hours": _effort(kind, grounding, checks),
                }
            )
        pending += [(d, p, own) for d in deliverables]
        raw.append(
            {
                "objective_id": f"o{n}",
                "title": _objective_title(p, n, seed, ctx.setting),
                "why": f"{clean_name(p.name)} is {p.status.replace('_', ' ')} and needs current figures and decisions "
                "this month.",
                "deliverables": deliverables,
                "grounding_files": grounding,
                "collaborators": sorted({c["collaborator"] for d in deliverables for c in d["collaborator_inputs"]}),
                "due_day": 1,
                "effort_hours": 1,
            }
        )
    if ctx.workdays < 5:  # a short run: the smallest plan (3 objectives of 2 deliverables)
        raw = raw[:3]
        for objective in raw:
            objective["deliverables"] = objective["deliverables"][:2]
    _schedule(raw, ctx.workdays, {x.ident: answer_day(x.reply_hours, x.late) for x in ctx.people})
    _fit_titles(ctx, raw, pending)
    return {
        "computer_id": ctx.computer_id,
        "start_date": ctx.start,
        "workdays": ctx.workdays,
        "objectives": raw,
        "notes": "Written by the scripted objective setter after exploring the computer."
        + (" Revised after validation feedback." if feedback else ""),
    }


def _fit_titles(
    ctx: _Context,
    objectives: list[dict[str, Any]],
    pending: list[tuple[dict[str, Any], _Project, tuple[str, str, str] | None]],
) -> None:
    """Once the due days are set: a standing paper's title names the period it is due in, and season and quarter
    words follow the calendar at each due date where the user lives (a spring tour is not booked in July); the path,
    the description and the question asked for it follow the title."""
    start = date.fromisoformat(ctx.start)
    kept = {id(d) for o in objectives for d in o["deliverables"]}
    for d, p, own in pending:
        if id(d) not in kept:
            continue
        due = workday_date(start, d["due_day"])
        old = d["title"]
        title = fit_calendar(_kind_title(d["kind"], p, own, ctx.setting, due), due, ctx.south)
        title = title[:1].upper() + title[1:]
        d["title"] = title
        d["path"] = d["path"].rsplit("/", 1)[0] + f"/{_slug(title)}_{d['deliverable_id'].split('-')[0]}.{d['kind']}"
        d["description"] = fit_calendar(d["description"].replace(old, title, 1), due, ctx.south)
        for need in d["collaborator_inputs"]:
            need["question"] = f"What is the latest on {need['topic']}? I need it for the {title}."
    for o in objectives:
        o["title"] = fit_calendar(o["title"], workday_date(start, o["due_day"]), ctx.south)
        o["why"] = fit_calendar(o["why"], workday_date(start, o["due_day"]), ctx.south)


HOURS_PER_DAY = 7.0
"""Hours of deliverable work a planned day holds (the rest of an 8-hour day goes to mail, meetings, admin)."""


def _schedule(objectives: list[dict[str, Any]], workdays: int, answer_days: dict[str, int] | None = None) -> None:
    """Scale efforts to the run's working hours (7 a day; never past a kind's :data:`EFFORT_CAP`: the rest of the
    month is the person's regular work) and set due days along the cumulative effort, so that the work due by any
    day fits the days before it and the due dates spread over the run; a deliverable needing a collaborator's fact
    or review is not due before the day that person's answer can be in (``answer_days``)."""
    items = [d for o in objectives for d in o["deliverables"]]
    budget = workdays * HOURS_PER_DAY
    total = sum(d["effort_hours"] for d in items) or 1.0
    scale = min(_MAX_STRETCH, budget / total)
    floor = min(1.0, budget / max(1, len(items)) / 2)
    cumulative = 0.0
    for d in items:
        cap = EFFORT_CAP.get(str(d.get("kind")), 8.0)
        d["effort_hours"] = max(min(floor, cap), min(cap, d["effort_hours"] * scale))
    total = sum(d["effort_hours"] for d in items)
    if total > budget:  # the floor pushed it over: shrink all alike
        for d in items:
            d["effort_hours"] *= budget / total
    for d in items:
        d["effort_hours"] = math.floor(d["effort_hours"] * 10) / 10 or 0.1
    total = sum(d["effort_hours"] for d in items)
    for d in items:
        cumulative += d["effort_hours"]
        d["due_day"] = max(min(2, workdays), min(workdays, math.ceil(cumulative / total * workdays)))
        asked = [c["collaborator"] for c in d["collaborator_inputs"]]
        asked += [c["collaborator"] for c in d["acceptance_checks"] if c.get("type") == "sent_to"]  # reviewers
        waits = [(answer_days or {}).get(who, 1) for who in asked]
        d["due_day"] = min(workdays, max([d["due_day"], *waits]))
    for o in objectives:
        o["due_day"] = max(d["due_day"] for d in o["deliverables"])
        o["effort_hours"] = round(sum(d["effort_hours"] for d in o["deliverables"]), 1)
