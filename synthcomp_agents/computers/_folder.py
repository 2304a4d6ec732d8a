"""ComputerFolder: the one owner of a computer folder's layout (file names, loading).

Layout::

    <folder>/computer.json     the blueprint (ComputerBlueprint as JSON)
    <folder>/computer.scdisk   the disk archive: the home before any run (what collateral damage compares with)
    <folder>/home/             the materialized home (real files), optional
    <folder>/objectives.json   a plan written by ``synthcomp objectives`` next to the computer, optional
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._blueprint import ComputerBlueprint

__all__ = ["COMPUTER_ARCHIVE", "COMPUTER_HOME", "COMPUTER_JSON", "ComputerFolder"]

COMPUTER_JSON = "computer.json"
"""File name of the blueprint inside a computer folder."""
COMPUTER_HOME = "home"
"""Folder name of the materialized home inside a computer folder."""
COMPUTER_ARCHIVE = "computer.scdisk"
"""File name of the disk archive inside a computer folder."""


@dataclass(frozen=True)
class ComputerFolder:
    """A computer folder: where its blueprint, archive and home are, and how to read them.

    Example:
        >>> folder = ComputerFolder("out/computers/c-1")
        >>> folder.blueprint_path.as_posix(), folder.archive_path.name, folder.home_path.name
        ('out/computers/c-1/computer.json', 'computer.scdisk', 'home')
        >>> folder.is_computer()  # nothing written there yet
        False
    """

    path: Path

    BLUEPRINT = COMPUTER_JSON
    ARCHIVE = COMPUTER_ARCHIVE
    HOME = COMPUTER_HOME
    OBJECTIVES = "objectives.json"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        object.__setattr__(self, "path", Path(path))

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    @property
    def blueprint_path(self) -> Path:
        """``computer.json``."""
        return self.path / self.BLUEPRINT

    @property
    def archive_path(self) -> Path:
        """``computer.scdisk``: the disk before any run."""
        return self.path / self.ARCHIVE

    @property
    def home_path(self) -> Path:
        """``home/``: the materialized files."""
        return self.path / self.HOME

    @property
    def objectives_path(self) -> Path:
        """``objectives.json`` written next to the computer by ``synthcomp objectives``."""
        return self.path / self.OBJECTIVES

    def is_computer(self) -> bool:
        """The folder holds a blueprint and at least one form of the disk (archive or home)."""
        return self.blueprint_path.is_file() and (self.archive_path.is_file() or self.home_path.is_dir())

    def has_archive(self) -> bool:
        """The folder holds ``computer.json`` and ``computer.scdisk`` (what a simulation or a score needs)."""
        return self.blueprint_path.is_file() and self.archive_path.is_file()

    def blueprint_json(self) -> dict[str, Any]:
        """``computer.json`` as parsed JSON (raises ``OSError`` / ``ValueError`` when unreadable)."""
        data = json.loads(self.blueprint_path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{self.blueprint_path} is not a JSON object")
        return data

    def blueprint(self) -> ComputerBlueprint:
        """``computer.json`` as a validated :class:`ComputerBlueprint`."""
        from ._blueprint import ComputerBlueprint

        return ComputerBlueprint.from_json(self.blueprint_path.read_bytes())

    def computer_id(self) -> str | None:
        """The blueprint's ``computer_id`` (None when the blueprint is missing or unreadable)."""
        try:
            value = self.blueprint_json().get("computer_id")
        except (OSError, ValueError):
            return None
        return str(value) if value else None
