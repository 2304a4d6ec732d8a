"""World: registry, days, submissions, state round trip."""

from __future__ import annotations

import pytest

from synthcomp_agents.objectives import example_plan
from synthcomp_agents.simulation import World, WorldError, get_world
from synthcomp_agents.testing import demo_world


def test_registry_and_kickoff() -> None:
    world = demo_world(days=5, world_id="t-world-1")
    assert get_world("t-world-1") is world
    with pytest.raises(WorldError, match="t-world-1"):
        get_world("t-world-missing")
    text = world.start_day()
    assert "workday 1 of 5" in text and "No plan" in text
    world.plan = example_plan()
    assert "0 of 6 deliverables submitted" in world.start_day()


def test_collaborator_lookup_is_helpful() -> None:
    world = demo_world(world_id="t-world-2")
    assert world.collaborator("Petra").identifier == "petra_lang"
    assert world.collaborator("klaus.richter@hollmann-components.de").identifier == "klaus_richter"
    with pytest.raises(WorldError, match="petra_lang \\(Petra Lang"):
        world.collaborator("nobody")


def test_submit_end_day_and_state_round_trip() -> None:
    world = demo_world(world_id="t-world-3")
    world.plan = example_plan()
    world.disk.write_text("Documents/memo.md", "# Memo\n")
    sub = world.submit("o1-d1", "Documents/memo.md", "first draft")
    assert sub.path == "Documents/memo.md" and len(sub.sha256) == 64
    world.mailbox.send(world.owner, ["Petra Lang <petra.lang@hollmann-components.de>"], "Q", "Hi")
    assert world.pending_collaborators() == ["petra_lang"]
    world.end_day("did things")
    state = world.to_state()
    again = World.from_state(state, disk=world.disk, blueprint=world.blueprint)
    assert again.world_id == "t-world-3" and get_world("t-world-3") is again
    assert again.submissions["o1-d1"].sha256 == sub.sha256
    assert again.day_ended and again.plan == world.plan
    assert again.to_state() == state
    assert not again.all_submitted
