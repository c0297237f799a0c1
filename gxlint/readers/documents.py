"""PDF and Word files: which format a file really is, the formats gxlint does not read,
and the limits that keep a damaged or hostile file from crashing or stalling a run.

The format is taken from the file's first bytes when they say it (``%PDF-``, a ZIP
package holding ``word/document.xml``, an OLE2 compound file), else from the extension:
a report saved as ``report.html`` that is really a PDF is read as a PDF, and a legacy
``.doc`` gets a clear "convert it first" error (GX009) rather than noise or GX004.
Readers of binary documents raise :class:`gxlint.errors.InputError` with the helpers
below, so every refusal carries the same arguments (``kind``/``kind_zh``,
``problem``/``problem_zh``) in both languages.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gxlint.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import zipfile

# Limits far above any real annual report (5-40 pages, a .docx of a few hundred KB).
MAX_PAGES = 300
MAX_ZIP_ENTRIES = 2000
MAX_UNPACKED = 200 * 1024 * 1024  # total declared size of a .docx package's parts
MAX_PART = 64 * 1024 * 1024  # one part (word/document.xml)
MAX_RATIO = 200  # declared size / compressed size of a large part: a zip bomb

_CONVERT_DOCX = "soffice --headless --convert-to docx"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")

# extension -> (kind, kind_zh, how to convert: en, zh)
_WORDLIKE = ("convert it to .docx first, e.g. `{cmd} {name}` (LibreOffice), or save it as .docx from Word or WPS",
             "请先转换为 .docx，例如 `{cmd} {name}`（LibreOffice），或在 Word、WPS 中另存为 .docx")
_SHEET = ("a report's tables are read from the report itself: lint the report's .docx, PDF or web page",
          "统计表应随报告正文一起检查：请检查报告的 .docx、PDF 或网页")
_IMAGE = ("the report is a picture: OCR it first (e.g. `ocrmypdf -l chi_sim scan.pdf report.pdf`) and lint the result",
          "报告是图片：请先进行文字识别（OCR），例如 `ocrmypdf -l chi_sim scan.pdf report.pdf`，再检查识别结果")
_OFD = ("convert it to PDF first (e.g. with the OFD reader's “export to PDF”), or lint the report's web page",
        "请先转换为 PDF（例如用 OFD 阅读器“导出为 PDF”），或检查报告的网页")
UNREAD: dict[str, tuple[str, str, tuple[str, str]]] = {
    ".doc": ("Word 97-2003 (.doc)", "Word 97-2003（.doc）", _WORDLIKE),
    ".dot": ("Word 97-2003 (.dot)", "Word 97-2003（.dot）", _WORDLIKE),
    ".wps": ("WPS (.wps)", "WPS（.wps）", _WORDLIKE),
    ".wpt": ("WPS (.wpt)", "WPS（.wpt）", _WORDLIKE),
    ".rtf": ("RTF", "RTF", _WORDLIKE),
    ".odt": ("OpenDocument text (.odt)", "OpenDocument 文本（.odt）", _WORDLIKE),
    ".xls": ("spreadsheet (.xls)", "电子表格（.xls）", _SHEET),
    ".xlsx": ("spreadsheet (.xlsx)", "电子表格（.xlsx）", _SHEET),
    ".et": ("WPS spreadsheet (.et)", "WPS 表格（.et）", _SHEET),
    ".ods": ("spreadsheet (.ods)", "电子表格（.ods）", _SHEET),
    ".ppt": ("presentation (.ppt)", "演示文稿（.ppt）", _WORDLIKE),
    ".pptx": ("presentation (.pptx)", "演示文稿（.pptx）", _WORDLIKE),
    ".dps": ("WPS presentation (.dps)", "WPS 演示（.dps）", _WORDLIKE),
    ".ofd": ("OFD", "OFD", _OFD),
    ".png": ("image (.png)", "图片（.png）", _IMAGE),
    ".jpg": ("image (.jpg)", "图片（.jpg）", _IMAGE),
    ".jpeg": ("image (.jpeg)", "图片（.jpeg）", _IMAGE),
    ".gif": ("image (.gif)", "图片（.gif）", _IMAGE),
    ".tif": ("image (.tif)", "图片（.tif）", _IMAGE),
    ".tiff": ("image (.tiff)", "图片（.tiff）", _IMAGE),
    ".bmp": ("image (.bmp)", "图片（.bmp）", _IMAGE),
    ".webp": ("image (.webp)", "图片（.webp）", _IMAGE),
}
_IMAGE_MAGIC = {b"\x89PNG": ".png", b"\xff\xd8\xff": ".jpg", b"GIF8": ".gif", b"II*\x00": ".tif",
                b"MM\x00*": ".tif"}

KINDS = {"pdf": ("PDF", "PDF"), "docx": ("Word (.docx)", "Word（.docx）"),
         "mhtml": ("saved web page (MHTML)", "单个文件网页（MHTML）")}


def input_error(code: str, fmt: str, problem: str = "", problem_zh: str = "", **details: Any) -> InputError:
    """An :class:`InputError` for a document of format ``fmt`` (``pdf``/``docx``)."""
    kind, kind_zh = KINDS.get(fmt, (fmt, fmt))
    return InputError(code, kind=kind, kind_zh=kind_zh, problem=problem, problem_zh=problem_zh, **details)


def damaged(fmt: str, problem: str, problem_zh: str) -> InputError:
    return input_error("GX015", fmt, problem, problem_zh)


def _not_read(path: str, extension: str) -> InputError:
    kind, kind_zh, (convert, convert_zh) = UNREAD[extension]
    name = Path(path).name or path
    if " " in name or "'" in name:
        name = '"' + name.replace('"', '\\"') + '"'
    return InputError("GX009", kind=kind, kind_zh=kind_zh,
                      convert=convert.format(cmd=_CONVERT_DOCX, name=name),
                      convert_zh=convert_zh.format(cmd=_CONVERT_DOCX, name=name))


def resolve_format(raw: bytes, path: str, fmt: str, explicit: bool = False) -> str:
    """The format to read ``raw`` as; raises ``InputError`` for formats not read.

    ``fmt`` is the format from the extension (or the one the caller asked for with
    ``explicit``).  Text formats whose bytes look like text are left alone.
    """
    extension = Path(path).suffix.lower()
    head = raw[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _zip_format(raw, path, extension, fmt)
    if raw.startswith(_OLE):
        # An encrypted .docx is an OLE2 file holding an EncryptedPackage stream.
        if _ENCRYPTED_OOXML in raw[: 1 << 20]:
            raise input_error("GX014", "docx")
        raise _not_read(path, extension if extension in UNREAD else ".doc")
    if not explicit or fmt == "mhtml":
        from gxlint.readers.sniff import looks_mhtml  # lazy: --version reads no file

        if looks_mhtml(raw):  # a page saved as one file: .mht, .mhtml, or a site's "Word" export (.doc)
            return "mhtml"
        if fmt == "mhtml":
            raise damaged("mhtml", "it is not a saved web page (no MIME multipart/related header)",
                          "它不是单个文件网页（没有 MIME multipart/related 文件头）")
    if raw.startswith(b"{\\rtf"):
        raise _not_read(path, ".rtf")
    for magic, ext in _IMAGE_MAGIC.items():
        if raw.startswith(magic):
            raise _not_read(path, extension if extension in UNREAD else ext)
    if fmt == "pdf":
        raise damaged("pdf", "it is not a PDF (no %PDF- header; perhaps an error page saved under the PDF's name)",
                      "它不是 PDF 文件（没有 %PDF- 文件头，可能是以 PDF 文件名保存的错误页面）")
    if fmt == "docx":
        raise damaged("docx", "it is not a Word .docx package (not a ZIP file)",
                      "它不是 Word .docx 文件（不是 ZIP 压缩包）")
    if not explicit and extension in UNREAD:
        if extension in (".doc", ".wps") and _looks_html(head):
            return "html"  # a web page saved under a Word name ("Save as Word" on many sites)
        raise _not_read(path, extension)
    return fmt


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<meta", b"<head"))


def _zip_format(raw: bytes, path: str, extension: str, fmt: str) -> str:
    import zipfile  # lazy: only ZIP input needs it, and importing it costs every run start-up

    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        if fmt == "docx" or extension in (".docx", ".docm", ".dotx"):
            return "docx"  # the docx reader says how it is damaged
        raise damaged("docx", "it is a damaged ZIP package", "它是损坏的 ZIP 压缩包") from None
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        raise _not_read(path, ".ofd")
    if any(n.startswith("xl/") for n in names):
        raise _not_read(path, ".xlsx")
    if any(n.startswith("ppt/") for n in names):
        raise _not_read(path, ".pptx")
    if "content.xml" in names:
        raise _not_read(path, extension if extension in (".odt", ".ods") else ".odt")
    if fmt == "docx":
        raise damaged("docx", "the ZIP package holds no word/document.xml", "压缩包中没有 word/document.xml")
    return fmt


def open_zip(raw: bytes, fmt: str = "docx") -> zipfile.ZipFile:
    """The package of a .docx, checked against the limits before anything is unpacked.

    The sizes checked are those the ZIP directory declares; :mod:`zipfile` never
    inflates a member past its declared size, so a lying header cannot bypass them.
    """
    import zipfile  # lazy: only ZIP input needs it, and importing it costs every run start-up

    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise damaged(fmt, f"it is truncated or corrupt (not a complete ZIP package: {error})",
                      f"文件不完整或已损坏（不是完整的 ZIP 压缩包：{error}）") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise damaged(fmt, f"the package holds {len(infos)} parts (limit {MAX_ZIP_ENTRIES})",
                      f"压缩包含 {len(infos)} 个部件（上限 {MAX_ZIP_ENTRIES}）")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED:
        raise damaged(fmt, f"it would unpack to {total // (1024 * 1024)} MiB (limit {MAX_UNPACKED // (1024 * 1024)} MiB): a zip bomb",
                      f"解压后将达 {total // (1024 * 1024)} MiB（上限 {MAX_UNPACKED // (1024 * 1024)} MiB），疑为压缩炸弹")
    for info in infos:
        big = info.file_size > 4 * 1024 * 1024
        if info.file_size > MAX_PART or (big and info.file_size > MAX_RATIO * max(1, info.compress_size)):
            raise damaged(fmt, f"its part {info.filename} would unpack to {info.file_size} bytes from "
                               f"{info.compress_size} (a zip bomb)",
                          f"其部件 {info.filename} 将由 {info.compress_size} 字节解压为 {info.file_size} 字节（疑为压缩炸弹）")
    return package
