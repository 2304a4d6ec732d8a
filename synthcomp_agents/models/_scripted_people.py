"""Scripted collaborator and judge policies (pure functions of the messages they are given)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "amounts",
    "collaborator_reply",
    "fact_present",
    "judge_reply",
    "key_tokens",
    "normalise_dates",
    "questions_of",
]

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


# -- relevance: words, stems, idf ------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "on",
        "in",
        "at",
        "to",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "any",
        "anything",
        "there",
        "here",
        "from",
        "with",
        "by",
        "as",
        "about",
        "i",
        "you",
        "we",
        "me",
        "my",
        "your",
        "our",
        "us",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "just",
        "also",
        "still",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "dear",
        "latest",
        "news",
        "update",
        "know",
        "need",
        "needs",
        "want",
        "wanted",
        "get",
        "got",
        "give",
        "send",
        "let",
        "if",
        "so",
        "not",
        "no",
        "yes",
        "than",
        "then",
        "them",
        "they",
        "he",
        "she",
        "his",
        "her",
        "one",
        "two",
        "some",
        "more",
        "much",
        "many",
        "very",
        "all",
        "each",
        "other",
        "into",
        "over",
        "after",
        "before",
        "since",
        "until",
        "up",
        "out",
        "off",
        "again",
        "ask",
        "asking",
        "question",
        "questions",
        "quick",
        "couple",
        "things",
        "thing",
        "side",
        "yours",
        "best",
        "regards",
        "cheers",
        "next",
        "last",
    ]
)
_SYNONYMS = {
    "when": "deadline",
    "date": "deadline",
    "dates": "deadline",
    "due": "deadline",
    "moved": "deadline",
    "agreed": "decision",
    "decided": "decision",
    "decide": "decision",
    "numbers": "figures",
    "number": "figures",
    "figure": "figures",
    "restated": "figures",
}


def _stem(word: str) -> str:
    word = _SYNONYMS.get(word, word)
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def _terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and (len(w) > 2 or w.isdigit())}


class _Index:
    """Documents (facts, file lines) with idf weights; ``rank`` scores a query by weighted overlap (cosine)."""

    def __init__(self, docs: list[str]) -> None:
        self.terms = [_terms(d) for d in docs]
        n = len(docs)
        df: dict[str, int] = {}
        for terms in self.terms:
            for t in terms:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}

    def score(self, query: set[str], i: int) -> float:
        doc = self.terms[i]
        shared = query & doc
        if not shared:
            return 0.0
        w = self.idf
        num = sum(w.get(t, 1.0) ** 2 for t in shared)
        den = math.sqrt(sum(w.get(t, 1.0) ** 2 for t in query) * sum(w.get(t, 1.0) ** 2 for t in doc))
        return num / den if den else 0.0

    def rank(self, query: set[str]) -> list[tuple[float, int]]:
        return sorted(((self.score(query, i), i) for i in range(len(self.terms))), key=lambda x: (-x[0], x[1]))


# -- the project files a collaborator has seen -----------------------------------------------------------------------

_FILE_BLOCK = re.compile(r"^\[File: (.+?)\]\n(.*?)\n\[End of file\]", re.M | re.S)


def _files(system: str) -> dict[str, str]:
    """``{path: excerpt}`` of the file excerpts in the system messages."""
    return {m.group(1).strip(): m.group(2) for m in _FILE_BLOCK.finditer(system)}


def _file_lines(files: dict[str, str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path, text in files.items():
        for raw in text.splitlines():
            line = raw.strip().strip("#-*|> ").strip()
            if len(line) >= 30 and len(_terms(line)) >= 4 and not line.startswith(("<", "[")):
                out.append((path, line[:220]))
    return out


# -- numbers and dates as people write them --------------------------------------------------------------------------

_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_DMY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? (\d{4})\b", re.I
)
_MDY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b", re.I
)
_AMOUNT = re.compile(
    r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(million|billion|thousand|mn|bn|m|k)?(?![\w/-])(%?)", re.I
)
_SCALE = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3}


def normalise_dates(text: str) -> str:
    """Dates in words ('24 January 2026', 'Jan 24, 2026') as ISO ('2026-01-24').

    Example:
        >>> normalise_dates("by 24 January 2026 or Feb 3, 2026")
        'by 2026-01-24 or 2026-02-03'
    """
    text = _DMY.sub(lambda m: f"{m.group(3)}-{_MONTHS[m.group(2).lower()[:3]]:02d}-{int(m.group(1)):02d}", text)
    return _MDY.sub(lambda m: f"{m.group(3)}-{_MONTHS[m.group(1).lower()[:3]]:02d}-{int(m.group(2)):02d}", text)


def amounts(text: str) -> list[tuple[float, float, str]]:
    """Numbers as written (value, half the unit of the last digit written, the text): '1.2 million' is 1,200,000
    give or take 50,000. Years, dates and cell references are left out.

    Example:
        >>> amounts("Total 1,465 and 1.2 million; 12% up")
        [(1465.0, 0.5, '1,465'), (1200000.0, 50000.0, '1.2 million'), (12.0, 0.5, '12%')]
    """
    clean = re.sub(r"\b\d{4}-\d{2}-\d{2}\b|\b[A-Z]{1,3}\$?\d{1,5}\b|_v\d+\b", " ", normalise_dates(text))
    out: list[tuple[float, float, str]] = []
    for m in _AMOUNT.finditer(clean):
        whole, frac, scale_word, _pct = m.group(1), m.group(2) or "", (m.group(3) or "").lower(), m.group(4)
        value = float(whole.replace(",", "") + frac)
        if not frac and not scale_word and not m.group(4) and 1900 <= value <= 2100:
            continue  # a year
        scale = _SCALE.get(scale_word, 1.0)
        unit = (10 ** -(len(frac) - 1) if frac else 1.0) * scale / 2
        out.append((value * scale, unit, m.group(0).strip()))
    return out


def _same_amount(stated: tuple[float, float, str], source: float) -> bool:
    value, half_unit, _ = stated
    return abs(value - source) <= max(half_unit, 0.005 * abs(source)) + 1e-9


def fact_present(fact: str, text: str) -> bool:
    """A document states a fact: at least half of its key pieces (names, dates in any written form, numbers).

    Example:
        >>> fact_present("The deadline moved to 2026-01-24.", "Deadline: now 24 January 2026 (Fergus).")
        True
    """
    low = normalise_dates(text).lower()
    tokens = key_tokens(normalise_dates(fact)) or [fact[:40]]
    present = 0
    for token in tokens:
        if token.lower() in low:
            present += 1
            continue
        stated = amounts(token)
        if stated and any(_same_amount(s, v) for s in stated for v, _u, _t in amounts(text)):
            present += 1
    return present >= max(1, (len(tokens) + 1) // 2)


# -- reading a mail --------------------------------------------------------------------------------------------------

_QUESTION = re.compile(r"[^.!?\n]*\?")


def _mail_parts(mail: str) -> tuple[str, str, str, str]:
    """(sender first name, subject, body, attachment text)."""
    sender = re.search(r"^From: ([^<\n]+)", mail, re.M)
    to_first = sender.group(1).strip().split()[0] if sender else "there"
    subject_match = re.search(r"^Subject: (.+)$", mail, re.M)
    subject = subject_match.group(1).strip() if subject_match else ""
    head, _, attachment = mail.partition("[Attachment: ")
    body = head.split("\n\n", 1)[1] if "\n\n" in head else head
    return to_first, subject, body.strip(), attachment


_JOINED = re.compile(
    r"(?:,\s*|;\s*|\s+)(?:and|or|also)\s+(?=(?:is|are|was|were|has|have|had|do|does|did|can|could|will|would|"
    r"should|when|what|who|whom|where|which|how|why|whether)\b)",
    re.I,
)
"""Where one sentence goes on to a second question: ", and is there ...", "; and when ..."."""


def questions_of(body: str) -> list[str]:
    """The questions a mail asks, one per sentence with a question mark (the whole text when it has none).

    Two questions joined in one sentence ("have you decided X, and is there a date for Y?") are two questions.

    Example:
        >>> questions_of("Hi,\\n\\nHas the audit date moved? And what did the board decide on suppliers?\\n\\nThanks")
        ['Has the audit date moved?', 'And what did the board decide on suppliers?']
        >>> questions_of("Two things: have you decided on the TMF, and is there a date for the inspection yet?")
        ['Two things: have you decided on the TMF?', 'is there a date for the inspection yet?']
    """
    found: list[str] = []
    pieces = [piece for raw in _QUESTION.findall(body) for piece in _JOINED.split(raw.strip()) if piece.strip()]
    for raw in pieces:
        q = raw.strip()
        q = q if q.endswith("?") else f"{q.rstrip(' ,;')}?"
        if found and (len(_terms(q)) < 2 or re.match(r"^(?:if so|and if|or|if not)\b", q, re.I)):
            found[-1] = f"{found[-1]} {q}"  # 'If so, what is the new date?' goes with the question before it
        elif _terms(q):
            found.append(q)
    if found:
        return found
    lines = [
        ln
        for ln in body.splitlines()
        if ln.strip() and not re.match(r"^(hi|hello|dear|thanks|best|cheers)\b", ln.strip(), re.I)
    ]
    return [" ".join(lines)] if lines else []


NO_REPLY = "NO_REPLY"
"""A collaborator's answer (scripted or a model) to a mail that needs none: the mail is read, nothing is sent."""

