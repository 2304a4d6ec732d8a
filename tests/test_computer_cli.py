"""The `synthcomp computer ...` and `synthcomp export` commands (typer CliRunner, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from autogen_ext.models.replay import ReplayChatCompletionClient
from llm_computer_fixture import MODEL_INFO, PERSONA, F, ScriptedStageClient, generator_kwargs
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.computers._llm import LLMComputerGenerator

runner = CliRunner()


@pytest.fixture(scope="module")
def llm_computer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GeneratedComputer, list[str]]:
    """A valid computer from the scripted model, saved; plus the scripted answers in call order."""
    client = ScriptedStageClient()
    computer = LLMComputerGenerator(client, **generator_kwargs()).generate(PERSONA, seed=3)
    folder = computer.save(tmp_path_factory.mktemp("cli") / computer.computer_id)
    return folder, computer, [str(a) for a in client.chat_completions]


@pytest.mark.parametrize(
    "args",
    [[], ["computer"], ["computer", "create"], ["computer", "stats"], ["computer", "validate"], ["export"]],
)
def test_every_command_has_help(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_create_one_persona_procedural_then_stats(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["computer", "create", "--persona", "A payroll specialist in Leeds", "--seed", "2", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert (folder / "computer.json").is_file() and (folder / "home").is_dir()
    assert (folder / "computer.scdisk").is_file()
    assert folder.name in result.output
    again = runner.invoke(
        app, ["computer", "create", "--persona", "A payroll specialist in Leeds", "--seed", "2", "--out", str(tmp_path)]
    )
    assert again.exit_code == 0 and "skipped" in again.output  # resumable: existing computers are not redone
    stats = runner.invoke(app, ["computer", "stats", str(folder), "--json"])
    assert stats.exit_code == 0, stats.output
    payload = json.loads(stats.output)
    assert payload["stats"]["files"] > 150 and any(b["metric"] == "files_per_folder" for b in payload["bands"])
    assert payload["stats"]["distinct_content_share"] >= 0.85
    persona = payload["persona"]
    assert persona["document_archetypes"] >= 25 and "payroll" in persona["key_words"]
    assert set(persona["in_files"]) <= set(persona["key_words"]) and persona["files_share"] is not None
    text = runner.invoke(app, ["computer", "stats", str(folder)])
    assert text.exit_code == 0 and "document archetypes:" in text.output and "key word 'payroll'" in text.output
    home = tmp_path / "plain-home"  # any home folder works too (small here: stats read every office file)
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "notes.txt").write_text("call the supplier", encoding="utf-8")
    table = runner.invoke(app, ["computer", "stats", str(home)])
    assert table.exit_code == 0 and "ours vs. published" in table.output and "files 1," in table.output


def test_create_n_from_a_persona_file(tmp_path: Path) -> None:
    personas = tmp_path / "personas.txt"
    personas.write_text("# team\nA nurse in Leeds\nA buyer in Lyon\nA teacher in Porto\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["computer", "create", "--persona-file", str(personas), "--n", "2", "--seed", "1", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len([p for p in out.iterdir() if (p / "computer.json").is_file()]) == 2


def test_create_with_the_llm_generator_and_a_model_config(
    tmp_path: Path, llm_computer: tuple[Path, GeneratedComputer, list[str]]
) -> None:
    _, computer, answers = llm_computer
    replay = ReplayChatCompletionClient(answers, model_info=MODEL_INFO)  # type: ignore[arg-type]
    config = tmp_path / "models.json"
    options = {"min_projects": 5, "min_core_files": 10}
    config.write_text(
        json.dumps({"computer_generator": replay.dump_component().model_dump(), "computer_generator_options": options}),
        encoding="utf-8",
    )
    args = ["computer", "create", "--persona", PERSONA, "--seed", "3", "--out", str(tmp_path / "out"),
            "--generator", "llm", "--model-config", str(config)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / computer.computer_id
    assert (folder / "computer.json").read_text(encoding="utf-8").rstrip() == computer.blueprint.to_json()
    assert runner.invoke(app, ["computer", "validate", str(folder)]).exit_code == 0
    # without the options the generator asks for 6+ projects: the replayed answers fail a stage, exit 1
    config.write_text(json.dumps(replay.dump_component().model_dump()), encoding="utf-8")
    failed = runner.invoke(app, [*args[:-4], "--out", str(tmp_path / "out2"), "--generator", "llm",
                                 "--model-config", str(config), "--max-repairs", "0"])  # fmt: skip
    assert failed.exit_code == 1 and "stage 'projects'" in failed.output and "list at least 6" in failed.output


def test_create_argument_errors(tmp_path: Path) -> None:
    both = runner.invoke(
        app, ["computer", "create", "--persona", "x", "--persona-file", "y", "--seed", "1", "--out", str(tmp_path)]
    )
    assert both.exit_code == 2 and "not both" in both.output
    neither = runner.invoke(app, ["computer", "create", "--seed", "1", "--out", str(tmp_path)])
    assert neither.exit_code == 2 and "--n N" in neither.output
    llm = runner.invoke(
        app, ["computer", "create", "--persona", "A nurse", "--seed", "1", "--out", str(tmp_path), "--generator", "llm"]
    )
    assert llm.exit_code == 2 and "--model-config" in llm.output


def test_validate_ok_and_broken(llm_computer: tuple[Path, GeneratedComputer, list[str]], tmp_path: Path) -> None:
    folder, computer, _ = llm_computer
    ok = runner.invoke(app, ["computer", "validate", str(folder)])
    assert ok.exit_code == 0, ok.output
    assert "0 problem(s)" in ok.output
    broken = computer.save(tmp_path / "broken")
    (broken / "home" / F["deck"]).write_bytes(b"not a deck")
    bad = runner.invoke(app, ["computer", "validate", str(broken)])
    assert bad.exit_code == 1 and "does not open as a pptx file" in bad.output
    as_json = runner.invoke(app, ["computer", "validate", str(broken), "--json"])
    assert as_json.exit_code == 1 and json.loads(as_json.output)["ok"] is False


def test_export_computers_and_run_formats_need_runs(
    llm_computer: tuple[Path, GeneratedComputer, list[str]], tmp_path: Path
) -> None:
    folder, _, _ = llm_computer
    out = tmp_path / "export"
    result = runner.invoke(app, ["export", str(folder), "--format", "computers", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "computers.jsonl").is_file() and (out / "computers.parquet").is_file()
    other = runner.invoke(app, ["export", str(folder), "--format", "hf", "--out", str(out)])
    assert other.exit_code == 2 and "is not a run folder" in other.output  # a computer is not a run: clear error
    missing = runner.invoke(app, ["export", str(tmp_path / "nope"), "--format", "computers", "--out", str(out)])
    assert missing.exit_code == 2 and "does not exist" in missing.output
