"""synthcomp-agents: synthetic user computers and long-horizon productivity simulations on AutoGen.

The public contract (see the README): the sandboxed :class:`VirtualDisk` and its AutoGen tools
(:func:`disk_workbench`), computer generators (:class:`ProceduralComputerGenerator`, :class:`LLMComputerGenerator`),
the simulation's agents (:class:`ObjectiveSetterAgent`, :class:`WorkerAgent`, :class:`CollaboratorAgent`), the
offline :class:`ScriptedPolicyClient` and the recording and context components.

Example:
    >>> from synthcomp_agents import VirtualDisk, disk_workbench
    >>> disk = VirtualDisk(user="ana", os="macos")
    >>> _ = disk.write_text("~/Documents/plan.md", "# Plan")
    >>> "read_file" in [t.name for t in disk_workbench(disk)._tools]
    True
"""

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .agents import (
        CollaboratorAgent,
        CollaboratorPersona,
        JudgeAgent,
        ObjectiveSetterAgent,
        WorkerAgent,
        build_participants,
    )
    from .computers import ComputerBlueprint, LLMComputerGenerator, ProceduralComputerGenerator, validate_computer
    from .computers import ComputerGenerator as ComputerGenerator
    from .computers import GeneratedComputer as GeneratedComputer
    from .disk import VirtualDisk
    from .disk import get_disk as get_disk
    from .models import RecordingChatCompletionClient as RecordingChatCompletionClient
    from .models import ScriptedPolicyClient, load_model_config
    from .models import count_tokens as count_tokens
    from .objectives import ObjectivePlan
    from .personas import Persona as Persona
    from .personas import builtin_personas as builtin_personas
    from .personas import classify_persona
    from .personas import load_personas as load_personas
    from .personas import sample_personas as sample_personas
    from .signals import score_home as score_home
    from .signals import write_run_signals
    from .simulation import BoundedChatCompletionContext, Mailbox, SimClock, Simulation, SimulationConfig, World
    from .tools import DiskWorkbench as DiskWorkbench
    from .tools import disk_workbench

# Name -> submodule; imported on first use so that `import synthcomp_agents` (and the CLI) stay fast. `__all__` (the
# documented surface) lists what the README, notebooks and docs use; the other names here stay importable.
_LAZY = {
    "BoundedChatCompletionContext": ".simulation",
    "CollaboratorAgent": ".agents",
    "CollaboratorPersona": ".agents",
    "ComputerBlueprint": ".computers",
    "ComputerGenerator": ".computers",
    "DiskWorkbench": ".tools",
    "GeneratedComputer": ".computers",
    "JudgeAgent": ".agents",
    "LLMComputerGenerator": ".computers",
    "Mailbox": ".simulation",
    "ObjectivePlan": ".objectives",
    "ObjectiveSetterAgent": ".agents",
    "Persona": ".personas",
    "ProceduralComputerGenerator": ".computers",
    "RecordingChatCompletionClient": ".models",
    "ScriptedPolicyClient": ".models",
    "SimClock": ".simulation",
    "Simulation": ".simulation",
    "SimulationConfig": ".simulation",
    "VirtualDisk": ".disk",
    "WorkerAgent": ".agents",
    "World": ".simulation",
    "build_participants": ".agents",
    "builtin_personas": ".personas",
    "classify_persona": ".personas",
    "count_tokens": ".models",
    "disk_workbench": ".tools",
    "get_disk": ".disk",
    "load_model_config": ".models",
    "load_personas": ".personas",
    "score_home": ".signals",
    "write_run_signals": ".signals",
    "sample_personas": ".personas",
    "validate_computer": ".computers",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'synthcomp_agents' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *_LAZY})


__all__ = [
    "BoundedChatCompletionContext",
    "CollaboratorAgent",
    "CollaboratorPersona",
    "ComputerBlueprint",
    "JudgeAgent",
    "LLMComputerGenerator",
    "Mailbox",
    "ObjectivePlan",
    "ObjectiveSetterAgent",
    "ProceduralComputerGenerator",
    "ScriptedPolicyClient",
    "SimClock",
    "Simulation",
    "SimulationConfig",
    "VirtualDisk",
    "WorkerAgent",
    "World",
    "__version__",
    "build_participants",
    "classify_persona",
    "disk_workbench",
    "load_model_config",
    "validate_computer",
    "write_run_signals",
]