_REQUEST = re.compile(
    r"\?|\b(?:please|could you|can you|would you|let me know|tell me|send|confirm|need|what|when|who|how|which|"
    r"whether|any news|update me)\b",
    re.I,
)
_THANKS = re.compile(r"\b(?:thanks|thank you|cheers|noted|worked them in|worked them into|fyi)\b", re.I)


def asks_nothing(body: str) -> bool:
    """A mail that thanks or closes a thread and asks nothing (no question, no request): people leave it unanswered.

    Example:
        >>> asks_nothing("Hi Ann,\\n\\nthanks for your comments; I have worked them into the document.\\n\\nBest, Bo")
        True
        >>> asks_nothing("Hi Ann,\\n\\nthanks! Could you send me the November figures?\\n\\nBo")
        False
    """
    text = "\n".join(ln for ln in body.splitlines() if not ln.lstrip().startswith(">"))
    return bool(_THANKS.search(text)) and not _REQUEST.search(text)


def _told(history: list[tuple[bool, str]], fact: str) -> bool:
    probe = fact[:60].lower()
    return any(mine and probe in text.lower() for mine, text in history)


def _gist(topic: str) -> str:
    return topic.replace(":", "").strip().lower()


# -- the frame: greeting, body, sign-off by the persona's style ------------------------------------------------------


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


