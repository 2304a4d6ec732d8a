"""Real-world reading trial: public test files nobody here wrote, each through the workbench's reading tools.

Two steps:

1. ``collect`` copies test files (docx, xlsx, pptx, pdf, eml/msg, csv, legacy and variant Office files) out of local
   git mirrors of public repositories (brought by the search tool's ``fetch``; e.g. ``/work/.mirror/<owner>+<name>/
   repo``) into a cache outside the repository, with a manifest of origin and licence. Nothing is downloaded.
2. ``run`` puts each file on a fresh in-memory disk and calls ``read_file`` (and its next page when there is one),
   ``file_info`` and ``search_text`` through ``disk_workbench``, recording per call: ok / clear error / unhandled,
   wall time, peak resident-memory growth, threads left behind. With ``--markitdown`` it also times markitdown on
   the same bytes against our full read (cold cache) for the formats both read.

Usage:
    python tools/realworld_trial.py collect --mirrors /work/.mirror --out /work/corpus
    python tools/realworld_trial.py run --corpus /work/corpus --json /work/corpus/results.json --markitdown

Output: a JSON report and a Markdown summary (per format: files, ok, clear errors, unhandled, hangs, leaked threads,
median and p95 ms per call, peak memory, median speed-up over markitdown, feature coverage).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

_EXTS = {"docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "xltx", "pptx", "pptm", "potx", "ppsx", "pdf", "eml", "msg",
         "csv", "tsv", "xls", "doc", "ppt"}  # fmt: skip
_LICENCES = {
    "apache+poi": "Apache-2.0",
    "python-openxml+python-docx": "MIT",
    "scanny+python-pptx": "MIT",
    "microsoft+markitdown": "MIT",
    "py-pdf+pypdf": "BSD-3-Clause",
    "mwilliamson+python-mammoth": "BSD-2-Clause",
    "SpamScope+mail-parser": "Apache-2.0",
    "wireservice+csvkit": "MIT",
}
_MAX_BYTES = 25 * 1024 * 1024
_CALL_TIMEOUT_S = 30.0
_HANG_S = 45.0


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def collect(mirrors: Path, out: Path) -> None:
    """Copy matching files of every mirror under ``mirrors`` into ``out`` and write ``out/manifest.json``."""
    manifest: list[dict[str, Any]] = []
    for mirror in sorted(mirrors.iterdir()):
        repo = mirror / "repo"
        if not repo.exists() or mirror.name not in _LICENCES:
            continue
        listing = _git(repo, "ls-tree", "-r", "-l", "HEAD").decode("utf-8", "replace").splitlines()
        for line in listing:
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 4 or parts[1] != "blob" or not parts[3].isdigit():
                continue
            size = int(parts[3])
            ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
            is_mail = mirror.name == "SpamScope+mail-parser" and "/mails/" in path
            if (ext not in _EXTS and not is_mail) or size == 0 or size > _MAX_BYTES:
                continue
            target = out / mirror.name / (path if not is_mail or ext == "eml" else path + ".eml")
            target.parent.mkdir(parents=True, exist_ok=True)
            data = _git(repo, "cat-file", "-p", parts[2])
            if data.startswith(b"version https://git-lfs"):
                continue
            target.write_bytes(data)
            entry = {"file": str(target.relative_to(out)), "repo": mirror.name.replace("+", "/"), "path": path}
            manifest.append({**entry, "licence": _LICENCES[mirror.name], "bytes": len(data)})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(f"collected {len(manifest)} files into {out}")


# ---------------------------------------------------------------------------------------------------------------------
# run


class _PeakRss:
    """Samples resident memory every 5 ms while a call runs; ``peak`` is the growth over the start, in MB."""

    def __init__(self) -> None:
        from synthcomp_agents.office._limits import rss_bytes

        self._rss = rss_bytes
        self._stop = threading.Event()
        self.base = rss_bytes()
        self.top = self.base
        self._thread = threading.Thread(target=self._run, name="trial-rss", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.top = max(self.top, self._rss())

    def __enter__(self) -> _PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.top = max(self.top, self._rss())

    @property
    def peak_mb(self) -> float:
        return (self.top - self.base) / 2**20


def _fmt(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"docm": "docx", "dotx": "docx", "dotm": "docx", "xlsm": "xlsx", "xltx": "xlsx", "pptm": "pptx",
            "potx": "pptx", "ppsx": "pptx", "tsv": "csv"}.get(ext, ext)  # fmt: skip


_UNHANDLED = re.compile(r"failed on this input \(")


async def _call(wb: Any, tool: str, args: dict[str, Any]) -> dict[str, Any]:
    before = {t.ident for t in threading.enumerate()}
    t0 = time.perf_counter()
    outcome = "ok"
    text = ""
    with _PeakRss() as rss:
        try:
            result = await asyncio.wait_for(wb.call_tool(tool, args), timeout=_HANG_S)
            text = result.to_text()
            if result.is_error:
                outcome = "unhandled" if _UNHANDLED.search(text) else "clear error"
        except asyncio.TimeoutError:
            outcome = "hang"
        except BaseException as exc:  # an exception escaping the workbench is a defect
            outcome = "unhandled"
            text = f"{type(exc).__name__}: {exc}"
    elapsed = (time.perf_counter() - t0) * 1000
    await asyncio.sleep(0)
    leaked = [t.name for t in threading.enumerate() if t.ident not in before and t.name == "synthcomp-read"]
    return {"tool": tool, "outcome": outcome, "ms": round(elapsed, 2), "peak_mb": round(rss.peak_mb, 1),
            "leaked_threads": len(leaked), "text": text}  # fmt: skip


def _query(text: str) -> str:
    body = text.split("\n", 1)[-1]
    words = [w for w in re.findall(r"[A-Za-z]{5,}", body) if w.lower() not in ("content", "source", "slide", "sheet")]
    return words[len(words) // 2] if words else "the"


async def _trial_file(path: Path, root: Path) -> dict[str, Any]:
    from synthcomp_agents.disk import VirtualDisk
    from synthcomp_agents.office._parse_cache import PARSE_CACHE
    from synthcomp_agents.tools import disk_workbench

    PARSE_CACHE.clear()
    data = path.read_bytes()
    disk = VirtualDisk(user="trial")
    name = re.sub(r"[^\w.\- ]", "_", path.name)[-120:]
    disk.write_bytes(f"Documents/{name}", data)
    wb = disk_workbench(disk, timeout_seconds=_CALL_TIMEOUT_S)
    target = f"~/Documents/{name}"
    calls = [await _call(wb, "read_file", {"path": target})]
    more = re.search(r"^\[\.\.\. .*? call read_file with offset=(\d+)(?:, part=('[^']*'))?", calls[0]["text"], re.M)
    if more:
        args: dict[str, Any] = {"path": target, "offset": int(more.group(1))}
        calls.append(await _call(wb, "read_file", args))
    calls.append(await _call(wb, "file_info", {"path": target}))
    calls.append(await _call(wb, "search_text", {"query": _query(calls[0]["text"]), "path": "~/Documents"}))
    first = calls[0]
    record = {
        "file": str(path.relative_to(root)),
        "format": _fmt(path.name),
        "bytes": len(data),
        "calls": [{k: v for k, v in c.items() if k != "text"} for c in calls],
        "read_outcome": first["outcome"],
        "error": first["text"][:300] if first["outcome"] != "ok" else "",
    }
    return record


def _full_read_ms(name: str, data: bytes) -> float | None:
    from synthcomp_agents.office import OfficeError, read_document
    from synthcomp_agents.office._parse_cache import PARSE_CACHE

    PARSE_CACHE.clear()
    t0 = time.perf_counter()
    try:
        read_document(name, data, max_chars=10**9)
    except OfficeError:
        return None
    return (time.perf_counter() - t0) * 1000


_MARKITDOWN_MEMORY = 3 * 2**30
_MARKITDOWN_TIMEOUT_S = 60.0
_CONVERTER: Any = None


def _markitdown_worker_init() -> None:
    """In the markitdown worker: cap its address space (a shared-strings bomb made markitdown take 21 GB and the
    machine's OOM killer end the whole trial) and build the converter once."""
    import resource

    global _CONVERTER
    resource.setrlimit(resource.RLIMIT_AS, (_MARKITDOWN_MEMORY, _MARKITDOWN_MEMORY))
    from markitdown import MarkItDown

    _CONVERTER = MarkItDown()


def _markitdown_convert(name: str, data: bytes) -> float | None:
    from markitdown import StreamInfo

    ext = "." + name.rsplit(".", 1)[-1].lower()
    t0 = time.perf_counter()
    try:
        _CONVERTER.convert_stream(io.BytesIO(data), stream_info=StreamInfo(extension=ext, filename=name))
    except (Exception, MemoryError):
        return None
    return (time.perf_counter() - t0) * 1000


class _Markitdown:
    """markitdown in a separate, memory-capped worker process, restarted when it dies or overruns its time."""

    def __init__(self) -> None:
        self._pool: Any = None

    def _ensure(self) -> Any:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=1, initializer=_markitdown_worker_init)
        return self._pool

    def ms(self, name: str, data: bytes) -> float | None:
        pool = self._ensure()
        try:
            result: float | None = pool.submit(_markitdown_convert, name, data).result(timeout=_MARKITDOWN_TIMEOUT_S)
            return result
        except Exception:  # timeout or the worker died: start a fresh one
            self.close()
            return None

    def close(self) -> None:
        if self._pool is not None:
            for proc in list(getattr(self._pool, "_processes", {}).values()):
                proc.kill()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# feature coverage: text of each feature taken from the raw XML, looked for in our full-text extraction

