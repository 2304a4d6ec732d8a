"""Formula evaluation for xlsx workbooks (openpyxl stores formulas without computed values).

Engines, chosen by measurement (``tools/bench_formula_engines.py``): our own :mod:`._formula_engine` first (parses
each relative formula shape once, evaluates with memoised values; 9-29x faster than pycel on the benchmark),
and ``pycel`` for the cells it cannot evaluate (unknown functions, defined names, array arithmetic). pycel had
beaten ``formulas`` (616/616 right in ~0.8 s against 613/616 in ~2.5 s) but compiles every cell to Python.

Order of precedence for a formula cell's value:

1. the cached value stored in the file (written by Excel or LibreOffice), when present;
2. the fast engine's value, or pycel's for the cells the fast engine does not support;
3. otherwise a reason, e.g. ``not evaluated: function XLOOKUP is not supported``.

Evaluation is bounded: at most ``max_cells`` cell evaluations and ``time_budget_s`` seconds per evaluator; after that
every remaining formula reports that the budget was exhausted.

Example:
    >>> import io, openpyxl
    >>> wb = openpyxl.Workbook()
    >>> ws = wb.active
    >>> ws["A1"], ws["A2"], ws["A3"] = 2, 3, "=SUM(A1:A2)*10"
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> evaluate_workbook(buf.getvalue())["Sheet"]["A3"]
    50
"""

from __future__ import annotations

import io
import logging
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._errors import OfficeError, OfficeFileError
from ._formula_engine import CircularReference, FormulaEngine, TooDeep, XlError
from ._safezip import check_ooxml
from ._xlsx_fast import BookData, book_from_openpyxl, parse_xlsx

__all__ = ["FormulaEvaluator", "FormulaResult", "evaluate_workbook", "load_workbook_safely"]

DEFAULT_MAX_CELLS = 20_000
DEFAULT_TIME_BUDGET_S = 10.0

_log = logging.getLogger(__name__)
_CACHED_VALUE_RE = re.compile(rb"</f>\s*<v>[^<]")


_MAX_DEPTH = 60
_TOO_DEEP = "circular reference or dependency chain too deep"


class _BudgetExceeded(BaseException):
    """Raised inside pycel's recursion to stop evaluation; a BaseException so pycel's handlers don't swallow it."""


class _TooDeep(BaseException):
    """Raised when pycel's recursive evaluation nests too deep (cycle or long chain).

    Deep recursion inside pycel is dangerous: each level formats the inner level's traceback into its own error
    message, so a 1,500-cell running total exhausts memory. We stop at ``_MAX_DEPTH`` instead.
    """


@dataclass(frozen=True)
class FormulaResult:
    """The computed value of one formula cell, or why there is none.

    Attributes:
        value: The value (number, text, bool, date or an Excel error string such as ``'#DIV/0!'``); None if not
            evaluated.
        error: None when ``value`` is valid, else a short reason (``'circular reference'``, ...).
        cached: True when the value came from the file's cached value rather than the engine.
    """

    value: Any
    error: str | None = None
    cached: bool = False


def load_workbook_safely(data: bytes, filename: str = "workbook.xlsx", *, data_only: bool = False) -> Any:
    """Check the container, then open it with openpyxl, wrapping every library failure in OfficeFileError.

    Args:
        data: The xlsx bytes.
        filename: Name used in messages.
        data_only: Load cached values instead of formulas.

    Returns:
        An ``openpyxl.Workbook``.

    Raises:
        OfficeFileError: The file is not a readable workbook.

    Example:
        >>> load_workbook_safely(b"oops", "a.xlsx")
        Traceback (most recent call last):
        ...
        synthcomp_agents.office._errors.OfficeFileError: a.xlsx is not a valid Office file: not a zip archive ...
    """
    import openpyxl

    check_ooxml(data, "xlsx", filename)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, rich_text=False)
    except OfficeError:
        raise
    except RecursionError as exc:
        raise OfficeFileError(f"{filename} could not be opened as a workbook: structure too deeply nested.") from exc
    except Exception as exc:
        raise OfficeFileError(f"{filename} could not be opened as a workbook: {type(exc).__name__}: {exc}") from exc


