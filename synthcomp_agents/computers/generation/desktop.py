"""Background: the Desktop and the small notes and links people leave about, as many as the user's clutter
habit says (a tidy desktop holds a handful of items, a messy one dozens), each with content of its own."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from .._background import text_bytes
from .._content import ProjectDomain, fill_text, working_bank
from .._local_places import local_places
from .._locale import country_code_for
from .._names import slug
from .context import GenerationContext
from .figures import workbook_figures
from .identity import plays_solo
from .plans import ProjectPlan
from .team import relationship_for
from .text import safe_name

__all__ = ["build_desktop"]

_CLUTTER = {"tidy": (2, 4), "average": (7, 12), "messy": (18, 28)}


def _data_months(d: ProjectDomain, saved: date) -> list[str]:
    """The project's data months that had begun by ``saved`` (a note written in March cites no December)."""
    return [m for m in d.months if date(int(m[:4]), int(m[5:7]), 1) <= saved]


def _notes(
    ctx: GenerationContext, rng: random.Random, plan: ProjectPlan, d: ProjectDomain, k: int, saved: date
) -> list[tuple[str, str]]:
    """The scratch notes the setting leaves about (a plumber's jobs this week, a band's setlist, a ward's
    handover), written on or a few days before ``saved`` and quoting the project's workbook as it stood that day:
    no note names a day or a month after its own save."""
    day = saved - timedelta(days=rng.randint(0, 3))
    person = d.person(k + rng.randint(0, 5))
    entity = rng.choice(d.entities)
    other = rng.choice(d.entities)
    if other == entity and len(d.entities) > 1:  # a second entity, not the first again
        other = d.entities[(d.entities.index(entity) + 1) % len(d.entities)]
    figures = workbook_figures(ctx, plan, saved)
    months = _data_months(d, saved)
    values = {
        "when": f"{day.day} {day.strftime('%b')}",
        "who": person.first,
        "who_role": person.role,
        "at": entity,
        "at2": other,
        "month": d.month_label(months[-1]) if months else "",
        **(figures or {"actual": "", "plan": "", "worst": "", "worst_var": ""}),
    }
    notes: list[dict[str, str]] = working_bank(d.setting, "desktop")["notes"]
    out = []
    for note in notes:
        text = note["name"] + note["body"]
        if (figures is None and "{actual}" in text) or (not months and "{month}" in text):
            continue  # no workbook or no data month yet on that day: nothing to quote
        stem, dot, ext = fill_text(d, note["name"], **values, meeting=safe_name(d.meeting, 40)).rpartition(".")
        out.append((f"{safe_name(stem, 80)}{dot}{ext}", fill_text(d, note["body"], **values)))
    return out


def _link(ctx: GenerationContext, rng: random.Random, plan: ProjectPlan, d: ProjectDomain) -> tuple[str, str]:
    """A Desktop shortcut the user's life has (``links`` of the setting's working prose): the team site only where
    the organisation runs an intranet; a trade account, the band's shared drive or the council's bin days
    elsewhere."""
    ident = ctx.identity
    outside = [p for p in d.people if p.org and p.org != ident.life_org]

    city = ident.city or "Home"

    def party(rel: str, fallback: str) -> tuple[str, str]:
        """The org and web domain of a counterpart in ``rel`` (a supplier's trade account, a venue's listings)."""
        fits = [p for p in outside if relationship_for(p.role, own_boss=True, no_reports=True, rng=rng) == rel]
        if fits:
            who = fits[rng.randrange(len(fits))]
            return who.org, who.email.partition("@")[2]
        if fallback == "@place:arts_centre":  # "Centre culturel de Lyon", not "Lyon Arts Centre"
            code = ctx.persona.country_code or country_code_for(ident.country) or ""
            name = local_places("arts_centre", code, places=(city,))[0].replace("{city}", city)
            what = re.sub(r"(\s+\w{1,3})+$", "", " ".join(name.replace(city, " ").split())) or "Arts Centre"
            return name, site(what)
        return f"{city} {fallback}", site(fallback)

    def site(what: str) -> str:
        """The site of a local body or business named after the town ("riverfalls-council.example"): the town's
        first words alone would give its council, its bank and its market one address."""
        return f"{slug(city, '')}-{slug(what, '-')}.example"

    supplier_org, supplier = party("vendor", "Trade Supplies")
    client_org, client = party("client", "@place:arts_centre" if d.setting == "ensemble" else "Market")
    values = {
        "project_slug": slug(plan.name, "-")[:30],
        "domain": ident.domain,
        "supplier": supplier,
        "supplier_org": supplier_org,
        "client": client,
        "client_org": client_org,
        "council": site("Council"),
        "bank": site("Savings Bank"),
        "city": city,
        "city_slug": slug(city, "-"),
        "drive": "".join(
            rng.choice("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-") for _ in range(33)
        ),
    }
    links: list[list[str]] = working_bank(d.setting, "links")
    if plays_solo(ctx.persona):  # a solo act shares no band drive
        links = [x for x in links if not re.search(r"\bband\b", x[0], re.I)] or links
    name, url = links[rng.randrange(len(links))]
    return fill_text(d, name, **values), fill_text(d, url, **values)


