"""Compare a run's end state (read through ``RunFolder.final_disk``) with a whole ``final.scdisk`` (e.g. main's).

Usage::

    PYTHONPATH=$PWD python tools/compare_end_state.py RUN_DIR REFERENCE.scdisk
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.simulation import RunFolder


def _files(disk: VirtualDisk) -> dict[str, bytes]:
    return {f.path: disk.read_bytes(f.path) for f in disk.walk() if not f.is_dir}


def main() -> None:
    run, reference = RunFolder(sys.argv[1]), Path(sys.argv[2])
    with run.final_disk() as ours, VirtualDisk.from_archive(reference) as theirs:
        a, b = _files(ours), _files(theirs)
        print("files", len(a), len(b), "same paths", a.keys() == b.keys(), "same contents", a == b)
        print("same metadata (nodes, times, authors, trash)", ours.metadata_state() == theirs.metadata_state())
        print("same journal", [e.to_json() for e in ours.journal()] == [e.to_json() for e in theirs.journal()])
        tmp = Path(tempfile.mkdtemp()) / "end.scdisk"
        ours.to_archive(tmp)
        print(
            "end state saved as an archive is byte-identical to the reference",
            tmp.read_bytes() == reference.read_bytes(),
        )
        tmp.unlink()
    print("final.delta.zip bytes", run.final_delta_path.stat().st_size, "vs reference", reference.stat().st_size)


if __name__ == "__main__":
    main()
