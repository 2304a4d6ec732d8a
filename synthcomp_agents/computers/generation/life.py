"""Stage: documents of the user's own life and trade, written from the archetype table.

The archetypes are chosen by the persona (:func:`~synthcomp_agents.computers.archetypes.archetypes_for`: its
family's documents when working, its interests' and life stage's documents always), written with the country's
locale (currency, tax, formats, paper) and filed where people keep them: personal documents under ``Documents``,
work ones under the work root.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta

from .._locale import LocaleInfo
from ..archetypes import Archetype, ArchetypeContext, ArchetypeError, Counterpart, archetypes_for, build_artifact
from .context import GenerationContext
from .text import safe_name

__all__ = ["build_life_documents", "life_locale"]

_STAGE = {"small_business_owner": "business_owner"}
_EXT = {"docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "md": "md", "pdf": "pdf", "csv": "csv"}


@dataclass(frozen=True)
class _Life:
    """What the archetype table reads from a persona (life stages named as the table names them)."""

    family: str | None
    life_stage: str
    interests: tuple[str, ...]
    role: str | None
    occupation: str | None
    org_type: str | None
    key_nouns: tuple[str, ...]


def life_locale(ctx: GenerationContext) -> LocaleInfo | None:
    """The user's locale (None when the locale module does not know the country)."""
    from .._locale import country_code_for, locale_for

    code = ctx.persona.country_code or country_code_for(ctx.identity.country)
    if not code:
        return None
    try:
        return locale_for(code, ctx.persona.region)
    except (KeyError, ValueError):
        return None


def _chosen(ctx: GenerationContext, limit: int) -> list[Archetype]:
    p = ctx.persona
    life = _Life(
        p.family,
        _STAGE.get(p.life_stage, p.life_stage),
        tuple(p.interests),
        p.role,
        p.occupation,
        p.org_type,
        tuple(p.key_nouns),
    )
    # most specific first; kinds already written as a project's document are not written again (same fixed wording)
    found = [a for a in archetypes_for(life) if a.id not in ctx.project_kinds]
    head, tail = found[: limit // 2], found[limit // 2 :]
    return head + ctx.rng.sample(tail, k=min(len(tail), limit - len(head)))


def build_life_documents(ctx: GenerationContext) -> None:
    """One or two documents of each archetype the persona's life holds (up to about two dozen kinds)."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    locale = life_locale(ctx)
    people = tuple(Counterpart(person.name, person.role, person.org, person.email) for person in ctx.team.people)
    topics = [plan.name for plan in ctx.plans if plan.is_project]
    vocabulary = tuple(ctx.persona.key_nouns) + tuple(ident.family.jargon[:4])
    for arch in _chosen(ctx, 18):
        for _one in range(1):  # one document per kind: a second would repeat the kind's fixed wording
            day = ctx.now.date() - timedelta(days=rng.randint(3, 500))
            topic = (
                rng.choice(topics)
                if not arch.personal
                else (rng.choice(ctx.persona.interests) if ctx.persona.interests else arch.label)
            )
            actx = ArchetypeContext(
                owner_name=ident.user.name,
                owner_role=ident.user.role,
                organisation=ident.org,
                topic=topic,
                created=day,
                rng=rng,
                org_type=ctx.persona.org_type or "",
                life_stage=_STAGE.get(ctx.persona.life_stage, ctx.persona.life_stage),
                family=ctx.persona.family,
                interests=tuple(ctx.persona.interests),
                counterparts=people,
                vocabulary=vocabulary,
                owner_email=ident.user.email,
                city=ident.city,
                country_code=ctx.persona.country_code or "",
            )
            if locale is not None:
                actx.locale = locale
            try:
                art = build_artifact(arch.id, actx)
            except ArchetypeError:
                continue
            folder = str(getattr(art, "folder", "") or "").strip("/")
            root = "Documents" if arch.personal else ctx.layout.work_root
            base = f"{root}/{folder}" if folder else root
            name = safe_name(art.filename or arch.label, 70)
            if f"{base}/{name}.{_EXT[art.kind]}" in led.files:
                continue  # a second one would only be a name clash, not a second document
            when = led.clock.leisure(day) if arch.personal else led.clock.at(day)
            saved = min(when + timedelta(minutes=rng.randint(10, 180)), ctx.now - timedelta(minutes=5))
            props = getattr(art.spec, "properties", None)
            if props is not None:  # office metadata agrees with the file system
                props = props.model_copy(
                    update={
                        "created": when,
                        "modified": saved,
                        "author": ident.user.name,
                        "last_modified_by": ident.user.name,
                    }
                )
                art = dataclasses.replace(art, spec=art.spec.model_copy(update={"properties": props}))
            led.add(
                f"{base}/{name}.{_EXT[art.kind]}",
                art.to_bytes(),
                purpose=art.title,
                author=ident.user.name,
                created=when,
                modified=saved,
                role="background",
                archetype=arch.id,
            )
