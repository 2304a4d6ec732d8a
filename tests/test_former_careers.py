"""A retiree's former working life is on its computer (its memories, its old colleagues' reunion, a veteran's
service records), and never as current work: a retired dentist orders no crowns (generated computers, read as text)."""

from __future__ import annotations

import pytest
from generator_cache import file_text, generated

from synthcomp_agents.personas import key_nouns_found

_TEXT = (".docx", ".xlsx", ".pptx", ".md", ".txt", ".csv")


def _computer(text: str, seed: int) -> tuple[list[str], str]:
    c = generated(text, seed=seed)
    names = [p.name for p in c.blueprint.project_index.projects if p.kind == "project"]
    parts = [f.path for f in c.blueprint.file_list]
    for f in c.blueprint.file_list:
        if f.project_id and f.path.endswith(_TEXT) and f.target_size < 2**20:
            parts.append(file_text(c, f.path))
    return names, "\n".join(parts)


@pytest.mark.parametrize(
    ("text", "seed", "words"),
    [
        ("A retired coal miner in Kentucky with black lung", 7, ["coal miner", "miners"]),
        ("A retired police officer in Florida who loves fishing", 3, ["police officer"]),
        ("A retired librarian in Quebec who writes mystery novels", 5, ["librarian"]),
        ("A Korean War veteran in Seoul", 2, ["Korean War", "veterans"]),
        ("A WWII veteran who didn't finish high school", 9, ["WWII", "service records"]),
    ],
)
def test_former_career_reaches_projects_and_files(text: str, seed: int, words: list[str]) -> None:
    names, body = _computer(text, seed)
    found = key_nouns_found(words, " ".join(names))
    assert all(found.values()), (names, found)
    found = key_nouns_found(words, body)
    assert all(found.values()), found
    # the former career's memories and reunion are the retiree's own: no stock "Memories" or "Reunion lunch" beside
    assert not {"memories", "reunion lunch"} & {n.casefold() for n in names}, names


def test_retired_trade_is_not_current_work() -> None:
    names, _ = _computer("A retired dentist in Leeds", 4)
    assert any("dentist" in n.casefold() for n in names), names
    assert not any(w in n.casefold() for n in names for w in ("crown", "recall", "claims", "hygienist")), names
