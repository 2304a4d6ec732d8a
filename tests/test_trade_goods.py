"""What a purchase order orders is the buyer's trade's (issue 11 review): a band's merch order is T-shirts, pins and
vinyl from a printer, a restaurant's is linen, wine and coffee, never nitrile gloves and M8 hex bolts from a safety
wear supplier; and an industrial buyer still orders industrial supplies."""

from __future__ import annotations

import pytest
from generator_cache import file_text, generated

_INDUSTRIAL = ("hex bolts", "Nitrile gloves", "Pallet wrap", "Hi-vis", "Safety boots", "Lubricant spray")


def _orders(text: str, seed: int) -> list[str]:
    """The purchase orders of the persona's computer, and a band's merch quotes (the printer quotes, the band
    orders on the quote: test_band_chain.py)."""
    c = generated(text, seed=seed)
    return [
        f"{f.path}\n{file_text(c, f.path)}"
        for f in c.blueprint.file_list
        if f.archetype in ("purchase_order", "merch_quote")
    ]


@pytest.mark.parametrize(
    ("persona", "seed", "own"),
    [
        (
            "A heavy metal musician who loves boxing",
            3,
            ("T-shirt", "pins", "Vinyl", "Poster", "stickers", "CDs", "Tote bag"),
        ),
        ("A restaurant owner in Lyon", 2, ("linen", "napkins", "wine", "Coffee", "oil", "eggs")),
    ],
)
def test_a_trade_orders_its_own_goods(persona: str, seed: int, own: tuple[str, ...]) -> None:
    orders = _orders(persona, seed)
    assert orders, "the persona's projects hold a purchase order"
    for order in orders:
        assert not any(w in order for w in _INDUSTRIAL), order[:400]
        assert sum(w in order for w in own) >= 2, order[:400]


def test_an_industrial_buyer_still_orders_supplies() -> None:
    orders = _orders("A procurement manager at a food manufacturer in Leeds", 1)
    assert orders and all(any(w in o for w in _INDUSTRIAL) for o in orders)


@pytest.mark.parametrize(
    ("persona", "sells"),
    [
        ("A heavy metal musician who loves boxing", False),
        ("A farmer in Kentucky who grows tobacco and soybeans", False),
        ("A potter who sells at markets", True),
    ],
)
def test_craft_fair_sales_belong_to_makers(persona: str, sells: bool) -> None:
    c = generated(persona, seed=3)
    assert any(f.archetype == "craft_fair_sales" for f in c.blueprint.file_list) is sells
