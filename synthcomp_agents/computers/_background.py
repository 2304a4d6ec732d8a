"""Background files real homes have: downloads, pictures, installers, copies, app folders, dotfiles, empty folders.

Everything here is a real file of its type and cheap to make. Photos are procedural scenes (landscape, seaside,
city, room, food, whiteboard) with vignette and grain, encoded as phones do and carrying the camera's EXIF (make,
model, software, date taken matching the file's time). Screenshots show the user's own document text in a window
whose title bar is the one their OS draws. Installers are the formats each OS uses (.dmg/.pkg on macOS, .exe/.msi
on Windows, .deb/.AppImage/.tar.gz on Linux), named as the vendors name them, with container headers those formats
start with and sizes of the same order as the real downloads.
"""

from __future__ import annotations

import gzip
import io
import random
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from PIL import Image, ImageDraw

from synthcomp_agents.disk import NoiseBytes, describe_bytes, noise_bytes, noise_file
from synthcomp_agents.office import (
    PHOTO_SCENES,
    CameraExif,
    WindowOS,
    encode_jpeg,
    render_burst,
    render_photo,
    render_screenshot,
)

__all__ = [
    "BgFile",
    "Installer",
    "camera_for",
    "cheap_jpeg",
    "cheap_png",
    "installer_for",
    "installer_zip",
    "photo_burst",
    "photo_jpeg",
    "png_bytes",
    "screenshot_png",
    "text_bytes",
]


@dataclass
class BgFile:
    """A planned background file: bytes are produced lazily by ``make`` (or copied from ``copy_of``)."""

    path: str
    kind: str
    purpose: str
    author: str
    data: bytes | None = None
    copy_of: str | None = None


