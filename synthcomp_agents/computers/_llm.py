"""The LLM computer generator: the procedural generator's stages, each done by an AutoGen agent.

Stages (one :class:`~autogen_agentchat.agents.AssistantAgent` per stage call, structured output):

1. ``profile`` -> :class:`~synthcomp_agents.computers.UserProfile`
2. ``collaborators`` -> :class:`~synthcomp_agents.computers.CollaborationContext`
3. ``projects`` -> :class:`~synthcomp_agents.computers.ProjectIndex`
4. ``filesystem_policy`` -> :class:`~synthcomp_agents.computers.FilesystemPolicy`
5. ``file_plan:<project_id>`` (one call per project) -> files + graph edges of that project
6. ``content:<path>`` (one call per core file, in topological order of the graph) -> an office spec
   (``DocumentSpec``, ``SpreadsheetSpec``, ``PresentationSpec``, ``CsvSpec``, ``CalendarSpec``, ``ImageSpec`` or an
   e-mail draft), grounded on the upstream files' extracted text (workbooks with computed values), truncated to a
   budget; ``zip`` files are packed from their attachment sources, e-mails get their attachments' exact bytes
7. materialize: background files (procedural, seeded), the disk with planned times and authors, the blueprint.

Validation and repair
---------------------
Every answer is validated in three layers: JSON parsing, the pydantic model (which already enforces e.g. 4-10
collaborators, unique ids, path syntax, kind/extension agreement), and stage checks (OS-plausible folders, the
graph rules of :func:`~synthcomp_agents.computers.validate_graph`, placeholder text, and for file contents the same
edge checks :func:`~synthcomp_agents.computers.validate_computer` runs: a report derived from a workbook must quote
the workbook's computed figures). On failure the errors are sent back to the same agent (its context holds the
task and the bad answer) asking for the whole corrected object, at most ``max_repairs`` times; then a
:class:`GenerationError` names the stage and the last errors.

Structured-output robustness: ``AssistantAgent(output_content_type=...)`` parses with ``model_validate_json`` and
*raises* on bad JSON without retrying. The agent has already stored the raw answer in its model context at that
point, so the generator catches the ``ValidationError``, reads the raw text back from the context, first tries a
lenient parse (Markdown fences or prose around the JSON are stripped) and otherwise turns the pydantic errors into
a repair message. Clients whose ``model_info`` lacks ``structured_output`` get a plain agent with the JSON schema
in the system message and the same lenient parser.

Example:
    >>> from synthcomp_agents.computers._llm import LLMComputerGenerator
    >>> from autogen_ext.models.openai import OpenAIChatCompletionClient  # doctest: +SKIP
    >>> gen = LLMComputerGenerator(OpenAIChatCompletionClient(model="gpt-4.1-mini"), max_repairs=2)  # doctest: +SKIP
    >>> computer = gen.generate("A procurement manager in Valencia", seed=7)  # doctest: +SKIP
    >>> computer.save("out/llm-c1")  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import posixpath
import random
import re
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.messages import StructuredMessage, TextMessage
from autogen_core.model_context import UnboundedChatCompletionContext
from autogen_core.models import AssistantMessage, ChatCompletionClient
from pydantic import BaseModel, ValidationError

from synthcomp_agents._version import __version__
from synthcomp_agents.disk import DEFAULT_INSTANT, OSFlavor, VirtualDisk
from synthcomp_agents.personas import INDUSTRIES, OCCUPATIONAL_FAMILIES, Persona

from . import _llm_prompts as prompts
from ._blueprint import (
    CollaborationContext,
    ComputerBlueprint,
    FileEdge,
    FileGraph,
    FilesystemPolicy,
    PlannedFile,
    Project,
    ProjectIndex,
    UserProfile,
)
from ._generator import GeneratedComputer, computer_id_for, resolve_persona
from ._llm_stages import (
    SPEC_FOR_KIND,
    EmailDraft,
    ProjectFilePlan,
    check_collaborators,
    check_file_plan,
    check_policy,
    check_profile,
    check_projects,
    content_digest,
    digest,
    email_spec,
    make_background,
    pack_zip,
    placeholder_problems,
    render,
    spec_text,
    topological_order,
    with_properties,
)
from ._validate import _Reader, check_edge

__all__ = ["GenerationError", "LLMComputerGenerator", "StageRecord"]

_UTC = timezone.utc
T = TypeVar("T", bound=BaseModel)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)


class GenerationError(RuntimeError):
    """A stage of the LLM generator could not produce a valid object within its repair budget.

    Attributes:
        stage: The stage name, e.g. ``"collaborators"``, ``"file_plan:p02"`` or ``"content:Documents/a.docx"``.
        errors: The validation errors of the last attempt, in plain words.
        attempts: How many answers were requested (1 + repairs).

    Example:
        >>> err = GenerationError("collaborators", ["only 3 collaborators; list 4-10"], attempts=3)
        >>> err.stage, "only 3" in str(err)
        ('collaborators', True)
    """

    def __init__(self, stage: str, errors: Sequence[str], attempts: int) -> None:
        self.stage = stage
        self.errors = list(errors)
        self.attempts = attempts
        shown = "\n- ".join(self.errors[:10]) or "(no details)"
        super().__init__(
            f"stage {stage!r} produced no valid output after {attempts} attempt(s); last errors:\n- {shown}"
        )


@dataclass
class StageRecord:
    """What happened in one stage call: attempts and the errors of each failed attempt."""

    stage: str
    attempts: int = 0
    errors: list[list[str]] = field(default_factory=list)

    @property
    def repairs(self) -> int:
        """Number of repair rounds (attempts after the first)."""
        return max(0, self.attempts - 1)


def _format_validation(exc: ValidationError) -> list[str]:
    out: list[str] = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err.get("loc", ())) or "(root)"
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "json_invalid":
            msg = f"invalid JSON ({err.get('ctx', {}).get('error', msg)})"
        out.append(f"{loc}: {msg}")
    return out


def _json_candidates(text: str) -> list[str]:
    stripped = text.strip()
    candidates = [stripped]
    candidates.extend(m.strip() for m in _FENCE.findall(text))
    start, end = stripped.find("{"), stripped.rfind("}")
    if 0 <= start < end:
        candidates.append(stripped[start : end + 1])
    return list(dict.fromkeys(c for c in candidates if c))


def parse_lenient(text: str, model: type[T]) -> tuple[T | None, list[str]]:
    """Parse a model answer into ``model``: as is, inside Markdown fences, or the outermost ``{...}``.

    Returns:
        ``(object, [])`` on success, else ``(None, errors)`` with the errors of the most promising candidate.

    Example:
        >>> from synthcomp_agents.office import CsvSpec
        >>> obj, errors = parse_lenient('Sure:\\n```json\\n{"header": ["a"], "rows": [[1]]}\\n```', CsvSpec)
        >>> obj.header, errors
        (['a'], [])
    """
    if not text.strip():
        return None, ["the answer was empty; answer with one JSON object"]
    best: list[str] | None = None
    for candidate in _json_candidates(text):
        try:
            return model.model_validate_json(candidate), []
        except ValidationError as exc:
            errors = _format_validation(exc)
            if best is None or not any("invalid JSON" in e for e in errors):
                best = errors
    if best and all("invalid JSON" in e for e in best):
        head = text.strip()[:80].replace("\n", " ")
        return None, [f"the answer is not a JSON object ({best[0].split(': ', 1)[-1]}); it starts with {head!r}"]
    return None, best or ["no JSON object found in the answer"]


def _agent_name(stage: str) -> str:
    name = re.sub(r"\W+", "_", stage.split(":", 1)[0]).strip("_") or "stage"
    return f"{name}_agent"


class LLMComputerGenerator:
    """Generate a synthetic computer with AutoGen agents (structured output, validation, bounded repair).

    Implements :class:`~synthcomp_agents.computers.ComputerGenerator`. Deterministic for a deterministic model
    client: prompts, stage order, file order (topological, ties by time and path), ids and background files depend
    only on the persona, seed, OS and the model's answers.

    Args:
        model_client: Any AutoGen ``ChatCompletionClient``. With ``model_info["structured_output"]`` the stage
            agents use ``output_content_type``; otherwise the JSON schema goes into the system message.
        max_repairs: Repair rounds per stage call after the first answer (0 = no repair).
        now: The simulated "now" (end of the generated history); defaults to the disk's default instant.
        min_projects: Minimum number of projects (5-15 are allowed by the blueprint).
        min_core_files: Minimum number of core (project) files over all projects; each project must plan at least
            its share.
        neighbour_chars: Characters of each upstream file shown to a content call.
        context_chars: Total characters of upstream content per content call.
        background: Add procedural background files (downloads, photos, installers, copies, dotfiles).
        structured_output: Force (True) or disable (False) ``output_content_type``; None = from ``model_info``.

    Attributes:
        name: ``"llm"`` (recorded in ``blueprint.generator``).
        records: One :class:`StageRecord` per stage call of the last run.

    Example:
        >>> from autogen_ext.models.replay import ReplayChatCompletionClient
        >>> info = {"vision": False, "function_calling": True, "json_output": True, "family": "unknown",
        ...         "structured_output": True}
        >>> gen = LLMComputerGenerator(ReplayChatCompletionClient(["not json"] * 3, model_info=info), max_repairs=2)
        >>> try:
        ...     gen.generate("A payroll specialist in Leeds", seed=1)
        ... except GenerationError as err:
        ...     print(err.stage, err.attempts)
        profile 3
    """

    name = "llm"

    def __init__(
        self,
        model_client: ChatCompletionClient,
        *,
        max_repairs: int = 2,
        now: datetime | None = None,
        min_projects: int = 6,
        min_core_files: int = 120,
        neighbour_chars: int = 1500,
        context_chars: int = 6000,
        background: bool = True,
        structured_output: bool | None = None,
    ) -> None:
        if max_repairs < 0:
            raise ValueError(f"max_repairs must be >= 0, got {max_repairs}")
        if not 5 <= min_projects <= 15:
            raise ValueError(f"min_projects must be within 5..15 (the blueprint's range), got {min_projects}")
        self.model_client = model_client
        self.max_repairs = max_repairs
        self.now = (now or DEFAULT_INSTANT).astimezone(_UTC)
        self.min_projects = min_projects
        self.min_core_files = max(0, min_core_files)
        self.neighbour_chars = neighbour_chars
        self.context_chars = context_chars
        self.background = background
        if structured_output is None:
            structured_output = bool(model_client.model_info.get("structured_output", False))
        self.structured_output = structured_output
        self.records: list[StageRecord] = []

    # -- public API ---------------------------------------------------------------------------------------------------

    def generate(self, persona: Persona | str, *, seed: int, os: OSFlavor | None = None) -> GeneratedComputer:
        """Generate a computer (blocking). Inside a running event loop, prefer ``await agenerate(...)``.

        Raises:
            GenerationError: A stage produced no valid output within ``max_repairs`` repairs, or a model call failed.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self.agenerate(persona, seed=seed, os=os))
        box: dict[str, Any] = {}

        def worker() -> None:
            try:
                box["value"] = asyncio.run(self.agenerate(persona, seed=seed, os=os))
            except BaseException as exc:  # re-raised in the caller's thread
                box["error"] = exc

        thread = threading.Thread(target=worker, name="llm-computer-generator")
        thread.start()
        thread.join()
        if "error" in box:
            raise box["error"]
        result: GeneratedComputer = box["value"]
        return result

    async def agenerate(self, persona: Persona | str, *, seed: int, os: OSFlavor | None = None) -> GeneratedComputer:
        """Generate a computer (async); see :meth:`generate`."""
        p = resolve_persona(persona)
        self.records = []
        run = _Run(self, p, seed, os)
        return await run.execute()

    # -- the stage loop -----------------------------------------------------------------------------------------------

    async def run_stage(
        self,
        stage: str,
        output_type: type[T],
        task: str,
        check: Callable[[T], list[str] | Awaitable[list[str]]],
    ) -> T:
        """Ask a fresh agent for one stage object; validate; repair at most ``max_repairs`` times.

        Args:
            stage: Stage name (appears in prompts, records and errors).
            output_type: The pydantic model of the answer.
            task: The stage prompt.
            check: Returns the stage-specific problems of a parsed object (empty when valid).

        Returns:
            The first valid object.

        Raises:
            GenerationError: No valid object within the budget, or the model call itself failed.
        """
        record = StageRecord(stage)
        self.records.append(record)
        context = UnboundedChatCompletionContext()
        system = prompts.SYSTEM_MESSAGE
        if not self.structured_output:
            system += "\nJSON schema of the answer: " + prompts.schema_hint(output_type)
        agent = AssistantAgent(
            _agent_name(stage),
            model_client=self.model_client,
            system_message=system,
            model_context=context,
            output_content_type=output_type if self.structured_output else None,
        )
        errors: list[str] = []
        message = task
        for attempt in range(self.max_repairs + 1):
            if attempt:
                message = prompts.repair_prompt(stage, errors, attempt, self.max_repairs)
            record.attempts += 1
            obj: T | None = None
            try:
                result = await agent.run(task=message)
            except ValidationError as exc:
                # output_content_type parse failed; the raw answer is already in the agent's context
                raw = await _last_answer(context)
                obj, errors = parse_lenient(raw, output_type)
                if obj is None and not errors:
                    errors = _format_validation(exc)
            except Exception as exc:
                raise GenerationError(stage, [f"model call failed: {type(exc).__name__}: {exc}"], attempt + 1) from exc
            else:
                last = result.messages[-1] if result.messages else None
                if isinstance(last, StructuredMessage) and isinstance(last.content, output_type):
                    obj = last.content
                elif isinstance(last, TextMessage):
                    obj, errors = parse_lenient(last.content, output_type)
                else:
                    errors = [f"expected a JSON object, got a {type(last).__name__}"]
            if obj is not None:
                try:
                    outcome = check(obj)
                    errors = list(await outcome) if isinstance(outcome, Awaitable) else list(outcome)
                except (ValueError, TypeError) as exc:
                    errors = [f"{exc}"]
                if not errors:
                    return obj
            record.errors.append(list(errors))
        raise GenerationError(stage, errors, record.attempts)


