"""Acceptance checks on a registry: each check class describes itself and evaluates itself.

A check is data (a model can write it into ``objectives.json``) and behaviour:

* :meth:`Check.brief` is how a manager would ask for it in the worker's brief: what matters, never the literal text
  or the threshold the program compares against (:meth:`Check.secrets` lists those, and a test keeps them out of
  everything the worker is told);
* :meth:`Check.evaluate` decides it on the end-state disk (:class:`CheckContext`) and says why in plain words;
* :meth:`Check.asks` and :meth:`Check.reviewer` say what the simulated people must supply (a fact, a review);
* ``weight`` and ``critical`` say how much it counts in an objective's score (critical ones gate the objective).

Classes register themselves by their ``type``; :data:`CHECK_TYPES` maps a type to its class. Adding a check is a
class here (or in any imported module) plus its entry in ``AcceptanceCheck`` (the union ``objectives.json`` is
parsed with).

Example:
    >>> from synthcomp_agents.disk import VirtualDisk
    >>> check = MinWords(count=180)
    >>> check.brief("md"), "180 words" in check.secrets()
    ('Length: about a page.', True)
    >>> sorted(CHECK_TYPES)[:3]
    ['exists', 'has_columns', 'has_headings']
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..office import OfficeError
from ._evidence import (
    DeliverableFile,
    SentMail,
    _fmt,
    _header_row,
    _is_recipient,
    _listing,
    _matches,
    _workbook_rows,
    norm,
)
from ._matching import concept_matches, fact_statement, label_of, quoted_near_label

if TYPE_CHECKING:
    from ._plan import Deliverable

__all__ = [
    "CHECK_TYPES",
    "Check",
    "CheckContext",
    "CheckResult",
    "FileExists",
    "HasColumns",
    "HasHeadings",
    "HasSheets",
    "Mentions",
    "MinSlides",
    "MinWords",
    "QuotesValue",
    "SentTo",
    "StatesFact",
]


class CheckResult(BaseModel):
    """The outcome of one acceptance check, with a plain-words explanation and how much it counts."""

    model_config = ConfigDict(frozen=True)

    check_type: str
    passed: bool
    detail: str
    weight: float = 1.0
    critical: bool = False


@dataclass
class CheckContext:
    """What a check may read: the deliverable, its file (None when missing or unopenable) and the user's mail."""

    deliverable: Deliverable
    file: DeliverableFile | None
    unavailable: str = ""  # why the file cannot be checked ("" when it opens)
    data: bytes | None = None
    sent_mail: Callable[[], Sequence[SentMail]] = field(default=lambda: [])
    addresses: Mapping[str, str] = field(default_factory=dict)
    received_mail: Callable[[], Sequence[SentMail]] = field(default=lambda: [])
    reviewers_offline: bool = False  # nobody can answer a review request (a Harbor container)


CHECK_TYPES: dict[str, type[Check]] = {}
"""Every registered check class by its ``type``."""


class Check(BaseModel):
    """Base of every acceptance check (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    weight: ClassVar[float] = 1.0
    critical: ClassVar[bool] = False
    needs_file: ClassVar[bool] = True

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        kind = cls.model_fields.get("type")
        if kind is not None and isinstance(kind.default, str):
            CHECK_TYPES[kind.default] = cls

    @property
    def kind(self) -> str:
        """The check's type name."""
        return str(getattr(self, "type", type(self).__name__))

    def brief(self, deliverable_kind: str) -> str | None:
        """The line of the worker's brief asking for this, in a manager's words (None: nothing to say)."""
        del deliverable_kind
        return None

    def secrets(self) -> list[str]:
        """Literal texts and thresholds the program compares against; none may reach the worker."""
        return []

    def asks(self) -> list[tuple[str, str]]:
        """(collaborator, topic) the worker must learn from a colleague for this check."""
        return []

    def reviewer(self) -> str | None:
        """The collaborator who must review the deliverable (None: no review)."""
        return None

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        """Decide the check on an available file (``ctx.file`` is not None)."""
        raise NotImplementedError

    def result(self, passed: bool, detail: str) -> CheckResult:
        """A result of this check."""
        return CheckResult(
            check_type=self.kind, passed=passed, detail=detail, weight=self.weight, critical=self.critical
        )

    def run(self, ctx: CheckContext) -> CheckResult:
        """Evaluate with the common failure modes handled: a missing or unreadable file fails with the reason."""
        if self.needs_file and ctx.file is None:
            return self.result(False, ctx.unavailable or f"{ctx.deliverable.path} does not exist")
        try:
            return self.evaluate(ctx)
        except (OfficeError, ValueError, UnicodeDecodeError, csv.Error) as exc:
            return self.result(False, f"{ctx.deliverable.path} could not be read: {exc}")