# Phones and cameras people take photos with: (make, model, software versions, f-number, focal mm, 35 mm equivalent,
# lens model or None). Strings as the devices write them into EXIF.
_CAMERAS: tuple[tuple[str, str, tuple[str, ...], float, float, int, str | None], ...] = (
    ("Apple", "iPhone 12", ("16.7.8", "17.5.1"), 1.6, 4.2, 26, "iPhone 12 back dual wide camera 4.2mm f/1.6"),
    ("Apple", "iPhone 13", ("17.4.1", "17.6.1", "18.1"), 1.6, 5.1, 26, "iPhone 13 back dual wide camera 5.1mm f/1.6"),
    ("Apple", "iPhone 14 Pro", ("17.5.1", "18.0.1"), 1.78, 6.86, 24, "iPhone 14 Pro back triple camera 6.86mm f/1.78"),
    ("Apple", "iPhone 15", ("17.6.1", "18.1.1"), 1.6, 6.0, 26, "iPhone 15 back dual wide camera 6mm f/1.6"),
    ("samsung", "SM-S911B", ("S911BXXS3BXE1",), 1.8, 6.3, 24, None),
    ("samsung", "SM-A546B", ("A546BXXS5BXD2",), 1.8, 5.5, 23, None),
    ("Google", "Pixel 7", ("HDR+ 1.0.540104767zd",), 1.85, 6.81, 25, "Pixel 7 back camera 6.81mm f/1.85"),
    ("Google", "Pixel 8a", ("HDR+ 1.0.641377693zd",), 1.89, 6.1, 26, "Pixel 8a back camera 6.1mm f/1.89"),
    ("Xiaomi", "Redmi Note 12", ("MIUI 14.0.6",), 1.8, 5.6, 26, None),
    ("Canon", "Canon EOS R6", ("Firmware Version 1.8.1",), 4.0, 50.0, 50, "RF24-105mm F4 L IS USM"),
    ("NIKON CORPORATION", "NIKON D7500", ("Ver.1.22",), 5.6, 35.0, 52, "18.0-140.0 mm f/3.5-5.6"),
    ("SONY", "ILCE-7M3", ("ILCE-7M3 v4.01",), 2.8, 35.0, 35, "FE 28-70mm F3.5-5.6 OSS"),
)
# The owner's earlier devices of the same make (never drawn as the current one): a photo taken before the current
# model came out was taken with one of these.
_OLDER_CAMERAS: tuple[tuple[str, str, tuple[str, ...], float, float, int, str | None], ...] = (
    ("Apple", "iPhone 6s", ("9.0.2", "10.3.3", "12.4"), 2.2, 4.15, 29, "iPhone 6s back camera 4.15mm f/2.2"),
    ("Apple", "iPhone 8", ("11.0.3", "12.1.4"), 1.8, 3.99, 28, "iPhone 8 back camera 3.99mm f/1.8"),
    ("samsung", "SM-G930F", ("G930FXXU1APB4", "G930FXXU2ERD5"), 1.7, 4.2, 26, None),
    ("Google", "Pixel 2", ("HDR+ 1.0.199571066zd",), 1.8, 4.47, 27, "Pixel 2 back camera 4.47mm f/1.8"),
    ("Google", "Pixel 3", ("HDR+ 1.0.235795477zd",), 1.8, 4.44, 28, "Pixel 3 back camera 4.44mm f/1.8"),
    ("Xiaomi", "Redmi Note 4", ("MIUI 8.2.1",), 2.0, 3.57, 28, None),
    ("Apple", "iPhone XR", ("12.1", "13.3", "14.4"), 1.8, 4.25, 26, "iPhone XR back camera 4.25mm f/1.8"),
    ("Apple", "iPhone 11", ("13.1.2", "14.2", "15.1"), 1.8, 4.25, 26, "iPhone 11 back dual wide camera 4.25mm f/1.8"),
    ("samsung", "SM-G973F", ("G973FXXU3ASG8", "G973FXXU9EUE1"), 1.5, 4.32, 26, None),
    ("samsung", "SM-G991B", ("G991BXXU3AUE1", "G991BXXU5CVDD"), 1.8, 5.4, 26, None),
    ("Google", "Pixel 4a", ("HDR+ 1.0.338224458zd",), 1.73, 4.38, 27, "Pixel 4a back camera 4.38mm f/1.73"),
    ("Google", "Pixel 6", ("HDR+ 1.0.412171092zd",), 1.85, 6.81, 25, "Pixel 6 back camera 6.81mm f/1.85"),
    ("Xiaomi", "Redmi Note 8 Pro", ("MIUI 11.0.5",), 1.79, 5.43, 26, None),
    ("Xiaomi", "Redmi Note 10 Pro", ("MIUI 12.5.4",), 1.9, 5.5, 26, None),
    ("Canon", "Canon EOS 80D", ("Firmware Version 1.0.2",), 5.6, 35.0, 56, "EF-S18-135mm f/3.5-5.6 IS USM"),
    ("NIKON CORPORATION", "NIKON D7200", ("Ver.1.00",), 5.6, 35.0, 52, "18.0-140.0 mm f/3.5-5.6"),
    ("SONY", "ILCE-6000", ("ILCE-6000 v3.20",), 3.5, 16.0, 24, "E PZ 16-50mm F3.5-5.6 OSS"),
)
# When each device and each software version came out (year, month): no photo carries a camera or a firmware released
# after it was taken.
_CAMERA_RELEASED: dict[str, tuple[int, int]] = {
    "iPhone 6s": (2015, 9), "iPhone 8": (2017, 9), "SM-G930F": (2016, 3), "Pixel 3": (2018, 10),
    "Redmi Note 4": (2017, 1), "Pixel 2": (2017, 10), "iPhone XR": (2018, 10),
    "iPhone 11": (2019, 9), "iPhone 12": (2020, 10), "iPhone 13": (2021, 9),
    "iPhone 14 Pro": (2022, 9), "iPhone 15": (2023, 9), "SM-G973F": (2019, 3), "SM-G991B": (2021, 1),
    "SM-S911B": (2023, 2), "SM-A546B": (2023, 3), "Pixel 4a": (2020, 8), "Pixel 6": (2021, 10), "Pixel 7": (2022, 10),
    "Pixel 8a": (2024, 5), "Redmi Note 8 Pro": (2019, 9), "Redmi Note 10 Pro": (2021, 3), "Redmi Note 12": (2023, 3),
    "Canon EOS 80D": (2016, 3), "Canon EOS R6": (2020, 8), "NIKON D7200": (2015, 3), "NIKON D7500": (2017, 6),
    "ILCE-6000": (2014, 3), "ILCE-7M3": (2018, 4),
}  # fmt: skip
_SOFTWARE_RELEASED: dict[str, tuple[int, int]] = {
    "9.0.2": (2015, 9), "10.3.3": (2017, 7), "12.4": (2019, 7), "11.0.3": (2017, 10), "12.1.4": (2019, 2),
    "G930FXXU2ERD5": (2018, 4), "12.1": (2018, 10),
    "13.1.2": (2019, 9), "13.3": (2019, 12), "14.2": (2020, 11), "14.4": (2021, 1),
    "15.1": (2021, 10), "16.7.8": (2024, 5), "17.4.1": (2024, 3), "17.5.1": (2024, 5), "17.6.1": (2024, 8),
    "18.0.1": (2024, 10), "18.1": (2024, 10), "18.1.1": (2024, 11), "S911BXXS3BXE1": (2024, 5),
    "A546BXXS5BXD2": (2024, 4), "G973FXXU3ASG8": (2019, 7), "G973FXXU9EUE1": (2021, 5), "G991BXXU3AUE1": (2021, 5),
    "G991BXXU5CVDD": (2022, 4), "HDR+ 1.0.641377693zd": (2024, 5), "HDR+ 1.0.540104767zd": (2023, 3),
    "Firmware Version 1.8.1": (2023, 1), "Ver.1.22": (2022, 6), "ILCE-7M3 v4.01": (2021, 2),
}  # fmt: skip
"""Versions not listed came out with their device."""
_EARLIER_SOFTWARE: dict[str, tuple[tuple[str, tuple[int, int]], ...]] = {
    "iPhone 12": (("14.2.1", (2020, 11)), ("15.2", (2021, 12)), ("16.3", (2023, 1))),
    "iPhone 13": (("15.0.2", (2021, 10)), ("16.1", (2022, 10)), ("16.6", (2023, 7))),
    "iPhone 14 Pro": (("16.1", (2022, 10)), ("16.6", (2023, 7)), ("17.2.1", (2023, 12))),
    "iPhone 15": (("17.0.3", (2023, 10)), ("17.3.1", (2024, 2))),
    "SM-S911B": (("S911BXXU1AWBD", (2023, 2)),),
    "SM-A546B": (("A546BXXU1AWC9", (2023, 3)),),
    "Pixel 7": (("HDR+ 1.0.485212458zd", (2022, 10)),),
    "Redmi Note 12": (("MIUI 14.0.3", (2023, 3)),),
    "Canon EOS R6": (("Firmware Version 1.1.1", (2020, 10)),),
    "NIKON D7500": (("Ver.1.00", (2017, 6)),),
    "ILCE-7M3": (("ILCE-7M3 v1.01", (2018, 4)),),
}
"""Software a device ran before the versions it is drawn with (used for photos taken then)."""


