"""Simulated runs made once per test session and shared by several test modules (simulating is the cost).

``short_run``, for the export and environment tests:
The run is made like ``synthcomp run --n 1 --seed 0 --days 5`` but stops after 150 worker turns, so some
objectives are done and others are not (the Harbor rewards then differ per objective; the scripted worker finishes
the five days in ~250 turns). Its ``signals.json`` is
written once here; tests must not modify the run folder.

``standin_run``, for the run-state and report tests: two days of the ``sim_standins`` agents.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from generator_cache import generated
from sim_standins import standin_hooks

from synthcomp_agents.personas import sample_personas
from synthcomp_agents.signals import write_run_signals
from synthcomp_agents.simulation import Simulation, SimulationConfig


@functools.lru_cache(maxsize=1)
def short_run() -> Path:
    """The run folder (``OUT/runs/<id>``; its computer is ``OUT/computers/<id>``), with ``signals.json``."""
    out = Path(tempfile.mkdtemp(prefix="synthcomp-export-run-"))
    atexit.register(shutil.rmtree, out, True)
    persona = sample_personas(1, seed=0)[0]
    computer = generated(persona, seed=0)  # also the first computer of test_described_payloads
    computer_dir = out / "computers" / computer.computer_id
    computer.save(computer_dir)
    run_dir = out / "runs" / computer.computer_id
    config = SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, seed=0, days=5, max_worker_turns=150)
    Simulation(config).run_sync()
    write_run_signals(run_dir)
    return run_dir


@functools.lru_cache(maxsize=1)
def standin_run() -> tuple[Path, Path]:
    """A finished two-day run of the stand-in agents of ``sim_standins`` on "A procurement manager in Valencia"
    (computer seed 7, run seed 1): ``(computer folder, run folder)``, laid out as ``OUT/computers/c1`` and
    ``OUT/runs/c1``. Shared by the run-state and report tests; read-only: a test that writes copies it first."""
    out = Path(tempfile.mkdtemp(prefix="synthcomp-standin-run-"))
    atexit.register(shutil.rmtree, out, True)
    computer_dir = out / "computers" / "c1"
    generated("A procurement manager in Valencia", seed=7).save(computer_dir, materialize=False)
    run_dir = out / "runs" / "c1"
    Simulation(
        SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, days=2, seed=1), hooks=standin_hooks()
    ).run_sync()
    return computer_dir, run_dir
