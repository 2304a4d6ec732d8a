"""The `synthcomp` command line.

Heavy modules (generators, office libraries, AutoGen) are imported inside the command bodies so that
``synthcomp --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.tree import Tree
from typer.core import TyperGroup

from ._version import __version__

if TYPE_CHECKING:
    from autogen_core.models import ChatCompletionClient

    from .computers import ComputerGenerator
    from .personas import Persona

console = Console()
_DEBUG = {"on": False}
_QUIET_LOGGERS = ("autogen_core", "autogen_agentchat", "autogen_ext", "httpx", "httpcore", "openai")


def _debug() -> bool:
    return _DEBUG["on"] or os.environ.get("SYNTHCOMP_DEBUG", "") not in ("", "0")


def error_line(exc: BaseException) -> tuple[str, int]:
    """One line saying what went wrong and what to do, and the exit code (2: bad input, 1: a runtime failure).

    Example:
        >>> error_line(OSError(errno.ENOSPC, "No space left on device", "out/run.json"))[1]
        1
    """
    from .disk import FolderLocked
    from .models import ModelConfigError
    from .simulation import SimulationError, SimulationInputError

    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "No space left on device" in str(exc):
        where = f" while writing {exc.filename}" if isinstance(exc, OSError) and exc.filename else ""
        return (
            f"no space left on the device{where}: free some space and run the same command again (what was "
            "completed is kept; a run continues from its last checkpoint)",
            1,
        )
    if isinstance(exc, (SimulationInputError, ModelConfigError)):
        return _one_line(str(exc)), 2
    if isinstance(exc, (SimulationError, FolderLocked)):
        return _one_line(str(exc)), 1
    if isinstance(exc, OSError):
        what = exc.strerror or str(exc)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"cannot write {exc.filename or 'the output'}: {what}; choose a writable --out folder", 1
        return f"{what}{': ' + str(exc.filename) if exc.filename else ''}", 1
    return f"{type(exc).__name__}: {_one_line(str(exc))} (run with --debug for the traceback)", 1


def _one_line(text: str, limit: int = 2000) -> str:
    """``text`` on one line (pydantic's "For further information" links dropped), at most ``limit`` characters."""
    lines = [part.strip() for part in text.strip().splitlines() if part.strip()]
    flat = " ".join(line for line in lines if not line.startswith("For further information visit"))
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


@contextlib.contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Keep AutoGen's (and its HTTP clients') internal tracebacks out of normal output (shown with --debug)."""
    if _debug():
        yield
        return
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class _Commands(TyperGroup):
    """Every command: a failure is one line and an exit code (2: bad input, 1: runtime); --debug shows tracebacks."""

    def invoke(self, ctx: Any) -> Any:
        _DEBUG["on"] = False  # set again by --debug (the callback runs inside super().invoke)
        with _quiet_libraries():
            try:
                return super().invoke(ctx)
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except typer.TyperException as exc:  # click's own: usage errors (exit code 2) become one line
                if _debug() or getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "format_message"):
                    raise
                usage_ctx = getattr(exc, "ctx", None)
                where = usage_ctx.command_path if usage_ctx is not None else "synthcomp"
                raise _fail(f"{_one_line(exc.format_message())} (see `{where} --help`)", 2) from None
            except Exception as exc:
                if _debug():
                    raise
                message, code = error_line(exc)
                raise _fail(message, code) from None


app = typer.Typer(
    cls=_Commands,
    help="Synthetic user computers and long-horizon productivity simulations on AutoGen.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks and library logs on errors."),
) -> None:
    """Synthetic user computers and long-horizon productivity simulations on AutoGen."""
    _DEBUG["on"] = debug
    if debug:
        logging.basicConfig(level=logging.WARNING)
        for name in _QUIET_LOGGERS:  # undo _quiet_libraries (restored when the command ends)
            logging.getLogger(name).setLevel(logging.NOTSET)


@app.command()
def version() -> None:
    """Print the package version."""
    console.print(__version__)


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-computer"), "--out", help="Folder to write the archive and home tree to."),
) -> None:
    """Build a small interlinked computer and let an AutoGen agent work on it through the disk tools (offline)."""
    from ._demo import PERSONA, run_demo

    with console.status("Building the demo computer and running the agent..."):
        result = run_demo(out)
    console.print(f"[bold]Persona:[/bold] {PERSONA}")
    tree = Tree(f"[bold]{result.home}[/bold]")
    nodes: dict[str, Tree] = {}
    for path in result.files:
        parts = path.split("/")
        parent = tree
        for depth in range(1, len(parts)):
            key = "/".join(parts[:depth])
            if key not in nodes:
                nodes[key] = parent.add(f"[blue]{parts[depth - 1]}/[/blue]")
            parent = nodes[key]
        parent.add(parts[-1])
    console.print(tree)
    console.print("[bold]Agent transcript[/bold] (AutoGen AssistantAgent + disk workbench, replayed model):")
    for line in result.transcript:
        console.print(line, markup=False, highlight=False)
    console.print(f"Quoted total spend: EUR {result.facts['total_spend']:,.2f}")
    console.print(f"Archive: {result.archive}\nHome folder: {result.home}")


# ---------------------------------------------------------------------------------------------------------------------
# synthcomp computer ...
# ---------------------------------------------------------------------------------------------------------------------

computer_app = typer.Typer(
    help="Create, measure and validate synthetic computers (computer.json + home/).",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(computer_app, name="computer")


class OSChoice(str, Enum):
    """Operating systems a computer can have."""

    macos = "macos"
    windows = "windows"
    linux = "linux"


class GeneratorChoice(str, Enum):
    """Computer generators."""

    procedural = "procedural"
    llm = "llm"


class WorkerPolicyChoice(str, Enum):
    """The offline worker policy: the competent default or a graded baseline (for validating rewards)."""

    competent = "competent"
    natural = "natural"
    lazy = "lazy"
    sloppy = "sloppy"
    random = "random"


class ExportFormat(str, Enum):
    """Export formats: run formats (episodes, openai, hf, harbor) and the computers' 9-column layout."""

    episodes = "episodes"
    openai = "openai"
    hf = "hf"
    harbor = "harbor"
    computers = "computers"


