"""Background: the Desktop and the small notes and links people leave about, as many as the user's clutter
habit says (a tidy desktop holds a handful of items, a messy one dozens), each with content of its own."""

from __future__ import annotations

import random
from datetime import timedelta

from .._background import text_bytes
from .._content import ProjectDomain, fill_text, working_bank
from .._names import slug
from .context import GenerationContext
from .figures import workbook_figures
from .plans import ProjectPlan
from .text import safe_name

__all__ = ["build_desktop"]

_CLUTTER = {"tidy": (2, 4), "average": (7, 12), "messy": (18, 28)}


def _notes(
    ctx: GenerationContext, rng: random.Random, plan: ProjectPlan, d: ProjectDomain, k: int
) -> list[tuple[str, str]]:
    """The six scratch notes the setting leaves about (a plumber's jobs this week, a band's setlist, a ward's
    handover), quoting the project's workbook for any figure."""
    day = ctx.now.date() - timedelta(days=rng.randint(2, 280))
    person = d.person(k + rng.randint(0, 5))
    entity = rng.choice(d.entities)
    rng.randint(20, 900)  # the draws of the figures the notes once invented, kept so later draws stay the same
    rng.randint(1000, 9000)
    other = rng.choice(d.entities)
    if other == entity and len(d.entities) > 1:  # a second entity, not the first again
        other = d.entities[(d.entities.index(entity) + 1) % len(d.entities)]
    figures = workbook_figures(ctx, plan, ctx.now.date())
    values = {
        "when": f"{day.day} {day.strftime('%b')}",
        "who": person.first,
        "who_role": person.role,
        "at": entity,
        "at2": other,
        "month": d.month_label(d.months[-1]),
        **(figures or {"actual": "", "plan": "", "worst": "", "worst_var": ""}),
    }
    notes: list[dict[str, str]] = working_bank(d.setting, "desktop")["notes"]
    out = []
    for note in notes:
        if figures is None and "{actual}" in note["body"]:
            note = notes[0]  # no workbook yet: no figures to quote
        stem, dot, ext = fill_text(d, note["name"], **values, meeting=safe_name(d.meeting, 40)).rpartition(".")
        out.append((f"{safe_name(stem, 80)}{dot}{ext}", fill_text(d, note["body"], **values)))
    return out


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
            options = _notes(ctx, rng, plan, d, k)
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
