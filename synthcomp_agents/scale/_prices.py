"""The price table: cost estimates per model name from token counts; the user edits it as YAML or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import BatchError

__all__ = ["DEFAULT_PRICES", "SCRIPTED_MODEL", "ModelPrice", "PriceTable"]

SCRIPTED_MODEL = "scripted"
"""Model name of the offline scripted policy (free)."""


@dataclass(frozen=True)
class ModelPrice:
    """Price of one model in currency units per million tokens.

    Example:
        >>> ModelPrice(2.5, 10.0).cost(1_000_000, 100_000)
        3.5
    """

    input_per_mtok: float
    output_per_mtok: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        """Cost of ``prompt_tokens`` in and ``completion_tokens`` out."""
        return (prompt_tokens * self.input_per_mtok + completion_tokens * self.output_per_mtok) / 1_000_000


# List prices (USD per 1M tokens, uncached input) as published by the providers; edit or override with --prices.
DEFAULT_PRICES: dict[str, ModelPrice] = {
    SCRIPTED_MODEL: ModelPrice(0.0, 0.0),
    "gpt-4o": ModelPrice(2.50, 10.00),
    "gpt-4o-mini": ModelPrice(0.15, 0.60),
    "gpt-4.1": ModelPrice(2.00, 8.00),
    "gpt-4.1-mini": ModelPrice(0.40, 1.60),
    "gpt-4.1-nano": ModelPrice(0.10, 0.40),
    "o3-mini": ModelPrice(1.10, 4.40),
    "o4-mini": ModelPrice(1.10, 4.40),
}


@dataclass
class PriceTable:
    """Prices per model name; a name matches its entry exactly or by the longest listed prefix.

    ``gpt-4o-mini-2024-07-18`` uses ``gpt-4o-mini``; a model with no entry has no cost estimate (reported as
    unpriced, never guessed). Load a file with :meth:`load` (its entries override the defaults)::

        currency: USD
        models:
          gpt-4o: {input_per_mtok: 2.5, output_per_mtok: 10.0}
          qwen2.5-7b-instruct: {input_per_mtok: 0.0, output_per_mtok: 0.0}   # self-hosted

    Example:
        >>> table = PriceTable.default()
        >>> table.cost("gpt-4o-mini-2024-07-18", 1_000_000, 0)
        0.15
        >>> table.cost("scripted", 10_000, 5_000), table.cost("my-model", 1, 1)
        (0.0, None)
    """

    prices: dict[str, ModelPrice] = field(default_factory=lambda: dict(DEFAULT_PRICES))
    currency: str = "USD"
    source: str = "<built-in defaults>"

    @classmethod
    def default(cls) -> PriceTable:
        """The built-in list prices."""
        return cls()

    @classmethod
    def from_mapping(cls, data: Any, *, source: str = "<mapping>") -> PriceTable:
        """Parse ``{"currency": ..., "models": {name: {input_per_mtok, output_per_mtok}}}`` over the defaults."""
        if not isinstance(data, Mapping):
            raise BatchError(f"price table {source}: expected a mapping with a 'models' key, got {type(data).__name__}")
        unknown = set(data) - {"currency", "models"}
        if unknown:
            raise BatchError(f"price table {source}: unknown keys {sorted(unknown)}; expected 'currency', 'models'")
        models = data.get("models") or {}
        if not isinstance(models, Mapping):
            raise BatchError(f"price table {source}: 'models' must map model names to prices")
        prices = dict(DEFAULT_PRICES)
        for name, entry in models.items():
            if not isinstance(entry, Mapping) or set(entry) != {"input_per_mtok", "output_per_mtok"}:
                raise BatchError(
                    f"price table {source}: models.{name} must be {{input_per_mtok: X, output_per_mtok: Y}}, "
                    f"got {entry!r}"
                )
            try:
                price = ModelPrice(float(entry["input_per_mtok"]), float(entry["output_per_mtok"]))
            except (TypeError, ValueError):
                raise BatchError(f"price table {source}: models.{name} prices must be numbers") from None
            if price.input_per_mtok < 0 or price.output_per_mtok < 0:
                raise BatchError(f"price table {source}: models.{name} prices must be >= 0")
            prices[str(name)] = price
        return cls(prices, str(data.get("currency") or "USD"), source)

    @classmethod
    def load(cls, path: str | Path) -> PriceTable:
        """Read a YAML or JSON price table (entries override the built-in defaults)."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise BatchError(f"cannot read the price table {file}: {exc.strerror or exc}") from None
        try:
            if file.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(text)
            else:
                data = json.loads(text)
        except Exception as exc:
            raise BatchError(f"price table {file} is not valid {file.suffix.lstrip('.') or 'JSON'}: {exc}") from None
        return cls.from_mapping(data or {}, source=str(file))

    def price_for(self, model: str) -> ModelPrice | None:
        """The entry for ``model``: exact name, else the longest listed prefix, else None."""
        if model in self.prices:
            return self.prices[model]
        matches = [name for name in self.prices if model.startswith(name)]
        return self.prices[max(matches, key=len)] if matches else None

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
        """Estimated cost, or None when the model has no price."""
        price = self.price_for(model)
        return None if price is None else price.cost(prompt_tokens, completion_tokens)

    def to_mapping(self) -> dict[str, Any]:
        """The table as written by :meth:`load` (round trip)."""
        return {
            "currency": self.currency,
            "models": {
                name: {"input_per_mtok": p.input_per_mtok, "output_per_mtok": p.output_per_mtok}
                for name, p in sorted(self.prices.items())
            },
        }
