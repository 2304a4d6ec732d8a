"""Measure how well persona texts are understood, now and at a baseline commit, on the same inputs.

For the built-in pool (``personas/pool.jsonl``) and the hand-read fixtures (``tests/fixtures/personas_varied.yaml``,
the development set, and ``personas_heldout.yaml``, measured once before tuning):

- ``occupational_cue``: share of personas whose text gave an occupational cue (no "no occupational cues" fallback);
- ``place``: share with a country; on the fixture also ``place_correct`` (the country the reader expects);
- ``keyword_retention``: share of a persona's own content words that reach its profile (every structured field
  but the text); on the fixture also ``key_noun_retention`` over the hand-listed key nouns;
- ``forced_office`` (fixture): share of personas without an employer (retirees, homemakers, job seekers,
  volunteers) given an office family.

The baseline runs in a subprocess on ``git archive <commit> synthcomp_agents/personas`` so both versions read the
same texts in the same run. Output is one JSON object.

Usage:
    python tools/persona_metrics.py                       # current code only
    python tools/persona_metrics.py --baseline 597015e    # and the code at that commit, with ratios
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT / "personas" / "pool.jsonl"
FIXTURE = ROOT / "tests" / "fixtures" / "personas_varied.yaml"
HELD_OUT = ROOT / "tests" / "fixtures" / "personas_heldout.yaml"

# A plain English stop list of the measurement's own, so the parser's word lists do not grade themselves.
_STOP_WORDS = (
    "a an the and or but of in on at to for from with by as is are was were be been has have had who whom whose"
    " which that this these those it its their his her our my they them he she we you not no so than too very just"
    " also only own such both each more most other some any all can will would should could may about into over"
    " under after before between through during while since because if though now currently recently one two"
    " three four five six seven eight nine ten year years month months week weeks day days time new old young"
    " small large big good great well often always never still being works work working lives living based loves"
    " enjoys likes someone person people man woman s t didn doesn isn wasn don get got make made take use used"
    " most spends weeks job into up out then there here when where why how what every many much several"
)
_STOP = set(_STOP_WORDS.split(" "))
# Lives without an employer: their computer must not be an office job's (interns, freelancers and owners may well
# belong to a professional family, and a student nurse to nursing).
_NON_EMPLOYEE = {"retiree", "homemaker", "job_seeker", "volunteer"}
_NOT_OFFICE = {
    "small_business",
    "nonprofit_grants",
    "academic_research",
    "agriculture_farming",
    "skilled_trades",
    "music_performing_arts",
    "creative_arts_writing",
    "student_life",
    "home_retirement_life",
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch if ch.isalnum() or ch in "'-" else " " for ch in decomposed if not unicodedata.combining(ch))


def _profile_words(record: dict[str, Any]) -> set[str]:
    words: set[str] = set()
    for key, value in record.items():
        if key in ("text", "persona_id", "source", "mapping_note"):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str):
                words.update(_fold(item).split())
    return words


def _content_words(text: str) -> list[str]:
    seen: list[str] = []
    for word in _fold(text).split():
        if len(word) >= 3 and word not in _STOP and not word.isdigit() and word not in seen:
            seen.append(word)
    return seen


def _classify_all(texts: list[str]) -> list[dict[str, Any]]:
    from synthcomp_agents.personas import classify_persona

    return [classify_persona(t).model_dump(mode="json") for t in texts]


def _shares(records: list[dict[str, Any]], texts: list[str]) -> dict[str, float]:
    cue = sum("no occupational cues" not in (r.get("mapping_note") or "") for r in records)
    place = sum(r.get("country") is not None for r in records)
    kept = total = 0
    for record, text in zip(records, texts, strict=True):
        words = _content_words(text)
        profile = _profile_words(record)
        kept += sum(w in profile for w in words)
        total += len(words)
    n = len(records)
    return {
        "n": n,
        "occupational_cue": round(cue / n, 4),
        "place": round(place / n, 4),
        "keyword_retention": round(kept / max(1, total), 4),
    }


def _against_expectations(fixture: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, float]:
    import pycountry

    from synthcomp_agents.personas import COUNTRIES

    correct = key_hit = key_total = forced = without_employer = 0
    for case, record in zip(fixture, records, strict=True):
        want = case.get("country_code")
        got = record.get("country")
        if want is None:
            correct += got is None
        else:
            names = {c for c in COUNTRIES if want == _code_of(c)} | {_pycountry_name(pycountry, want)}
            correct += got in names
        profile = _profile_words(record)
        for noun in case["key_nouns"]:
            key_total += 1
            key_hit += all(w in profile for w in _fold(noun).split())
        if case["life_stage"] in _NON_EMPLOYEE:
            without_employer += 1
            forced += record["family"] not in _NOT_OFFICE
    return {
        "place_correct": round(correct / len(fixture), 4),
        "key_noun_retention": round(key_hit / max(1, key_total), 4),
        "forced_office": round(forced / max(1, without_employer), 4),
    }


def measure(pool_texts: list[str], fixtures: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Compute the measures on the pool and on each hand-read fixture (see the module docstring)."""
    out = {"pool": _shares(_classify_all(pool_texts), pool_texts)}
    for name, cases in fixtures.items():
        texts = [c["text"] for c in cases]
        records = _classify_all(texts)
        out[name] = {**_shares(records, texts), **_against_expectations(cases, records)}
    return out


def _pycountry_name(pycountry: Any, code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or getattr(country, "name", code))


def _code_of(name: str) -> str | None:
    try:
        from synthcomp_agents.personas import country_code

        return country_code(name)
    except ImportError:  # a baseline without country codes
        import pycountry

        try:
            return str(pycountry.countries.lookup(name).alpha_2)
        except LookupError:
            return {"United Kingdom": "GB", "South Korea": "KR", "United States": "US"}.get(name)


def _inputs() -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    import yaml

    pool = [json.loads(line)["persona"] for line in POOL.read_text(encoding="utf-8").splitlines()]
    fixtures = {
        "fixture": yaml.safe_load(FIXTURE.read_text(encoding="utf-8")),
        "held_out": yaml.safe_load(HELD_OUT.read_text(encoding="utf-8")),
    }
    return pool, fixtures


_BASELINE_PATHS = ("synthcomp_agents/__init__.py", "synthcomp_agents/_version.py", "synthcomp_agents/personas")


def _baseline(commit: str) -> dict[str, Any]:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, *_BASELINE_PATHS],
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        script = (
            "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
            "from persona_metrics import measure, _inputs; print(json.dumps(measure(*_inputs())))"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, tmp, str(ROOT / "tools")],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": tmp},
        )
        if result.returncode:
            raise SystemExit(f"baseline {commit} failed:\n{result.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def main(argv: list[str] | None = None) -> int:
    """Print the measures as JSON (with ``--baseline``, both versions and current/baseline ratios)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", help="git commit to compare with (its synthcomp_agents/personas)")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    current = measure(*_inputs())
    report: dict[str, Any] = {"current": current}
    if args.baseline:
        base = _baseline(args.baseline)
        report["baseline"] = {"commit": args.baseline, **base}
        report["ratio"] = {
            part: {
                k: round(v / base[part][k], 3) if base[part].get(k) else None
                for k, v in current[part].items()
                if k != "n"
            }
            for part in current
        }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