def released(model: str) -> date:
    """The first day of the month a camera model came out (2000-01-01 when unknown).

    Example:
        >>> released("iPhone 15")
        datetime.date(2023, 9, 1)
    """
    year, month = _CAMERA_RELEASED.get(model, (2000, 1))
    return date(year, month, 1)


_devices: dict[tuple[Camera, date], Camera] = {}
""":meth:`Camera.at` by camera and day (a pure look-up over the tables above, asked once for every photo)."""


@dataclass(frozen=True)
class Camera:
    """A device that takes the user's photos (see :func:`camera_for`)."""

    make: str
    model: str
    software: str
    f_number: float
    focal_mm: float
    focal_35mm: int
    lens: str | None

    def at(self, day: date) -> Camera:
        """The device as it was on ``day``: this one with the newest software out by then, or, before this model
        came out, the owner's latest earlier device of the same make (an iPhone 11 in 2020 for an iPhone 15 owner).

        Example:
            >>> phone = Camera("Apple", "iPhone 15", "18.1.1", 1.6, 6.0, 26, None)
            >>> old = phone.at(date(2020, 6, 1))
            >>> old.model, old.software, phone.at(date(2024, 6, 1)).software
            ('iPhone 11', '13.1.2', '17.3.1')
        """
        key = (self, day)
        device = _devices.get(key)
        if device is None:
            if len(_devices) > 4096:
                _devices.clear()
            device = _devices[key] = self._at(day)
        return device

    def _at(self, day: date) -> Camera:
        if released(self.model) > day:
            older = sorted(
                (row for row in _OLDER_CAMERAS + _CAMERAS if row[0] == self.make and released(row[1]) <= day),
                key=lambda row: released(row[1]),
            )
            if older:
                make, model, versions, f_number, focal, focal35, lens = older[-1]
                return Camera(make, model, versions[-1], f_number, focal, focal35, lens).at(day)
            # before any device of the make we know: its oldest, as first shipped
            oldest = min((r for r in _OLDER_CAMERAS + _CAMERAS if r[0] == self.make), key=lambda r: released(r[1]))
            make, model, versions, f_number, focal, focal35, lens = oldest
            return Camera(make, model, versions[0], f_number, focal, focal35, lens)
        drawn = next((row[2] for row in _CAMERAS + _OLDER_CAMERAS if row[1] == self.model), (self.software,))
        earlier = _EARLIER_SOFTWARE.get(self.model, ())
        dated = sorted(
            [(date(y, m, 1), v) for v, (y, m) in earlier] + [(_version_date(v, self.model), v) for v in drawn]
        )
        ordered = [v for _d, v in dated]
        out = [v for d, v in dated if d <= day]
        if self.software in out:
            return self
        return replace(self, software=out[-1] if out else ordered[0])

    def exif(
        self, rng: random.Random, taken: datetime, utc_offset: str | None = None, *, indoor: bool = False
    ) -> CameraExif:
        """EXIF for one shot at local time ``taken``: exposure and ISO drawn to suit a daylight or indoor scene
        (``indoor``: a scene known to be indoors; else early, late or by chance)."""
        indoor = indoor or taken.hour < 8 or taken.hour >= 19 or rng.random() < 0.4
        iso = rng.choice((400, 640, 800, 1250)) if indoor else rng.choice((50, 64, 80, 100, 125))
        exposure = (
            rng.choice((1 / 30, 1 / 50, 1 / 60)) if indoor else rng.choice((1 / 250, 1 / 500, 1 / 1000, 1 / 2000))
        )
        return CameraExif(
            make=self.make,
            model=self.model,
            taken=taken.replace(microsecond=0, tzinfo=None),
            software=self.software,
            utc_offset=utc_offset,
            lens=self.lens,
            f_number=self.f_number,
            exposure_s=exposure,
            iso=iso,
            focal_mm=self.focal_mm,
            focal_35mm=self.focal_35mm,
        )


