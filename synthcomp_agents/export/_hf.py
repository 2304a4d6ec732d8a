"""Hugging Face parquet (``messages`` + ``tools``) for TRL's SFT, from the same windows as the OpenAI export.

Columns:
    messages  list of {role, content, name, tool_call_id, tool_calls, weight}; ``tool_calls[].function.arguments``
              is an **object** (chat templates ``tojson`` it; a string would be encoded twice).
    tools     list of OpenAI function-tool schemas (objects).

Why ``datasets.Json`` for the arguments and the tool schemas: Arrow needs one schema for a whole column, and tool
arguments are heterogeneous (``read_file`` takes ``path``/``offset``, ``create_spreadsheet`` takes rows mixing
numbers and text, ``edit_spreadsheet`` takes cells keyed ``A3``, ``B3``...). Inferring a struct would build the
union of every key ever used (each missing one filled with ``null``, which templates then render) and fails on mixed
types. ``datasets.Json()`` (recent datasets; tested with 5.2) stores each value as Arrow's canonical JSON extension
type and decodes it back to the same dict on load, so every row shares one schema and ``load_dataset("parquet",
...)`` returns ``arguments`` as plain dicts with exactly the keys the model wrote, which is what TRL's
``SFTTrainer`` (``assistant_only_loss=True`` with a template that marks assistant turns) and
``tokenizer.apply_chat_template(messages, tools=tools)`` expect. Unset message fields (e.g. ``name`` of a tool
message) are ``None``, as in any datasets chat column. Readers other than ``datasets`` (pyarrow, pandas, polars) see
the Arrow JSON extension type, i.e. the JSON text, and can ``json.loads`` it. Invalid JSON arguments (a real model's
mistake) are kept as ``{"_raw_arguments": "<text>"}``.

Example:
    >>> args_object('{"path": "~/a.md", "depth": 2}')
    {'path': '~/a.md', 'depth': 2}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from synthcomp_agents.disk import atomic_path

from ._computers import ExportError
from ._openai import worker_windows
from ._runs import load_run

__all__ = ["HF_FILE", "args_object", "export_hf", "hf_features"]

HF_FILE = "hf.parquet"


def args_object(arguments: str) -> dict[str, Any]:
    """Tool-call arguments as an object (a JSON string decoded; anything else wrapped under ``_raw_arguments``)."""
    try:
        value = json.loads(arguments)
    except (TypeError, ValueError):
        return {"_raw_arguments": arguments}
    return value if isinstance(value, dict) else {"_raw_arguments": arguments}


def hf_features() -> Any:
    """The ``datasets.Features`` of the export (``messages`` + ``tools``)."""
    from datasets import Features, Json, List, Value

    message = {
        "role": Value("string"),
        "content": Value("string"),
        "name": Value("string"),
        "tool_call_id": Value("string"),
        "tool_calls": List(
            {"id": Value("string"), "type": Value("string"), "function": {"name": Value("string"), "arguments": Json()}}
        ),
        "weight": Value("int64"),
    }
    return Features({"messages": List(message), "tools": List(Json())})


def _hf_message(message: dict[str, Any]) -> dict[str, Any]:
    calls = message.get("tool_calls")
    return {
        "role": message["role"],
        "content": message.get("content"),
        "name": message.get("name"),
        "tool_call_id": message.get("tool_call_id"),
        "tool_calls": [
            {
                "id": c["id"],
                "type": c["type"],
                "function": {"name": c["function"]["name"], "arguments": args_object(c["function"]["arguments"])},
            }
            for c in calls
        ]
        if calls
        else None,
        "weight": message.get("weight"),
    }


def export_hf(runs: Sequence[Path], out: Path, *, context_length: int = 32768) -> dict[str, Path]:
    """Write ``out/hf.parquet``: one row per worker window of every run (see the module docstring).

    Raises:
        ExportError: No runs, an unreadable run, or no worker turn at all.
        ImportError: ``datasets`` is not installed.
    """
    try:
        from datasets import Dataset
    except ImportError as exc:  # pragma: no cover - installed with the export extra
        raise ImportError("the hf export needs the 'datasets' package: pip install datasets") from exc
    if not runs:
        raise ExportError("no run folders given; pass run folders (made by `synthcomp run` or `synthcomp simulate`)")
    rows: list[dict[str, Any]] = []
    for run_dir in runs:
        run = load_run(Path(run_dir), need_signals=False)
        for window in worker_windows(run, context_length):
            rows.append({"messages": [_hf_message(m) for m in window.messages], "tools": list(window.tools)})
    if not rows:
        raise ExportError("the runs have no worker turns to export")
    dataset = Dataset.from_list(rows, features=hf_features())
    out.mkdir(parents=True, exist_ok=True)
    target = out / HF_FILE
    from datasets.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    quiet = are_progress_bars_disabled()
    disable_progress_bars()
    try:
        with atomic_path(target) as tmp:
            dataset.to_parquet(str(tmp))
    finally:
        if not quiet:
            enable_progress_bars()
    return {"hf": target}
