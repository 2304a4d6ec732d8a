"""A small, fast Excel formula evaluator for the formulas professional workbooks use.

Pipeline: a regex tokenizer -> a precedence-climbing parser that builds Python closures -> evaluation with memoised
cell values, cycle detection and a depth bound. A parsed formula is cached by its *relative shape* (its tokens with
cell references turned into R1C1-relative offsets), so a column of ``=D2*E2``, ``=D3*E3``, ... is parsed once.

Supported: ``+ - * / ^ &``, comparisons, unary minus, percent, cell and range references (also whole columns such as
``A:B``), cross-sheet references with quoted names, error literals, and the functions in :data:`SUPPORTED_FUNCTIONS`.
Excel error values (``#DIV/0!``, ``#REF!``, ``#N/A``, ``#VALUE!``, ``#NUM!``, ``#NAME?``) propagate as in Excel.

Anything else (defined names, array constants, array arithmetic over ranges, unknown functions, unusual TEXT
formats) raises :class:`Unsupported` for that one cell; the caller then evaluates that cell with another engine
(pycel in :mod:`._formulas`). Dependents of such a cell still use this engine.

Example:
    >>> book = {"Sheet": {(1, 1): 4, (1, 2): "=A1*2+SUM(A1:A1)"}}
    >>> engine = FormulaEngine(book)
    >>> engine.value("Sheet", 1, 2)
    12
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Any

__all__ = [
    "SUPPORTED_FUNCTIONS",
    "CircularReference",
    "FormulaEngine",
    "TooDeep",
    "Unsupported",
    "XlError",
    "excel_serial",
]


class XlError(str):
    """An Excel error value such as ``'#DIV/0!'`` (a str subclass, so it prints and compares like the code)."""

    __slots__ = ()


DIV0 = XlError("#DIV/0!")
VALUE = XlError("#VALUE!")
REF = XlError("#REF!")
NA = XlError("#N/A")
NUM = XlError("#NUM!")
NAME = XlError("#NAME?")
NULL = XlError("#NULL!")
_ERRORS = {e: e for e in (DIV0, VALUE, REF, NA, NUM, NAME, NULL)}


class Unsupported(Exception):
    """The formula uses something this engine does not evaluate; use another engine for this cell."""


class CircularReference(Exception):
    """The formula depends on itself."""


class TooDeep(Exception):
    """The dependency chain is deeper than the engine's recursion bound (evaluate the cells above first)."""


class _Raise(Exception):
    """Internal: an Excel error value raised from deep inside a function (caught where the function is called)."""

    def __init__(self, error: XlError) -> None:
        super().__init__(error)
        self.error = error


_EPOCH = dt.date(1899, 12, 30)
_EPOCH_DT = dt.datetime(1899, 12, 30)


def excel_serial(value: dt.date | dt.datetime | dt.time) -> float | int:
    """Excel serial number of a date, datetime or time (1900 date system).

    Example:
        >>> excel_serial(dt.date(2026, 1, 5)), excel_serial(dt.datetime(2026, 1, 5, 12))
        (46027, 46027.5)
    """
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - _EPOCH_DT
        serial = delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
        return int(serial) if serial == int(serial) else serial
    if isinstance(value, dt.date):
        return (value - _EPOCH).days
    return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400


def _from_serial(serial: float) -> dt.datetime:
    if not -1 < serial < 2958466:
        raise _Raise(NUM)
    return _EPOCH_DT + dt.timedelta(days=serial)