def _version_date(version: str, model: str) -> date:
    year, month = _SOFTWARE_RELEASED.get(version, _CAMERA_RELEASED.get(model, (2000, 1)))
    return date(year, month, 1)


def camera_for(rng: random.Random, os_name: str | None = None) -> Camera:
    """The phone or camera a user takes photos with (Mac users mostly iPhones; others a mix of phones; a few own a
    camera).

    Example:
        >>> camera_for(random.Random(4), "macos").make in ("Apple", "Canon", "NIKON CORPORATION", "SONY")
        True
    """
    pool = [c for c in _CAMERAS if c[0] == "Apple"] if os_name == "macos" and rng.random() < 0.8 else list(_CAMERAS)
    if rng.random() < 0.85:
        pool = [c for c in pool if c[0] not in ("Canon", "NIKON CORPORATION", "SONY")] or pool
    make, model, versions, f_number, focal, focal35, lens = rng.choice(pool)
    return Camera(make, model, rng.choice(versions), f_number, focal, focal35, lens)


def _utc_offset(offset: timedelta | None) -> str | None:
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def photo_jpeg(
    rng: random.Random,
    width: int,
    height: int,
    *,
    taken: datetime | None = None,
    camera: Camera | None = None,
    quality: int | None = None,
    scene: str | None = None,
) -> bytes:
    """A photo-like JPEG (one of :data:`~synthcomp_agents.office._write_image.PHOTO_SCENES`), with the camera's EXIF
    when ``taken`` is given (local time; an aware datetime also records its UTC offset). Set the file's mtime to
    ``taken`` so the two agree. The photo draws from a generator of its own, seeded by one draw of ``rng``: how
    photos are drawn does not move the caller's later draws.

    Example:
        >>> from datetime import datetime
        >>> data = photo_jpeg(random.Random(1), 320, 240, taken=datetime(2025, 7, 5, 11, 20))
        >>> Image.open(io.BytesIO(data)).getexif()[306]
        '2025:07:05 11:20:00'
    """
    rng = random.Random(rng.getrandbits(64))  # the photo's own draws: how it is drawn never shifts the caller's
    img = render_photo(rng, width, height, scene)
    exif = None
    if taken is not None:
        device = (camera or camera_for(rng)).at(taken.date())  # the device the owner had that day
        exif = device.exif(rng, taken, _utc_offset(taken.utcoffset()))
    return encode_jpeg(img, quality=quality or rng.choice((82, 85, 88, 90)), exif=exif)


