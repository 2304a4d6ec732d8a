"""Per-role model configuration from one YAML or JSON file; API keys come from the environment only.

File shape::

    schema_version: 1                 # optional
    roles:
      worker:                         # short form -> OpenAIChatCompletionClient
        model: qwen2.5-7b-instruct
        base_url: http://localhost:8000/v1
        api_key_env: VLLM_API_KEY     # default OPENAI_API_KEY; null for servers that need no key
        model_info: {vision: false, function_calling: true, json_output: true, family: unknown,
                     structured_output: true}
      objective_setter:               # any AutoGen component config
        provider: autogen_ext.models.openai.OpenAIChatCompletionClient
        config: {model: gpt-4o-mini}
        api_key_env: OPENAI_API_KEY   # injected into config.api_key when the client is built
      collaborator: {model: gpt-4o-mini}          # default for every collaborator
      collaborators:
        dana_lee: {model: gpt-4o}                 # one collaborator (agent name)
      judge: {model: gpt-4o}

Every configured role's client is wrapped in a :class:`~synthcomp_agents.models.ResilientChatCompletionClient`:
each call has a wall limit per attempt and a retry budget, set per role with ``retry:`` (next to ``model`` or
``provider``; keys of :class:`~synthcomp_agents.models.RetrySettings`)::

      worker:
        model: gpt-4o
        timeout: 60                   # seconds per attempt (the HTTP client's timeout, and retry.timeout_s)
        retry: {attempts: 8, backoff_s: 1, max_backoff_s: 30, max_retry_after_s: 120, repairs: 2}

For OpenAI clients the SDK's own retries are switched off (``max_retries: 0``, unless set) so that retries are
counted once, here.

Roles not configured fall back to the ``default`` factory given by the caller (e.g. the scripted policy).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from autogen_core import ComponentModel
from autogen_core.models import ChatCompletionClient
from pydantic import ValidationError

from ._resilient import ModelFaults, ResilientChatCompletionClient, RetrySettings

__all__ = ["ROLE_NAMES", "RUN_ID_HEADER", "ModelConfigError", "RoleModels", "load_model_config"]

ROLE_NAMES = ("worker", "objective_setter", "collaborator", "judge")
"""Top-level role keys (plus ``collaborators``: a mapping of collaborator agent name to spec)."""
OPENAI_PROVIDER = "autogen_ext.models.openai.OpenAIChatCompletionClient"
DEFAULT_API_KEY_ENV = "OPENAI_API_KEY"
RUN_ID_HEADER = "X-Synthcomp-Run"
"""HTTP header naming the run a request belongs to (``RoleModels.headers``; ``serve-policy`` keys its memory by it)."""
_NO_KEY = "not-needed"


class ModelConfigError(ValueError):
    """A model configuration file is malformed, or an API key variable it names is not set."""


@dataclass(frozen=True)
class _RoleSpec:
    component: ComponentModel  # never holds a secret
    api_key_env: str | None
    retry: RetrySettings = field(default_factory=RetrySettings)


def _retry_settings(where: str, raw: Any) -> RetrySettings:
    if raw is None:
        return RetrySettings()
    if not isinstance(raw, Mapping):
        raise ModelConfigError(f"{where}.retry: expected a mapping of retry settings, got {raw!r}")
    try:
        return RetrySettings.model_validate(dict(raw))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:4])
        raise ModelConfigError(f"{where}.retry: {problems}") from None


def _bounded(component: ComponentModel, retry: RetrySettings) -> ComponentModel:
    """OpenAI clients: the HTTP timeout defaults to the attempt's limit and the SDK's own retries are off."""
    if not component.provider.endswith("OpenAIChatCompletionClient"):
        return component
    config = dict(component.config)
    config.setdefault("timeout", retry.timeout_s)
    config.setdefault("max_retries", 0)
    return component.model_copy(update={"config": config})


def _parse_spec(where: str, spec: Any) -> _RoleSpec:
    if not isinstance(spec, Mapping):
        raise ModelConfigError(f"{where}: expected a mapping with 'provider'/'config' or 'model', got {spec!r}")
    spec = copy.deepcopy(dict(spec))
    raw_retry = spec.pop("retry", None)
    config_of = spec.get("config") if "provider" in spec else spec
    timeout = config_of.get("timeout") if isinstance(config_of, Mapping) else None
    if isinstance(timeout, (int, float)) and timeout > 0 and (raw_retry is None or isinstance(raw_retry, Mapping)):
        raw_retry = {"timeout_s": float(timeout), **(raw_retry or {})}  # one timeout for the HTTP call and the attempt
    retry = _retry_settings(where, raw_retry)
    if "provider" in spec:
        unknown = set(spec) - {
            "provider",
            "config",
            "api_key_env",
            "component_type",
            "version",
            "description",
            "label",
            "component_version",
        }
        if unknown:
            raise ModelConfigError(f"{where}: unknown keys {sorted(unknown)} next to 'provider'")
        config = spec.get("config") or {}
        if not isinstance(config, Mapping):
            raise ModelConfigError(f"{where}.config: expected a mapping, got {config!r}")
        config = dict(config)
        key_env = spec.pop("api_key_env", config.pop("api_key_env", None))
        if "api_key" in config:
            raise ModelConfigError(
                f"{where}.config.api_key: API keys must not be stored in the config file; put the key in an "
                f"environment variable and name it with api_key_env"
            )
        spec["config"] = config
        spec.pop("api_key_env", None)
        try:
            component = ComponentModel.model_validate(spec)
        except Exception as exc:
            raise ModelConfigError(f"{where}: not a valid AutoGen component config ({exc})") from None
        if key_env is not None and not isinstance(key_env, str):
            raise ModelConfigError(f"{where}.api_key_env: expected an environment variable name, got {key_env!r}")
        return _RoleSpec(_bounded(component, retry), key_env, retry)
    if "model" not in spec:
        raise ModelConfigError(
            f"{where}: give either an AutoGen component config ({{provider: ..., config: {{...}}}}) or the short "
            f"form ({{model: ..., base_url: ..., api_key_env: ..., model_info: {{...}}}})"
        )
    if "api_key" in spec:
        raise ModelConfigError(
            f"{where}.api_key: API keys must not be stored in the config file; set api_key_env to the name of "
            f"an environment variable holding the key"
        )
    key_env = spec.pop("api_key_env", DEFAULT_API_KEY_ENV)
    if key_env is not None and (not isinstance(key_env, str) or not key_env):
        raise ModelConfigError(f"{where}.api_key_env: expected an environment variable name or null, got {key_env!r}")
    if not isinstance(spec["model"], str) or not spec["model"]:
        raise ModelConfigError(f"{where}.model: expected a model name, got {spec['model']!r}")
    if key_env is None:
        spec["api_key"] = _NO_KEY  # placeholder for local servers that ignore the key (not a secret)
    component = ComponentModel(provider=OPENAI_PROVIDER, component_type="model", config=spec)
    return _RoleSpec(_bounded(component, retry), key_env, retry)


TRANSPORT_KEYS = frozenset(
    {"base_url", "api_key_env", "timeout", "max_retries", "default_headers", "organization", "http_client", "retry"}
)
"""Keys that say how to reach a model, not which model answers: :func:`config_digest` leaves them out."""


def config_digest(data: Any) -> str:
    """SHA-256 of a model configuration without its :data:`TRANSPORT_KEYS` (at any depth).

    Two configs with the same digest put the same models behind the same roles, so a run may be resumed with a
    corrected URL, key variable, timeout or retry budget, but not with another model.

    Example:
        >>> a = {"roles": {"worker": {"model": "m", "base_url": "http://a/v1"}}}
        >>> b = {"roles": {"worker": {"model": "m", "base_url": "http://b/v1", "api_key_env": None}}}
        >>> other = {"roles": {"worker": {"model": "n"}}}
        >>> config_digest(a) == config_digest(b), config_digest(a) == config_digest(other)
        (True, False)
    """

    def strip(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): strip(v) for k, v in value.items() if k not in TRANSPORT_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    canonical = json.dumps(strip(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _endpoint_note(models: RoleModels) -> str:
    if models.faults.last_failure is not None:
        return ""  # the failed call's error already names its role and URL
    urls = {role: models.base_url(role) for role in models.configured_roles()}
    shown = [f"{role} -> {url}" for role, url in urls.items() if url]
    return f" (configured endpoints: {', '.join(shown)})" if shown else ""


class RoleModels:
    """Model clients per role, built on demand from a configuration (see :func:`load_model_config`).

    Roles: ``worker``, ``objective_setter``, ``judge``, ``collaborator`` (default for all collaborators) and
    ``collaborator:<name>`` (looked up in ``collaborators.<name>``, then ``collaborator``). Unconfigured roles use
    ``default(role)``.

    Args:
        specs: parsed specs keyed by role (``collaborator:<name>`` for one collaborator).
        default: factory for unconfigured roles, e.g. ``lambda role: ScriptedPolicyClient(role=role)``.
        source: where the configuration came from (for error messages).

    Example:
        >>> from autogen_ext.models.replay import ReplayChatCompletionClient
        >>> models = RoleModels.from_mapping({"roles": {"judge": {"model": "gpt-4o-mini", "api_key_env": None}}},
        ...                                  default=lambda role: ReplayChatCompletionClient(["ok"]))
        >>> models.configured_roles()
        ['judge']
        >>> type(models.client_for("worker")).__name__, type(models.client_for("judge")).__name__
        ('ReplayChatCompletionClient', 'ResilientChatCompletionClient')
    """

    def __init__(
        self,
        specs: Mapping[str, _RoleSpec],
        *,
        default: Callable[[str], ChatCompletionClient] | None = None,
        source: str = "<mapping>",
    ) -> None:
        self._specs = dict(specs)
        self._default = default
        self._source = source
        self._built: list[ChatCompletionClient] = []
        self.digest: str | None = None
        """:func:`config_digest` of the configuration (which models answer); None when it came from no file."""
        self.headers: dict[str, str] = {}
        """Extra HTTP headers every OpenAI client built here sends (the simulation sets :data:`RUN_ID_HEADER`)."""
        self.faults = ModelFaults()
        """Faults and retries of every configured role's calls (the simulation reads and resets it)."""

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any],
        *,
        default: Callable[[str], ChatCompletionClient] | None = None,
        source: str = "<mapping>",
    ) -> RoleModels:
        """Parse an already-loaded configuration (the file's content)."""
        if not isinstance(data, Mapping):
            raise ModelConfigError(f"{source}: expected a mapping with a 'roles' key, got {type(data).__name__}")
        unknown_top = set(data) - {"roles", "schema_version"}
        if unknown_top:
            raise ModelConfigError(f"{source}: unknown top-level keys {sorted(unknown_top)}; expected 'roles'")
        roles = data.get("roles") or {}
        if not isinstance(roles, Mapping):
            raise ModelConfigError(f"{source}: 'roles' must be a mapping of role name to model spec")
        specs: dict[str, _RoleSpec] = {}
        for name, spec in roles.items():
            if name == "collaborators":
                if not isinstance(spec, Mapping):
                    raise ModelConfigError(f"{source}: roles.collaborators must map collaborator names to specs")
                for collaborator, sub in spec.items():
                    specs[f"collaborator:{collaborator}"] = _parse_spec(
                        f"{source}: roles.collaborators.{collaborator}", sub
                    )
            elif name in ROLE_NAMES or (isinstance(name, str) and name.startswith("collaborator:")):
                specs[name] = _parse_spec(f"{source}: roles.{name}", spec)
            else:
                raise ModelConfigError(
                    f"{source}: unknown role {name!r}; expected one of {', '.join(ROLE_NAMES)}, collaborators"
                )
        models = cls(specs, default=default, source=source)
        models.digest = config_digest(data)
        return models

    def base_url(self, role: str) -> str | None:
        """The ``base_url`` configured for ``role`` (None: the provider's default or not configured)."""
        found = self._lookup(role)
        if found is None:
            return None
        value = found[1].component.config.get("base_url")
        return str(value) if value is not None else None

    def endpoint_note(self) -> str:
        """`` (configured endpoints: worker -> URL, ...)`` for an error message; empty when no URL is configured or
        when the last failed call (``faults.last_failure``) already names the one role and URL that failed."""
        return _endpoint_note(self)

    def _where(self, role: str) -> str:
        found = self._lookup(role)
        key = found[0] if found is not None else role
        url = self.base_url(role)
        return f"role {role!r} (roles.{key} in {self._source}{', ' + url if url else ''})"

    def problems(self) -> list[str]:
        """Why configured roles cannot work, without calling any model: unset API-key variables, bad URLs.

        Example:
            >>> models = RoleModels.from_mapping({"roles": {"judge": {"model": "m", "base_url": "localhost:8000",
            ...                                                         "api_key_env": None}}})
            >>> print(models.problems()[0])  # doctest: +ELLIPSIS
            role 'judge' (roles.judge in <mapping>, localhost:8000): base_url 'localhost:8000' is not an http(s) URL...
        """
        out: list[str] = []
        for role, spec in sorted(self._specs.items()):
            where = self._where(role)
            url = self.base_url(role)
            if url is not None:
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.netloc:
                    out.append(f"{where}: base_url {url!r} is not an http(s) URL; write it like http://host:8000/v1")
            if spec.api_key_env and not os.environ.get(spec.api_key_env):
                out.append(
                    f"{where}: the API-key variable {spec.api_key_env} is not set; export {spec.api_key_env}=... "
                    "or set api_key_env: null for a server that needs no key"
                )
        return out

    async def validate(self) -> None:
        """Check every configured role before anything runs: :meth:`problems`, then build each client (no call).

        Raises:
            ModelConfigError: One message listing every problem, each naming its role and URL.
        """
        problems = self.problems()
        if not problems:
            for role in self.configured_roles():
                try:
                    self.client_for(role)
                except ModelConfigError as exc:
                    problems.append(str(exc))
            await self.close()
        if problems:
            raise ModelConfigError("; ".join(problems))

    async def close(self) -> None:
        """Close every client this object built (HTTP connections of real model clients); errors are ignored."""
        built, self._built = self._built, []
        for client in built:
            with contextlib.suppress(Exception):
                await client.close()

    def configured_roles(self) -> list[str]:
        """Roles with an explicit spec, sorted."""
        return sorted(self._specs)

    def _lookup(self, role: str) -> tuple[str, _RoleSpec] | None:
        if role in self._specs:
            return role, self._specs[role]
        if role.startswith("collaborator:") and "collaborator" in self._specs:
            return "collaborator", self._specs["collaborator"]
        return None

    def spec_for(self, role: str) -> dict[str, Any] | None:
        """The component config used for ``role`` (no secret in it), or None if the default applies."""
        found = self._lookup(role)
        if found is None:
            return None
        data = found[1].component.model_dump(exclude_none=True)
        if found[1].api_key_env:
            data["api_key_env"] = found[1].api_key_env
        return data

    def missing_env(self) -> dict[str, str]:
        """Configured roles whose API-key variable is unset: ``{role: variable}`` (check before a long run)."""
        return {
            r: s.api_key_env
            for r, s in sorted(self._specs.items())
            if s.api_key_env and not os.environ.get(s.api_key_env)
        }

    def client_for(self, role: str) -> ChatCompletionClient:
        """Build the client for ``role`` (the API key is read from the environment now, never stored).

        Raises:
            ModelConfigError: If the key variable is unset, the component cannot be built, or the role has no
                spec and no default factory was given.
        """
        found = self._lookup(role)
        if found is None:
            if self._default is None:
                raise ModelConfigError(
                    f"no model configured for role {role!r} in {self._source} and no default client factory given"
                )
            client = self._default(role)
            self._built.append(client)
            return client
        key, spec = found
        component = spec.component.model_copy(deep=True)
        if spec.api_key_env:
            value = os.environ.get(spec.api_key_env)
            if not value:
                raise ModelConfigError(
                    f"role {role!r} (roles.{key} in {self._source}) needs an API key in the environment variable "
                    f"{spec.api_key_env}, which is not set; export {spec.api_key_env}=... or change api_key_env"
                )
            component.config = {**component.config, "api_key": value}
        if self.headers and component.provider == OPENAI_PROVIDER:
            headers = dict(component.config.get("default_headers") or {})
            component.config = {**component.config, "default_headers": {**self.headers, **headers}}
        try:
            built = ChatCompletionClient.load_component(component)
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise ModelConfigError(
                f"cannot build the model client for {self._where(role)}: {type(exc).__name__}: {first}"
            ) from None
        self._built.append(built)
        endpoint = str(component.config.get("base_url") or component.config.get("azure_endpoint") or "")
        endpoint = endpoint or f"model {component.config.get('model', '?')}"
        return ResilientChatCompletionClient(
            built, role=role, settings=spec.retry, faults=self.faults, endpoint=endpoint
        )

    def retry_settings(self, role: str) -> RetrySettings | None:
        """The timeouts and retry budget of ``role``'s calls, or None when the default factory serves it."""
        found = self._lookup(role)
        return None if found is None else found[1].retry


