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
from synthcomp_agents.models._scripted_text import reply_answers
from synthcomp_agents.simulation import RunFolder

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
