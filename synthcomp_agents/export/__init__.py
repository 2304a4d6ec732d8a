"""Exports: the paper's 9-column computer layout (JSONL and parquet); episode, OpenAI, HF and Harbor formats later.

Example:
    >>> from synthcomp_agents.export import COMPUTER_FORMATS
    >>> COMPUTER_FORMATS
    ('parquet', 'jsonl')
"""

from ._computers import COMPUTER_FORMATS, ExportError, export_computers, find_computer_folders, load_computer_rows

__all__ = ["COMPUTER_FORMATS", "ExportError", "export_computers", "find_computer_folders", "load_computer_rows"]