_SHUTTER = (1 / 15, 1 / 20, 1 / 25, 1 / 30, 1 / 40, 1 / 50, 1 / 60, 1 / 80, 1 / 100, 1 / 125, 1 / 160, 1 / 200, 1 / 250,
            1 / 320, 1 / 400, 1 / 500, 1 / 640, 1 / 800, 1 / 1000, 1 / 1250, 1 / 1600, 1 / 2000, 1 / 2500)  # fmt: skip
"""Shutter times a third of a stop apart, longest first: a shot a third of a stop brighter is one step left."""
_INDOOR_SCENES = frozenset({"interior", "whiteboard"})


def photo_burst(
    rng: random.Random,
    width: int,
    height: int,
    taken: Sequence[datetime],
    *,
    camera: Camera | None = None,
    quality: int | None = None,
    scene: str | None = None,
) -> list[bytes]:
    """Shots of one scene taken at the local times ``taken`` (seconds apart, in order), as JPEGs that look alike
    and are never the same: a phone's burst, or the two to five retakes of a view everyone's camera roll holds.
    The scene is drawn once (:func:`~synthcomp_agents.office.render_burst`); each shot is framed, exposed and
    white-balanced a little differently and carries its own grain. The camera's EXIF is that of the burst (same
    device, ISO and quality), with each shot's time and its shutter time: a shot a third of a stop brighter was
    exposed a third of a stop longer. Draws one number from ``rng``, as :func:`photo_jpeg` does.

    Example:
        >>> from datetime import datetime
        >>> at = [datetime(2025, 7, 5, 11, 20, s) for s in (4, 6, 11)]
        >>> shots = photo_burst(random.Random(1), 320, 240, at, scene="seaside")
        >>> len(set(shots)), [Image.open(io.BytesIO(b)).getexif()[306][-2:] for b in shots]
        (3, ['04', '06', '11'])
    """
    rng = random.Random(rng.getrandbits(64))  # the burst's own draws: how it is drawn never shifts the caller's
    if not taken:
        return []
    name = scene if scene in PHOTO_SCENES else rng.choice(sorted(PHOTO_SCENES))
    thirds = [rng.choice((-1, 0, 0, 1)) for _ in taken]  # auto-exposure re-metering each framing
    quality = quality or rng.choice((82, 85, 88, 90))
    device = (camera or camera_for(rng)).at(taken[0].date())  # the device the owner had that day
    base = device.exif(rng, taken[0], _utc_offset(taken[0].utcoffset()), indoor=name in _INDOOR_SCENES)
    metered = min(range(len(_SHUTTER)), key=lambda i: abs(_SHUTTER[i] - base.exposure_s))
    images = render_burst(rng, width, height, name, [t / 3 for t in thirds])  # one frame at a time
    out: list[bytes] = []
    for img, when, step in zip(images, taken, thirds, strict=True):
        shutter = _SHUTTER[max(0, min(len(_SHUTTER) - 1, metered - step))]
        exif = replace(base, taken=when.replace(microsecond=0, tzinfo=None), exposure_s=shutter)
        out.append(encode_jpeg(img, quality=quality, exif=exif))
        del img  # freed before the next frame is drawn
    return out


def cheap_jpeg(
    rng: random.Random,
    width: int,
    height: int,
    quality: int = 85,
    *,
    taken: datetime | None = None,
    camera: Camera | None = None,
) -> bytes:
    """A photo-like JPEG (see :func:`photo_jpeg`); kept for callers of the first version."""
    return photo_jpeg(rng, width, height, taken=taken, camera=camera, quality=quality)


def screenshot_png(
    rng: random.Random,
    width: int,
    height: int,
    *,
    title: str,
    os_name: WindowOS | None,
    lines: list[str] | tuple[str, ...] = (),
    sidebar: list[str] | tuple[str, ...] = (),
) -> bytes:
    """A screenshot of one of the user's own windows: their document's text under their OS's title bar.

    Example:
        >>> png = screenshot_png(random.Random(1), 640, 400, title="Setlist.docx - Word", os_name="windows",
        ...                      lines=["Setlist - The Anchor, 14 June", "1. Iron Lung (4:10)"])
        >>> Image.open(io.BytesIO(png)).size
        (640, 400)
    """
    img = render_screenshot(rng, width, height, title=title, os_name=os_name, sidebar=sidebar, lines=lines)
    return png_bytes(img)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(img: Image.Image) -> bytes:
    """A baseline 8-bit RGB PNG of ``img`` (IHDR, one IDAT, IEND), written directly: rows unfiltered and deflated at
    level 1. Screenshots are mostly flat colour, so this is as small as Pillow's adaptive filtering at level 6
    (within a few percent) at a third of the time.

    Example:
        >>> Image.open(io.BytesIO(png_bytes(Image.new("RGB", (4, 3), "red")))).getpixel((3, 2))
        (255, 0, 0)
    """
    rgb = img if img.mode == "RGB" else img.convert("RGB")
    width, height = rgb.size
    raw = rgb.tobytes()
    stride = width * 3
    deflate = zlib.compressobj(1)
    body = [deflate.compress(b"\0" + raw[i : i + stride]) for i in range(0, len(raw), stride)]
    body.append(deflate.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(body)) + _chunk(b"IEND", b"")