def _long(p: _Persona) -> bool:
    return any(w in p.style for w in ("long", "detailed", "thorough", "verbose", "chatty", "context"))


def _short(p: _Persona) -> bool:
    return any(w in p.style for w in ("terse", "one line", "short", "brief", "blunt"))


_FACT_MIN = 0.18
_GENERIC_ASK = _terms("date deadline status decision current figures numbers plan yet news latest update")
"""What any question may ask for; a fact answers a question only when it shares what the question is about."""
_FILE_MIN = 0.3


def collaborator_reply(system: str, mail: str, history: list[tuple[bool, str]] | None = None) -> str:
    """Answer one mail as the persona in ``system``, knowing the earlier mail with the user (``history``: (mine,
    text) oldest first): every question it asks from the private facts and the project files by relevance, what
    was already told said as such, "I don't know" when nothing fits; a review of an attachment as the persona's
    strictness says."""
    p = _persona(system)
    past = history or []
    to_first, subject, body, attachment = _mail_parts(mail)
    if subject.startswith("Invitation:"):
        when = re.search(r"^When: (.+)$", mail, re.M)
        slot = f" ({when.group(1)})" if when else ""
        return _frame(p, to_first, [f"Accepted{slot}. I will bring what I have on my topics."])
    files = _files(system)
    if attachment:
        return _frame(p, to_first, _review(p, subject, body, attachment, files, past))
    if asks_nothing(body):
        return NO_REPLY  # people do not answer a thank-you; an answer to it would be a file line out of context
    return _frame(p, to_first, _answers(p, subject, body, files, past))


