"""Map any persona text to the nearest sensible working life.

Matching is keyword based and fully deterministic: role titles, occupation nouns and domain keywords
(English and German, French, Spanish, Portuguese, Italian and common CJK terms) vote for an occupational
family; seniority, industry and country are detected the same way. Texts with no occupational cue at all
(hobbies, life situations, single odd words) get a plausible working life and a ``mapping_note``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from synthcomp_agents.personas._families import FAMILY_IDS, LIFE_FAMILY_IDS, OCCUPATIONAL_FAMILIES
from synthcomp_agents.personas._models import SENIORITIES, LifeStage, Persona, PersonaError, Seniority
from synthcomp_agents.personas._places import Place, country_cities, resolve_place
from synthcomp_agents.personas._profile import parse_profile, place_phrases
from synthcomp_agents.personas._world import COUNTRIES, INDUSTRIES

MAX_PERSONA_CHARS = 20_000
"""Longest accepted persona text, in characters."""

_EARLY_CHARS = 200  # matches within this many leading characters count more
_CJK_START = 0x2E80


def _fold(text: str) -> str:
    """Case-fold, strip accents and reduce punctuation to spaces; keep letters, digits, ``&``, ``+`` and ``#``."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    chars = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        chars.append(ch if ch.isalnum() or ch in "&+#" else " ")
    return " ".join("".join(chars).split())


def _fold_keep_case(text: str) -> str:
    chars = [ch if ch.isalnum() or ch in "&+#" else " " for ch in unicodedata.normalize("NFKC", text)]
    return " ".join("".join(chars).split())


@dataclass(frozen=True)
class _Pattern:
    needle: str  # folded form
    prefix: bool
    substring: bool  # CJK: match anywhere
    case_sensitive: bool  # short all-caps acronyms (IT, HR, US, PR)


def _pattern(keyword: str) -> _Pattern | None:
    raw = keyword.strip()
    prefix = raw.endswith("*")
    raw = raw.rstrip("*").strip()
    case_sensitive = raw.isascii() and raw.replace(".", "").isupper() and len(raw.replace(".", "")) <= 4
    needle = _fold_keep_case(raw) if case_sensitive else _fold(raw)
    if not needle:
        return None
    substring = any(ord(ch) >= _CJK_START for ch in needle)
    return _Pattern(needle=needle, prefix=prefix, substring=substring, case_sensitive=case_sensitive)


class _Text:
    """A persona text prepared for matching."""

    def __init__(self, text: str) -> None:
        self.folded = " " + _fold(text) + " "
        self.cased = " " + _fold_keep_case(text) + " "
        self.tokens = frozenset(self.folded.split())

    def without(self, needle: str) -> _Text:
        """Return a copy whose case-insensitive view has every occurrence of ``needle`` blanked out."""
        copy = _Text("")
        copy.folded = self.folded.replace(" " + needle, " ")
        copy.cased = self.cased
        copy.tokens = frozenset(copy.folded.split())
        return copy

    def find(self, pat: _Pattern) -> int:
        """Return the position of the first match of ``pat``, or -1."""
        hay = self.cased if pat.case_sensitive else self.folded
        if pat.substring:
            return hay.find(pat.needle)
        if pat.prefix:
            return hay.find(" " + pat.needle)
        if (
            " " not in pat.needle
            and not pat.case_sensitive
            and pat.needle not in self.tokens
            and pat.needle + "s" not in self.tokens
        ):
            return -1
        pos = hay.find(" " + pat.needle + " ")
        if pos < 0:
            pos = hay.find(" " + pat.needle + "s ")
        return pos


@dataclass(frozen=True)
class _Vote:
    pattern: _Pattern
    family: str
    weight: float
    kind: str  # "role", "title", "keyword", "adjacent"
    display: str
    seniority: Seniority | None = None


