"""Read a persona's life from its text: role in its own words, life stage, organisation, age, interests, key nouns.

PersonaHub-style texts ("A/An <role> [in/from <place>] [who <activities>]"), life situations ("a retired
teacher", "a stay-at-home dad"), hobbies ("who loves boxing") and texts in other languages are read with reviewed
word lists (``data/life_words.yaml``) and simple, bounded token scans: deterministic, offline, linear in the text.

Example:
    >>> p = parse_profile("A heavy metal musician who loves boxing")
    >>> (p.role, p.life_stage, p.org_type, p.interests)
    ('heavy metal musician', 'self_employed', 'band', ('boxing',))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from synthcomp_agents.personas._kin import without_assumed_kin
from synthcomp_agents.personas._models import REFERENCE_YEAR, LifeStage
from synthcomp_agents.personas._places import Place


def _word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words`` as a set."""
    return frozenset(words.split())


_MAX_ROLE_WORDS = 6
_MAX_KEY_NOUNS = 14
_RETIREMENT_AGE = 67
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "smith", "wright", "ee")
_SCAN_CHARS = 2_000  # roles, ages and interests are read from the text's opening; key words from all of it
_TOKEN = re.compile(r"[^\W_]+(?:['’&+-][^\W_]+)*|[,.;:!?()]", re.UNICODE)
_CJK_START = 0x2E80

