"""Photos of one outing look alike, as real camera rolls do: a view is shot two to five times seconds apart (a burst,
or the retakes everyone makes), then the next view. Each shot is framed, exposed and white-balanced a little
differently and has its own grain: never a copy (sha256), always visibly different (a floor well above what grain
alone gives), and recognisably the same view (its nearest photo is a burst mate). Times are seconds apart, in order,
and counting file names follow them."""

from __future__ import annotations

import hashlib
import io
import itertools
import random
import re
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PIL import Image

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers._background import camera_for, photo_burst
from synthcomp_agents.computers.generation.pictures import burst_times, outing_days
from synthcomp_agents.office._write_image import PHOTO_SCENES
from synthcomp_agents.personas import sample_personas

VISIBLE = 2.5
"""Mean absolute grey difference of two shots' 48x36 thumbnails that a viewer sees: two encodings of one frame that
differ only in grain come out at ~1.6 (measured on 20 frames), two shots of a burst at 2.8 or more (median ~14)."""
BURST_GAP = timedelta(seconds=10)


def _thumb(data: bytes, side: int = 48) -> np.ndarray:
    img = Image.open(io.BytesIO(data))
    size = (side, side * 3 // 4) if img.width >= img.height else (side * 3 // 4, side)
    return np.asarray(img.convert("RGB").resize(size, Image.Resampling.BOX), dtype=float)


def _taken(data: bytes) -> datetime:
    return datetime.strptime(Image.open(io.BytesIO(data)).getexif()[306], "%Y:%m:%d %H:%M:%S")


@pytest.mark.parametrize("scene", sorted(PHOTO_SCENES))
def test_a_burst_is_one_view_shot_again_never_a_copy(scene: str) -> None:
    camera = camera_for(random.Random(2))
    tz = ZoneInfo("Europe/Lisbon")
    at = [datetime(2024, 5, 4, 12, 0, s, tzinfo=tz) for s in (1, 3, 4, 9, 15)]
    bursts = [photo_burst(random.Random(seed), 480, 360, at, camera=camera, scene=scene) for seed in range(6)]
    digests = {hashlib.sha256(b).hexdigest() for shots in bursts for b in shots}
    assert len(digests) == 30  # no two shots alike, within a burst or across bursts of one kind of view
    for shots in bursts:
        assert [_taken(b) for b in shots] == [t.replace(tzinfo=None) for t in at]
        exifs = [Image.open(io.BytesIO(b)).getexif() for b in shots]
        assert len({(e[271], e[272]) for e in exifs}) == 1  # one device
        details = [e.get_ifd(0x8769) for e in exifs]
        assert len({d[34855] for d in details}) == 1  # one ISO: only the shutter follows the framing
        shutters = [float(d[33434]) for d in details]
        assert max(shutters) / min(shutters) <= 2 ** (2 / 3) + 0.05  # within a third of a stop of the metered time
        thumbs = [_thumb(b) for b in shots]
        for a, b in itertools.pairwise(thumbs):
            assert np.abs(a - b).mean() > VISIBLE  # reframed or re-exposed, not only fresh grain
    # a shot is nearer its burst mates than other views of its kind, on average (whiteboards all look much alike:
    # a few of their shots are nearer another board; every other kind measured 30 of 30)
    small = [[_thumb(b, 16) for b in shots] for shots in bursts]
    nearer = 0
    for i, own in enumerate(small):
        for k, shot in enumerate(own):
            mates = np.mean([np.abs(shot - other).mean() for j, other in enumerate(own) if j != k])
            strangers = np.mean([np.abs(shot - t).mean() for o, other in enumerate(small) if o != i for t in other])
            nearer += mates < strangers
    assert nearer >= 24, (scene, nearer)


def test_a_burst_is_the_same_bytes_for_the_same_seed() -> None:
    at = [datetime(2023, 8, 1, 17, 30, s) for s in (5, 7)]
    assert photo_burst(random.Random(9), 360, 480, at) == photo_burst(random.Random(9), 360, 480, at)
    rng = random.Random(4)
    photo_burst(rng, 64, 48, at)
    after = rng.random()
    rng = random.Random(4)
    rng.getrandbits(64)
    assert rng.random() == after  # a burst draws one number from its caller, whatever its size


def test_an_outings_bursts_are_seconds_apart_and_its_views_minutes_apart() -> None:
    rng = random.Random(5)
    tz = ZoneInfo("Australia/Sydney")
    for count in range(8, 21):
        days = outing_days(rng, count)
        assert sum(sum(d.sizes) for d in days) == count and [d.day for d in days] == sorted({d.day for d in days})
        for d in days:
            bursts = burst_times(rng, datetime(2024, 1, 20).date() + timedelta(days=d.day), tz, d.sizes)
            flat = [t for b in bursts for t in b]
            assert all(t.date() == flat[0].date() for t in flat)  # one day's outing ends before midnight
            for burst in bursts:
                assert all(timedelta(seconds=0) < b - a <= timedelta(seconds=9) for a, b in itertools.pairwise(burst))
            for a, b in itertools.pairwise(bursts):
                assert b[0] - a[-1] >= timedelta(minutes=3)


@cache
def _computers() -> tuple[GeneratedComputer, ...]:
    gen = ProceduralComputerGenerator()
    return tuple(gen.generate(p, seed=300 + i) for i, p in enumerate(sample_personas(3, seed=11)))


def _rolls(c: GeneratedComputer) -> dict[str, list[tuple[datetime, str, bytes]]]:
    """The photos of each folder, in the order they were taken (EXIF)."""
    folders: dict[str, list[tuple[datetime, str, bytes]]] = {}
    for f in c.blueprint.file_list:
        if f.archetype == "photo" and "Pictures/" in f.path:  # the library and the old laptop's copy (not chat images)
            data = c.disk.read_bytes(f.path)
            folders.setdefault(f.path.rsplit("/", 1)[0], []).append((_taken(data), f.path, data))
    return {k: sorted(v) for k, v in folders.items()}


def _bursts(roll: list[tuple[datetime, str, bytes]]) -> list[list[tuple[datetime, str, bytes]]]:
    bursts: list[list[tuple[datetime, str, bytes]]] = []
    for shot in roll:
        if bursts and shot[0] - bursts[-1][-1][0] <= BURST_GAP:
            bursts[-1].append(shot)
        else:
            bursts.append([shot])
    return bursts


@pytest.mark.parametrize("index", range(3))
def test_a_camera_roll_is_bursts_of_views_in_the_order_they_were_taken(index: int) -> None:
    c = _computers()[index]
    rolls = _rolls(c)
    shots = [s for roll in rolls.values() for s in roll]
    assert len(shots) >= 40
    assert len({hashlib.sha256(s[2]).hexdigest() for s in shots}) == len(shots)
    bursts = [b for roll in rolls.values() for b in _bursts(roll)]
    in_bursts = sum(len(b) for b in bursts if len(b) >= 2)
    assert in_bursts >= 0.6 * len(shots), (in_bursts, len(shots))  # most views are shot more than once
    assert len(bursts) >= len(shots) / 5  # and a roll is more than one view: at most five shots each
    for folder, roll in rolls.items():
        for a, b in itertools.pairwise(roll):
            assert a[0] < b[0], (a[1], b[1])  # one shot a second at most: none share a time
        numbers = [int(m.group(1)) for _t, p, _d in roll if (m := re.search(r"(?:IMG_|DSC_?)(\d{4,5})\.JPG$", p))]
        if "Camera Roll" not in folder:  # a messy user's roll mixes outings, each counted from its own number
            assert numbers == sorted(numbers), folder  # the camera counts in the order it shoots
    # a shot's nearest photo of the same orientation is a shot of its own burst
    owner = {s[1]: i for i, b in enumerate(bursts) for s in b}
    thumbs = {s[1]: _thumb(s[2], 16) for s in shots}
    hits = total = 0
    for burst in bursts:
        for s in burst if len(burst) >= 2 else ():
            near = min(
                (np.abs(thumbs[s[1]] - t).mean(), p)
                for p, t in thumbs.items()
                if p != s[1] and t.shape == thumbs[s[1]].shape
            )
            hits += owner[near[1]] == owner[s[1]]
            total += 1
    assert hits >= 0.9 * total, (hits, total)
