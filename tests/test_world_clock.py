"""Turns by the clock and exact episode control (issue 15, points 1 and 4).

Collaborators act after every worker model call, so their replies arrive by the simulated clock while the worker keeps
calling tools; ``wait`` lets time pass to the next message; mail due after the day's end is in the inbox next morning;
every tool result says what it cost; the inbox listing agrees with the clock line; the turn cap is exact and truthful;
no model call follows the month's last ``end_day``; one time zone and one path style.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

import pytest
from generator_cache import generated

from synthcomp_agents import Simulation, SimulationConfig
from synthcomp_agents.agents import worker_system_prompt
from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.simulation import RunFolder, SimulationResult, SimulationWorkbench, close_day
from synthcomp_agents.testing import demo_blueprint, demo_world
from synthcomp_agents.tools import DiskWorkbench, tool_traits
from synthcomp_agents.world import World

_TOOK = re.compile(r"\| took ([\d.]+) min")


def _call(wb: SimulationWorkbench, name: str, args: dict[str, Any] | None = None) -> str:
    return asyncio.run(wb.call_tool(name, args or {})).to_text()


def _reply_later(world: World, minutes: float, subject: str = "Numbers") -> None:
    """Petra answers a mail of the user's ``minutes`` from now (scheduled in the mailbox, as a collaborator does)."""
    petra = world.collaborator("petra_lang")
    mid = world.mailbox.send(world.owner, [petra.display_address], subject, "Any credit notes?")
    world.mailbox.reply(
        mid, petra.display_address, "Two, both in March.", deliver_at=world.clock.now + timedelta(minutes=minutes)
    )


# -- wait, costs, inbox -----------------------------------------------------------------------------------------------


def test_wait_has_traits_and_waits_for_the_next_message() -> None:
    traits = tool_traits("wait")
    assert traits is not None and traits.kind == "control" and traits.time_first and not traits.mutates
    world = demo_world(world_id="clock-wait")
    wb = SimulationWorkbench(world)
    assert "wait" in [s["name"] for s in wb.schemas()]
    _reply_later(world, 70)
    out = _call(wb, "wait")
    assert out.startswith("Waited 70 min (09:00-10:10); 1 new message:")
    assert "Re: Numbers" in out and "| unread" in out
    assert "| 1 unread | took 70 min" in out.splitlines()[-1]
    # N minutes, when no message comes sooner
    out = _call(wb, "wait", {"minutes": 25})
    assert out.startswith("Waited 25 min (10:10-10:35); no new mail.") and "took 25 min" in out
    # a message due sooner than N ends the wait
    _reply_later(world, 10, "Again")
    assert _call(wb, "wait", {"minutes": 120}).startswith("Waited 10 min (10:35-10:45); 1 new message")
    world.close()


def test_wait_stops_at_the_end_of_the_day() -> None:
    world = demo_world(world_id="clock-wait-eod")
    wb = SimulationWorkbench(world)
    world.clock.advance_to(world.clock.day_end - timedelta(minutes=20))
    _reply_later(world, 300)  # due long after working hours
    out = _call(wb, "wait")
    assert out.startswith("Waited 20 min (17:10-17:30); no new mail; the working day is over.")
    assert "working day over: call end_day" in out
    assert _call(wb, "wait", {"minutes": 30}).startswith("The working day is over")
    world.close()


def test_every_result_says_its_minutes_and_the_inbox_agrees_with_the_clock_line() -> None:
    world = demo_world(world_id="clock-took")
    wb = SimulationWorkbench(world)
    start = world.clock.now
    out = _call(wb, "list_directory", {"path": "~/Desktop"})
    took = float(_TOOK.search(out.splitlines()[-1]).group(1))  # type: ignore[union-attr]
    assert took == round((world.clock.now - start).total_seconds() / 60, 1) > 0
    # a reply due during the inbox check: the listing and the clock line both count it
    _reply_later(world, 1)
    out = _call(wb, "check_inbox")
    assert out.startswith("1 unread of 1 in your inbox"), out
    assert out.splitlines()[-1].endswith("| 1 unread | took 2 min")
    world.close()


def test_mail_due_after_the_days_end_is_in_the_inbox_next_morning() -> None:
    world = demo_world(world_id="clock-overnight", days=3)
    wb = SimulationWorkbench(world)
    world.clock.advance_to(world.clock.day_start + timedelta(hours=7, minutes=25))  # 16:25
    _reply_later(world, 38)  # due 17:03, after the worker leaves
    assert "Day ended at 16:25" in _call(wb, "end_day", {"summary": "Asked Petra; more tomorrow."})
    assert world.mailbox.inbox() == []
    close_day(world, "the worker ended the day")
    kickoff = world.start_day()
    assert "workday 2 of 3" in kickoff and "You have 1 unread message." in kickoff
    assert [m.subject for m in world.mailbox.inbox(unread_only=True)] == ["Re: Numbers"]
    world.close()


