"""A sole trader's invoice bills what the job's quote said: the quote is "a fixed price, not an estimate", so the
invoice repeats its lines (item, quantity, unit price) and its total (an electrician's quote of $1,674.02 was
invoiced at $1,108.26 with other rates)."""

from __future__ import annotations

import pytest
from generator_cache import generated

from synthcomp_agents.office import extract_text

TRADES = (
    "A self-employed electrician in Ohio",
    "A self-employed plumber in Leeds",
    "A freelance graphic designer in Berlin",
    "A self-employed carpenter in Dublin",
)


def _bill(text: str) -> tuple[list[str], str]:
    """The priced lines of a quote or invoice and its last footer (the total), as the document states them."""
    rows = [line for line in text.splitlines() if line.count("\t") == 3]
    lines = [r for r in rows[1:] if not r.startswith("**")]
    footers = [r for r in rows if r.startswith("**")]
    return lines, footers[-1].split("\t")[-1] if footers else ""


@pytest.mark.parametrize("persona", TRADES)
@pytest.mark.parametrize("seed", [3, 8])
def test_a_jobs_invoice_bills_its_quotes_lines_and_total(persona: str, seed: int) -> None:
    c = generated(persona, seed=seed)
    by_project: dict[str, dict[str, str]] = {}
    for f in c.blueprint.file_list:
        if f.archetype in ("quote", "invoice") and f.path.endswith(".docx") and f.project_id:
            by_project.setdefault(f.project_id, {})[f.archetype] = f.path
    pairs = [p for p in by_project.values() if len(p) == 2]
    if not pairs:
        pytest.skip(f"{persona} (seed {seed}) has no job with both a quote and an invoice")
    for pair in pairs:
        quote = extract_text(pair["quote"], c.disk.read_bytes(pair["quote"]))
        invoice = extract_text(pair["invoice"], c.disk.read_bytes(pair["invoice"]))
        quoted, billed = _bill(quote), _bill(invoice)
        assert quoted[0] and quoted == billed, (pair, quoted, billed)
