"""Background: the Desktop and the small notes and links people leave about, as many as the user's clutter
habit says (a tidy desktop holds a handful of items, a messy one dozens), each with content of its own."""

from __future__ import annotations

import random
from datetime import timedelta

from .._background import text_bytes
from .._content import ProjectDomain
from .._names import slug
from .context import GenerationContext
from .text import safe_name

__all__ = ["build_desktop"]

_CLUTTER = {"tidy": (2, 4), "average": (7, 12), "messy": (18, 28)}


def _notes(ctx: GenerationContext, rng: random.Random, d: ProjectDomain, k: int) -> list[tuple[str, str]]:
    day = ctx.now.date() - timedelta(days=rng.randint(2, 280))
    when = f"{day.day} {day.strftime('%b')}"
    person = d.person(k + rng.randint(0, 5))
    entity = rng.choice(d.entities)
    month = d.month_label(d.months[-1])
    first = ctx.user.first
    return [
        (
            f"todo {d.project}.txt",
            f"- send {d.report_type} to {person.first}\n- chase {entity}\n- book {d.meeting}\n- expenses for {when}",
        ),
        (
            f"call notes {when}.txt",
            f"call w/ {person.first} ({person.role})\n{entity}: numbers for {month} not final"
            f" yet\n-> {person.first} sends update by Friday",
        ),
        (
            f"numbers for {person.first}.txt",
            f"{d.metric} {month}\n{entity}: {d.amount(rng.randint(20, 900) * 10)}\n"
            f"total so far: {d.amount(rng.randint(1000, 9000) * 10)} (check in {d.tool})",
        ),
        (
            f"questions for {person.first}.txt",
            f"1. {entity} - is {month} final?\n2. who signs off {d.project}?\n3. budget for {rng.choice(d.entities)}?",
        ),
        (f"{safe_name(d.meeting, 40)} agenda.txt", f"{when}\n1. numbers\n2. {entity}\n3. {d.project}\n4. AOB"),
        (
            f"draft email {person.first}.txt",
            f"Hi {person.first},\n\nquick one on {entity} - can we move the {month}"
            f" figures to next week?\n\nThanks\n{first}",
        ),
    ]


def build_desktop(ctx: GenerationContext) -> None:
    """Desktop items (links to project sites, notes, a to-do list) in the number the clutter habit gives."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    lo, hi = _CLUTTER[ident.tidiness]
    n = rng.randint(lo, hi)
    led.folder("Desktop")
    projects = [p for p in ctx.plans if p.domain is not None]
    todo = "\n".join(
        f"- [ ] {p.name}: {rng.choice(['send update', 'check numbers', 'book meeting', 'chase'])}" for p in projects[:5]
    )
    led.add(
        "Desktop/todo.txt",
        text_bytes(f"TODO ({ctx.now.date().isoformat()})\n{todo}"),
        purpose="To-do list",
        author=ctx.me,
        created=ctx.now - timedelta(hours=20),
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
            url = f"https://{ident.domain}/sites/{slug(plan.name, '-')[:30]}"
            if ident.os == "windows":
                data, ext = f"[InternetShortcut]\r\nURL={url}\r\n".encode(), "url"
            else:
                data = (
                    f'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>URL</key>'
                    f"<string>{url}</string></dict></plist>\n"
                ).encode()
                ext = "webloc" if ident.os == "macos" else "desktop"
                if ident.os == "linux":
                    data = f"[Desktop Entry]\nType=Link\nName={plan.name}\nURL={url}\n".encode()
            path = f"Desktop/{safe_name(plan.name, 40)} - site.{ext}"
            if path not in led.files and made < n:
                led.add(
                    path,
                    data,
                    purpose="Link to the team site",
                    author=ctx.me,
                    created=led.clock.at(plan.started),
                    role="background",
                    archetype="web_link",
                )
                made += 1
        else:
            options = _notes(ctx, rng, d, k)
            name, txt = options[rng.randrange(len(options))]
            where = "Desktop" if made < n else where_notes[k % len(where_notes)]
            path = f"{where}/{name}"
            if path not in led.files:
                led.add(
                    path,
                    text_bytes(txt),
                    purpose="Scratch note",
                    author=ctx.me,
                    created=led.clock.at(ctx.now.date() - timedelta(days=rng.randint(1, 300))),
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
