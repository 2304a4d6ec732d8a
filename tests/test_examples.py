"""Every example model configuration in examples/ loads, takes its keys from the environment and builds each role."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml
from autogen_core.models import ChatCompletionClient, UserMessage
from autogen_ext.models.openai import OpenAIChatCompletionClient

from synthcomp_agents import load_model_config
from synthcomp_agents.models import ModelConfigError, ResilientChatCompletionClient, ScriptedPolicyServer
from synthcomp_agents.models._serve import role_for_model

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CONFIGS = sorted((EXAMPLES / "models").glob("*.yaml"))
MODEL_INFO_KEYS = {"vision", "function_calling", "json_output", "family", "structured_output"}
HAS_AZURE = importlib.util.find_spec("azure.identity") is not None


def test_the_examples_are_there_and_documented() -> None:
    names = {p.name for p in CONFIGS}
    assert {"openai.yaml", "azure_openai.yaml", "local_server.yaml", "per_role.yaml", "serve_policy.yaml"} <= names
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(f"models/{name}" in readme for name in names)


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_example_builds_every_role_from_environment_keys(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if "azure" in path.stem and not HAS_AZURE:
        pytest.skip("AutoGen's Azure client component needs autogen-ext[azure] (azure-core, azure-identity)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*api_key\s*:", text, re.M)  # no secrets in a config file, only variable names
    assert not re.search(r"sk-[A-Za-z0-9]{8,}", text)
    models = load_model_config(path)
    roles = models.configured_roles()
    assert "worker" in roles and len(roles) >= 3
    variables: set[str] = {
        str(spec["api_key_env"]) for role in roles if (spec := models.spec_for(role)) and spec.get("api_key_env")
    }
    for variable in variables:
        monkeypatch.delenv(variable, raising=False)
    if variables:  # keys come from the environment only: unset -> a clear error naming the variable
        assert set(models.missing_env().values()) == variables
        with pytest.raises(ModelConfigError, match="environment variable"):
            for role in roles:
                models.client_for(role)
    for variable in variables:
        monkeypatch.setenv(variable, f"fake-key-for-{variable.lower()}")
    assert models.missing_env() == {}
    for role in roles:
        spec = models.spec_for(role)
        assert spec is not None, role
        # a keyless local server gets a placeholder, never a real key
        assert spec["config"].get("api_key", "not-needed") == "not-needed" and ("api_key" in spec["config"]) == (
            "api_key_env" not in spec
        ), role
        info = spec["config"]["model_info"]
        assert set(info) >= MODEL_INFO_KEYS and info["function_calling"] is True, role
        client = models.client_for(role)
        assert isinstance(client, ChatCompletionClient)
        assert client.model_info["function_calling"] is True
    # unconfigured roles fall back to the caller's default (the scripted policy in a simulation)
    assert data["schema_version"] == 1
    assert {"worker", "objective_setter", "collaborator"} <= set(data["roles"])


def test_per_role_example_splits_trained_worker_from_frozen_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("OPENAI_API_KEY", "TRAINER_API_KEY"):
        monkeypatch.setenv(variable, "fake")
    models = load_model_config(EXAMPLES / "models" / "per_role.yaml")
    worker = models.spec_for("worker")
    frozen = models.spec_for("collaborator:someone")
    named = models.spec_for("collaborator:dana_lee")
    assert worker and frozen and named
    assert worker["config"]["base_url"] != frozen["config"].get("base_url")
    assert worker["api_key_env"] == "TRAINER_API_KEY" and frozen["api_key_env"] == "OPENAI_API_KEY"
    assert (frozen["config"]["model"], named["config"]["model"]) == ("gpt-4o-mini", "gpt-4o")
    assert models.spec_for("judge") is None  # left to the default


@pytest.mark.asyncio
async def test_serve_policy_example_talks_to_the_scripted_endpoint(tmp_path: Path) -> None:
    source = EXAMPLES / "models" / "serve_policy.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for role, spec in data["roles"].items():
        assert role_for_model(spec["model"]) == role
    with ScriptedPolicyServer(port=0) as server:
        for spec in data["roles"].values():  # same file, pointed at the test server's port
            spec["base_url"] = server.base_url
        path = tmp_path / "serve_policy.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        client = load_model_config(path).client_for("collaborator:dana_lee")
        assert isinstance(client, ResilientChatCompletionClient)
        assert isinstance(client.inner, OpenAIChatCompletionClient)
        system = "You are Dana Lee, Controller at Acme.\nYour communication style: terse.\n- [Q3 budget] Travel -15%."
        mail = "From: Ana Ruiz <ana@acme.example>\nSubject: Question: Q3 budget\n\nWhat is the latest on the Q3 budget?"
        from autogen_core.models import SystemMessage

        result = await client.create([SystemMessage(content=system), UserMessage(content=mail, source="mail")])
        await client.close()
    assert isinstance(result.content, str) and result.content.startswith("Travel -15%.")
    assert result.usage.prompt_tokens > 0 and result.finish_reason == "stop"
