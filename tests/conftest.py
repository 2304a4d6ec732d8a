"""Suite-wide pytest configuration: in CI a test may not skip for want of a system tool the suite installs.

``.ci/run`` installs LibreOffice, Chromium with chromedriver, poppler and the ``dev`` extra (Ray among it) and sets
``CI=true``. There, a test that skips because one of them is missing has not run at all, so the skip is turned into
a failure that names the reason. Locally (``CI`` unset) the same tests skip as before. A skip counts as "for want of
a system tool" when the test carries the ``libreoffice`` marker or its reason names soffice/LibreOffice, Chromium,
chromedriver, pdftoppm/poppler or Ray; other skips (a missing API key, doctest ``+SKIP``) are left alone.

Example (a test run in CI without LibreOffice)::

    $ CI=true PATH=/nowhere python -m pytest tests/test_office_libreoffice.py
    FAILED ... skipped in CI (CI=true), where every system tool is installed: LibreOffice headless ...
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator

import pytest
from pluggy import Result
from pytest import CollectReport, TestReport

pytest_plugins = ["pytester"]

REQUIRED_TOOL = re.compile(r"soffice|libreoffice|chromium|chromedriver|pdftoppm|poppler|\bray\b", re.IGNORECASE)
REQUIRED_TOOL_MARKERS = frozenset({"libreoffice"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def in_ci() -> bool:
    """True when the ``CI`` environment variable is set to a true value (``.ci/run`` sets ``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def _skip_reason(report: TestReport | CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def _fail_required_skip(report: TestReport | CollectReport, marked: bool) -> None:
    """Turn ``report`` from skipped into failed when it skipped for want of a required system tool (CI only)."""
    if not report.skipped or hasattr(report, "wasxfail") or not in_ci():
        return
    reason = _skip_reason(report)
    if not (marked or REQUIRED_TOOL.search(reason)):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"skipped in CI (CI={os.environ.get('CI')}), where every system tool is installed by .ci/run; "
        f"a skip here means the test did not run: {reason}"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Result[TestReport], None]:
    outcome = yield
    report = outcome.get_result()
    marked = any(item.get_closest_marker(name) is not None for name in REQUIRED_TOOL_MARKERS)
    _fail_required_skip(report, marked)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Result[CollectReport], None]:
    outcome = yield
    report = outcome.get_result()
    _fail_required_skip(report, marked=False)
