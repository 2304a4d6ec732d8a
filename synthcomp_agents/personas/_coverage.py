"""Which of a persona's key nouns a body of text mentions (for stats and the files half of the fidelity test).

Example:
    >>> key_nouns_found(("farmer", "crops", "heavy metal"), "Crop plan 2025: the north field's CROPS; Metal roof")
    {'farmer': False, 'crops': True, 'heavy metal': False}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_CJK_START = 0x2E80


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _forms(word: str) -> set[str]:
    """A word and its plain English plural/singular ("crop"/"crops", "ranch"/"ranches", "family"/"families")."""
    forms = {word}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith("es") and len(word) > 4:
        forms.update({word[:-2], word[:-1]})
    elif word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    else:
        forms.update({word + "s", word + "es"})
        if word.endswith("y"):
            forms.add(word[:-1] + "ies")
    # a possessive mentions the noun ("my mother's care plan", "the farmers' market"): one token to the word pattern
    return forms | {f"{f}'s" for f in forms} | {f"{f}'" for f in forms if f.endswith("s")}


def key_nouns_found(key_nouns: Iterable[str], text: str) -> dict[str, bool]:
    """Return, for each key noun, whether ``text`` mentions it.

    Matching ignores case and accents and accepts a plain plural or singular of the last word; a phrase
    ("heavy metal", "lesson plan") must appear as a phrase. CJK key nouns match as substrings.

    Args:
        key_nouns: Key nouns, e.g. ``Persona.key_nouns``.
        text: Any text, e.g. the concatenated text of a computer's files.

    Returns:
        Key noun -> whether it was found, in the order given.
    """
    folded_words = _WORD.findall(_fold(text))
    words = set(folded_words)
    joined = " " + " ".join(folded_words) + " "
    found: dict[str, bool] = {}
    for noun in key_nouns:
        target = _fold(noun).strip()
        parts = _WORD.findall(target)
        if not parts:
            found[noun] = False
        elif any(ord(ch) >= _CJK_START for ch in target):
            found[noun] = target in _fold(text)
        elif len(parts) == 1:
            found[noun] = bool(_forms(parts[0]) & words)
        else:
            head = " ".join(parts[:-1])
            found[noun] = any(f" {head} {form} " in joined for form in _forms(parts[-1]))
    return found
