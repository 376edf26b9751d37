"""Files of a document: PDF (pdf.py, WeasyPrint) and DOCX (word.py, python-docx) from the same
structure, their download names, and the render cache.

    cached_file(document, "pdf") -> bytes       rendered once per content, then from the cache
    file_name(["KH", "34", "BCĐ", "2023"], "pdf") -> FileName

A file is cached (Django's cache "documents") under the hash of everything it is made from: the
document structure, the stylesheet and templates, the font family, the renderer version. An
unchanged document is rendered once; any change to it or to the layout renders it again.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from django.core.cache import caches
from django.template.loader import get_template

from .fonts import resolve_family
from .html import document_stylesheet
from .pdf import document_pdf
from .word import document_docx

RENDERER_VERSION = "1"  # bump when the layout code changes in a way the sources do not show
CACHE = "documents"  # the alias in settings.CACHES
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
RENDERERS = {"pdf": document_pdf, "docx": document_docx}


@dataclass(frozen=True)
class FileName:
    ascii: str  # KH-34-BCD-2023.pdf
    unicode: str  # KH-34-BCĐ-2023.pdf

    def content_disposition(self):
        """attachment with an ASCII name and the UTF-8 one (RFC 6266 filename*)."""
        return (
            f'attachment; filename="{self.ascii}"; '
            f"filename*=UTF-8''{quote(self.unicode, safe='')}"
        )


NAME_MAX = 120  # characters before the extension: long enough to read, short for any disk
# Characters no file name may hold on Windows, macOS or Linux, and the quote that would end
# the header's filename="…"; control characters (a line break ends the header) go as well.
UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\s–—]+')


def _ascii(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if ord(ch) < 128 and not unicodedata.combining(ch))
    return _tidy(re.sub(r"[^A-Za-z0-9._()-]+", "-", kept))


def _tidy(name):
    """One '-' between words, none at the ends, no leading dot, at most NAME_MAX characters."""
    name = re.sub(r"-{2,}", "-", name).strip("-. ")
    return name[:NAME_MAX].rstrip("-. ")


def file_name(parts, fmt):
    """The download name made of parts joined by '-' (spaces, slashes, line breaks, quotes and
    other characters a file name or a header cannot hold become '-'); whatever the plan's or the
    unit's text holds, the name is a valid header value and a valid file name."""
    text = "-".join(str(part) for part in parts if part)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cs", "Co"))
    name = _tidy(UNSAFE.sub("-", unicodedata.normalize("NFC", text))) or "van-ban"
    return FileName(f"{_ascii(name) or 'van-ban'}.{fmt}", f"{name}.{fmt}")


@lru_cache(maxsize=1)
def _sources_digest():
    """What the layout is made of besides the document: stylesheet, templates, code version."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    digest.update(document_stylesheet().encode())
    for name in (
        "documents/plan_print.html",
        "documents/_plan_body.html",
        "documents/_rule_widths.css",
        "documents/_table.html",
    ):
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()


def document_key(document, fmt):
    """The content key of a rendered file."""
    family = resolve_family().name if fmt == "pdf" else "Times New Roman"
    payload = json.dumps(asdict(document), ensure_ascii=False, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{fmt}\n{family}\n{_sources_digest()}\n".encode())
    digest.update(payload.encode())
    return digest.hexdigest()


def _render(document, fmt):
    return RENDERERS[fmt](document)


def cached_file(document, fmt):
    """The rendered file of document, from the cache or rendered now and cached."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    key = f"{fmt}:{document_key(document, fmt)}"
    data = caches[CACHE].get(key)
    if data is None:
        data = _render(document, fmt)
        caches[CACHE].set(key, data)
    return data
