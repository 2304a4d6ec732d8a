"""Media and producer metadata without fingerprints: photos with camera EXIF, OS-specific screenshots, installers in
each OS's format, and producer fields (PDF, ics, eml) that name real applications."""

from __future__ import annotations

import email
import email.policy
import io
import random
import tarfile
from datetime import datetime, timedelta, timezone

import icalendar
import pypdf
import pytest
from PIL import Image, ImageStat
from PIL.ExifTags import IFD
from PIL.ExifTags import Base as ExifBase

from synthcomp_agents.computers._background import (
    _INSTALLERS,
    camera_for,
    cheap_jpeg,
    installer_for,
    photo_jpeg,
    screenshot_png,
)
from synthcomp_agents.computers._software import outside_pdf_producer, software_for
from synthcomp_agents.office import (
    CalendarSpec,
    DocProperties,
    DocumentSpec,
    EmailSpec,
    EventSpec,
    ImageSpec,
    Paragraph,
    write_eml,
    write_ics,
    write_image,
    write_pdf,
)
from synthcomp_agents.office._write_image import PHOTO_SCENES, CameraExif

TAKEN = datetime(2025, 7, 5, 18, 42, 7, tzinfo=timezone(timedelta(hours=2)))


def _exif(data: bytes) -> tuple[dict[int, object], dict[int, object]]:
    exif = Image.open(io.BytesIO(data)).getexif()
    return dict(exif), dict(exif.get_ifd(IFD.Exif))


def test_photo_carries_camera_exif_matching_the_time_taken() -> None:
    camera = camera_for(random.Random(2), "macos")
    data = photo_jpeg(random.Random(1), 800, 600, taken=TAKEN, camera=camera)
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG" and img.size == (800, 600)
    base, sub = _exif(data)
    assert base[ExifBase.Make] == camera.make and base[ExifBase.Model] == camera.model
    assert base[ExifBase.Software] == camera.software
    assert base[ExifBase.DateTime] == sub[ExifBase.DateTimeOriginal] == "2025:07:05 18:42:07"
    assert sub[ExifBase.OffsetTimeOriginal] == "+02:00"
    assert (sub[ExifBase.ExifImageWidth], sub[ExifBase.ExifImageHeight]) == (800, 600)
    assert float(sub[ExifBase.FNumber]) == pytest.approx(camera.f_number)  # type: ignore[arg-type]
    assert 0 < float(sub[ExifBase.ExposureTime]) < 0.05  # type: ignore[arg-type]
    assert sub[ExifBase.ISOSpeedRatings] in (50, 64, 80, 100, 125, 400, 640, 800, 1250)
    assert b"synthcomp" not in data.lower()


def test_photo_without_a_time_has_no_invented_metadata_and_old_signature_still_works() -> None:
    base, sub = _exif(cheap_jpeg(random.Random(3), 480, 640))
    assert base == {} and sub == {}
    base, _ = _exif(cheap_jpeg(random.Random(3), 480, 640, 80, taken=TAKEN.replace(tzinfo=None)))
    assert base[ExifBase.DateTime] == "2025:07:05 18:42:07"


@pytest.mark.parametrize("scene", sorted(PHOTO_SCENES))
def test_photo_scenes_look_like_photos_not_flat_blobs(scene: str) -> None:
    data = photo_jpeg(random.Random(5), 640, 480, scene=scene)
    img = Image.open(io.BytesIO(data)).convert("RGB")
    # shading, uneven light and sensor grain: many distinct colours and no flat 8x8 block anywhere (a drawn blob or
    # a flat fill has large areas of one colour)
    assert len(img.getcolors(maxcolors=1 << 20) or []) > 5_000
    grey = img.convert("L")
    blocks = [grey.crop((x, y, x + 8, y + 8)) for y in range(0, 472, 16) for x in range(0, 632, 16)]
    flat = sum(1 for block in blocks if ImageStat.Stat(block).stddev[0] < 2.0)
    assert flat / len(blocks) < 0.02
    assert ImageStat.Stat(grey).stddev[0] > 12  # tonal range of a scene, not a uniform texture
    assert 40_000 < len(data) < 400_000  # the size of a phone photo exported at this size


def test_photos_differ_by_seed_and_scene_and_repeat_by_seed() -> None:
    shots = {photo_jpeg(random.Random(seed), 320, 240) for seed in range(8)}
    assert len(shots) == 8
    assert photo_jpeg(random.Random(4), 320, 240, taken=TAKEN) == photo_jpeg(random.Random(4), 320, 240, taken=TAKEN)
    scenes = {
        Image.open(io.BytesIO(photo_jpeg(random.Random(0), 160, 120, scene=s))).convert("L").resize((4, 3)).tobytes()
        for s in PHOTO_SCENES
    }
    assert len(scenes) == len(PHOTO_SCENES)


def test_cameras_suit_the_user() -> None:
    makes = [camera_for(random.Random(seed), "macos").make for seed in range(60)]
    assert makes.count("Apple") > 40
    others = {camera_for(random.Random(seed), "windows").make for seed in range(60)}
    assert {"samsung", "Google"} <= others


