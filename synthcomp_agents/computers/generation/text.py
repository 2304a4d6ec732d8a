"""Small text helpers shared by the generation stages: safe file names, capitals, project names from a focus."""

from __future__ import annotations

import re

__all__ = ["MONTHS_ABBR", "cap", "has_sheet_words", "no_sheet_words", "project_name", "safe_name"]

_BAD = re.compile(r'[<>:"|?*/\\]+')
MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CUTS = (
    " back above ",
    " back to ",
    " back under ",
    " and ",
    " for ",
    " after ",
    " with ",
    " ahead of ",
    " before ",
    " during ",
    " under ",
    " between ",
    " across ",
    " to ",
    " from ",
    " against ",
    " in ",
    " at ",
    " on ",
    " by ",
)


def safe_name(name: str, limit: int = 60) -> str:
    """A file-system-safe name of at most ``limit`` characters, cut at a word boundary (never mid-word).

    Example:
        >>> safe_name("Q3 review of supplier ratings", 20)
        'Q3 review of'
        >>> safe_name("Budget: v2/final")
        'Budget- v2-final'
    """
    name = _BAD.sub("-", name).strip().rstrip(". ")
    if len(name) > limit:
        cut = name[: limit + 1]
        space = cut.rfind(" ")
        name = cut[:space] if space >= limit // 2 else name[:limit]
    return name.rstrip(". -,;") or "Untitled"


def cap(text: str) -> str:
    """``text`` with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def project_name(focus: str) -> str:
    """A short project name from a focus phrase ("auditing supplier contracts for 2025" -> "Supplier contracts")."""
    words = focus.split()
    rest = words[1:] if words and words[0].endswith("ing") else words
    if rest and rest[0] in ("out", "up", "down", "through", "off", "over", "back"):
        rest = rest[1:]
    if len(rest) > 2 and rest[0] in ("for", "to", "on", "into", "onto", "with", "about"):
        rest = rest[1:]  # "applying for a farm equipment loan" -> "farm equipment loan", "revising for exams"
    phrase = " ".join(rest)
    phrase = re.sub(r"\b(\w+) by \1\b", "", phrase).strip()  # "yields field by field" -> "yields"
    phrase = re.sub(r"^(track|care|stock) of (the )?", "", phrase)  # "keeping track of medical appointments"
    phrase = re.sub(r"^(this|next|last) (year|season|term|month)'s\s+", "", phrase)
    for cut in _CUTS:
        head = phrase.split(cut)[0]
        if cut in phrase and len(head.split()) >= 2:
            phrase = head
            break
    phrase = re.sub(r"^(the|a|an|our|its|their)\s+", "", phrase)
    phrase = re.sub(r"\bspreadsheet", "sheet", re.sub(r"\bworkbook", "model", phrase, flags=re.I), flags=re.I)
    words = phrase.split()[:6]
    while len(words) > 2 and re.fullmatch(r"[\d.,%]+|above|below|under|to|by|of|the|a|per", words[-1]):
        words.pop()  # cut mid-phrase: "... back above 90" is no name
    return safe_name(cap(" ".join(words)), 48)


_SHEET_WORDS = re.compile(r"\b(spreadsheet|workbook)(s?)\b", re.IGNORECASE)


def has_sheet_words(text: str) -> bool:
    """Whether :func:`no_sheet_words` would change ``text`` (it says "spreadsheet" or "workbook")."""
    return _SHEET_WORDS.search(text) is not None


def no_sheet_words(text: str, keep: list[str]) -> str:
    """Keep ordinary e-mails from reading as spreadsheet e-mails (only ~10% of real e-mails do); file names stay."""
    if not _SHEET_WORDS.search(text):
        return text
    masked: dict[str, str] = {}
    for i, name in enumerate(keep):
        if name in text:
            token = f"\x00{i}\x00"
            masked[token] = name
            text = text.replace(name, token)
    text = _SHEET_WORDS.sub(lambda m: "file" + m.group(2), text)
    for token, name in masked.items():
        text = text.replace(token, name)
    return text
