"""A saved mail's file name says the day the mail says it was sent (in the user's time zone).

The generator moves a mail's time onto working hours (a reply due on a Saturday goes out on Monday); the file name
was taken before that move, so about a third of the saved mails of a computer were named two days before their own
``Date:`` header.
"""

from __future__ import annotations

import email
import email.utils
import re
from zoneinfo import ZoneInfo

import pytest
from generator_cache import generated

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2}) ")


@pytest.mark.parametrize(
    ("persona", "seed"),
    [("A facilities manager in Leeds", 3), ("A clinical trial manager in Boston", 0), ("A farmer in Kentucky", 5)],
)
def test_saved_mails_are_named_by_their_sending_day(persona: str, seed: int) -> None:
    computer = generated(persona, seed=seed)
    zone = ZoneInfo(computer.blueprint.user_profile.time_zone)
    checked = 0
    for f in computer.blueprint.file_list:
        name = f.path.rsplit("/", 1)[-1]
        match = _DATED.match(name)
        if not f.path.endswith(".eml") or not match:
            continue
        message = email.message_from_bytes(computer.disk.read_bytes(f.path))
        sent = email.utils.parsedate_to_datetime(message["Date"]).astimezone(zone).date().isoformat()
        assert match.group(1) == sent, (f.path, message["Date"])
        checked += 1
    assert checked >= 10
