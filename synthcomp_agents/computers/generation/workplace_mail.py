"""Stage 6 for a small workplace's employee, mail: the job's real correspondence, not a project's review threads.

A line cook, a barista or a mechanic on a payroll writes no draft reviews to a sponsor. Their mailbox holds next
week's rota from the boss with a shift swap agreed with a workmate, the payslip the boss sends on pay day (its hours
the time sheets' hours), a supplier's substitution for tomorrow's delivery, the boss asking for a copy of the
training certificate for the file, and the daily log sent ahead of an inspection. Each mail names the workplace, its
people and the dates the attached papers state; an attachment is byte-identical to the file on the disk.
"""

from __future__ import annotations

import posixpath
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from synthcomp_agents.office import write_eml

from .._content import Person, fmt_num
from .._names import slug
from .context import GenerationContext
from .text import safe_name
from .threads import attachment_of, thread_message
from .workplace import Workplace

__all__ = ["WorkplacePapers", "write_workplace_mail"]


@dataclass
class WorkplacePapers:
    """What the workplace's papers state that its mail talks about.

    Attributes:
        rota: The rota's path, its rows (name, then a shift or "off" a day) and its day labels ("Mon 12").
        word: What the rota is called where the user works ("Rota", "Schedule", "Roster").
        payslips: (path, first day of the month paid, hours paid, pay date) per payslip.
        certificate: (path, certificate name, day awarded, provider) of the training certificate.
        log: (path, title) of the workplace's daily log.
    """

    rota: tuple[str, list[list[str]], list[str]] | None = None
    word: str = "Rota"
    payslips: list[tuple[str, date, float, str]] = field(default_factory=list)
    certificate: tuple[str, str, date, str] | None = None
    log: tuple[str, str] | None = None


# what a supplier runs short of and offers instead, by the workplace's kind
_SHORT: dict[str, tuple[tuple[str, str], ...]] = {
    "kitchen": (("flat-leaf parsley", "curly parsley"), ("cod loin", "hake loin"), ("double cream", "whipping cream"),
                ("chicken thighs (boneless)", "bone-in thighs")),
    "cafe": (("oat milk (barista edition)", "soya milk (barista edition)"), ("the house blend, 1 kg bags",
             "the single-origin Colombian"), ("almond croissants", "plain croissants")),
    "bar": (("the guest ale", "a second keg of the pale ale"), ("limes", "lemons"), ("tonic, 200 ml bottles",
            "slimline tonic")),
    "salon": (("6% developer, 1 l", "9% developer"), ("the 7/1 tube", "7/11"), ("foil roll, 100 m", "pre-cut foils")),
    "bakery": (("strong white flour, 16 kg", "the organic strong white"), ("unsalted butter, 10 kg", "block butter"),
               ("cake boxes", "window boxes")),
    "shop": (("carrier bags", "paper bags"), ("till rolls", "thermal rolls from the other supplier"),
             ("the 500 ml milk", "the 1 l bottles")),
    "garage": (("front brake pads for the Golf", "the Mintex pads"), ("5W-30 oil, 5 l", "a 20 l drum of 5W-30"),
               ("oil filters", "the Bosch filters")),
    "trade": (("2.5 mm cable, 100 m", "two 50 m drums"), ("RCBOs", "the Hager RCBOs"), ("35 mm back boxes",
              "47 mm back boxes")),
}  # fmt: skip