# ---------------------------------------------------------------------------------------------------------------------
# Tokenizer

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<err>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A))
    |(?P<ref>
        (?:(?P<sheet>'(?:[^']|'')+'|[^\W\d][\w.]*)!)?
        (?:
            (?P<c1>\$?[A-Za-z]{1,3})(?P<r1>\$?[0-9]+)(?::(?P<c2>\$?[A-Za-z]{1,3})(?P<r2>\$?[0-9]+))?
            |(?P<cc1>\$?[A-Za-z]{1,3}):(?P<cc2>\$?[A-Za-z]{1,3})
        )
        (?![\w(!.])
    )
    |(?P<func>[A-Za-z_][\w.]*(?=\())
    |(?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
    |(?P<bool>(?:TRUE|FALSE)(?![\w(.]))
    |(?P<op><>|<=|>=|[-+*/^&=<>%(),])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MAX_ROW = 1_048_576
_MAX_COL = 16_384


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _spec(text: str, anchor: int, is_col: bool) -> tuple[bool, int]:
    """('$A' or 'A') -> (absolute?, absolute index or offset from the anchor)."""
    absolute = text.startswith("$")
    raw = text.lstrip("$")
    index = _col_index(raw) if is_col else int(raw)
    if index < 1 or index > (_MAX_COL if is_col else _MAX_ROW):
        raise Unsupported("reference out of the sheet")
    return absolute, index if absolute else index - anchor


Token = tuple[str, Any]


def _tokenize(formula: str, row: int, col: int) -> list[Token]:
    """Tokens of ``formula`` (without '='); references become anchor-relative specs so equal shapes compare equal."""
    out: list[Token] = []
    pos = 0
    n = len(formula)
    match = _TOKEN_RE.match
    while pos < n:
        m = match(formula, pos)
        if m is None:
            raise Unsupported(f"cannot tokenize at {formula[pos : pos + 10]!r}")
        kind = m.lastgroup
        pos = m.end()
        if kind == "ws":
            continue
        if kind == "ref":
            sheet = m.group("sheet")
            if sheet is not None:
                sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
                sheet = sheet.lower()
            if m.group("c1") is not None:
                c1 = _spec(m.group("c1"), col, True)
                r1 = _spec(m.group("r1"), row, False)
                if m.group("c2") is not None:
                    r2 = _spec(m.group("r2"), row, False)
                    out.append(("range", (sheet, r1, c1, r2, _spec(m.group("c2"), col, True))))
                else:
                    out.append(("cell", (sheet, r1, c1)))
            else:
                c1 = _spec(m.group("cc1"), col, True)
                c2 = _spec(m.group("cc2"), col, True)
                out.append(("range", (sheet, (True, 1), c1, (True, _MAX_ROW), c2)))
        elif kind == "op":
            out.append(("op", m.group()))
        elif kind == "func":
            name = m.group().upper()
            for prefix in ("_XLFN.", "_XLWS."):
                if name.startswith(prefix):
                    name = name[len(prefix) :]
            out.append(("func", name))
        elif kind == "num":
            text = m.group()
            out.append(("lit", float(text) if any(ch in text for ch in ".eE") else int(text)))
        elif kind == "str":
            out.append(("lit", m.group()[1:-1].replace('""', '"')))
        elif kind == "bool":
            out.append(("lit", m.group().upper() == "TRUE"))
        else:  # err
            out.append(("lit", _ERRORS[XlError(m.group().upper())]))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Values and coercion


class Rng:
    """A rectangular range of one sheet, bound to an engine; values are evaluated on demand."""

    __slots__ = ("c1", "c2", "engine", "r1", "r2", "sheet")

    def __init__(self, engine: FormulaEngine, sheet: int, r1: int, c1: int, r2: int, c2: int) -> None:
        self.engine, self.sheet = engine, sheet
        self.r1, self.c1, self.r2, self.c2 = r1, c1, r2, c2

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the range as written."""
        return self.r2 - self.r1 + 1, self.c2 - self.c1 + 1

    def rows(self) -> list[list[Any]]:
        """Values row by row, clipped to the sheet's used area (so whole-column ranges stay cheap)."""
        eng = self.engine
        max_row, max_col = eng.used(self.sheet)
        r2, c2 = min(self.r2, max(max_row, self.r1)), min(self.c2, max(max_col, self.c1))
        get = eng.cell
        s = self.sheet
        return [[get(s, r, c) for c in range(self.c1, c2 + 1)] for r in range(self.r1, r2 + 1)]

    def full_rows(self) -> list[list[Any]]:
        """Values row by row over the exact shape (padding with None beyond the used area)."""
        rows = self.rows()
        width = self.c2 - self.c1 + 1
        height = self.r2 - self.r1 + 1
        if height > 100_000:
            raise Unsupported("range too large for a shape-sensitive function")
        padded = [row + [None] * (width - len(row)) for row in rows]
        padded += [[None] * width for _ in range(height - len(padded))]
        return padded

    def flat(self) -> Iterator[Any]:
        """Every value, row-major."""
        for row in self.rows():
            yield from row


def _num(v: Any) -> float | int:
    """Coerce a scalar for arithmetic (Excel rules): None -> 0, bool -> 0/1, numeric text -> number."""
    t = type(v)
    if t is int or t is float:
        return v  # type: ignore[no-any-return]
    if v is None:
        return 0
    if t is bool:
        return int(v)
    if isinstance(v, XlError):
        raise _Raise(v)
    if isinstance(v, str):
        text = v.strip()
        try:
            return int(text) if text.lstrip("+-").isdigit() else float(text.replace(",", ""))
        except ValueError:
            pass
        if text.endswith("%"):
            try:
                return float(text[:-1]) / 100
            except ValueError:
                pass
        parsed = _parse_date_text(text)
        if parsed is not None:
            return parsed
        raise _Raise(VALUE)
    if isinstance(v, Rng):
        return _num(_single(v))
    raise _Raise(VALUE)


def _parse_date_text(text: str) -> int | float | None:
    try:
        return excel_serial(dt.datetime.fromisoformat(text)) if len(text) >= 10 and text[4] == "-" else None
    except ValueError:
        return None


def _text(v: Any) -> str:
    """Coerce a scalar to text like Excel's General format."""
    if isinstance(v, str):
        if isinstance(v, XlError):
            raise _Raise(v)
        return v
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.15g}".replace("e+", "E+").replace("e-", "E-")
    if isinstance(v, Rng):
        return _text(_single(v))
    raise _Raise(VALUE)


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if v is None:
        return False
    if isinstance(v, XlError):
        raise _Raise(v)
    if isinstance(v, str):
        up = v.strip().upper()
        if up in ("TRUE", "FALSE"):
            return up == "TRUE"
        raise _Raise(VALUE)
    if isinstance(v, Rng):
        return _bool(_single(v))
    raise _Raise(VALUE)


def _single(v: Any) -> Any:
    """A range used where one value is expected: a 1x1 range gives its value; anything larger is array logic."""
    if isinstance(v, Rng):
        if v.r1 == v.r2 and v.c1 == v.c2:
            return v.engine.cell(v.sheet, v.r1, v.c1)
        raise Unsupported("range used as a single value (array formula or implicit intersection)")
    return v


def _finite(x: float | int) -> float | int:
    if isinstance(x, float) and (math.isinf(x) or math.isnan(x)):
        raise _Raise(NUM)
    return x


def _rank(v: Any) -> int:
    if isinstance(v, bool):
        return 2
    if isinstance(v, str):
        return 1
    return 0


def _compare(a: Any, b: Any) -> int:
    """Excel ordering: numbers < text < booleans; text case-insensitive; blank equals 0, '' or FALSE."""
    if a is None:
        a = "" if isinstance(b, str) else False if isinstance(b, bool) else 0
    if b is None:
        b = "" if isinstance(a, str) else False if isinstance(a, bool) else 0
    ra, rb = _rank(a), _rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == 1:
        a, b = a.lower(), b.lower()
    return -1 if a < b else (1 if a > b else 0)


# ---------------------------------------------------------------------------------------------------------------------
# Parser: tokens -> closure f(engine, sheet, row, col)

Fn = Callable[["FormulaEngine", int, int, int], Any]
_CMP: dict[str, Callable[[int], bool]] = {
    "=": lambda k: k == 0,
    "<>": lambda k: k != 0,
    "<": lambda k: k < 0,
    ">": lambda k: k > 0,
    "<=": lambda k: k <= 0,
    ">=": lambda k: k >= 0,
}


def _arith(op: str, a: Any, b: Any) -> Any:
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    try:
        x, y = _num(_single(a)), _num(_single(b))
        if op == "+":
            return _finite(x + y)
        if op == "-":
            return _finite(x - y)
        if op == "*":
            return _finite(x * y)
        if op == "/":
            if y == 0:
                return DIV0
            return _finite(x / y)
        # "^"
        if x == 0 and y < 0:
            return DIV0
        if x < 0 and not float(y).is_integer():
            return NUM
        try:
            result = x**y
        except OverflowError:
            return NUM
        if isinstance(result, complex):
            return NUM
        return _finite(result)
    except _Raise as exc:
        return exc.error


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise Unsupported("unexpected end of formula")
        self.i += 1
        return tok

    def is_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "op" and tok[1] in ops

    def parse(self) -> Fn:
        fn = self.comparison()
        if self.peek() is not None:
            raise Unsupported(f"unexpected {self.peek()!r}")
        return fn

    def comparison(self) -> Fn:
        left = self.concat()
        while self.is_op("=", "<>", "<", ">", "<=", ">="):
            test = _CMP[self.take()[1]]
            left = self._cmp(left, self.concat(), test)
        return left

    @staticmethod
    def _cmp(left: Fn, right: Fn, test: Callable[[int], bool]) -> Fn:
        def fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
            a, b = _single(left(e, s, r, c)), _single(right(e, s, r, c))
            if isinstance(a, XlError):
                return a
            if isinstance(b, XlError):
                return b
            return test(_compare(a, b))

        return fn

    def concat(self) -> Fn:
        left = self.additive()
        while self.is_op("&"):
            self.take()
            left = self._concat(left, self.additive())
        return left

    @staticmethod
    def _concat(left: Fn, right: Fn) -> Fn:
        def fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
            try:
                return _text(_single(left(e, s, r, c))) + _text(_single(right(e, s, r, c)))
            except _Raise as exc:
                return exc.error

        return fn

    def additive(self) -> Fn:
        left = self.multiplicative()
        while self.is_op("+", "-"):
            left = self._binary(self.take()[1], left, self.multiplicative())
        return left

    def multiplicative(self) -> Fn:
        left = self.power()
        while self.is_op("*", "/"):
            left = self._binary(self.take()[1], left, self.power())
        return left

    def power(self) -> Fn:
        left = self.percent()
        while self.is_op("^"):
            self.take()
            left = self._binary("^", left, self.percent())
        return left

    @staticmethod
    def _binary(op: str, left: Fn, right: Fn) -> Fn:
        if op == "*":  # the hot path of line totals: inline the common numeric case

            def mul(e: FormulaEngine, s: int, r: int, c: int) -> Any:
                a, b = left(e, s, r, c), right(e, s, r, c)
                if type(a) in (int, float) and type(b) in (int, float):
                    return _finite(a * b)
                return _arith("*", a, b)

            return mul
        if op == "+":

            def add(e: FormulaEngine, s: int, r: int, c: int) -> Any:
                a, b = left(e, s, r, c), right(e, s, r, c)
                if type(a) in (int, float) and type(b) in (int, float):
                    return _finite(a + b)
                return _arith("+", a, b)

            return add

        def fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
            return _arith(op, left(e, s, r, c), right(e, s, r, c))

        return fn

    def percent(self) -> Fn:
        inner = self.unary()
        while self.is_op("%"):
            self.take()
            inner = self._binary("/", inner, lambda e, s, r, c: 100)
        return inner

    def unary(self) -> Fn:
        if self.is_op("-"):
            self.take()
            inner = self.unary()
            return self._binary("-", lambda e, s, r, c: 0, inner)
        if self.is_op("+"):
            self.take()
            return self.unary()
        return self.primary()

    def primary(self) -> Fn:
        kind, val = self.take()
        if kind == "lit":
            return lambda e, s, r, c: val
        if kind == "cell":
            return _cell_fn(val)
        if kind == "range":
            return _range_fn(val)
        if kind == "func":
            return self.call(val)
        if kind == "op" and val == "(":
            inner = self.comparison()
            if not self.is_op(")"):
                raise Unsupported("missing ')'")
            self.take()
            return inner
        raise Unsupported(f"unexpected {val!r}")

    def call(self, name: str) -> Fn:
        spec = _FUNCTIONS.get(name)
        if spec is None:
            raise Unsupported(f"function {name} is not supported by the fast engine")
        self.take()  # "("
        args: list[Fn | None] = []
        if self.is_op(")"):
            self.take()
        else:
            while True:
                if self.is_op(",", ")"):
                    args.append(None)  # omitted argument
                else:
                    args.append(self.comparison())
                tok = self.take()
                if tok == ("op", ")"):
                    break
                if tok != ("op", ","):
                    raise Unsupported(f"unexpected {tok[1]!r} in arguments of {name}")
        impl, lazy, lo, hi = spec
        if not lo <= len(args) <= hi:
            raise Unsupported(f"{name} takes {lo}-{hi} arguments")
        if lazy:
            lazy_args = tuple(args)

            def lazy_fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
                try:
                    return impl(e, s, r, c, *lazy_args)
                except _Raise as exc:
                    return exc.error

            return lazy_fn
        eager = tuple(args)

        def fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
            values = [None if a is None else a(e, s, r, c) for a in eager]
            try:
                return impl(*values)
            except _Raise as exc:
                return exc.error
            except (OverflowError, ZeroDivisionError, ValueError):
                return NUM

        return fn


def _resolve(e: FormulaEngine, s: int, sheet: str | None) -> int:
    if sheet is None:
        return s
    index = e.sheet_index(sheet)
    if index is None:
        raise _Raise(REF)
    return index


def _cell_fn(ref: tuple[Any, ...]) -> Fn:
    sheet, (rabs, rv), (cabs, cv) = ref
    if sheet is None and not rabs and not cabs:

        def rel(e: FormulaEngine, s: int, r: int, c: int) -> Any:
            return e.cell(s, r + rv, c + cv)

        return rel

    def fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
        try:
            target = _resolve(e, s, sheet)
        except _Raise as exc:
            return exc.error
        row, col = rv if rabs else r + rv, cv if cabs else c + cv
        if not (1 <= row <= _MAX_ROW and 1 <= col <= _MAX_COL):
            return REF
        return e.cell(target, row, col)

    return fn


def _range_fn(ref: tuple[Any, ...]) -> Fn:
    sheet, (ra1, r1), (ca1, c1), (ra2, r2), (ca2, c2) = ref

    def fn(e: FormulaEngine, s: int, r: int, c: int) -> Any:
        try:
            target = _resolve(e, s, sheet)
        except _Raise as exc:
            return exc.error
        rows = sorted((r1 if ra1 else r + r1, r2 if ra2 else r + r2))
        cols = sorted((c1 if ca1 else c + c1, c2 if ca2 else c + c2))
        if rows[0] < 1 or cols[0] < 1 or rows[1] > _MAX_ROW or cols[1] > _MAX_COL:
            return REF
        return Rng(e, target, rows[0], cols[0], rows[1], cols[1])

    return fn


# ---------------------------------------------------------------------------------------------------------------------
# Functions


def _numbers(args: Sequence[Any], *, strict_text: bool = True) -> list[float | int]:
    """Numbers of aggregate arguments: ranges contribute numbers only; direct arguments are coerced."""
    out: list[float | int] = []
    for a in args:
        if isinstance(a, Rng):
            for v in a.flat():
                t = type(v)
                if t is int or t is float:
                    out.append(v)
                elif isinstance(v, XlError):
                    raise _Raise(v)
        elif isinstance(a, XlError):
            raise _Raise(a)
        elif a is None:
            out.append(0)
        elif isinstance(a, str) and not strict_text:
            continue
        else:
            out.append(_num(a))
    return out


def _sum(*args: Any) -> Any:
    return _total(_numbers(args))


def _average(*args: Any) -> Any:
    nums = _numbers(args)
    if not nums:
        return DIV0
    return _finite(math.fsum(nums) / len(nums))


def _min(*args: Any) -> Any:
    nums = _numbers(args)
    return min(nums) if nums else 0


def _max(*args: Any) -> Any:
    nums = _numbers(args)
    return max(nums) if nums else 0


def _count(*args: Any) -> int:
    n = 0
    for a in args:
        if isinstance(a, Rng):
            n += sum(1 for v in a.flat() if type(v) in (int, float))
        elif (isinstance(a, (int, float)) and not isinstance(a, bool)) or isinstance(a, bool):
            n += 1
        elif isinstance(a, str) and not isinstance(a, XlError):
            try:
                _num(a)
                n += 1
            except _Raise:
                pass
    return n


def _counta(*args: Any) -> int:
    n = 0
    for a in args:
        if isinstance(a, Rng):
            n += sum(1 for v in a.flat() if v is not None)
        elif a is not None:
            n += 1
    return n


_WILD_CACHE: dict[str, re.Pattern[str]] = {}


def _wild(pattern: str) -> re.Pattern[str]:
    hit = _WILD_CACHE.get(pattern)
    if hit is None:
        out = []
        i = 0
        while i < len(pattern):
            ch = pattern[i]
            if ch == "~" and i + 1 < len(pattern):
                out.append(re.escape(pattern[i + 1]))
                i += 2
                continue
            out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
            i += 1
        hit = re.compile("".join(out), re.IGNORECASE | re.DOTALL)
        if len(_WILD_CACHE) < 2000:
            _WILD_CACHE[pattern] = hit
    return hit


def _criterion(crit: Any) -> Callable[[Any], bool]:
    """Excel criteria of COUNTIF/SUMIF: 12, '>100', '<>Done', 'North', 'N*', '' (blank)."""
    crit = _single(crit)
    if isinstance(crit, XlError):
        raise _Raise(crit)
    if crit is None:
        crit = 0
    if isinstance(crit, bool):
        return lambda v: isinstance(v, bool) and v == crit
    if isinstance(crit, (int, float)):
        return lambda v: type(v) in (int, float) and v == crit
    text = str(crit)
    op = "="
    for candidate in ("<=", ">=", "<>", "<", ">", "="):
        if text.startswith(candidate):
            op, text = candidate, text[len(candidate) :]
            break
    number: float | int | None
    try:
        number = _num(text) if text.strip() else None
    except _Raise:
        number = None
    if text.upper() in ("TRUE", "FALSE"):
        flag = text.upper() == "TRUE"
        return (
            (lambda v: isinstance(v, bool) and v == flag)
            if op == "="
            else (lambda v: not (isinstance(v, bool) and v == flag))
            if op == "<>"
            else (lambda v: False)
        )
    if op in ("=", "<>"):
        if number is not None:

            def eq_num(v: Any) -> bool:
                if type(v) in (int, float):
                    return bool(v == number)
                if isinstance(v, str) and not isinstance(v, XlError):
                    try:
                        return _num(v) == number
                    except _Raise:
                        return False
                return False

            return eq_num if op == "=" else (lambda v: not eq_num(v))
        if text == "":
            return (lambda v: v is None or v == "") if op == "=" else (lambda v: v is not None and v != "")
        rx = _wild(text)

        def eq_text(v: Any) -> bool:
            return isinstance(v, str) and not isinstance(v, XlError) and rx.fullmatch(v) is not None

        return eq_text if op == "=" else (lambda v: not eq_text(v))
    test = _CMP[op]
    if number is not None:
        return lambda v: type(v) in (int, float) and test(_compare(v, number))
    return lambda v: isinstance(v, str) and not isinstance(v, XlError) and test(_compare(v, text))


def _grid(a: Any) -> list[list[Any]]:
    if isinstance(a, Rng):
        return a.full_rows()
    return [[_single(a)]]


def _ifs_mask(pairs: Sequence[Any]) -> tuple[list[list[bool]], tuple[int, int]]:
    if len(pairs) % 2:
        raise _Raise(VALUE)
    shape: tuple[int, int] | None = None
    mask: list[list[bool]] | None = None
    for k in range(0, len(pairs), 2):
        rng, crit = pairs[k], pairs[k + 1]
        if not isinstance(rng, Rng):
            raise _Raise(VALUE)
        if shape is None:
            shape = rng.shape
        elif rng.shape != shape:
            raise _Raise(VALUE)
        pred = _criterion(crit)
        rows = rng.full_rows()
        here = [[pred(v) for v in row] for row in rows]
        if mask is None:
            mask = here
        else:
            mask = [[a and b for a, b in zip(m, h, strict=True)] for m, h in zip(mask, here, strict=True)]
    assert mask is not None and shape is not None
    return mask, shape


def _masked_numbers(values: Any, mask: list[list[bool]], shape: tuple[int, int]) -> list[float | int]:
    if not isinstance(values, Rng):
        raise _Raise(VALUE)
    # Excel resizes the sum range to the criteria range's shape, anchored at its top-left cell.
    rng = Rng(values.engine, values.sheet, values.r1, values.c1, values.r1 + shape[0] - 1, values.c1 + shape[1] - 1)
    out: list[float | int] = []
    for row, mrow in zip(rng.full_rows(), mask, strict=True):
        for v, ok in zip(row, mrow, strict=True):
            if ok:
                if isinstance(v, XlError):
                    raise _Raise(v)
                if type(v) in (int, float):
                    out.append(v)
    return out


def _countif(rng: Any, crit: Any) -> Any:
    mask, _ = _ifs_mask([rng, crit])
    return sum(sum(row) for row in mask)


def _countifs(*pairs: Any) -> Any:
    mask, _ = _ifs_mask(pairs)
    return sum(sum(row) for row in mask)


def _sumif(rng: Any, crit: Any, sum_range: Any = None) -> Any:
    mask, shape = _ifs_mask([rng, crit])
    return _total(_masked_numbers(rng if sum_range is None else sum_range, mask, shape))


def _sumifs(sum_range: Any, *pairs: Any) -> Any:
    mask, shape = _ifs_mask(pairs)
    if isinstance(sum_range, Rng) and sum_range.shape != shape:
        raise _Raise(VALUE)
    return _total(_masked_numbers(sum_range, mask, shape))


def _averageif(rng: Any, crit: Any, avg_range: Any = None) -> Any:
    mask, shape = _ifs_mask([rng, crit])
    nums = _masked_numbers(rng if avg_range is None else avg_range, mask, shape)
    return _finite(math.fsum(nums) / len(nums)) if nums else DIV0


def _averageifs(avg_range: Any, *pairs: Any) -> Any:
    mask, shape = _ifs_mask(pairs)
    nums = _masked_numbers(avg_range, mask, shape)
    return _finite(math.fsum(nums) / len(nums)) if nums else DIV0


def _total(nums: list[float | int]) -> float | int:
    return _finite(math.fsum(nums)) if any(isinstance(x, float) for x in nums) else sum(nums)


def _if(e: FormulaEngine, s: int, r: int, c: int, cond: Fn | None, yes: Fn | None = None, no: Fn | None = None) -> Any:
    test = _single(cond(e, s, r, c)) if cond is not None else False
    if isinstance(test, XlError):
        return test
    if _bool(test):
        return _branch(e, s, r, c, yes)
    return _branch(e, s, r, c, no, False)


def _branch(e: FormulaEngine, s: int, r: int, c: int, fn: Fn | None, default: Any = 0) -> Any:
    if fn is None:
        return default
    return _single(fn(e, s, r, c))


def _iferror(e: FormulaEngine, s: int, r: int, c: int, value: Fn | None, alt: Fn | None) -> Any:
    v = _single(value(e, s, r, c)) if value is not None else 0
    if isinstance(v, XlError):
        return _branch(e, s, r, c, alt)
    return v


def _ifna(e: FormulaEngine, s: int, r: int, c: int, value: Fn | None, alt: Fn | None) -> Any:
    v = _single(value(e, s, r, c)) if value is not None else 0
    return _branch(e, s, r, c, alt) if v == NA and isinstance(v, XlError) else v


def _logicals(args: Sequence[Any]) -> list[bool]:
    out: list[bool] = []
    for a in args:
        if isinstance(a, Rng):
            for v in a.flat():
                if isinstance(v, XlError):
                    raise _Raise(v)
                if isinstance(v, (bool, int, float)):
                    out.append(bool(v))
        elif a is None:
            out.append(False)
        else:
            out.append(_bool(a))
    if not out:
        raise _Raise(VALUE)
    return out


def _and(*args: Any) -> bool:
    return all(_logicals(args))


def _or(*args: Any) -> bool:
    return any(_logicals(args))


def _not(v: Any) -> bool:
    return not _bool(_single(v))


def _decimal_round(x: Any, digits: Any, mode: str) -> float:
    value = _num(_single(x))
    n = int(_num(_single(digits))) if digits is not None else 0
    if not math.isfinite(value):
        raise _Raise(NUM)
    try:
        q = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-n), rounding=mode)
    except InvalidOperation as exc:  # precision overflow for huge values with many digits
        if abs(value) >= 1e15:
            return float(value)
        raise _Raise(NUM) from exc
    return float(q)


def _round(x: Any, digits: Any = None) -> float:
    return _decimal_round(x, digits, ROUND_HALF_UP)


def _roundup(x: Any, digits: Any = None) -> float:
    return _decimal_round(x, digits, ROUND_UP)


def _rounddown(x: Any, digits: Any = None) -> float:
    return _decimal_round(x, digits, ROUND_DOWN)


def _abs(x: Any) -> Any:
    return abs(_num(_single(x)))


def _int(x: Any) -> int:
    return math.floor(_num(_single(x)))


def _mod(n: Any, d: Any) -> Any:
    a, b = _num(_single(n)), _num(_single(d))
    if b == 0:
        return DIV0
    return _finite(a - b * math.floor(a / b)) if isinstance(a, float) or isinstance(b, float) else a % b


def _match_value(x: Any, v: Any) -> bool:
    if isinstance(x, str) and isinstance(v, str):
        if any(ch in x for ch in "*?~"):
            return _wild(x).fullmatch(v) is not None
        return x.lower() == v.lower()
    if isinstance(x, bool) or isinstance(v, bool):
        return isinstance(x, bool) and isinstance(v, bool) and x == v
    if isinstance(x, (int, float)) and isinstance(v, (int, float)):
        return bool(x == v)
    return False


def _lookup_index(x: Any, values: list[Any], mode: int) -> int | None:
    """0-based position of ``x`` in ``values``: mode 0 exact, 1 largest <= x (ascending), -1 smallest >= x."""
    if isinstance(x, XlError):
        raise _Raise(x)
    if x is None:
        x = 0
    if mode == 0:
        for i, v in enumerate(values):
            if _match_value(x, v):
                return i
        return None
    best: int | None = None
    for i, v in enumerate(values):
        if v is None or isinstance(v, XlError) or _rank(v) != _rank(x):
            continue
        k = _compare(v, x)
        if mode > 0:
            if k <= 0:
                best = i
            else:
                break
        else:
            if k >= 0:
                best = i
            else:
                break
    return best


def _vlookup(x: Any, table: Any, col: Any, approx: Any = True) -> Any:
    return _xlookup_table(x, table, col, approx, vertical=True)


def _hlookup(x: Any, table: Any, row: Any, approx: Any = True) -> Any:
    return _xlookup_table(x, table, row, approx, vertical=False)


def _xlookup_table(x: Any, table: Any, index: Any, approx: Any, *, vertical: bool) -> Any:
    if not isinstance(table, Rng):
        raise _Raise(VALUE if not isinstance(table, XlError) else table)
    x = _single(x)
    k = int(_num(_single(index)))
    exact = not _bool(_single(approx)) if approx is not None else False
    rows = table.rows()
    if vertical:
        width = table.c2 - table.c1 + 1
        if k < 1:
            return VALUE
        if k > width:
            return REF
        keys = [row[0] if row else None for row in rows]
    else:
        height = table.r2 - table.r1 + 1
        if k < 1:
            return VALUE
        if k > height:
            return REF
        keys = rows[0] if rows else []
    pos = _lookup_index(x, keys, 0 if exact else 1)
    if pos is None:
        return NA
    if vertical:
        return table.engine.cell(table.sheet, table.r1 + pos, table.c1 + k - 1)
    return table.engine.cell(table.sheet, table.r1 + k - 1, table.c1 + pos)


def _index(arr: Any, row: Any = None, col: Any = None) -> Any:
    if not isinstance(arr, Rng):
        if isinstance(arr, XlError):
            return arr
        return arr if _num(_single(row) if row is not None else 1) in (0, 1) else REF
    height, width = arr.shape
    r = int(_num(_single(row))) if row is not None else 0
    c = int(_num(_single(col))) if col is not None else 0
    if col is None and height == 1 and width > 1:
        r, c = 1, r
    if r < 0 or c < 0:
        return VALUE
    if r == 0 and height == 1:
        r = 1
    if c == 0 and width == 1:
        c = 1
    if r == 0 or c == 0:
        raise Unsupported("INDEX returning a whole row or column")
    if r > height or c > width:
        return REF
    return arr.engine.cell(arr.sheet, arr.r1 + r - 1, arr.c1 + c - 1)


def _match(x: Any, arr: Any, mode: Any = 1) -> Any:
    if not isinstance(arr, Rng):
        raise _Raise(NA if not isinstance(arr, XlError) else arr)
    height, width = arr.shape
    if height > 1 and width > 1:
        return NA
    values = [v for row in arr.rows() for v in row]
    m = int(_num(_single(mode))) if mode is not None else 1
    pos = _lookup_index(_single(x), values, 0 if m == 0 else (1 if m > 0 else -1))
    return NA if pos is None else pos + 1


def _sumproduct(*arrays: Any) -> Any:
    grids = [_grid(a) for a in arrays]
    shape = (len(grids[0]), len(grids[0][0]) if grids[0] else 0)
    for g in grids:
        if (len(g), len(g[0]) if g else 0) != shape:
            return VALUE
    total: list[float | int] = []
    for i in range(shape[0]):
        for j in range(shape[1]):
            prod: float | int = 1
            for g in grids:
                v = g[i][j]
                if isinstance(v, XlError):
                    raise _Raise(v)
                prod *= v if type(v) in (int, float) else 0
            total.append(prod)
    return _total(total)


def _date(y: Any, m: Any, d: Any) -> int:
    year, month, day = int(_num(_single(y))), int(_num(_single(m))), int(_num(_single(d)))
    if 0 <= year < 1900:
        year += 1900
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if not 1900 <= year <= 9999:
        raise _Raise(NUM)
    serial = (dt.date(year, month, 1) - _EPOCH).days + day - 1
    if serial < 0:
        raise _Raise(NUM)
    return serial


def _date_of(v: Any) -> dt.datetime:
    return _from_serial(_num(_single(v)))


def _year(v: Any) -> int:
    return _date_of(v).year


def _month(v: Any) -> int:
    return _date_of(v).month


def _day(v: Any) -> int:
    return _date_of(v).day


def _eomonth(start: Any, months: Any) -> int:
    d = _date_of(start)
    total = d.year * 12 + d.month - 1 + int(_num(_single(months)))
    year, month = divmod(total, 12)
    month += 1
    if not 1900 <= year <= 9999:
        raise _Raise(NUM)
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (first_next - _EPOCH).days - 1


def _left(text: Any, n: Any = None) -> str:
    k = int(_num(_single(n))) if n is not None else 1
    if k < 0:
        raise _Raise(VALUE)
    return _text(_single(text))[:k]


def _right(text: Any, n: Any = None) -> str:
    k = int(_num(_single(n))) if n is not None else 1
    if k < 0:
        raise _Raise(VALUE)
    s = _text(_single(text))
    return s[len(s) - k :] if k else ""


def _mid(text: Any, start: Any, n: Any) -> str:
    a, k = int(_num(_single(start))), int(_num(_single(n)))
    if a < 1 or k < 0:
        raise _Raise(VALUE)
    return _text(_single(text))[a - 1 : a - 1 + k]


def _len(text: Any) -> int:
    return len(_text(_single(text)))


def _upper(text: Any) -> str:
    return _text(_single(text)).upper()


def _lower(text: Any) -> str:
    return _text(_single(text)).lower()


def _trim(text: Any) -> str:
    return re.sub(" +", " ", _text(_single(text))).strip(" ")


def _concatenate(*args: Any) -> str:
    return "".join(_text(_single(a)) for a in args)


def _concat(*args: Any) -> str:
    out: list[str] = []
    for a in args:
        if isinstance(a, Rng):
            out.extend(_text(v) for v in a.flat())
        else:
            out.append(_text(a))
    return "".join(out)


_DATE_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM", re.IGNORECASE)
_NUM_FORMAT = re.compile(r"^(?P<pre>[^#0,.%]*)(?P<body>[#0,]*(?:\.[0#]+)?)(?P<pct>%?)(?P<post>[^#0,.%]*)$")


def _format_date(serial: float, fmt: str) -> str:
    d = _from_serial(serial)
    tokens = list(_DATE_TOKENS.finditer(fmt))
    out = []
    pos = 0
    for i, m in enumerate(tokens):
        out.append(fmt[pos : m.start()].replace('"', "").replace("\\", ""))
        tok = m.group().lower()
        prev = tokens[i - 1].group().lower() if i else ""
        nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        minute = tok in ("m", "mm") and (prev.startswith("h") or nxt.startswith("s"))
        out.append(
            {
                "yyyy": f"{d.year:04d}",
                "yy": f"{d.year % 100:02d}",
                "mmmm": d.strftime("%B"),
                "mmm": d.strftime("%b"),
                "mm": f"{d.minute:02d}" if minute else f"{d.month:02d}",
                "m": str(d.minute if minute else d.month),
                "dddd": d.strftime("%A"),
                "ddd": d.strftime("%a"),
                "dd": f"{d.day:02d}",
                "d": str(d.day),
                "hh": f"{d.hour:02d}",
                "h": str(d.hour),
                "ss": f"{d.second:02d}",
                "s": str(d.second),
                "am/pm": "AM" if d.hour < 12 else "PM",
            }[tok]
        )
        pos = m.end()
    out.append(fmt[pos:].replace('"', "").replace("\\", ""))
    return "".join(out)


def _text_fn(value: Any, fmt: Any) -> str:
    v = _single(value)
    pattern = _text(_single(fmt))
    if isinstance(v, XlError):
        raise _Raise(v)
    if isinstance(v, str):
        try:
            v = _num(v)
        except _Raise:
            return str(v)
    if v is None:
        v = 0
    if isinstance(v, bool):
        return _text(v)
    if pattern.upper() == "GENERAL" or pattern == "":
        return _text(v)
    if _DATE_TOKENS.search(pattern.replace('"', "")) and not re.search(r"[#0]", pattern):
        return _format_date(float(v), pattern)
    m = _NUM_FORMAT.match(pattern.replace('"', "").replace("\\", ""))
    if not m or ";" in pattern:
        raise Unsupported(f"TEXT format {pattern!r}")
    body = m.group("body")
    x = float(v) * (100 if m.group("pct") else 1)
    decimals = len(body.split(".")[1]) if "." in body else 0
    grouping = "," in body.split(".")[0]
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(q):,.{decimals}f}" if grouping else f"{abs(q):.{decimals}f}"
    int_part = body.split(".")[0].replace(",", "")
    if int_part and not int_part.count("0") and text.startswith("0") and abs(q) < 1:
        text = text[1:]  # '#.00' shows .5
    sign = "-" if q < 0 else ""
    return f"{sign}{m.group('pre')}{text}{m.group('pct')}{m.group('post')}"


