"""SimClock: workdays, hours in the user's zone, costs, month end, state."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timezone

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.simulation import SimClock


def test_workdays_skip_weekends_and_holidays() -> None:
    clock = SimClock(date(2025, 12, 20), tz="Europe/Berlin", holidays=[date(2025, 12, 25), date(2025, 12, 26)])
    assert clock.workdays[0] == date(2025, 12, 22)  # Saturday start -> Monday
    assert date(2025, 12, 25) not in clock.workdays and len(clock.workdays) == 20
    assert all(d.weekday() < 5 for d in clock.workdays)


def test_hours_are_local_and_stored_utc() -> None:
    clock = SimClock(date(2025, 10, 6), tz="America/New_York", workday_end=time(17, 30))
    assert clock.now == datetime(2025, 10, 6, 13, 0, tzinfo=timezone.utc)
    assert clock() is clock.now
    clock.advance(8 * 60 + 29)
    assert not clock.day_over and clock.minutes_left_today == 1
    clock.advance(2)
    assert clock.day_over
    clock.end_day()
    assert clock.local_now.strftime("%a %H:%M") == "Tue 09:00" and clock.day_index == 1


def test_costs_are_plausible_and_deterministic() -> None:
    clock = SimClock(date(2025, 10, 6))
    assert clock.cost_of_tool("list_directory", 40, 800) <= 2
    assert 2 <= clock.cost_of_tool("read_file", 50, 6000) <= 10
    assert 20 <= clock.cost_of_tool("create_document", 2000, 100) <= 60
    assert clock.cost_of_tool("create_document", 100_000, 100) == 60
    assert 3 <= clock.cost_of_tool("send_message", 400, 50) <= 6
    assert clock.cost_of_message(450) == 5.0
    assert clock.cost_of_tool("move", 10, 10) == 1
    assert SimClock(date(2025, 10, 6), tool_costs={"move": 2.5}).cost_of_tool("move") == 2.5
    assert [clock.cost_of_tool("edit_spreadsheet", n, 0) for n in (10, 5000)] == [
        clock.cost_of_tool("edit_spreadsheet", n, 0) for n in (10, 5000)
    ]


def test_month_over_after_n_workdays() -> None:
    clock = SimClock(date(2025, 10, 6), days=3)
    for _ in range(2):
        clock.end_day()
        assert not clock.month_over
    clock.end_day()
    assert clock.month_over and clock.day_index == 3


def test_state_round_trip_and_disk_clock() -> None:
    clock = SimClock(date(2025, 10, 6), tz="Asia/Tokyo", holidays=[date(2025, 10, 13)], days=10)
    clock.advance(95)
    clock.end_day()
    clock.advance(12.5)
    again = SimClock.from_state(json.loads(json.dumps(clock.to_state())))
    assert again.now == clock.now and again.day_index == clock.day_index and again.workdays == clock.workdays
    disk = VirtualDisk(clock=again)
    assert disk.write_text("a.txt", "x").modified == again.now
