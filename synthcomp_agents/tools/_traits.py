"""Tool traits: what a tool does (reads, writes, communicates...), declared once on its class and kept in one registry.

Every tool class declares ``traits = ToolTraits(...)``; :func:`register_tool_traits` files them under the tool's name.
The simulated clock (its cost), the context summariser (which files were consulted or changed) and the process
signals (grounding reads, deliverable writes, redundant repeats) all look tools up with :func:`tool_traits`, so
adding a tool means writing its class (traits included) and registering it: nothing else guesses from its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "BROWSE_COST",
    "DEFAULT_COST",
    "EDIT_COST",
    "FILE_OP_COST",
    "READ_COST",
    "SEARCH_COST",
    "WRITE_COST",
    "ToolCost",
    "ToolKind",
    "ToolTraits",
    "register_tool_traits",
    "registered_tool_names",
    "tool_traits",
    "unregister_tool_traits",
]

ToolKind = Literal["read", "navigate", "write", "communicate", "control"]
"""What a tool is for: ``read`` shows content (files, search hits, metadata); ``navigate`` shows the folder
structure; ``write`` changes files on the disk; ``communicate`` talks to other people (mail, meetings, submitting
work); ``control`` steers the simulation itself (ending the day)."""


@dataclass(frozen=True)
class ToolCost:
    """Simulated minutes a call takes: ``minutes`` plus a rate per 1,000 characters of arguments and of result,
    clamped to ``[low, high]``.

    Example:
        >>> ToolCost(2, per_1k_result=0.7, low=2, high=30).minutes_for(args_size=40, result_size=6000)
        6.2
    """

    minutes: float
    per_1k_args: float = 0.0
    per_1k_result: float = 0.0
    low: float = 0.0
    high: float = 60.0

    def __post_init__(self) -> None:
        if min(self.minutes, self.per_1k_args, self.per_1k_result, self.low) < 0 or self.high < self.low:
            raise ValueError(f"invalid tool cost {self!r}: rates must be >= 0 and low <= high")

    def minutes_for(self, args_size: int = 0, result_size: int = 0) -> float:
        """Unrounded minutes for a call with ``args_size`` characters of arguments and ``result_size`` of result."""
        raw = self.minutes + self.per_1k_args * args_size / 1000 + self.per_1k_result * result_size / 1000
        return min(self.high, max(self.low, raw))


BROWSE_COST = ToolCost(1, per_1k_result=0.25, low=1, high=5)
"""Listing a folder, a tree, finding files, a file's details: about a minute."""
SEARCH_COST = ToolCost(2, per_1k_result=0.5, low=2, high=10)
"""Searching text across files: 2-10 minutes by the hits shown."""
READ_COST = ToolCost(2, per_1k_result=0.7, low=2, high=30)
"""Reading a file: 2-30 minutes by length (about 1,500 characters a minute)."""
WRITE_COST = ToolCost(3, per_1k_args=10, low=3, high=60)
"""Writing a new file: 3-60 minutes by what is written (a 4,000-character document about 43)."""
EDIT_COST = ToolCost(5, per_1k_args=6.5, low=5, high=45)
"""Changing an existing document: 5-45 minutes by the size of the changes."""
FILE_OP_COST = ToolCost(1, low=1, high=3)
"""Moving, copying, deleting or restoring an item: a minute."""
DEFAULT_COST = ToolCost(2, per_1k_args=0.5, per_1k_result=0.5, low=1, high=30)
"""Anything else, including calls to a tool name that does not exist."""


