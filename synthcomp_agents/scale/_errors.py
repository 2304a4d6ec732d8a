"""Errors of the batch runner, transient/permanent classification of job errors, and the retry policy."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "OUTAGE_FAULTS",
    "BatchError",
    "ErrorKind",
    "PermanentJobError",
    "RetryPolicy",
    "TransientError",
    "classify_error",
    "parse_duration",
]

ErrorKind = Literal["transient", "permanent"]


class BatchError(RuntimeError):
    """A batch cannot start or continue: bad input, an unwritable output, a corrupt or foreign manifest.

    Example:
        >>> str(BatchError("unknown backend 'spark'"))
        "unknown backend 'spark'"
    """


class TransientError(RuntimeError):
    """A job failed for a reason that may go away on retry (rate limit, timeout, connection error, 5xx, lost worker).

    Job functions may raise it to ask for a retry; the Ray backend passes it to ``retry_exceptions``.

    Example:
        >>> classify_error(TransientError("429 rate limited"))
        'transient'
    """


class PermanentJobError(RuntimeError):
    """A job failed for a reason a retry cannot fix (bad input, authentication, a bug); the batch continues.

    Example:
        >>> classify_error(PermanentJobError("persona is empty"))
        'permanent'
    """


# Exception classes (by name anywhere in the MRO) that signal a transient condition. These are the OpenAI SDK's
# classes as AutoGen's OpenAI clients raise them (APITimeoutError subclasses APIConnectionError), plus the stdlib's.
_TRANSIENT_CLASSES = frozenset(
    {
        "TransientError",
        "APIConnectionError",
        "APITimeoutError",
        "RateLimitError",
        "InternalServerError",
        "ServiceUnavailableError",
        "TimeoutError",
        "ConnectionError",
        "ConnectTimeout",
        "ReadTimeout",
        "RemoteProtocolError",
    }
)
_PERMANENT_CLASSES = frozenset(
    {
        "PermanentJobError",
        "AuthenticationError",
        "PermissionDeniedError",
        "BadRequestError",
        "NotFoundError",
        "UnprocessableEntityError",
        "ModelConfigError",
    }
)
_TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})
# AutoGen's group chat re-raises agent errors as RuntimeError(text) with the original class name and message inside
# ("RateLimitError: Error code: 429 - ..."); the simulation wraps that text again. Match the class names and the
# OpenAI SDK's "Error code: NNN" in the text when no exception object carries them.
_TEXT_TRANSIENT = re.compile(
    r"\b(?:RateLimitError|APITimeoutError|APIConnectionError|InternalServerError|ServiceUnavailableError"
    r"|ReadTimeout|ConnectTimeout)\b|Error code: (?:408|409|425|429|5\d\d)\b|did not finish within \d+ s"
)
_TEXT_PERMANENT = re.compile(
    r"\b(?:AuthenticationError|PermissionDeniedError|BadRequestError|NotFoundError|UnprocessableEntityError)\b"
    r"|Error code: (?:400|401|403|404|422)\b"
)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 20:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def classify_error(exc: BaseException) -> ErrorKind:
    """Say whether a job error is worth retrying.

    Looks at the exception and its causes: our own :class:`TransientError` / :class:`PermanentJobError`, the OpenAI
    SDK classes AutoGen raises (rate limit, timeout, connection, 5xx are transient; authentication, bad request,
    not found are permanent), an HTTP ``status_code`` attribute, then the text (AutoGen re-raises agent errors as
    text). Anything else is permanent: retrying a bug wastes the budget.

    Example:
        >>> classify_error(RuntimeError("RateLimitError: Error code: 429 - slow down"))
        'transient'
        >>> classify_error(ValueError("no such persona"))
        'permanent'
    """
    chain = _chain(exc)
    for item in chain:
        transient = getattr(item, "transient", None)  # a stopped simulation segment says whether resuming may help
        if isinstance(transient, bool):
            return "transient" if transient else "permanent"
        names = {cls.__name__ for cls in type(item).__mro__}
        if names & _PERMANENT_CLASSES:
            return "permanent"
        if names & _TRANSIENT_CLASSES:
            return "transient"
        status = getattr(item, "status_code", None)
        if isinstance(status, int):
            return "transient" if status in _TRANSIENT_STATUS else "permanent"
    text = "\n".join(str(item) for item in chain)
    if _TEXT_PERMANENT.search(text):
        return "permanent"
    if _TEXT_TRANSIENT.search(text):
        return "transient"
    return "permanent"


OUTAGE_FAULTS = frozenset({"connection", "timeout"})
"""Model fault kinds that may mean the endpoint is down: a job stopped by one is held (not charged an attempt)
while the endpoint is probed; see :class:`RetryPolicy`."""

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT_S = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Seconds of a duration written ``90``, ``90s``, ``30m``, ``1.5h`` or ``2d``.

    Example:
        >>> parse_duration("30m"), parse_duration("45"), parse_duration("1.5h")
        (1800.0, 45.0, 5400.0)
    """
    match = _DURATION.match(text)
    if match is None:
        raise BatchError(f"{text!r} is not a duration; write it like 90s, 30m, 2h or 1d")
    return float(match.group(1)) * _UNIT_S[match.group(2).lower()]


