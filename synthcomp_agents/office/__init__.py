"""Office artifacts: specs, writers, readers and editors for docx, xlsx, pptx, pdf, csv, md, eml, ics and images."""

# writers
# readers, editors, errors
from ._edit_specs import AddSheet as AddSheet
from ._edit_specs import AddSlide as AddSlide
from ._edit_specs import AppendBlocks as AppendBlocks
from ._edit_specs import AppendRows as AppendRows
from ._edit_specs import DeleteSection as DeleteSection
from ._edit_specs import DeleteSheet as DeleteSheet
from ._edit_specs import DeleteSlide as DeleteSlide
from ._edit_specs import DocxEdit as DocxEdit
from ._edit_specs import InsertAfterHeading as InsertAfterHeading
from ._edit_specs import PptxEdit as PptxEdit
from ._edit_specs import RenameSheet as RenameSheet
from ._edit_specs import ReplaceSection as ReplaceSection
from ._edit_specs import ReplaceSlide as ReplaceSlide
from ._edit_specs import ReplaceText as ReplaceText
from ._edit_specs import SetCells as SetCells
from ._edit_specs import SetNotes as SetNotes
from ._edit_specs import SetRange as SetRange
from ._edit_specs import XlsxEdit as XlsxEdit
from ._editors import edit_docx as edit_docx
from ._editors import edit_pptx as edit_pptx
from ._editors import edit_xlsx as edit_xlsx
from ._errors import OfficeEditError as OfficeEditError
from ._errors import OfficeError as OfficeError
from ._errors import OfficeFileError as OfficeFileError
from ._formulas import evaluate_workbook as evaluate_workbook
from ._formulas import load_workbook_safely as load_workbook_safely
from ._inline import InlineRun as InlineRun
from ._inline import cell_text as cell_text
from ._inline import parse_inline as parse_inline
from ._inline import strip_inline as strip_inline
from ._limits import ReadInterrupted as ReadInterrupted
from ._limits import ReadLimitError as ReadLimitError
from ._limits import interrupt_thread as interrupt_thread
from ._limits import memory_budget as memory_budget
from ._limits import read_scope as read_scope
from ._markdown import markdown_blocks as markdown_blocks
from ._read_docx import docx_blocks as docx_blocks
from ._read_docx import open_docx as open_docx
from ._read_misc import decode_text as decode_text
from ._read_misc import open_pdf as open_pdf
from ._read_pptx import open_pptx as open_pptx
from ._readers import STRUCTURED_KINDS as STRUCTURED_KINDS
from ._readers import ReadResult as ReadResult
from ._readers import extract_text as extract_text
from ._readers import file_kind as file_kind
from ._readers import outline as outline
from ._readers import read_document
from ._render import render_artifact
from ._render import supported_formats as supported_formats
from ._specs import Attachment as Attachment
from ._specs import Block as Block
from ._specs import BulletList as BulletList
from ._specs import BulletSlide as BulletSlide
from ._specs import CalendarSpec as CalendarSpec
from ._specs import CellValue as CellValue
from ._specs import ChartSeries as ChartSeries
from ._specs import ChartSlide as ChartSlide
from ._specs import ChartSpec as ChartSpec
from ._specs import ColumnSpec, SheetSpec, SpreadsheetSpec
from ._specs import CsvSpec as CsvSpec
from ._specs import DocProperties as DocProperties
from ._specs import DocumentSpec as DocumentSpec
from ._specs import EmailSpec as EmailSpec
from ._specs import EventSpec as EventSpec
from ._specs import Heading as Heading
from ._specs import ImageSpec as ImageSpec
from ._specs import NumberedList as NumberedList
from ._specs import PageBreak as PageBreak
from ._specs import Paragraph as Paragraph
from ._specs import PresentationSpec as PresentationSpec
from ._specs import Slide as Slide
from ._specs import Table as Table
from ._specs import TableSlide as TableSlide
from ._specs import TitleSlide as TitleSlide
from ._specs import TwoColumnSlide as TwoColumnSlide
from ._summary import spec_summary as spec_summary
from ._write_docx import write_docx as write_docx
from ._write_image import PHOTO_SCENES as PHOTO_SCENES
from ._write_image import CameraExif as CameraExif
from ._write_image import WindowOS as WindowOS
from ._write_image import encode_jpeg as encode_jpeg
from ._write_image import render_burst as render_burst
from ._write_image import render_photo as render_photo
from ._write_image import render_screenshot as render_screenshot
from ._write_image import write_image as write_image
from ._write_mail import write_eml as write_eml
from ._write_mail import write_ics as write_ics
from ._write_pdf import write_pdf as write_pdf
from ._write_pptx import write_pptx as write_pptx
from ._write_text import write_csv as write_csv
from ._write_text import write_markdown as write_markdown
from ._write_text import write_text
from ._write_xlsx import formulas_written as formulas_written
from ._write_xlsx import write_xlsx as write_xlsx

__all__ = [
    "ColumnSpec",
    "SheetSpec",
    "SpreadsheetSpec",
    "read_document",
    "render_artifact",
    "write_text",
]
