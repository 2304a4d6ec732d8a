"""The competent scripted worker's first days read like a careful person's: each colleague asked once with all the
questions for them (numbered, every answer taken), no part of a file read twice when one read showed it, no call
repeated after the world said it cannot work."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.models._scripted_text import reply_answers
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.simulation import RunFolder, Simulation, SimulationConfig

DAYS = 3


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dayone") / "out"
    result = CliRunner().invoke(
        app, ["run", "--n", "1", "--seed", "0", "--days", str(DAYS), "--worker-policy", "competent", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return next((out / "runs").iterdir())


def _calls(run: Path) -> list[tuple[str, dict[str, Any], str]]:
    """(tool, arguments, result text) of every worker call, the result taken from the next request's messages."""
    records = [r for r in RunFolder(run).iter_trajectory() if r["role"] == "worker"]
    results: dict[str, str] = {}
    for record in records:
        for message in record["request"]["messages"]:
            if message.get("role") == "tool":
                results[str(message.get("tool_call_id"))] = str(message.get("content"))
    out = []
    for record in records:
        for call in record["response"].get("tool_calls") or []:
            args = json.loads(call["function"]["arguments"])
            out.append((call["function"]["name"], args, results.get(call["id"], "")))
    return out


def test_each_colleague_is_asked_once_on_day_one_with_numbered_questions(run: Path) -> None:
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    wanted: dict[str, set[str]] = {}
    for objective in plan["objectives"]:
        for deliverable in objective["deliverables"]:
            for item in deliverable["collaborator_inputs"]:
                wanted.setdefault(item["collaborator"], set()).add(item["topic"])
    mails = [a for name, a, _r in _calls(run) if name == "send_message" and a["subject"].startswith("Question")]
    first_day = mails[: len(wanted)]
    per_person = Counter(to for m in first_day for to in m["to"])
    assert set(per_person) == set(wanted) and set(per_person.values()) == {1}, per_person
    several = [m for m in first_day if len(wanted[m["to"][0]]) > 1]
    assert several, "no colleague holds two topics: the test computer does not exercise grouped questions"
    for mail in several:
        numbered = re.findall(r"^\d+\. .+\?", mail["body"], re.M)
        assert len(numbered) == len(wanted[mail["to"][0]]), mail["body"]


def test_every_answer_of_a_grouped_reply_reaches_the_journal(run: Path) -> None:
    journal = next(p for p in (run / "final").rglob("Work Journal.md"))
    text = journal.read_text(encoding="utf-8")
    for name, _args, result in _calls(run):
        if name != "read_message" or "Re: Questions: " not in result:
            continue
        subject = re.search(r"^Subject: .*Questions: (.+) \[", result, re.M)
        assert subject is not None
        topics = subject.group(1).split("; ")
        known = [a for a in reply_answers(result.partition("\n\n")[2]) if not a.unknown]
        assert len(known) == len(topics), result  # one answer per numbered question
        for answer in known:  # each one taken: noted in my journal ("answered '<topic>'" or "<id>: <who> says")
            assert answer.text[:60] in text, (answer.text, text[-1500:])
        break
    else:
        pytest.fail("no grouped reply was read in the run")


def test_no_part_is_read_again_after_a_read_showed_it_whole_and_no_failing_call_repeats(run: Path) -> None:
    calls = _calls(run)
    errors = Counter((name, json.dumps(a, sort_keys=True)) for name, a, r in calls if "past the end" in r)
    assert not errors, errors.most_common(3)
    shown: dict[str, set[str]] = {}
    for name, args, result in calls:
        if name != "read_file":
            continue
        path = str(args["path"])
        part = args.get("part")
        if part and part in shown.get(path, set()):
            pytest.fail(f"{path} part {part!r} read again although an earlier read showed it whole")
        if not part and not args.get("offset") and result.startswith("/"):
            headings = [m.group(1) for m in re.finditer(r"^#+ (?:Sheet )?(.+?)(?: \u2014.*)?$", result, re.M)]
            cut = "more characters" in result or "more content" in result
            shown.setdefault(path, set()).update(headings[:-1] if cut else headings)


def test_a_search_looks_for_what_tells_files_apart_not_the_folders_own_name(run: Path) -> None:
    """Searching "Local" inside "Local referral guideline/" matches every file there: 113 lines of noise."""
    searches = [a for name, a, _r in _calls(run) if name == "search_text"]
    assert searches
    for args in searches:
        named = {w.casefold().rstrip("s") for w in re.findall(r"[A-Za-z][A-Za-z-]+", str(args.get("path", "")))}
        assert str(args["query"]).casefold().rstrip("s") not in named, args


_EDITION = re.compile(
    r"(?:[ _-]+(?:v\d+|final|old|copy|draft))+$"
    r"|[ _-]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ _-]\d{4}$",
    re.IGNORECASE,
)


def _document(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    previous = None
    while previous != stem:
        previous, stem = stem, _EDITION.sub("", stem).strip()
    return stem.casefold()


@pytest.fixture(scope="module")
def clinic_morning(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 40 worker calls of ``synthcomp run --n 5 --seed 0 --days 5``'s fifth computer, a clinic whose
    project folder keeps "brief Oct 2025", "brief Nov 2025_v2", "referral log Nov 2025"
    and "referral log Dec 2025_v2"."""
    out = tmp_path_factory.mktemp("clinic")
    persona = sample_personas(5, seed=0)[4]
    computer = ProceduralComputerGenerator().generate(persona, seed=4)
    computer.save(out / "computer", materialize=False)
    config = SimulationConfig(
        computer_dir=out / "computer", run_dir=out / "run", seed=4, days=5, max_worker_turns=40, materialize=False
    )
    Simulation(config).run_sync()
    return out / "run"


@pytest.mark.parametrize("which", ["run", "clinic_morning"])
def test_of_two_editions_of_a_document_only_the_current_is_read_unless_it_is_a_source(
    which: str, request: pytest.FixtureRequest
) -> None:
    """ "brief Oct 2025" after "brief Nov 2025_v2" says what the newer one says, less current (2,500 tokens)."""
    run: Path = request.getfixturevalue(which)
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    sources = {
        _document(path)
        for objective in plan["objectives"]
        for deliverable in objective["deliverables"]
        for path in [*deliverable.get("grounding_files", []), deliverable["path"]]
    }
    read: dict[str, set[str]] = {}
    for name, args, _result in _calls(run):
        if name == "read_file" and not str(args["path"]).endswith(".md"):
            path = str(args["path"])
            read.setdefault(_document(path), set()).add(path.rsplit("/", 1)[-1])
    twice = {doc: names for doc, names in read.items() if len(names) > 1 and doc not in sources}
    assert not twice, twice
