"""Stage 4, filesystem policy: the home layout of the OS and the user's habits (folders, names, versions).

Example:
    >>> lay = Layout(os="windows", tidiness="tidy", org_short="Acme", year=2026)
    >>> lay.work_root
    'OneDrive - Acme/Documents'
    >>> lay.file_name("Budget review", "xlsx", __import__("datetime").date(2025, 3, 4), 2)
    '2025-03-04_Budget_review_v2.xlsx'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .._blueprint import FilesystemPolicy
from .plans import ProjectPlan
from .text import safe_name

__all__ = ["Layout"]

_TOP = {
    "macos": ["Desktop", "Documents", "Downloads", "Pictures", "Movies", "Music", "Public"],
    "windows": [
        "Desktop",
        "Documents",
        "Downloads",
        "Pictures",
        "Music",
        "Videos",
        "Contacts",
        "Favorites",
        "Links",
        "Saved Games",
        "Searches",
    ],
    "linux": ["Desktop", "Documents", "Downloads", "Music", "Pictures", "Public", "Templates", "Videos"],
}
_SUBS = {
    "tidy": {
        "admin": "01 Admin",
        "data": "02 Data",
        "raw": "02 Data",
        "reports": "03 Reports",
        "drafts": "03 Reports",
        "meetings": "04 Meetings",
        "mail": "05 Correspondence",
        "slides": "03 Reports",
    },
    "average": {
        "admin": "",
        "data": "Data",
        "raw": "Data",
        "reports": "Reports",
        "drafts": "Reports",
        "meetings": "Meetings",
        "mail": "Emails",
        "slides": "Reports",
    },
    "messy": {
        "admin": "",
        "data": "",
        "raw": "",
        "reports": "",
        "drafts": "",
        "meetings": "notes",
        "mail": "emails",
        "slides": "",
    },
}
_COPY = {"windows": "{stem} - Copy{ext}", "macos": "{stem} copy{ext}", "linux": "{stem} (copy){ext}"}
_NEW_FOLDER = {"windows": "New folder", "macos": "untitled folder", "linux": "Untitled Folder"}


@dataclass
class Layout:
    """Where things go on this computer and how files are named, following the OS and the user's tidiness."""

    os: str
    tidiness: str
    org_short: str
    year: int
    working: bool = True
    top: list[str] = field(default_factory=list)
    org_name: str = ""  # the employer's full name: OneDrive names its folder after the organisation's tenant

    def __post_init__(self) -> None:
        self.top = list(_TOP[self.os])
        if self.os == "windows" and self.working:
            self.top.insert(6, self.onedrive)

    @property
    def onedrive(self) -> str:
        """The Windows OneDrive folder of the employer ("OneDrive - Manchester City Council", as OneDrive names it
        after the organisation, never "OneDrive - La" for La Poste)."""
        return safe_name(f"OneDrive - {self.org_name or self.org_short}", 60)

    @property
    def work_root(self) -> str:
        """The root of the user's work files (their own ``Documents`` when they have no employer's drive)."""
        if not self.working:
            return "Documents"
        if self.os == "windows":
            return f"{self.onedrive}/Documents"
        return f"Documents/{self.org_short}"

    @property
    def projects_root(self) -> str:
        """Where projects live (tidy and average users)."""
        return f"{self.work_root}/Projects"

    @property
    def archive_root(self) -> str:
        """The year archive closed projects move to."""
        return f"{self.work_root}/Archive"

    @property
    def attachments(self) -> str:
        """Where the mail client saves attachments."""
        if not self.working:
            return "Documents/Attachments"
        return f"{self.onedrive}/Attachments" if self.os == "windows" else f"Documents/{self.org_short}/Attachments"

    @property
    def screenshots(self) -> str:
        """Where screenshots land (the macOS Desktop, a Pictures folder elsewhere)."""
        return "Desktop" if self.os == "macos" else "Pictures/Screenshots"

    @property
    def new_folder(self) -> str:
        """The OS's name for a freshly created folder."""
        return _NEW_FOLDER[self.os]

    def copy_name(self, stem: str, ext: str) -> str:
        """The name the OS gives a duplicated file ("X - Copy.docx", "X copy.docx", "X (copy).docx")."""
        return _COPY[self.os].format(stem=stem, ext=ext)

    def project_folder(self, plan: ProjectPlan) -> str:
        """The folder of a project: dated and year-archived (tidy), by name (average) or flat (messy)."""
        start = plan.started
        if plan.kind == "recurring":
            return f"{self.work_root}/{plan.name}"
        closed = plan.status != "active" and plan.end is not None
        if self.tidiness == "tidy":
            if closed and plan.end is not None and plan.end.year < self.year:
                return f"{self.archive_root}/{plan.end.year}/{start.year}-{start.month:02d} {plan.name}"
            return f"{self.projects_root}/{start.year}-{start.month:02d} {plan.name}"
        if self.tidiness == "average":
            if closed and plan.end is not None and plan.end.year < self.year - 1:
                return f"{self.archive_root}/{plan.end.year}/{plan.name}"
            return f"{self.projects_root}/{plan.name}"
        return f"{self.work_root}/{plan.name}"

    def sub(self, folder: str, what: str) -> str:
        """The subfolder of a project folder for ``what`` (admin, data, raw, reports, drafts, meetings, mail)."""
        part = _SUBS[self.tidiness][what]
        return f"{folder}/{part}" if part else folder

    def file_name(self, topic: str, ext: str, day: date, version: int | None = None, final: bool = False) -> str:
        """A file name in the user's naming habit (dates and versions for tidy users, FINAL for messy ones)."""
        topic = safe_name(topic, 56)
        if self.tidiness == "tidy":
            v = f"_v{version}" if version else ""
            return f"{day.isoformat()}_{topic.replace(' ', '_')}{v}.{ext}"
        if self.tidiness == "average":
            v = f"_v{version}" if version and version > 1 else ""
            fin = "_final" if final else ""
            return f"{topic} {day.strftime('%b %Y')}{v}{fin}.{ext}"
        v = " v2" if version and version > 1 else ""
        fin = " FINAL" if final else ""
        return f"{topic.lower()}{v}{fin}.{ext}"

    def policy(self, *, dotfiles: list[str], app_folders: list[str]) -> FilesystemPolicy:
        """The filesystem policy as recorded in the blueprint (every folder it names exists on the disk)."""
        subs = sorted(
            {v.split("/")[0] for v in _SUBS[self.tidiness].values() if v}
            | ({"06 Archive"} if self.tidiness == "tidy" else set())
        )
        if self.tidiness == "tidy":
            project = f"{self.projects_root}/<YYYY-MM> <Project>/{{{','.join(subs)}}}"
        elif self.tidiness == "average":
            project = f"{self.projects_root}/<Project>/{{{','.join(subs)}}}"
        else:
            project = f"{self.work_root}/<Project> (flat; {', '.join(subs)} only)"
        conventions = [project, f"{self.work_root}/<Recurring responsibility>/Notes", "Documents/Home/<Topic>"]
        if self.tidiness != "messy":
            conventions.insert(1, f"{self.archive_root}/<YYYY>/<Project>")
        return FilesystemPolicy(
            os=self.os,
            home_layout=self.top,
            folder_conventions=conventions,
            naming_patterns=[
                {"tidy": "<YYYY-MM-DD>_<Topic>_v<N>", "average": "<Topic> <Mon YYYY>", "messy": "<topic> final"}[
                    self.tidiness
                ],
                "<YYYY-MM-DD> <Subject>.eml",
                "Screenshot <date> at <time>.png",
            ],
            version_markers={"tidy": ["_v1", "_v2"], "average": ["_v2", "_final"], "messy": [" v2", " FINAL", " (1)"]}[
                self.tidiness
            ],
            depth_tendency={"tidy": "deep", "average": "moderate", "messy": "shallow"}[self.tidiness],
            clutter_tendency={"tidy": "low", "average": "medium", "messy": "high"}[self.tidiness],
            dotfiles=dotfiles,
            app_folders=app_folders,
        )