_KIND_FORMS = {
    "docx": "a Word document",
    "xlsx": "a workbook",
    "pptx": "a deck",
    "pdf": "a PDF",
    "md": "notes in Markdown",
    "csv": "a CSV table",
    "eml": "an e-mail",
    "txt": "a text file",
}


class FileExists(Check):
    """The deliverable exists at its path and is a valid file of its kind (opens in its library)."""

    type: Literal["exists"] = "exists"
    weight: ClassVar[float] = 2.0
    critical: ClassVar[bool] = True
    needs_file: ClassVar[bool] = False

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        path = ctx.deliverable.path
        if ctx.file is None:
            return self.result(False, ctx.unavailable or f"{path} does not exist")
        error = ctx.file.open_error()
        if error:
            return self.result(False, f"{path} exists but does not open: {error}")
        return self.result(True, f"{path} exists and opens as {ctx.deliverable.kind}")


class HasHeadings(Check):
    """A document (docx/md/pdf/pptx) has a section for each of these topics.

    A heading counts when it names the same thing in other words ("Overview" for "Summary", "Actions" for "Next
    steps"): what is checked is the structure, not the wording.
    """

    type: Literal["has_headings"] = "has_headings"
    headings: list[str] = Field(min_length=1)

    def brief(self, deliverable_kind: str) -> str | None:
        parts = [_SECTION_WORDS.get(norm(h), f"a part on {h.lower()}") for h in self.headings]
        return "Shape: " + "; ".join(parts) + "."

    def secrets(self) -> list[str]:
        return [" ; ".join(self.headings), ", ".join(self.headings), *[h for h in self.headings if " " in h.strip()]]

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        found = ctx.file.headings()
        return self.result(*_named_parts(self.headings, found, "heading", "the file's headings", "section"))


def _named_parts(wanted: list[str], found: list[str], what: str, where: str, part: str) -> tuple[bool, str]:
    """Whether every wanted part (a heading, a sheet) is among ``found`` in any words, and the audit line."""
    missing = [w for w in wanted if not any(concept_matches(w, have) for have in found)]
    if missing:
        return False, f"missing {what}(s) {_listing(missing)} (in any words); {where} are {_listing(found)}"
    return True, f"has a {part} for each of {_listing(wanted)}"


_SECTION_WORDS = {
    "summary": "the bottom line first",
    "executive summary": "the bottom line first",
    "key figures": "then the numbers that matter",
    "figures": "then the numbers that matter",
    "next steps": "close with what happens next",
    "risks": "what could go wrong",
    "background": "the context",
    "recommendation": "what you recommend",
    "recommendations": "what you recommend",
    "decisions": "what was decided",
    "timeline": "the dates ahead",
    "open points": "what is still open",
}


class HasSheets(Check):
    """A workbook has a sheet for each of these purposes (a sheet named in other words counts)."""

    type: Literal["has_sheets"] = "has_sheets"
    sheets: list[str] = Field(min_length=1)

    def brief(self, deliverable_kind: str) -> str | None:
        parts = [_SHEET_WORDS.get(norm(s), f"a tab for {s.lower()}") for s in self.sheets]
        return "Shape: " + "; ".join(parts) + "."

    def secrets(self) -> list[str]:
        return [" ; ".join(self.sheets), ", ".join(self.sheets)] if len(self.sheets) > 1 else []

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        if ctx.file.kind != "xlsx":
            return self.result(False, f"a {ctx.file.kind} file has no sheets")
        names = ctx.file.sheet_names()
        return self.result(*_named_parts(self.sheets, names, "sheet", "the workbook's sheets", "sheet"))


_SHEET_WORDS = {
    "summary": "an overview tab up front",
    "data": "the underlying rows behind it",
    "notes": "a tab for notes and sources",
}


