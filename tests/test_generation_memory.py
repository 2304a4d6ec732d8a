"""What a process that generates procedural computers keeps in memory (issue 16: peak RSS <= 300 MB)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_procedural_generation_does_not_import_autogen() -> None:
    """The LLM generator's AutoGen stack (~19 MB resident) loads only when the LLM generator is asked for."""
    code = (
        "import sys\n"
        "from synthcomp_agents.computers import ProceduralComputerGenerator\n"
        "print('autogen_agentchat' in sys.modules)\n"
        "from synthcomp_agents.computers import LLMComputerGenerator, GenerationError, StageRecord\n"
        "import synthcomp_agents\n"
        "print('autogen_agentchat' in sys.modules, synthcomp_agents.LLMComputerGenerator is LLMComputerGenerator)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert out.stdout.split() == ["False", "True", "True"]


def test_one_gazetteer_without_small_towns_other_names() -> None:
    """The bands' gazetteer is the persona resolver's (one copy a process), and it keeps other-language names only
    for the cities looked up by them (>= 300,000 people): ~19 MB instead of two copies of ~50 MB."""
    from synthcomp_agents.computers.generation.band_gigs import _gazetteer, nearby_cities
    from synthcomp_agents.personas._places import _cities

    cities = _cities()
    assert _gazetteer() is cities
    assert len(cities) > 30_000
    assert all("geonameid" not in c for c in cities.values())
    kept = [c for c in cities.values() if "alternatenames" in c]
    assert kept and all(int(c["population"]) >= 300_000 for c in kept)
    munich = next(c for c in cities.values() if c["name"] == "Munich")
    assert "München" in munich["alternatenames"]
    assert nearby_cities("Seattle", "US")[0] == ("Seattle", 0)