def _red_yellow_green_lights(img: Image.Image) -> int:
    raw = img.convert("RGB").crop((0, 0, 90, 30)).tobytes()
    lights = {(0xFF, 0x5F, 0x57), (0xFE, 0xBC, 0x2E), (0x28, 0xC8, 0x40)}
    return sum(1 for i in range(0, len(raw), 3) if (raw[i], raw[i + 1], raw[i + 2]) in lights)


def _dark_pixels(img: Image.Image, box: tuple[int, int, int, int]) -> int:
    return sum(1 for value in img.convert("L").crop(box).tobytes() if value < 90)


def test_screenshots_have_the_title_bar_of_their_os() -> None:
    lines = ["Setlist - The Anchor, 14 June", "1. Iron Lung (4:10)", "2. Ringside (3:25)"]
    shots = {
        os_name: Image.open(
            io.BytesIO(screenshot_png(random.Random(1), 640, 400, title="Setlist.docx", os_name=os_name, lines=lines))
        )
        for os_name in ("macos", "windows", "linux")
    }
    assert _red_yellow_green_lights(shots["macos"]) > 50
    assert _red_yellow_green_lights(shots["windows"]) == 0 and _red_yellow_green_lights(shots["linux"]) == 0
    assert _dark_pixels(shots["windows"], (560, 0, 640, 22)) > 10  # minimise / maximise / close glyphs
    assert _dark_pixels(shots["macos"], (560, 0, 640, 22)) == 0
    assert _dark_pixels(shots["linux"], (600, 0, 640, 22)) > 3  # GNOME's close button
    assert _dark_pixels(shots["linux"], (500, 0, 580, 22)) == 0  # and nothing else on the right


def test_screenshot_shows_the_given_text() -> None:
    def shot(lines: list[str]) -> Image.Image:
        data = screenshot_png(random.Random(1), 640, 400, title="Notes", os_name="windows", lines=lines)
        return Image.open(io.BytesIO(data)).convert("L")

    short, longer = shot(["Farm plan"]), shot(["Farm plan", "Corn on the north field from 20 April, 120 acres."])
    body = (20, 60, 640, 120)
    assert _dark_pixels(longer, body) > _dark_pixels(short, body) + 100
    neutral = write_image(ImageSpec(subject="screenshot", width=400, height=300, title="Inbox"))
    assert _red_yellow_green_lights(Image.open(io.BytesIO(neutral))) == 0  # no OS given: no macOS buttons


def test_exif_template_is_used_and_equals_a_fresh_build() -> None:
    """The cached EXIF template (dates, exposure, ISO put in place) gives Pillow's bytes for every shot, also an
    exposure Pillow reduces (1/250 s is written 1/250, not 4000/1000000), and is actually used (not rebuilt)."""
    from synthcomp_agents.office import _write_image as wi

    wi._exif_templates.clear()
    rng = random.Random(3)
    for _ in range(200):
        exif = CameraExif(
            make=rng.choice(["Apple", "SONY"]),
            model="iPhone 14 Pro",
            taken=datetime(rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), 7, 9),
            software=rng.choice(["", "17.5.1"]),
            utc_offset=rng.choice(["", "+08:00", "-05:30", "+01:00", "+5:30"]),
            lens=rng.choice(["", "back camera"]),
            exposure_s=rng.choice([1 / 30, 1 / 250, 1 / 2000, rng.random() * 2, 0.0]),
            iso=rng.choice([50, 3200, rng.randint(0, 65535)]),
        )
        size = rng.choice([(480, 360), (360, 480), (4032, 3024), (1, 1), (70_000, 9)])
        assert wi._exif_bytes(exif, size) == wi._build_exif(exif, size, exif.taken.strftime("%Y:%m:%d %H:%M:%S"))
    assert wi._exif_templates and all(entry is not None for entry in wi._exif_templates.values())
    # one template per camera setting (make, software, lens, offset written or not), whatever the size and offset
    assert len(wi._exif_templates) <= 2 * 2 * 2 * 2


def test_write_image_photo_takes_exif() -> None:
    exif = CameraExif("Google", "Pixel 7", taken=datetime(2024, 12, 24, 9, 5), software="HDR+ 1.0.540104767zd")
    data = write_image(ImageSpec(subject="photo", format="jpg", width=320, height=240, seed=3), exif=exif)
    base, sub = _exif(data)
    assert base[ExifBase.Model] == "Pixel 7" and sub[ExifBase.DateTimeOriginal] == "2024:12:24 09:05:00"


_MAGIC = {
    ".exe": b"MZ",
    ".msi": bytes.fromhex("D0CF11E0A1B11AE1"),
    ".pkg": b"xar!",
    ".deb": b"!<arch>\ndebian-binary",
    ".AppImage": b"\x7fELF\x02\x01\x01\x00AI\x02",
    ".tar.gz": b"\x1f\x8b",
    ".zip": b"PK\x03\x04",
}
_OS_EXT = {"windows": (".exe", ".msi"), "macos": (".dmg", ".pkg", ".zip"), "linux": (".deb", ".AppImage", ".tar.gz")}


