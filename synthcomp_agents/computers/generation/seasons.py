"""A project named for a season is in that season: "Spring tour dates" whose shows fall in October and November
(in Seattle) is the "Autumn tour dates"; in Melbourne the same months are spring and the name stays.

The name follows the days the project's events fall on (its shows, its concerts, its nights at the merch table),
in the user's hemisphere; a name without a season word is left as it is.

Example:
    >>> from datetime import date
    >>> season_named("Spring tour dates", [date(2025, 10, 3), date(2025, 11, 8)], "US")
    'Fall tour dates'
    >>> season_named("Spring tour dates", [date(2025, 10, 3), date(2025, 11, 8)], "AU")
    'Spring tour dates'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from ..archetypes import season_of

__all__ = ["season_named", "season_word"]

_SEASON_WORD = re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.I)
_CHRISTMAS = re.compile(r"\b(christmas|xmas)\b", re.I)
# where "autumn" is "fall" in everyday speech
_FALL = frozenset({"US", "CA"})


def season_word(days: Sequence[date], country_code: str | None) -> str:
    """The season most of ``days`` fall in where the user lives (the first day's on a tie), as the user says it.

    Example:
        >>> season_word([date(2025, 7, 5), date(2025, 7, 12)], "NZ")
        'winter'
    """
    seasons = [season_of(d, country_code) for d in days]
    counts = Counter(seasons)
    best = max(seasons, key=lambda s: (counts[s], -seasons.index(s)))
    return "fall" if best == "autumn" and (country_code or "").upper() in _FALL else best


def season_named(text: str, days: Sequence[date], country_code: str | None) -> str:
    """``text`` with each season word made the season of ``days`` (capitalised as it was); "Christmas" dates none
    of which fall near Christmas are that season's dates too.

    Example:
        >>> season_named("Christmas deputising dates", [date(2024, 7, 4), date(2024, 9, 12)], "GB")
        'Summer deputising dates'
    """
    christmas = _CHRISTMAS.search(text) is not None and not any(
        (d.month == 12 and d.day <= 26) or (d.month == 11 and d.day >= 20) for d in days
    )
    if not days or not (_SEASON_WORD.search(text) or christmas):
        return text
    word = season_word(days, country_code)

    def swap(m: re.Match[str]) -> str:
        return word[:1].upper() + word[1:] if m.group(1)[:1].isupper() else word

    out = _SEASON_WORD.sub(swap, text)
    return _CHRISTMAS.sub(swap, out) if christmas else out