_ARTICLES = _word_set("a an the one")
_STAGE_EXPANSION: dict[str, str] = {
    "retiree": "retiree",
    "student": "student",
    "intern": "intern",
    "homemaker": "homemaker",
    "job_seeker": "unemployed",
    "volunteer": "volunteer",
}
_PRESENT_STATES = frozenset({"retiree", "job_seeker", "homemaker", "small_business_owner"})
_OLDER_ROLES = frozenset({"grandmother", "grandfather", "grandma", "grandpa", "grandparent", "widow", "widower"})
_PAID_HEADS = _word_set("coordinator manager director officer administrator lead head organiser organizer")
_NOT_BUSINESS_OWNERS = _word_set("product process budget risk data service system platform content account")
_ROLE_ARTICLES = _word_set("a an the this")
_LEADING_CLAUSE = _word_set("in during after while since having with as at for on when before being once now ever like")
_ROLE_STOPS = _word_set(
    "who whose whom that which in at from for with to by on of near based living working currently who's and or but"
    " since after during while where when whom than like about into as is was has have had loves enjoys likes"
    " en à de em aus bei im in der die das dans pour con para per um und et y e a の で between looking seeking now"
    " still just who'd employed"
)
_OF_HEADS = _word_set(
    "head mother father professor teacher member chief director master doctor student president manager officer dean"
    " chair chairman chairwoman secretary minister editor lecturer"
)
_NOMINAL_ING = _word_set(
    "nursing marketing engineering accounting manufacturing banking consulting building housing clothing wedding"
    " catering plumbing roofing landscaping printing publishing mining fishing farming boxing gaming recruiting"
    " teaching training planning programming computing learning pricing shipping trucking logging welding sewing"
    " knitting racing sailing skating skiing climbing running swimming cycling bowling wrestling parenting"
    " homeschooling counseling counselling fundraising organizing organising advertising editing acting singing"
    " dancing modelling modeling recording lighting catering cleaning cooking baking hunting ranching dairying"
    " beekeeping gardening nursing surveying lending tutoring coaching screening sourcing purchasing ordering"
    " operating managing acting leasing visiting supervising practising practicing merchandising coding"
    " aspiring budding struggling leading rising promising caring loving outgoing recovering aging ageing grieving"
    " expecting hardworking upcoming"
    " engineering"
)
_STOPWORDS = _word_set(
    "a an the and or but of in on at to for from with by as is are was were be been being has have had do does did"
    " who whom whose which that this these those it its their his her our my your they them he she we you i me him"
    " not no nor so than too very just also only own same such both each few more most other some any all can will"
    " would should could may might must shall about into over under after before between through during without"
    " within along across behind beyond up down out off again further then once here there when where why how what"
    " while since until because if though although whether either neither per via around among upon onto toward"
    " towards just lot lots many much several various every one two three four five six seven eight nine ten"
    " year years month months week weeks day days time times new old young older younger small large big little"
    " good great best well often always never sometimes usually still now currently recently being getting"
    " loves love loving enjoys enjoy enjoying likes like liking passionate fan keen avid interested obsessed"
    " works work working worked lives live living lived based mid-size mid sized local someone somebody person"
    " people man woman guy girl boy lady gentleman whose s t don didn doesn isn wasn aren weren hasn haven hadn"
    " finish finished went go goes going get got make makes made take takes took use uses used way ways part full"
    " senior junior retired former current aspiring experienced unemployed laid-off out-of-work employed"
    " en de la le les el los las der die das und et y e da do dos um uma une un una einem einer eines ein eine"
    " im am zum zur mit von bei aus für dans pour avec sur chez del al con para por por em na no com"
    " didn doesn wasn isn aren weren won can't don't didn't first que qui su sus ses leur"
)
_AGE_WORDS = {
    "teens": 15,
    "twenties": 25,
    "thirties": 35,
    "forties": 45,
    "fifties": 55,
    "sixties": 65,
    "seventies": 75,
    "eighties": 85,
    "nineties": 92,
}
_ERAS: tuple[tuple[tuple[str, ...], tuple[int, int], bool], ...] = (
    # (words, birth years, whether the words must sit beside a sign the persona lived through them)
    (("wwii",), (1918, 1927), True),
    (("ww2",), (1918, 1927), True),
    (("world", "war", "ii"), (1918, 1927), True),
    (("world", "war", "2"), (1918, 1927), True),
    (("second", "world", "war"), (1918, 1927), True),
    (("korean", "war"), (1925, 1935), True),
    (("vietnam", "veteran"), (1940, 1954), False),
    (("vietnam", "war"), (1940, 1954), True),
    (("holocaust", "survivor"), (1920, 1944), False),
    (("gulf", "war"), (1960, 1974), True),
    (("baby", "boomer"), (1946, 1964), False),
    (("boomer",), (1946, 1964), False),
    (("gen", "x"), (1965, 1980), False),
    (("generation", "x"), (1965, 1980), False),
    (("millennial",), (1981, 1996), False),
    (("gen", "z"), (1997, 2010), False),
    (("generation", "z"), (1997, 2010), False),
)
_LIVED_THROUGH = _word_set(
    "veteran veterans vet survivor served serving fought soldier sailor marine airman pilot nurse conscript draftee"
)
_STAGE_YEARS: dict[str, tuple[int, int]] = {
    "retiree": (REFERENCE_YEAR - 88, REFERENCE_YEAR - 62),
    "grandparent": (REFERENCE_YEAR - 85, REFERENCE_YEAR - 52),
    "high school": (REFERENCE_YEAR - 18, REFERENCE_YEAR - 14),
    "middle school": (REFERENCE_YEAR - 14, REFERENCE_YEAR - 11),
    "teen": (REFERENCE_YEAR - 19, REFERENCE_YEAR - 13),
    "university": (REFERENCE_YEAR - 24, REFERENCE_YEAR - 18),
    "graduate": (REFERENCE_YEAR - 32, REFERENCE_YEAR - 22),
    "phd": (REFERENCE_YEAR - 36, REFERENCE_YEAR - 24),
    "student": (REFERENCE_YEAR - 26, REFERENCE_YEAR - 16),
    "intern": (REFERENCE_YEAR - 27, REFERENCE_YEAR - 19),
}
_LIFE_STAGE_ORDER: tuple[LifeStage, ...] = (
    "retiree",
    "student",
    "intern",
    "job_seeker",
    "homemaker",
    "volunteer",
    "small_business_owner",
    "self_employed",
)
_INTEREST_VERBS = (
    ("loves",),
    ("love",),
    ("loving",),
    ("enjoys",),
    ("enjoy",),
    ("likes",),
    ("passionate", "about"),
    ("fan", "of"),
    ("interested", "in"),
    ("keen", "on"),
    ("obsessed", "with"),
    ("is", "into"),
    ("really", "into"),
    ("avid",),
    ("amateur",),
    ("hobby", "is"),
    ("hobbies", "are"),
    ("hobbies", "include"),
    ("plays",),
    ("collects",),
    ("spends", "weekends"),
    ("free", "time"),
    ("spare", "time"),
    ("volunteers", "at"),
    ("volunteers", "for"),
    ("volunteers", "with"),
    ("devoted", "to"),
    ("cares", "about"),
    ("advocates", "for"),
    ("advocate", "for"),
)
_INTEREST_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(cue for cue in _INTEREST_VERBS if cue[0] == first) for first in {cue[0] for cue in _INTEREST_VERBS}
}
_ORG_LEAD = _word_set(
    "at in for a an the his her their its own local small family with of from runs owns joined joins village rural"
    " town city county state public private busy large big mid-size independent community nearby regional"
    " einem einer im bei una un en"
)
_INTEREST_END = _word_set(
    "who whose which that but while because although when where every each during , . ; : ! ? ( )"
)
_ORDINAL_WORDS: dict[str, int] = dict(
    zip(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"),
        range(1, 12),
        strict=True,
    )
) | {"twelfth": 12}
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)$")
_HIGHSCHOOL = frozenset({"highschool", "highschooler", "high-school", "high-schooler"})  # one-word spellings


@dataclass(frozen=True)
class Profile:
    """What a persona text says about the person's life, in its own words.

    Attributes:
        role: The role phrase ("heavy metal musician"), None when the text names none.
        life_stage: Student, employee, retiree, ... (``LifeStage``).
        org_type: Kind of organisation ("farm", "band", "hospital"), None when there is none.
        birth_year: Estimated birth year, None when the text implies none.
        birth_year_range: Earliest and latest plausible birth year.
        interests: Hobbies and causes ("boxing").
        key_nouns: Content words a reader expects on the computer, best first.

    Example:
        >>> parse_profile("A Kentucky farmer").key_nouns[:4]
        ('farmer', 'kentucky', 'crops', 'harvest')
    """

    role: str | None
    life_stage: LifeStage
    org_type: str | None
    birth_year: int | None
    birth_year_range: tuple[int, int] | None
    interests: tuple[str, ...]
    key_nouns: tuple[str, ...]