async def _last_answer(context: UnboundedChatCompletionContext) -> str:
    for message in reversed(await context.get_messages()):
        if isinstance(message, AssistantMessage):
            return message.content if isinstance(message.content, str) else str(message.content)
    return ""


class _Run:
    """One generation: the stage results and the files produced so far."""

    def __init__(self, gen: LLMComputerGenerator, persona: Persona, seed: int, os: OSFlavor | None) -> None:
        self.gen = gen
        self.persona = persona
        self.seed = seed
        self.forced_os = os
        self.now = gen.now
        self.computer_id = computer_id_for(persona, seed, gen.name, os)
        digest_ = hashlib.sha256(f"{persona.persona_id}|{seed}|{os or ''}|llm".encode()).hexdigest()
        self.rng = random.Random(int(digest_[:16], 16))
        self.contents: dict[str, bytes] = {}
        self.reader = _Reader()

    async def execute(self) -> GeneratedComputer:
        gen, p, now = self.gen, self.persona, self.now
        family = OCCUPATIONAL_FAMILIES[p.family]
        hints = {
            "occupation": p.occupation,
            "occupational_family": family.label,
            "industry": INDUSTRIES[p.industry].label if p.industry in INDUSTRIES else p.industry,
            "seniority": p.seniority,
            "country": p.country,
            "city": p.city,
            "typical_tools": list(family.tools[:6]),
            "typical_documents": list(family.report_types[:6]),
        }
        if p.mapping_note:
            hints["mapping_note"] = p.mapping_note
        profile = await gen.run_stage(
            "profile",
            UserProfile,
            prompts.profile_prompt(p.text, now=now, os=self.forced_os, hints=hints),
            lambda obj: check_profile(obj, os=self.forced_os),
        )
        collaborators = await gen.run_stage(
            "collaborators",
            CollaborationContext,
            prompts.collaborators_prompt(p.text, now=now, profile=profile),
            lambda obj: check_collaborators(obj, profile=profile),
        )
        projects = await gen.run_stage(
            "projects",
            ProjectIndex,
            prompts.projects_prompt(
                p.text, now=now, profile=profile, collaborators=collaborators, min_projects=gen.min_projects
            ),
            lambda obj: check_projects(
                obj, collaborators=collaborators, now=now, os=profile.os, min_projects=gen.min_projects
            ),
        )
        policy = await gen.run_stage(
            "filesystem_policy",
            FilesystemPolicy,
            prompts.policy_prompt(p.text, now=now, profile=profile, projects=projects, os=profile.os),
            lambda obj: check_policy(obj, profile=profile, projects=projects),
        )
        files, edges = await self.plan_files(profile, collaborators, projects, policy)
        await self.write_contents(profile, projects, files, edges)
        return self.materialize(profile, collaborators, projects, policy, files, edges)

    # -- stage 5 ---------------------------------------------------------------------------------------------------

    async def plan_files(
        self,
        profile: UserProfile,
        collaborators: CollaborationContext,
        projects: ProjectIndex,
        policy: FilesystemPolicy,
    ) -> tuple[list[PlannedFile], list[FileEdge]]:
        gen = self.gen
        files: list[PlannedFile] = []
        edges: list[FileEdge] = []
        per_project = max(1, math.ceil(gen.min_core_files / len(projects.projects)))
        people = [f"{c.name} ({c.role})" for c in collaborators.collaborators]
        for project in projects.projects:
            earlier_files, earlier_edges = list(files), list(edges)

            def check(
                plan: ProjectFilePlan,
                project: Project = project,
                earlier_files: list[PlannedFile] = earlier_files,
                earlier_edges: list[FileEdge] = earlier_edges,
            ) -> list[str]:
                return check_file_plan(
                    plan,
                    project=project,
                    policy=policy,
                    earlier_files=earlier_files,
                    earlier_edges=earlier_edges,
                    now=self.now,
                    min_files=per_project,
                )

            plan = await gen.run_stage(
                f"file_plan:{project.project_id}",
                ProjectFilePlan,
                prompts.file_plan_prompt(
                    self.persona.text,
                    now=self.now,
                    profile=profile,
                    collaborators=people,
                    project=project,
                    policy=policy,
                    earlier=[f.path for f in files],
                    min_files=per_project,
                    kinds=[*sorted(SPEC_FOR_KIND), "zip"],
                ),
                check,
            )
            files.extend(plan.files)
            edges.extend(plan.edges)
        return files, edges

    # -- stage 6 ---------------------------------------------------------------------------------------------------

    def message_id(self, path: str, domain: str) -> str:
        return f"<{content_digest([self.computer_id.encode(), path.encode()])}@{domain}>"

    async def write_contents(
        self, profile: UserProfile, projects: ProjectIndex, files: list[PlannedFile], edges: list[FileEdge]
    ) -> None:
        gen = self.gen
        by_path = {f.path: f for f in files}
        by_project = projects.by_id()
        domain = profile.email.split("@", 1)[1]
        incoming: dict[str, list[FileEdge]] = {}
        for e in edges:
            incoming.setdefault(e.target, []).append(e)
        for path in topological_order(files, edges):
            planned = by_path[path]
            ins = incoming.get(path, [])
            attached = [e.source for e in ins if e.type == "attachment_of"]
            if planned.kind == "zip":
                self.contents[path] = pack_zip(
                    [(posixpath.basename(src), self.contents[src]) for src in attached], planned.created
                )
                continue
            spec_type = SPEC_FOR_KIND[planned.kind]
            project = by_project.get(planned.project_id or "")
            replies = sorted(
                (e.source for e in ins if e.type == "references" and by_path[e.source].kind == "eml"),
                key=lambda s: (by_path[s].created, s),
            )
            holder: dict[str, bytes] = {}

            def check(
                spec: BaseModel,
                planned: PlannedFile = planned,
                ins: list[FileEdge] = ins,
                attached: list[str] = attached,
                replies: list[str] = replies,
                project: Project | None = project,
                holder: dict[str, bytes] = holder,
            ) -> list[str]:
                return self.check_content(spec, planned, ins, attached, replies, project, domain, holder)

            await gen.run_stage(
                f"content:{path}",
                spec_type,
                self.content_prompt(profile, planned, project, ins, files, spec_type),
                check,
            )
            self.contents[path] = holder["data"]

    def content_prompt(
        self,
        profile: UserProfile,
        planned: PlannedFile,
        project: Project | None,
        ins: list[FileEdge],
        files: list[PlannedFile],
        spec_type: type[BaseModel],
    ) -> str:
        budget = self.gen.context_chars
        neighbours: list[tuple[str, str]] = []
        for e in ins:
            if budget <= 0:
                break
            share = min(self.gen.neighbour_chars, budget)
            text = digest(e.source, self.contents[e.source], share)
            neighbours.append((f"{e.source} ({e.type})", text))
            budget -= len(text)
        siblings = [
            posixpath.basename(f.path) for f in files if f.project_id == planned.project_id and f is not planned
        ]
        notes = {
            "EmailDraft": [
                f"The sender is {planned.author}; date, Message-ID, reply headers and attachments are added for you.",
                "Name each attached file in the body and quote the figures the reader needs.",
            ],
            "SpreadsheetSpec": [
                "Use real rows (10-40) and Excel formulas for totals (e.g. '=SUM(D2:D13)'); sheet names <= 31 chars.",
            ],
            "PresentationSpec": ["8-20 slides; start with a title slide; every slide specific to this project."],
            "DocumentSpec": ["Several sections with headings, paragraphs, lists and at least one table."],
        }.get(spec_type.__name__, [])
        if any(e.type in ("derived_from", "summarizes", "input_to") for e in ins):
            notes.append("Quote the upstream figures exactly as computed (same numbers, same rounding).")
        if any(e.type == "references" for e in ins):
            notes.append("Mention each referenced file by its file name or title.")
        return prompts.content_prompt(
            self.persona.text,
            now=self.now,
            user=f"{profile.name}, {profile.role} at {profile.employer}",
            planned=planned,
            project=project,
            spec_name=spec_type.__name__,
            incoming=[(e.source, e.type, e.note) for e in ins],
            neighbours=neighbours,
            siblings=siblings,
            notes=notes,
        )

    def check_content(
        self,
        spec: BaseModel,
        planned: PlannedFile,
        ins: list[FileEdge],
        attached: list[str],
        replies: list[str],
        project: Project | None,
        domain: str,
        holder: dict[str, bytes],
    ) -> list[str]:
        problems = placeholder_problems(spec_text(spec))
        title = getattr(spec, "title", None) or planned.purpose
        try:
            if isinstance(spec, EmailDraft):
                full = email_spec(
                    spec,
                    planned,
                    message_id=self.message_id(planned.path, domain),
                    replies_to=[self.message_id(r, domain) for r in replies],
                    attachments=[(posixpath.basename(src), self.contents[src]) for src in attached],
                )
                data = render(full, planned)
            else:
                spec = with_properties(spec, planned, title=title, subject=project.name if project else None)
                data = render(spec, planned)
        except Exception as exc:
            return [*problems, f"the {planned.kind} writer rejected the content: {exc}"]
        for e in ins:
            if e.type == "attachment_of":
                continue
            result = check_edge(e, self.contents[e.source], data, reader=self.reader)
            if result.status == "problem":
                problems.append(result.detail)
        holder["data"] = data
        return problems

    # -- stage 7 ---------------------------------------------------------------------------------------------------

    def materialize(
        self,
        profile: UserProfile,
        collaborators: CollaborationContext,
        projects: ProjectIndex,
        policy: FilesystemPolicy,
        files: list[PlannedFile],
        edges: list[FileEdge],
    ) -> GeneratedComputer:
        now = self.now
        planned = [f.model_copy(update={"target_size": len(self.contents[f.path])}) for f in files]
        payload = {f.path: self.contents[f.path] for f in planned}
        if self.gen.background:
            core = {f.path: (f, self.contents[f.path]) for f in planned}
            for bg, data in make_background(
                self.rng, profile=profile, policy=policy, core=core, now=now, taken=set(payload)
            ):
                planned.append(bg)
                payload[bg.path] = data
        disk = VirtualDisk(user=profile.username, os=profile.os, clock=lambda: now)
        folders = set(policy.home_layout) | {p.folder for p in projects.projects}
        for f in planned:
            parent = posixpath.dirname(f.path)
            while parent:
                folders.add(parent)
                parent = posixpath.dirname(parent)
        base = now - timedelta(days=900)
        for folder in sorted(folders):
            disk.mkdir(folder, created=base)
        newest: dict[str, datetime] = {}
        for f in sorted(planned, key=lambda x: x.path):
            disk.write_bytes(f.path, payload[f.path], created=f.created, modified=f.modified, author=f.author)
            parent = posixpath.dirname(f.path)
            while True:
                if parent not in newest or newest[parent] < f.modified:
                    newest[parent] = f.modified
                if not parent:
                    break
                parent = posixpath.dirname(parent)
        for folder in sorted(folders):
            disk.set_times(folder, created=base, modified=newest.get(folder, base))
        blueprint = ComputerBlueprint(
            computer_id=self.computer_id,
            persona=self.persona.text,
            generator=self.gen.name,
            generator_version=__version__,
            seed=self.seed,
            user_profile=profile,
            collaboration_context=collaborators,
            project_index=projects,
            filesystem_policy=policy,
            file_list=sorted(planned, key=lambda x: x.path),
            file_graph=FileGraph(edges=edges),
        )
        return GeneratedComputer(blueprint=blueprint, disk=disk, persona=self.persona)
