"""Stage 5b in a band, a standing responsibility's papers: what a band keeps for it, never an office's cycle
workbook with plan, actual and variance per venue or notes "restated after review".

The rider is one page: the line-up, the backline the band needs, the input list and the hospitality; the band
agreement is the members' split of the gig money (each night's net evenly, odd cents to the kitty, as every
settlement splits it) and what happens when one leaves; the press kit is the bio and the one-sheet. Every
responsibility also keeps the notes of its sessions (rehearsal, songwriting, studio): who came, the songs worked on.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from synthcomp_agents.office import BulletList, DocumentSpec, Heading, Paragraph, Table, write_docx, write_markdown

from .band_gigs import catalogue, clock_text, venues_for
from .context import GenerationContext
from .core_band import _add, _Band, _band, _when
from .plans import ProjectPlan
from .text import cap, safe_name

__all__ = ["build_band_recurring"]

# what a solo act's standing meeting is with, and what gets talked about (the meeting's words, the other side)
_SOLO_WITH = (
    (re.compile(r"wedding|consultation|couple", re.I), "the couple"),
    (re.compile(r"venue|walk-through", re.I), "the venue's events manager"),
    (re.compile(r"promoter", re.I), "the promoter"),
)

_RIDER = re.compile(r"\brider\b|tech spec|stage plot", re.I)
_AGREEMENT = re.compile(r"agreement|contract|partnership|\bsplits?\b", re.I)
_PRESS = re.compile(r"press|\bepk\b|\bbio\b|one-sheet|publicity", re.I)
_PARTS = (
    ("guitar", re.compile(r"guitar", re.I)),
    ("bass", re.compile(r"\bbass", re.I)),
    ("drums", re.compile(r"drum", re.I)),
    ("vocals", re.compile(r"sing|vocal", re.I)),
    ("keys", re.compile(r"keys|keyboard|piano", re.I)),
)
_INPUTS = {
    "vocals": [("Lead vocal", "SM58")],
    "guitar": [("Guitar amp", "SM57")],
    "bass": [("Bass DI", "DI box"), ("Bass amp", "RE20")],
    "drums": [("Kick", "Beta 52"), ("Snare", "SM57"), ("Hi-hat", "condenser"), ("Overheads L/R", "2 x condenser")],
    "keys": [("Keys L/R", "2 x DI box")],
}
_BACKLINE = {
    "guitar": "one 4x12 cab or a 2x12 combo",
    "bass": "a bass head and 4x10 cab",
    "drums": "a drum kit shell pack (kick, rack and floor tom), hi-hat and cymbal stands",
    "keys": "a double keyboard stand",
    "vocals": "a boom stand",
}


def _rng(ctx: GenerationContext, plan: ProjectPlan, what: str) -> random.Random:
    """A random source of the responsibility's own, so the stages after this one draw as before."""
    return random.Random(f"{ctx.seed}|{ctx.persona.text}|band-standing|{plan.pid}|{what}")


def _parts(ctx: GenerationContext, band: _Band) -> list[tuple[str, str]]:
    """Each member and what they play: the user by their own words (a guitarist plays guitar), the rest the parts
    left, in the order a band fills them."""
    words = " ".join([ctx.persona.text, ctx.persona.role or "", ctx.persona.occupation or ""])
    mine = next((part for part, rx in _PARTS if rx.search(words)), "guitar")
    left = [p for p in ("vocals", "drums", "bass", "guitar", "keys") if p != mine]
    return [(band.members[0], mine), *zip(band.members[1:], left, strict=False)]


def build_band_recurring(ctx: GenerationContext, plan: ProjectPlan) -> None:
    """The papers of one standing responsibility in a band (the rider, the agreement, the press kit) and the notes of
    its sessions."""
    from .core_project import make_domain

    today = ctx.now.date()
    d = make_domain(ctx, plan, today)
    d.meeting = plan.meeting
    plan.domain = d
    plan.folder = ctx.layout.project_folder(plan)
    band = _band(ctx)
    words = f"{plan.name} {plan.focus}"
    docs: list[str] = []
    if _RIDER.search(words):
        docs.append(_solo_rider(ctx, plan, band) if band.solo else _rider(ctx, plan, band))
    elif _AGREEMENT.search(words) and not band.solo:  # a solo act has nobody to agree a split with
        docs.append(_agreement(ctx, plan, band))
    elif _PRESS.search(words):
        docs += _press_kit(ctx, plan, band)
    elif band.solo and re.search(r"diary|bookings|summary|calendar", words, re.I):
        from .band_solo import solo_bookings_book

        docs.append(solo_bookings_book(ctx, plan, band))  # the year's gigs from every project's bookings
    plan.documents = [*docs, *_sessions(ctx, plan, band)]