class HasColumns(Check):
    """A workbook sheet (or a csv) has these column headers in its first row."""

    type: Literal["has_columns"] = "has_columns"
    sheet: str | None = Field(default=None, description="Sheet name; the first sheet if omitted.")
    columns: list[str] = Field(min_length=1)

    def brief(self, deliverable_kind: str) -> str | None:
        return "Columns: one labelled column per quantity, a header row on top."

    def secrets(self) -> list[str]:
        return [" ; ".join(self.columns), ", ".join(self.columns)] if len(self.columns) > 1 else []

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        f = ctx.file
        assert f is not None
        where = "the csv"
        if f.kind == "csv":
            header = _header_row(csv.reader(io.StringIO(f.data.decode("utf-8-sig", errors="replace"))))
        elif f.kind == "xlsx":
            names = f.sheet_names()
            wanted = self.sheet
            sheet = next((n for n in names if wanted and concept_matches(wanted, n)), None)
            if wanted and sheet is None:
                return self.result(False, f"no sheet {wanted!r}; the workbook's sheets are {_listing(names)}")
            sheet = sheet or names[0]
            where = f"sheet {sheet!r}"
            header = _header_row(_workbook_rows(f.cells().get(sheet, {})))
        else:
            return self.result(False, f"a {f.kind} file has no columns")
        missing = [c for c in self.columns if not any(concept_matches(c, h) for h in header)]
        if missing:
            return self.result(
                False, f"{where} lacks column(s) {_listing(missing)}; its header row is {_listing(header)}"
            )
        return self.result(True, f"{where} has column(s) {_listing(self.columns)}")


class MinSlides(Check):
    """A deck has at least this many slides."""

    type: Literal["min_slides"] = "min_slides"
    count: int = Field(ge=1, le=200)
    weight: ClassVar[float] = 0.5

    def brief(self, deliverable_kind: str) -> str | None:
        size = "a short deck" if self.count <= 6 else "a full deck"
        return f"Length: {size}, one message per slide."

    def secrets(self) -> list[str]:
        return [f"{self.count} slides", f"Slides: {self.count}", f"at least {self.count}"]

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        if ctx.file.kind != "pptx":
            return self.result(False, f"a {ctx.file.kind} file has no slides")
        n = ctx.file.slide_count()
        return self.result(n >= self.count, f"{n} slide(s); at least {self.count} required")


class MinWords(Check):
    """The deliverable's text has at least this many words."""

    type: Literal["min_words"] = "min_words"
    count: int = Field(ge=1, le=50_000)
    weight: ClassVar[float] = 0.5

    def brief(self, deliverable_kind: str) -> str | None:
        return "Length: about a page." if self.count <= 450 else "Length: a few pages."

    def secrets(self) -> list[str]:
        return [f"{self.count} words", f"Words: {self.count}", f"at least {self.count}"]

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        n = len(re.findall(r"\w+(?:['’-]\w+)*", ctx.file.text()))
        return self.result(n >= self.count, f"{n} word(s); at least {self.count} required")


def _context(f: DeliverableFile, phrase: str) -> str:
    text = f.norm_text()
    at = text.find(phrase)
    return text[max(at - 40, 0) : at + len(phrase) + 40]


class Mentions(Check):
    """The deliverable's text mentions this phrase (case-insensitive), e.g. a supplier or a decision."""

    type: Literal["mentions"] = "mentions"
    text: str = Field(min_length=1)

    def brief(self, deliverable_kind: str) -> str | None:
        return f"Topic: {self.text}."

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        phrase = norm(self.text)
        if phrase in ctx.file.norm_text():
            return self.result(True, f"mentions {self.text!r}: \u2026{_context(ctx.file, phrase)}\u2026")
        return self.result(False, f"the text never mentions {self.text!r}")


