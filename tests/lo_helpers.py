"""LibreOffice (soffice) helpers for tests: find it, convert many files to PDF in one call, check the results.

soffice exits 0 even when a file cannot be loaded, so :func:`convert_to_pdf` checks each output file itself and
reports stderr lines such as "source file could not be loaded". Each call uses a private, throw-away profile so
parallel test runs do not fight over ``~/.config/libreoffice``.

Example (in a test)::

    soffice = find_soffice()
    if soffice is None:
        pytest.skip(SKIP_REASON)
    result = convert_to_pdf({"a.docx": data}, tmp_path)
    assert result.failures() == []
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SKIP_REASON = (
    "LibreOffice headless (soffice) is not on PATH; install libreoffice-writer-nogui, libreoffice-calc-nogui and "
    "libreoffice-impress-nogui (done by .ci/run) to run the real-office checks"
)
MIN_PDF_BYTES = 1000


def find_soffice() -> str | None:
    """Path of the soffice (or libreoffice) executable, or None when LibreOffice is not installed."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class ConversionResult:
    """Outcome of one batched conversion.

    Attributes:
        outputs: Input filename -> path of the PDF produced (missing when none was).
        sizes: Input filename -> size in bytes of its PDF (0 when missing).
        stderr: soffice's standard error.
        returncode: soffice's exit status (0 even on failures; do not rely on it).
    """

    outputs: dict[str, Path] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    stderr: str = ""
    returncode: int = 0

    def failures(self, min_bytes: int = MIN_PDF_BYTES) -> list[str]:
        """Human-readable problems: missing or tiny PDFs and load errors reported on stderr."""
        problems = [f"{name}: no PDF produced" for name, size in self.sizes.items() if size == 0]
        problems += [f"{name}: PDF only {size} bytes" for name, size in self.sizes.items() if 0 < size < min_bytes]
        problems += [
            f"stderr: {line.strip()}"
            for line in self.stderr.splitlines()
            if "could not be loaded" in line.lower() or ("error" in line.lower() and "warning" not in line.lower())
        ]
        return problems


def convert_to_pdf(files: dict[str, bytes], workdir: Path, *, timeout: float = 120.0) -> ConversionResult:
    """Write files into workdir/in and convert them all to PDF with ONE soffice call and a private profile.

    Args:
        files: Filename (with the real extension, which selects the import filter) -> content.
        workdir: A scratch folder (e.g. pytest's tmp_path).
        timeout: Seconds before soffice is killed.

    Returns:
        The per-file results; call ``failures()`` for a list of problems.

    Raises:
        RuntimeError: If soffice is not installed.
    """
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError(SKIP_REASON)
    src, out = workdir / "in", workdir / "out"
    src.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = src / name
        path.write_bytes(data)
        paths.append(str(path))
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    env = dict(os.environ, HOME=str(profile), SAL_USE_VCLPLUGIN="svp")
    try:
        proc = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *paths,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = ConversionResult(stderr=proc.stderr, returncode=proc.returncode)
    for name in files:
        pdf = out / (Path(name).stem + ".pdf")
        result.sizes[name] = pdf.stat().st_size if pdf.exists() else 0
        if pdf.exists():
            result.outputs[name] = pdf
    return result