def _answers(p: _Persona, subject: str, body: str, files: dict[str, str], past: list[tuple[bool, str]]) -> list[str]:
    index = _Index([f"{t}. {f}" for t, f in p.facts])
    # what a fact is about decides between facts that both match: "the deadline for the trial master file" is the
    # trial master file's deadline, not another project's deadline whose wording mentions a trial master file report
    about = _Index([t for t, _f in p.facts])
    lines_index_src = _file_lines(files)
    file_index = _Index([line for _p, line in lines_index_src]) if lines_index_src else None
    questions = questions_of(body)
    subject_terms = _terms(re.sub(r"\[[^\]]*\]|^(?:re|fw|fwd):\s*|question:", "", subject, flags=re.I))
    given: set[int] = set()
    answers: list[str] = []
    for question in questions:
        query = _terms(question)
        ranked = [(s, i) for s, i in index.rank(query) if s >= _FACT_MIN]
        if not ranked and len(query) < 2:  # a bare question ("any news?") is about what the subject names
            query |= subject_terms
            ranked = [(s, i) for s, i in index.rank(query) if s >= _FACT_MIN]
        specific = query - _GENERIC_ASK
        if specific:  # "is there a date for the inspection?" is not answered by another matter's deadline
            ranked = [(s, i) for s, i in ranked if index.terms[i] & specific]
        ranked.sort(key=lambda si: (-(si[0] + about.score(query, si[1])), si[1]))
        fresh = [i for _s, i in ranked if i not in given and not _told(past, p.facts[i][1])]
        if fresh:
            i = fresh[0]
            given.add(i)
            answers.append(p.facts[i][1])
            continue
        repeat = [i for _s, i in ranked if i not in given]
        if repeat:
            i = repeat[0]
            given.add(i)
            answers.append(f"Nothing new since my last mail: {_lower_first(p.facts[i][1])}")
            continue
        if ranked:
            continue  # the same fact answers an earlier question of this mail
        if file_index is not None:
            # a line answers only when it shares two of the question's words (one common word such as "change"
            # pulled unrelated table rows): "is Summit still in scope?" finds the brief's "Added Summit to the scope"
            need = min(2, len(query))
            line_hit = next(
                (
                    i
                    for score, i in file_index.rank(query)
                    if score >= _FILE_MIN and len(query & file_index.terms[i]) >= need
                ),
                None,
            )
            if line_hit is not None:
                path, line = lines_index_src[line_hit]
                answers.append(f'I don\'t know more than what is in {path.rsplit("/", 1)[-1]}: "{line}"')
                continue
        answers.append(f"I don't know about that ({_clip(question)}); it is not something I have.")
    if not answers:
        answers = ["I don't know; I have nothing on that."]
    if len(answers) > 1:
        answers = [f"{n}. {a}" for n, a in enumerate(answers, 1)]
        if not _short(p):
            answers.insert(0, "Taking your questions in turn:")
    if re.search(r"\b(long|detailed)\b", p.style) and not _short(p):  # the picture around the answers, after them
        answers.append(
            "A bit of background on how I see it: these are the current positions on my side, some of them agreed "
            "in conversations that never made it into a document, which is why I would rather you have them in "
            "writing from me now than piece them together from older files later."
        )
    if _long(p) and not _short(p):
        answers.append("That is everything I have at the moment; I will tell you if any of it changes.")
    return answers


