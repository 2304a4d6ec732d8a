"""The procedural generator's stages over a typed generation context.

Planning: :mod:`.identity` (profile) -> :mod:`.team` (collaborators) -> :mod:`.plans` (projects) ->
:mod:`.layout` (filesystem policy), bundled in :class:`GenerationContext`. Files: :mod:`.core_project` and
:mod:`.core_recurring` (with :mod:`.threads`), then background (:mod:`.downloads`, :mod:`.pictures`,
:mod:`.personal`, :mod:`.desktop`, :mod:`.dotfiles`), :mod:`.tuning`, and :mod:`.assembly`.
"""

from .context import GenerationContext
from .pipeline import generate_computer, plan_context

__all__ = ["GenerationContext", "generate_computer", "plan_context"]
