"""LLMComputerGenerator, offline: a scripted model (fixture answers per stage) and ReplayChatCompletionClient.

Shows the happy path (a valid, content-grounded computer), the repair loop (invalid answer -> errors sent back ->
fixed), lenient parsing, exhaustion (GenerationError naming the stage), and the structured / plain-JSON modes.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from autogen_core.models import AssistantMessage, UserMessage
from autogen_ext.models.replay import ReplayChatCompletionClient
from llm_computer_fixture import (
    CONTENTS,
    MODEL_INFO,
    PERSONA,
    PLANS,
    PROFILE,
    SAVING,
    F,
    ScriptedStageClient,
    bad_collaborators,
    eur,
    generator_kwargs,
    wrong_report,
)
from pydantic import ValidationError

from synthcomp_agents.computers import CollaborationContext, ComputerGenerator, GeneratedComputer, UserProfile
from synthcomp_agents.computers._llm import GenerationError, LLMComputerGenerator, parse_lenient
from synthcomp_agents.computers._llm_stages import check_policy, check_projects
from synthcomp_agents.computers._validate import validate_computer
from synthcomp_agents.office import extract_text

Generated = tuple[GeneratedComputer, ScriptedStageClient, LLMComputerGenerator]


def _generator(client: ReplayChatCompletionClient, **kwargs: object) -> LLMComputerGenerator:
    return LLMComputerGenerator(client, **{**generator_kwargs(), **kwargs})


def _repair_messages(client: ReplayChatCompletionClient) -> list[str]:
    out = []
    for call in client.create_calls:
        last = call["messages"][-1]
        if isinstance(last, UserMessage) and isinstance(last.content, str) and "\nREPAIR " in last.content:
            out.append(last.content)
    return out


@pytest.fixture(scope="module")
def computer_and_client() -> Generated:
    client = ScriptedStageClient()
    gen = _generator(client)
    return gen.generate(PERSONA, seed=3), client, gen


def test_happy_path_produces_a_valid_grounded_computer(computer_and_client: Generated) -> None:
    computer, client, gen = computer_and_client
    bp = computer.blueprint
    assert isinstance(gen, ComputerGenerator)
    assert bp.generator == "llm" and bp.seed == 3 and bp.persona == PERSONA
    assert bp.user_profile.name == "Ana Ruiz" and len(bp.project_index.projects) == 5
    # the core files are exactly the files the scripted file plans asked for; background files come on top
    planned = {f["path"] for plan in PLANS.values() for f in plan["files"]}
    assert len(planned) > 5 and {f.path for f in bp.core_files()} == planned
    assert len(bp.file_list) > len(planned)
    assert all(r.attempts == 1 for r in gen.records)  # no repair needed
    # stage order: profile -> collaborators -> projects -> policy -> plans -> contents (topological)
    assert client.stages[:5] == ["profile", "collaborators", "projects", "filesystem_policy", "file_plan:p01"]
    content_order = [s.split(":", 1)[1] for s in client.stages if s.startswith("content:")]
    assert content_order.index(F["xlsx"]) < content_order.index(F["rep1"]) < content_order.index(F["rep2"])
    assert content_order.index(F["rep2"]) < content_order.index(F["deck"]) < content_order.index(F["notes"])
    # every content call used structured output with the right spec type
    assert all(call["json_output"] is not None for call in client.create_calls)
    report = validate_computer(computer)
    assert report.ok, report.problems
    assert {e.status for e in report.edges} == {"ok"} and len(report.edges) == len(bp.file_graph.edges)
    # the report quotes the workbook's computed saving; the e-mail carries the pdf's exact bytes
    disk = computer.disk
    assert eur(SAVING) in extract_text("r.docx", disk.read_bytes(F["rep2"]))
    mail = next(e for e in report.edges if e.target == F["mail"])
    assert mail.type == "attachment_of" and mail.detail == "the e-mail carries the exact bytes"
    assert disk.stat(F["rep2"]).modified == bp.files_by_path()[F["rep2"]].modified


def test_content_prompt_is_grounded_on_upstream_computed_values(computer_and_client: Generated) -> None:
    _, client, _ = computer_and_client
    prompt = next(
        m.content
        for call in client.create_calls
        for m in call["messages"]
        if isinstance(m, UserMessage) and f"FILE: {F['rep1']}" in str(m.content)
    )
    assert "UPSTREAM CONTENT" in prompt and "formulas shown as computed values" in prompt
    assert str(SAVING) in prompt  # the workbook's SUM of savings, computed, not the formula text


def test_same_inputs_give_byte_identical_archives(tmp_path: Path, computer_and_client: Generated) -> None:
    first, _, _ = computer_and_client
    second = _generator(ScriptedStageClient()).generate(PERSONA, seed=3)
    first.disk.to_archive(tmp_path / "a.scdisk")
    second.disk.to_archive(tmp_path / "b.scdisk")
    assert (tmp_path / "a.scdisk").read_bytes() == (tmp_path / "b.scdisk").read_bytes()
    assert first.blueprint.to_json() == second.blueprint.to_json()


def test_invalid_stage_answer_is_repaired_with_the_errors_sent_back() -> None:
    bad = bad_collaborators()
    with pytest.raises(ValidationError) as info:
        CollaborationContext.model_validate_json(bad)
    expected = info.value.errors()[0]["msg"]  # e.g. "List should have at least 4 items after validation, not 3"
    client = ScriptedStageClient(faults={"collaborators": [bad]})
    gen = _generator(client)
    computer = gen.generate(PERSONA, seed=3)
    record = next(r for r in gen.records if r.stage == "collaborators")
    assert record.attempts == 2 and record.repairs == 1
    repairs = _repair_messages(client)
    assert len(repairs) == 1
    assert "STAGE: collaborators" in repairs[0] and expected in repairs[0]
    # the repair goes to the same agent: its context holds the task and the bad answer
    call = next(c for c in client.create_calls if c["messages"][-1].content == repairs[0])
    assert isinstance(call["messages"][-2], AssistantMessage) and call["messages"][-2].content == bad
    assert len(computer.blueprint.collaboration_context.collaborators) == 5


def test_ungrounded_content_is_repaired_with_the_edge_problem() -> None:
    client = ScriptedStageClient(faults={F["rep1"]: [wrong_report().model_dump_json()]})
    gen = _generator(client)
    computer = gen.generate(PERSONA, seed=3)
    repairs = _repair_messages(client)
    assert len(repairs) == 1
    assert "none of the figures the target states" in repairs[0] and "412,500" in repairs[0]
    assert eur(SAVING) in extract_text("r.docx", computer.disk.read_bytes(F["rep1"]))


def test_fenced_json_is_accepted_without_a_repair() -> None:
    fenced = "Here is the profile:\n```json\n" + UserProfile.model_validate(PROFILE).model_dump_json() + "\n```"
    client = ScriptedStageClient(faults={"profile": [fenced]})
    gen = _generator(client)
    gen.generate(PERSONA, seed=3)
    assert gen.records[0].stage == "profile" and gen.records[0].attempts == 1
    assert not _repair_messages(client)


def test_exhausted_repairs_raise_generation_error_naming_the_stage() -> None:
    client = ScriptedStageClient(faults={"collaborators": [bad_collaborators()] * 3})
    gen = _generator(client, max_repairs=2)
    with pytest.raises(GenerationError) as info:
        gen.generate(PERSONA, seed=3)
    err = info.value
    assert err.stage == "collaborators" and err.attempts == 3
    assert "stage 'collaborators'" in str(err) and "at least 4" in str(err)
    assert client.stages.count("collaborators") == 3 and "projects" not in client.stages
    assert len(_repair_messages(client)) == 2


def test_content_stage_failure_names_the_file() -> None:
    client = ScriptedStageClient(faults={F["deck"]: ['{"slides": []}']})
    with pytest.raises(GenerationError) as info:
        _generator(client, max_repairs=0).generate(PERSONA, seed=3)
    assert info.value.stage == f"content:{F['deck']}" and info.value.attempts == 1
    assert "slides" in info.value.errors[0]


def test_forced_os_mismatch_is_repaired() -> None:
    mac = {**PROFILE, "os": "macos"}
    client = ScriptedStageClient(faults={"profile": [UserProfile.model_validate(mac).model_dump_json()]})
    gen = _generator(client)
    computer = gen.generate(PERSONA, seed=3, os="windows")
    assert computer.blueprint.user_profile.os == "windows"
    assert "must run 'windows'" in _repair_messages(client)[0]


@pytest.mark.asyncio
async def test_replay_client_stage_repair_on_bad_json() -> None:
    good = UserProfile.model_validate(PROFILE).model_dump_json()
    replay = ReplayChatCompletionClient(['{"name": "Ana Ruiz", ', good], model_info=MODEL_INFO)  # type: ignore[arg-type]
    gen = LLMComputerGenerator(replay, max_repairs=1)
    profile = await gen.run_stage("profile", UserProfile, "STAGE: profile\nWrite the profile.", lambda p: [])
    assert profile.username == "aruiz"
    repair = replay.create_calls[1]["messages"][-1].content
    assert "REPAIR 1/1" in repair and "invalid JSON" in repair


@pytest.mark.asyncio
async def test_model_call_failure_is_a_generation_error() -> None:
    gen = LLMComputerGenerator(ReplayChatCompletionClient([], model_info=MODEL_INFO))  # type: ignore[arg-type]
    with pytest.raises(GenerationError) as info:
        await gen.agenerate(PERSONA, seed=1)
    assert info.value.stage == "profile" and "model call failed" in info.value.errors[0]


@pytest.mark.asyncio
async def test_generate_works_inside_a_running_event_loop() -> None:
    client = ScriptedStageClient()
    computer = _generator(client).generate(PERSONA, seed=3)  # runs in a worker thread
    assert {f.path for f in computer.blueprint.core_files()} == {f["path"] for p in PLANS.values() for f in p["files"]}
    assert asyncio.get_running_loop() is not None


def test_plain_json_mode_without_structured_output() -> None:
    info = {**MODEL_INFO, "structured_output": False}
    client = ScriptedStageClient(model_info=info)
    gen = _generator(client)
    assert gen.structured_output is False
    computer = gen.generate(PERSONA, seed=3)
    assert all(call["json_output"] is None for call in client.create_calls)
    system = client.create_calls[0]["messages"][0].content
    assert "JSON schema of the answer" in system and '"username"' in system
    assert validate_computer(computer).ok


def test_parse_lenient_and_stage_checks(computer_and_client: Generated) -> None:
    obj, errors = parse_lenient("I cannot help with that.", UserProfile)
    assert obj is None and "not a JSON object" in errors[0]
    obj, errors = parse_lenient('{"name": "Ana"}', UserProfile)
    assert obj is None and any(e.startswith("role:") for e in errors)
    computer, _, gen = computer_and_client
    bp = computer.blueprint
    bad_projects = bp.project_index.model_copy(deep=True)
    bad_projects.projects[0].folder = "AppData/Roaming/Tender"
    problems = check_projects(
        bad_projects, collaborators=bp.collaboration_context, now=gen.now, os="windows", min_projects=6
    )
    assert any("holds application data on windows" in p for p in problems)
    assert any("list at least 6" in p for p in problems)
    policy = bp.filesystem_policy.model_copy(update={"home_layout": ["Desktop", "Documents", "AppData"]})
    problems = check_policy(policy, profile=bp.user_profile, projects=bp.project_index)
    assert any("lacks the windows default folder(s) Downloads" in p for p in problems)
    assert any("'OneDrive - Hartwell', which is not in home_layout" in p for p in problems)
    assert CONTENTS[F["rep1"]].title.startswith("Carrier tender")