def _fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``Error: <message>`` on one line and return the ``typer.Exit`` to raise (2: bad input, 1: runtime)."""
    console.print(f"[bold red]Error:[/bold red] {_one_line(message)}", highlight=False, soft_wrap=True, markup=True)
    return typer.Exit(code)


def load_model_client(path: Path, role: str = "computer_generator") -> ChatCompletionClient:
    """Load an AutoGen ``ChatCompletionClient`` from a JSON or YAML model config.

    The file holds a component config (``{"provider": ..., "config": {...}}``, as ``client.dump_component()``
    writes it), or a mapping of roles to component configs; the role ``computer_generator`` is used, else
    ``default``. The client is wrapped in a :class:`~synthcomp_agents.models.ResilientChatCompletionClient` like
    every configured role (bounded, retried calls; a failure names the role and URL); an optional ``retry:``
    mapping next to ``provider`` sets its :class:`~synthcomp_agents.models.RetrySettings`.

    Example:
        >>> load_model_client(Path("models.yaml"))  # doctest: +SKIP
    """
    from autogen_core.models import ChatCompletionClient

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read model config {path}: {exc.strerror or exc}") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import importlib

            data = importlib.import_module("yaml").safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:
        raise ValueError(f"model config {path} is not valid {path.suffix.lstrip('.') or 'JSON'}: {exc}") from None
    if isinstance(data, dict) and "provider" not in data:
        for key in (role, "default"):
            if isinstance(data.get(key), dict):
                data = data[key]
                break
    if not isinstance(data, dict) or "provider" not in data:
        raise ValueError(
            f"model config {path} has no component config; expected {{'provider': ..., 'config': ...}} "
            f"or a mapping with key {role!r} or 'default'"
        )
    from .models import ResilientChatCompletionClient, RetrySettings

    data = dict(data)
    config = dict(data.get("config") or {})
    raw_retry = data.pop("retry", None) or {}
    timeout = config.get("timeout")
    try:
        if not isinstance(raw_retry, dict):
            raise ValueError(f"expected a mapping, got {raw_retry!r}")
        if isinstance(timeout, (int, float)) and timeout > 0:
            raw_retry = {"timeout_s": float(timeout), **raw_retry}
        settings = RetrySettings.model_validate(raw_retry)
    except ValueError as exc:
        raise ValueError(f"model config {path}: bad retry settings ({_one_line(str(exc))})") from None
    if str(data["provider"]).endswith("OpenAIChatCompletionClient"):
        config.setdefault("timeout", settings.timeout_s)  # the HTTP call ends with the attempt
        config.setdefault("max_retries", 0)  # retries are the wrapper's, counted once
        data["config"] = config
    try:
        client = ChatCompletionClient.load_component(data)
    except Exception as exc:
        raise ValueError(f"cannot load the model client from {path}: {exc}") from None
    endpoint = str(config.get("base_url") or config.get("azure_endpoint") or "")
    endpoint = endpoint or f"model {config.get('model', '?')}"
    return ResilientChatCompletionClient(client, role=role, settings=settings, endpoint=endpoint)


def _personas(persona: str | None, persona_file: Path | None, n: int | None, seed: int) -> list[tuple[Persona, int]]:
    from .personas import classify_persona, load_personas, sample_personas

    if persona is not None and persona_file is not None:
        raise ValueError("give --persona or --persona-file, not both")
    if persona is not None:
        one = classify_persona(persona)
        return [(one, seed + i) for i in range(n or 1)]
    if persona_file is not None:
        loaded = load_personas(persona_file)
        if not loaded:
            raise ValueError(f"{persona_file} holds no personas")
        if n is not None and n > len(loaded):
            raise ValueError(f"--n {n} asks for more personas than {persona_file} holds ({len(loaded)})")
        return [(p, seed) for p in loaded[: n or len(loaded)]]
    if n is None:
        raise ValueError("give --persona TEXT, --persona-file F, or --n N to sample N personas from the built-in pool")
    return [(p, seed) for p in sample_personas(n, seed=seed)]


_GENERATOR_OPTIONS = ("min_projects", "min_core_files", "neighbour_chars", "context_chars", "background",
                      "structured_output")  # fmt: skip


def _generator_options(path: Path) -> dict[str, Any]:
    """Optional ``computer_generator_options`` of a model config (e.g. ``{"min_core_files": 150}``)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        import importlib

        data = importlib.import_module("yaml").safe_load(path.read_text(encoding="utf-8"))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
    options = data.get("computer_generator_options", {}) if isinstance(data, dict) else {}
    if not isinstance(options, dict) or set(options) - set(_GENERATOR_OPTIONS):
        raise ValueError(
            f"computer_generator_options in {path} may only set {', '.join(_GENERATOR_OPTIONS)}; got {options!r}"
        )
    return options