def _iserror(v: Any) -> bool:
    return isinstance(_single(v), XlError)


def _isblank(v: Any) -> bool:
    return _single(v) is None


def _isnumber(v: Any) -> bool:
    x = _single(v)
    return type(x) in (int, float)


def _istext(v: Any) -> bool:
    x = _single(v)
    return isinstance(x, str) and not isinstance(x, XlError)


def _value(v: Any) -> Any:
    return _num(_text(_single(v))) if not isinstance(_single(v), (int, float)) else _single(v)


def _na() -> XlError:
    return NA


_MANY = 255
_FUNCTIONS: dict[str, tuple[Callable[..., Any], bool, int, int]] = {
    "SUM": (_sum, False, 1, _MANY),
    "AVERAGE": (_average, False, 1, _MANY),
    "MIN": (_min, False, 1, _MANY),
    "MAX": (_max, False, 1, _MANY),
    "COUNT": (_count, False, 1, _MANY),
    "COUNTA": (_counta, False, 1, _MANY),
    "COUNTIF": (_countif, False, 2, 2),
    "COUNTIFS": (_countifs, False, 2, _MANY),
    "SUMIF": (_sumif, False, 2, 3),
    "SUMIFS": (_sumifs, False, 3, _MANY),
    "AVERAGEIF": (_averageif, False, 2, 3),
    "AVERAGEIFS": (_averageifs, False, 3, _MANY),
    "IF": (_if, True, 1, 3),
    "IFERROR": (_iferror, True, 2, 2),
    "IFNA": (_ifna, True, 2, 2),
    "AND": (_and, False, 1, _MANY),
    "OR": (_or, False, 1, _MANY),
    "NOT": (_not, False, 1, 1),
    "ROUND": (_round, False, 1, 2),
    "ROUNDUP": (_roundup, False, 1, 2),
    "ROUNDDOWN": (_rounddown, False, 1, 2),
    "ABS": (_abs, False, 1, 1),
    "INT": (_int, False, 1, 1),
    "MOD": (_mod, False, 2, 2),
    "VLOOKUP": (_vlookup, False, 3, 4),
    "HLOOKUP": (_hlookup, False, 3, 4),
    "INDEX": (_index, False, 1, 3),
    "MATCH": (_match, False, 2, 3),
    "SUMPRODUCT": (_sumproduct, False, 1, _MANY),
    "DATE": (_date, False, 3, 3),
    "YEAR": (_year, False, 1, 1),
    "MONTH": (_month, False, 1, 1),
    "DAY": (_day, False, 1, 1),
    "EOMONTH": (_eomonth, False, 2, 2),
    "LEFT": (_left, False, 1, 2),
    "RIGHT": (_right, False, 1, 2),
    "MID": (_mid, False, 3, 3),
    "LEN": (_len, False, 1, 1),
    "UPPER": (_upper, False, 1, 1),
    "LOWER": (_lower, False, 1, 1),
    "TRIM": (_trim, False, 1, 1),
    "CONCATENATE": (_concatenate, False, 1, _MANY),
    "CONCAT": (_concat, False, 1, _MANY),
    "TEXT": (_text_fn, False, 2, 2),
    "ISERROR": (_iserror, False, 1, 1),
    "ISBLANK": (_isblank, False, 1, 1),
    "ISNUMBER": (_isnumber, False, 1, 1),
    "ISTEXT": (_istext, False, 1, 1),
    "VALUE": (_value, False, 1, 1),
    "NA": (_na, False, 0, 0),
}
SUPPORTED_FUNCTIONS: frozenset[str] = frozenset(_FUNCTIONS)
"""Names of the functions the fast engine evaluates itself (``_xlfn.`` prefixes are ignored)."""

