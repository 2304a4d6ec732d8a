"""SyntheticComputerEnv shares the simulation's day rhythm and collaborator turns (one rule, two orchestrators)."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta

import pytest
from export_run_cache import short_run

from synthcomp_agents.env import EnvTask, SyntheticComputerEnv
from synthcomp_agents.simulation import OVERTIME_MINUTES, EndOfDayTermination


@pytest.fixture(scope="module")
def task() -> EnvTask:
    run = short_run()
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    return EnvTask.from_run(run, plan["objectives"][0]["objective_id"], max_steps=50)


def test_overtime_closes_the_day_exactly_when_the_simulation_would(task: EnvTask) -> None:
    with SyntheticComputerEnv() as env:
        env.reset(task)
        world, clock = env.world, env.world.clock
        simulation_rule = EndOfDayTermination(world, clock)
        clock.advance_to(clock.day_end + timedelta(minutes=OVERTIME_MINUTES - 10))
        out = env.step("Still finishing the figures.")  # a text action costs a couple of minutes
        assert not any("Good morning" in o["content"] for o in out["observations"])
        assert out["metadata"]["day"] == 1
        assert asyncio.run(simulation_rule([])) is None
        clock.advance(8)
        out = env.step("Wrapping up.")
        assert asyncio.run(simulation_rule([])) is None  # the env already moved to the next morning
        assert any(o["role"] == "user" and "Good morning" in o["content"] for o in out["observations"])
        assert out["metadata"]["day"] == 2
        closed = re.search(
            r"the environment closed the day: working hours ended (\d+) minutes ago", world.day_summaries[-1]
        )
        assert closed is not None and OVERTIME_MINUTES <= int(closed.group(1)) < OVERTIME_MINUTES + 5


def test_a_collaborator_answers_new_mail_once_in_the_same_step(task: EnvTask) -> None:
    with SyntheticComputerEnv() as env:
        env.reset(task)
        ident, persona = sorted(env.world.collaborators.items())[0]
        send = {
            "function": {
                "name": "send_message",
                "arguments": json.dumps(
                    {"to": [ident], "subject": "Status", "body": f"Hi {persona.name.split()[0]}, where do we stand?"}
                ),
            }
        }
        out = env.step(send)
        notes = [n for n in out["metadata"]["collaborators"] if n["name"] == ident]
        assert len(notes) == 1 and notes[0]["content"].strip()
        # the worker hears of the reply by mail, never as a user message from the collaborator
        assert not [o for o in out["observations"] if o.get("name") == ident]
        again = env.step("Reading the reply.")
        assert not [n for n in again["metadata"]["collaborators"] if n["name"] == ident]