class QuotesValue(Check):
    """Grounding: the deliverable states a number that a grounding file computes, under a label that agrees.

    ``locator`` is ``"Sheet!B7"`` for a workbook cell (the computed value of its formula) or a short label for
    other files. ``value`` is the number as the source computes it; the deliverable passes when it states a number
    equal to it within ``tolerance`` or rounded to the precision it is written with (``1.47m``, ``-0.9%`` for
    -0.009439), and the words around that number share the label's meaning (``label``: the source's row/column
    headers, e.g. ``Plan, Total (Summary)``). A number under an unrelated label does not count.
    """

    type: Literal["quotes_value"] = "quotes_value"
    source: str = Field(description="Home-relative path of the grounding file.")
    locator: str = Field(description="Where the number lives, e.g. 'By supplier!B7'.")
    value: float
    label: str | None = Field(default=None, description="What the number is, e.g. 'Q1 total spend (EUR)'.")
    tolerance: float = Field(default=0.005, ge=0, le=0.5)
    weight: ClassVar[float] = 2.0

    def brief(self, deliverable_kind: str) -> str | None:
        return f"Figures: {label_of(self.label)}, from ~/{self.source}"

    def secrets(self) -> list[str]:
        out = [self.locator, f"{self.locator.rsplit('!', 1)[-1]}"] if "!" in self.locator else [self.locator]
        out.append(_fmt(self.value))
        if self.label and "(" in self.label:  # a label the setter built from the cell's headers
            out.append(self.label)
        return [s for s in out if len(s) >= 3]

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        f = ctx.file
        assert f is not None
        label = f"{self.label} " if self.label else ""
        expected = f"{label}{_fmt(self.value)} from {self.source} ({self.locator}) within {self.tolerance:.2%}"
        stated = f.stated_numbers()
        hits = [(v, d) for v, d in stated if _matches(self.value, v, d, self.tolerance)]
        if hits:
            if self.label is None or quoted_near_label(f, self.value, self.tolerance, self.label):
                return self.result(True, f"states {expected}")
            return self.result(
                False, f"states {_fmt(self.value)} but never under a label like {label_of(self.label)!r} ({expected})"
            )
        values = list(dict.fromkeys(v for v, _ in stated))
        if not values:
            return self.result(False, f"expected {expected}; it states no numbers")
        closest = min(values, key=lambda v: abs(v - self.value))
        shown = _listing([_fmt(v) for v in values]).replace("'", "")
        return self.result(
            False, f"expected {expected}; it states {len(values)} number(s): {shown} (closest {_fmt(closest)})"
        )


class StatesFact(Check):
    """The deliverable asserts a fact that only a collaborator knows (it is not on the disk).

    It passes when one sentence or table row carries the fact's key entities and value (paraphrase is fine, dates
    in any common written form); a value hidden in a run of dates or numbers with no claim does not count.
    """

    type: Literal["states_fact"] = "states_fact"
    collaborator: str = Field(description="Collaborator identifier.")
    topic: str
    value: str = Field(min_length=1, description="The phrase or number that must appear, e.g. '14 May'.")
    weight: ClassVar[float] = 2.0

    def brief(self, deliverable_kind: str) -> str | None:
        return f"People: {self.collaborator} knows the latest on {brief_topic(self.topic)}; it is on no file."

    def secrets(self) -> list[str]:
        return [self.value]

    def asks(self) -> list[tuple[str, str]]:
        return [(self.collaborator, self.topic)]

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        assert ctx.file is not None
        about = f"{self.topic!r} from {self.collaborator}"
        statement = fact_statement(ctx.file.text(), self.value)
        if statement:
            return self.result(True, f"states {self.value!r} ({about}): \u2026{statement[:160]}\u2026")
        return self.result(
            False, f"does not state {self.value!r}, the fact on {about}, in a sentence (not on the disk; ask them)"
        )


_APPROVAL = re.compile(
    r"\b(approved?|approve it|looks good|fine to submit|ok to submit|good to go|lgtm|no (?:further )?comments|"
    r"sign(?:ed)? off)\b",
    re.I,
)
_CHANGES = re.compile(
    r"\b(please (?:add|change|fix|update|correct)|missing|wrong|not right|needs? (?:to|a|an))\b", re.I
)


