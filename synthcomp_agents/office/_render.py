"""One entry point for all writers: render a spec to the format named by a file extension."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._errors import OfficeError
from ._specs import CalendarSpec, CsvSpec, DocumentSpec, EmailSpec, ImageSpec, PresentationSpec, SpreadsheetSpec
from ._write_docx import write_docx
from ._write_image import write_image
from ._write_mail import write_eml, write_ics
from ._write_pdf import write_pdf
from ._write_pptx import write_pptx
from ._write_text import write_csv, write_markdown, write_text
from ._write_xlsx import write_xlsx

__all__ = ["render_artifact", "supported_formats"]

_ALIASES = {"jpeg": "jpg", "markdown": "md", "text": "txt", "ical": "ics", "ifb": "ics"}


def _csv_as(delimiter: str) -> Callable[[CsvSpec], bytes]:
    def render(spec: CsvSpec) -> bytes:
        return write_csv(spec.model_copy(update={"delimiter": delimiter}))

    return render


def _image_as(fmt: str) -> Callable[[ImageSpec], bytes]:
    def render(spec: ImageSpec) -> bytes:
        return write_image(spec if spec.format == fmt else spec.model_copy(update={"format": fmt}))

    return render


_WRITERS: dict[type, dict[str, Callable[[Any], bytes]]] = {
    DocumentSpec: {"docx": write_docx, "pdf": write_pdf, "md": write_markdown, "txt": write_text},
    SpreadsheetSpec: {"xlsx": write_xlsx},
    PresentationSpec: {"pptx": write_pptx},
    CsvSpec: {"csv": write_csv, "tsv": _csv_as("\t")},
    EmailSpec: {"eml": write_eml},
    CalendarSpec: {"ics": write_ics},
    ImageSpec: {"png": _image_as("png"), "jpg": _image_as("jpg")},
}


def supported_formats(spec: object) -> list[str]:
    """File extensions (without dot) a spec can be rendered to.

    Example:
        >>> from synthcomp_agents.office import DocumentSpec
        >>> supported_formats(DocumentSpec(title="Minutes"))
        ['docx', 'pdf', 'md', 'txt']
    """
    return list(_WRITERS.get(type(spec), {}))


def render_artifact(spec: object, fmt: str) -> bytes:
    """Render a spec to bytes in the format named by a file extension.

    Args:
        spec: Any office spec (DocumentSpec, SpreadsheetSpec, PresentationSpec, CsvSpec, EmailSpec, CalendarSpec,
            ImageSpec).
        fmt: Target extension, with or without the dot, any case ("docx", ".PDF", "md", "jpeg", ...).

    Returns:
        The file bytes.

    Raises:
        OfficeError: If the spec type is unknown, the format does not fit the spec (the message lists the formats
            that do), or the spec cannot be rendered.

    Example:
        >>> from synthcomp_agents.office import DocumentSpec, Paragraph
        >>> render_artifact(DocumentSpec(title="Minutes", blocks=[Paragraph(text="Agreed.")]), ".md")
        b'# Minutes\\n\\nAgreed.\\n'
    """
    writers = _WRITERS.get(type(spec))
    if writers is None:
        known = ", ".join(t.__name__ for t in _WRITERS)
        raise OfficeError(f"cannot render a {type(spec).__name__}; pass one of: {known}")
    key = fmt.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    writer = writers.get(key)
    if writer is None:
        raise OfficeError(f"a {type(spec).__name__} cannot be rendered as {fmt!r}; valid formats: {', '.join(writers)}")
    try:
        return writer(spec)
    except OfficeError:
        raise
    except RecursionError as exc:
        raise OfficeError(f"could not render the {key} file: the content is nested too deeply.") from exc
    except Exception as exc:  # a library refused the content (limits, odd characters): say so in OfficeError terms
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        raise OfficeError(
            f"could not render the {key} file ({type(exc).__name__}{': ' + detail if detail else ''}); "
            "shorten or simplify the content and try again."
        ) from exc
