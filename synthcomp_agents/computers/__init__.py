"""Synthetic computers: the blueprint (the paper's nine fields) and realism statistics of home trees.

Example:
    >>> from synthcomp_agents.computers import REALISM_ANCHORS, check_bands
    >>> [r.ok for r in check_bands({"branching_factor": 4.2})]
    [True]
"""

from typing import TYPE_CHECKING, Any

from ._blueprint import EDGE_SEMANTICS as EDGE_SEMANTICS
from ._blueprint import EDGE_TYPES as EDGE_TYPES
from ._blueprint import FILE_KINDS as FILE_KINDS
from ._blueprint import KIND_EXTENSIONS as KIND_EXTENSIONS
from ._blueprint import ROW_COLUMNS as ROW_COLUMNS
from ._blueprint import SCHEMA_VERSION as SCHEMA_VERSION
from ._blueprint import CareerEntry as CareerEntry
from ._blueprint import CollaborationContext as CollaborationContext
from ._blueprint import Collaborator as Collaborator
from ._blueprint import ComputerBlueprint, PrivateFact
from ._blueprint import DocumentHabits as DocumentHabits
from ._blueprint import EdgeType as EdgeType
from ._blueprint import EducationEntry as EducationEntry
from ._blueprint import FileEdge as FileEdge
from ._blueprint import FileGraph as FileGraph
from ._blueprint import FileKind as FileKind
from ._blueprint import FilesystemPolicy as FilesystemPolicy
from ._blueprint import PlannedFile as PlannedFile
from ._blueprint import Project as Project
from ._blueprint import ProjectIndex as ProjectIndex
from ._blueprint import UserProfile as UserProfile
from ._blueprint import check_home_path as check_home_path
from ._blueprint import kind_for_path as kind_for_path
from ._blueprint import to_identifier as to_identifier
from ._blueprint import validate_graph as validate_graph
from ._fidelity import PersonaFidelity as PersonaFidelity
from ._fidelity import persona_fidelity as persona_fidelity
from ._folder import ComputerFolder as ComputerFolder
from ._generator import COMPUTER_ARCHIVE as COMPUTER_ARCHIVE
from ._generator import COMPUTER_HOME as COMPUTER_HOME
from ._generator import COMPUTER_JSON as COMPUTER_JSON
from ._generator import ComputerGenerator as ComputerGenerator
from ._generator import GeneratedComputer as GeneratedComputer
from ._generator import computer_id_for as computer_id_for
from ._generator import resolve_persona as resolve_persona
from ._procedural import ProceduralComputerGenerator
from ._realism import KIND_CATEGORIES as KIND_CATEGORIES
from ._realism import REALISM_ANCHORS, check_bands, format_stats
from ._realism import BandResult as BandResult
from ._realism import RealismAnchor as RealismAnchor
from ._realism import TreeStats as TreeStats
from ._realism import kind_category as kind_category
from ._realism import stats_table as stats_table
from ._realism import tree_stats as tree_stats
from ._validate import EdgeCheck as EdgeCheck
from ._validate import FileCheck as FileCheck
from ._validate import ValidationReport as ValidationReport
from ._validate import check_edge as check_edge
from ._validate import validate_computer

if TYPE_CHECKING:
    from ._llm import GenerationError as GenerationError
    from ._llm import LLMComputerGenerator
    from ._llm import StageRecord as StageRecord

_LLM_NAMES = frozenset({"GenerationError", "LLMComputerGenerator", "StageRecord"})


def __getattr__(name: str) -> Any:
    """The LLM generator and its types, imported on first use: a process that only generates procedural computers
    does not load AutoGen's agent stack (~19 MB resident, ~1 s of imports)."""
    if name in _LLM_NAMES:
        from . import _llm

        value = getattr(_llm, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "REALISM_ANCHORS",
    "ComputerBlueprint",
    "LLMComputerGenerator",
    "PrivateFact",
    "ProceduralComputerGenerator",
    "check_bands",
    "format_stats",
    "validate_computer",
]