def _doc(ctx: GenerationContext, plan: ProjectPlan, name: str, spec: DocumentSpec, purpose: str, kind: str) -> str:
    at = _when(ctx, plan.started + timedelta(days=_rng(ctx, plan, name).randint(2, 20)), 21)
    spec = spec.model_copy(update={"properties": ctx.props(spec.title, ctx.me, at, at, plan.name)})
    return _add(
        ctx, plan, f"{plan.folder}/{safe_name(name, 70)}.docx", write_docx(spec),
        purpose=purpose, author=ctx.me, at=at, archetype=kind,
    )  # fmt: skip


def _rider(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> str:
    """The one-page rider: line-up, backline, input list, hospitality."""
    parts = _parts(ctx, band)
    inputs = [row for _who, part in parts for row in _INPUTS[part]]
    spec = DocumentSpec(
        title=f"{band.name} - rider",
        blocks=[
            Heading(text=f"{band.name} - technical and hospitality rider", level=1),
            Table(header=["Member", "Plays"], rows=[[who, part] for who, part in parts]),
            Heading(text="Backline", level=2),
            BulletList(items=[f"{cap(part)}: {_BACKLINE[part]}" for _who, part in parts]),
            Heading(text="Input list", level=2),
            Table(header=["Ch", "Source", "Mic / DI"], rows=[[str(k + 1), s, m] for k, (s, m) in enumerate(inputs)]),
            Heading(text="Hospitality", level=2),
            Paragraph(
                text=f"Water on stage, a meal or buy-out for {len(parts)}, a dry room to change in, and a place to"
                " park the van by the load-in door."
            ),
        ],
    )
    purpose = "The band's rider: line-up, backline, inputs, hospitality"
    return _doc(ctx, plan, f"{band.name} rider", spec, purpose, "rider")


def _solo_rider(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> str:
    """A solo act's rider: what the booth or the stage needs, the set-up time and the hospitality for one."""
    dj = re.search(r"\b(dj|disc jockey)\b", ctx.persona.text, re.I) is not None
    needs = (
        [
            "Two Pioneer CDJ-3000 (linked) and a DJM-900NXS2 or DJM-A9 mixer",
            "A booth monitor either side of the decks, its own level on the mixer",
            "Decks on a stable table at waist height, out of the dance floor's reach",
            "Two free sockets in the booth; no drinks on the decks",
        ]
        if dj
        else [
            "A tuned acoustic piano (tuned in the week before), or a weighted 88-key stage piano and stand",
            "One vocal microphone on a boom stand and a DI for the piano if amplified",
            "A lamp on the music stand",
        ]
    )
    spec = DocumentSpec(
        title=f"{band.name} - rider",
        blocks=[
            Heading(text=f"{band.name} - technical and hospitality rider", level=1),
            Heading(text="Equipment", level=2),
            BulletList(items=needs),
            Heading(text="Set-up", level=2),
            Paragraph(text="Access 60 minutes before the set; 15 minutes of line check with the venue's engineer."),
            Heading(text="Hospitality", level=2),
            Paragraph(text="Water, a meal or buy-out for one, and a parking space near the entrance for the kit."),
        ],
    )
    return _doc(ctx, plan, f"{band.name} rider", spec, "The act's rider: equipment, set-up, hospitality", "rider")


def _agreement(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> str:
    """The band agreement: who is in, each member's share, how the gig money and songwriting are split."""
    parts = _parts(ctx, band)
    n = len(parts)
    shares = [100 // n + (1 if k < 100 % n else 0) for k in range(n)]
    signed = plan.started
    spec = DocumentSpec(
        title=f"{band.name} - band agreement",
        blocks=[
            Paragraph(text=f"Agreed between the {n} members on {signed.strftime('%d %B %Y')}."),
            Table(
                header=["Member", "Plays", "Share of band income (%)"],
                rows=[[who, part, str(s)] for (who, part), s in zip(parts, shares, strict=True)],
            ),
            Heading(text="Gig money", level=2),
            Paragraph(
                text="After each night's costs (van, strings and sticks, parking) the net is split evenly between the"
                " members; the odd cents go to the band kitty. The night's merch takings go into that net with the door"
                " and the fee, as the settlement sheets add them up."
            ),
            Heading(text="Songs", level=2),
            Paragraph(text="Songwriting credit goes to whoever wrote the song; songs written together split evenly."),
            Heading(text="Leaving the band", level=2),
            Paragraph(
                text="A member who leaves gives a month's notice, is paid their share of gigs already played, and"
                " keeps their own gear; the name stays with the band."
            ),
            Table(header=["Signed", "Date"], rows=[[who, signed.isoformat()] for who, _part in parts]),
        ],
    )
    return _doc(ctx, plan, f"{band.name} band agreement", spec, "The members' agreement and split", "band_agreement")


def _press_kit(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The press kit: the bio and the one-sheet with the release's songs and where the band has played."""
    rng = _rng(ctx, plan, "press")
    parts = _parts(ctx, band)
    songs = catalogue(rng, 4)
    venues = rng.sample(venues_for(ctx.persona.country_code or ""), k=3)
    city = ctx.identity.city
    formed = plan.started.year - rng.randint(1, 5)
    line_up = ", ".join(f"{who} ({part})" for who, part in parts)
    if band.solo:
        line_up = f"{band.name} ({(ctx.persona.role or 'solo act').lower()})"
    bio = DocumentSpec(
        title=f"{band.name} - bio",
        blocks=[
            Heading(text=band.name, level=1),
            Paragraph(
                text=(
                    f"{band.name} are a {len(parts)}-piece from {city}, together since {formed}: {line_up}. They have"
                    f' played {", ".join(venues[:-1])} and {venues[-1]}, and the new EP opens with "{songs[0].title}".'
                    if not band.solo
                    else f"{line_up}, from {city}, playing out since {formed}: {', '.join(venues[:-1])} and"
                    f" {venues[-1]}."
                )
            ),
        ],
    )
    sheet = DocumentSpec(
        title=f"{band.name} - one-sheet",
        blocks=[
            Paragraph(text=f"From {city}. Line-up: {line_up}."),
            Heading(text="Release", level=2),
            Table(header=["Track", "Length"], rows=[[s.title, clock_text(s.seconds)] for s in songs]),
            Heading(text="Live", level=2),
            BulletList(items=venues),
            Paragraph(text=f"Booking and press: {ctx.me}, {ctx.user.address}"),
        ],
    )
    return [
        _doc(ctx, plan, f"{band.name} bio", bio, "The band's bio for the press kit", "press_kit"),
        _doc(ctx, plan, f"{band.name} one-sheet", sheet, "The press kit's one-sheet", "press_kit"),
    ]


def _sessions(ctx: GenerationContext, plan: ProjectPlan, band: _Band) -> list[str]:
    """The last four weeks' session notes: who came and the songs worked on (from one list of the band's songs)."""
    rng = _rng(ctx, plan, "sessions")
    meeting = plan.meeting or "band rehearsal"
    songs = catalogue(random.Random(f"{ctx.seed}|{ctx.persona.text}|band-standing|songs"), 10)
    today = ctx.now.date()
    out: list[str] = []
    for k in range(4):
        day = today - timedelta(days=7 * (4 - k) + rng.randint(0, 1))
        came = [m for m in band.members if m == ctx.me or rng.random() < 0.85]
        worked = rng.sample(songs, k=rng.randint(2, 4))
        if band.solo:  # a solo act's session: a client or a promoter on the other side, the tracks talked about
            out.append(_solo_session(ctx, plan, meeting, day, rng))
            continue
        spec = DocumentSpec(
            title=f"{cap(meeting)} {day.isoformat()}",
            blocks=[
                Paragraph(text=f"There: {', '.join(came)}."),
                BulletList(items=[s.title for s in worked]),
                Paragraph(text=rng.choice(("Tighten the endings.", "Count-ins from the drums.", "Record it next."))),
            ],
        )
        out.append(
            _add(
                ctx, plan, f"{plan.folder}/Notes/{day.isoformat()} {safe_name(meeting, 40)}.md", write_markdown(spec),
                purpose=f"Notes of the {meeting}", author=ctx.me, at=_when(ctx, day, 22), archetype="meeting_notes",
            )
        )  # fmt: skip
    return out


def _solo_session(ctx: GenerationContext, plan: ProjectPlan, meeting: str, day: date, rng: random.Random) -> str:
    """Notes of a solo act's standing meeting (a wedding consultation, a promoter call): who it was with, the
    tracks or the dates talked about, what to do next."""
    from .solo_gigs import crate, style_for

    with_ = next((who for rx, who in _SOLO_WITH if rx.search(meeting)), "the client")
    style = style_for(ctx.persona.text, ctx.persona.country_code or "")
    tracks = crate(random.Random(f"{ctx.seed}|{ctx.persona.text}|solo-standing|{day.isoformat()}"), style, 6)
    wanted = [f"{t.title} ({t.bpm} BPM, {t.key})" for t in tracks[: rng.randint(2, 4)]]
    spec = DocumentSpec(
        title=f"{cap(meeting)} {day.isoformat()}",
        blocks=[
            Paragraph(text=f"With {with_}."),
            Heading(text="Tracks talked about", level=2),
            BulletList(items=wanted),
            Paragraph(text=rng.choice(("Send the booking by Friday.", "Quote the extra hour.", "Check the curfew."))),
        ],
    )
    return _add(
        ctx, plan, f"{plan.folder}/Notes/{day.isoformat()} {safe_name(meeting, 40)}.md", write_markdown(spec),
        purpose=f"Notes of the {meeting}", author=ctx.me, at=_when(ctx, day, 20), archetype="meeting_notes",
    )  # fmt: skip
