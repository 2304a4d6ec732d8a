"""Reading deliverables the way a careful reviewer does: same thing in other words, facts asserted in one statement,
numbers under the label they belong to.

* :func:`concept_matches`: a heading, sheet or column names the same thing in other words ("Overview" for
  "Summary", "Actions" for "Next steps", "The numbers" for "Key figures");
* :func:`statements`: a text cut into statements (sentences, list items, table rows);
* :func:`fact_statement`: the statement asserting a fact (its key entities and value together, dates in any
  common written form, paraphrase allowed), never a run of dates or numbers with no claim, never one that states
  the fact the other way round;
* :func:`reverses`: a statement that says the opposite of a decision ("we keep the Harbour site" for "Harbour site
  will be dropped", or "will not be dropped");
* :func:`quoted_near_label`: a number stated in a statement whose words agree with the source's label for it.

Example:
    >>> concept_matches("Next steps", "What happens next"), concept_matches("Summary", "Risks")
    (True, False)
    >>> fact_statement("Scope is unchanged. The audit moved to 23 January 2026.", "audit on 2026-01-23")
    'The audit moved to 23 January 2026.'
    >>> fact_statement("Key dates: 2026-01-21, 2026-01-22, 2026-01-23, 2026-01-26, 2026-01-27", "2026-01-23") is None
    True
    >>> fact_statement("We will keep the Harbour site for now.", "Harbour site will be dropped") is None
    True
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ._evidence import _matches, _parse_at, norm, parse_signed

if TYPE_CHECKING:
    from ._evidence import DeliverableFile

__all__ = [
    "concept_matches",
    "content_words",
    "dates_in",
    "decision_verbs",
    "fact_statement",
    "label_of",
    "quoted_near_label",
    "reverses",
]

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "our",
        "your",
        "their",
        "my",
        "we",
        "you",
        "they",
        "he",
        "she",
        "key",
        "main",
        "new",
        "our",
        "per",
        "vs",
        "via",
        "into",
        "over",
        "under",
        "about",
        "than",
        "then",
        "also",
        "all",
        "any",
        "each",
        "other",
        "more",
        "most",
        "less",
        "very",
        "just",
        "not",
        "no",
        "yes",
        "up",
        "out",
        "off",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "when",
        "where",
        "why",
    ]
)
_GENERIC = frozenset({"total", "sum", "value", "amount", "figure", "number", "count", "grand", "overall"})
_CONCEPTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "summary overview synopsis highlight glance headline bottom tldr abstract executive recap",
        "figure number metric kpi statistic stat total amount value quantity count numbers figures",
        "step action next follow forward todo plan planned upcoming",
        "risk issue concern threat exposure problem",
        "background context situation history",
        "recommendation recommend proposal propose advice suggested",
        "decision decided decide agreed resolution",
        "timeline schedule date milestone deadline calendar",
        "data detail row record line log register transaction raw breakdown",
        "note comment remark source reference",
        "open pending outstanding unresolved",
        "variance difference gap deviation below above ahead behind short against",
    )
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        )
    )
    for m in names.split()
}
_MONTH_RE = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DATE_FORMS = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?(?:\s+(\d{4}))?\b", re.I),
        ("d", "M", "y"),
    ),
    (re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I), ("M", "d", "y")),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), ("a", "b", "y")),
)


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            stem = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                stem = stem[:-1]  # "planned" -> "plan", "budgeted" stays "budget"
            return stem
    return word


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop words, no numbers)."""
    return {_stem(w) for w in re.findall(r"[^\W\d_]{2,}", norm(text)) if w not in _STOP}


def _concepts(words: set[str]) -> set[str]:
    out = set(words)
    for group in _CONCEPTS:
        stems = {_stem(w) for w in group}
        if words & stems:
            out.add("#" + min(group))
    return out


def concept_matches(required: str, have: str) -> bool:
    """True when ``have`` (a heading, sheet or column name) names what ``required`` names, in any words."""
    want, got = norm(required), norm(have)
    if not want:
        return True
    if want in got:
        return True
    need = content_words(want)
    if not need:
        return False
    have_concepts = _concepts(content_words(got))
    for word in need:
        alternatives = {word} | {"#" + min(g) for g in _CONCEPTS if word in {_stem(w) for w in g}}
        if not alternatives & have_concepts:
            return False
    return True


_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}")


def _cells(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in line.strip().strip("|").split("|")]