# Occupations outside the built-in families, mapped to the family whose files fit their working life.
_ADJACENT: tuple[tuple[str, str, str], ...] = (
    ("artist; painter; sculptor; künstler*; artiste; artista; 画家", "creative_arts_writing", "artist"),
    (
        "musician*; singer; composer; musiker*; musicien*; músico; musicista; 音乐家",
        "music_performing_arts",
        "musician",
    ),
    ("actor; actress; performer; schauspieler*; comédien*; actriz", "music_performing_arts", "performer"),
    ("athlete*; footballer; sportler*; athlète; atleta", "small_business", "self-employed athlete"),
    (
        "hairdresser; barber; friseur*; coiffeur*; peluquer*; cabeleireir*; parrucchier*",
        "small_business",
        "self-employed hairdresser",
    ),
    (
        "novelist; poet; author; writer; blogger; schriftsteller*; écrivain*; escritor*; scrittore; 作家",
        "creative_arts_writing",
        "writer",
    ),
    ("pilot; flight attendant; pilote; piloto; 飞行员", "operations_logistics", "airline pilot"),
    (
        "truck driver; lorry driver; delivery driver; taxi driver; bus driver; courier; fahrer; chauffeur*;"
        " conductor de camión; camionista",
        "operations_logistics",
        "delivery driver",
    ),
    ("police*; polizei*; policier*; policía; polícia; polizia; 警察", "public_policy_government", "police officer"),
    (
        "firefighter*; feuerwehr*; pompier*; bombero*; bombeiro*; vigile del fuoco",
        "public_policy_government",
        "firefighter",
    ),
    (
        "soldier; army officer; military; soldat*; militaire; militar; 军人",
        "public_policy_government",
        "military officer",
    ),
    ("mechanic; mechaniker*; mécanicien*; mecánico; mecânico; meccanico", "skilled_trades", "mechanic"),
    ("librarian*; bibliothekar*; bibliothécaire*; bibliotecari*", "education_teaching", "librarian"),
    ("coach; trainer; personal trainer; fitness instructor", "education_teaching", "coach"),
    (
        "priest; pastor; imam; rabbi; chaplain; pfarrer*; prêtre; sacerdote; 牧师",
        "nonprofit_grants",
        "community chaplain",
    ),
    (
        "scientist*; chemist*; physicist*; biologist*; mathematician*; wissenschaftler*; scientifique*; científic*;"
        " scienziat*; 科学家",
        "academic_research",
        "research scientist",
    ),
    (  # scholars of a named field: a historian or an astrophysicist is a researcher, not HR or facilities staff
        "historian*; astrophysicist*; astronomer*; ecologist*; botanist*; zoologist*; sociologist*; hydrologist*;"
        " geologist*; oceanographer*; entomologist*; archaeologist*; anthropologist*; neuroscientist*; biochemist*;"
        " geneticist*; epidemiologist*; linguist*; palaeontologist*; historien*; historiker*; historiador*; storic*",
        "academic_research",
        "researcher",
    ),
    (
        "executive assistant; personal assistant; administrative assistant; secretary; office assistant;"
        " sekretär*; assistenz der geschäftsführung; secrétaire; secretari*; segretari*; 秘书; 秘書",
        "project_program_management",
        "executive assistant",
    ),
    ("economist*; ökonom*; économiste*; economista", "public_policy_government", "economist"),
    (
        "gardener; gardening; landscaper; gärtner*; jardinier*; jardiner*",
        "small_business",
        "owner of a small gardening business",
    ),
    ("photographer*; fotograf*; photographe*", "creative_arts_writing", "photographer"),
    ("curator*; museum; kurator*; conservateur; curador*", "nonprofit_grants", "museum curator"),
    ("bank teller; teller; cashier*; kassierer*; caissier*; cajer*", "customer_success_support", "bank teller"),
    ("paramedic*; emt; ambulance; rettungssanitäter*; ambulancier*; paramédic*", "nursing_care", "paramedic"),
    (
        "prison officer*; prison guard*; prison warder*; correctional officer*; corrections officer*;"
        " detention officer*; surveillant pénitentiaire",
        "public_policy_government",
        "prison officer",
    ),
    (
        "probation officer*; probation practitioner*; parole officer*; parole agent*; bewährungshelfer*",
        "public_policy_government",
        "probation officer",
    ),
    (
        "postal worker*; postman; postmen; postwoman; mail carrier*; letter carrier*; mailman; postie; facteur;"
        " briefträger*",
        "operations_logistics",
        "postal worker",
    ),
    ("security guard*; night watchman; wachmann; agent de sécurité", "facilities_management", "security guard"),
    ("park ranger; forest ranger; ranger; förster*; garde forestier", "parks_conservation", "park ranger"),
    ("game warden*; park warden*; conservation officer*; forester*", "parks_conservation", "conservation officer"),
    (
        "train conductor; train driver; railway worker; railroad; lokführer*; conducteur de train; maquinista",
        "operations_logistics",
        "train conductor",
    ),
)