@dataclass(frozen=True)
class ToolTraits:
    """What a tool does, for the parts of the package that account for calls without running them.

    Attributes:
        kind: what the tool is for (see :data:`ToolKind`).
        mutates: the call changes the disk or the world (files, mail, submissions, the day).
        cost: simulated minutes a call takes (:meth:`SimClock.cost_of_tool`).
        paths: arguments that name files or folders the call works on, in the order a summary lists them.
        reads: the argument naming the file whose content the call shows (a grounding read), if any.
        writes: the argument naming the file whose content the call writes (a deliverable write), if any.
        repeatable: calling again with the same arguments is not looping (its result changes with time).
        note: the argument carrying the user's own note (a journal entry): a compacted context keeps its words.
        time_first: the call's simulated time passes before it runs, so its result shows the world at the end of the
            call (the inbox a ``check_inbox`` lists is the one its clock line counts); its cost must not depend on the
            size of its result.

    Example:
        >>> traits = ToolTraits(kind="read", mutates=False, cost=READ_COST, paths=("path",), reads="path")
        >>> traits.kind, traits.cost.minutes_for(result_size=3000)
        ('read', 4.1)
    """

    kind: ToolKind
    mutates: bool
    cost: ToolCost
    paths: tuple[str, ...] = ()
    reads: str | None = None
    writes: str | None = None
    repeatable: bool = False
    note: str | None = None
    time_first: bool = False

    def __post_init__(self) -> None:
        if self.time_first and self.cost.per_1k_result:
            raise ValueError("a time_first tool's cost cannot depend on its result (per_1k_result must be 0)")
        for role, arg in (("reads", self.reads), ("writes", self.writes)):
            if arg is not None and arg not in self.paths:
                raise ValueError(f"{role}={arg!r} must be one of the path arguments {self.paths}")
        if self.writes is not None and not self.mutates:
            raise ValueError(f"a tool that writes {self.writes!r} mutates: set mutates=True")

    def path_values(self, arguments: dict[str, Any], keys: tuple[str, ...] | None = None) -> list[str]:
        """The string values of the path arguments (``keys``, default :attr:`paths`) in ``arguments``.

        Example:
            >>> ToolTraits(kind="write", mutates=True, cost=FILE_OP_COST, paths=("source", "destination")
            ...            ).path_values({"source": "a.txt", "destination": ["b.txt", 3]})
            ['a.txt', 'b.txt']
        """
        out: list[str] = []
        for key in self.paths if keys is None else keys:
            value = arguments.get(key)
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, list):
                out.extend(v for v in value if isinstance(v, str))
        return out


_REGISTRY: dict[str, ToolTraits] = {}


def register_tool_traits(tool: str | type[Any], traits: ToolTraits | None = None, *, replace: bool = False) -> None:
    """File a tool's traits under its name.

    Args:
        tool: a tool class with ``tool_name`` and ``traits`` class attributes, or a tool name (then pass ``traits``).
        traits: the traits, when ``tool`` is a name.
        replace: allow replacing different traits already filed under the name.

    Raises:
        TypeError: a class without ``tool_name``/``traits``, or a name without ``traits``.
        ValueError: different traits are already filed under that name (and ``replace`` is False).

    Example:
        >>> register_tool_traits("doc_lookup", ToolTraits(kind="read", mutates=False, cost=SEARCH_COST))
        >>> tool_traits("doc_lookup").kind
        'read'
        >>> unregister_tool_traits("doc_lookup")
    """
    if isinstance(tool, str):
        name = tool
        if not isinstance(traits, ToolTraits):
            raise TypeError(f"register_tool_traits({name!r}) needs traits=ToolTraits(...)")
    else:
        class_name = getattr(tool, "tool_name", None)
        declared = getattr(tool, "traits", None)
        if not isinstance(class_name, str) or not isinstance(declared, ToolTraits):
            raise TypeError(
                f"{getattr(tool, '__name__', tool)!r} needs class attributes tool_name (str) and traits (ToolTraits)"
            )
        if traits is not None and traits != declared:
            raise ValueError(f"{class_name}: traits given differ from the class's own traits")
        name, traits = class_name, declared
    if not name:
        raise ValueError("a tool name cannot be empty")
    old = _REGISTRY.get(name)
    if old is not None and old != traits and not replace:
        raise ValueError(f"tool {name!r} already has different traits ({old}); pass replace=True to replace them")
    _REGISTRY[name] = traits


def unregister_tool_traits(name: str) -> None:
    """Forget the traits filed under ``name`` (no-op when there are none)."""
    _REGISTRY.pop(name, None)


def tool_traits(name: str) -> ToolTraits | None:
    """The traits filed under a tool name, or None for a name no tool has (e.g. a call to a tool that does not exist).

    Example:
        >>> from synthcomp_agents.tools import tool_traits
        >>> tool_traits("read_file").reads, tool_traits("copy").writes, tool_traits("no_such_tool")
        ('path', 'destination', None)
    """
    return _REGISTRY.get(name)


def registered_tool_names() -> list[str]:
    """Every tool name with traits, sorted."""
    return sorted(_REGISTRY)
