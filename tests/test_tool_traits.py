"""Tool traits: every shipped tool declares them, and the clock, the context summary and the process signals read them.

A read-only tool defined only here (its class and one registration) must be costed, summarised and credited like
read_file without touching any other source file; copying or moving a file onto a deliverable must earn credit.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from autogen_core import CancellationToken, FunctionCall
from autogen_core.models import AssistantMessage, FunctionExecutionResult, FunctionExecutionResultMessage, UserMessage
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.objectives import example_plan
from synthcomp_agents.signals import ProcessSignals, process_signals
from synthcomp_agents.signals._process import STEP_REWARD
from synthcomp_agents.simulation import (
    ALL_COMM_TOOL_CLASSES,
    SUMMARY_SOURCE,
    BoundedChatCompletionContext,
    CommTool,
    SimClock,
    SimulationWorkbench,
)
from synthcomp_agents.testing import demo_world
from synthcomp_agents.tools import (
    ALL_TOOL_CLASSES,
    READ_COST,
    DiskTool,
    DiskWorkbench,
    ToolArgs,
    ToolCost,
    ToolTraits,
    register_tool_traits,
    registered_tool_names,
    tool_traits,
    unregister_tool_traits,
)

PLAN = example_plan()
MEMO = PLAN.deliverables()[0]  # o1-d1, a .docx grounded on two files
GROUNDING = [f"~/{g}" for g in MEMO.grounding_files]
DRAFT = "~/Documents/Drafts/memo draft.docx"


# -- a read-only tool that exists only in this test ---------------------------------------------------------------


class PeekFileArgs(ToolArgs):
    path: str = Field(description="Text file to peek at.")
    lines: int = Field(default=5, ge=1, le=50, description="How many lines from the top.")


class PeekFileTool(DiskTool[PeekFileArgs]):
    """The first lines of a text file."""

    tool_name = "peek_file"
    tool_description = "Show the first lines of a text file."
    args_model = PeekFileArgs
    traits = ToolTraits(
        kind="read",
        mutates=False,
        cost=ToolCost(1.5, per_1k_result=1.0, low=1.5, high=8),
        paths=("path",),
        reads="path",
    )

    def execute(self, args: PeekFileArgs) -> str:
        path = self.require(args.path, kind="file")
        return "\n".join(self.disk.read_text(path).splitlines()[: args.lines])


@pytest.fixture
def peek_registered() -> Iterator[None]:
    register_tool_traits(PeekFileTool)
    yield
    unregister_tool_traits(PeekFileTool.tool_name)


# -- helpers ------------------------------------------------------------------------------------------------------


def _run(
    tmp_path: Path,
    calls: list[tuple[str, dict[str, Any]]],
    errors: frozenset[int] = frozenset(),
    days: list[int] | None = None,
) -> ProcessSignals:
    """A run folder with one worker step per call (call i fails when i is in ``errors``; it is made on workday
    ``days[i]``, all on the first by default), and its signals."""
    trajectory, events = [], []
    for i, (name, args) in enumerate(calls):
        call_id = f"call_{i}"
        sim_time = f"2026-04-{13 + (days[i] - 1 if days else 0):02d}T09:{i:02d}:00+00:00"
        trajectory.append(
            {
                "role": "worker",
                "sim_time": sim_time,
                "response": {
                    "tool_calls": [{"id": call_id, "function": {"name": name, "arguments": json.dumps(args)}}]
                },
            }
        )
        events.append(
            {"kind": "tool", "agent": "worker", "call_id": call_id, "is_error": i in errors, "sim_minutes": 1.0}
        )
    (tmp_path / "trajectory.jsonl").write_text("".join(json.dumps(r) + "\n" for r in trajectory), encoding="utf-8")
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return process_signals(tmp_path, PLAN)


async def _summary_after(calls: list[tuple[str, dict[str, Any]]]) -> str:
    """The rolling summary once ``calls`` have been pushed out of a small context window."""
    ctx = BoundedChatCompletionContext(token_budget=700, summary_budget=300, keep_recent_min=2)
    await ctx.add_message(UserMessage(content="Prepare the Q1 steel memo.", source="user"))
    for k, (name, args) in enumerate(calls):
        call = FunctionCall(id=f"c{k}", name=name, arguments=json.dumps(args))
        await ctx.add_message(AssistantMessage(content=[call], source="worker"))
        result = FunctionExecutionResult(content="done", call_id=call.id, name=name)
        await ctx.add_message(FunctionExecutionResultMessage(content=[result]))
    for k in range(12):  # enough later talk to push every call out of the window
        await ctx.add_message(UserMessage(content=f"Reminder {k}: the figures are due Friday. " * 8, source="dana"))
    summary = (await ctx.get_messages())[0]
    assert summary.source == SUMMARY_SOURCE and isinstance(summary.content, str)  # type: ignore[union-attr]
    return summary.content


def _section(summary: str, title: str) -> str:
    return next((line for line in summary.splitlines() if line.startswith(title)), "")


def _package_tools(base: type[Any]) -> list[type[Any]]:
    """Every tool class of the package below ``base`` (a class naming a tool; private shared bases name none)."""
    out, todo = [], list(base.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if "tool_name" in vars(cls) and not inspect.isabstract(cls) and cls.__module__.startswith("synthcomp_agents."):
            out.append(cls)
    return out


# -- every shipped tool has traits ----------------------------------------------------------------------------------


def test_every_shipped_tool_declares_and_registers_consistent_traits() -> None:
    classes = {*ALL_TOOL_CLASSES, *ALL_COMM_TOOL_CLASSES, *_package_tools(DiskTool), *_package_tools(CommTool)}
    assert len(classes) == len(ALL_TOOL_CLASSES) + len(ALL_COMM_TOOL_CLASSES) == 28  # every tool class is offered
    for cls in classes:
        traits = cls.__dict__.get("traits")
        assert isinstance(traits, ToolTraits), f"{cls.__name__} declares no traits of its own"
        assert tool_traits(cls.tool_name) == traits, f"{cls.tool_name} is not registered with its class's traits"
        fields = set(cls.args_model.model_fields)
        assert set(traits.paths) <= fields, f"{cls.tool_name}: path arguments {traits.paths} not in {fields}"
        if traits.kind in ("read", "navigate"):
            assert not traits.mutates, cls.tool_name
        if traits.kind == "write":
            assert traits.mutates, cls.tool_name


def test_every_tool_a_workbench_offers_has_traits() -> None:
    world = demo_world(world_id="t-traits-wb")
    offered = [schema["name"] for schema in asyncio.run(SimulationWorkbench(world).list_tools())]
    offered += [schema["name"] for schema in asyncio.run(DiskWorkbench(VirtualDisk()).list_tools())]
    assert "copy" in offered and "submit_deliverable" in offered
    assert [name for name in offered if tool_traits(name) is None] == []
    assert set(offered) <= set(registered_tool_names())


def test_read_only_workbench_is_exactly_the_tools_that_do_not_mutate() -> None:
    read_only = set(DiskWorkbench(VirtualDisk(), read_only=True).tool_names)
    expected = {cls.tool_name for cls in ALL_TOOL_CLASSES if not cls.traits.mutates}
    assert read_only == expected == {"list_directory", "tree", "find_files", "search_text", "read_file", "file_info"}


def test_a_tool_without_traits_cannot_be_built_or_registered() -> None:
    class NoTraitsTool(DiskTool[PeekFileArgs]):
        tool_name = "no_traits"
        tool_description = "A tool that forgot its traits."
        args_model = PeekFileArgs

        def execute(self, args: PeekFileArgs) -> str:
            return ""

    with pytest.raises(TypeError, match="traits"):
        NoTraitsTool(VirtualDisk())
    with pytest.raises(TypeError, match="traits"):
        register_tool_traits(NoTraitsTool)
    assert tool_traits("no_traits") is None


def test_registry_refuses_conflicting_traits_unless_replacing() -> None:
    register_tool_traits(PeekFileTool)
    try:
        register_tool_traits(PeekFileTool)  # the same traits again: fine
        other = ToolTraits(kind="navigate", mutates=False, cost=READ_COST, paths=("path",))
        with pytest.raises(ValueError, match="already has different traits"):
            register_tool_traits("peek_file", other)
        assert tool_traits("peek_file") == PeekFileTool.traits
        register_tool_traits("peek_file", other, replace=True)
        assert tool_traits("peek_file") == other
    finally:
        unregister_tool_traits("peek_file")
    with pytest.raises(ValueError, match="must be one of the path arguments"):
        ToolTraits(kind="read", mutates=False, cost=READ_COST, reads="path")
    with pytest.raises(ValueError, match="mutates"):
        ToolTraits(kind="write", mutates=False, cost=READ_COST, paths=("path",), writes="path")


def test_signals_alone_know_the_communication_tools() -> None:
    """Signals are often computed in a process that never ran a simulation: importing them must be enough."""
    code = (
        "import synthcomp_agents.signals\n"
        "from synthcomp_agents.tools import tool_traits\n"
        "print(tool_traits('check_inbox').repeatable, tool_traits('submit_deliverable').kind)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["True", "communicate"]


# -- a new read-only tool shows up everywhere -----------------------------------------------------------------------


def test_new_tool_really_reads_the_disk(peek_registered: None) -> None:
    disk = VirtualDisk(user="ana")
    disk.write_text("Documents/notes.txt", "line one\nline two\nline three\n")
    out = asyncio.run(PeekFileTool(disk).run_json({"path": "~/Documents/notes.txt", "lines": 2}, CancellationToken()))
    assert out == "line one\nline two"


def test_new_tool_is_charged_its_own_cost(peek_registered: None) -> None:
    clock = SimClock(date(2026, 4, 13))
    assert clock.cost_of_tool("peek_file", args_size=30, result_size=3000) == 4.5  # 1.5 + 1.0 per 1,000 chars
    assert clock.cost_of_tool("peek_file", args_size=30, result_size=50_000) == 8.0  # capped
    unregister_tool_traits("peek_file")
    assert clock.cost_of_tool("peek_file", args_size=30, result_size=3000) == 3.5  # the default for unknown tools


def test_new_tool_is_summarised_as_a_read(peek_registered: None) -> None:
    summary = asyncio.run(_summary_after([("peek_file", {"path": GROUNDING[0]})]))
    assert GROUNDING[0] in _section(summary, "Files consulted:")
    unregister_tool_traits("peek_file")
    summary = asyncio.run(_summary_after([("peek_file", {"path": GROUNDING[0]})]))
    assert GROUNDING[0] not in summary and "1 tool calls" in summary  # unknown tool: counted, not listed


def test_new_tool_earns_grounding_credit_and_its_repeats_are_redundant(tmp_path: Path, peek_registered: None) -> None:
    calls = [
        ("peek_file", {"path": GROUNDING[0]}),
        ("peek_file", {"path": GROUNDING[1]}),
        ("peek_file", {"path": GROUNDING[1]}),
        ("create_document", {"path": f"~/{MEMO.path}", "title": MEMO.title, "markdown": "Q1 steel spend."}),
    ]
    steps = _run(tmp_path, calls).steps
    assert [s.redundant for s in steps] == [False, False, True, False]
    assert steps[3].progress == [f"created:{MEMO.deliverable_id}"]
    assert steps[3].grounding_read_before_write is True
    unregister_tool_traits("peek_file")  # the same run without the tool's traits: its reads are not grounding
    assert _run(tmp_path, calls).steps[3].grounding_read_before_write is False


# -- copy and move onto a deliverable ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tool", ["copy", "move"])
def test_copy_or_move_onto_a_deliverable_earns_credit(tmp_path: Path, tool: str) -> None:
    target = {"source": DRAFT, "destination": f"~/{MEMO.path}"}
    steps = _run(
        tmp_path,
        [
            ("read_file", {"path": GROUNDING[0]}),
            ("read_file", {"path": GROUNDING[1]}),
            ("read_file", {"path": DRAFT}),
            (tool, target),
            ("read_file", {"path": DRAFT}),  # the disk changed: reading again is not looping
            (tool, {**target, "source": "~/Documents/Drafts/memo draft v2.docx"}),
        ],
    ).steps
    assert steps[3].progress == [f"created:{MEMO.deliverable_id}"]
    assert steps[3].grounding_read_before_write is True
    assert steps[4].redundant is False
    assert steps[5].progress == [f"revised:{MEMO.deliverable_id}"]
    assert (steps[3].reward, steps[5].reward) == (STEP_REWARD["created"], STEP_REWARD["revised"])


def test_failed_copy_and_misnamed_tools_earn_nothing(tmp_path: Path) -> None:
    target = {"source": DRAFT, "destination": f"~/{MEMO.path}"}
    calls = [("read_file", {"path": DRAFT}), ("copy", target), ("copy_path", target), ("read_file", {"path": DRAFT})]
    steps = _run(tmp_path, calls, errors=frozenset({1})).steps
    assert [s.progress for s in steps] == [[], [], [], []]
    assert steps[1].tool_error and steps[1].grounding_read_before_write is None
    steps = _run(tmp_path, [calls[0], calls[2], calls[3]]).steps
    assert steps[2].redundant is True  # copy_path is no tool: nothing was written in between


# -- the summary files every kind where it belongs --------------------------------------------------------------------


def test_summary_files_tree_make_folder_and_submissions_by_kind() -> None:
    summary = asyncio.run(
        _summary_after(
            [
                ("tree", {"path": "~/Documents/Procurement", "depth": 2}),
                ("make_folder", {"path": "~/Documents/Drafts"}),
                ("copy", {"source": DRAFT, "destination": f"~/{MEMO.path}"}),
                ("submit_deliverable", {"deliverable_id": MEMO.deliverable_id, "path": f"~/{MEMO.path}"}),
                ("end_day", {"summary": "Memo submitted."}),
            ]
        )
    )
    assert "~/Documents/Procurement" in _section(summary, "Files consulted:")
    changed = _section(summary, "Files created or changed:")
    assert "~/Documents/Drafts (make_folder)" in changed and f"~/{MEMO.path} (copy)" in changed
    assert f"submit_deliverable {MEMO.deliverable_id}" in _section(summary, "Mail, meetings and submissions:")
    assert "end_day" not in summary and "5 tool calls" in summary


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(["read_file", "copy", "send_message", "submit_deliverable", "tree", "no_such_tool"]),
    args=st.dictionaries(
        st.sampled_from(["path", "source", "destination", "attachments", "to", "subject", "deliverable_id", "x"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=30),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
            max_leaves=6,
        ),
        max_size=5,
    ),
)
def test_summary_and_path_values_take_any_model_arguments(name: str, args: dict[str, Any]) -> None:
    traits = tool_traits(name)
    if traits is not None:
        values = traits.path_values(args)
        assert all(isinstance(v, str) for v in values)
        declared = [args.get(k) for k in traits.paths]
        assert all(any(v == d or (isinstance(d, list) and v in d) for d in declared) for v in values)
    summary = asyncio.run(_summary_after([(name, args)]))
    assert summary.startswith("[Summary of earlier work: ")


def test_the_next_mornings_journal_read_is_a_new_days_routine_not_a_loop(tmp_path: Path) -> None:
    """A month whose work is done by day 4 reads the journal each morning as the day before: that is the routine
    of a new day (the journal has grown), not the looping the redundancy signal is for; the same read twice in one
    day with nothing written between still is."""
    journal: dict[str, Any] = {"path": "~/Documents/Work Journal.md", "max_chars": 1500}
    calls: list[tuple[str, dict[str, Any]]] = [
        ("read_file", journal),
        ("append_journal", {"entry": "End of day: 9 of 9 submitted."}),
        ("end_day", {"summary": "Nothing open."}),
        ("read_file", journal),
        ("read_file", journal),
    ]
    steps = _run(tmp_path, calls, days=[1, 1, 1, 2, 2]).steps
    assert [s.redundant for s in steps] == [False, False, False, False, True]
