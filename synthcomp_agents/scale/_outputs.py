"""Where a batch writes: a local folder, or any fsspec URL through a local staging folder."""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import BatchError
from ._folder import JOB_JSON, JOBS, JobFolder

__all__ = ["OutputLocation", "publish_folder"]

_LOCAL_PROTOCOLS = ("file", "local")


def _fsspec() -> Any:
    try:
        return importlib.import_module("fsspec")
    except ImportError:
        raise BatchError("writing to a URL needs fsspec (pip install fsspec, plus s3fs/gcsfs/adlfs...)") from None


def _url_to_fs(url: str) -> tuple[Any, str]:
    fsspec = _fsspec()
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise BatchError(f"cannot open the output {url!r}: {exc}") from None
    return fs, str(root).rstrip("/")


def publish_folder(local: Path, url: str, *, marker: str = JOB_JSON) -> float:
    """Upload ``local`` to ``url`` recursively, ``marker`` last (the remote folder is complete once it exists).

    Returns the seconds it took.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "job.json").write_text("{}")
        >>> publish_folder(folder, "memory://doc-example/job") >= 0
        True
    """
    started = time.perf_counter()
    fs, root = _url_to_fs(url)
    for dirpath, _dirnames, filenames in os.walk(local):
        rel = Path(dirpath).relative_to(local)
        for name in sorted(filenames):
            if rel == Path(".") and name == marker:
                continue
            target = f"{root}/{(rel / name).as_posix()}" if str(rel) != "." else f"{root}/{name}"
            fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
            fs.put_file(str(Path(dirpath) / name), target)
    if (local / marker).is_file():
        fs.makedirs(root, exist_ok=True)
        fs.put_file(str(local / marker), f"{root}/{marker}")
    return time.perf_counter() - started


@dataclass(frozen=True)
class OutputLocation:
    """The batch output: ``url`` (as given) and ``root``, the local folder jobs run in.

    A local path or ``file://`` URL is written in place. Any other fsspec URL (``s3://bucket/batch``,
    ``memory://x``) gets a local staging folder (``staging``, default ``~/.cache/synthcomp/batch/<hash>``) holding
    the manifest and the running jobs; each finished job folder is uploaded, then removed locally unless
    ``keep_staging``; ``summary.json``, ``summary.parquet`` and a copy of the manifest are uploaded at the end.

    Example:
        >>> loc = OutputLocation.parse("file:///tmp/doc-batch")
        >>> loc.remote, str(loc.root)
        (False, '/tmp/doc-batch')
        >>> OutputLocation.parse("memory://doc-batch").remote
        True
    """

    url: str
    root: Path
    remote: bool
    keep_staging: bool = False

    @classmethod
    def parse(
        cls, out: str | os.PathLike[str], *, staging: Path | None = None, keep_staging: bool = False
    ) -> OutputLocation:
        """Parse ``--out`` (nothing is created yet: see :meth:`prepare`)."""
        text = os.fspath(out)
        if not text.strip():
            raise BatchError("--out is empty; give a folder or an fsspec URL such as s3://bucket/batch")
        if "://" not in text:
            return cls(text, Path(text).expanduser().absolute(), False)
        protocol = text.split("://", 1)[0].lower()
        if protocol in _LOCAL_PROTOCOLS:
            return cls(text, Path(text.split("://", 1)[1]).expanduser().absolute(), False)
        _url_to_fs(text)  # clear error now for unknown protocols or missing filesystem packages
        if staging is None:
            digest = hashlib.sha1(text.rstrip("/").encode("utf-8")).hexdigest()[:16]
            staging = Path.home() / ".cache" / "synthcomp" / "batch" / digest
        return cls(text.rstrip("/"), staging.expanduser().absolute(), True, keep_staging)

    def prepare(self) -> None:
        """Create the local folder and check it (and the remote) can be written; :class:`BatchError` if not."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".write-probe-{os.getpid()}"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            where = "staging folder" if self.remote else "output folder"
            raise BatchError(f"cannot write to the {where} {self.root}: {exc.strerror or exc}") from None
        if self.remote:
            fs, root = _url_to_fs(self.url)
            try:
                fs.makedirs(root, exist_ok=True)
                fs.pipe_file(f"{root}/.write-probe", b"ok")
                fs.rm_file(f"{root}/.write-probe")
            except Exception as exc:
                raise BatchError(f"cannot write to {self.url}: {type(exc).__name__}: {exc}") from None

    def job_dir(self, job_id: str) -> Path:
        """Local folder of a job."""
        return JobFolder.of(self.root, job_id).path

    def job_url(self, job_id: str) -> str | None:
        """Remote folder of a job (None for local outputs)."""
        return f"{self.url}/{JOBS}/{job_id}" if self.remote else None

    def publish_job(self, job_id: str) -> float:
        """Upload a finished job folder (remote outputs only); returns seconds spent."""
        url = self.job_url(job_id)
        folder = self.job_dir(job_id)
        if url is None or not folder.is_dir():
            return 0.0
        seconds = publish_folder(folder, url)
        if not self.keep_staging:
            shutil.rmtree(folder, ignore_errors=True)
        return seconds

    def remote_result(self, job_id: str) -> bytes | None:
        """The published ``job.json`` of a job, if any (remote outputs only)."""
        url = self.job_url(job_id)
        if url is None:
            return None
        fs, root = _url_to_fs(url)
        try:
            data: bytes = fs.cat_file(f"{root}/{JOB_JSON}")
        except FileNotFoundError:
            return None
        return data

    def publish_files(self, *names: str) -> None:
        """Upload top-level files of the local root (summary, manifest copy) to a remote output."""
        if not self.remote:
            return
        fs, root = _url_to_fs(self.url)
        for name in names:
            if (self.root / name).is_file():
                fs.put_file(str(self.root / name), f"{root}/{name}")

    def fetch_file(self, name: str) -> bool:
        """Download a top-level file of a remote output into the local root when it is missing locally."""
        if not self.remote or (self.root / name).exists():
            return False
        fs, root = _url_to_fs(self.url)
        try:
            data = fs.cat_file(f"{root}/{name}")
        except FileNotFoundError:
            return False
        (self.root / name).write_bytes(data)
        return True
