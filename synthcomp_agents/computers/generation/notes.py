"""Background: the user's own running notes (a weekly log in Markdown, as note apps such as Obsidian keep them on
disk): what happened that week on which project, with whom, and what is next - plus, for people with hobbies,
a page per interest. Dated on the week they describe; every note is its own text."""

from __future__ import annotations

import random
from datetime import timedelta

from .._background import text_bytes
from .._content import fill_text, working_bank
from .context import GenerationContext
from .figures import workbook_figures

__all__ = ["build_notes_vault"]


def _pick(rng: random.Random, options: list[str]) -> str:
    return options[rng.randrange(len(options))]


def build_notes_vault(ctx: GenerationContext) -> None:
    """Weekly notes over the last months and one page per interest."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    vault = "Documents/Notes" if ident.os != "linux" else "Documents/notes"
    plans = [p for p in ctx.plans if p.domain is not None]
    n_weeks = {"tidy": (18, 28), "average": (14, 22), "messy": (8, 14)}[ident.tidiness]
    today = ctx.now.date()
    monday = today - timedelta(days=today.weekday())
    for w in range(rng.randint(*n_weeks)):
        week = monday - timedelta(weeks=w + 1)
        iso = week.isocalendar()
        active = [p for p in plans if p.started <= week and (p.end is None or p.end >= week)] or plans[:1]
        lines = [f"# Week {iso.week}, {iso.year}", ""]
        for p in rng.sample(active, k=min(len(active), rng.randint(1, 3))):
            d = p.domain
            assert d is not None
            bank = working_bank(d.setting, "vault")
            style = random.Random(f"{p.pid}|{week.isoformat()}|vault")
            person = d.person(rng.randrange(4))
            lines.append(f"## {p.name}")
            on = (week + timedelta(days=rng.randint(0, 4))).strftime("%a %d %b")
            # the shared generator's draws are those of the old fixed lines (a verb of eight, an entity, a figure
            # it no longer invents, a next step of six, a person, a day); the setting's words are read through them
            verb = bank["verbs"][(rng.randrange(8) + style.randrange(len(bank["verbs"]))) % len(bank["verbs"])]
            entity = rng.choice(d.entities)
            rng.randint(20, 900)
            step = (rng.randrange(6) + style.randrange(len(bank["next"]))) % len(bank["next"])
            nxt = d.person(rng.randrange(4)).first
            by = (week + timedelta(days=rng.randint(7, 12))).strftime("%a %d %b")
            figures = workbook_figures(ctx, p, week + timedelta(days=4))
            values = {"on": on, "did": verb, "who": person.first, "who_role": person.role, "at": entity, "by": by}
            did = _pick(style, bank["did_figures"] if figures else bank["did"])
            lines.append("- " + fill_text(d, did, **values, **(figures or {})))
            lines.append("- " + fill_text(d, bank["next"][step], **{**values, "who": nxt}))
            lines.append("")
        for interest in ctx.persona.interests[:1]:
            if rng.random() < 0.4:
                lines.append(f"Weekend: {interest} - {rng.choice(['finally', 'again', 'a bit', 'all Saturday'])}")
        folder = f"{vault}/{iso.year}" if ident.tidiness == "tidy" else vault
        led.add(
            f"{folder}/{iso.year}-W{iso.week:02d}.md",
            text_bytes("\n".join(lines)),
            purpose="Weekly notes",
            author=ident.user.name,
            created=led.clock.at(week + timedelta(days=4), 17),
            role="background",
            archetype="weekly_log",
        )
    for interest in ctx.persona.interests[:4]:
        items = [
            f"- {rng.choice(['idea', 'to try', 'bought', 'ask about', 'read'])}: {interest} "
            f"{rng.choice(['session', 'kit', 'club', 'group', 'book', 'event'])} "
            f"({(today - timedelta(days=rng.randint(3, 200))).isoformat()})"
            for _ in range(rng.randint(3, 8))
        ]
        led.add(
            f"{vault}/{interest[:1].upper() + interest[1:]}.md",
            text_bytes(
                f"# {interest[:1].upper() + interest[1:]}\n\n" + "\n".join(sorted(items, key=lambda s: s[-11:]))
            ),
            purpose=f"Notes on {interest}",
            author=ident.user.name,
            created=led.clock.leisure(today - timedelta(days=rng.randint(3, 60))),
            role="background",
            archetype="interest_notes",
        )
