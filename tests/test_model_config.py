"""Per-role model configuration from JSON/YAML; keys from the environment only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from autogen_core.models import ChatCompletionClient
from autogen_ext.models.openai import OpenAIChatCompletionClient
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents.models import ModelConfigError, ResilientChatCompletionClient, load_model_config

INFO = {"vision": False, "function_calling": True, "json_output": True, "family": "unknown", "structured_output": True}
CONFIG: dict[str, Any] = {
    "schema_version": 1,
    "roles": {
        "worker": {
            "model": "qwen2.5-7b-instruct",
            "base_url": "http://127.0.0.1:8000/v1",
            "api_key_env": "SYNTH_TEST_KEY",
            "model_info": INFO,
            "temperature": 0.2,
        },
        "judge": {
            "provider": "autogen_ext.models.openai.OpenAIChatCompletionClient",
            "config": {"model": "judge-model", "base_url": "http://127.0.0.1:8001/v1", "model_info": INFO},
            "api_key_env": "SYNTH_TEST_KEY",
        },
        "collaborator": {
            "model": "collab-default",
            "base_url": "http://127.0.0.1:8002/v1",
            "api_key_env": None,
            "model_info": INFO,
        },
        "collaborators": {
            "dana_lee": {
                "model": "collab-dana",
                "base_url": "http://127.0.0.1:8003/v1",
                "api_key_env": None,
                "model_info": INFO,
            }
        },
    },
}


def _default(role: str) -> ChatCompletionClient:
    return ReplayChatCompletionClient([f"scripted {role}"])


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_roles_from_file(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"models.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(CONFIG))
    else:
        path.write_text(yaml.safe_dump(CONFIG))
    monkeypatch.setenv("SYNTH_TEST_KEY", "sk-test-123")
    models = load_model_config(path, default=_default)
    assert models.configured_roles() == ["collaborator", "collaborator:dana_lee", "judge", "worker"]
    worker = models.client_for("worker")
    assert isinstance(worker, ResilientChatCompletionClient)  # every configured role's calls are bounded
    assert isinstance(worker.inner, OpenAIChatCompletionClient)
    assert worker.model_info["family"] == "unknown"
    dumped = worker.dump_component().config
    assert dumped["base_url"] == "http://127.0.0.1:8000/v1" and dumped["temperature"] == 0.2
    assert isinstance(models.client_for("judge").inner, OpenAIChatCompletionClient)  # type: ignore[attr-defined]
    dana = models.client_for("collaborator:dana_lee").dump_component().config
    tom = models.client_for("collaborator:tom_li").dump_component().config
    assert dana["model"] == "collab-dana" and tom["model"] == "collab-default"
    assert isinstance(models.client_for("objective_setter"), ReplayChatCompletionClient)
    spec = models.spec_for("worker")
    assert spec is not None and "sk-test-123" not in json.dumps(spec) and spec["api_key_env"] == "SYNTH_TEST_KEY"


def test_missing_env_var_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(CONFIG))
    monkeypatch.delenv("SYNTH_TEST_KEY", raising=False)
    models = load_model_config(path)
    assert models.missing_env() == {"judge": "SYNTH_TEST_KEY", "worker": "SYNTH_TEST_KEY"}
    with pytest.raises(ModelConfigError, match=r"SYNTH_TEST_KEY.*not set"):
        models.client_for("worker")
    with pytest.raises(ModelConfigError, match="no model configured for role 'objective_setter'"):
        models.client_for("objective_setter")


@pytest.mark.parametrize(
    ("roles", "match"),
    [
        ({"worker": {"model": "m", "api_key": "sk-x"}}, "must not be stored"),
        ({"judge": {"provider": "x.Y", "config": {"api_key": "sk"}}}, "must not be stored"),
        ({"boss": {"model": "m"}}, "unknown role 'boss'"),
        ({"worker": {"base_url": "http://x"}}, "short form"),
    ],
)
def test_bad_configs(tmp_path: Path, roles: dict[str, Any], match: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"roles": roles}))
    with pytest.raises(ModelConfigError, match=match):
        load_model_config(path)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ModelConfigError, match="cannot read"):
        load_model_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.json"
    bad.write_text("{roles: ")
    with pytest.raises(ModelConfigError, match="invalid JSON"):
        load_model_config(bad)