@dataclass(frozen=True)
class _Phrase:
    parts: tuple[frozenset[str], ...]  # alternatives per token; "x*" marks a prefix
    cjk: str | None  # CJK phrases match as substrings of the folded text


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_fold(text))


def _phrase(words: str) -> _Phrase:
    folded = _fold(words).strip()
    if any(ord(ch) >= _CJK_START for ch in folded):
        return _Phrase((), folded)
    parts = []
    for token in re.findall(r"\([^)]*\)|[^\s]+", folded):
        if token.startswith("("):
            parts.append(frozenset(token.strip("()").split("|")))
        else:
            parts.append(frozenset({token}))
    return _Phrase(tuple(parts), None)


def _token_matches(token: str, options: frozenset[str]) -> bool:
    for option in options:
        if option.endswith("*"):
            if token.startswith(option[:-1]):
                return True
        elif token == option or token == option + "s":
            return True
    return False


class _Doc:
    """Tokens of a text with an index from token to positions, so phrase lookups do not scan the text."""

    def __init__(self, tokens: list[str], folded: str = "") -> None:
        self.tokens = tokens
        self.folded = folded
        self.positions: dict[str, list[int]] = {}
        for i, token in enumerate(tokens):
            self.positions.setdefault(token, []).append(i)

    def starts(self, options: frozenset[str]) -> list[int]:
        found: list[int] = []
        for option in options:
            if option.endswith("*"):
                stem = option[:-1]
                found.extend(i for token, where in self.positions.items() if token.startswith(stem) for i in where)
            else:
                found.extend(self.positions.get(option, ()))
                found.extend(self.positions.get(option + "s", ()))
        return sorted(found)


_OWN_STALLS = frozenset({"market", "markets", "fair", "fairs", "door", "stall", "stalls", "fete", "show"})


def _works_for(doc: _Doc, phrase: _Phrase) -> bool:
    """Whether an employed cue ("at the", "for a") names an employer: "at the weekly market" or "at the cellar door"
    is where a beekeeper or a vintner sells their own produce, not where they work for someone else."""
    if phrase.cjk is not None or not phrase.parts:
        return _find(doc, phrase) >= 0
    n, tokens = len(phrase.parts), doc.tokens
    for i in doc.starts(phrase.parts[0]):
        if (
            i + n <= len(tokens)
            and all(_token_matches(tokens[i + k], phrase.parts[k]) for k in range(1, n))
            and not _OWN_STALLS & set(tokens[i + n : i + n + 3])
        ):
            return True
    return False


_PLACE_LEAD = _word_set("in at for by")
_PLACE_FILLER = _word_set(
    "a an the local busy small big large family-run family high-street high street city town village popular"
    " trendy upmarket independent chain nearby friendly quiet new old"
)
_GENERIC_ROLES = _word_set("person someone man woman guy girl boy lady mother father mom mum dad parent adult worker")


def _in_workplace(doc: _Doc) -> bool:
    """Whether the text puts the person in a workplace that is not their own: "working in a salon", "a baker in a
    busy bakery", "employed by a garage" (not "runs her own salon": "own" is no filler word)."""
    places = _compiled()["places"]
    tokens = doc.tokens
    for i, token in enumerate(tokens):
        if token not in _PLACE_LEAD:
            continue
        j = i + 1
        while j < len(tokens) and j - i <= 4 and tokens[j] in _PLACE_FILLER:
            j += 1
        if j == i + 1:
            continue  # "in Leeds", "at home": a workplace is written with an article ("in a salon")
        for phrase in places:
            n = len(phrase.parts)
            if j + n <= len(tokens) and all(_token_matches(tokens[j + k], phrase.parts[k]) for k in range(n)):
                return True
    return False


def _still_employed(doc: _Doc, role_doc: _Doc) -> bool:
    """Whether a persona whose words say they look for a job is in work while looking ("a nurse looking for a new
    job", "an accountant considering a career change"): a working role of their own, a looking-while-employed phrase
    and nothing that says the job is gone ("unemployed", "laid off", "a former teacher", "a recent graduate")."""
    compiled = _compiled()
    role = set(role_doc.tokens)
    if not role or role <= _GENERIC_ROLES or role & {"former", "ex", "ex-"} or any(t.startswith("ex-") for t in role):
        return False
    if not any(_find(doc, phrase) >= 0 for phrase in compiled["looking"]):
        return False
    return not any(_find(doc, phrase) >= 0 for phrase in compiled["out_of_work"])