@pytest.mark.parametrize("os_name", ["windows", "macos", "linux"])
def test_installers_are_in_their_os_format(os_name: str) -> None:
    seen: set[str] = set()
    for app, _version, filename, (low, high), _fmt in _INSTALLERS[os_name]:
        others = frozenset(row[2] for row in _INSTALLERS[os_name] if row[2] != filename)
        inst = installer_for(random.Random(app), os_name, exclude=others)
        assert inst.filename == filename and filename.endswith(_OS_EXT[os_name])
        assert low * 1e6 * 0.98 <= len(inst.data) <= high * 1e6 * 1.02 + 10_000
        if filename.endswith(".dmg"):
            assert inst.data[-512:-508] == b"koly"
        else:
            magic = next(m for ext, m in _MAGIC.items() if filename.endswith(ext))
            assert inst.data.startswith(magic), filename
        if filename.endswith(".tar.gz"):
            with tarfile.open(fileobj=io.BytesIO(inst.data), mode="r:gz") as tar:
                assert any(m.isfile() and m.mode & 0o111 for m in tar.getmembers())
        if filename.endswith(".exe"):
            offset = int.from_bytes(inst.data[0x3C:0x40], "little")
            assert inst.data[offset : offset + 6] == b"PE\0\0\x64\x86"  # PE32+, x86-64
        seen.add(filename)
        assert b"synthcomp" not in inst.data[:4096].lower()
    assert len(seen) == len(_INSTALLERS[os_name])


def test_deb_is_a_real_debian_package() -> None:
    others = frozenset(r[2] for r in _INSTALLERS["linux"] if not r[2].startswith("dropbox"))
    data = installer_for(random.Random(0), "linux", exclude=others).data
    assert data.startswith(b"!<arch>\n")
    pos, members = 8, {}
    while pos < len(data):
        name, size = data[pos : pos + 16].decode().strip(), int(data[pos + 48 : pos + 58].decode())
        members[name] = data[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size % 2)
    assert list(members) == ["debian-binary", "control.tar.gz", "data.tar.gz"]
    assert members["debian-binary"] == b"2.0\n"
    with tarfile.open(fileobj=io.BytesIO(members["control.tar.gz"]), mode="r:gz") as tar:
        control = tar.extractfile("./control")
        assert control is not None and b"Package: dropbox" in control.read()


@pytest.mark.parametrize("os_name", ["macos", "windows", "linux"])
def test_producer_fields_name_real_applications(os_name: str) -> None:
    for seed in range(6):
        sw = software_for(os_name, random.Random(seed))  # type: ignore[arg-type]
        when = datetime(2025, 3, 4, 9, 30, tzinfo=timezone.utc)
        ics = write_ics(
            CalendarSpec(
                events=[EventSpec(uid="a@b.example", summary="Gig", start=when, end=when + timedelta(hours=2))]
            ),
            prodid=sw.calendar_prodid,
        )
        assert str(icalendar.Calendar.from_ical(ics)["PRODID"]) == sw.calendar_prodid
        eml = write_eml(
            EmailSpec(sender="a@b.example", to=["c@d.example"], subject="Setlist", date=when, body="Attached."),
            mailer=sw.mail_client,
            mailer_header=sw.mail_header,
        )
        msg = email.message_from_bytes(eml, policy=email.policy.default)
        assert msg[sw.mail_header] == sw.mail_client
        props = DocProperties(author="Sam Reed", created=when, modified=when + timedelta(days=2))
        pdf = write_pdf(
            DocumentSpec(title="Setlist", blocks=[Paragraph(text="Opening act.")], properties=props),
            producer=sw.pdf_producer,
            creator=sw.pdf_creator,
            page_size="A4",
        )
        meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
        assert meta is not None and meta.producer == sw.pdf_producer and meta.creator == sw.pdf_creator
        assert meta.creation_date == when and meta.modification_date == when + timedelta(days=2)
        for raw in (ics, eml, pdf):
            assert b"synthcomp" not in raw.lower() and b"reportlab" not in raw.lower()
        if os_name == "macos":
            assert sw.calendar_prodid == f"-//Apple Inc.//macOS {sw.os_version}//EN"
            assert sw.os_version in sw.pdf_producer and "Quartz PDFContext" in sw.pdf_producer
        elif os_name == "windows":
            assert "Microsoft" in sw.calendar_prodid and "Apple" not in sw.mail_client
        else:
            assert "Microsoft" not in sw.calendar_prodid and sw.pdf_producer.startswith("LibreOffice")


def test_outside_pdfs_have_their_own_producers() -> None:
    producers = {outside_pdf_producer(random.Random(s), kind)[0] for s in range(20) for kind in ("statement", "ticket")}
    assert len(producers) >= 4 and not any("Word" in p for p in producers)
