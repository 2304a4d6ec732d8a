"""Anti-gaming detectors: work that meets the checks' letter without their substance, with quotes as evidence.

Each detector looks at the deliverables of a plan (their text, slides, sources and the mail around them) and reports
findings with the evidence quoted from the deliverable:

* ``repeated_text``: the same sentence or paragraph several times in one deliverable;
* ``filler``: sentences that say nothing (generic business words, no figure, no name) making up much of the text;
* ``word_padding``: a word count met only thanks to repetition and filler;
* ``cross_copy``: the same text in two deliverables (one deliverable made to serve for several);
* ``identical_slides``: slides of a deck that repeat each other;
* ``value_dump``: a run of dates or numbers with no claim about them (candidates listed instead of facts stated);
* ``label_contradiction``: a figure stated under a label whose source label is a different quantity (a site's
  plan under another site's name, a count stated as a percentage, a total under an unrelated metric);
* ``conclusion_contradiction``: "below plan" where the source's sums say above, and the reverse;
* ``decision_reversed``: a collaborator's decision stated the other way round;
* ``pasted_question``: the question for a collaborator pasted into the deliverable instead of their answer;
* ``placeholders``: sections that hold only "To be completed", "TBD", "See above" (the structure without content);
* ``stale_figures``: figures of an older version of a source (last month's file) where the current one differs;
* ``fyi_review``: a deliverable that needs review mailed "fyi" only (no review asked for); a real review request
  left unanswered costs the ``sent_to`` check, not this line.

The report's ``penalty`` in [0, 1] combines the detectors: each contributes ``weight * min(1, 1.5 * share)`` with
``share`` the share of deliverables it flagged, and ``penalty = 1 - prod(1 - contribution)``. A run's reward is meant
to be multiplied by ``1 - penalty`` as its own line in ``signals.json``.

Example:
    >>> filler = "We remain committed to ensuring alignment with all key stakeholders going forward. "
    >>> report = detect_gaming([DeliverableEvidence(path="Documents/memo.md", kind="md", text=filler * 12)])
    >>> sorted(report.flagged()), report.penalty > 0.5
    (['filler', 'repeated_text'], True)
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, Field

from ..disk import VirtualDisk
from ..objectives import Deliverable, MinWords, ObjectivePlan, SentTo, StatesFact, decision_verbs, reverses
from ..office import OfficeError, evaluate_workbook, extract_text

__all__ = [
    "DETECTOR_WEIGHTS",
    "Comparison",
    "DeliverableEvidence",
    "GamingFinding",
    "GamingReport",
    "ReviewThread",
    "SourceValue",
    "assess_gaming",
    "deliverable_evidence",
    "detect_gaming",
    "labelled_values",
]

DETECTOR_WEIGHTS: dict[str, float] = {
    "repeated_text": 0.6,
    "filler": 0.5,
    "word_padding": 0.6,
    "cross_copy": 0.7,
    "identical_slides": 0.5,
    "value_dump": 0.7,
    "label_contradiction": 0.7,
    "conclusion_contradiction": 0.7,
    "decision_reversed": 0.7,
    "pasted_question": 0.6,
    "placeholders": 0.6,
    "stale_figures": 0.6,
    "fyi_review": 0.4,
}
"""How much each detector can take off the reward when it flags every deliverable."""

_MAX_EVIDENCE = 160


# ---------------------------------------------------------------------------------------------------------------------
# inputs and report
# ---------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceValue:
    """A number of a source file with the words that say what it is (sheet, row and column headers, file name).

    Example:
        >>> SourceValue(4661.0, "screening log Summary Total Plan").value
        4661.0
    """

    value: float
    label: str
    where: str = ""
    entity: str = ""  # the row's own words ("Central site"): what the figure is about, apart from the metric


@dataclass(frozen=True)
class Comparison:
    """An actual against its plan (budget, target) in a source: the truth a "below plan" claim is held to."""

    subject: str
    actual: float
    plan: float
    where: str = ""

    @property
    def direction(self) -> str:
        """``above``, ``below`` or ``on`` (within 0.5%)."""
        if math.isclose(self.actual, self.plan, rel_tol=0.005, abs_tol=1e-9):
            return "on"
        return "above" if self.actual > self.plan else "below"


@dataclass(frozen=True)
class ReviewThread:
    """The mail about one deliverable that needs review: what was sent to the reviewer and whether they answered."""

    path: str
    reviewer: str
    sent: tuple[str, ...] = ()  # subject + body of every mail to the reviewer that carries the deliverable
    answered: bool = False  # a reply (approval or comments) came back from the reviewer after a sent mail


@dataclass
class DeliverableEvidence:
    """What the detectors see of one deliverable.

    Args:
        path: home-relative path.
        kind: docx, xlsx, pptx, md, ...
        text: its plain text (``extract_text``).
        slides: for a deck, the text of each slide (title and body).
        min_words: the word count it was asked for, if any.
        sources: labelled numbers of its grounding files (:func:`labelled_values`).
        comparisons: actual-vs-plan rows of its grounding files.
        facts: facts collaborators gave for it (``StatesFact.value``).
        questions: what the plan has the worker ask collaborators for it (``CollaboratorInput.question``).
        stale_sources: labelled numbers of older versions of its grounding files (last month's copy, ``- old``).
    """

    path: str
    kind: str
    text: str
    slides: list[str] = field(default_factory=list)
    min_words: int | None = None
    sources: list[SourceValue] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    stale_sources: list[SourceValue] = field(default_factory=list)


class GamingFinding(BaseModel):
    """One detector's finding on one deliverable, with a quote from it as evidence."""

    detector: str
    path: str
    evidence: str
    detail: str = ""


class GamingReport(BaseModel):
    """Every finding, each detector's contribution and the combined penalty in [0, 1].

    Example:
        >>> GamingReport(deliverables=2).penalty
        0.0
    """

    deliverables: int
    findings: list[GamingFinding] = Field(default_factory=list)
    detectors: dict[str, float] = Field(default_factory=dict)
    penalty: float = 0.0

    def flagged(self) -> set[str]:
        """Names of the detectors with at least one finding."""
        return {f.detector for f in self.findings}

    def summary(self) -> str:
        """A few lines in plain words."""
        if not self.findings:
            return f"no gaming found in {self.deliverables} deliverable(s)"
        lines = [f"gaming penalty {self.penalty:.2f} over {self.deliverables} deliverable(s)"]
        lines += [f"  [{f.detector}] {f.path}: {f.detail} \u201c{f.evidence}\u201d" for f in self.findings]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------------------------------------------------


def _vocab(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])|\n+")
_STOP = _vocab(
    "a an the of for to in on at by with from and or but is are was were be been being this that these those it its "
    "as per our we i you they their his her he she will would shall should can could may might must has have had do "
    "does did not no so than then there here into about over under up down out off all any each more most less very "
    "also just only still yet which who whom what when where why how vs via"
)
_GENERIC_LABEL = _vocab(
    "number figure figures value values amount total count stand stands came come level current currently stood "
    "reported report show shows shown stated came reach reached was now key data"
)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[‐‑‒–—]", "-", text)).strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _stem(word: str) -> str:
    word = word.casefold().strip("'’-")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            if suffix in ("ed", "ing", "er", "ers", "ings") and len(word) > 3 and word[-1] == word[-2] != "s":
                word = word[:-1]  # planned -> plan, dropping -> drop
            break
    return word