# Life situations without an occupation; they shape the fallback and the mapping note.
_LIFE_SITUATIONS: tuple[tuple[str, str], ...] = (
    (
        "retired; retiree; pensioner; rentner*; pensionär*; retraité*; jubilad*; aposentad*; pensionat*;"
        " in pensione; 退休; 定年; 은퇴",
        "retired",
    ),
    (
        "grandmother; grandfather; grandma; grandpa; grandparent*; granny; großmutter; großvater; oma; opa;"
        " grand-mère; grand-père; abuela; abuelo; avó; avô; nonna; nonno; 奶奶; 爷爷; おばあちゃん; 할머니",
        "grandparent",
    ),
    (
        "stay-at-home; homemaker; housewife; househusband; hausfrau; hausmann; femme au foyer; ama de casa;"
        " dona de casa; casalinga; 主妇; 主婦",
        "homemaker",
    ),
    (
        "student; students; undergraduate; pupil; schoolgirl; schoolboy; studierende*; student*; étudiant*;"
        " estudiante*; estudante*; studente; studentessa; 学生; 대학생",
        "student",
    ),
    ("teenager; teen; teens; kid; child; children; year-old; jugendlich*; adolescent*; 青少年", "young person"),
    (
        "unemployed; jobseeker; job seeker; between jobs; arbeitslos*; chômeur*; desempleado*; desempregad*;"
        " disoccupat*; 失业",
        "between jobs",
    ),
    ("hobby; hobbies; hobbyist; enthusiast; loves; passionate about; fan of; likes", "hobbyist"),
)

_SENIORITY_CUES: tuple[tuple[Seniority, str], ...] = (
    (
        "intern",
        "intern; interns; internship; trainee; apprentice*; praktikant*; stagiaire; becari*; pasante;"
        " estagiári*; tirocinante; stagista; 实习; インターン; 인턴; working student",
    ),
    (
        "junior",
        "junior; graduate; entry-level; entry level; newly qualified; júnior; berufseinsteiger*; débutant*;"
        " principiante; 初级; 新人",
    ),
    ("mid", "mid-level; mid level; mid-career; experienced"),
    ("senior", "senior; veteran; seasoned; sênior; erfahren*; expérimenté*; esperto; 资深; ベテラン"),
    (
        "lead",
        "lead; principal; staff engineer; team leader; team lead; teamleiter*; chef d'équipe; líder;"
        " capo; 组长; リーダー",
    ),
    (
        "manager",
        "manager; managers; manages; leiter*; leiterin; gerente; gestionnaire; responsable; responsabile;"
        " 经理; マネージャー; 팀장",
    ),
    (
        "director",
        "director; directors; head of; direktor*; directeur; directrice; directora; diretor*;"
        " direttore; direttrice; 总监; 部長; 본부장",
    ),
    (
        "executive",
        "chief; CEO; CFO; CTO; COO; CIO; CMO; CHRO; vice president; VP; president; founder;"
        " co-founder; owner; managing director; managing partner; geschäftsführer*; vorstand; PDG; président*;"
        " presidente; fundador*; fondatore; 总经理; 社長; 대표",
    ),
)

_LIFE_FAMILY_IDS = frozenset(LIFE_FAMILY_IDS)
_FAMILY_ROLES = frozenset(
    {"mother", "father", "mom", "dad", "mum", "parent", "wife", "husband", "grandmother", "grandfather", "grandparent"}
)
_GRADUATE_WORDS = frozenset({"phd", "doctoral", "graduate", "grad", "masters", "master's", "postgraduate"})

# Life stages whose computer belongs to that life whatever else the text names.
_LIFE_STAGE_FAMILIES: dict[LifeStage, str] = {
    "retiree": "home_retirement_life",
    "homemaker": "home_retirement_life",
    "job_seeker": "home_retirement_life",
    "student": "student_life",
    "volunteer": "nonprofit_grants",
}

# The career level a life stage implies (a student supervises no one; a retiree has no current rank).
_STAGE_SENIORITY: dict[LifeStage, Seniority] = {
    "student": "intern",
    "intern": "intern",
    "retiree": "senior",
    "homemaker": "mid",
    "job_seeker": "mid",
}