# -- one time zone, one path style ----------------------------------------------------------------------------------


def test_clock_file_times_and_mail_share_the_users_time_zone() -> None:
    world = demo_world(world_id="clock-tz")  # Europe/Berlin: UTC+2 in April
    wb = SimulationWorkbench(world)
    clock_line = _call(wb, "write_text_file", {"path": "~/Desktop/note.md", "content": "# Note"}).splitlines()[-1]
    local = re.search(r"\[clock\] \w{3} \d{2} \w{3} (\d{2}:\d{2}) \| day ", clock_line).group(1)  # type: ignore[union-attr]
    modified = world.disk.stat("Desktop/note.md").modified
    assert modified.astimezone(world.clock.tz).strftime("%H:%M") != modified.strftime("%H:%M")  # UTC differs
    info = _call(wb, "file_info", {"path": "~/Desktop/note.md"})
    assert f"; modified: {modified.astimezone(world.clock.tz):%Y-%m-%d %H:%M}" in info
    assert local >= modified.astimezone(world.clock.tz).strftime("%H:%M")
    _reply_later(world, 0)
    listing = _call(wb, "check_inbox")
    shown = re.search(r"m\d+ \| (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \|", listing).group(1)  # type: ignore[union-attr]
    assert shown == world.mailbox.inbox()[0].delivered.astimezone(world.clock.tz).strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
    assert "UTC" not in listing and "UTC" not in _call(wb, "read_message", {"message_id": "m00002"})
    world.close()


def test_one_path_style_in_the_prompt_and_the_tools() -> None:
    blueprint = demo_blueprint()
    profile = blueprint.user_profile
    flavors: tuple[tuple[Literal["windows", "linux"], str], ...] = (
        ("windows", f"C:\\Users\\{profile.username}"),
        ("linux", f"/home/{profile.username}"),
    )
    for flavor, home in flavors:
        bp = blueprint.model_copy(update={"user_profile": profile.model_copy(update={"os": flavor})})
        prompt = worker_system_prompt(bp, None, "Documents/Work Journal.md")
        assert f"home ~ = {home})" in prompt
        disk = VirtualDisk(user=profile.username, os=flavor)
        disk.write_text("Documents/a.md", "# A")
        out = asyncio.run(DiskWorkbench(disk).call_tool("find_files", {"pattern": "*.md"})).to_text()
        assert home in out, out
        disk.close()


def test_the_prompt_states_the_rules_of_the_world() -> None:
    prompt = worker_system_prompt(demo_blueprint(), None, "Documents/Work Journal.md")
    rules = prompt.split("## How your world works", 1)[1].split("##", 1)[0]
    for word in ("[clock]", "minutes the call took", "Mail:", "wait", "Reviews:", "Days:", "end_day", "next morning"):
        assert word in rules, word
    assert "keep working on other things while you wait" not in prompt


# -- simulations: clock turns, exact caps ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def computer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clock") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder, materialize=False)
    return folder


def _lines(run_dir: Path) -> list[dict[str, Any]]:
    """The run's trajectory records (compact or plain form)."""
    return list(RunFolder(run_dir).iter_trajectory())


def _events(run_dir: Path) -> list[dict[str, Any]]:
    """The run's events (compact or plain form)."""
    return [json.loads(line) for line in RunFolder(run_dir).iter_event_lines()]


def replies_by_the_clock(run_dir: Path) -> list[tuple[str, str]]:
    """(sent, delivered) sim times of replies that reached the inbox while the worker only called tools: a
    collaborator turn right after a worker tool call, the reply's inbox file written later, no worker text between."""
    lines = _lines(run_dir)
    worker = [line for line in lines if line["role"] == "worker"]
    texts = [line["sim_time"] for line in worker if not line["response"]["tool_calls"]]
    sends = [
        line["sim_time"]
        for line in worker
        if any(c["function"]["name"] in ("send_message", "reply") for c in line["response"]["tool_calls"] or [])
    ]
    inbox = [
        e["sim_time"]
        for e in _events(run_dir)
        if e["kind"] == "file" and e.get("op") == "write" and str(e.get("path", "")).startswith("Mail/Inbox/")
    ]
    out = []
    for sent in sends:
        later = [t for t in inbox if t > sent]
        if later and not any(sent < t <= later[0] for t in texts):
            out.append((sent, later[0]))
    return out