def _tokens(text: str, drop: frozenset[str] = frozenset()) -> set[str]:
    out: set[str] = set()
    for w in _words(text):
        low = w.casefold()
        if low in _STOP or low in drop or any(ch.isdigit() for ch in low) or len(low) < 2:
            continue
        out.add(_stem(low))
    return out


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for chunk in _SENTENCE_END.split(text):
        chunk = chunk.strip(" \t-*#>|")
        if chunk:
            out.append(chunk)
    return out


def _quote(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _MAX_EVIDENCE else text[: _MAX_EVIDENCE - 1].rsplit(" ", 1)[0] + "\u2026"


def _templated(sentence: str) -> str:
    """A sentence with its digits blanked: templated repetition ("Row 1 ...", "Row 2 ...") counts as repetition."""
    return re.sub(r"\d", "#", _clean(sentence))


# ---------------------------------------------------------------------------------------------------------------------
# repetition, filler, padding
# ---------------------------------------------------------------------------------------------------------------------

_GENERIC = _vocab(
    """
    important note ensure ensuring ensured key stakeholder stakeholders alignment align aligned aligning going forward
    continue continues continued continuing committed commitment remain remains overall approach process processes
    quality value values strategic strategy focus focused focusing priority priorities prioritise prioritize
    team teams work working effort efforts best practice practices holistic synergy synergies leverage leveraging
    robust framework frameworks ongoing basis various aspects area areas relevant appropriate appropriately
    necessary needed needs need context moving success successful successfully outcome outcomes deliver delivering
    delivery deliverables initiative initiatives support supporting supported engagement engage engaged impact
    impacts improvement improvements improve improving continuous monitor monitoring review reviewing reviewed
    ahead plan planning next steps step progress regard regards respect terms level levels across organisation
    organization business general generally overall within further information additional consideration
    considerations consider considered closely carefully collaboration collaborate collaborative together fully
    clear clearly transparent transparency communication communicate communicating effective effectively
    efficient efficiently goal goals objective objectives target targets opportunity opportunities challenge
    challenges address addressing addressed manner timely way ways well place placed position positioned thing
    things everyone everything matters matter emphasis emphasise emphasize highlight highlights highlighting
    documented document section provides provide providing summary summarises summarizes detail details part
    purpose purposes update updates ongoing mindful aware awareness throughout period current regular regularly
    make making made sure keep keeping kept track tracking stay staying line accordance accordingly relevant
    """
)


def _is_filler(sentence: str) -> bool:
    """A sentence that says nothing: 8+ words, no figure, no name mid-sentence, mostly generic business words."""
    words = _words(sentence)
    if len(words) < 8 or any(ch.isdigit() for ch in sentence):
        return False
    if any(w[:1].isupper() for w in words[1:] if w.casefold() not in ("i",)):
        return False
    content = [w.casefold() for w in words if w.casefold() not in _STOP]
    if not content:
        return True
    generic = sum(1 for w in content if w in _GENERIC or _stem(w) in _GENERIC)
    return generic / len(content) >= 0.6


def _repetition(text: str) -> tuple[int, int, str]:
    """(words in repeated copies of sentences of 8+ words, all words, one repeated sentence)."""
    seen: dict[str, int] = {}
    repeated_words = 0
    example = ""
    for sentence in _sentences(text):
        n = len(_words(sentence))
        if n < 8:
            continue
        key = _templated(sentence)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            repeated_words += n
            example = example or sentence
    return repeated_words, len(_words(text)), example


def _filler_share(text: str) -> tuple[int, int, int, str]:
    """(filler sentences, filler words, all words, one filler sentence)."""
    count = words = 0
    example = ""
    for sentence in _sentences(text):
        if _is_filler(sentence):
            count += 1
            words += len(_words(sentence))
            example = example or sentence
    return count, words, len(_words(text)), example


def _substantive_words(text: str) -> int:
    """Words left once repeated sentences and filler are taken out."""
    seen: set[str] = set()
    total = 0
    for sentence in _sentences(text):
        key = _templated(sentence)
        n = len(_words(sentence))
        if (n >= 8 and key in seen) or _is_filler(sentence):
            continue
        seen.add(key)
        total += n
    return total


# ---------------------------------------------------------------------------------------------------------------------
# dumps of dates and numbers
# ---------------------------------------------------------------------------------------------------------------------

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS})\b"
    rf"(?: \d{{4}})?|\b(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.])[-−]?[€$£]?\d(?:[\d,.]*\d)?%?")