def cheap_png(
    rng: random.Random,
    width: int,
    height: int,
    lines: int = 12,
    *,
    os_name: WindowOS | None = None,
    title: str | None = None,
    text: list[str] | tuple[str, ...] = (),
) -> bytes:
    """A screenshot-like PNG: the window chrome of ``os_name`` (neutral when None), a sidebar and ``text`` (grey text
    bars when no text is given). Prefer :func:`screenshot_png` with the user's own document text."""
    img = Image.new("RGB", (width, height), (250, 250, 250))
    if text or os_name or title:
        img = render_screenshot(rng, width, height, title=title or "", os_name=os_name, lines=text)
    else:
        draw = ImageDraw.Draw(img)
        accent = (rng.randint(20, 90), rng.randint(80, 160), rng.randint(150, 230))
        draw.rectangle([0, 0, width, 28], fill=(225, 225, 228))
        side = width // 5
        draw.rectangle([0, 28, side, height], fill=(238, 240, 244))
        y = 44
        for _ in range(lines):
            w = rng.randint(width // 5, width - side - 40)
            draw.rectangle([side + 20, y, side + 20 + w, y + 8], fill=(120, 120, 130))
            y += rng.randint(18, 30)
            if y > height - 20:
                break
        draw.rectangle([side + 20, height - 60, side + 140, height - 32], fill=accent)
    return png_bytes(img)


def installer_zip(rng: random.Random, app: str, version: str, payload_bytes: int) -> bytes:
    """A real zip with an installer layout: a binary payload, a license and a readme (payload stored).

    The payload is seeded noise: the bytes carry the description that rebuilds them (archives store only that).
    """
    payload = noise_bytes(rng, payload_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:

        def add(name: str, data: bytes, method: int) -> None:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)

        add(
            f"{app}-{version}/README.txt",
            f"{app} {version}\n\nRun the installer and follow the prompts.\nRelease notes: vendor site.\n".encode(),
            zipfile.ZIP_DEFLATED,
        )
        add(
            f"{app}-{version}/LICENSE.txt",
            f"Copyright {app} contributors. All rights reserved.\n".encode(),
            zipfile.ZIP_DEFLATED,
        )
        add(
            f"{app}-{version}/bin/{app.lower().replace(' ', '')}-setup.bin",
            payload,
            zipfile.ZIP_STORED,
        )
    return describe_bytes(out.getvalue(), payload)


# Installers people download, per OS: (app, version, file name, size range in MB, format). Small, widely used
# programs whose real downloads are of about these sizes: the generator does not write 100 MB files, so programs
# whose installers are that large (office suites, Zoom's full installer, IDEs) are left out rather than shrunk.
_INSTALLERS: dict[str, tuple[tuple[str, str, str, tuple[float, float], str], ...]] = {
    "windows": (
        ("7-Zip", "24.08", "7z2408-x64.exe", (1.5, 1.6), "exe"),
        ("Notepad++", "8.7.1", "npp.8.7.1.Installer.x64.exe", (4.6, 5.2), "exe"),
        ("KeePass", "2.57.1", "KeePass-2.57.1-Setup.exe", (3.6, 4.1), "exe"),
        ("PuTTY", "0.81", "putty-64bit-0.81-installer.msi", (3.4, 3.7), "msi"),
        ("Firefox", "133.0", "Firefox Installer.exe", (0.33, 0.42), "exe"),
        ("Google Chrome", "131.0", "ChromeSetup.exe", (1.2, 1.4), "exe"),
        ("SumatraPDF", "3.5.2", "SumatraPDF-3.5.2-64-install.exe", (7.4, 8.2), "exe"),
        ("WinSCP", "6.3.5", "WinSCP-6.3.5-Setup.exe", (10.6, 11.4), "exe"),
        ("Rufus", "4.6", "rufus-4.6.exe", (1.4, 1.6), "exe"),
        ("Greenshot", "1.2.10", "Greenshot-INSTALLER-1.2.10.6-RELEASE.exe", (1.6, 1.8), "exe"),
        ("Zoom", "6.2", "ZoomInstaller.exe", (0.2, 0.3), "exe"),
    ),
    "macos": (
        ("Rectangle", "0.84", "Rectangle0.84.dmg", (3.0, 3.8), "dmg"),
        ("MonitorControl", "4.3.2", "MonitorControl.4.3.2.dmg", (3.2, 3.9), "dmg"),
        ("Stats", "2.11.18", "Stats.dmg", (10.0, 12.0), "dmg"),
        ("AppCleaner", "3.6.8", "AppCleaner_3.6.8.zip", (4.0, 4.8), "zip"),
        ("Scroll Reverser", "1.9", "ScrollReverser-1.9.zip", (1.1, 1.6), "zip"),
        ("BlackHole 2ch", "0.6.0", "BlackHole2ch-0.6.0.pkg", (0.05, 0.09), "pkg"),
        ("Spotify", "1.2.50", "SpotifyInstaller.zip", (0.3, 0.5), "zip"),
    ),
    "linux": (
        ("Syncthing", "1.27.12", "syncthing-linux-amd64-v1.27.12.tar.gz", (11.0, 12.0), "tar.gz"),
        ("Neovim", "0.10.2", "nvim-linux64.tar.gz", (10.0, 11.0), "tar.gz"),
        ("AnyDesk", "6.3.3", "anydesk_6.3.3-1_amd64.deb", (4.0, 5.0), "deb"),
        ("Dropbox", "2024.04.17", "dropbox_2024.04.17_amd64.deb", (0.1, 0.15), "deb"),
        ("appimagetool", "continuous", "appimagetool-x86_64.AppImage", (1.5, 1.9), "AppImage"),
    ),
}
_RELEASED = 1_727_740_800  # 2024-10-01 00:00 UTC: member times inside archives


@dataclass(frozen=True)
class Installer:
    """A downloaded installer: its vendor file name and bytes."""

    app: str
    version: str
    filename: str
    data: bytes


def installer_for(rng: random.Random, os_name: str, *, exclude: frozenset[str] = frozenset()) -> Installer:
    """An installer a user of ``os_name`` downloaded, in that OS's format, not one of ``exclude`` (file names).

    Example:
        >>> inst = installer_for(random.Random(1), "windows")
        >>> inst.filename.endswith((".exe", ".msi")), len(inst.data) > 100_000
        (True, True)
    """
    table = _INSTALLERS.get(os_name, _INSTALLERS["windows"])
    choices = [row for row in table if row[2] not in exclude] or list(table)
    app, version, filename, (low, high), fmt = rng.choice(choices)
    size = int(rng.uniform(low, high) * 1_000_000)
    maker = {"exe": _pe_exe, "msi": _msi, "dmg": _dmg, "pkg": _xar_pkg, "deb": _deb, "AppImage": _appimage,
             "tar.gz": _tar_gz}.get(fmt)  # fmt: skip
    data = maker(rng, app, version, size) if maker else installer_zip(rng, app, version, size)
    return Installer(app, version, filename, data)


def _payload(rng: random.Random, size: int) -> NoiseBytes:
    """Seeded noise for an installer's packed payload (see :func:`~synthcomp_agents.disk.noise_bytes`)."""
    return noise_bytes(rng, max(0, size))


def _pe_exe(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """A PE32+ (x86-64, GUI) header, as Windows installers start, followed by the packed installer payload."""
    dos = bytearray(128)
    dos[0:2] = b"MZ"
    struct.pack_into("<HHHHHHHHHHHHHH", dos, 2, 0x90, 3, 0, 4, 0, 0xFFFF, 0, 0xB8, 0, 0, 0, 0x40, 0, 0)
    struct.pack_into("<I", dos, 0x3C, 0x80)
    stub = b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode.\r\r\n$"
    dos[0x40 : 0x40 + len(stub)] = stub
    coff = b"PE\0\0" + struct.pack("<HHIIIHH", 0x8664, 0, _RELEASED, 0, 0, 0xF0, 0x0022)
    optional = bytearray(0xF0)
    struct.pack_into("<HBB", optional, 0, 0x20B, 14, 38)  # PE32+, linker 14.38 (Visual Studio 2022)
    struct.pack_into("<H", optional, 68, 2)  # subsystem: Windows GUI
    head = bytes(dos) + coff + bytes(optional)
    return noise_file(rng, size - len(head), head=head)


def _msi(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """An OLE compound-file header (the container of every .msi) followed by its sectors."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, max(1, size // 65536))
    return noise_file(rng, size - 512, head=bytes(header))


def _dmg(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """A compressed disk image: data fork, then the 512-byte UDIF ``koly`` trailer every .dmg ends with."""
    fork = max(0, size - 512)
    koly = bytearray(512)
    koly[0:4] = b"koly"
    struct.pack_into(">III", koly, 4, 4, 512, 1)  # version, header size, flags
    struct.pack_into(">QQQ", koly, 16, 0, 0, fork)  # running fork offset, data fork offset, data fork length
    struct.pack_into(">I", koly, 488, 1)  # image variant
    return noise_file(rng, fork, tail=bytes(koly))


def _xar_pkg(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """A flat installer package: the ``xar!`` header, a zlib table of contents and the payload heap."""
    import zlib

    toc = (
        f'<?xml version="1.0" encoding="UTF-8"?><xar><toc><creation-time>2024-10-01T00:00:00</creation-time>'
        f'<file id="1"><name>Distribution</name><type>file</type></file>'
        f'<file id="2"><name>{app.replace(" ", "")}.pkg</name><type>directory</type></file></toc></xar>'
    ).encode()
    packed = zlib.compress(toc, 9)
    header = b"xar!" + struct.pack(">HHQQI", 28, 1, len(packed), len(toc), 1)
    return noise_file(rng, size - len(header + packed), head=header + packed)


def _tar(members: list[tuple[str, bytes, int]]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, data, mode in members:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), mode, _RELEASED
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _gzip(data: bytes, level: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=level, mtime=_RELEASED) as gz:
        gz.write(data)
    return out.getvalue()


def _tar_gz(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """A release tarball: README, LICENSE and the binary (already-compressed data, so stored as deflate does)."""
    folder = f"{app.lower().replace(' ', '-')}-{version}"
    binary = app.lower().replace(" ", "").replace("+", "")
    payload = _payload(rng, size)
    members = [
        (f"{folder}/README.md", f"# {app} {version}\n\nExtract and run `./{binary}`.\n".encode(), 0o644),
        (f"{folder}/LICENSE", f"{app} is released under its licence; see the project site.\n".encode(), 0o644),
        (f"{folder}/{binary}", payload, 0o755),
    ]
    return describe_bytes(_gzip(_tar(members), 0), payload)


def _deb(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """A Debian package: an ar archive of debian-binary, control.tar.gz and data.tar.gz, as dpkg reads it."""
    package = app.lower().replace(" ", "-").replace("+", "")
    control = (
        f"Package: {package}\nVersion: {version}\nArchitecture: amd64\nMaintainer: {app} packagers\n"
        f"Installed-Size: {size // 1024}\nSection: utils\nPriority: optional\nDescription: {app}\n"
    ).encode()
    payload = _payload(rng, size)
    parts = [
        ("debian-binary", b"2.0\n"),
        ("control.tar.gz", _gzip(_tar([("./control", control, 0o644)]), 9)),
        ("data.tar.gz", _gzip(_tar([(f"./opt/{package}/{package}", payload, 0o755)]), 0)),
    ]
    out = bytearray(b"!<arch>\n")
    for name, data in parts:
        out += f"{name:<16}{_RELEASED:<12}{0:<6}{0:<6}{100644:<8}{len(data):<10}`\n".encode()
        out += data
        if len(data) % 2:
            out += b"\n"
    return describe_bytes(bytes(out), payload)


def _appimage(rng: random.Random, app: str, version: str, size: int) -> bytes:
    """A type-2 AppImage: an x86-64 ELF runtime header with the ``AI\\x02`` magic, then the squashfs payload."""
    ident = b"\x7fELF\x02\x01\x01\x00AI\x02" + bytes(5)
    header = ident + struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 0, 64, 0, 0)
    return noise_file(rng, size - len(header), head=header)


def text_bytes(text: str) -> bytes:
    """UTF-8 bytes of ``text`` with a final newline."""
    return (text.rstrip("\n") + "\n").encode("utf-8")