# Words that say how someone works, not what they do: "a self-employed roofer" is a roofer who works for himself, so
# these vote for small business only when the role names no other occupation.
_STATUS_WORDS: frozenset[str] = frozenset(
    _fold(w)
    for w in (
        "self-employed",
        "freelance",
        "freelancer",
        "freelanc",
        "sole trader",
        "independent",
        "selbstständig",
        "autónomo",
        "autônomo",
        "auto-entrepreneur",
        "indépendant",
    )
)

_FALLBACK_FAMILIES: tuple[str, ...] = (
    "small_business",
    "nonprofit_grants",
    "project_program_management",
    "customer_success_support",
    "operations_logistics",
    "hr_people",
    "marketing",
    "facilities_management",
)


def _split(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


@lru_cache(maxsize=1)
def _votes() -> tuple[_Vote, ...]:
    votes: list[_Vote] = []
    for fam in OCCUPATIONAL_FAMILIES.values():
        for level in SENIORITIES:
            for role in fam.roles[level]:
                pat = _pattern(role)
                if pat is not None:
                    weight = 12.0 + 2.0 * len(pat.needle.split())
                    votes.append(_Vote(pat, fam.id, weight, "role", role, level))
        for title in fam.titles:
            pat = _pattern(title)
            if pat is not None:
                votes.append(_Vote(pat, fam.id, 8.0 + 2.0 * (len(pat.needle.split()) - 1), "title", title))
        for keyword in fam.keywords:
            pat = _pattern(keyword)
            if pat is not None:
                weight = 4.0 if (" " in pat.needle or pat.substring) else 3.0
                votes.append(_Vote(pat, fam.id, weight, "keyword", keyword.rstrip("*")))
    for keywords, family, occupation in _ADJACENT:
        for keyword in _split(keywords):
            pat = _pattern(keyword)
            if pat is not None:
                votes.append(_Vote(pat, family, 7.0, "adjacent", occupation))
    return tuple(votes)


@lru_cache(maxsize=1)
def _cues() -> tuple[
    tuple[tuple[Seniority, _Pattern], ...],
    tuple[tuple[str, _Pattern], ...],
    tuple[tuple[str, _Pattern, float], ...],
    tuple[tuple[str, _Pattern, bool], ...],
]:
    seniority = tuple(
        (level, pat) for level, words in _SENIORITY_CUES for w in _split(words) if (pat := _pattern(w)) is not None
    )
    life = tuple(
        (label, pat) for words, label in _LIFE_SITUATIONS for w in _split(words) if (pat := _pattern(w)) is not None
    )
    industries: list[tuple[str, _Pattern, float]] = []
    for ind in INDUSTRIES.values():
        for word in ind.keywords:
            if (pat := _pattern(word)) is not None:
                industries.append((ind.id, pat, 1.0 + 0.5 * pat.needle.count(" ")))
        for employer in ind.employers:  # the kinds of employer named in composed personas
            name = employer.split(" ", 1)[1] if employer.startswith(("a ", "an ")) else employer
            if (pat := _pattern(name)) is not None:
                industries.append((ind.id, pat, 6.0))
    places: list[tuple[str, _Pattern, bool]] = []
    for country in COUNTRIES.values():
        for city in country.cities:
            if (pat := _pattern(city)) is not None:
                places.append((country.name, pat, True))
        for alias in country.aliases:
            if (pat := _pattern(alias)) is not None:
                places.append((country.name, pat, False))
    return seniority, life, tuple(industries), tuple(places)


def _clean(text: str) -> str:
    """Replace lone surrogates and control characters, collapse whitespace to one line."""
    chars = []
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            chars.append("\ufffd")
        elif unicodedata.category(ch) == "Cc":
            chars.append(" ")
        else:
            chars.append(ch)
    return " ".join("".join(chars).split())


# an orchestra or an opera named for its city: "the Vienna Philharmonic", "the Berlin Radio Symphony Orchestra"
_ENSEMBLE = re.compile(
    r"\bthe ((?:[A-Z][\w'-]+ ){1,2}?)(?:Radio )?(?:Philharmoni[ck]|Philharmonia|Symphony|Sinfonietta|Chamber Orchestra|"
    r"State Opera|Opera|Orchestra)\b"
)


def _city_of(text: _Text, country: str) -> str | None:
    best: tuple[int, str] | None = None
    for city in COUNTRIES[country].cities:
        pat = _pattern(city)
        if pat is None:
            continue
        pos = text.find(pat)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, city)
    return best[1] if best else None