def statements(text: str) -> list[str]:
    """The text cut into statements: prose into sentences, list items whole, a table row whole with the headers of
    its numeric columns after it (``"Total 4,661 5,020 (Plan Actual)"``: the column names label its figures)."""
    out: list[str] = []
    header: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            header = None
            continue
        if "\t" in line or line.startswith("|"):
            if _SEPARATOR.match(line):
                continue
            cells = _cells(line)
            numeric = [i for i, c in enumerate(cells) if _parse_at(c) and not content_words(c)]
            if header is None and not numeric:
                header = cells
                out.append(line)
                continue
            named = [header[i] for i in numeric if header is not None and i < len(header)]
            out.append(f"{line} ({' '.join(named)})" if named else line)
            continue
        header = None
        out += [s.strip() for s in re.split(r"(?<=[a-z0-9)%][a-z0-9)%][.!?;])\s+(?=[A-Z0-9\"'(])", line) if s.strip()]
    return out


def dates_in(text: str) -> list[tuple[int, int, int | None]]:
    """(month, day, year or None) of every date written in the text, in any common form (both readings of 01/02)."""
    found: list[tuple[int, int, int | None]] = []
    for pattern, order in _DATE_FORMS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            year = int(parts["y"]) if parts.get("y") else None
            if "M" in parts:
                readings = [(_MONTHS[parts["M"].lower().rstrip(".")], int(parts["d"]))]
            elif "a" in parts:
                a, b = int(parts["a"]), int(parts["b"])
                readings = [(b, a), (a, b)]
            else:
                readings = [(int(parts["m"]), int(parts["d"]))]
            for month, day in readings:
                try:
                    date(year or 2000, month, day)
                except ValueError:
                    continue
                found.append((month, day, year))
    return found


def _same_date(a: tuple[int, int, int | None], b: tuple[int, int, int | None]) -> bool:
    return a[0] == b[0] and a[1] == b[1] and (a[2] is None or b[2] is None or a[2] == b[2])


def _strip_dates(text: str) -> str:
    for pattern, _ in _DATE_FORMS:
        text = pattern.sub(" ", text)
    return text


def _is_dump(statement: str) -> bool:
    """A run of dates or numbers with hardly any words: a candidate list, not a claim."""
    marks = len(dates_in(statement)) + len(_parse_at(_strip_dates(statement)))
    words = len(content_words(_strip_dates(statement)))
    return marks >= 4 and words < 2 * marks


# Decision verbs in opposite pairs, as lower-case word prefixes ("dropp" for dropped/dropping).
_ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset({"drop", "remov", "cut", "clos", "terminat", "cancel", "stop", "discontinu", "exit"}),
        frozenset(
            {"keep", "kept", "stay", "retain", "continu", "maintain", "renew", "extend", "open", "reopen", "expand"}
        ),
    ),
    (frozenset({"approv", "accept", "agree", "sign"}), frozenset({"reject", "declin", "refus", "veto"})),
    (frozenset({"increas", "rais", "grow", "grew"}), frozenset({"decreas", "reduc", "lower", "shrink", "shrank"})),
    (frozenset({"delay", "postpon", "slip", "defer"}), frozenset({"advanc", "brought forward", "accelerat"})),
    (frozenset({"freez", "froze", "paus"}), frozenset({"releas", "resum", "unfreez"})),
)
_NEGATION = frozenset({"not", "never", "no", "won't", "isn't", "aren't", "wasn't", "weren't", "cannot", "can't"})
_NEGATION_REACH = 3  # "will not be dropped": a negation counts within three words before the verb


def _lower_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.casefold().replace("’", "'"))


def _verb_positions(words: list[str], prefixes: frozenset[str]) -> list[int]:
    return [i for i, w in enumerate(words) if any(w.startswith(p) for p in prefixes)]


def _negated(words: list[str], position: int) -> bool:
    return any(w in _NEGATION for w in words[max(0, position - _NEGATION_REACH) : position])


def decision_verbs(text: str) -> list[str]:
    """The words of ``text`` that state a decision one way or the other ("dropped", "keep", "approved")."""
    prefixes = frozenset().union(*(one | other for one, other in _ANTONYMS))
    words = _lower_words(text)
    return [words[i] for i in _verb_positions(words, prefixes)]


def reverses(fact: str, statement: str) -> bool:
    """True when ``statement`` states the decision in ``fact`` the other way round: the opposite verb where the fact
    has one side of a pair ("keep" for "drop"), or the fact's verb negated when the fact's is not ("will not be
    dropped"), and the reverse. A statement with no decision verb of the fact's pairs never reverses it."""
    fw, sw = _lower_words(fact), _lower_words(statement)
    for one, other in _ANTONYMS:
        fact_one, fact_other = _verb_positions(fw, one), _verb_positions(fw, other)
        if bool(fact_one) == bool(fact_other):
            continue  # the fact has no side of this pair (or both)
        mine, theirs = (one, other) if fact_one else (other, one)
        fact_negated = _negated(fw, (fact_one or fact_other)[0])
        says_mine, says_theirs = _verb_positions(sw, mine), _verb_positions(sw, theirs)
        if says_theirs and not says_mine and all(_negated(sw, i) for i in says_theirs) == fact_negated:
            return True  # "keep" for "drop", "will not keep" for "will not drop"
        if says_mine and not says_theirs and all(_negated(sw, i) for i in says_mine) != fact_negated:
            return True  # "will not be dropped" for "will be dropped", and the reverse
    return False