def _load_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelConfigError(f"cannot read the model config {path}: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelConfigError(f"{path}: invalid JSON ({exc})") from None
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        if suffix in (".yaml", ".yml"):
            raise ModelConfigError(f"{path}: reading YAML needs PyYAML (pip install pyyaml), or use JSON") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelConfigError(f"{path}: invalid JSON ({exc})") from None
    try:
        return yaml.safe_load(text)  # YAML is a superset of JSON
    except yaml.YAMLError as exc:
        raise ModelConfigError(f"{path}: invalid YAML ({' '.join(str(exc).split())})") from None


def load_model_config(
    path: str | os.PathLike[str], *, default: Callable[[str], ChatCompletionClient] | None = None
) -> RoleModels:
    """Load a per-role model configuration from a YAML (needs PyYAML) or JSON file.

    Args:
        path: the file (``.json``, ``.yaml`` or ``.yml``).
        default: factory for roles the file does not configure.

    Raises:
        ModelConfigError: If the file cannot be read or parsed, or has unknown roles, malformed specs or stored keys.

    Example:
        >>> import json, os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "models.json")
        >>> _ = open(path, "w").write(json.dumps({"roles": {"worker": {"model": "gpt-4o-mini"}}}))
        >>> load_model_config(path).spec_for("worker")["api_key_env"]
        'OPENAI_API_KEY'
    """
    file = Path(path)
    return RoleModels.from_mapping(_load_file(file) or {}, default=default, source=str(file))