def _lower_first(text: str) -> str:
    """'The audit ...' -> 'the audit ...'; a name stays as it is ('Harbour Ltd ...')."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in ("The", "A", "An", "This", "That", "Our", "We", "It") else text


def _clip(text: str, n: int = 80) -> str:
    text = re.sub(r"^(and|also|so|then)\s+", "", text.strip(), flags=re.I).rstrip("?").strip()
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _review(
    p: _Persona, subject: str, body: str, draft: str, files: dict[str, str], past: list[tuple[bool, str]]
) -> list[str]:
    """Read the draft: facts this person told that it leaves out, numbers on a line naming a source file that the
    file does not say (strict only), then approve or ask for exactly those changes."""
    title = re.sub(r"^(?:(?:re|fw|fwd):\s*)*(?:review:\s*)?", "", subject, flags=re.I).split(" [")[0].strip()
    title = re.sub(r"^(?:draft(?: of)?\s+(?:the\s+)?)|\s+for (?:your )?review$", "", title, flags=re.I)
    title = title.strip().rstrip(" -–—:,;").strip()  # 'Draft X - for your review' is about X
    draft_text = draft.split("[End of attachment]")[0]
    title_terms = _terms(title)
    gaps: list[str] = []
    for topic, fact in p.facts:
        if not _told(past, fact) or fact_present(fact, draft_text):
            continue
        shared = len(title_terms & _terms(topic))
        about_this = shared >= 2 or (_asked_for(past, fact, title) and (shared >= 1 or _one_question(past, fact)))
        if about_this:
            gaps.append(f"You left out what I told you on {_gist(topic)}: {fact}")
    if p.strict:
        gaps += _number_gaps(draft_text, files)
    if "source" in p.style:
        gaps += _unsourced(draft_text, files)
    untold = [t for t, f in p.facts if not _told(past, f) and len(title_terms & _terms(t)) >= 2]
    if gaps and p.strict:
        lines = ["Thanks for the draft. It needs changes before it goes out; please fix these:"]
        lines += [f"{n}. {g}" for n, g in enumerate(gaps[:4], 1)]
        lines.append("Send it back to me when it is done.")
        return lines
    done = f"I read {title}."
    if any(mine and "please fix" in text.lower() and title.lower() in text.lower() for mine, text in past):
        done = f"I read the new version of {title}; the points I raised are fixed."
    lines = [f"{done} Approved, fine to submit."]
    if gaps:  # lenient: noted, not blocking (no change words, it stays an approval)
        first = gaps[0]
        if first.startswith("You left out"):
            lines.append("For the next version, it could also say: " + first.split(": ", 1)[-1])
        else:
            lines.append(f"For the next version: {first[:1].lower()}{first[1:]}")
    if untold and p.strict and not _short(p):
        lines.append(f"I also have news on {_gist(untold[0])} you may want for the next version; just ask.")
    return lines


def _one_question(past: list[tuple[bool, str]], fact: str) -> bool:
    """My answer that told this fact answered a single question (so the fact is about what that mail named)."""
    for mine, text in past:
        if mine and fact[:60].lower() in text.lower():
            return not re.search(r"^\s*(?:- )?2\. ", text, re.M)
    return False


def _asked_for(past: list[tuple[bool, str]], fact: str, title: str) -> bool:
    """The mail this fact answered (the one in the same thread as my answer) or my answer named the deliverable."""
    low = title.lower()
    for mine, text in past:
        if not (mine and fact[:60].lower() in text.lower()):
            continue
        if low in text.lower():
            return True
        subject = re.search(r"^Subject: (?:re:\s*)*(.+)$", text, re.M | re.I)
        if subject is None:
            continue
        thread = subject.group(1).strip().lower()
        for other_mine, other in past:
            asked = re.search(r"^Subject: (?:re:\s*)*(.+)$", other, re.M | re.I)
            if not other_mine and asked and asked.group(1).strip().lower() == thread and low in other.lower():
                return True
    return False


def _unsourced(draft: str, files: dict[str, str]) -> list[str]:
    """A reviewer who always asks for the source of a number: figures in a draft that names none of the files
    they come from (nor any other source) get that question.

    Example:
        >>> _unsourced("Sales were 512,130 against 495,600.", {"~/P/Data/sales Dec.xlsx": "..."})
        ['Where are the figures from? Name the file next to them (sales Dec.xlsx, I take it) so they can be checked.']
        >>> _unsourced("Sales were 512,130 (sales Dec.xlsx, Summary).", {"~/P/Data/sales Dec.xlsx": "..."})
        []
    """
    figures = [a for a in amounts(draft) if a[0] >= 10 and not (1900 <= a[0] <= 2100 and float(a[0]).is_integer())]
    if not figures:
        return []
    low = draft.lower()
    names = [path.rsplit("/", 1)[-1] for path in files]
    if any(n.lower() in low or n.rsplit(".", 1)[0].lower() in low for n in names):
        return []
    if re.search(
        r"\b(?:source|sources|according to|taken from|from the [\w ]{0,40}(?:workbook|sheet|report|file))\b", low
    ):
        return []
    hint = f" ({names[0]}, I take it)" if names else ""
    return [f"Where are the figures from? Name the file next to them{hint} so they can be checked."]


def _number_gaps(draft: str, files: dict[str, str]) -> list[str]:
    """Numbers on draft lines that name a source file this person has seen in full, and that the file does not say."""
    out: list[str] = []
    for path, excerpt in files.items():
        name = path.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        if len(excerpt) >= 2900:
            continue  # only part of the file seen: no claim that a number is not in it
        source = [v for v, _u, _t in amounts(excerpt)]
        for raw in draft.splitlines():
            if stem not in raw:
                continue
            line = raw.replace(name, " ").replace(stem, " ")
            for stated in amounts(line):
                if stated[0] < 10 or any(_same_amount(stated, v) for v in source):
                    continue
                out.append(f"{stated[2]} ('{_clip(raw.strip(), 90)}') is not what {name} says; please check it.")
                break
    return out[:2]


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
