"""The natural scripted worker (``--worker-policy natural``): the competent worker's plan and craft, asking and
writing the way a person does.

It differs from the competent worker only where people do:

- it asks each colleague once on day 1 in free-form sentences, several questions in one mail, and follows up in
  the same thread; it never copies the plan's internal topic strings ("Site staff: figures") or deliverable ids;
- it reads the answers by their order (a numbered reply) or by what each paragraph is about, and keeps "I don't
  know" out of its notes;
- it writes large numbers, rounded decimals and dates the way people do ("1.466 million", "24 January 2026");
- it waits with the ``wait`` tool like the competent worker, and it does not end its turn with status chatter
  (that turn goes to waiting too).

The translation to and from the competent worker's bookkeeping (which keys on "Question: <topic> [<id>]" subjects)
happens in the memo (``nat``: the subject it wrote -> what it asked), so the plan logic stays one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from autogen_core.models import FunctionExecutionResult, LLMMessage

from ._scripted_text import WorkerPlan, split_answers
from ._scripted_worker import Decision, Step, WorkerPolicy

__all__ = ["NaturalWorkerPolicy", "human_date", "human_numbers", "natural_question"]

_WRITTEN = (".docx", ".md", ".pptx", ".txt")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(text: str) -> str:
    """ISO dates in prose as people write them ('2026-01-24' -> '24 January 2026').

    Example:
        >>> human_date("The deadline moved to 2026-01-24.")
        'The deadline moved to 24 January 2026.'
    """

    def spell(match: re.Match[str]) -> str:
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return match.group(0)
        return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"

    return re.sub(r"(?<![\w/-])(\d{4})-(\d{2})-(\d{2})(?![\w-])", spell, text)


_BIG = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3}){2,})(\.\d+)?(?![\d,])(?!%)")
_DECIMAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+)\.(\d+)(?![\d,%])")
_PERCENT = re.compile(r"(?<![\w.,])(\d+)\.(\d{2,})%")


def human_numbers(text: str) -> str:
    """Numbers as people write them in prose: millions in words, no cents on thousands, one decimal on a percentage.
    Table rows (lines starting with '|') keep the source's exact figures.

    Example:
        >>> human_numbers("Total 1,465,552.50; spend 12,345.67; share 12.46%")
        'Total 1.466 million; spend 12,346; share 12.5%'
        >>> human_numbers("| Total | 1,465,552.50 |")
        '| Total | 1,465,552.50 |'
    """
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            out.append(line)
            continue
        line = _BIG.sub(lambda m: _millions(float(m.group(1).replace(",", "") + (m.group(2) or ""))), line)
        line = _DECIMAL.sub(lambda m: f"{round(float(m.group(1).replace(',', '') + '.' + m.group(2))):,}", line)
        line = _PERCENT.sub(lambda m: f"{float(m.group(1) + '.' + m.group(2)):.1f}%", line)
        out.append(line)
    return "\n".join(out)


def _millions(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:.3f} billion" if value < 2e9 else f"{value / 1e9:.2f} billion"
    return f"{value / 1e6:.3f} million" if value < 2e7 else f"{value / 1e6:.1f} million"


def _subject_of(project: str) -> str:
    """How a person names a project in a sentence: lower case, except acronyms and proper names."""
    words = project.split()
    return " ".join(w if (any(c.isupper() for c in w[1:]) or w.isupper()) else w.lower() for w in words)


_BRIEF_WORDS = re.compile(
    r"^the (?P<kind>decisions?|current figures|figures|deadlines?|[a-z-]+) (?:for|on|about) (?:the )?(?P<subject>.+)$"
)


def topic_parts(topic: str) -> tuple[str, str]:
    """What a question is about and which aspect, from the plan's topic string or the brief's words for it.

    Example:
        >>> topic_parts("Trial master file: decision"), topic_parts("the deadline for the mid-market accounts")
        (('Trial master file', 'decision'), ('mid-market accounts', 'deadline'))
        >>> topic_parts("the current figures for Q1 spend")
        ('Q1 spend', 'figures')
    """
    project, sep, kind = topic.rpartition(":")
    if sep and project.strip():
        return project.strip(), kind.strip().lower()
    said = _BRIEF_WORDS.match(topic.strip())
    if said is None:
        return topic.strip(), ""
    kind = said["kind"].removeprefix("current ").rstrip("s") if said["kind"] != "figures" else "figures"
    kind = "figures" if kind == "figure" else kind
    return said["subject"].strip(), kind


def natural_question(topic: str, n: int = 0) -> str:
    """A free-form question about what a colleague knows on ``topic`` (never the topic string itself).

    Example:
        >>> natural_question("Trial master file: decision")
        'Has anything been decided about the trial master file?'
        >>> natural_question("Per-patient budgets: deadline", 1)
        'And has the per-patient budgets deadline moved, and if so, to when?'
    """
    project, kind = topic_parts(topic)
    subject = _subject_of(project)
    lead = "And " if n else ""
    if kind == "deadline":
        text = f"has the {subject} deadline moved, and if so, to when?"
    elif kind == "decision":
        text = f"has anything been decided about the {subject}?"
    elif kind == "figures":
        text = f"are the {subject} figures about to change? I would rather not quote numbers that are going to move."
    else:
        text = f"what is new on the {subject} that is not in the files yet?"
    return lead + (text[:1].upper() + text[1:] if not lead else text)


def _key(subject: str) -> str:
    return re.sub(r"^(?:\s*(?:re|aw|fw|fwd)\s*:\s*)+", "", subject.strip(), flags=re.I).strip().lower()[:80]


class NaturalWorkerPolicy(WorkerPolicy):
    """The competent worker asking, reading and writing like a person (see the module docstring)."""

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, "natural")

    def decide(self, messages: list[LLMMessage], tool_props: dict[str, set[str]]) -> Decision:
        decision = super().decide(messages, tool_props)
        text = decision.text or ""
        if decision.call is None and text.startswith(("I asked", "I sent")):
            # a person pauses after sending mail (the others get their turn), and says it without internal ids
            decision.text = "I've sent my mail; I'll carry on with my other work while I wait for the answers."
        elif decision.call is None and text.startswith("Status:"):
            decision.text = None  # no status chatter: the time goes to waiting for the answers
            decision.call = self._wait(tool_props, self._expecting(decision.memo))
        return decision

    # -- asking ----------------------------------------------------------------------------------------------------

    def _morning(self, memo: dict[str, Any], plan: WorkerPlan, workday: int) -> list[Step]:
        # the day-1 mail to each person, in my own words instead of the plan's topics
        steps = super()._morning(memo, plan, workday)
        return [["@natask", *step[1:]] if step and step[0] == "@preask" else step for step in steps]

    def _concrete(self, step: Step, memo: dict[str, Any], plan: WorkerPlan, d: Any, props: dict[str, set[str]]) -> Step:
        kind = step[0]
        if kind == "@natask":
            return self._ask_mail(memo, plan, str(step[1]), [(str(a), str(b)) for a, b in step[2]])
        if kind == "@ask" and d is not None:
            return self._follow_up(memo, plan, d, str(step[1]), str(step[2]))
        if kind == "@review" and d is not None:
            who = d.reviewers[0]
            first = plan.people.get(who, who).split()[0]
            subject = f"Draft {d.title} for your review"
            memo.setdefault("nat", {})[_key(subject)] = [f"r|{d.did}|{d.title}"]
            body = (
                f"Hi {first},\n\nattached is my draft of the {d.title}. Could you have a look at the figures and tell "
                f"me if anything from your side is missing or wrong?\n\nThanks,\n{plan.first}"
            )
            return ["send_message", {"to": [who], "subject": subject, "body": body, "attachments": [f"~/{d.path}"]}]
        if kind == "@reply" and d is not None:  # the answer to review comments, in the review's own thread
            out = super()._concrete(step, memo, plan, d, props)
            if out[0] == "send_message" and isinstance(out[1], dict):
                return ["send_message", {**out[1], "subject": f"Re: Draft {d.title} for your review"}]
            return out
        out = super()._concrete(step, memo, plan, d, props)
        return _humanised(out)

    def _ask_mail(self, memo: dict[str, Any], plan: WorkerPlan, who: str, items: list[tuple[str, str]]) -> Step:
        first = plan.people.get(who, who).split()[0]
        by_id = plan.by_id()
        titles = list(dict.fromkeys(by_id[did].title for did, _t in items if did in by_id))
        questions = [natural_question(topic, n) for n, (_did, topic) in enumerate(items)]
        projects = list(dict.fromkeys(_subject_of(topic_parts(t)[0]) for _d, t in items))
        subject = f"Quick questions on the {' and '.join(projects[:2])}"
        if len(items) == 1:
            subject = f"Quick question on the {projects[0]}"
        memo.setdefault("nat", {})[_key(subject)] = [f"q|{did}|{topic}" for did, topic in items]
        memo.setdefault("natw", {})[who] = subject[:80]  # the thread to follow up in
        work = " and the ".join(titles[:2]) if titles else "my work this month"
        body = (
            f"Hi {first},\n\nI am planning my month; first up are the {work}. A few things are not in the files, "
            f"so I hope you can help:\n\n" + "\n".join(questions) + f"\n\nThanks a lot,\n{plan.first}"
        )
        return ["send_message", {"to": [who], "subject": subject, "body": body}]

    def _follow_up(self, memo: dict[str, Any], plan: WorkerPlan, d: Any, who: str, topic: str) -> Step:
        first = plan.people.get(who, who).split()[0]
        earlier = memo.get("natw", {}).get(who)
        thread = re.sub(r"^(?:re:\s*)+", "", earlier, flags=re.I) if earlier else ""
        subject = f"Re: {thread}" if thread else f"Question on the {d.title}"
        memo.setdefault("nat", {})[_key(subject)] = [f"q|{d.did}|{topic}"]  # the thread's latest question
        memo.setdefault("natw", {})[who] = subject[:80]
        body = f"Hi {first},\n\none more for the {d.title}: {natural_question(topic)}\n\nThanks,\n{plan.first}"
        return ["send_message", {"to": [who], "subject": subject, "body": body}]

    # -- reading the answers through the competent bookkeeping ---------------------------------------------------

    def _apply(
        self, memo: dict[str, Any], plan: WorkerPlan, name: str, args: dict[str, Any], result: FunctionExecutionResult
    ) -> None:
        if name == "send_message" and not result.is_error:
            asked = memo.get("nat", {}).get(_key(str(args.get("subject", ""))))
            if asked:
                for item in asked:
                    kind, did, what = item.split("|", 2)
                    subject = f"Question: {what} [{did}]" if kind == "q" else f"Review: {what} [{did}]"
                    super()._apply(memo, plan, name, {**args, "subject": subject}, result)
                return
        if name == "read_message" and not result.is_error:
            mails = self._translated(memo, plan, result.content)
            if mails is not None:
                for text in mails:
                    self._apply_mail(memo, plan, text)
                return
        super()._apply(memo, plan, name, args, result)

    @staticmethod
    def _translated(memo: dict[str, Any], plan: WorkerPlan, text: str) -> list[str] | None:
        """The competent worker's view of a reply to my own mail: one 'Re: Question: <topic> [<id>]' mail per
        answer, or 'Re: Review: <title> [<id>]'. What I asked comes from the memo, else from the plan and the mail
        itself (the memo may be gone after the context was compacted)."""
        head, _, body = text.partition("\n\n")
        subject = re.search(r"^Subject: (.+)$", head, re.M)
        sender = re.search(r"^From: (.+)$", head, re.M)
        if subject is None or sender is None or re.search(r"\[[a-z]\d+-d\d+\]", subject.group(1)):
            return None
        asked = memo.get("nat", {}).get(_key(subject.group(1)))
        items = [x.split("|", 2) for x in asked] if asked else _from_plan(memo, plan, subject.group(1), sender.group(1))
        if not items:
            return None
        if items[0][0] == "r":
            _k, did, title = items[0]
            return [_with_subject(head, f"Re: Review: {title} [{did}]") + "\n\n" + body]
        answers = split_answers(body, [t for _k, _d, t in items])
        out = []
        who = next((k for k, v in plan.people.items() if v == sender.group(1).split("<")[0].strip()), "")
        for (_k, did, topic), found in zip(items, answers, strict=False):
            if found is None or found.unknown or not found.text:
                continue
            if found.repeated and _known(memo, who, did, topic, human_date(found.text)):
                continue  # "Nothing new since my last mail": what I already have, not a second fact to paste in
            answer = human_date(found.text)
            pre = memo.setdefault("pre", {})
            if who and did not in memo["ds"] and f"{who}|{topic}" not in pre:
                pre[f"{who}|{topic}"] = ["", "", ""]  # the question's bookkeeping was lost with an old memo
            out.append(_with_subject(head, f"Re: Question: {topic} [{did}]") + "\n\n" + answer)
        return out


def _known(memo: dict[str, Any], who: str, did: str, topic: str, text: str) -> bool:
    """I already hold this answer from ``who`` for that deliverable or question (so a repeat of it adds nothing)."""
    ds = memo["ds"].get(did) or {}
    held = [str(ds.get("f", {}).get(who, ""))]
    pre = memo.get("pre", {}).get(f"{who}|{topic}")
    if pre:
        held.append(str(pre[2]))
    gist = text.strip().rstrip(".").lower()[:120]
    return any(gist and gist[:60] in h.lower() for h in held if h)


def _from_plan(memo: dict[str, Any], plan: WorkerPlan, subject: str, sender: str) -> list[list[str]]:
    """What a reply answers, from the plan: a review of the draft its subject names, else the questions I ask that
    person (in the order my day-1 mail asked them)."""
    review = re.match(r"^(?:\s*re:\s*)*draft (.+) for your review$", subject.strip(), re.I)
    if review:
        title = review.group(1).strip().lower()
        d = next((x for x in plan.deliverables if x.title.lower() == title), None)
        return [["r", d.did, d.title]] if d is not None else []
    if not re.match(r"^\s*re:", subject, re.I) or re.search(r"\b(?:invitation|accepted|declined):", subject, re.I):
        return []  # only an answer to a mail of mine counts (a meeting reply is no answer to a question)
    name = sender.split("<")[0].strip().strip('"')
    who = next((k for k, v in plan.people.items() if v == name), None)
    if who is None:
        return []
    out: list[list[str]] = []
    seen: set[str] = set()
    for d in sorted(plan.deliverables, key=lambda x: (x.due, plan.deliverables.index(x))):
        for asker, topic, _question in d.asks:
            if asker == who and topic not in seen and d.did not in memo["done"]:
                seen.add(topic)
                out.append(["q", d.did, topic])
    return out


def _with_subject(head: str, subject: str) -> str:
    return re.sub(r"^Subject: .+$", lambda _m: f"Subject: {subject}", head, count=1, flags=re.M)


def _humanised(step: Step) -> Step:
    """A writing step with its prose numbers made human (only for documents, notes and decks; sheets keep figures)."""
    if not step or str(step[0]).startswith("@") or len(step) < 2 or not isinstance(step[1], dict):
        return step
    args = step[1]
    path = str(args.get("path", ""))
    if not path.lower().endswith(_WRITTEN):
        return step
    return [step[0], {k: (v if k == "path" else _walk(v)) for k, v in args.items()}, *step[2:]]


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return human_numbers(value)
    if isinstance(value, list):
        return [_walk(v) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v) for k, v in value.items()}
    return value