# Functions whose scalar arguments must not be errors-as-values (errors propagate before the call).
_PROPAGATE_ARG_ERRORS = SUPPORTED_FUNCTIONS - {
    "IF",
    "IFERROR",
    "IFNA",
    "ISERROR",
    "ISBLANK",
    "ISNUMBER",
    "ISTEXT",
    "COUNT",
    "COUNTA",
}


def _wrap_error_propagation() -> None:
    for name in _PROPAGATE_ARG_ERRORS:
        impl, lazy, lo, hi = _FUNCTIONS[name]
        if lazy:
            continue

        def checked(*args: Any, _impl: Callable[..., Any] = impl) -> Any:
            for a in args:
                if isinstance(a, XlError):
                    return a
            return _impl(*args)

        _FUNCTIONS[name] = (checked, lazy, lo, hi)


_wrap_error_propagation()

# ---------------------------------------------------------------------------------------------------------------------
# Shape cache and engine

_SHAPES: dict[tuple[Token, ...], Fn] = {}
_SHAPES_MAX = 20_000
_UNSUPPORTED_SHAPES: dict[tuple[Token, ...], str] = {}


def compile_formula(formula: str, row: int, col: int) -> Fn:
    """Compile ``formula`` ('=...') anchored at (row, col); cached by relative shape.

    Raises:
        Unsupported: The formula uses something this engine does not evaluate.
    """
    tokens = _tokenize(formula[1:] if formula.startswith("=") else formula, row, col)
    key = tuple(tokens)
    fn = _SHAPES.get(key)
    if fn is not None:
        return fn
    reason = _UNSUPPORTED_SHAPES.get(key)
    if reason is not None:
        raise Unsupported(reason)
    try:
        fn = _Parser(tokens).parse()
    except Unsupported as exc:
        if len(_UNSUPPORTED_SHAPES) < _SHAPES_MAX:
            _UNSUPPORTED_SHAPES[key] = str(exc)
        raise
    if len(_SHAPES) >= _SHAPES_MAX:
        _SHAPES.clear()
    _SHAPES[key] = fn
    return fn


