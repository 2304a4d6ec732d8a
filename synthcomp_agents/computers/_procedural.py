"""The procedural (offline, seeded) computer generator.

Stages: profile -> collaborators -> projects -> filesystem policy -> core artifacts per project (rendered in
dependency order with a facts ledger, so quoted numbers agree) -> background -> shape tuning against the realism
bands -> disk with times and authors -> blueprint.

Example:
    >>> from synthcomp_agents.computers import ProceduralComputerGenerator
    >>> c = ProceduralComputerGenerator().generate("A buyer at a car parts maker in Stuttgart", seed=1)
    >>> len(c.blueprint.project_index.projects) >= 6 and len(c.blueprint.core_files()) >= 120
    True
"""

from __future__ import annotations

import hashlib
import posixpath
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from synthcomp_agents._version import __version__
from synthcomp_agents.disk import DEFAULT_INSTANT, OSFlavor, VirtualDisk
from synthcomp_agents.office import (
    Attachment,
    ColumnSpec,
    DocProperties,
    DocumentSpec,
    EmailSpec,
    Heading,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_csv,
    write_docx,
    write_eml,
    write_ics,
    write_markdown,
    write_pdf,
    write_pptx,
    write_xlsx,
)
from synthcomp_agents.personas import COUNTRIES, INDUSTRIES, OCCUPATIONAL_FAMILIES, Persona

from ._background import cheap_jpeg, cheap_png, installer_zip, text_bytes
from ._blueprint import (
    CareerEntry,
    CollaborationContext,
    Collaborator,
    ComputerBlueprint,
    DocumentHabits,
    FileEdge,
    FileGraph,
    FilesystemPolicy,
    PlannedFile,
    PrivateFact,
    Project,
    ProjectIndex,
    UserProfile,
    kind_for_path,
    to_identifier,
)
from ._content import (
    Facts,
    Person,
    ProjectDomain,
    build_brief,
    build_calendar,
    build_csv,
    build_deck,
    build_notes,
    build_register,
    build_report,
    build_status_md,
    build_workbook,
    fmt_num,
    make_rows,
    revise_rows,
    workbook_facts,
)
from ._generator import GeneratedComputer, computer_id_for, resolve_persona
from ._names import INDUSTRY_SECTOR, company_name, counterpart_words, domain_for, person_name, slug, time_zone_for

__all__ = ["ProceduralComputerGenerator"]

_UTC = timezone.utc
_BAD = re.compile(r'[<>:"|?*/\\]+')
_RELATIONSHIPS = ("peer", "cross_functional", "direct_report", "client", "vendor", "external_partner", "mentor")
_STYLES = (
    "short, direct e-mails; answers in bullet points",
    "friendly and chatty; often replies with questions",
    "formal; expects an agenda before any call",
    "replies late in the evening, in long detailed messages",
    "prefers a quick call over e-mail; confirms decisions in one line",
    "precise; always asks for the source of a number",
)
_FALLBACK_COUNTRIES = ("United States", "United Kingdom", "Germany", "France", "Spain", "Netherlands", "Canada",
                      "India", "Australia", "Ireland", "Italy", "Sweden")  # fmt: skip
_TECH = {"software_engineering", "data_analytics", "it_administration"}


def _safe(name: str, limit: int = 60) -> str:
    name = _BAD.sub("-", name).strip().rstrip(". ")
    return name[:limit].rstrip(". -") or "Untitled"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _project_name(focus: str) -> str:
    words = focus.split()
    rest = words[1:] if words and words[0].endswith("ing") else words
    if rest and rest[0] in ("out", "up", "down", "through", "off", "over", "back"):
        rest = rest[1:]
    phrase = " ".join(rest)
    for cut in (
        " and ",
        " for ",
        " after ",
        " with ",
        " ahead of ",
        " before ",
        " under ",
        " between ",
        " across ",
        " to ",
        " from ",
        " against ",
        " in ",
        " at ",
        " on ",
        " by ",
    ):
        head = phrase.split(cut)[0]
        if cut in phrase and len(head.split()) >= 2:
            phrase = head
            break
    phrase = re.sub(r"^(the|a|an|our|its|their)\s+", "", phrase)
    phrase = re.sub(r"\bspreadsheet", "sheet", re.sub(r"\bworkbook", "model", phrase, flags=re.I), flags=re.I)
    return _safe(_cap(" ".join(phrase.split()[:6])), 48)


_MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class _File:
    path: str
    kind: str
    purpose: str
    project_id: str | None
    author: str
    created: datetime
    modified: datetime
    data: bytes
    role: str = "core"


@dataclass
class _State:
    rng: random.Random
    persona: Persona
    os: OSFlavor
    now: datetime
    tz: ZoneInfo
    files: dict[str, _File] = field(default_factory=dict)
    edges: list[FileEdge] = field(default_factory=list)
    folders: set[str] = field(default_factory=set)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    formula_books: set[bytes] = field(default_factory=set)

    def at(self, day: date, hour: int | None = None) -> datetime:
        """A working-hours instant on ``day`` in the user's zone, as UTC, never after now."""
        h = hour if hour is not None else self.rng.randint(8, 17)
        local = datetime(day.year, day.month, day.day, h, self.rng.randint(0, 59), tzinfo=self.tz)
        when = local.astimezone(_UTC)
        return self.work(min(when, self.now - timedelta(minutes=self.rng.randint(5, 600))))

    def work(self, when: datetime) -> datetime:
        """Move an instant forward into working hours (Mon-Fri, 08:00-19:00 local), unless that passes now."""
        local = when.astimezone(self.tz)
        if local.hour >= 19:
            local = (local + timedelta(days=1)).replace(hour=8)
        elif local.hour < 8:
            local = local.replace(hour=8)
        while local.weekday() >= 5:
            local = (local + timedelta(days=1)).replace(hour=8)
        moved = local.astimezone(_UTC)
        return moved if moved <= self.now - timedelta(minutes=5) else when

    def unique(self, path: str) -> str:
        if path not in self.files:
            return path
        stem, ext = posixpath.splitext(path)
        i = 2
        while f"{stem} ({i}){ext}" in self.files:
            i += 1
        return f"{stem} ({i}){ext}"

    def add(
        self,
        path: str,
        data: bytes,
        *,
        purpose: str,
        author: str,
        created: datetime,
        modified: datetime | None = None,
        project_id: str | None = None,
        role: str = "core",
        sources: tuple[tuple[str, str, str], ...] = (),
    ) -> str:
        path = self.unique(path)
        modified = modified if modified is not None else created
        if role == "core":
            created = self.work(created)
            modified = self.work(max(modified, created))
        for src, _etype, _note in sources:
            s = self.files[src]
            created = max(created, s.created)
            modified = max(modified, s.modified, created)
        self.files[path] = _File(
            path, kind_for_path(path), purpose, project_id, author, created, max(modified, created), data, role
        )
        for src, etype, note in sources:
            self.edges.append(FileEdge(source=src, target=path, type=etype, note=note))
        parent = posixpath.dirname(path)
        while parent:
            self.folders.add(parent)
            parent = posixpath.dirname(parent)
        return path


class ProceduralComputerGenerator:
    """Offline, seeded generator of content-rich synthetic computers.

    Args:
        now: The simulated "now" (end of the generated history; the simulation month starts here). Defaults to the
            disk's default instant (2026-01-05 09:00 UTC).

    Example:
        >>> gen = ProceduralComputerGenerator()
        >>> a = gen.generate("Krankenschwester in Köln", seed=5)
        >>> a.blueprint.user_profile.location.endswith("Germany")
        True
    """

    name = "procedural"

    def __init__(self, *, now: datetime | None = None) -> None:
        self.now = (now or DEFAULT_INSTANT).astimezone(_UTC)

    def generate(self, persona: Persona | str, *, seed: int, os: OSFlavor | None = None) -> GeneratedComputer:
        """Generate a computer (see :class:`~synthcomp_agents.computers.ComputerGenerator`)."""
        p = resolve_persona(persona)
        digest = hashlib.sha256(f"{p.persona_id}|{seed}|{os or ''}".encode()).hexdigest()
        rng = random.Random(int(digest[:16], 16))
        return _Run(p, seed, os, rng, self.now).run(self.name)