@dataclass(frozen=True)
class RetryPolicy:
    """How long and how patiently transient job errors are retried: exponential backoff with jitter, a count and a
    time budget, ``Retry-After`` honoured, and a pause of the batch during an endpoint outage.

    Attributes:
        max_attempts: charged attempts per job and run of the batch command (first try included).
        base_delay_s: delay before the second attempt; doubles every attempt.
        max_delay_s: cap on one delay (a server's ``Retry-After`` may ask for longer: it is honoured).
        jitter: fraction of the delay drawn at random (0: none, 1: "full jitter").
        retry_for_s: time budget: a job is retried only while the time since its first transient failure in this
            run of the command (endpoint outages left out), plus the next delay, stays within it; None: no limit.
        outage_wait_s: how long the batch waits for an endpoint that refuses connections or times out before the
            held jobs are charged and fail.
        probe_delay_s: first delay between two probes of a down endpoint; doubles up to ``max_probe_delay_s``.
        max_probe_delay_s: cap on the delay between probes.

    Example:
        >>> policy = RetryPolicy(max_attempts=4, base_delay_s=2.0, max_delay_s=30.0, jitter=0.0)
        >>> [policy.delay(a) for a in (1, 2, 3, 4, 5)]
        [2.0, 4.0, 8.0, 16.0, 30.0]
        >>> policy.delay(1, retry_after=45.0)
        45.0
        >>> RetryPolicy(max_attempts=100, base_delay_s=2.0, max_delay_s=120.0, retry_for_s=60.0).attempts_within()
        5
    """

    max_attempts: int = 4
    base_delay_s: float = 2.0
    max_delay_s: float = 120.0
    jitter: float = 0.5
    retry_for_s: float | None = None
    outage_wait_s: float = 3600.0
    probe_delay_s: float = 2.0
    max_probe_delay_s: float = 60.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise BatchError(f"max_attempts must be >= 1, got {self.max_attempts}")
        if self.base_delay_s < 0 or self.max_delay_s < 0 or not 0.0 <= self.jitter <= 1.0:
            raise BatchError("retry delays must be >= 0 and jitter within [0, 1]")
        if self.retry_for_s is not None and self.retry_for_s < 0:
            raise BatchError(f"the retry time budget must be >= 0, got {self.retry_for_s}")
        if self.outage_wait_s < 0 or self.probe_delay_s <= 0 or self.max_probe_delay_s <= 0:
            raise BatchError("the outage wait must be >= 0 and probe delays > 0")

    def delay(self, attempt: int, rng: random.Random | None = None, *, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based) before the next one; at least the
        server's ``Retry-After`` when it gave one."""
        raw = min(self.max_delay_s, self.base_delay_s * (2.0 ** max(0, attempt - 1)))
        if self.jitter > 0.0:
            draw = (rng or random).random()
            raw *= 1.0 - self.jitter + self.jitter * draw
        return max(raw, retry_after) if retry_after is not None else raw

    def probe_delay(self, failures: int) -> float:
        """Seconds before the next probe of a down endpoint after ``failures`` failed probes."""
        return min(self.max_probe_delay_s, self.probe_delay_s * (2.0 ** max(0, failures - 1)))

    def attempts_within(self) -> int:
        """The count limit the time budget implies without jitter (for backends that retry by count, like Ray)."""
        if self.retry_for_s is None:
            return self.max_attempts
        spent, attempts = 0.0, 1
        while attempts < self.max_attempts:
            spent += min(self.max_delay_s, self.base_delay_s * (2.0 ** (attempts - 1)))
            if spent > self.retry_for_s:
                break
            attempts += 1
        return attempts
