"""synthcomp-agents: synthetic user computers and long-horizon productivity simulations on AutoGen."""

__version__ = "0.1.0"

__all__ = ["__version__"]
