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
    from .computers import (
        ComputerBlueprint,
        ComputerGenerator,
        GeneratedComputer,
        LLMComputerGenerator,
        ProceduralComputerGenerator,
        validate_computer,
    )
    from .disk import VirtualDisk, get_disk
    from .models import RecordingChatCompletionClient, ScriptedPolicyClient, count_tokens, load_model_config
    from .objectives import ObjectivePlan
    from .personas import Persona, builtin_personas, classify_persona, load_personas, sample_personas
    from .signals import score_home, write_run_signals
    from .simulation import BoundedChatCompletionContext, Mailbox, SimClock, Simulation, SimulationConfig, World
    from .tools import DiskWorkbench, disk_workbench

# Public name -> submodule; imported on first use so that `import synthcomp_agents` (and the CLI) stay fast.
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
    return sorted(__all__)


__all__ = [
    "BoundedChatCompletionContext",
    "CollaboratorAgent",
    "CollaboratorPersona",
    "ComputerBlueprint",
    "ComputerGenerator",
    "DiskWorkbench",
    "GeneratedComputer",
    "JudgeAgent",
    "LLMComputerGenerator",
    "Mailbox",
    "ObjectivePlan",
    "ObjectiveSetterAgent",
    "Persona",
    "ProceduralComputerGenerator",
    "RecordingChatCompletionClient",
    "ScriptedPolicyClient",
    "SimClock",
    "Simulation",
    "SimulationConfig",
    "VirtualDisk",
    "WorkerAgent",
    "World",
    "__version__",
    "build_participants",
    "builtin_personas",
    "classify_persona",
    "count_tokens",
    "disk_workbench",
    "get_disk",
    "load_model_config",
    "load_personas",
    "sample_personas",
    "score_home",
    "validate_computer",
    "write_run_signals",
]
