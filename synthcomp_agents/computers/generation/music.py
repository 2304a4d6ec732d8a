"""Background: the music library (``Music/<Artist> - <Album>``), with tracks numbered as rippers name them.

Tracks are short MPEG audio files: an ID3v2 tag (title, artist, album, track, year) and MPEG-1 Layer III frames of
silence-like noise, so players and ``file`` recognise them; each track's bytes are its own. The noise is seeded, so a
disk archive stores how to draw it again instead of the bytes.
"""

from __future__ import annotations

import random
import struct

from synthcomp_agents.disk import noise_frames

from .context import GenerationContext

__all__ = ["build_music", "mp3_bytes"]

_ADJ = (
    "Northern",
    "Quiet",
    "Electric",
    "Silver",
    "Broken",
    "Golden",
    "Wild",
    "Paper",
    "Midnight",
    "Velvet",
    "Hollow",
    "Iron",
    "Blue",
    "Lonely",
    "Burning",
    "Distant",
)
_NOUN = (
    "Lights",
    "Harbour",
    "Engines",
    "Rivers",
    "Foxes",
    "Parade",
    "Orchard",
    "Radio",
    "Anchors",
    "Satellites",
    "Pines",
    "Machines",
    "Sparrows",
    "Tides",
)
_WORDS = (
    "Morning",
    "Home",
    "Again",
    "Rain",
    "Fire",
    "Line",
    "Stay",
    "Letters",
    "Road",
    "Summer",
    "Window",
    "Gold",
    "Ghosts",
    "Water",
    "Signal",
    "Echo",
    "Dust",
    "Night",
    "Stone",
    "Light",
)


def _synchsafe(n: int) -> bytes:
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def _frame(fid: str, text: str) -> bytes:
    body = b"\x03" + text.encode("utf-8")
    return fid.encode() + struct.pack(">I", len(body)) + b"\x00\x00" + body


def mp3_bytes(rng: random.Random, *, title: str, artist: str, album: str, track: int, year: int, frames: int) -> bytes:
    """An MP3: ID3v2.3 tag plus ``frames`` MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes each).

    Example:
        >>> data = mp3_bytes(random.Random(0), title="A", artist="B", album="C", track=1, year=2020, frames=2)
        >>> data[:3], data.count(b"\\xff\\xfb\\x90")
        (b'ID3', 2)
    """
    tags = b"".join(
        _frame(fid, text)
        for fid, text in (("TIT2", title), ("TPE1", artist), ("TALB", album), ("TRCK", str(track)), ("TYER", str(year)))
    )
    header = b"ID3\x03\x00\x00" + _synchsafe(len(tags))
    # each frame: sync word, 413 bytes of seeded noise (archives store the recipe, not the noise)
    return noise_frames(rng, header + tags, b"\xff\xfb\x90\x64", 413, frames)


def build_music(ctx: GenerationContext) -> None:
    """A few artists with an album or two each (more for people whose interests are musical)."""
    rng, led = ctx.rng, ctx.ledger
    musical = any("music" in w or "band" in w or "guitar" in w or "sing" in w for w in ctx.persona.interests)
    n_artists = rng.randint(4, 7) if musical else rng.randint(1, 3)
    for _ in range(n_artists):
        artist = (
            f"The {rng.choice(_ADJ)} {rng.choice(_NOUN)}"
            if rng.random() < 0.5
            else f"{rng.choice(_ADJ)} {rng.choice(_NOUN)}"
        )
        for _album in range(rng.randint(1, 2)):
            album = f"{rng.choice(_WORDS)} {rng.choice(_WORDS)}" if rng.random() < 0.6 else rng.choice(_WORDS)
            year = rng.randint(1995, ctx.now.year - 1)
            for track in range(1, rng.randint(6, 11)):
                title = " ".join(rng.sample(_WORDS, k=rng.randint(1, 3)))
                led.add(
                    f"Music/{artist} - {album}/{track:02d} {title}.mp3",
                    mp3_bytes(
                        rng,
                        title=title,
                        artist=artist,
                        album=album,
                        track=track,
                        year=year,
                        frames=rng.randint(150, 700),
                    ),
                    purpose=f"Music: {artist} - {album}",
                    author=artist,
                    created=led.clock.leisure(
                        ctx.now.date().replace(year=max(year, ctx.now.year - 6), month=1, day=15)
                    ),
                    role="background",
                    archetype="music_track",
                )
