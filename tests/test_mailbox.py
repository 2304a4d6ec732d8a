"""Mailbox on the VirtualDisk: .eml files, attachments, delayed delivery, threading, pending, meetings, state."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import date, timedelta

import pytest

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import Attachment
from synthcomp_agents.simulation import Mailbox, MailError, SimClock

ANA = "Ana Ruiz <ana@acme.test>"
TOM = "Tom Li <tom@acme.test>"
DANA = "Dana Lee <dana@acme.test>"


def _world() -> tuple[VirtualDisk, SimClock, Mailbox]:
    clock = SimClock(date(2025, 10, 6), tz="Europe/Madrid")
    disk = VirtualDisk(user="ana", clock=clock)
    return disk, clock, Mailbox(disk, owner=ANA, clock=clock)


def test_send_with_attachment_writes_parsable_eml_with_exact_bytes() -> None:
    disk, _, mail = _world()
    payload = bytes(range(256)) * 10
    disk.write_bytes("Documents/model.xlsx", payload)
    mid = mail.send(ANA, [TOM], "Model v2", "Numbers attached.", attachments=["Documents/model.xlsx"], cc=[DANA])
    sent = mail.sent()[0]
    assert sent.path is not None and sent.path.startswith("Mail/Sent/") and sent.path.endswith(".eml")
    parsed = email.message_from_bytes(disk.read_bytes(sent.path), policy=email.policy.default)
    assert parsed["Message-ID"] == mid and parsed["Subject"] == "Model v2"
    parts = list(parsed.iter_attachments())
    assert parts[0].get_filename() == "model.xlsx" and parts[0].get_payload(decode=True) == payload
    assert mail.read(mid).attachments == {"model.xlsx": payload}
    assert [s.message_id for s in mail.outbox_for("dana@acme.test")] == [mid]


def test_delayed_delivery_reply_threading_and_pending() -> None:
    disk, clock, mail = _world()
    mid = mail.send(ANA, [TOM, DANA], "Churn inputs", "Can you send the churn inputs?")
    assert {s.message_id for s in mail.pending_for("tom@acme.test")} == {mid}
    clock.advance(10)
    rid = mail.reply(
        mid,
        TOM,
        "Churn was 2.1% in Q3.",
        attachments=[Attachment(filename="churn.csv", content=b"q,churn\nQ3,2.1\n")],
        deliver_at=clock.now + timedelta(minutes=50),
    )
    assert mail.pending_for("tom@acme.test") == [] and [s.message_id for s in mail.pending_for(DANA)] == [mid]
    assert mail.inbox() == [] and mail.deliver_due(clock.now) == []
    with pytest.raises(MailError, match="not been delivered"):
        mail.read(rid)
    clock.advance(50)
    delivered = mail.deliver_due(clock.now)
    assert [s.message_id for s in delivered] == [rid] and mail.inbox(unread_only=True)[0].subject == "Re: Churn inputs"
    msg = mail.read(rid)
    assert msg.summary.in_reply_to == mid and msg.summary.references == [mid]
    assert msg.body.strip() == "Churn was 2.1% in Q3." and msg.attachments["churn.csv"] == b"q,churn\nQ3,2.1\n"
    raw = disk.read_bytes(msg.summary.path or "")
    assert f"In-Reply-To: {mid}".encode() in raw
    assert mail.inbox(unread_only=True) == []
    saved = mail.save_attachment(rid, "churn.csv", "Documents/churn.csv")
    assert disk.read_bytes(saved.path) == b"q,churn\nQ3,2.1\n"
    assert [s.message_id for s in mail.thread(rid)] == [mid, rid]
    mail.mark_handled(mid, DANA)
    assert mail.pending_for(DANA) == []


def test_message_ids_are_deterministic_and_outsiders_rejected() -> None:
    ids = []
    for _ in range(2):
        _, _, mail = _world()
        ids.append([mail.send(ANA, [TOM], f"s{i}", "b") for i in range(3)])
    assert ids[0] == ids[1] and len(set(ids[0])) == 3
    with pytest.raises(MailError, match=r"belongs to ana@acme\.test"):
        mail.send(TOM, [DANA], "private", "not for Ana")
    with pytest.raises(MailError, match="not an e-mail address"):
        mail.send(ANA, ["tom"], "x", "y")


def test_meeting_ics_on_disk_and_in_views() -> None:
    disk, clock, mail = _world()
    start = clock.now + timedelta(days=1)
    uid = mail.schedule_meeting(TOM, [ANA, DANA], "Q3 review", start, duration_minutes=45, location="Room 2")
    meeting = mail.meetings_for("dana@acme.test")[0]
    assert meeting.uid == uid and meeting.path is not None and meeting.path.endswith(".ics")
    assert b"SUMMARY:Q3 review" in disk.read_bytes(meeting.path)
    assert mail.inbox()[0].subject == "Invitation: Q3 review" and mail.inbox()[0].attachments == ["invite.ics"]
    assert mail.meetings_for(ANA) and not mail.meetings_for("other@acme.test")


def test_state_round_trip_keeps_index_and_scheduled() -> None:
    disk, clock, mail = _world()
    mid = mail.send(ANA, [TOM], "Plan", "Draft plan.")
    rid = mail.reply(mid, TOM, "Looks good.", deliver_at=clock.now + timedelta(hours=2))
    mail.schedule_meeting(ANA, [TOM], "Sync", clock.now + timedelta(hours=3))
    state = json.loads(json.dumps(mail.to_state()))
    assert len(json.dumps(state)) < 10_000
    again = Mailbox.from_state(disk, state, clock=clock)
    assert again.to_state() == state
    clock.advance(180)
    assert [s.message_id for s in again.deliver_due()] == [rid]
    assert again.send(ANA, [TOM], "Next", "x") != mail.send(ANA, [TOM], "Other", "y")
