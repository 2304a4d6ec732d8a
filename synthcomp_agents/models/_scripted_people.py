"""Scripted collaborator and judge policies (pure functions of the messages they are given)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["collaborator_reply", "judge_reply", "key_tokens"]

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b")
_NUM = re.compile(r"(?:EUR |USD |\$|€)?\d[\d,]*(?:\.\d+)?%?")
_CAP = re.compile(r"\b[A-Z][a-zäöüß]+(?: [A-Z][a-zäöüß]+)+\b")
_WORD = re.compile(r"[a-z0-9äöüß]+")


def key_tokens(fact: str) -> list[str]:
    """Distinctive pieces of a fact (dates, numbers, multi-word names) that a document must repeat to state it.

    Example:
        >>> key_tokens("The audit is booked for 12 May 2026 with Vogt Präzisionsrohr.")
        ['12 May 2026', 'Vogt Präzisionsrohr']
    """
    out: list[str] = []
    for pattern in (_DATE, _CAP, _NUM):
        for match in pattern.finditer(fact):
            token = match.group(0).strip()
            if len(token) >= 2 and not any(token in t for t in out) and token not in ("The", "A"):
                out.append(token)
    return out[:4]


@dataclass
class _Persona:
    name: str = "A colleague"
    first: str = "I"
    style: str = ""
    sign: str = ""
    greeting: str = ""
    strict: bool = True
    facts: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=64)
def _persona(system: str) -> _Persona:
    p = _Persona()
    match = re.search(r"You are ([^,]+),", system)
    if match:
        p.name = match.group(1).strip()
        p.first = p.name.split()[0]
    match = re.search(r"Your communication style: (.+?)\.?$", system, re.M)
    if match:
        p.style = match.group(1).lower()
    match = re.search(r"You sign off as: (.+)$", system, re.M)
    p.sign = match.group(1).strip() if match else p.first
    match = re.search(r"You open mails with: (.+)$", system, re.M)
    if match:
        p.greeting = match.group(1).strip()
    p.strict = "Review strictness: lenient" not in system
    p.facts = [(m.group(1).strip(), m.group(2).strip()) for m in re.finditer(r"^- \[(.+?)\] (.+)$", system, re.M)]
    return p


def _score(topic: str, fact: str, text: str) -> float:
    low = text.lower()
    if topic.lower() in low:
        return 10.0
    words = set(_WORD.findall(topic.lower())) | {w for w in _WORD.findall(fact.lower()) if len(w) > 5}
    seen = set(_WORD.findall(low))
    return len(words & seen) / max(1, len(words))


def _frame(p: _Persona, to_first: str, lines: list[str]) -> str:
    style = p.style
    formal = re.search(r"\bformal\b", style) is not None  # a word: "informal" is not formal
    if p.greeting:
        head = p.greeting.replace("{first}", to_first)
    elif formal:
        head = f"Dear {to_first},"
    elif "chatty" in style or "friendly" in style:
        head = f"Hi {to_first}!"
    elif "one line" in style or "terse" in style:
        head = ""
    else:
        head = f"Hi {to_first},"
    body = "\n".join(f"- {line}" for line in lines) if "bullet" in style else "\n\n".join(lines)
    if formal:
        close = f"Kind regards,\n{p.sign}"
    elif "chatty" in style:
        close = f"Anything else I can help with?\n\nCheers,\n{p.sign}"
    elif "one line" in style or "terse" in style:
        close = f"- {p.sign}"
    else:
        close = f"Best,\n{p.sign}"
    return "\n\n".join(x for x in (head, body, close) if x)


def collaborator_reply(system: str, mail: str) -> str:
    """Answer one mail as the persona in ``system``: a fact on a known topic, or a review of an attachment."""
    p = _persona(system)
    sender = re.search(r"^From: ([^<\n]+)", mail, re.M)
    to_first = sender.group(1).strip().split()[0] if sender else "there"
    subject_match = re.search(r"^Subject: (.+)$", mail, re.M)
    subject = subject_match.group(1) if subject_match else ""
    if subject.startswith("Invitation:"):
        when = re.search(r"^When: (.+)$", mail, re.M)
        slot = f" ({when.group(1)})" if when else ""
        return _frame(p, to_first, [f"Accepted{slot}. I will bring what I have on my topics."])
    head, _, rest = mail.partition("[Attachment: ")
    attachment = rest if rest else ""
    # a topic the subject line names in words ("Question: the decision on the trial master file") is the one meant,
    # even when the body also carries the words of a neighbouring topic (a "figures workbook" title)
    said = set(_WORD.findall(subject.lower()))
    named = [5.0 if (words := set(_WORD.findall(t.lower()))) and words <= said else 0.0 for t, _f in p.facts]
    ranked = sorted(((_score(t, f, head) + named[i], i) for i, (t, f) in enumerate(p.facts)), reverse=True)
    matched = [p.facts[i] for s, i in ranked if s >= 0.34]
    if attachment:
        relevant = matched  # only what this draft is about: a fact on another project is not "missing" here
        text_low = attachment.lower()
        missing = []
        for _topic, fact in relevant:
            tokens = key_tokens(fact) or [fact[:40]]
            present = sum(1 for t in tokens if t.lower() in text_low)
            if present < max(1, (len(tokens) + 1) // 2):
                missing.append(fact)
        if missing and p.strict:
            lines = ["Thanks for the draft. Please add what I told you, it is missing:", *missing[:2]]
        elif missing:
            lines = ["Looks good to me overall, fine to submit. One note for later:", *missing[:1]]
        else:
            lines = [f"I read {subject.replace('Review: ', '').split(' [')[0]}. It looks good to me; approved."]
        return _frame(p, to_first, lines)
    if not matched:
        known = "; ".join(t for t, _ in p.facts) or "nothing specific"
        return _frame(p, to_first, [f"I don't have anything on that. The topics I can help with: {known}."])
    topic, fact = matched[0]
    lines = [fact]
    if "long" in p.style or "detailed" in p.style:
        lines.append(f"That is the latest I have on {topic}.")
    return _frame(p, to_first, lines)


def judge_reply(system: str, prompt: str) -> str:
    """Verdict JSON for the rubric items in ``prompt`` as the offline judge gives it: every item unscored.

    The items a judge scores (are the claims supported, is the recommendation sound, is it fit for its audience,
    and the plan's rubric) need a reader; the program checks already count in the reward on their own, so echoing
    them here would count them twice and pass for judgement. With a model configured, ``JudgeAgent`` scores them.
    """
    del system
    rubric_block = prompt.split("\nRubric:\n", 1)[-1].split("\n\n", 1)[0] if "\nRubric:\n" in prompt else ""
    items = re.findall(r"^- ([A-Za-z0-9_.:-]+): (.+)$", rubric_block, re.M)
    reason = "not scored offline: this needs a model judge reading the deliverable (configure one for the judge role)"
    scores = [{"rubric_id": rubric_id, "score": None, "reason": reason} for rubric_id, _criterion in items]
    return json.dumps({"scores": scores, "comment": "Offline: no item scored; its weight is shared out."})