Fallback = Callable[[str, int, int], tuple[Any, str | None]]
"""Evaluate one cell with another engine: (sheet name, row, col) -> (value, error reason or None)."""


class FormulaEngine:
    """Evaluate formula cells of one workbook, lazily, with memoisation, cycle detection and a depth bound.

    Args:
        sheets: Sheet name -> {(row, col): value}; a string starting with '=' is a formula. Dates may be
            ``date``/``datetime`` (converted to serial numbers when a formula reads them).
        fallback: Evaluates a cell this engine cannot (unsupported function, syntax, ...); returns (value, reason).
            Without it, such cells give ``#NAME?`` with the reason.
        tick: Called once per formula-cell evaluation (budget accounting); may raise to stop evaluation.
        max_depth: Maximum nesting of formula-cell evaluations before :class:`TooDeep` is raised.

    Example:
        >>> eng = FormulaEngine({"Data": {(1, 1): 3, (2, 1): "=A1^2"}, "Sum": {(1, 1): "='Data'!A2+1"}})
        >>> eng.value("Sum", 1, 1)
        10
    """

    def __init__(
        self,
        sheets: Mapping[str, Mapping[tuple[int, int], Any]],
        *,
        fallback: Fallback | None = None,
        tick: Callable[[], None] | None = None,
        max_depth: int = 80,
    ) -> None:
        self._names = list(sheets)
        self._index = {name.lower(): i for i, name in enumerate(self._names)}
        self._cells = [sheets[name] for name in self._names]
        self._used: list[tuple[int, int] | None] = [None] * len(self._names)
        self._memo: list[dict[tuple[int, int], Any]] = [{} for _ in self._names]
        self._active: set[tuple[int, int, int]] = set()
        self._reasons: dict[tuple[int, int, int], str] = {}
        self._fallback = fallback
        self._tick = tick
        self._depth = 0
        self.max_depth = max_depth
        self.evaluated = 0
        """Number of formula cells evaluated by this engine (not counting memo hits)."""

    # -- access used by compiled formulas ----------------------------------------------------------------------
    def sheet_index(self, name: str) -> int | None:
        """Index of a sheet by (lower-cased) name, or None."""
        return self._index.get(name.lower())

    def used(self, sheet: int) -> tuple[int, int]:
        """(max_row, max_col) of a sheet's stored cells."""
        dims = self._used[sheet]
        if dims is None:
            cells = self._cells[sheet]
            dims = (max((k[0] for k in cells), default=0), max((k[1] for k in cells), default=0))
            self._used[sheet] = dims
        return dims

    def cell(self, sheet: int, row: int, col: int) -> Any:
        """The value of a cell (evaluating it if it holds a formula)."""
        key = (row, col)
        memo = self._memo[sheet]
        if key in memo:
            return memo[key]
        v: Any = self._cells[sheet].get(key)
        t: type = type(v)
        if t is int or t is float or v is None or t is bool:
            return v
        if t is str:
            if v.startswith("=") and len(v) > 1:
                return self._evaluate(sheet, row, col, v)
            return v
        if isinstance(v, (dt.date, dt.time)):
            return excel_serial(v)
        if isinstance(v, XlError):
            return v
        if isinstance(v, str):
            if type(v).__name__ == "ArrayFormulaText":  # array (CSE) formula: only the fallback engine may know
                value = self._fall_back(sheet, row, col, "array formula")
                memo[key] = value
                return value
            return str(v)
        return v

    def _evaluate(self, sheet: int, row: int, col: int, formula: str) -> Any:
        marker = (sheet, row, col)
        if marker in self._active:
            raise CircularReference(f"{self._names[sheet]}!{_coord(row, col)}")
        if self._tick is not None:
            self._tick()
        self.evaluated += 1
        self._depth += 1
        self._active.add(marker)
        try:
            if self._depth > self.max_depth:
                raise TooDeep
            try:
                fn = compile_formula(formula, row, col)
                value = _single(fn(self, sheet, row, col))
                if value is None:
                    value = 0  # a formula showing an empty cell shows 0
            except _Raise as exc:
                value = exc.error
            except Unsupported as exc:
                value = self._fall_back(sheet, row, col, str(exc))
            except RecursionError as exc:
                raise TooDeep from exc
        finally:
            self._depth -= 1
            self._active.discard(marker)
        self._memo[sheet][(row, col)] = value
        return value

    def _fall_back(self, sheet: int, row: int, col: int, reason: str) -> Any:
        if self._fallback is None:
            self._reasons[(sheet, row, col)] = reason
            return NAME
        value, why = self._fallback(self._names[sheet], row, col)
        if why is not None:
            self._reasons[(sheet, row, col)] = why
            return NAME if "not supported" in why or "not implemented" in why else VALUE
        if isinstance(value, str) and value in _ERRORS:
            return _ERRORS[XlError(value)]
        if isinstance(value, (dt.date, dt.time)):
            return excel_serial(value)
        return value

    # -- public -------------------------------------------------------------------------------------------------
    def value(self, sheet: str, row: int, col: int) -> Any:
        """Value of ``sheet!(row, col)``; Excel errors come back as :class:`XlError` strings.

        Raises:
            CircularReference: The cell depends on itself.
            TooDeep: The dependency chain is deeper than ``max_depth`` (evaluate the cells above first).
            KeyError: Unknown sheet.
        """
        index = self._index.get(sheet.lower())
        if index is None:
            raise KeyError(f"no sheet {sheet!r}")
        self._depth = 0
        self._active.clear()
        return self.cell(index, row, col)

    def reason(self, sheet: str, row: int, col: int) -> str | None:
        """Why a cell could not be evaluated by either engine (None if it was)."""
        index = self._index.get(sheet.lower())
        return None if index is None else self._reasons.get((index, row, col))

    def is_memoised(self, sheet: str, row: int, col: int) -> bool:
        """True when the cell's value is already known."""
        index = self._index.get(sheet.lower())
        return index is not None and (row, col) in self._memo[index]


def _coord(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"