def _generator(kind: GeneratorChoice, model_config: Path | None, max_repairs: int) -> ComputerGenerator:
    if kind is GeneratorChoice.procedural:
        from .computers import ProceduralComputerGenerator

        return ProceduralComputerGenerator()
    if model_config is None:
        raise ValueError("--generator llm needs --model-config F (an AutoGen ChatCompletionClient component config)")
    from .computers import LLMComputerGenerator

    client = load_model_client(model_config)
    return LLMComputerGenerator(client, max_repairs=max_repairs, **_generator_options(model_config))


@computer_app.command("create")
def computer_create(
    out: Path = typer.Option(..., "--out", help="Folder to write the computers to: one <computer_id>/ per computer."),
    seed: int = typer.Option(..., "--seed", help="Seed; the same persona, seed and OS give the same computer."),
    persona: str | None = typer.Option(None, "--persona", help="One persona as text."),
    persona_file: Path | None = typer.Option(
        None, "--persona-file", help="Personas, one per line (text) or JSONL with a 'persona' field."
    ),
    n: int | None = typer.Option(
        None,
        "--n",
        min=1,
        help="How many: the first N of --persona-file, N from the built-in pool when no persona "
        "is given, or N seeds (seed, seed+1, ...) of one --persona.",
    ),
    os_name: OSChoice | None = typer.Option(None, "--os", help="Force the operating system."),
    generator: GeneratorChoice = typer.Option(GeneratorChoice.procedural, "--generator", help="Which generator."),
    model_config: Path | None = typer.Option(
        None, "--model-config", help="JSON/YAML AutoGen model client component config (for --generator llm)."
    ),
    max_repairs: int = typer.Option(2, "--max-repairs", min=0, help="LLM generator: repair rounds per stage."),
) -> None:
    """Generate computers from personas and save each as OUT/<computer_id>/ (computer.json, home/, archive)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .computers import ComputerFolder, computer_id_for
    from .personas import PersonaError

    try:
        jobs = _personas(persona, persona_file, n, seed)
        gen = _generator(generator, model_config, max_repairs)
    except (ValueError, OSError, PersonaError) as exc:
        raise _fail(str(exc), 2) from None
    os_value: Any = os_name.value if os_name is not None else None
    made: list[tuple[str, str, int, Path]] = []
    failures: list[str] = []
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=len(jobs) < 2,
    ) as progress:
        task = progress.add_task("Generating computers", total=len(jobs))
        for p, s in jobs:
            try:
                folder = out / computer_id_for(p, s, gen.name, os_value)
                existing = ComputerFolder(folder)
                if existing.blueprint_path.exists() and not existing.is_computer():  # an interrupted save: redo
                    existing.blueprint_path.unlink()
                if existing.blueprint_path.exists():
                    console.print(f"{folder} exists; skipped", highlight=False, soft_wrap=True)
                else:
                    computer = gen.generate(p, seed=s, os=os_value)
                    computer.save(out / computer.computer_id)
                    made.append((computer.computer_id, p.text, computer.summary()["files"], folder))
            except Exception as exc:  # one bad persona must not lose the others
                failures.append(f"{p.text[:60]!r} (seed {s}): {type(exc).__name__}: {exc}")
            progress.advance(task)
    for cid, text, files, folder in made:
        console.print(
            f"[green]{cid}[/green]  {files} files  {folder}  [dim]{text[:70]}[/dim]", highlight=False, soft_wrap=True
        )
    if failures:
        for failure in failures:
            console.print(f"[red]failed[/red] {failure}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def _home_of(folder: Path) -> Any:
    """The home to measure: a computer's ``home/``, else its ``computer.scdisk`` (a disk: not materialized), else
    the folder itself (any home folder)."""
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder")
    from .computers import ComputerFolder
    from .disk import VirtualDisk

    computer = ComputerFolder(folder)
    if computer.blueprint_path.is_file():
        if computer.home_path.is_dir():
            return computer.home_path
        if computer.archive_path.is_file():
            return VirtualDisk.from_archive(computer.archive_path)
    return folder


@computer_app.command("stats")
def computer_stats(
    folder: Path = typer.Argument(
        ..., help="A computer folder (computer.json + home/ or computer.scdisk) or any home folder."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Measure a home tree and print our value beside each published realism anchor."""
    from dataclasses import asdict

    from .computers import check_bands, stats_table, tree_stats

    try:
        stats = tree_stats(_home_of(folder))
    except (ValueError, OSError) as exc:
        raise _fail(str(exc), 2) from None
    bands = check_bands(stats)
    fidelity = _fidelity_of(folder)
    if as_json:
        payload = {
            "folder": str(folder),
            "stats": stats.to_json(),
            "bands": [asdict(b) for b in bands],
            "bands_ok": all(b.ok for b in bands if b.gating),
            "persona": fidelity.to_json() if fidelity else None,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return
    console.print(stats_table(stats))
    if fidelity is not None:
        console.print(
            f"document archetypes: {fidelity.document_archetypes} (target >= 25): {', '.join(fidelity.archetypes)}",
            highlight=False,
            soft_wrap=True,
        )
        for word in fidelity.key_words:
            where = [
                w for w, hit in (("profile", word in fidelity.in_profile), ("files", word in fidelity.in_files)) if hit
            ]
            console.print(f"  key word {word!r}: {', '.join(where) or 'MISSING'}", highlight=False)
    console.print(
        "[dim]Our homes hold a few hundred files: whole-collection figures such as mean folder depth and files per"
        " folder come out lower when the structure is honest (no padding copies or generic folder chains).[/dim]"
    )


def _fidelity_of(folder: Path) -> Any:
    """Persona fidelity of a computer folder (None for a bare home folder)."""
    from .computers import ComputerFolder

    computer = ComputerFolder(folder)
    if not computer.blueprint_path.is_file():
        return None
    from .computers import persona_fidelity

    blueprint = computer.blueprint()
    home = computer.home_path
    if home.is_dir():
        return persona_fidelity(blueprint, lambda path: (home / path).read_bytes())
    if not computer.archive_path.is_file():
        return None
    from .disk import VirtualDisk

    with VirtualDisk.from_archive(computer.archive_path) as disk:
        return persona_fidelity(blueprint, disk.read_bytes)


@computer_app.command("validate")
def computer_validate(
    folder: Path = typer.Argument(..., help="A computer folder (computer.json + home/ or computer.scdisk)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Check that every file opens and every file-graph edge is honoured; exit code 1 when anything is wrong."""
    from .computers import validate_computer

    try:
        report = validate_computer(folder)
    except (OSError, ValueError) as exc:
        raise _fail(str(exc), 2) from None
    if as_json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        console.print(report.summary(), highlight=False, soft_wrap=True)
        for problem in report.problems:
            console.print(f"- {problem}", highlight=False, markup=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------------------------------
# synthcomp export
# ---------------------------------------------------------------------------------------------------------------------


@app.command("export")
def export(
    paths: list[Path] = typer.Argument(..., help="Run or computer folders (or folders holding them)."),
    fmt: ExportFormat = typer.Option(..., "--format", help="Output format."),
    out: Path = typer.Option(..., "--out", help="Output folder."),
    context_length: int = typer.Option(
        32768, "--context-length", min=2048, help="openai/hf: max tokens per training window."
    ),
) -> None:
    """Export runs (episodes, openai, hf, harbor) or computers (the paper's 9-column layout: parquet + JSONL)."""
    from .export import ExportError, export_computers, export_runs

    skipped: list[tuple[Path, str]] = []
    try:
        if fmt is ExportFormat.computers:
            written = export_computers(paths, out)
        else:
            written = export_runs(paths, fmt.value, out, context_length=context_length, skipped=skipped)
    except (ExportError, ImportError) as exc:
        raise _fail(str(exc), 2) from None
    for run_dir, reason in skipped:
        console.print(f"[yellow]skipped[/yellow] {run_dir}: {reason}", highlight=False, soft_wrap=True)
    for name, path in written.items():
        console.print(f"{name}: {path}", highlight=False, soft_wrap=True)


@app.command("report")
def report(run_dir: Path = typer.Argument(..., help="A run folder.")) -> None:
    """Write RUN_DIR/report.html: one self-contained page (profile, files, objectives and scores, timeline, charts)."""
    from .report import ReportError, write_report

    try:
        path = write_report(run_dir)
    except (ReportError, OSError) as exc:
        raise _fail(str(exc)) from None
    console.print(f"report: {path}", highlight=False, soft_wrap=True)


# ---------------------------------------------------------------------------------------------------------------------
# synthcomp trajectory ...
# ---------------------------------------------------------------------------------------------------------------------

trajectory_app = typer.Typer(
    help="Read a run's trajectory or events (stored compact as .jsonl.zst files) as plain JSON lines.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(trajectory_app, name="trajectory")


def _run_with_trajectory(run_dir: Path) -> Any:
    from .simulation import RunFolder

    run = RunFolder(run_dir)
    if not run.has_trajectory():
        raise _fail(f"{run_dir} holds no trajectory ({run.TRAJECTORY} or {run.TRAJECTORY_PLAIN}); is it a run folder?")
    return run


@trajectory_app.command("cat")
def trajectory_cat(
    run_dir: Path = typer.Argument(..., help="A run folder."),
    events: bool = typer.Option(False, "--events", help="Stream the run's events (events.jsonl) instead."),
) -> None:
    """Stream the trajectory to stdout as plain JSONL, one model call per line (what trajectory.jsonl held);
    with ``--events``, the events (tool executions, messages, file changes, clock), as events.jsonl held them."""
    import os
    import sys

    run = _run_with_trajectory(run_dir)
    out = sys.stdout.buffer
    try:
        for line in run.iter_event_lines() if events else run.iter_trajectory_lines():
            out.write(line)
        out.flush()
    except BrokenPipeError:  # `| head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        raise typer.Exit(0) from None
    except ValueError as exc:
        raise _fail(str(exc)) from None


@trajectory_app.command("export")
def trajectory_export(
    run_dir: Path = typer.Argument(..., help="A run folder."),
    out: Path = typer.Option(..., "--out", help="The plain JSONL file to write (e.g. trajectory.jsonl)."),
    events: bool = typer.Option(False, "--events", help="Write the run's events (e.g. to events.jsonl) instead."),
) -> None:
    """Write the trajectory as a plain JSONL file (byte-identical to the uncompressed trajectory), or the events."""
    run = _run_with_trajectory(run_dir)
    try:
        path = run.export_events(out) if events else run.export_trajectory(out)
    except (OSError, ValueError) as exc:
        raise _fail(str(exc)) from None
    console.print(f"{'events' if events else 'trajectory'}: {path}", highlight=False, soft_wrap=True)


@app.command("materialize")
def materialize_command(
    folder: Path = typer.Argument(..., help="A run folder (writes final/) or a computer folder (writes home/)."),
    out: Path | None = typer.Option(None, "--out", help="Write the files here instead (a new or empty folder)."),
) -> None:
    """Write a run's end state (final/) or a computer's home (home/) as real files, from the stored archives."""
    from .computers import ComputerFolder
    from .disk import DiskError, VirtualDisk
    from .simulation import RunFolder

    run, computer = RunFolder(folder), ComputerFolder(folder)
    try:
        if run.has_end_state():
            target = run.materialize_final(out)
        elif computer.archive_path.is_file():
            target = out or computer.home_path
            if target.exists():
                raise ValueError(f"{target} exists; remove it or pass --out to a new folder")
            with VirtualDisk.from_archive(computer.archive_path) as disk:
                disk.materialize(target)
        else:
            raise ValueError(
                f"{folder} is neither a finished run ({RunFolder.FINAL_DELTA}) nor a computer ({computer.ARCHIVE})"
            )
    except (DiskError, OSError, ValueError) as exc:
        raise _fail(str(exc), 2) from None
    console.print(f"materialized: {target}", highlight=False, soft_wrap=True)


@app.command("verify")
def verify(
    home: Path = typer.Argument(
        ..., help="A home folder (e.g. RUN_DIR/final), a run folder (its end state) or a .scdisk archive."
    ),
    objectives: Path = typer.Option(..., "--objectives", help="The run's objectives.json."),
    objective: str | None = typer.Option(None, "--objective", help="Score one objective (its partial credit)."),
    original: Path | None = typer.Option(
        None,
        "--original",
        help="The computer before the run (.scdisk, computer folder or home folder), for collateral damage.",
    ),
    reward_file: Path | None = typer.Option(None, "--reward-file", help="Also write the reward (one float) here."),
    json_out: bool = typer.Option(False, "--json", help="Print the full outcome as JSON."),
    reviewers_offline: bool = typer.Option(
        False, "--reviewers-offline", help="Reviewers cannot answer here (a Harbor task): a mailed file counts."
    ),
) -> None:
    """Run the deliverable checks on a home folder and print the reward (what a Harbor task's tests/test.sh runs)."""
    from .signals import verify_home

    try:
        outcome = verify_home(
            home, objectives, objective_id=objective, original=original, reviewers_offline=reviewers_offline
        )
    except (ValueError, OSError) as exc:
        raise _fail(str(exc), 2) from None
    if reward_file is not None:
        reward_file.parent.mkdir(parents=True, exist_ok=True)
        reward_file.write_text(f"{outcome.reward!r}\n", encoding="utf-8")
    if json_out:
        console.print_json(outcome.model_dump_json())
    else:
        console.print(f"{outcome.reward!r}", highlight=False)


@app.command("serve-policy")
def serve_policy(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port (0 picks a free one)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the scripted policies."),
    state_dir: Path = typer.Option(
        Path("~/.cache/synthcomp/serve-policy"),
        "--state-dir",
        help="Where the per-run memory is kept, so a restart of the server changes no run.",
    ),
    memory_only: bool = typer.Option(False, "--memory-only", help="Keep the per-run memory in memory only."),
    delay: float = typer.Option(
        0.0, "--delay", min=0.0, help="Seconds each chat completion waits before answering (a slow model)."
    ),
) -> None:
    """Serve the offline scripted policy as an OpenAI-compatible endpoint (POST /v1/chat/completions)."""
    from .models import serve_scripted_policy

    serve_scripted_policy(
        host=host,
        port=port,
        seed=seed,
        announce=lambda url: console.print(f"serving {url}"),
        state_dir=None if memory_only else state_dir.expanduser(),
        delay_s=delay,
    )


def _register_batch() -> None:
    from .scale import batch_app  # typer only at import time

    app.add_typer(batch_app, name="batch")


_register_batch()


# ---------------------------------------------------------------------------------------------------------------------
# synthcomp objectives / simulate / run  (simulation orchestration)
# ---------------------------------------------------------------------------------------------------------------------

objectives_app = typer.Typer(
    help="Write the month's objective plan (objectives.json) for a computer.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(objectives_app, name="objectives")


def _sim_hooks(spec: str | None, seed: int) -> Any:
    """``module:callable`` returning SimulationHooks (a plug-in point for custom agents), else the package's own."""
    if not spec:
        return None
    import importlib

    module_name, _, attr = spec.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attr or "hooks")
    except (ImportError, AttributeError) as exc:
        raise _fail(f"--hooks {spec!r}: {exc}", 2) from None
    return factory()


def _simulation_progress(label: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("day {task.fields[day]}/{task.fields[days]}"),
        TextColumn("turns {task.fields[turns]}"),
        TextColumn("messages {task.fields[messages]}"),
        TextColumn("deliverables {task.fields[done]}/{task.fields[planned]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _check_model_config(model_config: Path | None) -> None:
    """Check the model config before any folder is created: every role's URL, key variable and client."""
    if model_config is None:
        return
    import asyncio

    from .models import ModelConfigError, load_model_config

    try:
        asyncio.run(load_model_config(model_config).validate())
    except ModelConfigError as exc:
        raise _fail(f"bad model config: {_one_line(str(exc))}", 2) from None


def _check_out_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise _fail(f"--out {out} is a file, not a folder; give a folder path", 2)


def _judge_client(model_config: Path | None) -> ChatCompletionClient | None:
    """The configured judge's client (None: the offline scripted judge)."""
    if model_config is None:
        return None
    from .models import load_model_config

    models = load_model_config(model_config)
    return models.client_for("judge") if models.spec_for("judge") is not None else None


@contextlib.contextmanager
def _holding_run_folder(run_dir: Path) -> Iterator[None]:
    """Hold the run folder's lock (one writer per run folder); a command that failed before writing anything leaves
    no empty run folder behind."""
    from .disk import FolderLock

    created = not run_dir.exists()
    try:
        with FolderLock(run_dir, "simulate"):
            yield
    finally:
        if created:
            with contextlib.suppress(OSError):
                run_dir.rmdir()


def _simulate_one(
    computer_dir: Path,
    run_dir: Path,
    *,
    resume: bool,
    model_config: Path | None,
    days: int,
    seed: int,
    max_worker_turns: int | None,
    token_budget: int,
    hooks: Any,
    label: str,
    worker_policy: str = "competent",
    no_progress_timeout: float = 900.0,
    materialize: bool = True,
    checkpoint_every: int = 25,
) -> dict[str, Any]:
    """Simulate, score and report one run while holding its folder's lock (one writer per run folder)."""
    with _holding_run_folder(run_dir):
        from .simulation import Simulation, SimulationConfig, SimulationProgress

        config = SimulationConfig(
            computer_dir=computer_dir,
            run_dir=run_dir,
            seed=seed,
            days=days,
            token_budget=token_budget,
            max_worker_turns=max_worker_turns,
            model_config_path=model_config,
            worker_policy=worker_policy,
            no_progress_timeout_s=no_progress_timeout,
            materialize=materialize,
            checkpoint_every=checkpoint_every,
        )
        shown: list[Callable[[SimulationProgress], None]] = []
        simulation = Simulation(config, hooks=hooks, progress=lambda p: shown[0](p) if shown else None)
        simulation.check(resume=resume)  # bad input is one line before the progress display starts
        with _simulation_progress(label) as progress:
            task = progress.add_task(label, total=days, day=0, days=days, turns=0, messages=0, done=0, planned=0)

            def show(p: SimulationProgress) -> None:
                progress.update(
                    task,
                    completed=p.days if p.finished else max(0, p.day - 1),
                    day=p.day,
                    days=p.days,
                    turns=p.worker_turns,
                    messages=p.messages,
                    done=p.deliverables_done,
                    planned=p.deliverables_total,
                )

            shown.append(show)
            result = simulation.resume_sync() if resume else simulation.run_sync()
        from .report import ReportError, write_report
        from .signals import write_run_signals

        judge = _judge_client(model_config)
        try:
            with console.status(
                "Scoring the run (checks, judge, collateral, process signals) and writing report.html..."
            ):
                signals = json.loads(write_run_signals(run_dir, judge_client=judge).read_text(encoding="utf-8"))
                try:
                    write_report(run_dir)
                except ReportError as exc:  # the signals are what matters; say why the page is missing
                    console.print(f"[yellow]report.html not written:[/yellow] {exc}", highlight=False)
        finally:
            if judge is not None:
                import asyncio

                with contextlib.suppress(Exception):
                    asyncio.run(judge.close())
        return {**result.summary, "reward": signals["outcome"]["reward"]}


@objectives_app.command("create")
def objectives_create(
    computer_dir: Path = typer.Argument(..., help="Computer folder (computer.json + computer.scdisk)."),
    out: Path | None = typer.Option(
        None, "--out", help="Where to write the plan (default COMPUTER_DIR/objectives.json)."
    ),
    model_config: Path | None = typer.Option(None, "--model-config", help="Per-role model config (YAML/JSON)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the offline scripted policy."),
    days: int = typer.Option(20, "--days", min=1, max=60, help="Workdays the plan covers."),
) -> None:
    """Let the objective-setter read the computer and write about a month of work (offline by default)."""
    from .agents import create_objectives
    from .computers import ComputerFolder
    from .models import ModelConfigError, ScriptedPolicyClient, load_model_config

    target = out or ComputerFolder(computer_dir).objectives_path
    _check_model_config(model_config)
    try:
        role_models = (
            load_model_config(model_config, default=lambda role: ScriptedPolicyClient(role=role, seed=seed))
            if model_config is not None
            else None
        )
        with console.status("The objective-setter is reading the computer..."):
            plan = create_objectives(computer_dir, role_models, workdays=days, seed=seed)
    except (ModelConfigError, ValueError, OSError, RuntimeError) as exc:
        raise _fail(str(exc)) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    from .disk import atomic_write_text

    atomic_write_text(target, plan.to_json(indent=2) + "\n")
    console.print(
        f"{len(plan.objectives)} objectives, {len(plan.deliverables())} deliverables, "
        f"{plan.total_effort_hours():.0f} h of work -> {target}",
        highlight=False,
    )


@app.command("simulate")
def simulate(
    computer_dir: Path = typer.Argument(..., help="Computer folder (computer.json + computer.scdisk)."),
    out: Path = typer.Option(..., "--out", help="Run folder to write (or to resume with --resume)."),
    resume: bool = typer.Option(False, "--resume", help="Continue the run in --out from its latest checkpoint."),
    model_config: Path | None = typer.Option(None, "--model-config", help="Per-role model config (YAML/JSON)."),
    days: int = typer.Option(20, "--days", min=1, max=60, help="Simulated workdays."),
    seed: int = typer.Option(0, "--seed", help="Seed of the run."),
    max_worker_turns: int | None = typer.Option(
        None, "--max-worker-turns", min=1, help="Stop once N worker calls are made (checked between agent turns)."
    ),
    token_budget: int = typer.Option(16000, "--token-budget", min=2048, help="Max prompt tokens per worker call."),
    hooks: str | None = typer.Option(None, "--hooks", hidden=True, help="module:callable returning SimulationHooks."),
    json_out: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
    worker_policy: WorkerPolicyChoice = typer.Option(
        WorkerPolicyChoice.competent, "--worker-policy", help="Offline worker: competent, or a graded baseline."
    ),
    no_progress_timeout: float = typer.Option(
        900.0,
        "--no-progress-timeout",
        min=1.0,
        help="Stop a day (resumable) when no model call answered or failed and no tool ran for this many seconds.",
    ),
    materialize: bool = typer.Option(
        True,
        "--materialize/--no-materialize",
        help="Also write the end state as real files (final/); every reader works without it.",
    ),
    checkpoint_every: int = typer.Option(
        25,
        "--checkpoint-every",
        min=0,
        help="Also checkpoint inside a day every N worker turns: a crash redoes at most N worker calls (0: per day).",
    ),
) -> None:
    """Simulate a month of work on a computer: objective-setter, worker and collaborators (offline by default)."""
    _check_out_folder(out)
    _check_model_config(model_config)
    summary = _simulate_one(
        computer_dir,
        out,
        resume=resume,
        model_config=model_config,
        days=days,
        seed=seed,
        max_worker_turns=max_worker_turns,
        token_budget=token_budget,
        hooks=_sim_hooks(hooks, seed),
        label=computer_dir.name,
        worker_policy=worker_policy.value,
        no_progress_timeout=no_progress_timeout,
        materialize=materialize,
        checkpoint_every=checkpoint_every,
    )
    if json_out:
        console.print_json(json.dumps(summary))
    else:
        console.print(
            f"{summary['days_simulated']} days, {summary['worker_turns']} worker turns, "
            f"{summary['deliverables_submitted']}/{summary['deliverables_total']} deliverables, "
            f"{summary['tokens']['total']:,} tokens ({summary['stop_reason']}), "
            f"reward {summary['reward']:.3f} -> {out}",
            highlight=False,
        )


@app.command("run")
def run(
    n: int = typer.Option(1, "--n", min=1, help="Number of computers (personas sampled from the built-in pool)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the persona sample, the computers and the runs."),
    out: Path = typer.Option(..., "--out", help="Output folder (computers/ and runs/ inside)."),
    model_config: Path | None = typer.Option(None, "--model-config", help="Per-role model config (YAML/JSON)."),
    days: int = typer.Option(20, "--days", min=1, max=60, help="Simulated workdays per computer."),
    hooks: str | None = typer.Option(None, "--hooks", hidden=True, help="module:callable returning SimulationHooks."),
    worker_policy: WorkerPolicyChoice = typer.Option(
        WorkerPolicyChoice.competent, "--worker-policy", help="Offline worker: competent, or a graded baseline."
    ),
    no_progress_timeout: float = typer.Option(
        900.0,
        "--no-progress-timeout",
        min=1.0,
        help="Stop a day (resumable) when no model call answered or failed and no tool ran for this many seconds.",
    ),
    materialize: bool = typer.Option(
        True,
        "--materialize/--no-materialize",
        help="Also write each run's final/ and each computer's home/ as real files; every reader works without them.",
    ),
    checkpoint_every: int = typer.Option(
        25,
        "--checkpoint-every",
        min=0,
        help="Also checkpoint inside a day every N worker turns: a crash redoes at most N worker calls (0: per day).",
    ),
) -> None:
    """The main job: personas -> computers -> objectives -> simulations -> signals (offline; re-run to resume)."""
    from .disk import FolderLock

    _check_out_folder(out)
    _check_model_config(model_config)
    with FolderLock(out, "run"):
        _run_all(
            n, seed, out, model_config, days, hooks, worker_policy, no_progress_timeout, materialize, checkpoint_every
        )


def _run_all(
    n: int,
    seed: int,
    out: Path,
    model_config: Path | None,
    days: int,
    hooks: str | None,
    worker_policy: WorkerPolicyChoice,
    no_progress_timeout: float,
    materialize: bool = True,
    checkpoint_every: int = 25,
) -> None:
    import shutil

    from .computers import ComputerFolder, ProceduralComputerGenerator
    from .personas import sample_personas
    from .simulation import RUN_COMPUTERS, RUN_RUNS, RunFolder

    personas = sample_personas(n, seed=seed)
    generator = ProceduralComputerGenerator()
    summaries: list[dict[str, Any]] = []
    for index, persona in enumerate(personas):
        computer_seed = seed * 1000 + index
        with console.status(f"[{index + 1}/{n}] Generating a computer for: {persona.text}"):
            computer = generator.generate(persona, seed=computer_seed)
        computer_dir = ComputerFolder(out / RUN_COMPUTERS / computer.computer_id)
        if not computer_dir.has_archive():
            if computer_dir.path.exists():  # an interrupted save (computer.json without computer.scdisk): redo it
                console.print(f"{computer_dir.path} is incomplete; saving the computer again", highlight=False)
                shutil.rmtree(computer_dir.path)
            computer.save(computer_dir.path, materialize=materialize)
        run_dir = RunFolder(out / RUN_RUNS / computer.computer_id)
        summary = _simulate_one(
            computer_dir.path,
            run_dir.path,
            resume=run_dir.can_resume(),
            model_config=model_config,
            days=days,
            seed=computer_seed,
            max_worker_turns=None,
            token_budget=16000,
            hooks=_sim_hooks(hooks, computer_seed),
            label=f"[{index + 1}/{n}] {computer.computer_id}",
            worker_policy=worker_policy.value,
            no_progress_timeout=no_progress_timeout,
            materialize=materialize,
            checkpoint_every=checkpoint_every,
        )
        summaries.append(summary)
    from .disk import atomic_write_text

    atomic_write_text(out / "runs.json", json.dumps(summaries, indent=2, sort_keys=True) + "\n")
    done = sum(s["deliverables_submitted"] for s in summaries)
    total = sum(s["deliverables_total"] for s in summaries)
    turns = sum(s["worker_turns"] for s in summaries)
    reward = sum(s["reward"] for s in summaries) / len(summaries)
    console.print(
        f"{n} computers, {turns} worker turns, {done}/{total} deliverables, mean reward {reward:.3f} -> {out}",
        highlight=False,
    )


if __name__ == "__main__":
    app()