def test_collaborators_act_after_tool_calls_and_replies_arrive_by_the_clock(computer_dir: Path, tmp_path: Path) -> None:
    config = SimulationConfig(computer_dir=computer_dir, run_dir=tmp_path / "run", seed=7, days=2)
    Simulation(config).run_sync()
    lines = _lines(tmp_path / "run")
    previous = None
    after_tools = 0
    for line in lines:
        if line["role"].startswith("collaborator:") and previous is not None:
            after_tools += bool(previous["response"]["tool_calls"])
        if line["role"] == "worker":
            previous = line
    assert after_tools >= 1  # a collaborator took its turn right after a worker tool call
    assert replies_by_the_clock(tmp_path / "run")
    events = _events(tmp_path / "run")
    tools = [e for e in events if e["kind"] == "tool"]
    assert tools and all(e["sim_minutes"] >= 0 for e in tools)
    assert not any(e["kind"] == "message" and e.get("source") == "worker" and "[clock]" in e["content"] for e in events)


def test_worker_turn_cap_is_exact_and_truthful(computer_dir: Path, tmp_path: Path) -> None:
    config = SimulationConfig(computer_dir=computer_dir, run_dir=tmp_path / "cap", seed=7, days=5, max_worker_turns=37)
    result = Simulation(config).run_sync()
    worker = [line for line in _lines(tmp_path / "cap") if line["role"] == "worker"]
    assert len(worker) == result.summary["worker_turns"] == 37
    assert result.summary["stop_reason"] == "worker turn budget (37) spent"


@pytest.fixture(scope="module")
def one_day(computer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SimulationResult]:
    """A one-day run without a turn cap (read-only): its folder and result."""
    run = tmp_path_factory.mktemp("one-day") / "one"
    return run, Simulation(SimulationConfig(computer_dir=computer_dir, run_dir=run, seed=7, days=1)).run_sync()


def test_no_model_call_after_the_last_end_day(one_day: tuple[Path, SimulationResult]) -> None:
    run, result = one_day
    worker = [line for line in _lines(run) if line["role"] == "worker"]
    last = worker[-1]["response"]["tool_calls"] or []
    assert [c["function"]["name"] for c in last] == ["end_day"]
    assert result.summary["stop_reason"] == "month over"
    assert not any("end_day" in json.dumps(line["response"]) for line in worker[:-1])


def test_a_cap_spent_by_the_months_last_call_is_not_the_stop_reason(
    computer_dir: Path, one_day: tuple[Path, SimulationResult], tmp_path: Path
) -> None:
    calls = one_day[1].summary["worker_turns"]
    capped = SimulationConfig(
        computer_dir=computer_dir, run_dir=tmp_path / "cap", seed=7, days=1, max_worker_turns=calls
    )
    result = Simulation(capped).run_sync()
    assert result.summary["worker_turns"] == calls and result.summary["stop_reason"] == "month over"


def test_the_clock_line_is_short_and_the_scripted_reader_dates_it_across_a_new_year() -> None:
    from autogen_core.models import (
        FunctionExecutionResult,
        FunctionExecutionResultMessage,
        SystemMessage,
        UserMessage,
    )

    from synthcomp_agents.models._scripted_text import last_clock

    world = demo_world(world_id="clock-short")
    wb = SimulationWorkbench(world)
    line = _call(wb, "list_directory", {"path": "~/Desktop"}).splitlines()[-1]
    assert re.fullmatch(r"\[clock\] Mon 13 Apr 09:0\d \| day 1/20 \| 0 unread \| took [\d.]+ min", line), line
    world.close()
    kickoff = UserMessage(content="It is Thu 31 Dec 2026, 09:00 (UTC), workday 5 of 20.", source="user")
    line = "[clock] Fri 01 Jan 09:05 | day 6/20 | 2 unread"
    result = FunctionExecutionResult(call_id="c1", content=f"ok\n{line}", name="x")
    clock = last_clock([kickoff, FunctionExecutionResultMessage(content=[result])])
    assert clock is not None and (clock.date, clock.hhmm, clock.workday, clock.unread) == ("2027-01-01", "09:05", 6, 2)
    # a harness that keeps only the system prompt and the latest turns: the month plan's start gives the year
    system = SystemMessage(content="## Month plan: 20 workdays from 2026-12-24 (planned effort 90 h)")
    clock = last_clock([system, FunctionExecutionResultMessage(content=[result])])
    assert clock is not None and clock.date == "2027-01-01"
    assert last_clock([FunctionExecutionResultMessage(content=[result])]) is None  # no year in view: no guess