class _Run:
    def __init__(self, persona: Persona, seed: int, os: OSFlavor | None, rng: random.Random, now: datetime) -> None:
        self.persona = persona
        self.seed = seed
        self.forced_os = os
        self.rng = rng
        self.now = now
        self.family = OCCUPATIONAL_FAMILIES[persona.family]

    # -- stage 1: profile ----------------------------------------------------------------------------------------------

    def profile(self) -> None:
        rng, p = self.rng, self.persona
        country = p.country if p.country and p.country in COUNTRIES else rng.choice(_FALLBACK_COUNTRIES)
        c = COUNTRIES[country]
        city = p.city or rng.choice(c.cities)
        self.country, self.city, self.currency = country, city, c.currency
        self.cities = c.cities
        self.taken_people: set[str] = set()
        self.taken_orgs: set[str] = set()
        name = person_name(rng, country, self.taken_people)
        industry = INDUSTRIES[p.industry]
        sector = rng.choice(INDUSTRY_SECTOR.get(p.industry, ("Group",)))
        self.counterparts = counterpart_words(p.family, p.industry)
        own_trade = INDUSTRY_SECTOR.get(p.industry, ())
        self.org = company_name(rng, country, sector=sector, taken=self.taken_orgs)
        self.org_short = _safe(self.org.split()[0], 30)
        self.domain = domain_for(self.org, country)
        if self.forced_os:
            os_name: OSFlavor = self.forced_os
        elif p.family in _TECH:
            os_name = rng.choice(["linux", "macos", "macos", "windows"])
        elif p.family == "design_ux":
            os_name = "macos"
        else:
            os_name = rng.choice(["windows", "windows", "windows", "macos", "macos", "linux"])
        self.os = os_name
        first, last = name.split()[0], name.split()[-1]
        if os_name == "macos":
            username = slug(first) or "user"
        elif os_name == "windows":
            username = (slug(first)[:1] + slug(last)) or "user"
        else:
            username = slug(first)[:1] + slug(last) or "user"
        self.username = username[:32]
        email = f"{slug(first, '')}.{slug(last, '')}@{self.domain}"
        text = p.text.lower()
        if any(w in text for w in ("messy", "pile", "never deletes", "desktop", "screenshots of everything")):
            tidiness = "messy"
        elif any(w in text for w in ("tidy", "organis", "organiz", "colour-coded", "color-coded", "folders by")):
            tidiness = "tidy"
        else:
            tidiness = rng.choice(["tidy", "average", "average", "messy"])
        self.tidiness = tidiness
        years_exp = {
            "intern": 0,
            "junior": 2,
            "mid": 5,
            "senior": 9,
            "lead": 11,
            "manager": 13,
            "director": 17,
            "executive": 22,
        }[p.seniority] + rng.randint(0, 4)
        start_here = self.now.year - rng.randint(1, min(6, max(1, years_exp)) if years_exp else 1)
        career: list[CareerEntry] = []
        year = self.now.year - years_exp
        for level in ("junior", "mid", "senior"):
            if year + 2 >= start_here:
                break
            nxt = min(start_here, year + rng.randint(2, 5))
            career.append(
                CareerEntry(
                    employer=company_name(rng, country, taken=self.taken_orgs, words=own_trade),
                    role=_cap(rng.choice(self.family.roles[level])),
                    start_year=year,
                    end_year=nxt,
                )
            )
            year = nxt
        self.old_employer = (
            career[-1].employer if career else company_name(rng, country, taken=self.taken_orgs, words=own_trade)
        )
        career.append(CareerEntry(employer=self.org, role=_cap(p.occupation), start_year=start_here))
        self.user = Person(name, _cap(p.occupation), email, self.org)
        naming = {"tidy": "<YYYY-MM-DD>_<Topic>_v<N>", "average": "<Topic> <Mon YYYY>", "messy": "<topic> final (2)"}[
            tidiness
        ]
        self.habits = DocumentHabits(
            tidiness=tidiness,
            naming_pattern=naming,
            versioning_style={"tidy": "_v2", "average": "_v2 / _final", "messy": "final, FINAL, (1) copies"}[tidiness],
            archiving_habit={
                "tidy": "moves closed projects to Archive/<YYYY> each January",
                "average": "archives now and then",
                "messy": "never archives; old versions pile up",
            }[tidiness],
            desktop_clutter={"tidy": "low", "average": "medium", "messy": "high"}[tidiness],
        )
        tools = list(self.family.tools)
        rng.shuffle(tools)
        jargon = list(self.family.jargon)
        rng.shuffle(jargon)
        self.profile_model = UserProfile(
            name=name,
            role=_cap(p.occupation),
            employer=self.org,
            industry=industry.label,
            seniority=p.seniority,
            location=f"{city}, {country}",
            time_zone=time_zone_for(country, city),
            os=os_name,
            username=self.username,
            email=email,
            career_history=career,
            skills=[_cap(j) for j in jargon[:5]] + [_cap(m) for m in self.family.key_metrics[:2]],
            tools_used=tools[:5],
            working_style=_cap(p.text.split(";")[-1].strip().rstrip(".")) + "."
            if ";" in p.text
            else rng.choice(
                [
                    "Plans the week on Monday morning and blocks focus time.",
                    "Works in short bursts between meetings; answers e-mail in batches.",
                    "Keeps a running to-do list and reviews it every evening.",
                ]
            ),
            document_habits=self.habits,
        )
        self.tz = ZoneInfo(self.profile_model.time_zone)

    # -- stage 2: collaborators ---------------------------------------------------------------------------------------

    def collaborators(self) -> None:
        rng = self.rng
        n = rng.randint(5, 8)
        roles = list(self.family.collaborators)
        rng.shuffle(roles)
        senior = {
            "intern": "mid",
            "junior": "senior",
            "mid": "lead",
            "senior": "manager",
            "lead": "manager",
            "manager": "director",
            "director": "executive",
            "executive": "executive",
        }[self.persona.seniority]
        people: list[tuple[str, str, str]] = [(_cap(rng.choice(self.family.roles[senior])), "manager", self.org)]  # type: ignore[index]
        for i in range(n - 1):
            role = _cap(roles[i % len(roles)])
            rel = rng.choice(_RELATIONSHIPS)
            external = rel in ("client", "vendor", "external_partner") or any(
                w in role.lower()
                for w in (
                    "external",
                    "provider",
                    "vendor",
                    "supplier",
                    "client",
                    "auditor",
                    "agency",
                    "consultant",
                    "regulator",
                    "funder",
                )
            )
            if external and rel not in ("client", "vendor", "external_partner"):
                rel = "external_partner"
            if not external and rel in ("client", "vendor", "external_partner"):
                rel = "cross_functional"
            org = self.org
            if external:
                org = company_name(rng, self.country, taken=self.taken_orgs, words=self.counterparts)
            people.append((role, rel, org))
        self.people: list[Person] = []
        self.collab_meta: list[tuple[str, str]] = []
        for role, rel, org in people:
            name = person_name(rng, self.country, self.taken_people)
            first, last = name.split()[0], name.split()[-1]
            email = f"{slug(first)}.{slug(last)}@{domain_for(org, self.country)}"
            ident = to_identifier(name)
            self.people.append(Person(name, role, email, org, ident))
            self.collab_meta.append((rel, rng.choice(_STYLES)))

    # -- stage 3: projects ------------------------------------------------------------------------------------------

    def projects(self) -> None:
        rng = self.rng
        focuses = list(self.family.focuses)
        if self.persona.text:
            own = [f for f in focuses if f.split()[0] in self.persona.text]
            for f in own:
                focuses.remove(f)
                focuses.insert(0, f)
        first = focuses[:1]
        rest = focuses[1:]
        rng.shuffle(rest)
        focuses = first + rest
        n_proj = rng.randint(6, 7)
        today = self.now.date()
        self.project_list: list[dict[str, Any]] = []
        names: set[str] = set()
        for i in range(n_proj):
            focus = focuses[i % len(focuses)]
            name = _project_name(focus)
            if name.casefold() in names:
                name = f"{name} {i + 1}"
            names.add(name.casefold())
            if i == 0:
                start = today - timedelta(days=rng.randint(40, 90))
                end = today + timedelta(days=rng.randint(20, 60))
            else:
                start = today - timedelta(days=rng.randint(60, 700))
                end = start + timedelta(days=rng.randint(50, 160))
            status = "active" if end >= today else ("completed" if rng.random() < 0.9 else "cancelled")
            stake = rng.sample(range(len(self.people)), k=min(len(self.people), rng.randint(3, 4)))
            if 0 not in stake and rng.random() < 0.6:
                stake[0] = 0
            self.project_list.append(
                {
                    "id": f"p{i + 1:02d}",
                    "name": name,
                    "focus": focus,
                    "start": start,
                    "end": end,
                    "status": status,
                    "stake": stake,
                    "kind": "project",
                }
            )
        meetings = list(self.family.recurring_meetings)
        rng.shuffle(meetings)
        reports = list(self.family.report_types)
        rng.shuffle(reports)
        for j in range(2):
            rep = reports[j % len(reports)]
            name = _safe(_cap(f"{rng.choice(['Monthly', 'Weekly', 'Quarterly'])} {rep}"), 48)
            if name.casefold() in names:
                name = f"{name} ({j + 1})"
            names.add(name.casefold())
            start = today - timedelta(days=rng.randint(365, 1000))
            self.project_list.append(
                {
                    "id": f"r{j + 1:02d}",
                    "name": name,
                    "focus": f"producing the {rep}",
                    "start": start,
                    "end": None,
                    "status": "active",
                    "stake": rng.sample(range(len(self.people)), k=2),
                    "kind": "recurring",
                    "meeting": meetings[j % len(meetings)],
                }
            )

    # -- stage 4: filesystem policy ------------------------------------------------------------------------------------

    def policy(self) -> None:
        os_name = self.os
        dept = _safe(self.family.label.replace("&", "and"), 40)
        if os_name == "macos":
            self.top = ["Desktop", "Documents", "Downloads", "Pictures", "Movies", "Music", "Public"]
            self.work_root = f"Documents/{self.org_short}/{dept}"
        elif os_name == "windows":
            onedrive = _safe(f"OneDrive - {self.org_short}")
            self.top = [
                "Desktop",
                "Documents",
                "Downloads",
                "Pictures",
                "Music",
                "Videos",
                onedrive,
                "Contacts",
                "Favorites",
                "Links",
                "Saved Games",
                "Searches",
            ]
            self.work_root = f"{onedrive}/Documents/{dept}"
        else:
            self.top = ["Desktop", "Documents", "Downloads", "Music", "Pictures", "Public", "Templates", "Videos"]
            self.work_root = f"Documents/{self.org_short}/{dept}"
        self.projects_root = f"{self.work_root}/Projects"
        self.attachments = (
            f"{self.top[6]}/Attachments" if os_name == "windows" else f"Documents/{self.org_short}/Attachments"
        )

    def project_folder(self, proj: dict[str, Any]) -> str:
        start: date = proj["start"]
        if proj["kind"] == "recurring":
            return f"{self.work_root}/{proj['name']}"
        if self.tidiness == "tidy":
            return f"{self.projects_root}/{start.year}/{start.year}-{start.month:02d} {proj['name']}"
        if self.tidiness == "average":
            return f"{self.projects_root}/{proj['name']}"
        return f"{self.work_root}/{proj['name']}"

    def sub(self, folder: str, what: str) -> str:
        tidy = {
            "admin": "",
            "data": "01 Data",
            "raw": "01 Data",
            "reports": "02 Reports",
            "drafts": "02 Reports",
            "meetings": "03 Meetings",
            "mail": "04 Correspondence",
            "slides": "02 Reports",
        }
        avg = {
            "admin": "",
            "data": "Data",
            "raw": "Data",
            "reports": "Reports",
            "drafts": "Reports",
            "meetings": "Meetings",
            "mail": "Emails",
            "slides": "Reports",
        }
        messy = {
            "admin": "",
            "data": "",
            "raw": "",
            "reports": "",
            "drafts": "old",
            "meetings": "notes",
            "mail": "emails",
            "slides": "",
        }
        table = {"tidy": tidy, "average": avg, "messy": messy}[self.tidiness]
        part = table[what]
        return f"{folder}/{part}" if part else folder

    def name(self, topic: str, ext: str, day: date, version: int | None = None, final: bool = False) -> str:
        topic = _safe(topic, 56)
        if self.tidiness == "tidy":
            v = f"_v{version}" if version else ""
            return f"{day.isoformat()}_{topic.replace(' ', '_')}{v}.{ext}"
        if self.tidiness == "average":
            v = f"_v{version}" if version and version > 1 else ""
            fin = "_final" if final else ""
            return f"{topic} {day.strftime('%b %Y')}{v}{fin}.{ext}"
        v = " v2" if version and version > 1 else ""
        fin = " FINAL" if final else ""
        return f"{topic.lower()}{v}{fin}.{ext}"

    # -- stage 5/6: core artifacts -------------------------------------------------------------------------------------

    def props(self, title: str, author: str, created: datetime, modified: datetime, subject: str) -> DocProperties:
        return DocProperties(
            title=title, author=author, last_modified_by=author, subject=subject, created=created, modified=modified
        )

    def core(self, st: _State) -> None:
        rng = st.rng
        self.deck_projects = set(rng.sample([p["id"] for p in self.project_list if p["kind"] == "project"], k=4))
        for proj in self.project_list:
            if proj["kind"] == "project":
                self.core_project(st, proj)
            else:
                self.core_recurring(st, proj)

    def make_domain(self, proj: dict[str, Any], rng: random.Random, data_end: date) -> ProjectDomain:
        people = [self.people[i] for i in proj["stake"]]
        end = data_end
        return ProjectDomain.build(
            rng,
            self.family,
            project=proj["name"],
            focus=proj["focus"],
            user=self.user,
            people=people,
            org=self.org,
            currency=self.currency,
            country=self.country,
            cities=self.cities,
            start=proj["start"],
            end=min(end, self.now.date()),
            taken_orgs=self.taken_orgs,
            industry=self.persona.industry,
        )

    def core_project(self, st: _State, proj: dict[str, Any]) -> None:
        rng = st.rng
        today = self.now.date()
        start: date = proj["start"]
        end: date = min(proj["end"], today - timedelta(days=1))
        span = max((end - start).days, 20)

        def day(frac: float) -> date:
            return start + timedelta(days=int(span * frac))

        d = self.make_domain(proj, rng, day(0.45))
        proj["domain"] = d
        pid = proj["id"]
        folder = self.project_folder(proj)
        proj["folder"] = folder

        me = self.user.name
        # brief v1 / v2
        t = st.at(day(0.02))
        title = f"{d.project}: project brief"
        spec = build_brief(
            d,
            title=title,
            version=1,
            start=start,
            end=proj["end"] - timedelta(days=14),
            rng=rng,
            props=self.props(title, me, t, st.work(t + timedelta(hours=3)), d.project),
        )
        brief1 = st.add(
            f"{self.sub(folder, 'admin')}/{self.name(d.project + ' brief', 'docx', day(0.02), 1)}",
            write_docx(spec),
            purpose=f"Project brief for {d.project}",
            author=me,
            created=t,
            modified=st.work(t + timedelta(hours=3)),
            project_id=pid,
        )
        t2 = st.at(day(0.2))
        spec2 = build_brief(
            d,
            title=title,
            version=2,
            start=start,
            end=proj["end"],
            rng=rng,
            props=self.props(title, me, t2, st.work(t2 + timedelta(hours=2)), d.project),
        )
        brief2 = st.add(
            f"{self.sub(folder, 'admin')}/{self.name(d.project + ' brief', 'docx', day(0.2), 2)}",
            write_docx(spec2),
            purpose="Revised brief with the new close-out date",
            author=me,
            created=t2,
            modified=st.work(t2 + timedelta(hours=2)),
            project_id=pid,
            sources=((brief1, "version_of", "close-out date moved, reviewer added"),),
        )
        # data
        rows = make_rows(d, rng)
        facts1 = workbook_facts(rows)
        t3 = st.at(day(0.45))
        csv_path = st.add(
            f"{self.sub(folder, 'raw')}/{_safe(slug(d.tool, '_'))}_export_{day(0.45).isoformat()}.csv",
            write_csv(build_csv(facts1, d)),
            purpose=f"Raw {d.tool} extract",
            author=me,
            created=t3,
            project_id=pid,
        )
        st.facts[csv_path] = {"total_plan": facts1.total_plan, "total_actual": facts1.total_actual}
        t4 = st.work(t3 + timedelta(hours=2))
        wb_title = f"{d.project} - {d.kind_label}"
        wb1_spec = build_workbook(
            d,
            facts1,
            title=wb_title,
            version_note="v1 (first cut)",
            changes=[],
            props=self.props(wb_title, me, t4, st.work(t4 + timedelta(hours=4)), d.project),
        )
        wb1 = st.add(
            f"{self.sub(folder, 'data')}/{self.name(d.kind_label, 'xlsx', day(0.45), 1)}",
            write_xlsx(wb1_spec),
            purpose=f"{_cap(d.kind_label)} tracking {d.metric}",
            author=me,
            created=t4,
            modified=st.work(t4 + timedelta(hours=4)),
            project_id=pid,
            sources=((csv_path, "input_to", "rows imported from the extract"),),
        )
        st.facts[wb1] = facts1.to_json()
        st.formula_books.add(hashlib.sha1(st.files[wb1].data).digest())
        # report v1
        t5 = st.work(st.files[wb1].modified + timedelta(days=2))
        rep_title = f"{_cap(d.report_type)}: {d.project}"
        wb1_name = posixpath.basename(wb1)
        r1_spec = build_report(
            d,
            facts1,
            title=rep_title,
            workbook_name=wb1_name,
            when=t5.date(),
            rng=rng,
            brief_name=posixpath.basename(brief2),
            props=self.props(rep_title, me, t5, st.work(t5 + timedelta(hours=5)), d.project),
        )
        rep1 = st.add(
            f"{self.sub(folder, 'drafts')}/{self.name(d.report_type, 'docx', t5.date(), 1)}",
            write_docx(r1_spec),
            purpose=f"Draft {d.report_type}",
            author=me,
            created=t5,
            modified=st.work(t5 + timedelta(hours=5)),
            project_id=pid,
            sources=((wb1, "derived_from", "quotes the Summary totals"), (brief2, "references", "scope")),
        )
        st.facts[rep1] = {"quotes": wb1, **facts1.quoted(d.unit)}
        # workbook v2 (restated)
        rows2 = revise_rows(rows, rng, d.money)
        facts2 = workbook_facts(rows2)
        t6 = st.work(st.files[rep1].modified + timedelta(days=rng.randint(4, 9)))
        changes = [
            (t6.date().isoformat(), me, f"{d.month_label(d.months[-1])} actuals restated from {d.tool}"),
            (t6.date().isoformat(), d.person(1).name, "Reviewed totals by " + d.entity_noun),
        ]
        wb2_spec = build_workbook(
            d,
            facts2,
            title=wb_title,
            version_note="v2 (restated)",
            changes=changes,
            props=self.props(wb_title, me, t6, st.work(t6 + timedelta(hours=3)), d.project),
        )
        wb2 = st.add(
            f"{self.sub(folder, 'data')}/{self.name(d.kind_label, 'xlsx', t6.date(), 2)}",
            write_xlsx(wb2_spec),
            purpose=f"{_cap(d.kind_label)}, restated",
            author=me,
            created=t6,
            modified=st.work(t6 + timedelta(hours=3)),
            project_id=pid,
            sources=((wb1, "version_of", "last month restated, change log added"),),
        )
        st.facts[wb2] = facts2.to_json()
        st.formula_books.add(hashlib.sha1(st.files[wb2].data).digest())
        # report v2 + pdf
        t7 = st.work(st.files[wb2].modified + timedelta(days=1))
        wb2_name = posixpath.basename(wb2)
        r2_spec = build_report(
            d,
            facts2,
            title=rep_title,
            workbook_name=wb2_name,
            when=t7.date(),
            rng=rng,
            previous=facts1,
            props=self.props(rep_title, me, t7, st.work(t7 + timedelta(hours=4)), d.project),
        )
        rep2 = st.add(
            f"{self.sub(folder, 'reports')}/{self.name(d.report_type, 'docx', t7.date(), 2, final=True)}",
            write_docx(r2_spec),
            purpose=f"Final {d.report_type}",
            author=me,
            created=t7,
            modified=st.work(t7 + timedelta(hours=4)),
            project_id=pid,
            sources=(
                (wb2, "derived_from", "quotes the restated totals"),
                (rep1, "version_of", "restated figures, change table added"),
            ),
        )
        st.facts[rep2] = {"quotes": wb2, **facts2.quoted(d.unit), "previous_actual": fmt_num(facts1.total_actual)}
        t8 = st.work(st.files[rep2].modified + timedelta(minutes=20))
        pdf_spec = r2_spec.model_copy(update={"properties": self.props(rep_title, me, t8, t8, d.project)})
        pdf = st.add(
            posixpath.splitext(rep2)[0] + ".pdf",
            write_pdf(pdf_spec),
            purpose="PDF export for circulation",
            author=me,
            created=t8,
            project_id=pid,
            sources=((rep2, "derived_from", "PDF export"),),
        )
        st.facts[pdf] = st.facts[rep2]
        # deck
        deck: str | None = None
        if pid in self.deck_projects:
            t9 = st.work(st.files[rep2].modified + timedelta(days=2))
            deck_title = f"{d.project}: {d.meeting}"
            n_slides = rng.randint(17, 23)
            deck_spec = build_deck(
                d,
                facts2,
                title=deck_title,
                report_name=posixpath.basename(rep2),
                when=t9.date(),
                rng=rng,
                n_slides=n_slides,
                props=self.props(deck_title, me, t9, st.work(t9 + timedelta(hours=6)), d.project),
            )
            deck = st.add(
                f"{self.sub(folder, 'slides')}/{self.name(d.project + ' update', 'pptx', t9.date())}",
                write_pptx(deck_spec),
                purpose=f"Deck for the {d.meeting}",
                author=me,
                created=t9,
                modified=st.work(t9 + timedelta(hours=6)),
                project_id=pid,
                sources=((rep2, "summarizes", "repeats the headline totals"),),
            )
            st.facts[deck] = {"quotes": wb2, **facts2.quoted(d.unit)}
        # meetings: calendar + notes
        base = st.files[deck].modified if deck else st.files[rep2].modified
        meeting_days = [base.date() + timedelta(days=1 + 14 * k) for k in range(3)]
        meeting_days = [m for m in meeting_days if m < today] or [base.date()]
        cal = build_calendar(d, days=meeting_days, tz_hour=10, uid_prefix=f"{pid}-{slug(d.project, '-')[:20]}")
        ics = st.add(
            f"{self.sub(folder, 'meetings')}/{_safe(d.project)} meetings.ics",
            write_ics(cal),
            purpose=f"Invitations for the {d.meeting}",
            author=me,
            created=st.at(meeting_days[0]) - timedelta(days=3),
            project_id=pid,
        )
        attendees = [self.user, *d.people[:3]]
        notes_paths = []
        for k, mday in enumerate(meeting_days[:2]):
            tn = st.at(mday, 16)
            nspec = build_notes(
                d,
                facts2 if (deck and k == 0) else None,
                title=f"{_cap(d.meeting)} - {mday.isoformat()}",
                meeting_day=mday,
                deck_name=posixpath.basename(deck) if deck and k == 0 else None,
                rng=rng,
                attendees=attendees,
            )
            srcs: tuple[tuple[str, str, str], ...] = ((ics, "references", "meeting on the calendar"),)
            if deck and k == 0:
                srcs = ((deck, "references", "walks through the deck"), *srcs)
            np_ = st.add(
                f"{self.sub(folder, 'meetings')}/{mday.isoformat()} {_safe(d.meeting, 40)} notes.md",
                write_markdown(nspec),
                purpose="Meeting notes",
                author=me,
                created=max(tn, st.files[ics].created),
                project_id=pid,
                sources=srcs,
            )
            if deck and k == 0:
                st.facts[np_] = {"quotes": wb2, "total_actual": fmt_num(facts2.total_actual)}
            notes_paths.append(np_)
        # register (no formulas)
        tr = st.at(day(0.1))
        reg: str | None = None
        reg_title = f"{d.project} register"
        if pid not in self.deck_projects or rng.random() < 0.3:
            reg = st.add(
                f"{self.sub(folder, 'admin')}/{_safe(d.project)} register.xlsx",
                write_xlsx(
                    build_register(
                        d,
                        rng,
                        now=tr.date(),
                        props=self.props(reg_title, me, tr, st.work(tr + timedelta(days=30)), d.project),
                    )
                ),
                purpose="Stakeholders, actions, risks and decisions",
                author=me,
                created=tr,
                modified=st.work(tr + timedelta(days=30)),
                project_id=pid,
            )
        # status page
        ts = st.work(max(st.files[p].modified for p in notes_paths) + timedelta(hours=2))
        links = [posixpath.basename(x) for x in (rep2, deck or pdf, reg) if x]
        srcs_s: tuple[tuple[str, str, str], ...] = ((rep2, "references", "links the final report"),)
        if reg:
            srcs_s = (*srcs_s, (reg, "references", "links the register"))
        status = st.add(
            f"{folder}/README.md",
            write_markdown(
                build_status_md(d, title=f"{d.project} - status", day=ts.date(), facts=facts2, rng=rng, links=links)
            ),
            purpose="Running status notes",
            author=me,
            created=ts,
            project_id=pid,
            sources=srcs_s,
        )
        st.facts[status] = {"quotes": wb2, "total_actual": fmt_num(facts2.total_actual)}
        # e-mail threads
        self.threads(st, proj, d, rep1=rep1, rep2=rep2, wb2=wb2, deck=deck, pdf=pdf, facts1=facts1, facts2=facts2)

    def threads(
        self,
        st: _State,
        proj: dict[str, Any],
        d: ProjectDomain,
        *,
        rep1: str,
        rep2: str,
        wb2: str,
        deck: str | None,
        pdf: str,
        facts1: Facts,
        facts2: Facts,
    ) -> None:
        rng = st.rng
        pid = proj["id"]
        mail = self.sub(proj["folder"], "mail")
        dom = self.domain_tag = self.user.email.split("@")[1]
        q1, q2 = facts1.quoted(d.unit), facts2.quoted(d.unit)
        worst = q1["worst_entity"]

        def send(path_topic: str, spec: EmailSpec, sources: tuple[tuple[str, str, str], ...], author: str) -> str:
            day_ = spec.date.astimezone(self.tz).date()
            spec = spec.model_copy(update={"date": st.work(spec.date)})
            if not any(a.filename.endswith(".xlsx") for a in spec.attachments):
                names = sorted({posixpath.basename(p) for p in st.files}, key=len, reverse=True)
                spec = spec.model_copy(
                    update={"subject": _no_sheet_words(spec.subject, names), "body": _no_sheet_words(spec.body, names)}
                )
            return st.add(
                f"{mail}/{day_.isoformat()} {_safe(path_topic, 60)}.eml",
                write_eml(spec),
                purpose=f"E-mail: {spec.subject}",
                author=author,
                created=spec.date,
                project_id=pid,
                sources=sources,
            )

        # thread A: draft report review, 5-8 messages
        n_a = rng.randint(6, 9)
        subject = f"{d.project}: draft {d.report_type}"
        t = st.files[rep1].modified + timedelta(hours=1)
        rep1_bytes = st.files[rep1].data
        rep1_name = posixpath.basename(rep1)
        ids: list[str] = []
        prev: str | None = None
        bodies_user = [
            f"Hi all,\n\nAttached is the draft {d.report_type} ({rep1_name}). Headline: {d.amount(facts1.total_actual)}"
            f" actual against {d.amount(facts1.total_plan)} plan ({q1['variance_pct']}). {worst} is the main gap.\n\n"
            f"Comments by {(t + timedelta(days=3)).date().isoformat()} please.\n\n{self.user.first}",
        ]
        people = d.people or [self.people[0]]
        offset = rng.randrange(5)
        own_replies = [
            f"Thanks {people[0].first}. I will re-run the {d.tool} extract for {d.month_label(d.months[-1])} and"
            f" send a revised {d.project} draft.\n\n{self.user.first}",
            f"Agreed. I'll add a short section on {worst} and the recovery plan for {d.project}.\n\n{self.user.first}",
            f"Good catch - the {d.month_label(d.months[-1])} figure for {rng.choice(d.entities)} in {d.project}"
            f" was provisional. Updating it now.\n\n{self.user.first}",
        ]
        rng.shuffle(own_replies)
        for k in range(n_a):
            sender = self.user if k % 2 == 0 else people[(k // 2) % len(people)]
            to = [p.address for p in people] if sender is self.user else [self.user.address]
            mid = f"<{pid}.a{k}.{slug(d.project, '')[:12]}@{dom}>"
            if k == 0:
                body = bodies_user[0]
            elif sender is self.user:
                body = own_replies.pop() if own_replies else f"Noted, thanks.\n\n{self.user.first}"
            else:
                term = d.jargon[k % len(d.jargon)] if d.jargon else d.metric
                options = [
                    f"{self.user.first},\n\nThe {d.month_label(d.months[-1])} numbers for {worst} look low to me;"
                    f" I think {term} was not booked yet. Can you check before the {d.project} draft goes to"
                    f" {d.person(0).first}?\n\n{sender.first}",
                    f"Looks fine overall. One point: the {q1['variance_pct']} variance on {d.project} needs a"
                    f" sentence on {term}, otherwise the {d.meeting} will ask.\n\n{sender.first}",
                    f"Thanks - I read the {d.project} draft on the train. The results table and the summary agree."
                    f" Happy for it to go once {worst} is confirmed.\n\nBest,\n{sender.first}",
                    f"Two small things on {d.project}: the trend table should say which months are provisional, and"
                    f" {rng.choice(d.entities)} changed owner in {d.month_label(d.months[-2])}.\n\n{sender.first}",
                    f"I'm out until Thursday, so no detailed review from me. The {q1['total_actual']} total matches"
                    f" what I see in {d.tool}.\n\n{sender.first}",
                ]
                body = options[(k // 2 + offset) % len(options)]
            srcs: tuple[tuple[str, str, str], ...] = ()
            attachments: list[Attachment] = []
            if k == 0:
                attachments = [Attachment(filename=rep1_name, content=rep1_bytes)]
                srcs = ((rep1, "attachment_of", "draft attached"),)
            if prev is not None:
                srcs = (*srcs, (prev, "references", "reply in thread"))
            when = t + timedelta(hours=3 * k + rng.randint(0, 2), minutes=rng.randint(0, 50))
            spec = EmailSpec(
                sender=sender.address,
                to=to,
                subject=subject if k == 0 else f"Re: {subject}",
                date=when,
                body=body,
                attachments=attachments,
                message_id=mid,
                in_reply_to=ids[-1] if ids else None,
                references=list(ids),
            )
            prev = send(f"{'Re ' if k else ''}{subject}", spec, srcs, sender.name)
            if k == 0:
                st.facts[prev] = {"attachment": rep1, "total_actual": q1["total_actual"]}
            ids.append(mid)
        # thread B: final report (pdf) + restated workbook to the sponsor, 2 messages
        sponsor = d.person(0)
        t = st.files[pdf].modified + timedelta(hours=2)
        subject = f"{d.project} - final {d.report_type} and restated figures"
        body = (
            f"Hi {sponsor.first},\n\nPlease find the final {d.report_type} ({posixpath.basename(pdf)}) and the"
            f" restated workbook ({posixpath.basename(wb2)}). Actual {d.metric} is now"
            f" {d.amount(facts2.total_actual)} against {d.amount(facts2.total_plan)} plan ({q2['variance_pct']});"
            f" the draft had {d.amount(facts1.total_actual)}.\n\nKind regards,\n{self.user.name}"
        )
        mid_b = f"<{pid}.b0.{slug(d.project, '')[:12]}@{dom}>"
        spec = EmailSpec(
            sender=self.user.address,
            to=[sponsor.address],
            cc=[p.address for p in d.people[1:2]],
            subject=subject,
            date=t,
            body=body,
            message_id=mid_b,
            attachments=[
                Attachment(filename=posixpath.basename(pdf), content=st.files[pdf].data),
                Attachment(filename=posixpath.basename(wb2), content=st.files[wb2].data),
            ],
        )
        b0 = send(
            subject,
            spec,
            ((pdf, "attachment_of", "final report attached"), (wb2, "attachment_of", "restated workbook attached")),
            self.user.name,
        )
        st.facts[b0] = {"attachment": pdf, "total_actual": q2["total_actual"]}
        reply = EmailSpec(
            sender=sponsor.address,
            to=[self.user.address],
            subject=f"Re: {subject}",
            date=t + timedelta(hours=rng.randint(3, 30)),
            message_id=f"<{pid}.b1@{dom}>",
            in_reply_to=mid_b,
            references=[mid_b],
            body=rng.choice(
                [
                    f"Thanks {self.user.first}, this is clear. I'll take the {d.project}"
                    f" figures to the {d.meeting}.\n\n{sponsor.first}",
                    f"Received. Let's discuss {worst} and the rest of {d.project} on our next call.\n\n{sponsor.first}",
                ]
            ),
        )
        send(f"Re {subject}", reply, ((b0, "references", "reply"),), sponsor.name)
        # thread C: meeting agenda referencing the deck (1-2 messages)
        if deck is not None:
            t = st.files[deck].modified + timedelta(hours=1)
            subject = f"Agenda: {d.meeting} ({d.project})"
            body = (
                f"Hello,\n\nFor the {d.meeting} I will present {posixpath.basename(deck)}. Agenda:\n"
                f"1. Results: {d.amount(facts2.total_actual)} vs {d.amount(facts2.total_plan)} plan\n"
                f"2. {worst}: recovery plan\n3. Decisions and next steps\n\n{self.user.first}"
            )
            mid_c = f"<{pid}.c0@{dom}>"
            spec = EmailSpec(
                sender=self.user.address,
                to=[p.address for p in d.people],
                subject=subject,
                date=t,
                body=body,
                message_id=mid_c,
            )
            c0 = send(subject, spec, ((deck, "references", "names the deck"),), self.user.name)
            st.facts[c0] = {"names": posixpath.basename(deck), "total_actual": q2["total_actual"]}
            if rng.random() < 0.5:
                other = d.person(2)
                spec = EmailSpec(
                    sender=other.address,
                    to=[self.user.address],
                    subject=f"Re: {subject}",
                    date=t + timedelta(hours=rng.randint(1, 20)),
                    message_id=f"<{pid}.c1@{dom}>",
                    in_reply_to=mid_c,
                    references=[mid_c],
                    body=f"I can only join for the first half; please take {worst} first in the {d.project}"
                    f" slot.\n\n{other.first}",
                )
                send(f"Re {subject}", spec, ((c0, "references", "reply"),), other.name)

    def core_recurring(self, st: _State, proj: dict[str, Any]) -> None:
        rng = st.rng
        data_day = self.now.date() - timedelta(days=rng.randint(8, 20))
        d = self.make_domain(proj, rng, data_day)
        d.meeting = proj["meeting"]
        proj["domain"] = d
        pid = proj["id"]
        folder = self.project_folder(proj)
        proj["folder"] = folder
        me = self.user.name
        today = self.now.date()
        rows = make_rows(d, rng)
        facts = workbook_facts(rows)
        t = st.at(data_day)
        title = f"{proj['name']} - {d.kind_label}"
        spec = build_workbook(
            d,
            facts,
            title=title,
            version_note=f"{d.months[-1]} cycle",
            changes=[(t.date().isoformat(), me, f"Rolled forward to {d.month_label(d.months[-1])}")],
            props=self.props(title, me, t, st.work(t + timedelta(hours=2)), proj["name"]),
        )
        wb = st.add(
            f"{folder}/{self.name(d.kind_label, 'xlsx', t.date())}",
            write_xlsx(spec),
            purpose=f"Recurring {d.kind_label}",
            author=me,
            created=t,
            modified=st.work(t + timedelta(hours=2)),
            project_id=pid,
        )
        st.facts[wb] = facts.to_json()
        st.formula_books.add(hashlib.sha1(st.files[wb].data).digest())
        prev: str | None = None
        for k in range(4):
            mday = today - timedelta(days=7 * (4 - k) + (2 if pid == "r02" else 0) + rng.randint(0, 1))
            tn = st.at(mday, 15)
            nspec = build_notes(
                d,
                facts if k == 3 else None,
                title=f"{_cap(d.meeting)} - {mday.isoformat()}",
                meeting_day=mday,
                deck_name=posixpath.basename(wb) if k == 3 else None,
                rng=rng,
                attendees=[self.user, *d.people],
                previous_name=posixpath.basename(prev) if prev else None,
            )
            srcs: tuple[tuple[str, str, str], ...] = ((prev, "references", "follows up"),) if prev else ()
            if k == 3:
                srcs = (*srcs, (wb, "references", "quotes the workbook totals"))
            prev = st.add(
                f"{folder}/Notes/{mday.isoformat()} {_safe(d.meeting, 40)}.md",
                write_markdown(nspec),
                purpose="Recurring meeting notes",
                author=me,
                created=tn,
                project_id=pid,
                sources=srcs,
            )
            if k == 3:
                st.facts[prev] = {"quotes": wb, "total_actual": fmt_num(facts.total_actual)}
        start = datetime.combine(proj["start"], datetime.min.time()).replace(hour=9)
        from synthcomp_agents.office import CalendarSpec, EventSpec

        cal = CalendarSpec(
            name=proj["name"],
            events=[
                EventSpec(
                    uid=f"{pid}-series@{self.domain}",
                    summary=_cap(d.meeting),
                    start=start,
                    end=start + timedelta(minutes=30),
                    organizer=self.user.address,
                    attendees=[p.address for p in d.people],
                    rrule="FREQ=WEEKLY;BYDAY=" + rng.choice(["MO", "TU", "WE", "TH"]),
                    description=f"Standing {d.meeting}: {d.metric} by {d.entity_noun}, open actions.",
                )
            ],
        )
        st.add(
            f"{folder}/{_safe(d.meeting, 50)}.ics",
            write_ics(cal),
            purpose="Recurring series",
            author=me,
            created=st.at(proj["start"]),
            project_id=pid,
        )

    # -- stage 7: background ------------------------------------------------------------------------------------------

    def background(self, st: _State) -> None:
        rng = st.rng
        me = self.user.name
        now_d = self.now.date()
        cores = [f for f in st.files.values() if f.kind in ("docx", "xlsx", "pptx", "pdf") and f.role == "core"]
        for folder in self.top:
            st.folders.add(folder)

        def copy(src: _File, dest: str, purpose: str, etype: str = "derived_from", delay_days: int = 0) -> str:
            t = src.modified + timedelta(days=delay_days, minutes=rng.randint(1, 400))
            t = min(t, self.now - timedelta(minutes=1))
            return st.add(
                dest, src.data, purpose=purpose, author=src.author, created=t, role="background", project_id=None
            )

        # Downloads: saved attachments (copies), installers, invoices, exports, images
        dl = "Downloads"
        saved = rng.sample(cores, k=min(len(cores), rng.randint(10, 16)))
        for f in saved:
            stem, ext = posixpath.splitext(posixpath.basename(f.path))
            copy(f, f"{dl}/{stem} (1){ext}" if rng.random() < 0.4 else f"{dl}/{stem}{ext}", "Saved e-mail attachment")
        apps = [
            ("Zoom", "6.2.5"),
            ("Slack", "4.41.97"),
            ("Notion", "3.14.0"),
            ("Firefox", "132.0"),
            ("VLC", "3.0.21"),
            ("LibreOffice", "24.8.3"),
            ("Teams", "24.3"),
            ("Spotify", "1.2.50"),
        ]
        for app, ver in rng.sample(apps, k=3):
            size = rng.randint(5_000_000, 10_000_000)
            st.add(
                f"{dl}/{app}-{ver}.zip",
                installer_zip(rng, app, ver, size),
                purpose=f"{app} installer",
                author=app,
                created=st.at(now_d - timedelta(days=rng.randint(5, 500))),
                role="background",
            )
        for _ in range(rng.randint(2, 3)):
            vendor = company_name(rng, self.country, taken=self.taken_orgs)
            no = rng.randint(10000, 99999)
            amount = rng.randint(80, 4000)
            day_ = now_d - timedelta(days=rng.randint(3, 400))
            spec = DocumentSpec(
                title=f"Invoice {no}",
                subtitle=f"{vendor} - {day_.isoformat()}",
                blocks=[
                    Paragraph(text=f"Bill to: {self.user.name}, {self.org}, {self.city}"),
                    Table(
                        header=["Item", "Qty", "Unit price", "Amount"],
                        rows=[
                            [
                                rng.choice(
                                    ["Annual licence", "Support hours", "Training seat", "Hardware", "Subscription"]
                                ),
                                1,
                                fmt_num(amount),
                                fmt_num(amount),
                            ],
                            ["VAT", "", "", fmt_num(amount * 0.2)],
                            ["Total", "", "", f"{self.currency} {fmt_num(amount * 1.2)}"],
                        ],
                    ),
                    Paragraph(text=f"Payment due within 30 days. Reference {no}."),
                ],
                properties=None,
            )
            ti = st.at(day_)
            spec = spec.model_copy(
                update={"properties": DocProperties(author=vendor, title=f"Invoice {no}", created=ti, modified=ti)}
            )
            st.add(
                f"{dl}/Invoice_{no}.pdf",
                write_pdf(spec),
                purpose="Supplier invoice",
                author=vendor,
                created=ti,
                role="background",
            )
        n_img = rng.randint(5, 9)
        for i in range(n_img):
            day_ = now_d - timedelta(days=rng.randint(2, 600))
            if rng.random() < 0.5:
                st.add(
                    f"{dl}/image ({i}).png" if i else f"{dl}/image.png",
                    cheap_png(rng, 640, 400),
                    purpose="Downloaded image",
                    author=me,
                    created=st.at(day_),
                    role="background",
                )
            else:
                st.add(
                    f"{dl}/IMG-{day_.strftime('%Y%m%d')}-WA{rng.randint(0, 99):04d}.jpg",
                    cheap_jpeg(rng, 480, 640),
                    purpose="Photo saved from chat",
                    author=me,
                    created=st.at(day_),
                    role="background",
                )
        # project folders zipped for a hand-over (stored, so the zip is as large as its contents)
        for proj in self.project_list:
            if proj["kind"] != "project" or proj["status"] == "active":
                continue
            members = [
                f
                for f in st.files.values()
                if f.project_id == proj["id"] and f.role == "core" and f.kind in ("docx", "xlsx", "pptx", "pdf", "csv")
            ]
            if not members:
                continue
            latest = max(f.modified for f in members)
            if latest >= self.now - timedelta(days=2):
                continue
            data = _zip_files(proj["folder"], members)
            when = min(latest + timedelta(days=rng.randint(1, 20)), self.now - timedelta(days=1))
            st.add(
                f"{dl}/{_safe(proj['name'], 50)}.zip",
                data,
                purpose=f"Hand-over archive of {proj['name']}",
                author=me,
                created=when,
                role="background",
                sources=tuple((f.path, "attachment_of", "packed into the hand-over zip") for f in members),
            )
        # zero-byte and tiny files
        st.add(
            f"{dl}/download.tmp",
            b"",
            purpose="Interrupted download",
            author=me,
            created=st.at(now_d - timedelta(days=rng.randint(1, 90))),
            role="background",
        )
        st.add(
            "Desktop/Untitled.txt",
            b"",
            purpose="Empty note",
            author=me,
            created=st.at(now_d - timedelta(days=rng.randint(1, 60))),
            role="background",
        )
        # Desktop clutter
        desk_n = {"tidy": 2, "average": 5, "messy": 10}[self.tidiness]
        for f in rng.sample(cores, k=min(len(cores), desk_n)):
            copy(f, f"Desktop/Copy of {posixpath.basename(f.path)}", "Quick copy on the desktop")
        todo = "\n".join(
            f"- [ ] {p['name']}: {rng.choice(['send update', 'check numbers', 'book meeting', 'chase'])}"
            for p in self.project_list[:5]
        )
        st.add(
            "Desktop/todo.txt",
            text_bytes(f"TODO ({now_d.isoformat()})\n{todo}"),
            purpose="To-do list",
            author=me,
            created=self.now - timedelta(hours=20),
            role="background",
        )
        # Pictures: screenshots + photos by year
        shots = "Pictures/Screenshots" if self.os != "macos" else "Desktop/Screenshots"
        for _ in range(rng.randint(6, 10)):
            day_ = now_d - timedelta(days=rng.randint(1, 300))
            st.add(
                f"{shots}/Screenshot {day_.isoformat()} at {rng.randint(8, 18)}.{rng.randint(10, 59)}.png",
                cheap_png(rng, 800, 500),
                purpose="Screenshot",
                author=me,
                created=st.at(day_),
                role="background",
            )
        for year in (now_d.year - 3, now_d.year - 2, now_d.year - 1):
            event = rng.choice(["Summer holiday", "Team offsite", "Family", "Hiking", "Wedding", "City trip"])
            for _ in range(rng.randint(4, 6)):
                day_ = date(year, rng.randint(5, 9), rng.randint(1, 28))
                st.add(
                    f"Pictures/{year} {event}/IMG_{rng.randint(1000, 9999)}.jpg",
                    cheap_jpeg(rng, 1024, 768, quality=rng.choice([85, 92])),
                    purpose="Personal photo",
                    author=me,
                    created=st.at(day_, 12),
                    role="background",
                )
        # Documents: personal
        cv = DocumentSpec(
            title=self.user.name,
            subtitle=f"{self.user.role} - {self.city}",
            blocks=[
                Heading(text="Experience"),
                Table(
                    header=["Years", "Employer", "Role"],
                    rows=[
                        [f"{c.start_year}-{c.end_year or 'now'}", c.employer, c.role]
                        for c in reversed(self.profile_model.career_history)
                    ],
                ),
                Heading(text="Skills"),
                Paragraph(text=", ".join(self.profile_model.skills + self.profile_model.tools_used)),
            ],
            properties=DocProperties(author=me, title=f"CV {self.user.name}"),
        )
        tcv = st.at(now_d - timedelta(days=rng.randint(200, 700)))
        st.add(
            f"Documents/Personal/CV_{slug(self.user.name, '_')}.docx",
            write_docx(
                cv.model_copy(
                    update={
                        "properties": DocProperties(author=me, title=f"CV {self.user.name}", created=tcv, modified=tcv)
                    }
                )
            ),
            purpose="CV",
            author=me,
            created=tcv,
            role="background",
        )
        st.add(
            f"Documents/Personal/{now_d.year - 1} receipts.csv",
            write_csv_simple(rng, self.currency, now_d),
            purpose="Receipts for the tax return",
            author=me,
            created=st.at(now_d - timedelta(days=40)),
            role="background",
        )
        # downloaded exports without formulas
        for _ in range(2):
            day_ = now_d - timedelta(days=rng.randint(5, 300))
            tx = st.at(day_)
            sheets = [
                SheetSpec(
                    name=n,
                    columns=[ColumnSpec(header=h) for h in ("ID", "Name", "Value", "Date")],
                    rows=[
                        [
                            k + 1,
                            f"{rng.choice(self.family.spreadsheet_columns)} {k + 1}",
                            rng.randint(10, 9000),
                            day_ - timedelta(days=k),
                        ]
                        for k in range(rng.randint(8, 20))
                    ],
                )
                for n in ("Export", "Filters", "Summary")[: rng.randint(3, 3)]
            ]
            st.add(
                f"{dl}/export_{day_.strftime('%Y%m%d')}_{rng.randint(100, 999)}.xlsx",
                write_xlsx(
                    SpreadsheetSpec(
                        sheets=sheets, properties=DocProperties(author=self.family.tools[0], created=tx, modified=tx)
                    )
                ),
                purpose=f"Export from {self.family.tools[0]}",
                author=self.family.tools[0],
                created=tx,
                role="background",
            )
        # app folders and dotfiles (hidden from the realism statistics)
        self.dotfiles(st)

    def dotfiles(self, st: _State) -> None:
        rng = st.rng
        me = self.user.name
        t = st.at(self.now.date() - timedelta(days=rng.randint(300, 900)))
        git = (
            f"[user]\n\tname = {me}\n\temail = {self.user.email}\n"
            "[core]\n\tautocrlf = input\n[init]\n\tdefaultBranch = main\n"
        )
        st.add(".gitconfig", git.encode(), purpose="git configuration", author=me, created=t, role="background")
        if self.os == "windows":
            st.add(
                "AppData/Roaming/Microsoft/Teams/settings.json",
                text_bytes('{"theme": "default", "language": "en-us", "notifications": true}'),
                purpose="Teams settings",
                author="Microsoft Teams",
                created=t,
                role="background",
            )
            st.add(
                "AppData/Local/Temp/setup.log",
                text_bytes("Install completed with exit code 0"),
                purpose="Installer log",
                author="Windows",
                created=t,
                role="background",
            )
            self.policy_dotfiles = [".gitconfig"]
            self.policy_apps = ["AppData/Roaming/Microsoft/Teams", "AppData/Local/Temp"]
        else:
            shell = ".zshrc" if self.os == "macos" else ".bashrc"
            st.add(
                shell,
                text_bytes("export EDITOR=nano\nalias ll='ls -la'\nexport PATH=\"$HOME/.local/bin:$PATH\""),
                purpose="Shell configuration",
                author=me,
                created=t,
                role="background",
            )
            lib = "Library/Application Support/Zoom" if self.os == "macos" else ".config/libreoffice/4/user"
            st.add(
                f"{lib}/settings.ini" if self.os == "macos" else f"{lib}/registrymodifications.xcu",
                text_bytes("[General]\nautoStart=false\nlanguage=en"),
                purpose="App settings",
                author="app",
                created=t,
                role="background",
            )
            self.policy_dotfiles = [".gitconfig", shell]
            self.policy_apps = [lib]

    # -- shape tuning ------------------------------------------------------------------------------------------------

    def tune(self, st: _State) -> None:
        """Add archive depth, leaf folders, clutter and empty folders until the shape bands hold."""
        rng = st.rng
        me = self.user.name
        by_kind: dict[str, list[_File]] = {}
        for f in st.files.values():
            if f.role == "core" or f.kind == "jpg":
                by_kind.setdefault(f.kind, []).append(f)
        for group in by_kind.values():
            rng.shuffle(group)
        order = ("docx", "md", "jpg", "pdf", "xlsx", "pptx", "docx", "md", "jpg")
        cycle = [k for k in order if by_kind.get(k)]
        cores = [
            by_kind[cycle[i % len(cycle)]][(i // len(cycle)) % len(by_kind[cycle[i % len(cycle)]])] for i in range(400)
        ]
        cidx = 0

        base = f"Documents/Backup {_safe(self.old_employer.split()[0])} laptop {self.now.year - 3}"

        def old_copy(folder: str) -> None:
            nonlocal cidx
            if folder == base or folder.startswith(base + "/"):
                self.backup_file(st, folder, self.now.year - 3)
                return
            f = cores[cidx % len(cores)]
            cidx += 1
            stem, ext = posixpath.splitext(posixpath.basename(f.path))
            t = min(f.modified + timedelta(days=rng.randint(1, 60)), self.now - timedelta(hours=1))
            st.add(
                f"{folder}/{stem} - old{ext}" if rng.random() < 0.5 else f"{folder}/{stem}{ext}",
                f.data,
                purpose="Old copy kept in the archive",
                author=f.author,
                created=t,
                role="background",
            )

        # a backup of the previous laptop: deep spine with leaf folders holding a few old files
        spine = [base]
        labels = [
            "Users",
            slug(self.user.name.split()[0]) or "user",
            "Documents",
            "Work",
            "Clients",
            "Projects",
            str(self.now.year - 4),
            "Reports",
            "Drafts",
            "Old",
            "Review",
            "Final",
            "Signed",
            "Scanned",
            "Misc",
            "Sorted",
        ]
        for lab in labels:
            spine.append(f"{spine[-1]}/{lab}")
        leaf_names = [
            "Scans",
            "Templates",
            "Receipts",
            "Misc",
            "Travel",
            "Training",
            "Contracts",
            "Minutes",
            "Photos",
            "Forms",
            "Letters",
            "Budget",
            "HR",
            "Policies",
            "Presentations",
        ]
        self.empty: set[str] = set()
        extra = ["Old", "Reference", "To sort", "Misc", "Scans", "Archive"]
        new_folder = {"windows": "New folder", "macos": "untitled folder", "linux": "Untitled Folder"}[self.os]
        empties = [f"Documents/{new_folder}", f"Desktop/{new_folder}", "Pictures/Imports", "Documents/Scans"]
        level = 0
        for _ in range(120):
            stats = _shape(st, self.empty)
            if stats["branching_factor"] < 4.05:
                # widen a folder that has only one or two subfolders
                kids: dict[str, int] = {}
                for folder in st.folders:
                    if not _is_hidden(folder.split("/")):
                        kids[posixpath.dirname(folder)] = kids.get(posixpath.dirname(folder), 0) + 1
                narrow = sorted(f for f, n in kids.items() if 0 < n <= 3 and f)
                if narrow:
                    target = min(narrow, key=lambda f: (kids[f], -f.count("/"), f))
                    for name in extra:
                        leaf = f"{target}/{name}"
                        if leaf not in st.folders:
                            st.folders.add(leaf)
                            old_copy(leaf)
                            break
                    continue
            if stats["folder_depth_mean"] < 6.35 and level < len(spine) - 1:
                # one more level of the old laptop backup: the next spine folder plus 3-4 leaf folders
                node = spine[level]
                st.folders.add(spine[level + 1])
                for _ in range(rng.choice([3, 3, 4, 4])):
                    leaf = f"{node}/{rng.choice(leaf_names)}"
                    if leaf in st.folders:
                        continue
                    st.folders.add(leaf)
                    for _ in range(rng.randint(1, 3)):
                        old_copy(leaf)
                level += 1
                continue
            if stats["empty_folder_share"] < 0.075:
                # an empty folder: deep ones inside the backup first, then the usual "New folder"
                deep = [f"{spine[i]}/{name}" for i in range(level, 0, -1) for name in ("Temp", "New folder")]
                cands = [c for c in deep + empties if c not in st.folders]
                if cands:
                    st.folders.add(cands[0])
                    self.empty.add(cands[0])
                    continue
            break
        if level:
            old_copy(spine[level])
        # files per folder >= 6.5: add downloaded clutter at depth 1
        stats = _shape(st, self.empty)
        n_folders = round(stats["n_folders"])
        target_files = int(6.6 * n_folders)
        # small shortcuts and notes (a real home's long tail of tiny files), and ~1.2% zero-byte files
        for k in range(max(4, target_files // 12)):
            where = ("Desktop", "Downloads", self.work_root, "Documents")[k % 4]
            proj = self.project_list[k % len(self.project_list)]
            if k % 3 == 0:
                url = f"https://{self.domain}/sites/{slug(proj['name'], '-')[:30]}"
                data = (
                    (f"[InternetShortcut]\r\nURL={url}\r\n").encode()
                    if self.os == "windows"
                    else (
                        f'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>URL</key>'
                        f"<string>{url}</string></dict></plist>\n"
                    ).encode()
                )
                ext = "url" if self.os == "windows" else "webloc"
                st.add(
                    f"{where}/{_safe(proj['name'], 40)} - intranet.{ext}",
                    data,
                    purpose="Link to the team site",
                    author=me,
                    created=st.at(proj["start"]),
                    role="background",
                )
            else:
                name, txt = self.scratch_note(rng, proj["domain"], k)
                st.add(
                    f"{where}/{name}",
                    text_bytes(txt),
                    purpose="Scratch note",
                    author=me,
                    created=st.at(self.now.date() - timedelta(days=rng.randint(1, 300))),
                    role="background",
                )
        blank = {
            "windows": ("New Text Document.txt", "New Text Document.txt", "notes.md"),
            "macos": ("Untitled.txt", "untitled.md", "notes.md"),
            "linux": ("Untitled Document.txt", "notes.md", "todo.md"),
        }[self.os]
        for k in range(max(3, round(0.012 * target_files))):
            where = ("Desktop", "Downloads", "Documents")[k % 3]
            st.add(
                f"{where}/{blank[k % len(blank)]}",
                b"",
                purpose="Empty file",
                author=me,
                created=st.at(self.now.date() - timedelta(days=rng.randint(1, 300))),
                role="background",
            )
        stats = _shape(st, self.empty)
        deficit = int(6.6 * n_folders) - round(stats["n_files"])
        for k in range(max(0, deficit)):
            f = cores[cidx % len(cores)]
            cidx += 1
            stem, ext = posixpath.splitext(posixpath.basename(f.path))
            where = (self.attachments, "Downloads", "Downloads", "Desktop")[k % 4]
            name = f"{stem} ({k % 3 + 1}){ext}" if where != "Desktop" else f"Copy of {stem}{ext}"
            st.add(
                f"{where}/{name}",
                f.data,
                purpose="Saved attachment",
                author=f.author,
                created=min(f.modified + timedelta(days=1), self.now - timedelta(hours=2)),
                role="background",
            )
        self.balance_formulas(st)

    def scratch_note(self, rng: random.Random, d: ProjectDomain, k: int) -> tuple[str, str]:
        """A small text file people leave lying around: a name that fits the OS and habits, content that fits it."""
        day = self.now.date() - timedelta(days=rng.randint(2, 280))
        when = f"{day.day} {day.strftime('%b')}"
        person = d.person(k + rng.randint(0, 5))
        entity = rng.choice(d.entities)
        month = d.month_label(d.months[-1])
        untitled = {"windows": "New Text Document.txt", "macos": "Untitled.txt", "linux": "Untitled Document.txt"}
        options: list[tuple[str, str]] = [
            (
                "todo.txt",
                f"- send {d.report_type} to {person.first}\n- chase {entity}\n- book {d.meeting}\n- expenses!!",
            ),
            (
                f"call notes {when}.txt",
                f"call w/ {person.first} ({person.role})\n{entity}: numbers for {month} not final yet\n"
                f"-> {person.first} sends update by Friday",
            ),
            (
                f"numbers for {person.first}.txt",
                f"{d.metric} {month}\n{entity}: {d.amount(rng.randint(20, 900) * 10)}\n"
                f"total so far: {d.amount(rng.randint(1000, 9000) * 10)} (check in {d.tool})",
            ),
            (
                "passwords - DO NOT SHARE.txt",
                f"{d.tool}: SSO (same as laptop)\nguest wifi: ask reception, changes monthly\n"
                "printer PIN: on the badge\nIT helpdesk if locked out",
            ),
            (untitled[self.os], f"{person.name}\n{person.email}\nre {entity} - call back after 3"),
            (f"questions for {person.first}.txt", f"1. {entity} - is {month} final?\n2. who signs off?\n3. budget?"),
            (f"{_safe(d.meeting)} agenda.txt", f"1. numbers\n2. {entity}\n3. {d.project}\n4. AOB"),
            ("links.txt", f"https://{self.domain}/sites/{slug(d.project, '-')[:30]}"),
            ("to print.txt", f"{d.report_type} ({d.project})\nboarding pass\nsigned form for {person.first}"),
            (
                f"draft email {person.first}.txt",
                f"Hi {person.first},\n\nquick one on {entity} - can we move the {month} figures to next week?\n\n"
                f"Thanks\n{self.user.first}",
            ),
        ]
        return options[rng.randrange(len(options))]

    def old_photos(self, st: _State) -> list[bytes]:
        """Photo bytes from the Pictures library (not project scans), reused for the old laptop backup."""
        if not hasattr(self, "_old_photos"):
            self._old_photos = [
                f.data for p, f in sorted(st.files.items()) if f.kind == "jpg" and f.role != "core" and "Pictures/" in p
            ][:12]
        return self._old_photos

    def backup_file(self, st: _State, folder: str, year: int) -> None:
        """One file from the old employer's laptop: about that job, named, dated and stamped before ``year``."""
        rng = st.rng
        fam = self.family
        day = date(year - rng.randint(1, 2), rng.randint(1, 12), rng.randint(1, 28))
        t = st.at(day)
        me = self.user.name
        org = self.old_employer
        current = " ".join(p["name"] for p in self.project_list).casefold()
        topics = [
            t for t in fam.report_types + fam.spreadsheet_kinds + fam.recurring_meetings if t.casefold() not in current
        ]
        topic = _cap(rng.choice(topics or ["Notes"]))
        stamp = f"{_MONTHS_ABBR[day.month - 1]} {day.year}"
        kind = rng.choice((0, 0, 0, 3, 3, 3, 3, 1, 1, 2))
        term = rng.choice(fam.jargon) if fam.jargon else topic
        photos = self.old_photos(st)
        if kind == 3 and photos:
            # photos copied over from the old laptop (bytes shared with the Pictures library, as people do)
            st.add(
                f"{folder}/IMG_{day.strftime('%Y%m%d')}_{rng.randint(100000, 235959)}.jpg",
                photos[rng.randrange(len(photos))],
                purpose="Old photo from the previous laptop",
                author=me,
                created=t,
                role="background",
            )
        elif kind == 0:
            spec = DocumentSpec(
                title=f"{topic} - {stamp}",
                blocks=[
                    Paragraph(
                        text=f"{org} - {topic.lower()} as of {day.isoformat()}, prepared by {me}:"
                        f" {rng.randint(3, 60)} items, {rng.randint(1, 9)} still open."
                    ),
                    Paragraph(
                        text=f"Open point on {term} for the {topic.lower()}; {rng.choice(fam.collaborators)} to come"
                        f" back by {(day + timedelta(days=rng.randint(5, 30))).isoformat()}."
                    ),
                ],
                footer=f"{org} internal",
                properties=self.props(f"{topic} - {stamp}", me, t, t, org),
            )
            st.add(
                f"{folder}/{_safe(topic, 40)} {stamp}.docx",
                write_docx(spec),
                purpose="Old file from the previous employer",
                author=me,
                created=t,
                role="background",
            )
        elif kind == 1:
            rows = "\r\n".join(f"{_MONTHS_ABBR[m]} {day.year},{rng.randint(10, 900) * 10}" for m in range(day.month))
            st.add(
                f"{folder}/{slug(topic, '_')[:30]}_{day.year}.csv",
                f"Month,{_cap(fam.key_metrics[0]) if fam.key_metrics else 'Value'}\r\n{rows}\r\n".encode(),
                purpose="Old export from the previous employer",
                author=me,
                created=t,
                role="background",
            )
        else:
            st.add(
                f"{folder}/notes {day.isoformat()}.txt",
                text_bytes(f"{org}\n{topic} - {term}\nask {rng.choice(fam.collaborators)} before {stamp}"),
                purpose="Old note from the previous employer",
                author=me,
                created=t,
                role="background",
            )

    def balance_formulas(self, st: _State) -> None:
        """Keep the share of workbooks with formulas a little over half (55-65%), as in real collections."""
        rng = st.rng
        books = [f for f in st.files.values() if f.kind == "xlsx"]
        with_f = [f for f in books if hashlib.sha1(f.data).digest() in st.formula_books]
        plain = [f for f in books if f not in with_f]
        regs = [f for f in plain if f.role == "core"] or plain
        k = 0
        while books and len(with_f) / len(books) > 0.64 and regs:
            src = regs[k % len(regs)]
            stem = posixpath.splitext(posixpath.basename(src.path))[0]
            dest = st.add(
                f"Downloads/{stem} ({k + 2}).xlsx",
                src.data,
                purpose="Saved copy",
                author=src.author,
                created=min(src.modified + timedelta(days=1), self.now - timedelta(hours=1)),
                role="background",
            )
            books.append(st.files[dest])
            k += 1
        while books and len(with_f) / len(books) < 0.53 and with_f:
            src = with_f[k % len(with_f)]
            stem = posixpath.splitext(posixpath.basename(src.path))[0]
            dest = st.add(
                f"Downloads/{stem} ({k + 2}).xlsx",
                src.data,
                purpose="Saved copy",
                author=src.author,
                created=min(src.modified + timedelta(days=1), self.now - timedelta(hours=1)),
                role="background",
            )
            books.append(st.files[dest])
            with_f.append(st.files[dest])
            k += 1
        _ = rng

    # -- assembly -----------------------------------------------------------------------------------------------------

    def run(self, generator: str) -> GeneratedComputer:
        self.profile()
        self.collaborators()
        self.projects()
        self.policy()
        st = _State(self.rng, self.persona, self.os, self.now, self.tz)
        self.core(st)
        self.background(st)
        self.tune(st)
        return self.assemble(st, generator)

    def assemble(self, st: _State, generator: str) -> GeneratedComputer:
        rng = st.rng
        collaborators = []
        for i, (person, (rel, style)) in enumerate(zip(self.people, self.collab_meta, strict=True)):
            facts = self.private_facts(person, i)
            collaborators.append(
                Collaborator(
                    name=person.name,
                    identifier=person.identifier,
                    role=person.role,
                    organisation=person.org,
                    relationship=rel,
                    email=person.email,
                    persona=f"{person.role} at {person.org} who works with {self.user.name} on"
                    f" {rng.choice(self.project_list)['name']}; {style.split(';')[0]}.",
                    communication_style=style,
                    responsiveness=float(rng.choice([1, 2, 4, 8, 24, 48])),
                    private_knowledge=facts,
                )
            )
        projects = [
            Project(
                project_id=p["id"],
                name=p["name"],
                kind=p["kind"],
                description=_cap(p["focus"]) + ".",
                start_date=p["start"],
                end_date=p["end"],
                status=p["status"],
                stakeholders=[self.people[i].identifier for i in p["stake"]],
                folder=p["folder"],
            )
            for p in self.project_list
        ]
        policy = FilesystemPolicy(
            os=self.os,
            home_layout=self.top,
            folder_conventions=[
                f"{self.projects_root}/<YYYY>/<YYYY-MM> <Project>/{{01 Admin,02 Data,03 Reports,"
                f"04 Meetings,05 Correspondence}}"
                if self.tidiness == "tidy"
                else f"{self.projects_root}/<YYYY>/<Project>/{{Data,Reports,Meetings,Emails}}"
                if self.tidiness == "average"
                else f"{self.work_root}/<Project> (flat)",
                f"{self.work_root}/<Recurring responsibility>/Notes",
                "Documents/Archive/<backup>",
                "Documents/Personal",
            ],
            naming_patterns=[
                self.habits.naming_pattern,
                "<YYYY-MM-DD> <Subject>.eml",
                "Screenshot <date> at <time>.png",
            ],
            version_markers={
                "tidy": ["_v1", "_v2"],
                "average": ["_v2", "_final", " (1)"],
                "messy": [" v2", " FINAL", " (1)", "Copy of "],
            }[self.tidiness],
            depth_tendency={"tidy": "deep", "average": "moderate", "messy": "shallow"}[self.tidiness],
            clutter_tendency=self.habits.desktop_clutter,
            dotfiles=self.policy_dotfiles,
            app_folders=self.policy_apps,
        )
        # disk
        now = self.now
        disk = VirtualDisk(user=self.username, os=self.os, clock=lambda: now)
        planned = []
        for path in sorted(st.folders | self.empty):
            disk.mkdir(path, created=self.now - timedelta(days=900))
        for f in sorted(st.files.values(), key=lambda x: x.path):
            disk.write_bytes(f.path, f.data, created=f.created, modified=f.modified, author=f.author)
            planned.append(
                PlannedFile(
                    path=f.path,
                    kind=f.kind if f.kind != "other" else "other",
                    purpose=f.purpose,
                    project_id=f.project_id,
                    author=f.author,
                    created=f.created,
                    modified=f.modified,
                    target_size=len(f.data),
                    role=f.role,
                )
            )
        # folder times: newest content below
        newest: dict[str, datetime] = {}
        for f in st.files.values():
            parent = posixpath.dirname(f.path)
            while True:
                if parent not in newest or newest[parent] < f.modified:
                    newest[parent] = f.modified
                if not parent:
                    break
                parent = posixpath.dirname(parent)
        for path in sorted(st.folders | self.empty):
            created = self.now - timedelta(days=900)
            disk.set_times(path, created=created, modified=newest.get(path, created))
        blueprint = ComputerBlueprint(
            computer_id=computer_id_for(self.persona, self.seed, generator, self.forced_os),
            persona=self.persona.text,
            generator=generator,
            generator_version=__version__,
            seed=self.seed,
            user_profile=self.profile_model,
            collaboration_context=CollaborationContext(
                collaborators=collaborators,
                summary=f"{self.user.name} works with {len(collaborators)} people across {len(projects)} projects.",
            ),
            project_index=ProjectIndex(projects=projects),
            filesystem_policy=policy,
            file_list=planned,
            file_graph=FileGraph(edges=st.edges),
        )
        return GeneratedComputer(blueprint=blueprint, disk=disk, persona=self.persona, facts=st.facts)

    def private_facts(self, person: Person, index: int) -> list[PrivateFact]:
        rng = self.rng
        mine = [p for p in self.project_list if index in p["stake"] and "domain" in p]
        out: list[PrivateFact] = []
        for p in mine[:2]:
            d: ProjectDomain = p["domain"]
            entity = rng.choice(d.entities)
            choice = rng.randrange(3)
            if choice == 0:
                out.append(
                    PrivateFact(
                        topic=f"{p['name']}: figures",
                        fact=(
                            f"The {d.month_label(d.months[-1])} {d.metric} for {entity} will be restated by about"
                            f" {rng.randint(3, 12)}% once the late {d.tool} entries are booked; not yet in any"
                            " shared file."
                        ),
                    )
                )
            elif choice == 1:
                new_date = self.now.date() + timedelta(days=rng.randint(10, 40))
                out.append(
                    PrivateFact(
                        topic=f"{p['name']}: deadline",
                        fact=(f"The {d.meeting} moved the next {d.report_type} deadline to {new_date.isoformat()}."),
                    )
                )
            else:
                out.append(
                    PrivateFact(
                        topic=f"{p['name']}: decision",
                        fact=(
                            f"{entity} will be dropped from the scope of {p['name']} next quarter; agreed verbally,"
                            " not written down."
                        ),
                    )
                )
        if not out:
            out.append(
                PrivateFact(
                    topic="team",
                    fact=f"{person.first} will be on leave for two weeks from"
                    f" {(self.now.date() + timedelta(days=12)).isoformat()}.",
                )
            )
        return out


def _zip_files(folder: str, members: list[_File]) -> bytes:
    """A stored zip of files, named relative to ``folder`` (fixed timestamps: deterministic)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for f in sorted(members, key=lambda m: m.path):
            local = f.modified.astimezone(_UTC)
            info = zipfile.ZipInfo(
                posixpath.relpath(f.path, posixpath.dirname(folder)),
                date_time=(local.year, local.month, local.day, local.hour, local.minute, 0),
            )
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            zf.writestr(info, f.data)
    return out.getvalue()


_SHEET_WORDS = re.compile(r"\b(spreadsheet|workbook)(s?)\b", re.IGNORECASE)


def _no_sheet_words(text: str, keep: list[str]) -> str:
    """Keep ordinary e-mails from reading as spreadsheet e-mails (only ~10% of real e-mails do); file names stay."""
    if not _SHEET_WORDS.search(text):
        return text
    masked: dict[str, str] = {}
    for i, name in enumerate(keep):
        if name in text:
            token = f"\x00{i}\x00"
            masked[token] = name
            text = text.replace(name, token)
    text = _SHEET_WORDS.sub(lambda m: "file" + m.group(2), text)
    for token, name in masked.items():
        text = text.replace(token, name)
    return text


def write_csv_simple(rng: random.Random, currency: str, now: date) -> bytes:
    """A small personal receipts CSV."""
    shops = ["Pharmacy", "Train ticket", "Office supplies", "Bookshop", "Phone bill", "Internet", "Dentist"]
    lines = ["date,description,amount," + "currency"]
    for _ in range(rng.randint(8, 18)):
        d = now - timedelta(days=rng.randint(30, 400))
        lines.append(f"{d.isoformat()},{rng.choice(shops)},{rng.randint(5, 400)}.{rng.randint(0, 99):02d},{currency}")
    return ("\n".join(lines) + "\n").encode()


_APP_TOP = frozenset({"library", "appdata", "application data", "local settings"})


def _is_hidden(parts: list[str]) -> bool:
    return parts[0].casefold() in _APP_TOP or any(p.startswith(".") for p in parts)


def _shape(st: _State, empty: set[str]) -> dict[str, float]:
    """Shape metrics of the planned tree, as tree_stats defines them (hidden entries excluded)."""
    folders = {""}
    for f in st.folders | empty:
        if not _is_hidden(f.split("/")):
            folders.add(f)
    files_in: dict[str, int] = dict.fromkeys(folders, 0)
    n_files = 0
    depth_sum = 0
    for path in st.files:
        parts = path.split("/")
        if _is_hidden(parts):
            continue
        parent = "/".join(parts[:-1])
        files_in[parent] = files_in.get(parent, 0) + 1
        folders.add(parent)
        n_files += 1
        depth_sum += len(parts) - 1
    subdirs: dict[str, int] = dict.fromkeys(folders, 0)
    for f in folders:
        if f:
            subdirs[posixpath.dirname(f)] = subdirs.get(posixpath.dirname(f), 0) + 1
    n = len(folders)
    non_leaf = [c for c in subdirs.values() if c]
    return {
        "n_folders": float(n),
        "n_files": float(n_files),
        "files_per_folder": n_files / n,
        "empty_folder_share": sum(1 for f in folders if not files_in.get(f) and not subdirs.get(f)) / n,
        "branching_factor": sum(non_leaf) / len(non_leaf) if non_leaf else 0.0,
        "folder_depth_mean": sum(0 if not f else f.count("/") + 1 for f in folders) / n,
        "file_depth_mean": depth_sum / max(1, n_files),
        "leaf_folder_share": sum(1 for f in folders if not subdirs.get(f)) / n,
    }
