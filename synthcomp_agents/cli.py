"""The `synthcomp` command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.tree import Tree

from . import __version__

app = typer.Typer(
    help="Synthetic user computers and long-horizon productivity simulations on AutoGen.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()


@app.callback()
def _main() -> None:
    """Synthetic user computers and long-horizon productivity simulations on AutoGen."""


@app.command()
def version() -> None:
    """Print the package version."""
    console.print(__version__)


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-computer"), "--out", help="Folder to write the archive and home tree to."),
) -> None:
    """Build a small interlinked computer and let an AutoGen agent work on it through the disk tools (offline)."""
    from ._demo import PERSONA, run_demo

    with console.status("Building the demo computer and running the agent..."):
        result = run_demo(out)
    console.print(f"[bold]Persona:[/bold] {PERSONA}")
    tree = Tree(f"[bold]{result.home}[/bold]")
    nodes: dict[str, Tree] = {}
    for path in result.files:
        parts = path.split("/")
        parent = tree
        for depth in range(1, len(parts)):
            key = "/".join(parts[:depth])
            if key not in nodes:
                nodes[key] = parent.add(f"[blue]{parts[depth - 1]}/[/blue]")
            parent = nodes[key]
        parent.add(parts[-1])
    console.print(tree)
    console.print("[bold]Agent transcript[/bold] (AutoGen AssistantAgent + disk workbench, replayed model):")
    for line in result.transcript:
        console.print(line, markup=False, highlight=False)
    console.print(f"Quoted total spend: EUR {result.facts['total_spend']:,.2f}")
    console.print(f"Archive: {result.archive}\nHome folder: {result.home}")


if __name__ == "__main__":
    app()