def write_workplace_mail(ctx: GenerationContext, place: Workplace, papers: WorkplacePapers) -> None:
    """The employee's mail about the job, in the workplace folder's mail folder (see the module's docstring)."""
    rng = random.Random(f"workplace mail|{ctx.persona.text}|{ctx.seed}")
    team = ctx.team
    boss = team.people[0]
    staff = [p for p in team.people[1:] if p.org == ctx.identity.life_org]
    vendors = [p for p, (rel, _style) in zip(team.people, team.meta, strict=False) if rel == "vendor"]
    mail = ctx.layout.sub(ctx.layout.work_root, "mail")
    org = ctx.identity.org
    if papers.rota is not None:
        _rota_thread(ctx, rng, mail, boss, staff, papers)
    for k, (path, first, hours, paid) in enumerate(papers.payslips[-2:]):
        sent = _at(ctx, ctx.ledger.files[path].created + timedelta(hours=rng.randint(1, 6)))
        word = posixpath.basename(path).split()[0]  # "Payslip" or "Pay"
        word = "pay stub" if word == "Pay" else "payslip"
        month = first.strftime("%B %Y")
        messages: list[tuple[Person, str, str | None]] = [
            (
                boss,
                f"Hi {ctx.user.first},\n\nYour {word} for {month} is attached: {fmt_num(hours)} hours, paid on"
                f" {paid}. Any questions, let me know before the end of the week.\n\n{boss.first}\n{org}",
                path,
            )
        ]
        if k == 0:
            messages.append(
                (
                    ctx.user,
                    f"Thanks {boss.first}, {fmt_num(hours)} hours is what my time sheets for {month} add up to."
                    f"\n\n{ctx.user.first}",
                    None,
                )
            )
        _thread(ctx, rng, mail, f"{word.capitalize()} {month}", sent, messages)
    if vendors:
        vendor = vendors[0]
        short, instead = rng.choice(_SHORT.get(place.kind, _SHORT["shop"]))
        day = ctx.now.date() - timedelta(days=rng.randint(9, 40))
        start = _at(ctx, datetime.combine(day, time(rng.randint(9, 15), rng.randint(0, 59)), tzinfo=ctx.identity.tz))
        # the delivery is a few days after the supplier writes (the answer goes back the same day or the next)
        when = day + timedelta(days=4)
        delivery = when.strftime("%A, %B %-d" if ctx.persona.country_code in ("US", "CA") else "%A %-d %B")
        _thread(
            ctx,
            rng,
            mail,
            f"{org} – delivery {delivery}",
            start,
            [
                (
                    vendor,
                    f"Hi {ctx.user.first},\n\nWe're out of {short} for your delivery on {delivery}. We can send"
                    f" {instead} at the same price, or leave it off the order. Which would you prefer?\n\n"
                    f"{vendor.name}\n{vendor.org}",
                    None,
                ),
                (
                    ctx.user,
                    f"Hi {vendor.first},\n\n{instead[:1].upper()}{instead[1:]} is fine, thanks. Please note it on the"
                    f" delivery note so {boss.first} can check it against the invoice.\n\n{ctx.user.first}\n{org}",
                    None,
                ),
            ],
            cc=[boss],
        )
    if papers.certificate is not None:
        path, name, issued, provider = papers.certificate
        due = issued + timedelta(days=3 * 365)
        start = _at(ctx, ctx.now - timedelta(days=rng.randint(20, 60)))
        _thread(
            ctx,
            rng,
            mail,
            f"Training records – {name}",
            start,
            [
                (
                    boss,
                    f"Hi {ctx.user.first},\n\nI'm updating the training records. Could you send me a copy of your"
                    f" {name} certificate? The refresher is due by {due.isoformat()}.\n\nThanks,\n{boss.first}",
                    None,
                ),
                (
                    ctx.user,
                    f"Hi {boss.first},\n\nAttached: {name}, awarded on {issued.isoformat()} by {provider}.\n\n"
                    f"{ctx.user.first}",
                    path,
                ),
            ],
        )
    if papers.log is not None:
        path, title = papers.log
        start = _at(ctx, ctx.ledger.files[path].created + timedelta(hours=rng.randint(1, 20)))
        _thread(
            ctx,
            rng,
            mail,
            title,
            start,
            [
                (
                    ctx.user,
                    f"Hi {boss.first},\n\nThe last two weeks of the {title.lower()} are attached, as you asked,"
                    f" for the file.\n\n{ctx.user.first}",
                    path,
                ),
                (boss, f"Thanks {ctx.user.first}, that's all in order.\n\n{boss.first}", None),
            ],
        )


