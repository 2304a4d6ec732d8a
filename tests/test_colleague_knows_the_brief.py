"""A colleague on a deliverable knows its project's current brief, not only the files the deliverable is grounded on.

Played as a model would through the env: asked whether a customer was still in scope after the brief's November
revision, the manager had seen only the deliverable's workbook and deck and answered with an unrelated deck row.
"""

from __future__ import annotations

import json
import re

from export_run_cache import short_run

from synthcomp_agents.env import EnvTask, SyntheticComputerEnv
from synthcomp_agents.office import extract_text

_WORD = re.compile(r"[A-Za-z]{4,}")


def _call(name: str, **arguments: object) -> dict[str, object]:
    return {"function": {"name": name, "arguments": json.dumps(arguments)}}


def test_a_question_on_the_brief_is_answered_from_the_brief() -> None:
    run = short_run()
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    asked = [
        (o["objective_id"], d, i["collaborator"])
        for o in plan["objectives"]
        for d in o["deliverables"]
        for i in d.get("collaborator_inputs", [])
    ]
    people = json.loads((run / "computer.json").read_text(encoding="utf-8"))["collaboration_context"]["collaborators"]
    hours = {c["identifier"]: c["responsiveness"] for c in people}
    assert asked
    objective_id, deliverable, who = min(asked, key=lambda a: hours.get(a[2], 99.0))  # an answer within the day
    with SyntheticComputerEnv() as env:
        env.reset(EnvTask.from_run(run, objective_id, max_steps=60))
        disk = env.world.disk
        folder = deliverable["path"].rsplit("/", 1)[0]
        briefs = [
            f
            for f in disk.list(folder)
            if not f.is_dir and f.name.endswith(".docx") and "brief" in f.name.lower() and f.path != deliverable["path"]
        ]
        assert briefs, f"no document beside {deliverable['path']}"
        brief = max(briefs, key=lambda f: (f.modified, f.path))
        grounded = " ".join(
            extract_text(p.rsplit("/", 1)[-1], disk.read_bytes(p)) for p in deliverable["grounding_files"]
        ).lower()
        text = extract_text(brief.name, disk.read_bytes(brief.path))
        # a line of the brief whose words the grounding files do not have: only the brief can answer it
        lines = [ln.strip("-# |").strip() for ln in text.splitlines()]
        own = [
            ln
            for ln in lines
            if len(ln) >= 30 and "|" not in ln and sum(w.lower() not in grounded for w in _WORD.findall(ln)) >= 3
        ]
        assert own, f"{brief.name} has no line of its own"
        line = own[0]
        words = [w for w in _WORD.findall(line) if w.lower() not in grounded][:4]
        question = f"Hi,\n\nquick one before I write this up: what is the latest on {' '.join(words)}?\n\nThanks"
        env.step(_call("send_message", to=[who], subject="Quick question", body=question))
        reply_id = None
        for _day in range(4):  # they answer in a day or two: wait, end the day, wait again
            waited = env.step(_call("wait", minutes=600))
            reply_id = re.search(r"\b(m\d{5})\b", str(waited["observations"][0]["content"]))
            if reply_id:
                break
            env.step(_call("end_day", summary="Waiting for an answer."))
        assert reply_id, "no answer within four days"
        reply = env.step(_call("read_message", message_id=reply_id.group(1)))
        body = str(reply["observations"][0]["content"])
        assert brief.name in body and line[:40] in body, body


def test_a_thank_you_mail_is_read_and_left_unanswered() -> None:
    """Answering "thanks, I have worked your comments in" with a file line started a loop of thank-yous and
    answers that a worker pasted into its deliverable (the repeated-text detector fired on an honest worker)."""
    run = short_run()
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    objective = plan["objectives"][0]
    who = next(i["collaborator"] for d in objective["deliverables"] for i in d.get("collaborator_inputs", []))
    with SyntheticComputerEnv() as env:
        env.reset(EnvTask.from_run(run, objective["objective_id"], max_steps=60))
        body = "Hi,\n\nthanks for your comments; I have worked them into the document.\n\nBest"
        env.step(_call("send_message", to=[who], subject="Re: Draft for your review", body=body))
        for _day in range(2):
            env.step(_call("wait", minutes=600))
            env.step(_call("end_day", summary="Nothing from them, as expected."))
        inbox = str(env.step(_call("check_inbox", unread_only=False))["observations"][0]["content"])
        assert "Draft for your review" not in inbox, inbox
        request = "Hi,\n\nthanks! Could you confirm where things stand on the figures?\n\nBest"
        env.step(_call("send_message", to=[who], subject="Figures", body=request))
        for _day in range(2):
            env.step(_call("wait", minutes=600))
            env.step(_call("end_day", summary="Waiting for an answer."))
        inbox = str(env.step(_call("check_inbox", unread_only=False))["observations"][0]["content"])
        assert "Re: Figures" in inbox, inbox  # the check has teeth: a request in the same words is answered
