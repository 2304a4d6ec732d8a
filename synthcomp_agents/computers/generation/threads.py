"""Stage 6, mail: a project's e-mail threads (draft review, final report to the sponsor, meeting agenda; a sole
trader's quote and invoice to the client), each message an .eml
whose attachments are byte-identical to the files they name."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from synthcomp_agents.office import Attachment, EmailSpec, write_eml

from .._content import Facts, Person, ProjectDomain
from .._names import slug
from .context import GenerationContext
from .ledger import FileLedger
from .plans import ProjectPlan
from .text import cap, has_sheet_words, no_sheet_words, safe_name

__all__ = ["ThreadInputs", "write_accountant_thread", "write_business_threads", "write_threads"]

Source = tuple[str, str, str]
_PAID = "\x00paid\x00"  # marks the client's payment note, sent on the day the payments record gives


def attachment_of(led: FileLedger, path: str) -> Attachment:
    """The file at ``path`` as a mail attachment (its own name and bytes)."""
    return Attachment(filename=posixpath.basename(path), content=led.files[path].data)


def thread_message(
    *,
    sender: str,
    to: list[str],
    subject: str,
    k: int,
    when: datetime,
    body: str,
    attachments: list[Attachment],
    mid: str,
    ids: list[str],
    cc: list[str] | None = None,
) -> EmailSpec:
    """The ``k``-th message of a thread on ``subject``: "Re: " after the first, in reply to the last of ``ids`` and
    referencing them all.

    Example:
        >>> from datetime import datetime, timezone
        >>> m = thread_message(sender="a@x.org", to=["b@x.org"], subject="Rota", k=1, body="Fine by me.",
        ...     when=datetime(2025, 3, 3, 9, tzinfo=timezone.utc), attachments=[], mid="<2@x>", ids=["<1@x>"])
        >>> m.subject, m.in_reply_to, m.references
        ('Re: Rota', '<1@x>', ['<1@x>'])
    """
    return EmailSpec(
        sender=sender,
        to=to,
        cc=list(cc or []),
        subject=subject if k == 0 else f"Re: {subject}",
        date=when,
        body=body,
        attachments=attachments,
        message_id=mid,
        in_reply_to=ids[-1] if ids else None,
        references=list(ids),
    )


@dataclass
class ThreadInputs:
    """The project artifacts the threads talk about."""

    d: ProjectDomain
    rep1: str
    rep2: str
    wb2: str
    deck: str | None
    pdf: str
    facts1: Facts
    facts2: Facts


def write_threads(ctx: GenerationContext, plan: ProjectPlan, inp: ThreadInputs) -> None:
    """Write the project's three threads into its mail folder."""
    rng, led, clock = ctx.rng, ctx.ledger, ctx.ledger.clock
    d, facts1, facts2 = inp.d, inp.facts1, inp.facts2
    user = ctx.user
    pid = plan.pid
    mail = ctx.layout.sub(plan.folder, "mail")
    dom = user.email.split("@")[1]
    q1, q2 = facts1.quoted(d.unit), facts2.quoted(d.unit)
    worst = q1["worst_entity"]

    def send(path_topic: str, spec: EmailSpec, sources: tuple[Source, ...], author: str) -> str:
        spec = spec.model_copy(update={"date": clock.work(spec.date)})  # filed on the day it says it was sent
        if not any(a.filename.endswith(".xlsx") for a in spec.attachments) and (
            has_sheet_words(spec.subject) or has_sheet_words(spec.body)
        ):  # the file names to keep are gathered only for a mail that names a spreadsheet
            names = sorted({posixpath.basename(p) for p in led.files}, key=len, reverse=True)
            spec = spec.model_copy(
                update={"subject": no_sheet_words(spec.subject, names), "body": no_sheet_words(spec.body, names)}
            )
        return _file_mail(ctx, mail, spec, path_topic, reply=False, author=author, pid=pid, sources=sources)

    # thread A: draft report review
    n_a = rng.randint(6, 9)
    subject = f"{d.project}: draft {d.report_type}"
    t = led.files[inp.rep1].modified + timedelta(hours=1)
    rep1_name = posixpath.basename(inp.rep1)
    first = (
        f"Hi all,\n\nAttached is the draft {d.report_type} ({rep1_name}). Headline: {d.amount(facts1.total_actual)}"
        f" actual against {d.amount(facts1.total_plan)} plan ({q1['variance_pct']}). {worst} is the main gap.\n\n"
        f"Comments by {(t + timedelta(days=3)).date().isoformat()} please.\n\n{user.first}"
    )
    people = d.people or [ctx.team.people[0]]
    offset = rng.randrange(5)
    own_replies = [
        f"Thanks {people[0].first}. I will re-run the {d.tool} extract for {d.month_label(d.months[-1])} and"
        f" send a revised {d.project} draft.\n\n{user.first}",
        f"Agreed. I'll add a short section on {worst} and the recovery plan for {d.project}.\n\n{user.first}",
        f"Good catch - the {d.month_label(d.months[-1])} figure for {rng.choice(d.entities)} in {d.project}"
        f" was provisional. Updating it now.\n\n{user.first}",
    ]
    rng.shuffle(own_replies)
    ids: list[str] = []
    prev: str | None = None
    for k in range(n_a):
        sender = user if k % 2 == 0 else people[(k // 2) % len(people)]
        to = [p.address for p in people] if sender is user else [user.address]
        mid = f"<{pid}.a{k}.{slug(d.project, '')[:12]}@{dom}>"
        if k == 0:
            body = first
        elif sender is user:
            body = own_replies.pop() if own_replies else f"Noted, thanks.\n\n{user.first}"
        else:
            term = d.jargon[k % len(d.jargon)] if d.jargon else d.metric
            options = [
                f"{user.first},\n\nThe {d.month_label(d.months[-1])} numbers for {worst} look low to me;"
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
        srcs: tuple[Source, ...] = ()
        attachments: list[Attachment] = []
        if k == 0:
            attachments = [Attachment(filename=rep1_name, content=led.files[inp.rep1].data)]
            srcs = ((inp.rep1, "attachment_of", "draft attached"),)
        if prev is not None:
            srcs = (*srcs, (prev, "references", "reply in thread"))
        when = t + timedelta(hours=3 * k + rng.randint(0, 2), minutes=rng.randint(0, 50))
        spec = thread_message(
            sender=sender.address,
            to=to,
            subject=subject,
            k=k,
            when=when,
            body=body,
            attachments=attachments,
            mid=mid,
            ids=ids,
        )
        prev = send(f"{'Re ' if k else ''}{subject}", spec, srcs, sender.name)
        if k == 0:
            led.facts[prev] = {"attachment": inp.rep1, "total_actual": q1["total_actual"]}
        ids.append(mid)
    # thread B: final report (pdf) + restated workbook to the sponsor
    sponsor = d.person(0)
    t = led.files[inp.pdf].modified + timedelta(hours=2)
    subject = f"{d.project} - final {d.report_type} and restated figures"
    body = (
        f"Hi {sponsor.first},\n\nPlease find the final {d.report_type} ({posixpath.basename(inp.pdf)}) and the"
        f" restated workbook ({posixpath.basename(inp.wb2)}). Actual {d.metric} is now"
        f" {d.amount(facts2.total_actual)} against {d.amount(facts2.total_plan)} plan ({q2['variance_pct']});"
        f" the draft had {d.amount(facts1.total_actual)}.\n\nKind regards,\n{user.name}"
    )
    mid_b = f"<{pid}.b0.{slug(d.project, '')[:12]}@{dom}>"
    spec = EmailSpec(
        sender=user.address,
        to=[sponsor.address],
        cc=[p.address for p in d.people[1:2]],
        subject=subject,
        date=t,
        body=body,
        message_id=mid_b,
        attachments=[
            Attachment(filename=posixpath.basename(inp.pdf), content=led.files[inp.pdf].data),
            Attachment(filename=posixpath.basename(inp.wb2), content=led.files[inp.wb2].data),
        ],
    )
    b0 = send(
        subject,
        spec,
        ((inp.pdf, "attachment_of", "final report attached"), (inp.wb2, "attachment_of", "restated workbook attached")),
        user.name,
    )
    led.facts[b0] = {"attachment": inp.pdf, "total_actual": q2["total_actual"]}
    reply = EmailSpec(
        sender=sponsor.address,
        to=[user.address],
        subject=f"Re: {subject}",
        date=t + timedelta(hours=rng.randint(3, 30)),
        message_id=f"<{pid}.b1@{dom}>",
        in_reply_to=mid_b,
        references=[mid_b],
        body=rng.choice(
            [
                f"Thanks {user.first}, this is clear. I'll take the {d.project}"
                f" figures to the {d.meeting}.\n\n{sponsor.first}",
                f"Received. Let's discuss {worst} and the rest of {d.project} on our next call.\n\n{sponsor.first}",
            ]
        ),
    )
    send(f"Re {subject}", reply, ((b0, "references", "reply"),), sponsor.name)
    # thread C: meeting agenda referencing the deck
    if inp.deck is not None:
        t = led.files[inp.deck].modified + timedelta(hours=1)
        subject = f"Agenda: {d.meeting} ({d.project})"
        body = (
            f"Hello,\n\nFor the {d.meeting} I will present {posixpath.basename(inp.deck)}. Agenda:\n"
            f"1. Results: {d.amount(facts2.total_actual)} vs {d.amount(facts2.total_plan)} plan\n"
            f"2. {worst}: recovery plan\n3. Decisions and next steps\n\n{user.first}"
        )
        mid_c = f"<{pid}.c0@{dom}>"
        spec = EmailSpec(
            sender=user.address,
            to=[p.address for p in d.people],
            subject=subject,
            date=t,
            body=body,
            message_id=mid_c,
        )
        c0 = send(subject, spec, ((inp.deck, "references", "names the deck"),), user.name)
        led.facts[c0] = {"names": posixpath.basename(inp.deck), "total_actual": q2["total_actual"]}
        if rng.random() < 0.5:
            other = d.person(2)
            spec = EmailSpec(
                sender=other.address,
                to=[user.address],
                subject=f"Re: {subject}",
                date=t + timedelta(hours=rng.randint(1, 20)),
                message_id=f"<{pid}.c1@{dom}>",
                in_reply_to=mid_c,
                references=[mid_c],
                body=f"I can only join for the first half; please take {worst} first in the {d.project}"
                f" slot.\n\n{other.first}",
            )
            send(f"Re {subject}", spec, ((c0, "references", "reply"),), other.name)


def _file_mail(
    ctx: GenerationContext,
    folder: str,
    spec: EmailSpec,
    subject: str,
    *,
    reply: bool,
    author: str,
    pid: str,
    sources: tuple[Any, ...],
) -> str:
    """File one mail of a thread as ``<folder>/<day> [Re ]<subject>.eml`` on the day it was sent (the user's
    time zone); its path."""
    day_ = spec.date.astimezone(ctx.identity.tz).date()
    return ctx.ledger.add(
        f"{folder}/{day_.isoformat()} {'Re ' if reply else ''}{safe_name(subject, 60)}.eml",
        write_eml(spec),
        purpose=f"E-mail: {spec.subject}",
        author=author,
        created=spec.date,
        project_id=pid,
        sources=sources,
        archetype="email",
    )


def write_business_threads(
    ctx: GenerationContext,
    plan: ProjectPlan,
    d: ProjectDomain,
    bills: list[tuple[str, str, dict[str, Any]]],
    paid: Mapping[str, date | None],
) -> None:
    """A sole trader's mail with the client about one job, as such mail runs: the client's enquiry, a question
    back, the details, the quote attached, the client's yes and the booking confirmed; later the invoice attached,
    a reminder when it is late, and the client's word that it is paid on the day the payments record says
    (``paid``: invoice reference to the day paid, None while outstanding: then the reminder is the last word).
    Every message names the document's reference and total; a document billed to someone not among the project's
    people (whose address the user does not have on this computer) gets no mail."""
    rng, led, clock = ctx.rng, ctx.ledger, ctx.ledger.clock
    user, pid = ctx.user, plan.pid

    mail = ctx.layout.sub(plan.folder, "mail")

    def thread(who: Person, subject: str, start: datetime, messages: list[tuple[Person, str, str | None]]) -> None:
        """``messages``: (sender, body, attached file or None), spaced a few hours to two days apart; the client's
        payment note on the day the payments record gives."""
        ids: list[str] = []
        prev: str | None = None
        when = start
        for k, (sender, body, attached) in enumerate(messages):
            if k:
                when = when + timedelta(hours=rng.randint(2, 40))
            if body.startswith(_PAID) and paid_on is not None:
                body = body[len(_PAID) :]
                when = max(when, datetime.combine(paid_on, time(10), tzinfo=ctx.identity.tz))
            sent_at = clock.work(when)
            if sent_at >= ctx.now:
                return
            mid = f"<{pid}.{slug(subject, '')[:16]}.{k}@{user.email.split('@')[1]}>"
            spec = thread_message(
                sender=sender.address,
                to=[(who if sender is user else user).address],
                subject=subject,
                k=k,
                when=sent_at,
                body=body,
                attachments=[attachment_of(led, attached)] if attached else [],
                mid=mid,
                ids=ids,
            )
            srcs: tuple[Source, ...] = ((attached, "attachment_of", "attached"),) if attached else ()
            if prev is not None:
                srcs = (*srcs, (prev, "references", "reply in thread"))
            prev = _file_mail(ctx, mail, spec, subject, reply=bool(k), author=sender.name, pid=pid, sources=srcs)
            if attached:
                led.facts[prev] = {"attachment": attached, **{k2: str(v) for k2, v in led.facts[attached].items()}}
            ids.append(mid)

    paid_on: date | None = None
    for path, kind, facts in bills:
        who = next((p for p in d.people if p.name == facts.get("billed_to")), None)
        if who is None:
            continue
        ref, total = str(facts.get("reference", "")), str(facts["total"])
        name = posixpath.basename(path)
        saved = led.files[path].modified
        if kind == "quote":
            asked = saved - timedelta(days=rng.randint(3, 8))
            messages: list[tuple[Person, str, str | None]] = [
                (
                    who,
                    rng.choice(
                        [
                            f"Hello,\n\nI got your details from a friend. Could you give us a price for {d.project}?"
                            f" We're flexible on dates.\n\nThanks,\n{who.name}",
                            f"Hi,\n\nAre you taking on work at the moment? We're after someone for {d.project}."
                            f" What would you need from us to give a price?\n\n{who.first}",
                        ]
                    ),
                    None,
                ),
                (
                    user,
                    f"Hi {who.first},\n\nThanks for getting in touch. Happy to help with {d.project}. Could you send"
                    f" me a couple of details (where, when, and anything you already have in mind)? Then I'll put a"
                    f" price together.\n\n{user.first}",
                    None,
                ),
                (
                    who,
                    f"Hi {user.first},\n\nThanks for coming back so quickly. We'd like it done in the next few weeks;"
                    f" weekdays are easiest for us. Happy to send photos of what we have in mind if that"
                    f" helps.\n\n{who.first}",
                    None,
                ),
                (
                    user,
                    f"Hi {who.first},\n\nAs promised, here is my quote for {d.project} ({name}): {total} in total,"
                    f" reference {ref}. Reply to this e-mail to go ahead and I'll pencil in a date.\n\n{user.first}",
                    path,
                ),
                (
                    who,
                    rng.choice(
                        [
                            f"Hi {user.first},\n\nThat's fine, please go ahead with {ref}. When could you"
                            f" start?\n\n{who.first}",
                            f"Thanks {user.first} - we're happy with {ref} ({total}). Is the deposit by bank"
                            f" transfer?\n\n{who.first}",
                        ]
                    ),
                    None,
                ),
                (
                    user,
                    f"Great, thank you {who.first}. I've booked you in; I'll confirm the exact day a week before."
                    f" Bank details for the deposit are on the quote.\n\n{user.first}",
                    None,
                ),
            ]
            thread(who, f"{d.project} - price", asked, messages)
            continue
        paid_on = paid.get(ref)
        messages = [
            (
                user,
                f"Hi {who.first},\n\nPlease find attached invoice {ref} ({name}) for {d.project}: {total}. Payment"
                f" details are on the invoice.\n\nMany thanks,\n{user.first}",
                path,
            )
        ]
        late = paid_on is None or (paid_on - saved.astimezone(ctx.identity.tz).date()).days > 14
        if late:  # not paid within a fortnight: a reminder
            messages.append(
                (
                    user,
                    f"Hi {who.first},\n\nJust a gentle reminder that invoice {ref} ({total}) is now due. Could you"
                    f" let me know when it will be paid?\n\nThanks,\n{user.first}",
                    None,
                )
            )
        if paid_on is not None:
            messages.append(
                (
                    who,
                    _PAID
                    + rng.choice(
                        [
                            f"Hi {user.first},\n\nPaid today ({total}, reference {ref}). Thanks again.\n\n{who.first}",
                            f"Sorry for the delay {user.first} - {ref} went over this morning.\n\n{who.first}",
                        ]
                    ),
                    None,
                )
            )
        thread(who, f"Invoice {ref} - {d.project}", saved + timedelta(hours=rng.randint(1, 5)), messages)


def write_accountant_thread(
    ctx: GenerationContext, plan: ProjectPlan, d: ProjectDomain, accountant: Person, sheets: list[str], facts: Facts
) -> None:
    """A sole trader sends their books for a piece of admin (the tax return, the year's accounts) to their
    accountant with the spreadsheets attached; the accountant asks about the weakest line, the user answers, the
    accountant confirms. Each message quotes the workbook's own totals."""
    rng, led, clock = ctx.rng, ctx.ledger, ctx.ledger.clock
    user, pid = ctx.user, plan.pid
    mail = ctx.layout.sub(plan.folder, "mail")
    dom = user.email.split("@")[1]
    q = facts.quoted(d.unit)
    worst = q["worst_entity"]
    t = max(led.files[p].modified for p in sheets) + timedelta(hours=rng.randint(2, 20))
    subject = f"{d.project} - figures for you"
    names = ", ".join(posixpath.basename(p) for p in sheets)
    bodies = [
        (
            user,
            f"Hi {accountant.first},\n\nAttached are the figures for {d.project} ({names}). {cap(d.metric)} comes to"
            f" {d.amount(facts.total_actual)} against the {d.amount(facts.total_plan)} I had pencilled in.\n\n"
            f"Let me know if you need anything else.\n\n{user.first}",
        ),
        (
            accountant,
            f"Thanks {user.first}. One question: {worst} is {q['worst_variance']} against what you expected - is"
            f" anything missing there (a late receipt, something paid in cash)?\n\n{accountant.first}",
        ),
        (
            user,
            f"No, that one is right - it was a quiet spell. The {d.amount(facts.total_actual)} total stands.\n\n"
            f"{user.first}",
        ),
        (accountant, f"Great, that's all I need for now. I'll be in touch when it's done.\n\n{accountant.first}"),
    ]
    ids: list[str] = []
    prev: str | None = None
    for k, (sender, body) in enumerate(bodies):
        when = clock.work(t + timedelta(hours=20 * k + rng.randint(0, 6)))
        if when >= ctx.now:
            break
        other = accountant if sender is user else user
        mid = f"<{pid}.acc{k}.{slug(d.project, '')[:12]}@{dom}>"
        spec = thread_message(
            sender=sender.address,
            to=[other.address],
            subject=subject,
            k=k,
            when=when,
            body=body,
            attachments=[attachment_of(led, p) for p in sheets] if k == 0 else [],
            mid=mid,
            ids=ids,
        )
        srcs: tuple[Source, ...] = (
            tuple((p, "attachment_of", "spreadsheet attached") for p in sheets)
            if k == 0
            else ((prev, "references", "reply in thread"),)
            if prev
            else ()
        )
        prev = _file_mail(ctx, mail, spec, subject, reply=bool(k), author=sender.name, pid=pid, sources=srcs)
        if k == 0:
            led.facts[prev] = {"attachment": sheets[0], "total_actual": q["total_actual"]}
        ids.append(mid)