def fact_statement(text: str, fact: str) -> str | None:
    """The first statement of ``text`` that asserts ``fact``: its dates and numbers (same value, any written form)
    and most of its meaningful words (paraphrase allowed), in one sentence or table row; None when there is none."""
    want_dates = dates_in(fact)
    rest = _strip_dates(fact)
    want_numbers = [v for v, _d, _s, _t in _parse_at(rest)]
    want_words = content_words(rest)
    for statement in statements(text):
        if _is_dump(statement):
            continue
        if norm(fact) in norm(statement):
            return statement
        if reverses(fact, statement):
            continue
        have_dates = dates_in(statement)
        if any(not any(_same_date(w, h) for h in have_dates) for w in want_dates):
            continue
        stated = [(v, d) for v, d, _s, _t in _parse_at(_strip_dates(statement))]
        if want_numbers and not any(_matches(w, v, d, 0.0) for w in set(want_numbers) for v, d in stated):
            continue
        if want_words:
            have = content_words(statement)
            share = len(want_words & have) / len(want_words)
            if share < (0.5 if (want_dates or want_numbers) else 0.6):
                continue
        elif not (want_dates or want_numbers):
            continue
        return statement
    return None


def label_of(label: str | None) -> str:
    """A source label in a manager's words: ``'Plan, Total (Summary)'`` -> ``'Plan (total) on the Summary tab'``."""
    if not label:
        return "the headline figure"
    tab = re.search(r"\(([^)]*)\)\s*$", label)
    core = re.sub(r"\s*\([^)]*\)\s*", " ", label).strip() or label
    parts = [p.strip() for p in core.split(",") if p.strip()]
    said = f"{parts[0]} ({parts[1].lower()})" if len(parts) == 2 else core
    return said + (f" on the {tab.group(1)} tab" if tab and len(parts) == 2 else "")


def _label_agrees(label: str, statement: str) -> bool:
    core = re.sub(r"\([^)]*\)", " ", label)
    want = content_words(core) - _GENERIC  # "total", "value": the metric's kind, not what it is about
    have = _concepts(content_words(statement))  # "0.9% below plan" names a variance in other words
    agreeing = [w for w in want if ({w} | {"#" + min(g) for g in _CONCEPTS if w in {_stem(x) for x in g}}) & have]
    if want and len(agreeing) * 2 < len(want):
        return False
    periods = [d for d in dates_in(core)] + [
        (int(m.group(2)), 0, int(m.group(1))) for m in re.finditer(r"\b(\d{4})-(\d{2})\b(?!-)", core)
    ]
    if periods:
        months = {(m, y) for m, _d, y in dates_in(statement)}
        months |= {(int(m.group(2)), int(m.group(1))) for m in re.finditer(r"\b(\d{4})-(\d{2})\b", statement)}
        names = {
            (_MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
            for m in re.finditer(_MONTH_RE + r"\s+(\d{4})", statement, re.I)
        }
        months |= names
        if not any((m, y) in months for m, _d, y in periods):
            return False
    return True


def quoted_near_label(f: DeliverableFile, value: float, tolerance: float, label: str) -> bool:
    """True when a statement of the file states ``value`` and its words agree with ``label`` (entity, metric,
    period), or a workbook row/column carrying the value does."""
    for statement in statements(f.text()):
        numbers = parse_signed(statement)
        if any(_matches(value, v, d, tolerance) for v, d in numbers) and _label_agrees(label, statement):
            return True
    if f.kind == "xlsx":
        for sheet, cells in f.cells().items():
            for coord, cell in cells.items():
                number = isinstance(cell, (int, float)) and not isinstance(cell, bool)
                if number and _matches(value, float(cell), 15, tolerance):  # type: ignore[arg-type]
                    row = re.sub(r"[A-Z]+", "", coord)
                    col = re.sub(r"\d+", "", coord)
                    around = [str(v) for k, v in cells.items() if re.sub(r"[A-Z]+", "", k) == row]
                    around += [
                        str(v)
                        for k, v in cells.items()
                        if re.sub(r"\d+", "", k) == col and re.sub(r"[A-Z]+", "", k) == "1"
                    ]
                    if _label_agrees(label, f"{sheet} " + " ".join(around)):
                        return True
    return False