def _find(doc: _Doc, phrase: _Phrase) -> int:
    """Index of the first match of ``phrase`` in the document (0 for a CJK substring match), else -1."""
    if phrase.cjk is not None:
        return 0 if phrase.cjk in doc.folded else -1
    n = len(phrase.parts)
    if n == 0:
        return -1
    tokens = doc.tokens
    for i in doc.starts(phrase.parts[0]):
        if i + n <= len(tokens) and all(_token_matches(tokens[i + k], phrase.parts[k]) for k in range(1, n)):
            return i
    return -1


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    path = resources.files("synthcomp_agents.personas").joinpath("data").joinpath("life_words.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _compiled() -> dict[str, Any]:
    words = _words()
    stages = {
        stage: (tuple(_phrase(w) for w in cues["role"]), tuple(_phrase(w) for w in cues["text"] or ()))
        for stage, cues in words["life_stages"].items()
    }
    orgs = tuple(sorted(((_phrase(w), str(w)) for w in words["org_types"]), key=lambda p: -len(p[0].parts)))
    role_orgs = tuple(
        sorted(((_phrase(k), str(v)) for k, v in words["role_org_types"].items()), key=lambda p: -len(p[0].parts))
    )
    expansions = tuple((_phrase(k), tuple(str(x) for x in v)) for k, v in words["expansions"].items())
    hobbies = tuple(sorted(((_phrase(w), str(w)) for w in words["hobbies"]), key=lambda p: -len(p[0].parts)))
    employed = tuple(_phrase(w) for w in words["employed_cues"])
    places = tuple(sorted((_phrase(w) for w in words.get("employed_places", ())), key=lambda p: -len(p.parts)))
    not_key = frozenset(str(w) for w in words.get("not_key_nouns", ()))
    return {
        "not_key": not_key,
        "adjectives": frozenset(str(w) for w in words["adjectives"]["words"]),
        "adjective_endings": tuple(str(w) for w in words["adjectives"]["endings"]),
        "adjective_nouns": frozenset(str(w) for w in words["adjectives"]["nouns"]),
        "served": frozenset(str(w) for w in words.get("served_people", ())),
        "serving": frozenset(str(w) for w in words.get("serving_nouns", ())),
        "stages": stages,
        "orgs": orgs,
        "role_orgs": role_orgs,
        "expansions": expansions,
        "hobbies": hobbies,
        "employed": employed,
        "looking": tuple(_phrase(w) for w in words.get("employed_looking", ())),
        "out_of_work": tuple(_phrase(w) for w in words.get("out_of_work", ())),
        "places": places,
    }


def _role_span(raw_tokens: list[str], tokens: list[str]) -> tuple[int, int] | None:
    """Token span of the role phrase: after the article that opens the text (or its first clause), up to a stop."""
    if not tokens:
        return None
    start = 0
    if tokens[0] not in _ARTICLES:
        # "In the final year of a degree, an audit intern at ...", "Meet a staff accountant from ...",
        # "Working for a hospital in Bern, this senior analyst ...": the role follows the opening clause.
        for i in range(min(len(tokens) - 1, 40)):
            if tokens[i] in (",", ":", "meet", "as") and tokens[i + 1] in _ROLE_ARTICLES:
                start = i + 1
                break
        else:
            if tokens[0] in _LEADING_CLAUSE:
                return None
    if tokens[start] in _ROLE_ARTICLES:
        start += 1
    return _extend_role(tokens, start)


def _works_as_span(tokens: list[str]) -> tuple[int, int] | None:
    """Span of the job in "... who works as an accountant" (the job beats a hobby that opens the text)."""
    for i in range(len(tokens) - 3):
        if tokens[i] in ("works", "working", "employed", "serves", "serving") and tokens[i + 1] == "as":
            start = i + 2 + (tokens[i + 2] in _ROLE_ARTICLES)
            return _extend_role(tokens, start)
    return None


def _extend_role(tokens: list[str], start: int) -> tuple[int, int] | None:
    """Extend a role from ``start`` to the first word that ends it ("who", "in", ",", a participle ...)."""
    while start < len(tokens) - 1 and tokens[start].endswith(("-based", "-born")):
        start += 1  # "a Taipei-based graphic designer"
    if start >= len(tokens):
        return None
    end = start
    while end < len(tokens) and end - start < _MAX_ROLE_WORDS:
        token = tokens[end]
        if token == "turned" and end > start and end + 1 < len(tokens):
            start = end = end + 1  # "a wrestler turned motivational speaker": what they are now
            continue
        if not token[0].isalnum():
            break
        if token == "and" and end > start and end + 1 < len(tokens):
            after = tokens[end + 1]
            if after[0].isalpha() and after not in _ROLE_STOPS and after not in _STOPWORDS - {"senior", "junior"}:
                end += 1  # "compensation and benefits manager", "a farmer and beekeeper"
                continue
        if token in _ROLE_STOPS and end > start:
            if token == "of" and tokens[end - 1] in _OF_HEADS and end + 1 < len(tokens):
                end += 2  # "head of science", "mother of three"
                continue
            break
        if token.endswith("ing") and end > start and (token not in _NOMINAL_ING or _is_head_noun(tokens[end - 1])):
            break  # "a farmer growing corn", "a carpenter building furniture"
        if token.endswith("-based") or token.endswith("-born"):
            break
        end += 1
    while start < end and (
        (tokens[start][0].isdecimal() and _ordinal(tokens[start].split("-")[0]) is None)
        or tokens[start] in ("year-old", "years", "old")
    ):
        start += 1  # "a 45-year-old electrician": the age is not part of the role; "an 11th grader" keeps "11th"
    if end == start:
        return None
    return start, end


def _is_head_noun(token: str) -> bool:
    """Whether a word looks like the noun that ends a role ("carpenter", "pianist", "technician")."""
    return token not in _STOPWORDS and token.endswith(_AGENT_SUFFIXES)


def _role_head(tokens: list[str]) -> list[str]:
    """The role's words before an "of", "for" or "to": who the person is, not whom they serve ("teacher of ...")."""
    for i, token in enumerate(tokens):
        if i > 0 and token in ("of", "for", "to"):
            return tokens[:i]
    return tokens


def _served_head(tokens: list[str]) -> list[str]:
    """The role without the people it serves in front of its noun: "a self-employed student tutor" tutors students
    (she is no student), "a pupil support worker" supports pupils; "a student nurse" stays a student (her noun
    is not one that serves).

    Example:
        >>> _served_head(["self-employed", "student", "tutor"])
        ['self-employed', 'tutor']
    """
    serving = _compiled()["serving"]
    if len(tokens) < 2 or tokens[-1] not in serving:
        return tokens
    served = _compiled()["served"]
    return [t for t in tokens[:-1] if t not in served] + tokens[-1:]


def _ordinal(token: str) -> int | None:
    """1-12 for "first".."twelfth" or "1st".."12th", else None."""
    match = _ORDINAL.match(token)
    n = int(match.group(1)) if match else _ORDINAL_WORDS.get(token)
    return n if n is not None and 1 <= n <= 12 else None


def school_grade(tokens: list[str]) -> int | None:
    """The school grade a role names: "11th grader", "eleventh-grader", "11th grade student", "grade 11 pupil" (not
    "teacher of 11th graders": only words before an "of" or "for" count)."""
    tokens = _role_head(tokens)
    for i, token in enumerate(tokens):
        head, _, tail = token.partition("-")
        if tail in ("grader", "graders", "grade") and (n := _ordinal(head)) is not None:
            return n  # "11th-grader"
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in ("grader", "graders", "grade") and (n := _ordinal(token)) is not None:
            return n
        if token == "grade" and nxt.isdecimal() and 1 <= int(nxt) <= 12 and i + 2 < len(tokens):
            return int(nxt) if tokens[i + 2] in ("student", "students", "pupil", "pupils") else None
    return None


def _clip(text: str) -> str:
    return text[:_SCAN_CHARS]


def _detect_stage(doc: _Doc, role_doc: _Doc) -> tuple[LifeStage, str | None]:
    """Return the life stage and the cue word that decided it."""
    compiled = _compiled()
    found: dict[str, str] = {}
    head = _served_head(_role_head(role_doc.tokens))
    head_doc = role_doc if len(head) == len(role_doc.tokens) else _Doc(head)
    for name, (role_cues, text_cues) in compiled["stages"].items():
        for phrase in role_cues:
            if _find(head_doc, phrase) >= 0:  # "a teacher of 11th graders" is no pupil
                found.setdefault(name, "role")
                break
        if name in found:
            continue
        for phrase in text_cues:
            if _find(doc, phrase) >= 0:
                # a present state ("who is now retired", "looking for work") counts like the role itself
                found[name] = "role" if name in _PRESENT_STATES else "text"
                break
    if "student" not in found and school_grade(role_doc.tokens) is not None:
        found["student"] = "role"  # "an 11th grader", "an eleventh-grade student"
    if "job_seeker" in found and _still_employed(doc, role_doc):
        del found["job_seeker"]  # "a nurse looking for a new job" is a nurse in work who wants a move
    if not found and _OLDER_ROLES & set(role_doc.tokens):
        found["retiree"] = "role"  # "a grandmother in Ohio" with nothing else to go by
    stage: LifeStage = "employee"
    for candidate in sorted(_LIFE_STAGE_ORDER, key=lambda s: (found.get(s) != "role", _LIFE_STAGE_ORDER.index(s))):
        if candidate in found:
            stage = candidate
            break
    if stage == "student" and "intern" in found:
        stage = "intern"  # "a medical student on a six-month placement"
    if stage == "self_employed" and found.get("self_employed") == "role":
        cue_words = {"freelance", "freelancer", "self-employed", "independent", "sole"}
        if not cue_words & set(role_doc.tokens) and (
            any(_works_for(doc, p) for p in compiled["employed"]) or _in_workplace(doc)
        ):
            # "a musician in the city orchestra", "an electrician at a hospital", "a hairdresser working in a salon"
            stage = "employee"
    if stage == "volunteer" and role_doc.tokens and role_doc.tokens[-1] in _PAID_HEADS:
        stage = "employee"  # a volunteer coordinator is paid to coordinate volunteers
    owner_at = role_doc.positions.get("owner", [])
    if (
        stage == "small_business_owner"
        and owner_at
        and owner_at[0] > 0
        and role_doc.tokens[owner_at[0] - 1] in _NOT_BUSINESS_OWNERS
    ):
        stage = "employee"  # a product owner owns a backlog, not a business
    if stage == "small_business_owner" and "founder" in role_doc.tokens and "small_business_owner" not in found:
        stage = "employee"
    return stage, found.get(stage)


def _birth_years(tokens: list[str], stage: LifeStage, role_tokens: list[str]) -> tuple[int, int] | None:
    # explicit birth year or age
    for i, token in enumerate(tokens):
        if token == "born" and i + 2 < len(tokens) and tokens[i + 1] == "in" and tokens[i + 2].isdecimal():
            year = int(tokens[i + 2])
            if 1890 <= year <= REFERENCE_YEAR:
                return year, year
        if token.isdecimal() and len(token) <= 3:
            age = int(token)
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            prev = tokens[i - 1] if i > 0 else ""
            is_age = nxt in ("year-old", "yo") or (
                nxt in ("years", "year") and i + 2 < len(tokens) and tokens[i + 2] in ("old", "-old")
            )
            is_age = is_age or prev in ("aged", "age")
            if ("-year-old" in nxt or is_age) and 5 <= age <= 110:
                return REFERENCE_YEAR - age - 1, REFERENCE_YEAR - age
        if token.endswith("-year-old") and token[: -len("-year-old")].isdecimal():
            age = int(token[: -len("-year-old")])
            if 5 <= age <= 110:
                return REFERENCE_YEAR - age - 1, REFERENCE_YEAR - age
        if token in _AGE_WORDS or (token.endswith("s") and token[:-1].isdecimal() and len(token) == 3):
            prev = tokens[i - 1] if i > 0 else ""
            prev2 = tokens[i - 2] if i > 1 else ""
            if prev in ("his", "her", "their", "early", "mid", "late") and ("in" in (prev, prev2, tokens[i - 3 : i])):
                age = _AGE_WORDS.get(token) or int(token[:-1]) + 5
                shift = {"early": -3, "late": 3}.get(prev, 0)
                centre = REFERENCE_YEAR - age - shift
                return centre - 4, centre + 4
    for words, years, lived in _ERAS:
        n = len(words)
        for i in range(len(tokens) - n + 1):
            if tuple(tokens[i : i + n]) != words:
                continue
            near = set(tokens[max(0, i - 3) : i + n + 3])
            if not lived or near & _LIVED_THROUGH:  # "a WWII veteran", not "a student of WWII history"
                return years
    role = set(role_tokens)
    if stage == "retiree":
        if role & {"grandmother", "grandfather", "grandma", "grandpa", "grandparent"} and "retired" not in role:
            return _STAGE_YEARS["grandparent"]
        return _STAGE_YEARS["retiree"]
    if stage == "student":
        text = set(tokens)
        grade = school_grade(role_tokens)
        if grade is not None:  # a US grade n pupil is n + 5 to n + 6 years old
            return REFERENCE_YEAR - grade - 6, REFERENCE_YEAR - grade - 5
        if {"middle", "school"} <= text:
            return _STAGE_YEARS["middle school"]
        if (
            {"high", "school"} <= text
            or text & _HIGHSCHOOL
            or role & {"teenager", "teen", "schoolgirl", "schoolboy", "pupil"}
        ):
            return _STAGE_YEARS["high school"]
        if role & {"phd", "doctoral"}:
            return _STAGE_YEARS["phd"]
        if role & {"graduate", "grad", "master's", "masters"}:
            return _STAGE_YEARS["graduate"]
        if role & {"undergraduate", "undergrad", "college", "university", "freshman", "sophomore"}:
            return _STAGE_YEARS["university"]
        return _STAGE_YEARS["student"]
    if stage == "intern":
        return _STAGE_YEARS["intern"]
    return None


def _interests(doc: _Doc, role_tokens: set[str]) -> list[str]:
    tokens = doc.tokens
    found: list[str] = []
    for i in range(len(tokens)):
        for cue in _INTEREST_BY_FIRST.get(tokens[i], ()):
            n = len(cue)
            if tuple(tokens[i : i + n]) != cue:
                continue
            j = i + n
            # skip determiners and possessives
            while j < len(tokens) and tokens[j] in ("the", "a", "an", "his", "her", "their", "my", "to", "all", "in"):
                j += 1
            following: list[str] = []
            while j < len(tokens) and tokens[j] not in _INTEREST_END and len(following) < 8:
                following.append(tokens[j])
                j += 1
            text = " ".join(following)
            for part in re.split(r"\band\b|\bor\b|\bas well as\b", text):
                words = [w for w in part.split() if w not in ("the", "a", "an", "his", "her", "their", "my")]
                if words and len(words) <= 4 and not all(w in _STOPWORDS for w in words):
                    item = " ".join(words)
                    if item not in found:
                        found.append(item)
    for phrase, word in _compiled()["hobbies"]:
        pos = _find(doc, phrase)
        if pos >= 0 and not (set(word.split()) <= role_tokens) and not any(word in item for item in found):
            found.append(word)
    return found[:8]


_RELATIVES = frozenset({"who", "that", "which", "qui", "que", "der", "die", "das"})
_VERB_ADVERBS = frozenset({"just", "also", "still", "now", "often", "sometimes", "usually", "always", "never", "only"})


def _verb_slot(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is the verb of a relative clause: "who plays", "who just released", "who homeschools"
    (its first word after the pronoun and any adverbs, inflected as a verb), never a noun of the persona's life."""
    token = tokens[i]
    if i > 0 and tokens[i - 1] in ("que", "qui"):  # "jubilado ... que cuida su huerto": any form is the verb
        return True
    if not token.endswith(("s", "ed")) or token.endswith("ss"):
        return False
    j = i - 1
    while j >= 0 and (tokens[j] in _VERB_ADVERBS or tokens[j].endswith("ly")):
        j -= 1
    return j >= 0 and tokens[j] in _RELATIVES


def _content_words(tokens: list[str]) -> list[str]:
    words: list[str] = []
    for i, token in enumerate(tokens):
        if token.endswith("-based") and len(token) > 9:  # "Taipei-based": the place, not a word of its own
            token = token[: -len("-based")]
        if not token[0].isalpha() or token in _STOPWORDS or len(token) < 3:
            continue
        if _verb_slot(tokens, i):
            continue
        if token.endswith("ly") or token in words or "'" in token:
            continue
        if token.endswith("ing") and token not in _NOMINAL_ING:
            continue
        if is_adjective(token):  # "private and differential diagnosis": the work is diagnosis, the differential one
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if _is_noun_word(after):
                phrase = f"{token} {after}"  # "medical device", "public health": a noun phrase
                if phrase not in words:
                    words.append(phrase)
            continue
        words.append(token)
    return words


def _is_noun_word(token: str) -> bool:
    """Whether a word can head a noun phrase after an adjective (a word, not a stop word, verb form or adjective)."""
    return (
        bool(token)
        and token[0].isalpha()
        and len(token) >= 3
        and token not in _STOPWORDS
        and not token.endswith(("ly", "ing", "ed"))
        and not is_adjective(token)
    )


_DURATION = re.compile(
    r"^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
    r"-(year|month|week|day|hour|minute)s?(-old|-long)?$"
)


def is_adjective(token: str) -> bool:
    """Whether a (case-folded) word reads as an adjective, not a noun: one of the reviewed ``adjectives`` of
    ``life_words.yaml``, or a word with an adjective's ending ("differential", "famous", "creative") that is not
    one of its reviewed nouns ("official", "detective", "timetable").

    Example:
        >>> [is_adjective(w) for w in ("private", "differential", "diagnosis", "detective", "vegetable")]
        [True, True, False, False, False]
    """
    compiled = _compiled()
    if token in compiled["adjectives"] or _DURATION.match(token):  # "six-month", "3-year"
        return True
    return token.endswith(compiled["adjective_endings"]) and token not in compiled["adjective_nouns"]


def _expansions_in(doc: _Doc, table: tuple[tuple[_Phrase, tuple[str, ...]], ...]) -> list[tuple[str, ...]]:
    """The expansions of the phrases found in ``doc``, in table order, but none of a phrase inside a longer one
    found: a "painter and decorator" is a tradesman (quotes, walls), not a painter of canvases and exhibitions."""
    found = [(at, len(p.parts), p.cjk is None, words) for p, words in table if (at := _find(doc, p)) >= 0]
    spans = [(at, n) for at, n, by_tokens, _ in found if by_tokens]
    return [
        words
        for at, n, by_tokens, words in found
        if not (by_tokens and any(o <= at and at + n <= o + m and m > n for o, m in spans))
    ]


def _role_nouns(role_tokens: list[str]) -> list[str]:
    """The head noun of a role, then its other words as one phrase ("heavy metal musician": musician, heavy metal)."""
    words = [t for t in role_tokens if t[0].isalnum() and not (t[0].isdecimal() and "-" not in t)]  # "11th-grader"
    if "of" in words[1:]:  # "director of data and analytics": director, data and analytics
        at = words.index("of", 1)
        head, rest = words[:at], words[at + 1 :]
    else:
        head, rest = words, []
    if head and head[-1] in ("senior", "junior"):  # "a high school senior"
        head = [*[t for t in head[:-1] if t not in _STOPWORDS], head[-1]]
    else:
        head = [t for t in head if t not in _STOPWORDS]
    if not head:
        return []
    out = [head[-1]]
    modifiers = " ".join(head[:-1])
    if modifiers:
        out.append(modifiers)
    tail = " ".join(rest).strip()
    if tail and not all(t in _STOPWORDS for t in rest):
        out.append(tail)
    return out


def parse_profile(text: str) -> Profile:
    """Read role, life stage, organisation type, birth year, interests and key nouns from a persona text.

    Args:
        text: The persona text (one line; any language; at most a few thousand characters are read).

    Returns:
        The profile. Never raises for a string.

    Example:
        >>> p = parse_profile("A WWII veteran who didn't finish high school")
        >>> (p.role, p.life_stage, p.birth_year)
        ('WWII veteran', 'retiree', 1923)
    """
    clipped = _clip(text)
    folded = _fold(clipped)
    raw_tokens = _TOKEN.findall(unicodedata.normalize("NFKC", clipped))
    tokens = _tokens(clipped)
    if len(raw_tokens) != len(tokens):  # folding changed the tokenisation (rare ligatures); fall back to folded
        raw_tokens = tokens
    span = _role_span(raw_tokens, tokens)
    opening: list[str] = []
    job = _works_as_span(tokens)
    if job is not None and job != span:
        if span is not None:
            opening = tokens[span[0] : span[1]]  # "a marathon runner who works as an accountant"
        span = job
    role: str | None = None
    role_tokens: list[str] = []
    if span is not None:
        start, end = span
        role_tokens = tokens[start:end]
        role = " ".join(raw_tokens[start:end])
        no_words = all(t in _STOPWORDS for t in role_tokens) or not any(ch.isalpha() for ch in role)
        cjk_clause = any(ord(ch) >= _CJK_START for ch in role) and len(role) > 6  # a whole CJK clause, not a role
        if no_words or cjk_clause:
            role, role_tokens = None, []
    doc = _Doc(tokens, folded)
    role_doc = _Doc(role_tokens, "" if role_tokens else folded)
    stage, _ = _detect_stage(doc, role_doc)
    compiled = _compiled()

    org_type: str | None = None
    best = -1
    for phrase, name in compiled["orgs"]:
        pos = _find(doc, phrase)
        lead = tokens[max(0, pos - 3) : pos]
        if pos > 0 and not _ORG_LEAD & set(lead) and not (span and span[0] <= pos < span[1]):
            continue  # "didn't finish high school" names no school the persona belongs to
        if pos >= 0 and (best < 0 or pos < best):
            best, org_type = pos, name
    if org_type is None and role_tokens:
        for phrase, name in compiled["role_orgs"]:
            if _find(role_doc, phrase) >= 0:
                org_type = name
                break
    grade = school_grade(role_tokens) if stage == "student" else None
    if org_type is None and grade is not None:
        org_type = "high school" if grade >= 9 else "middle school" if grade >= 6 else "elementary school"
    if stage == "retiree" and org_type in ("school", "hospital", "church") and best < 0:
        org_type = None  # a retired teacher no longer belongs to a school

    years = _birth_years(tokens, stage, role_tokens)
    # a Holocaust survivor, an 85-year-old: past working age whatever the role; past 80, past any career
    if years is not None and (
        years[1] <= REFERENCE_YEAR - 80 or (stage == "employee" and years[1] <= REFERENCE_YEAR - _RETIREMENT_AGE)
    ):
        stage = "retiree"
    birth_year = None if years is None else (years[0] + years[1] + 1) // 2

    interests = _interests(doc, set(role_tokens))

    key: list[str] = []

    def add(word: str) -> None:
        word = word.strip()
        if word and word not in key and len(key) < _MAX_KEY_NOUNS:
            key.append(word)

    own_role = _served_head(role_tokens)  # "self-employed student tutor": a tutor, not a student
    role_parts = _role_nouns(own_role)
    for part in role_parts:
        if all(is_adjective(w) for w in part.split()):  # "social worker", "private tutor": never "social" alone
            part = f"{part} {role_parts[0]}"
        add(part)
    for part in _role_nouns(opening):
        add(part)
    for interest in interests:
        add(interest)
    role_words = _Doc(own_role) if len(own_role) != len(role_tokens) else role_doc
    for words in (role_words, *[_Doc(item.split()) for item in interests]):
        for expansion in _expansions_in(words, compiled["expansions"]):
            for word in expansion:
                add(word)
    if org_type:
        add(org_type)
    stage_word = _STAGE_EXPANSION.get(stage)
    for phrase, expansion in compiled["expansions"] if stage_word else ():
        if phrase.parts and phrase.parts[0] == frozenset({stage_word}):
            for word in without_assumed_kin(expansion, clipped):  # a carer of her mother has no school run
                add(word)
    for word in _content_words(tokens):
        taken = {w for phrase in key for w in phrase.split()}
        if word in compiled["not_key"] or word in taken:
            continue
        if " " in word and word.split()[0] in taken:  # "self-employed student" beside "self-employed tutor"
            continue
        add(word)
    return Profile(
        role=role,
        life_stage=stage,
        org_type=org_type,
        birth_year=birth_year,
        birth_year_range=years,
        interests=tuple(interests),
        key_nouns=tuple(key),
    )


def place_phrases(key_nouns: tuple[str, ...], text: str, place: Place) -> tuple[str, ...]:
    """Key nouns with a place of several words kept whole: "united states", not "united" and "states" (a document
    that works on "united" is nonsense, and the place is one thing a reader looks for).

    Example:
        >>> from synthcomp_agents.personas import resolve_place
        >>> text = "A nurse in Durban, South Africa"
        >>> place_phrases(("nurse", "durban", "south", "africa"), text, resolve_place(text))
        ('nurse', 'durban', 'south africa')
    """
    folded_text = " ".join(re.findall(r"\w+", text.casefold()))
    place_words = {
        w for name in (place.city, place.region, place.country) for w in re.findall(r"\w+", _fold(name or ""))
    }
    out: list[str] = []
    for word in key_nouns:  # "rural Montana", "coastal Kerala": the place is the key word, its adjective no thing
        parts = word.split()
        if len(parts) == 2 and is_adjective(parts[0]) and _fold(parts[1]) in place_words:
            word = parts[1]
        if word not in out:
            out.append(word)
    for name in (place.city, place.region, place.country):
        phrase = " ".join(re.findall(r"\w+", (name or "").casefold()))
        if " " not in phrase or not re.search(rf"\b{re.escape(phrase)}\b", folded_text):
            continue
        parts = phrase.split()
        at = next((i for i, w in enumerate(out) if w in parts), len(out))
        out = [w for w in out if w not in parts]
        if not any(phrase in w for w in out):  # "new york" inside "new york city" is said already
            out.insert(min(at, len(out)), phrase)
    return tuple(out)