def has_cached_values(data: bytes) -> bool:
    """Return True when some worksheet stores a computed value next to a formula (file saved by Excel/LibreOffice)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                if (
                    name.startswith("xl/worksheets/")
                    and name.endswith(".xml")
                    and _CACHED_VALUE_RE.search(zf.read(name))
                ):
                    return True
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return False


def _reason(exc: BaseException) -> str:
    """Turn a pycel exception into a short, agent-readable reason."""
    text = str(exc)
    name = type(exc).__name__
    m = re.search(r"Function (\w+) is not implemented", text)
    if m:
        return f"function {m.group(1)} is not supported by the evaluator"
    if isinstance(exc, KeyError) and "does not exist" in text:
        return f"refers to a missing sheet ({text.strip(chr(39))})"
    if name == "FormulaParserError":
        return f"formula syntax error ({text.splitlines()[0] if text else 'unparseable'})"
    last = next((ln.strip() for ln in reversed(text.splitlines()) if ln.strip()), "")
    return f"{name}: {last[:160]}" if last else name


class FormulaEvaluator:
    """Lazily evaluate formula cells of one workbook within a cell-count and time budget.

    The fast engine (:mod:`._formula_engine`) evaluates what it supports; pycel evaluates the rest, cell by cell.

    Args:
        workbook: An ``openpyxl.Workbook`` loaded with formulas (``data_only=False``), or None when ``book`` is given.
        cached: Optional workbook loaded with ``data_only=True`` whose cached values take precedence.
        max_cells: Maximum number of formula-cell evaluations (both engines together).
        time_budget_s: Wall-clock budget for all evaluations of this evaluator.
        book: The workbook's cells as parsed by :func:`parse_xlsx` (its cached values are used too).
        loader: Returns the openpyxl workbook on demand (only needed for the pycel fallback when ``workbook`` is None).

    Example:
        >>> import openpyxl
        >>> wb = openpyxl.Workbook(); wb.active["A1"] = 4; wb.active["B1"] = "=A1*2"
        >>> FormulaEvaluator(wb).value("Sheet", "B1").value
        8
    """

    def __init__(
        self,
        workbook: Any,
        cached: Any | None = None,
        *,
        max_cells: int = DEFAULT_MAX_CELLS,
        time_budget_s: float = DEFAULT_TIME_BUDGET_S,
        book: BookData | None = None,
        loader: Callable[[], Any] | None = None,
    ) -> None:
        self._wb = workbook
        self._loader = loader
        self._cached = cached
        self._book = book if book is not None else book_from_openpyxl(workbook)
        self.max_cells = max_cells
        self.time_budget_s = time_budget_s
        self._compiler: Any | None = None
        self._evaluated = 0
        self._depth = 0
        self._elapsed = 0.0
        self._deadline = 0.0
        self.exhausted: str | None = None
        self._results: dict[tuple[str, str], FormulaResult] = {}
        self._engine = FormulaEngine(
            {sheet.name: sheet.cells for sheet in self._book.sheets}, fallback=self._pycel_value, tick=self._tick
        )

    # -- pycel plumbing -------------------------------------------------------------------------------------------
    def _make_compiler(self) -> Any:
        from pycel import ExcelCompiler

        logging.getLogger("pycel").setLevel(logging.CRITICAL)  # pycel logs every failing formula with a traceback
        evaluator = self
        if self._wb is None:
            if self._loader is None:
                raise OfficeError("no workbook to evaluate with pycel")
            self._wb = self._loader()

        class _BoundedCompiler(ExcelCompiler):  # type: ignore[misc]
            def _evaluate(self, address: Any) -> Any:
                evaluator._tick()
                evaluator._depth += 1
                try:
                    if evaluator._depth > _MAX_DEPTH:
                        raise _TooDeep
                    return super()._evaluate(address)
                finally:
                    evaluator._depth -= 1

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _BoundedCompiler(excel=self._wb)

    def _tick(self) -> None:
        if self.exhausted:
            raise _BudgetExceeded
        self._evaluated += 1
        if self._evaluated > self.max_cells:
            self.exhausted = f"formula evaluation limit of {self.max_cells:,} cells reached"
            raise _BudgetExceeded
        if time.perf_counter() > self._deadline:
            self.exhausted = f"formula evaluation time budget of {self.time_budget_s:g} s used up"
            raise _BudgetExceeded

    def _recover(self, address: str, error_code: str | None) -> None:
        comp = self._compiler
        if comp is None:
            return
        comp.graph_todos.clear()
        comp.range_todos.clear()
        cell = comp.cell_map.get(address)
        if error_code is not None and cell is not None and getattr(cell, "value", 0) is None:
            cell.value = error_code  # dependents then see an Excel error instead of re-raising

    def _pycel_value(self, sheet: str, row: int, col: int) -> tuple[Any, str | None]:
        """Fallback for the fast engine: evaluate one cell with pycel -> (value, reason or None)."""
        from openpyxl.utils import get_column_letter

        result = self._compute(sheet, f"{get_column_letter(col)}{row}")
        if self.exhausted:
            raise _BudgetExceeded
        return result.value, result.error

    def _compute(self, sheet: str, coord: str) -> FormulaResult:
        """Evaluate one cell with pycel (time accounting is done by :meth:`value`)."""
        if self.exhausted:
            return FormulaResult(None, self.exhausted)
        if self._compiler is None:
            try:
                self._compiler = self._make_compiler()
            except OfficeError as exc:
                return FormulaResult(None, f"formula engine unavailable ({exc})")
            except Exception as exc:
                return FormulaResult(None, f"formula engine unavailable ({type(exc).__name__})")
        address = f"{sheet}!{coord}" if not re.search(r"[^A-Za-z0-9_]", sheet) else f"'{sheet}'!{coord}"
        saved_depth = self._depth
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = self._compiler.evaluate(address)
            return FormulaResult(_plain(value))
        except _BudgetExceeded:
            self._compiler = None  # its internal state is mid-evaluation; never reuse it
            return FormulaResult(None, self.exhausted)
        except (_TooDeep, RecursionError):
            self._recover(address, None)
            return FormulaResult(None, _TOO_DEEP)
        except Exception as exc:
            self._recover(address, "#NAME?" if "not implemented" in str(exc) else "#VALUE!")
            return FormulaResult(None, _reason(exc))
        finally:
            self._depth = saved_depth

    # -- fast engine ------------------------------------------------------------------------------------------------
    def _fast(self, sheet: str, row: int, col: int) -> FormulaResult:
        try:
            value = self._engine.value(sheet, row, col)
        except _BudgetExceeded:
            return FormulaResult(None, self.exhausted or "formula evaluation budget used up")
        except (CircularReference, _TooDeep, RecursionError):
            return FormulaResult(None, _TOO_DEEP)
        except TooDeep:
            return self._warm_up_and_retry(sheet, row, col)
        reason = self._engine.reason(sheet, row, col)
        if reason is not None:
            return FormulaResult(None, reason)
        if isinstance(value, XlError):
            return FormulaResult(str(value))
        return FormulaResult(_plain(value))

    def _warm_up_and_retry(self, sheet: str, row: int, col: int) -> FormulaResult:
        """Long running-total chains exceed the depth bound: evaluate the cells above first, then retry."""
        target = self._book.find(sheet)
        plan = [(target, row)] + [(s, None) for s in self._book.sheets if s is not target]
        for warm, max_row in plan:
            if warm is None:
                continue
            for r, c in sorted(k for k, v in warm.cells.items() if isinstance(v, str) and v[:1] == "="):
                if max_row is not None and r >= max_row:
                    break
                if self._engine.is_memoised(warm.name, r, c):
                    continue
                try:
                    self._engine.value(warm.name, r, c)
                except _BudgetExceeded:
                    return FormulaResult(None, self.exhausted or "formula evaluation budget used up")
                except (CircularReference, TooDeep, _TooDeep, RecursionError):
                    continue
            try:
                value = self._engine.value(sheet, row, col)
            except _BudgetExceeded:
                return FormulaResult(None, self.exhausted or "formula evaluation budget used up")
            except (CircularReference, TooDeep, _TooDeep, RecursionError):
                continue
            reason = self._engine.reason(sheet, row, col)
            if reason is not None:
                return FormulaResult(None, reason)
            return FormulaResult(str(value) if isinstance(value, XlError) else _plain(value))
        return FormulaResult(None, _TOO_DEEP)

    # -- public -----------------------------------------------------------------------------------------------------
    def value(self, sheet: str, coord: str) -> FormulaResult:
        """Return the value of the formula cell ``sheet!coord`` (cached value first, then the engines).

        Never raises for a formula problem: the reason is in :attr:`FormulaResult.error`.

        Args:
            sheet: Sheet name.
            coord: Cell coordinate such as ``'B7'``.

        Returns:
            A :class:`FormulaResult`.

        Example:
            >>> import openpyxl
            >>> wb = openpyxl.Workbook(); wb.active["A1"] = "=1/0"
            >>> FormulaEvaluator(wb).value("Sheet", "A1").value
            '#DIV/0!'
        """
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        key = (sheet, coord)
        hit = self._results.get(key)
        if hit is not None:
            return hit
        result: FormulaResult | None = None
        letters, row = coordinate_from_string(coord)
        col = column_index_from_string(letters)
        if self._cached is not None:
            if sheet in self._cached.sheetnames:
                cached_value = self._cached[sheet][coord].value
                if cached_value is not None:
                    result = FormulaResult(cached_value, cached=True)
        else:
            data = self._book.find(sheet)
            if data is not None and (row, col) in data.cached:
                result = FormulaResult(data.cached[(row, col)], cached=True)
        if result is None:
            if self.exhausted:
                result = FormulaResult(None, self.exhausted)
            elif self._book.find(sheet) is None:
                result = FormulaResult(None, f"refers to a missing sheet ({sheet!r})")
            else:
                start = time.perf_counter()
                self._deadline = start + max(0.0, self.time_budget_s - self._elapsed)
                try:
                    result = self._fast(sheet, row, col)
                except BaseException as exc:
                    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                        raise
                    result = FormulaResult(None, _reason(exc) if isinstance(exc, Exception) else "evaluation stopped")
                finally:
                    self._depth = 0
                    self._elapsed += time.perf_counter() - start
        self._results[key] = result
        return result

    @property
    def cells_evaluated(self) -> int:
        """Number of cell evaluations done by the engines so far."""
        return self._evaluated


def _plain(value: Any) -> Any:
    """Unwrap numpy scalars and 1x1 tuples into plain Python values."""
    while isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    return value


def evaluate_workbook(
    data: bytes,
    *,
    max_cells: int = DEFAULT_MAX_CELLS,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
) -> dict[str, dict[str, object]]:
    """Compute every cell of a workbook: sheet -> cell coordinate -> value.

    Constant cells keep their value; formula cells get their computed value (cached value from the file first, then
    the engines). A formula that cannot be evaluated (unsupported function, circular reference, budget exhausted,
    array formula) maps to None.

    Args:
        data: The xlsx bytes.
        max_cells: Maximum number of formula-cell evaluations.
        time_budget_s: Wall-clock budget for the evaluation.

    Returns:
        ``{sheet: {"A1": value, ...}, ...}`` for non-empty cells.

    Raises:
        OfficeFileError: The bytes are not a readable workbook.

    Example:
        >>> import io, openpyxl
        >>> wb = openpyxl.Workbook(); wb.active["A1"] = 5; wb.active["A2"] = "=A1+1"
        >>> buf = io.BytesIO(); wb.save(buf)
        >>> evaluate_workbook(buf.getvalue())
        {'Sheet': {'A1': 5, 'A2': 6}}
    """
    from openpyxl.utils import get_column_letter

    book = parse_xlsx(data)
    ev = FormulaEvaluator(
        None, book=book, loader=lambda: load_workbook_safely(data), max_cells=max_cells, time_budget_s=time_budget_s
    )
    out: dict[str, dict[str, object]] = {}
    for sheet in book.sheets:
        values: dict[str, object] = {}
        for (r, c), v in sorted(sheet.cells.items()):
            coord = f"{get_column_letter(c)}{r}"
            if isinstance(v, str) and v[:1] == "=" and type(v).__name__ != "_Literal":
                values[coord] = None if type(v).__name__ == "ArrayFormulaText" else ev.value(sheet.name, coord).value
            else:
                values[coord] = str(v) if isinstance(v, str) else v
        out[sheet.name] = values
    return out