class SentTo(Check):
    """The deliverable went to this collaborator for review and the review loop closed.

    Reviewed means: a mail to them carried the file, and their answer came back (a reply in the thread); when the
    answer asked for changes, they were answered afterwards (the file changed since the version they saw, or a
    later mail went back to them). A file mailed "fyi" with no answer is not reviewed.
    """

    type: Literal["sent_to"] = "sent_to"
    collaborator: str
    needs_file: ClassVar[bool] = False

    def brief(self, deliverable_kind: str) -> str | None:
        return f"Review: {self.collaborator} reviews it before you submit."

    def reviewer(self) -> str | None:
        return self.collaborator

    def evaluate(self, ctx: CheckContext) -> CheckResult:
        deliverable = ctx.deliverable
        address = ctx.addresses.get(self.collaborator)
        sent_mail = ctx.sent_mail()
        name = deliverable.path.rsplit("/", 1)[-1]
        who = f"{self.collaborator} <{address}>" if address else self.collaborator
        to_them = [m for m in sent_mail if _is_recipient(m, self.collaborator, address)]
        carrying = [m for m in to_them if any(a.casefold() == name.casefold() for a, _ in m.attachments)]
        if not to_them:
            return self.result(False, f"no mail in the sent folder goes to {who} ({len(sent_mail)} sent in all)")
        if not carrying:
            attached = sorted({a for m in to_them for a, _ in m.attachments})
            return self.result(
                False,
                f"{len(to_them)} mail(s) went to {who} but none attaches {name!r}; they attach {_listing(attached)}",
            )
        digest = hashlib.sha256(ctx.data).hexdigest() if ctx.data is not None else None
        sent = f"sent to {who} in {len(carrying)} mail(s), e.g. {carrying[-1].subject!r}"
        ids = {m.message_id for m in carrying if m.message_id}
        subjects = {_thread(m.subject) for m in carrying}
        replies = sorted(
            (
                m
                for m in ctx.received_mail()
                if _is_sender(m, self.collaborator, address)
                and (m.in_reply_to in ids or _thread(m.subject) in subjects)
            ),
            key=lambda m: m.timestamp,
        )
        if not replies and ctx.reviewers_offline:
            return self.result(True, f"{sent} (reviewers cannot answer here)")
        if not replies:
            return self.result(False, f"{sent}, but no review came back from them (a mail with no answer is no review)")
        last = replies[-1]
        if _APPROVAL.search(last.body) and not _CHANGES.search(last.body):
            return self.result(True, f"{sent}; they approved it ({last.subject!r})")
        seen = {h for m in carrying if m.timestamp <= last.timestamp for _a, h in m.attachments}
        revised = digest is not None and digest not in seen
        answered = any(m.timestamp > last.timestamp for m in to_them)
        if revised or answered:
            how = "the file was revised after their comments" if revised else "their comments were answered by mail"
            return self.result(True, f"{sent}; they commented ({last.subject!r}) and {how}")
        return self.result(False, f"{sent}; they asked for changes ({last.subject!r}) and nothing answered them")


def _thread(subject: str) -> str:
    return re.sub(r"^(?:\s*(?:re|aw|fw|fwd|wg)\s*:\s*)+", "", subject, flags=re.I).strip().casefold()


def _is_sender(mail: SentMail, collaborator: str, address: str | None) -> bool:
    probe = SentMail(mail.path, mail.subject, (mail.sender,))
    return bool(mail.sender[1]) and _is_recipient(probe, collaborator, address)


_TOPIC_ASPECTS = {
    "decision": "the decision on {subject}",
    "decisions": "the decisions on {subject}",
    "figures": "the current figures for {subject}",
    "deadline": "the deadline for {subject}",
    "deadlines": "the deadlines for {subject}",
}


def brief_topic(topic: str) -> str:
    """A plan topic ('Trial master file: decision') in a manager's words ('the decision on the trial master file').

    The brief names what to ask about in words, never the plan's topic string; the words keep the topic's own words
    (subject and aspect), so a colleague still knows what is meant.

    Example:
        >>> brief_topic("Trial master file: decision"), brief_topic("Q1 spend: pricing"), brief_topic("team")
        ('the decision on the trial master file', 'the pricing for Q1 spend', 'team')
    """
    subject, sep, aspect = topic.rpartition(":")
    subject, aspect = subject.strip(), aspect.strip()
    if not sep or not subject or not aspect:
        return topic.strip()
    if subject[:1].isupper() and subject[1:2].islower():  # "Trial master file", not "Q1 spend" or "IT budget"
        subject = "the " + subject[0].lower() + subject[1:]
    pattern = _TOPIC_ASPECTS.get(aspect.casefold(), "the {aspect} for {subject}")
    return pattern.format(subject=subject, aspect=aspect[0].lower() + aspect[1:])


def brief_form(deliverable_kind: str) -> str:
    """The expected form of a deliverable kind in a manager's words ('a Word document')."""
    return _KIND_FORMS.get(deliverable_kind, f"a {deliverable_kind} file")