# countries a veteran names as the war they served in ("a Vietnam veteran", "served in Afghanistan"), not as home
_WAR_PLACES = frozenset({"VN", "AF", "IQ", "KR", "KP", "KW", "FK", "SO", "BA", "XK", "LB", "GS", "SY", "LY", "ML"})
_SERVICE_CUE = re.compile(r"\b(veterans?|served|serving|fought|deployed|tours? of duty|ex-servicem[ae]n)\b", re.I)
_HOME_CUE = r"\b(?:lives?|living|based|born|settled|retired|now) (?:in|to) (?:the )?"
_UK_SERVICE = re.compile(r"\b(royal (?:navy|marines?|air force)|raf|british army|falklands?|northern ireland)\b", re.I)
_US_SERVICE = re.compile(r"\b(us|u\.s\.|united states|american) (?:navy|army|air force|marines?|veteran)|"
                         r"\bmarine corps\b|\bthe va\b", re.I)  # fmt: skip


def _veteran_home(text: str, place: Place) -> Place:
    """Where a veteran lives: a war's country ("a Vietnam veteran", "served in Afghanistan") is where they fought,
    not home, unless the text says they live there; the forces they name give the home when nothing else does
    (the Royal Navy or the Falklands: the United Kingdom; the US Army or the Marine Corps: the United States)."""
    if not _SERVICE_CUE.search(text) and not _UK_SERVICE.search(text) and not _US_SERVICE.search(text):
        return place
    if place.country_code in _WAR_PLACES and place.country:
        if place.city or place.region or re.search(_HOME_CUE + re.escape(place.country), text, re.I):
            return place  # "a Korean War veteran in Seoul" lives there
        place = Place()
    if place.country_code is not None:
        return place
    if _US_SERVICE.search(text):
        return resolve_place("a veteran in the United States")
    if _UK_SERVICE.search(text):
        return resolve_place("a veteran in the United Kingdom")
    return place