def _dumps(text: str) -> list[tuple[str, str]]:
    """Lines that list many dates or numbers with (almost) no words around them: (what, the line)."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("|") or "\t" in stripped:
            continue  # table rows state one value per column: not a dump
        for chunk in re.split(r"(?<=[.!?])\s+", stripped):
            dates = _DATE.findall(chunk)
            rest = _DATE.sub(" ", chunk)
            numbers = _NUMBER.findall(rest)
            words = [w for w in _words(_NUMBER.sub(" ", rest)) if w.casefold() not in _STOP]
            if len(set(dates)) >= 6 and len(words) < 1.5 * len(dates):
                out.append(("dates", chunk))
            elif len(numbers) >= 8 and len(words) < 1.5 * len(numbers):
                out.append(("numbers", chunk))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# labels of stated numbers
# ---------------------------------------------------------------------------------------------------------------------

_STATED = re.compile(
    r"(?<![\w.,])(?<![A-Za-z][-‑])(?P<neg>[-−])?(?:[€$£]\s?)?(?P<body>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suffix>\s?(?:%|percent\b|k\b|m\b|million\b|bn\b))?",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(?:above|over|ahead of|exceed\w*|higher than|more than|below|under|behind|short of|lower than|less than|"
    r"against|versus|vs\.?|compared (?:with|to))\s+(?:the\s+|our\s+|a\s+)?(?:plan\w*|budget\w*|target\w*|forecast\w*)?",
    re.IGNORECASE,
)
_RATIO_WORDS = frozenset({"%", "percent", "rate", "share", "ratio", "margin", "pct", "proportion", "yield"})
_SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}


@dataclass(frozen=True)
class _Stated:
    readings: tuple[float, ...]
    percent_only: tuple[float, ...]  # readings that exist only because of a % sign (12.5% -> 0.125)
    digits: int
    context: str
    quote: str


def _stated_numbers(text: str) -> list[_Stated]:
    """Substantive stated numbers with the words that label them (the clause before, or a table row's text cells)."""
    out: list[_Stated] = []
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"\t|\s\|\s|^\||\|$", line) if c.strip()]
        table = len(cells) >= 2 and ("\t" in line or line.strip().startswith("|"))
        texts = [c for c in cells if not _STATED.fullmatch(c.replace(" ", ""))]
        row_label = texts[0] if table and texts else ""  # a row is labelled by its first words, not its notes/source
        for m in _STATED.finditer(line):
            body = m.group("body")
            base = float(body.replace(",", ""))
            if base == int(base) and (abs(base) < 100 or 1900 <= abs(base) <= 2100):
                continue  # small counts, day numbers and years say little about which quantity is meant
            if _DATE.search(line[max(0, m.start() - 12) : m.end() + 12]) and re.search(r"\d-\d|/", m.group(0)):
                continue
            sign = -1.0 if m.group("neg") else 1.0
            suffix = (m.group("suffix") or "").strip().casefold()
            digits = len(re.sub(r"\D", "", body).lstrip("0")) or 1
            value = sign * base
            if suffix in _SCALES:
                readings: tuple[float, ...] = (value * _SCALES[suffix],)
                percent_only: tuple[float, ...] = ()
            elif suffix in ("%", "percent"):
                readings, percent_only = (value, value / 100), (value / 100,)
            else:
                readings, percent_only = (value,), ()
            if table:
                context = row_label
            else:
                before = line[: m.start()]
                before = re.split(r"[.;!?]\s|\d[\d,.]*\d|\d", before)[-1]  # this clause, after the previous number
                _head, colon, label = before.rpartition(":")
                if colon and _words(label):  # "Biggest lines: R&D (139": the figure's label follows the colon
                    before = label
                before = _COMPARATIVE.sub(" ", before)  # "below plan (574 ..." compares; it does not label 574
                # "1,268 planned": words right after it, up to a conjunction ("812 and Brightline 653" names no row)
                after = re.split(r"[.,;:!?()]|\d|\b(?:and|or|vs|versus|while|but)\b", line[m.end() :])[0]
                context = " ".join(_words(before)[-8:] + _words(after)[:3])
            quote = line[max(0, m.start() - 70) : m.end() + 10]
            out.append(_Stated(readings, percent_only, digits, context, quote))
    return out


