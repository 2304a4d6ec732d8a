"""Exports: runs as training data (episodes, OpenAI JSONL, HF parquet, Harbor tasks) and computers in the paper's
9-column layout (JSONL and parquet).

Example:
    >>> from synthcomp_agents.export import COMPUTER_FORMATS, RUN_FORMATS
    >>> COMPUTER_FORMATS, RUN_FORMATS
    (('parquet', 'jsonl'), ('episodes', 'openai', 'hf', 'harbor'))
"""

from ._by_format import HF_FILE as HF_FILE
from ._by_format import RUN_FORMATS
from ._by_format import export_harbor as export_harbor
from ._by_format import export_hf as export_hf
from ._by_format import export_runs as export_runs
from ._computers import COMPUTER_FORMATS
from ._computers import ExportError as ExportError
from ._computers import export_computers as export_computers
from ._computers import find_computer_folders as find_computer_folders
from ._computers import load_computer_rows as load_computer_rows
from ._episodes import EPISODES_FILE as EPISODES_FILE
from ._episodes import export_episodes as export_episodes
from ._openai import OPENAI_FILE as OPENAI_FILE
from ._openai import Window as Window
from ._openai import export_openai as export_openai
from ._openai import worker_windows as worker_windows
from ._runs import RunData as RunData
from ._runs import find_run_folders as find_run_folders
from ._runs import load_run as load_run

__all__ = [
    "COMPUTER_FORMATS",
    "RUN_FORMATS",
]