def classify_persona(text: str, *, source: str = "inline") -> Persona:
    """Map any persona text to the nearest sensible working life.

    Role titles, occupation nouns and domain keywords (English, German, French, Spanish, Portuguese, Italian and
    common CJK terms) vote for an occupational family; seniority, industry, country and city are detected the same
    way. Non-professional texts ("a retired grandmother who loves knitting") map to a plausible working life and
    explain the choice in ``mapping_note``; texts without any cue get a deterministic fallback.

    Args:
        text: The persona, one line (other whitespace is collapsed).
        source: Recorded in ``Persona.source``.

    Returns:
        The classified persona; ``text`` is the cleaned one-line text.

    Raises:
        PersonaError: If the text is empty, has no letters at all or is longer than 20,000 characters.

    Example:
        >>> p = classify_persona("A senior buyer at a mid-size automotive parts supplier in Stuttgart")
        >>> (p.family, p.seniority, p.country, p.industry)
        ('procurement_supply_chain', 'senior', 'Germany', 'automotive')
    """
    if not isinstance(text, str):
        raise PersonaError(f"persona text must be a string, got {type(text).__name__}")
    if len(text) > MAX_PERSONA_CHARS:
        raise PersonaError(f"persona text is too long ({len(text):,} characters; the limit is {MAX_PERSONA_CHARS:,})")
    cleaned = _clean(text)
    if not cleaned:
        raise PersonaError("persona text is empty")
    if not any(ch.isalpha() for ch in cleaned):
        raise PersonaError(f"persona text has no letters: {cleaned[:60]!r}")

    prepared = _Text(cleaned)
    seniority_cues, life_cues, industry_cues, place_cues = _cues()
    profile = parse_profile(cleaned)
    role_span = (-1, -1)
    if profile.role:
        role_pos = prepared.folded.find(" " + _fold(profile.role) + " ")
        if role_pos >= 0:
            role_span = (role_pos, role_pos + len(_fold(profile.role)) + 2)

    matches: list[tuple[_Vote, int, int]] = []
    for vote in _votes():
        pos = prepared.find(vote.pattern)
        if pos >= 0:
            matches.append((vote, pos, pos + len(vote.pattern.needle) + 1))
    # A phrase inside a longer matched title ("project manager" in "clinical project manager") does not vote.
    spans = [(start, end) for vote, start, end in matches if vote.kind != "keyword" and not vote.pattern.case_sensitive]
    # an occupation named inside the role ("roofer" in "self-employed roofer") outvotes the role's status words
    role_names_trade = any(
        role_span[0] <= pos
        and end <= role_span[1]
        and vote.kind != "keyword"
        and vote.pattern.needle not in _STATUS_WORDS
        and vote.family not in ("small_business", "student_life", "home_retirement_life")
        for vote, pos, end in matches
    )
    scores: dict[str, float] = {}
    best_named: dict[str, tuple[tuple[bool, float, int], int, _Vote]] = {}  # family -> best role/title match
    role_families: set[str] = set()  # families with a vote inside the persona's own role words
    role_professions: set[str] = set()  # professional families named by a title inside the role ("student nurse")
    for vote, pos, end in matches:
        if not vote.pattern.case_sensitive and any(
            start <= pos and end <= stop and stop - start > end - pos for start, stop in spans
        ):
            continue
        in_role = role_span[0] <= pos and end <= role_span[1]
        if in_role and role_names_trade and vote.pattern.needle in _STATUS_WORDS:
            continue
        weight = vote.weight * (1.5 if pos < _EARLY_CHARS else 1.0) * (3.0 if in_role else 1.0)
        if vote.family in _LIFE_FAMILY_IDS and not in_role:
            weight /= 3.0  # "works with teenagers" does not make a psychologist a student
        scores[vote.family] = scores.get(vote.family, 0.0) + weight
        if in_role:
            role_families.add(vote.family)
            if vote.kind != "keyword" and vote.family not in _LIFE_FAMILY_IDS:
                role_professions.add(vote.family)
        if vote.kind != "keyword":  # a title inside the persona's own role beats one elsewhere ("mentors a trainee")
            rank = (in_role, vote.weight, -pos)
            current = best_named.get(vote.family)
            if current is None or rank > current[0]:
                best_named[vote.family] = (rank, pos, vote)

    situations: list[str] = []
    for label, pat in life_cues:
        if label not in situations and prepared.find(pat) >= 0:
            situations.append(label)

    notes: list[str] = []
    stage = profile.life_stage
    if stage not in ("retiree", "homemaker", "job_seeker", "employee"):
        scores.pop("home_retirement_life", None)  # "a grandmother who runs a small bakery" runs a business
    role_words = set(_fold(profile.role or "").split())
    life_family = _LIFE_STAGE_FAMILIES.get(stage)
    if stage == "student" and role_words & _GRADUATE_WORDS:
        life_family = "academic_research"
    if stage == "student" and role_professions:
        life_family = None  # "a student nurse", "a medical student": the profession they train for
    if (
        life_family is None
        and stage == "employee"
        and role_words & _FAMILY_ROLES
        and not role_professions
        and not (scores and role_families)
    ):
        life_family = "home_retirement_life"  # "a mother concerned about screen time": a life at home, not a job
    if life_family is not None:
        family = life_family
    elif scores:
        family = max(FAMILY_IDS, key=lambda fid: (scores.get(fid, 0.0), -FAMILY_IDS.index(fid)))
    elif stage in ("self_employed", "small_business_owner"):
        family = "small_business"  # a business or trade the families do not name ("runs a small bakery")
    elif profile.interests or "hobbyist" in situations or "grandparent" in situations:
        family = "home_retirement_life"  # a life told by its hobbies, not an office job
    elif "young person" in situations:
        family = "student_life"
    else:
        digest = hashlib.sha1(_fold(cleaned).encode("utf-8")).digest()
        family = _FALLBACK_FAMILIES[digest[0] % len(_FALLBACK_FAMILIES)]
        notes.append("no occupational cues found; working life assigned deterministically from the text")
    fam = OCCUPATIONAL_FAMILIES[family]

    # Seniority: the life stage first, then the matched role title, else the highest level cue, else mid.
    named = best_named.get(family)
    seniority: Seniority
    if stage == "student" and role_words & _GRADUATE_WORDS:
        seniority = "junior"  # a PhD candidate is a junior researcher, still supervising no one
    elif stage in _STAGE_SENIORITY:
        seniority = _STAGE_SENIORITY[stage]
    elif named is not None and named[2].seniority is not None:
        seniority = named[2].seniority
    else:
        cue_text = prepared
        if named is not None:  # "executive assistant" must not read as an executive
            cue_text = prepared.without(named[2].pattern.needle)
        found = [level for level, pat in seniority_cues if cue_text.find(pat) >= 0]
        if found:
            seniority = max(found, key=SENIORITIES.index)
            if named is not None and "assistant" in named[2].display and seniority in ("director", "executive"):
                seniority = "senior"  # "assistant to the CEO" is not an executive
        elif stage == "small_business_owner":
            seniority = "executive"
        else:
            seniority = "mid"
        if seniority == "executive" and stage not in ("small_business_owner", "employee"):
            seniority = "senior"

    role = profile.role
    folded_role = " " + _fold(role or "") + " "
    opens_with_article = any(
        f" {lead}{folded_role}" in prepared.folded for lead in ("a", "an", "the", "this", "turned", "as")
    )  # "a <role>", "a wrestler turned <role>", "works as <role>"
    if role is not None and not opens_with_article and family not in role_families and stage == "employee":
        role = None  # "hello world" is no role; "chef" and "Buchhalterin in ..." are (they carry a cue)
    own_role = role is not None  # the persona's own words, never replaced by a family's job title
    if own_role and role:
        occupation = role
    elif named is not None:
        occupation = named[2].display
    else:
        occupation = fam.roles[seniority][0]
        if scores and not situations:
            notes.append(f"occupation inferred from domain keywords as {occupation!r}")

    if named is not None and named[2].kind == "adjacent" and not own_role:
        notes.append(f"{occupation!r} is outside the built-in occupational families; mapped to {fam.label}")
    if life_family is not None or (situations and family in _LIFE_FAMILY_IDS):
        label = stage.replace("_", " ").replace("self employed", "self-employed")
        notes.insert(0, f"{label} persona: a computer of that life ({fam.label}), not an office job")

    industry_scores: dict[str, tuple[float, int]] = {}
    for ind_id, pat, weight in industry_cues:
        pos = prepared.find(pat)
        if pos >= 0:
            total, first = industry_scores.get(ind_id, (0.0, pos))
            industry_scores[ind_id] = (total + weight, min(first, pos))
    if industry_scores and family not in _LIFE_FAMILY_IDS:
        industry = max(industry_scores, key=lambda i: (industry_scores[i][0], -industry_scores[i][1]))
    elif industry_scores and family in _LIFE_FAMILY_IDS:
        fitting = [i for i in industry_scores if i in fam.industries]
        industry = max(fitting, key=lambda i: industry_scores[i][0]) if fitting else fam.industries[0]
    else:
        industry = fam.industries[0]

    hint: str | None = None
    first_pos = -1
    for name, pat, _is_city in place_cues:
        pos = prepared.find(pat)
        if pos >= 0 and (first_pos < 0 or pos < first_pos):
            first_pos, hint = pos, name
    place = _veteran_home(cleaned, resolve_place(cleaned, country_hint=hint))
    ensemble = _ENSEMBLE.search(cleaned) if place.city is None else None
    if ensemble:  # "a violinist in the Vienna Philharmonic" lives in Vienna (the orchestra's city), not nowhere
        home = resolve_place(f"in {ensemble.group(1)}")
        big = {c.casefold() for c, _tz in country_cities(home.country_code or "", 40)}
        # a capital or a big city ("Vienna"), not a small town sharing a conductor's name (the Hallé is no Halle)
        if home.city and home.city.casefold() in big and place.country_code in (None, home.country_code):
            place = home
    city = place.city
    if city is None and place.country is not None and place.country in COUNTRIES:
        city = _city_of(prepared, place.country)

    return Persona(
        text=cleaned,
        occupation=occupation,
        family=family,
        industry=industry,
        seniority=seniority,
        country=place.country,
        city=city,
        source=source,
        mapping_note="; ".join(notes) or None,
        role=role,
        life_stage=stage,
        org_type=profile.org_type,
        region=place.region,
        country_code=place.country_code,
        birth_year=profile.birth_year,
        birth_year_range=profile.birth_year_range,
        interests=profile.interests,
        key_nouns=place_phrases(profile.key_nouns, cleaned, place),
    )