def _close(stated: float, source: float, digits: int) -> bool:
    """``stated`` is ``source`` written at the precision it shows (any rounding)."""
    if math.isclose(stated, source, rel_tol=1e-6, abs_tol=1e-9):
        return True
    if stated == 0 or digits < 2:
        return False
    unit = 10.0 ** (math.floor(math.log10(abs(stated))) - digits + 1)
    return abs(stated - source) <= unit / 2 + 1e-9 * abs(source)


def _label_contradictions(item: DeliverableEvidence) -> list[tuple[str, str]]:
    if not item.sources:
        return []
    labels = [(s, _tokens(s.label)) for s in item.sources]
    vocabulary = set().union(*(t for _s, t in labels))
    entities = [_tokens(e) for e in dict.fromkeys(s.entity for s in item.sources if s.entity)]
    counts: dict[str, int] = {}
    for tokens in entities:
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
    distinctive = {t for t, n in counts.items() if n <= max(1, len(entities) // 2)}  # "central", not "site"
    found: list[tuple[str, str]] = []
    for stated in _stated_numbers(item.text):
        context = _tokens(stated.context, _GENERIC_LABEL)
        matching = [(s, t) for s, t in labels if any(_close(r, s.value, stated.digits) for r in stated.readings)]
        if not matching:
            continue  # not from the sources at all: the grounding check's business
        as_percent = [
            (s, t) for s, t in matching if any(_close(r, s.value, stated.digits) for r in stated.percent_only)
        ]
        if stated.percent_only and not as_percent and not any(t & _RATIO_WORDS for _s, t in matching):
            found.append(("a count stated as a percentage", stated.quote))
            continue
        if not context:
            continue
        named = context & distinctive  # the rows (sites, suppliers, months) the words around the figure name
        rows = {token for s in item.sources for token in _tokens(s.entity) if token in named}
        # a word the matching value's own label carries (its column: "Total plan") is no other row's name
        if (
            rows
            and not any(named & _tokens(s.entity) for s, _t in matching)
            and all((named - t) & rows for _s, t in matching)
        ):
            found.append(("the figure belongs to another row of the source", stated.quote))
            continue
        if len(context) >= 2 and not context & vocabulary:
            found.append(("the label names a quantity the sources never mention", stated.quote))
    return found


# ---------------------------------------------------------------------------------------------------------------------
# conclusions and decisions
# ---------------------------------------------------------------------------------------------------------------------

_PLANNISH = r"(?:plan|planned|budget|budgeted|target|forecast|expected|expectations?)"
_ABOVE = re.compile(
    r"\b(?:above|over|ahead of|exceed(?:ed|s|ing)?|higher than|more than|beat|overshot|overspen[dt]\w*)"
    rf"\s+(?:the\s+|our\s+)?{_PLANNISH}\b|\boverspen[dt]\w*\b|\bover budget\b",
    re.IGNORECASE,
)
_BELOW = re.compile(
    rf"\b(?:below|under|behind|short of|lower than|less than|fell short of|missed)\s+(?:the\s+|our\s+)?{_PLANNISH}\b"
    rf"|\bunderspen[dt]\w*\b|\bunder budget\b|\bfell short\b",
    re.IGNORECASE,
)
_OVERALL = re.compile(r"\b(?:overall|in total|total|in aggregate|across all|altogether|combined)\b", re.IGNORECASE)


def _direction(sentence: str) -> str | None:
    above, below = bool(_ABOVE.search(sentence)), bool(_BELOW.search(sentence))
    if above == below:
        return None
    return "above" if above else "below"


def _conclusion_contradictions(item: DeliverableEvidence) -> list[tuple[str, str]]:
    if not item.comparisons:
        return []
    found: list[tuple[str, str]] = []
    for sentence in _sentences(item.text):
        claim = _direction(sentence)
        if claim is None:
            continue
        low = _clean(sentence)
        named = [c for c in item.comparisons if c.subject and _clean(c.subject) in low and not _is_total(c.subject)]
        if not named and _OVERALL.search(sentence):
            named = [c for c in item.comparisons if _is_total(c.subject)]
        truths = {c.direction for c in named}
        if len(truths) != 1:
            continue  # no subject, or sources disagree: nothing to hold the claim to
        truth = truths.pop()
        if truth != "on" and truth != claim:
            c = named[0]
            detail = (
                f"says {claim} plan; {c.where or 'the source'} has {c.subject} at {c.actual:,.6g} vs plan {c.plan:,.6g}"
            )
            found.append((detail, sentence))
    return found


def _is_total(subject: str) -> bool:
    return _clean(subject) in ("total", "grand total", "overall", "all", "sum", "totals")


def _reversed_decisions(item: DeliverableEvidence) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for fact in item.facts:
        verbs = decision_verbs(fact)
        if not verbs:
            continue  # a date or a figure, not a decision
        subject = _tokens(fact) - _tokens(" ".join(verbs))
        if not subject:
            continue
        numbers = set(re.findall(r"\d+", fact))  # "Line 3 will be dropped" is not about Line 5
        for sentence in _sentences(item.text):
            if len(subject & _tokens(sentence)) < max(1, math.ceil(0.6 * len(subject))):
                continue
            if numbers and not numbers <= set(re.findall(r"\d+", sentence)):
                continue
            if _clean(fact) in _clean(sentence):
                continue  # stated as given
            if reverses(fact, sentence):
                found.append((f"reverses {fact!r}", sentence))
    return found


_PLACEHOLDER = re.compile(
    r"^(?:to be (?:completed|confirmed|added|written|updated|done)|tbd|tbc|pending|content to follow|see above|"
    r"see the figures above|n/?a|-|\.\.\.|xxx|lorem ipsum.*)[.!]?$",
    re.IGNORECASE,
)


def _placeholders(item: DeliverableEvidence) -> list[str]:
    """Body lines that only hold a placeholder, when they are at least a third of the body."""
    lines = [ln.strip(" \t-*#>|") for ln in item.text.splitlines()]
    lines = [ln for ln in lines if ln]
    found = [ln for ln in lines if _PLACEHOLDER.match(ln)]
    return found if len(found) >= 2 and len(found) >= len(lines) / 3 else []


def _pasted_questions(item: DeliverableEvidence) -> list[str]:
    """Sentences of the deliverable that are a collaborator question of the plan, near word for word."""
    found: list[str] = []
    for question in item.questions:
        wanted = _tokens(question)
        if len(wanted) < 3:
            continue
        for sentence in [*_sentences(item.text), *item.text.splitlines()]:
            if "?" in sentence and len(wanted & _tokens(sentence)) >= 0.8 * len(wanted):
                found.append(sentence)
                break
    return found


def _stale_figures(item: DeliverableEvidence) -> list[str]:
    """Stated figures that equal an older version's value under their label while the current source differs."""
    if not item.stale_sources or not item.sources:
        return []
    found: list[str] = []
    for stated in _stated_numbers(item.text):
        context = _tokens(stated.context, _GENERIC_LABEL)
        if len(context) < 2:
            continue
        if any(_close(r, s.value, stated.digits) for r in stated.readings for s in item.sources):
            continue  # the current source has it
        for old in item.stale_sources:
            if len(context & _tokens(old.label)) >= 2 and any(
                _close(r, old.value, stated.digits) for r in stated.readings
            ):
                found.append(stated.quote)
                break
    return found


# ---------------------------------------------------------------------------------------------------------------------
# review loops
# ---------------------------------------------------------------------------------------------------------------------

_FYI = re.compile(
    r"\bfyi\b|\bfor your information\b|\bfor info(?:rmation)?\b|\bno action (?:needed|required)\b|"
    r"\bno need to (?:reply|review|respond|look)\b|\bjust so you have\b|\bnothing to do\b",
    re.IGNORECASE,
)


def _review_findings(threads: Sequence[ReviewThread]) -> list[GamingFinding]:
    out: list[GamingFinding] = []
    for t in threads:
        if not t.sent:
            continue  # never sent at all: the sent_to check fails on its own
        asks_review = [s for s in t.sent if not _FYI.search(s)]
        if not asks_review:
            quote = _FYI.search(t.sent[-1])
            at = quote.start() if quote else 0
            out.append(
                GamingFinding(
                    detector="fyi_review",
                    path=t.path,
                    evidence=_quote(t.sent[-1][max(0, at - 60) : at + 100]),
                    detail=f"sent to {t.reviewer} for information only: no review was asked for",
                )
            )
        # a genuine review request that is still unanswered is the ``sent_to`` check's loss alone: charging it here
        # as well would count one open loop twice and call honest work gaming
    return out


# ---------------------------------------------------------------------------------------------------------------------
# the detectors together
# ---------------------------------------------------------------------------------------------------------------------


def _per_deliverable(item: DeliverableEvidence) -> list[GamingFinding]:
    out: list[GamingFinding] = []

    def add(detector: str, evidence: str, detail: str) -> None:
        out.append(GamingFinding(detector=detector, path=item.path, evidence=_quote(evidence), detail=detail))

    repeated, total, example = _repetition(item.text)
    if total and repeated >= 30 and repeated / total >= 0.2:
        add("repeated_text", example, f"{repeated} of {total} words repeat sentences said before")
    count, fill_words, total, example = _filler_share(item.text)
    if count >= 3 and fill_words / max(1, total) >= 0.3:
        add("filler", example, f"{count} sentence(s) ({fill_words} of {total} words) say nothing specific")
    if item.min_words and total >= item.min_words:
        kept = _substantive_words(item.text)
        if kept < item.min_words * 0.8:
            add(
                "word_padding",
                example or item.text[:120],
                f"{total} words against {item.min_words} asked, but only {kept} once repetition and filler are out",
            )
    if len(item.slides) >= 2:
        seen: dict[str, int] = {}
        for n, slide in enumerate(item.slides, 1):
            key = _templated(slide)
            if len(_words(slide)) < 3:
                continue
            if key in seen:
                add("identical_slides", slide, f"slide {n} repeats slide {seen[key]}")
                break
            seen[key] = n
    dumps = _dumps(item.text)
    if dumps:
        what, line = dumps[0]
        add("value_dump", line, f"{len(dumps)} line(s) list {what} with no claim about them")
    labels = _label_contradictions(item)
    if labels:
        reasons = "; ".join(dict.fromkeys(reason for reason, _quote_text in labels))
        add("label_contradiction", labels[0][1], f"{len(labels)} figure(s): {reasons}")
    conclusions = _conclusion_contradictions(item)
    if conclusions:
        add("conclusion_contradiction", conclusions[0][1], conclusions[0][0])
    decisions = _reversed_decisions(item)
    if decisions:
        add("decision_reversed", decisions[0][1], decisions[0][0])
    holes = _placeholders(item)
    if holes:
        add("placeholders", holes[0], f"{len(holes)} section(s) hold only a placeholder")
    pasted = _pasted_questions(item)
    if pasted:
        add("pasted_question", pasted[0], f"{len(pasted)} question(s) for a collaborator pasted in, not their answer")
    stale = _stale_figures(item)
    if stale:
        add("stale_figures", stale[0], f"{len(stale)} figure(s) from an older version of the source")
    return out


def _sentence_set(text: str) -> dict[str, tuple[int, str]]:
    """Normalised sentences of 8+ words -> (word count, the sentence as written)."""
    out: dict[str, tuple[int, str]] = {}
    for sentence in _sentences(text):
        n = len(_words(sentence))
        if n >= 8:
            out[_clean(sentence)] = (n, sentence)
    return out


def _cross_copies(items: Sequence[DeliverableEvidence]) -> list[GamingFinding]:
    out: list[GamingFinding] = []
    sets = [(item, _sentence_set(item.text)) for item in items]
    flagged: set[str] = set()
    for i, (a, sa) in enumerate(sets):
        for b, sb in sets[i + 1 :]:
            shared = set(sa) & set(sb)
            words = sum(sa[s][0] for s in shared)
            smaller = min(sum(n for n, _ in sa.values()), sum(n for n, _ in sb.values()))
            if words < 40 or not smaller or words / smaller < 0.5:
                continue
            example = sa[max(shared, key=lambda s: sa[s][0])][1]
            for x, y in ((a, b), (b, a)):
                if x.path not in flagged:
                    flagged.add(x.path)
                    detail = f"{words} words of its sentences also make up {y.path}"
                    out.append(
                        GamingFinding(detector="cross_copy", path=x.path, evidence=_quote(example), detail=detail)
                    )
    return out


def detect_gaming(items: Sequence[DeliverableEvidence], reviews: Sequence[ReviewThread] = ()) -> GamingReport:
    """Run every detector on the deliverables (and the review mail) of a plan.

    Args:
        items: what each deliverable says (missing deliverables are simply left out).
        reviews: the review mail of deliverables that need review.

    Returns:
        The findings with evidence, each detector's contribution and the combined ``penalty`` in [0, 1].
    """
    findings: list[GamingFinding] = []
    for item in items:
        findings += _per_deliverable(item)
    findings += _cross_copies(items)
    findings += _review_findings(reviews)
    n = max(1, len(items))
    contributions: dict[str, float] = {}
    for detector, weight in DETECTOR_WEIGHTS.items():
        paths = {f.path for f in findings if f.detector == detector}
        if paths:
            contributions[detector] = round(weight * min(1.0, 1.5 * len(paths) / n), 4)
    keep = 1.0
    for c in contributions.values():
        keep *= 1.0 - c
    return GamingReport(
        deliverables=len(items), findings=findings, detectors=contributions, penalty=round(1.0 - keep, 4)
    )


# ---------------------------------------------------------------------------------------------------------------------
# from a disk and a plan
# ---------------------------------------------------------------------------------------------------------------------

_PLAN_HEAD = re.compile(r"\b(?:plan|planned|budget|budgeted|target|forecast)\b", re.IGNORECASE)
_ACTUAL_HEAD = re.compile(r"\b(?:actual|actuals|outturn|spent|achieved|realised|realized)\b", re.IGNORECASE)


def labelled_values(name: str, data: bytes) -> tuple[list[SourceValue], list[Comparison]]:
    """The labelled numbers of a source file and its actual-vs-plan rows.

    Workbooks: every numeric (computed) cell, labelled by its file, sheet, row text cells and column header; a sheet
    with a plan column and an actual column gives one :class:`Comparison` per row. Text files: every number with
    the words of its sentence.

    Example:
        >>> values, rows = labelled_values("spend.csv", b"Site,Plan,Actual\\nNorth,1200,1350\\n")
        >>> [(v.value, v.label) for v in values][:1], [(c.subject, c.direction) for c in rows]
        ([(1200.0, 'spend North Plan')], [('North', 'above')])
    """
    stem = re.sub(r"[_\-.]+", " ", name.rsplit(".", 1)[0])
    values: list[SourceValue] = []
    comparisons: list[Comparison] = []
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm", ".csv")):
        if lower.endswith(".csv"):
            import csv
            import io

            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"))))
            grids = {"": {r: {c: _cell(v) for c, v in enumerate(row)} for r, row in enumerate(rows)}}
        else:
            grids = {}
            for sheet, cells in evaluate_workbook(data).items():
                grid: dict[int, dict[int, object]] = {}
                for coord, value in cells.items():
                    m = re.match(r"([A-Z]+)(\d+)$", coord)
                    if m is None:
                        continue
                    col = 0
                    for ch in m.group(1):
                        col = col * 26 + ord(ch) - 64
                    grid.setdefault(int(m.group(2)), {})[col] = value
                grids[sheet] = grid
        for sheet, grid in grids.items():
            _grid_values(stem, sheet, grid, values, comparisons)
        return values, comparisons
    try:
        text = extract_text(name, data, max_chars=400_000)
    except OfficeError:
        return [], []
    for sentence in _sentences(text):
        for stated in _stated_numbers(sentence):
            for r in stated.readings:
                values.append(SourceValue(r, f"{stem} {sentence[:200]}", name))
    return values, comparisons


def _cell(text: str) -> object:
    try:
        return float(text.replace(",", "")) if re.fullmatch(r"-?[\d,]*\.?\d+", text.strip()) else text
    except ValueError:
        return text


def _grid_values(
    stem: str, sheet: str, grid: Mapping[int, Mapping[int, object]], values: list[SourceValue], rows: list[Comparison]
) -> None:
    header: dict[int, str] = {}
    plan_col = actual_col = None
    for r in sorted(grid):
        row = grid[r]
        texts = {c: str(v) for c, v in row.items() if isinstance(v, str) and v.strip()}
        numbers = {c: float(v) for c, v in row.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        if not header and len(texts) >= 2 and not numbers:
            header = texts
            plan_col = next((c for c, h in header.items() if _PLAN_HEAD.search(h)), None)
            actual_col = next((c for c, h in header.items() if _ACTUAL_HEAD.search(h)), None)
            continue
        row_label = " ".join(texts[c] for c in sorted(texts))
        for c, v in numbers.items():
            label = f"{stem} {sheet} {row_label} {header.get(c, '')}".strip()
            values.append(SourceValue(v, re.sub(r"\s+", " ", label), f"{stem} {sheet}", row_label))
        if plan_col in numbers and actual_col in numbers and plan_col is not None and actual_col is not None:
            subject = texts[min(texts)] if texts else ""
            rows.append(Comparison(subject, numbers[actual_col], numbers[plan_col], f"{stem} ({sheet or 'sheet'})"))


def _slides(data: bytes, name: str) -> list[str]:
    from ..office import open_pptx

    prs = open_pptx(data, name)
    out: list[str] = []
    for slide in prs.slides:
        parts = [shape.text_frame.text for shape in slide.shapes if getattr(shape, "has_text_frame", False)]
        out.append("\n".join(p for p in parts if p.strip()))
    return out


def _mail(disk: VirtualDisk, folder: str) -> list[tuple[email.message.Message, str]]:
    out: list[tuple[email.message.Message, str]] = []
    if not disk.is_dir(folder):
        return out
    for info in sorted(disk.walk(folder), key=lambda i: i.path):
        if info.is_dir or not info.path.lower().endswith(".eml"):
            continue
        msg = email.message_from_bytes(disk.read_bytes(info.path), policy=email.policy.default)
        body = ""
        for part in msg.walk():
            if part.get_content_type() == "text/plain" and not part.get_filename():
                payload = part.get_payload(decode=True)
                body += payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
        out.append((msg, body))
    return out


def _when(msg: email.message.Message) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(str(msg["Date"]))
    except (TypeError, ValueError):
        return None


def _reviews(
    disk: VirtualDisk, deliverables: Iterable[Deliverable], addresses: Mapping[str, str], sent: str, inbox: str
) -> list[ReviewThread]:
    sent_mail = _mail(disk, sent)
    received = _mail(disk, inbox)
    threads: list[ReviewThread] = []
    for d in deliverables:
        name = d.path.rsplit("/", 1)[-1].casefold()
        for check in d.acceptance_checks:
            if not isinstance(check, SentTo):
                continue
            address = addresses.get(check.collaborator, "")
            key = re.sub(r"[^a-z]", "", check.collaborator.casefold())

            def is_them(addr: str, who: str, address: str = address, key: str = key) -> bool:
                return addr == address if address else re.sub(r"[^a-z]", "", who.casefold()) == key

            carrying: list[tuple[email.message.Message, str]] = []
            for msg, body in sent_mail:
                people = email.utils.getaddresses([str(v) for k in ("To", "Cc") for v in (msg.get_all(k) or [])])
                attached = {(p.get_filename() or "").casefold() for p in msg.walk() if p.get_filename()}
                if name in attached and any(is_them(a.lower(), n) for n, a in people):
                    carrying.append((msg, body))
            first = min((t for t in (_when(m) for m, _ in carrying) if t is not None), default=None)
            ids = {str(m["Message-ID"] or "") for m, _ in carrying}
            subjects = {str(m["Subject"] or "").casefold() for m, _ in carrying}
            answered = False
            for msg, _body in received:
                who = email.utils.getaddresses([str(msg["From"] or "")])
                if not who or not is_them(who[0][1].lower(), who[0][0]):
                    continue
                replying = str(msg["In-Reply-To"] or "") in ids or any(
                    str(msg["Subject"] or "").casefold().endswith(s) for s in subjects if s
                )
                at = _when(msg)
                if replying and (first is None or at is None or at >= first):
                    answered = True
            sent_texts = tuple(f"{m['Subject'] or ''}\n{body}" for m, body in carrying)
            threads.append(ReviewThread(d.path, check.collaborator, sent_texts, answered))
    return threads


_VERSION_WORDS = re.compile(
    r"\b(?:v\d+|final|old|draft|copy|backup|bak|restated|\d{4}(?:-\d{2}){0,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|q[1-4])\b",
    re.IGNORECASE,
)


def _version_stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0].replace("_", " ")
    return re.sub(r"[\s\-()]+", " ", _VERSION_WORDS.sub(" ", stem)).strip().casefold()


def _older_versions(disk: VirtualDisk, grounding: Sequence[str]) -> list[str]:
    """Other versions of the grounding workbooks in their folders (same name once dates and versions are out)."""
    out: list[str] = []
    for path in grounding:
        if not path.lower().endswith((".xlsx", ".csv")):
            continue
        folder, _, name = path.rpartition("/")
        stem = _version_stem(name)
        if not stem or not folder or not disk.is_dir(folder):
            continue
        for info in disk.list(folder):
            other = info.path.rsplit("/", 1)[-1]
            if info.is_dir or other == name or other.rsplit(".", 1)[-1] != name.rsplit(".", 1)[-1]:
                continue
            if _version_stem(other) == stem and info.path not in grounding:
                out.append(info.path)
    return out[:3]


def deliverable_evidence(
    disk: VirtualDisk,
    deliverable: Deliverable,
    objective_grounding: Sequence[str] = (),
    *,
    _sources: Callable[[str], tuple[list[SourceValue], list[Comparison]]] | None = None,
) -> DeliverableEvidence | None:
    """What the detectors see of one deliverable on ``disk`` (None when its file is missing or does not open):
    its text and slides, the labelled numbers and actual-vs-plan rows of its grounding files (and its objective's),
    older versions of those files, its collaborators' facts and questions, and the word count it was asked for."""

    def read(path: str) -> tuple[list[SourceValue], list[Comparison]]:
        try:
            data = disk.read_bytes(path) if disk.is_file(path) else b""
            return labelled_values(path.rsplit("/", 1)[-1], data) if data else ([], [])
        except (OfficeError, ValueError, KeyError):
            return [], []

    sources_of = _sources or read
    d = deliverable
    if not disk.is_file(d.path):
        return None
    data = disk.read_bytes(d.path)
    name = d.path.rsplit("/", 1)[-1]
    try:
        text = extract_text(name, data, max_chars=400_000)
        slides = _slides(data, name) if d.kind == "pptx" else []
    except OfficeError:
        return None  # a file that does not open fails its checks already
    sources: list[SourceValue] = []
    comparisons: list[Comparison] = []
    for path in dict.fromkeys([*d.grounding_files, *objective_grounding]):
        v, c = sources_of(path)
        sources += v
        comparisons += c
    stale: list[SourceValue] = []
    for path in _older_versions(disk, d.grounding_files):
        stale += sources_of(path)[0]
    words = [c.count for c in d.acceptance_checks if isinstance(c, MinWords)]
    return DeliverableEvidence(
        path=d.path,
        kind=d.kind,
        text=text,
        slides=slides,
        min_words=max(words) if words else None,
        sources=sources,
        comparisons=comparisons,
        facts=[c.value for c in d.acceptance_checks if isinstance(c, StatesFact)],
        questions=[c.question for c in d.collaborator_inputs],
        stale_sources=stale,
    )


def assess_gaming(
    disk: VirtualDisk,
    plan: ObjectivePlan,
    *,
    addresses: Mapping[str, str] | None = None,
    sent_folder: str = "Mail/Sent",
    inbox: str = "Mail/Inbox",
) -> GamingReport:
    """Run the detectors on every deliverable of ``plan`` that exists on ``disk`` (the end state).

    Sources are each deliverable's grounding files and its objective's; facts are its ``states_fact`` values; review
    threads come from its ``sent_to`` checks and the mail folders. ``addresses`` maps collaborator identifiers to
    addresses (``collaborator_addresses``); without it a reviewer matches by name.
    """
    cache: dict[str, tuple[list[SourceValue], list[Comparison]]] = {}

    def sources_of(path: str) -> tuple[list[SourceValue], list[Comparison]]:
        if path not in cache:
            try:
                data = disk.read_bytes(path) if disk.is_file(path) else b""
                cache[path] = labelled_values(path.rsplit("/", 1)[-1], data) if data else ([], [])
            except (OfficeError, ValueError, KeyError):
                cache[path] = ([], [])
        return cache[path]

    items: list[DeliverableEvidence] = []
    for objective in plan.objectives:
        for d in objective.deliverables:
            item = deliverable_evidence(disk, d, objective.grounding_files, _sources=sources_of)
            if item is not None:
                items.append(item)
    reviews = _reviews(disk, plan.deliverables(), addresses or {}, sent_folder, inbox)
    return detect_gaming(items, reviews)