_T_RE = re.compile(rb"<(?:w|a):t(?:\s[^>]*)?>([^<]{6,})</(?:w|a):t>")
_FEATURES = {
    "docx": {"comments": r"word/comments\d*\.xml", "footnotes/endnotes": r"word/(?:foot|end)notes\.xml",
             "headers/footers": r"word/(?:header|footer)\d*\.xml"},
    "pptx": {"comments": r"ppt/comments/.*\.xml", "charts": r"ppt/charts/chart\d+\.xml",
             "SmartArt": r"ppt/diagrams/data\d+\.xml", "notes": r"ppt/notesSlides/.*\.xml"},
    "xlsx": {"comments": r"xl/comments\d*\.xml", "drawings": r"xl/drawings/drawing\d+\.xml",
             "charts": r"xl/charts/chart\d+\.xml"},
}  # fmt: skip


def _coverage(fmt: str, name: str, data: bytes) -> dict[str, tuple[int, int]]:
    """feature -> (snippets found in our text, snippets in the file)."""
    from synthcomp_agents.office import OfficeError, extract_text

    if fmt not in _FEATURES:
        return {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        ours = " ".join(extract_text(name, data, max_chars=5_000_000).split())
    except (OfficeError, zipfile.BadZipFile, OSError, ValueError):
        return {}
    out: dict[str, tuple[int, int]] = {}
    for feature, pattern in _FEATURES[fmt].items():
        found = total = 0
        for part in zf.namelist():
            if not re.fullmatch(pattern, part):
                continue
            for raw in _T_RE.findall(zf.read(part))[:40]:
                snippet = " ".join(raw.decode("utf-8", "replace").split())
                if len(snippet) < 6 or "&" in snippet:
                    continue
                total += 1
                found += snippet in ours
        if total:
            out[feature] = (found, total)
    return out


def run(
    corpus: Path,
    report: Path,
    with_markitdown: bool,
    limit: int | None,
    every: int = 1,
    formats: set[str] | None = None,
) -> dict[str, Any]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix not in (".json", ".log", ".md"))
    if formats:
        files = [p for p in files if _fmt(p.name) in formats]
    if every > 1:
        files = files[::every]
    if limit:
        files = files[:limit]
    converter = _Markitdown() if with_markitdown else None
    records = []
    threads_before = threading.active_count()
    for n, path in enumerate(files, 1):
        record = asyncio.run(_trial_file(path, corpus))
        data = path.read_bytes()
        if converter is not None and record["read_outcome"] == "ok" and record["format"] in (
            "docx", "xlsx", "pptx", "pdf", "csv") and len(data) < 8 * 2**20:  # fmt: skip
            ours = _full_read_ms(path.name, data)
            theirs = converter.ms(path.name, data)
            if ours and theirs:
                record["ours_full_ms"] = round(ours, 2)
                record["markitdown_ms"] = round(theirs, 2)
        record["coverage"] = _coverage(record["format"], path.name, data)
        records.append(record)
        gc.collect()
        if n % 50 == 0:
            print(f"  {n}/{len(files)} files", file=sys.stderr)
    if converter is not None:
        converter.close()
    summary = summarize(records, threading.active_count() - threads_before)
    report.write_text(json.dumps({"summary": summary, "records": records}, indent=1))
    return summary


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def summarize(records: list[dict[str, Any]], threads_left: int) -> dict[str, Any]:
    by_fmt: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_fmt.setdefault(r["format"], []).append(r)
    rows = {}
    for fmt, recs in sorted(by_fmt.items()):
        calls = [c for r in recs for c in r["calls"]]
        ratios = [r["markitdown_ms"] / r["ours_full_ms"] for r in recs if "markitdown_ms" in r]
        coverage: dict[str, list[int]] = {}
        for r in recs:
            for feature, (found, total) in r.get("coverage", {}).items():
                agg = coverage.setdefault(feature, [0, 0])
                agg[0] += found
                agg[1] += total
        rows[fmt] = {
            "files": len(recs),
            "read ok": sum(r["read_outcome"] == "ok" for r in recs),
            "read clear error": sum(r["read_outcome"] == "clear error" for r in recs),
            "unhandled calls": sum(c["outcome"] == "unhandled" for c in calls),
            "hangs": sum(c["outcome"] == "hang" for c in calls),
            "leaked threads": sum(c["leaked_threads"] for c in calls),
            "median ms/call": round(statistics.median(c["ms"] for c in calls), 1),
            "p95 ms/call": round(_pct([c["ms"] for c in calls], 0.95), 1),
            "max peak MB/call": round(max(c["peak_mb"] for c in calls), 1),
            "median peak MB/call": round(statistics.median(c["peak_mb"] for c in calls), 1),
            "markitdown files": len(ratios),
            "median speed-up vs markitdown": round(statistics.median(ratios), 2) if ratios else None,
            "share >= 3x": round(sum(x >= 3 for x in ratios) / len(ratios), 2) if ratios else None,
            "coverage": {k: f"{v[0]}/{v[1]} ({100 * v[0] / v[1]:.0f}%)" for k, v in coverage.items()},
        }
    errors: dict[str, int] = {}
    for r in records:
        if r["read_outcome"] != "ok":
            key = re.sub(r"^\S+ ", "<file> ", r["error"].split("\n")[0])[:90]
            errors[key] = errors.get(key, 0) + 1
    return {"files": len(records), "threads_left_after_run": threads_left, "formats": rows,
            "top_errors": sorted(errors.items(), key=lambda kv: -kv[1])[:25]}  # fmt: skip