def build_desktop(ctx: GenerationContext) -> None:
    """Desktop items (links to project sites, notes, a to-do list) in the number the clutter habit gives."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    lo, hi = _CLUTTER[ident.tidiness]
    n = rng.randint(lo, hi)
    led.folder("Desktop")
    projects = [p for p in ctx.plans if p.domain is not None]
    style = random.Random(f"{ctx.seed}|{ident.user.name}|todo")

    def job(p: ProjectPlan) -> str:
        assert p.domain is not None
        jobs = working_bank(p.domain.setting, "desktop")["todo"]
        return fill_text(
            p.domain, jobs[(rng.randrange(4) + style.randrange(len(jobs))) % len(jobs)], at=p.domain.entities[0]
        )

    todo = "\n".join(f"- [ ] {p.name}: {job(p)}" for p in projects[:5])
    written = ctx.now - timedelta(hours=20)
    led.add(
        "Desktop/todo.txt",
        text_bytes(f"TODO ({written.astimezone(ident.tz).date().isoformat()})\n{todo}"),
        purpose="To-do list",
        author=ctx.me,
        created=written,
        role="background",
        archetype="todo",
    )
    made = 1
    where_notes = [ctx.layout.work_root, "Documents"]
    k = 0
    while made < n + 6 and k < 60:
        plan = projects[k % len(projects)]
        d = plan.domain
        assert d is not None
        if k % 4 == 0:
            title, url = _link(ctx, rng, plan, d)
            if ident.os == "windows":
                data, ext = f"[InternetShortcut]\r\nURL={url}\r\n".encode(), "url"
            else:
                data = (
                    f'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>URL</key>'
                    f"<string>{url}</string></dict></plist>\n"
                ).encode()
                ext = "webloc" if ident.os == "macos" else "desktop"
                if ident.os == "linux":
                    data = f"[Desktop Entry]\nType=Link\nName={title}\nURL={url}\n".encode()
            path = f"Desktop/{safe_name(title, 50)}.{ext}"
            if path not in led.files and made < n:
                led.add(
                    path,
                    data,
                    purpose=f"Link: {title}",
                    author=ctx.me,
                    created=led.clock.at(plan.started),
                    role="background",
                    archetype="web_link",
                )
                made += 1
        else:
            # saved on a day the project had begun, within the last 300 days
            since = max(1, min(300, (ctx.now.date() - plan.started).days))
            saved = ctx.now.date() - timedelta(days=rng.randint(1, since))
            options = _notes(ctx, rng, plan, d, k, saved)
            name, txt = options[rng.randrange(len(options))]
            where = "Desktop" if made < n else where_notes[k % len(where_notes)]
            path = f"{where}/{name}"
            if path not in led.files:
                led.add(
                    path,
                    text_bytes(txt),
                    purpose="Scratch note",
                    author=ctx.me,
                    created=led.clock.at(saved),
                    role="background",
                    archetype="scratch_note",
                )
                made += 1
        k += 1
    blank = {"windows": "New Text Document.txt", "macos": "Untitled.txt", "linux": "Untitled Document.txt"}[ident.os]
    for where in ("Desktop", "Documents")[: 1 + (ident.tidiness != "tidy")]:
        led.add(
            f"{where}/{blank}",
            b"",
            purpose="Empty file",
            author=ctx.me,
            created=led.clock.at(ctx.now.date() - timedelta(days=rng.randint(1, 300))),
            role="background",
            archetype="empty",
        )
    led.add(
        f"Downloads/{safe_name(ctx.plans[0].name, 30)}.pdf.part",
        b"",
        purpose="Download still in progress",
        author=ctx.me,
        created=ctx.now - timedelta(hours=rng.randint(2, 30)),
        role="background",
        archetype="empty",
    )
    led.add(
        "Downloads/download.tmp" if ident.os != "windows" else "Downloads/Unconfirmed 48213.crdownload",
        b"",
        purpose="Interrupted download",
        author=ctx.me,
        created=led.clock.at(ctx.now.date() - timedelta(days=rng.randint(1, 90))),
        role="background",
        archetype="empty",
    )
