"""Diversity of generated computers: different personas write different sentences, and within one computer every
kind of document has its own section layout (not one template under many names)."""

from __future__ import annotations

import io
import itertools
import re
import statistics

import docx
import openpyxl
import pytest
from generator_cache import file_text, twenty_computers

from synthcomp_agents.computers import GeneratedComputer

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.:/%-]*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")


@pytest.fixture(scope="module")
def computers() -> tuple[GeneratedComputer, ...]:
    return twenty_computers()


def sentence_patterns(c: GeneratedComputer) -> set[str]:
    """Sentences of the computer's docx/pptx files with numbers and capitalised words (names) masked.

    Only real sentences count: at least five lower-case words (table rows and labels are layout, not prose).
    """
    out: set[str] = set()
    for f in c.blueprint.file_list:
        if not f.path.endswith((".docx", ".pptx")):
            continue
        for sentence in _SPLIT.split(file_text(c, f.path)):
            if sum(w.isalpha() and w.islower() for w in sentence.split()) < 5:
                continue
            out.add(" ".join(_NAME.sub("N", _NUMBER.sub("0", sentence)).split()))
    return out


def section_layout(path: str, data: bytes) -> tuple[str, ...]:
    """Headings of a docx, or sheet names of an xlsx, with numbers masked (the layout, not the content)."""
    if path.endswith(".docx"):
        document = docx.Document(io.BytesIO(data))
        heads = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    else:
        heads = list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames)
    return tuple(_NUMBER.sub("0", h).strip().casefold() for h in heads)


def test_personas_share_few_sentence_patterns(computers: tuple[GeneratedComputer, ...]) -> None:
    chosen = computers[:6]
    patterns = [sentence_patterns(c) for c in chosen]
    assert all(len(p) >= 100 for p in patterns), [len(p) for p in patterns]
    shares = []
    for a, b in itertools.combinations(range(len(chosen)), 2):
        assert chosen[a].persona.text != chosen[b].persona.text
        shares.append(len(patterns[a] & patterns[b]) / min(len(patterns[a]), len(patterns[b])))
    assert statistics.median(shares) <= 0.10, shares
    assert max(shares) <= 0.15, shares


def test_each_document_kind_has_its_own_layout(computers: tuple[GeneratedComputer, ...]) -> None:
    for c in computers[:6]:
        owners: dict[tuple[str, ...], str] = {}
        kinds = 0
        for f in c.blueprint.file_list:
            if not f.archetype or not f.path.endswith((".docx", ".xlsx")):
                continue
            layout = section_layout(f.path, c.disk.read_bytes(f.path))
            if len(layout) < 2:
                continue
            owner = owners.setdefault(layout, f.archetype)
            assert owner == f.archetype, f"{c.persona.family}: {f.archetype} ({f.path}) shares {layout} with {owner}"
            kinds += 1
        assert len(set(owners.values())) >= 8, sorted(set(owners.values()))
        assert kinds >= 20