def markdown(summary: dict[str, Any]) -> str:
    head = ("| format | files | read ok | clear error | unhandled | hangs | leaked threads | median ms/call | p95 ms | "
            "max peak MB | speed-up vs markitdown (median, share >= 3x, n) |")  # fmt: skip
    lines = [head, "|" + " --- |" * 11]
    for fmt, row in summary["formats"].items():
        speed = (
            f"{row['median speed-up vs markitdown']}x, {row['share >= 3x']:.0%}, n={row['markitdown files']}"
            if row["median speed-up vs markitdown"]
            else "-"
        )
        lines.append(
            f"| {fmt} | {row['files']} | {row['read ok']} | {row['read clear error']} | {row['unhandled calls']} | "
            f"{row['hangs']} | {row['leaked threads']} | {row['median ms/call']} | {row['p95 ms/call']} | "
            f"{row['max peak MB/call']} | {speed} |"
        )
    cov = [f"- {fmt}: " + ", ".join(f"{k} {v}" for k, v in row["coverage"].items())
           for fmt, row in summary["formats"].items() if row["coverage"]]  # fmt: skip
    return "\n".join([*lines, "", "Feature coverage (snippets of each feature's XML text found in our text):", *cov])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    c.add_argument("--out", type=Path, default=Path("/work/corpus"))
    r = sub.add_parser("run")
    r.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    r.add_argument("--json", type=Path, default=Path("/work/corpus/results.json"))
    r.add_argument("--markitdown", action="store_true")
    r.add_argument("--limit", type=int, default=None)
    r.add_argument("--every", type=int, default=1, help="take every N-th file (a quick sample)")
    r.add_argument("--formats", default="", help="comma-separated formats to run (e.g. pptx,docx); all by default")
    args = parser.parse_args()
    if args.cmd == "collect":
        collect(args.mirrors, args.out)
    else:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        formats = {f.strip() for f in args.formats.split(",") if f.strip()} or None
        summary = run(args.corpus, args.json, args.markitdown, args.limit, args.every, formats)
        print(json.dumps({k: v for k, v in summary.items() if k != "formats"}, indent=1))
        print(markdown(summary))


if __name__ == "__main__":
    main()