def _rota_thread(
    ctx: GenerationContext, rng: random.Random, mail: str, boss: Person, staff: list[Person], papers: WorkplacePapers
) -> None:
    """The boss sends the rota round; the user asks to swap a shift with a workmate who is off that day."""
    assert papers.rota is not None
    path, rows, days = papers.rota
    word = papers.word
    mine = rows[0]
    start = _at(ctx, ctx.ledger.files[path].created + timedelta(minutes=rng.randint(5, 50)))
    subject = f"{word} {posixpath.basename(path).rsplit('.', 1)[0].split(' ', 1)[1]}"
    messages: list[tuple[Person, str, str | None]] = [
        (
            boss,
            f"Hi all,\n\nNext week's {word.lower()} is attached. Tell me by Friday if anything doesn't work."
            f"\n\n{boss.first}",
            path,
        )
    ]
    swap = next(
        (
            (k, mate, row)
            for k in rng.sample(range(7), 7)
            if mine[k + 1] != "off"
            for row in rows[1:]
            for mate in staff
            if row[0] == mate.name and row[k + 1] == "off"
        ),
        None,
    )
    if swap is not None:
        k, mate, _row = swap
        messages += [
            (
                ctx.user,
                f"Hi {boss.first},\n\nCould I swap my {days[k]} shift ({mine[k + 1]}) with {mate.first}? "
                f"{mate.first} is off that day and is happy to take it.\n\n{ctx.user.first}",
                None,
            ),
            (mate, f"Yes, fine by me.\n\n{mate.first}", None),
            (boss, f"OK, I've changed it on the sheet in the office. Thanks both.\n\n{boss.first}", None),
        ]
    _thread(ctx, rng, mail, subject, start, messages, cc=staff if swap is None else [])


def _at(ctx: GenerationContext, when: datetime) -> datetime:
    """A sending time: ``when`` moved into working hours where that is not past now."""
    return ctx.ledger.clock.work(when)


def _thread(
    ctx: GenerationContext,
    rng: random.Random,
    folder: str,
    subject: str,
    start: datetime,
    messages: list[tuple[Person, str, str | None]],
    *,
    cc: list[Person] | None = None,
) -> None:
    """File one thread: each message (sender, body, attached file or None) a few hours after the last, to the other
    party; none sent after now; an attachment is the file on the disk, byte for byte."""
    led = ctx.ledger
    user = ctx.user
    parties = [p for p, _b, _a in messages if p.email != user.email]
    ids: list[str] = []
    prev: str | None = None
    when = start
    for k, (sender, body, attached) in enumerate(messages):
        if k:
            when = _at(ctx, when + timedelta(hours=rng.randint(1, 6), minutes=rng.randint(0, 59)))
        if attached:
            when = max(when, led.files[attached].modified + timedelta(minutes=5))
        if when >= ctx.now - timedelta(minutes=5):
            return
        others = [p for p in parties if p.email != sender.email] or [user]
        to = [user] if sender.email != user.email else others[:1]
        copied = [p for p in [*others, *(cc or [])] if p.email not in {t.email for t in to} | {sender.email}]
        mid = f"<work.{slug(subject, '')[:16]}.{k}.{when.strftime('%Y%m%d%H%M')}@{user.email.split('@')[1]}>"
        spec = thread_message(
            sender=sender.address,
            to=[p.address for p in to],
            cc=list(dict.fromkeys(p.address for p in copied)),
            subject=subject,
            k=k,
            when=when,
            body=body,
            attachments=[attachment_of(led, attached)] if attached else [],
            mid=mid,
            ids=ids,
        )
        sources: tuple[tuple[str, str, str], ...] = ((attached, "attachment_of", "attached"),) if attached else ()
        if prev is not None:
            sources = (*sources, (prev, "references", "reply in thread"))
        day = when.astimezone(ctx.identity.tz).date()
        name = f"{folder}/{day.isoformat()} {'Re ' if k else ''}{safe_name(subject, 60)}"
        if f"{name}.eml" in led.files:  # a second reply that day is saved under its sender's name, not as a copy
            name = f"{name} ({sender.first})"
        prev = led.add(
            f"{name}.eml",
            write_eml(spec),
            purpose=f"E-mail: {spec.subject}",
            author=sender.name,
            created=when,
            role="background",
            sources=sources,
            archetype="email",
        )
        if attached:
            led.facts[prev] = {"attachment": attached, **{k2: str(v) for k2, v in led.facts.get(attached, {}).items()}}
        ids.append(mid)
