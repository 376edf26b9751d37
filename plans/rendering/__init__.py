"""The plan's official documents: PDF (pdf.py, WeasyPrint) and DOCX (word.py, python-docx), both
from the structure of plans.documents, plus the file cache and the frozen PDF of an issue.

    plan_file(plan, "pdf") -> (bytes, FileName)   what a download serves
    report_file(report, "pdf") -> (bytes, FileName) the same for a report (BÁO CÁO)
    freeze_issued_pdf(plan) -> IssuedDocument      called by the workflow when a plan is issued

A file is cached under the hash of everything it is made from (the document structure, the
stylesheet and templates, the font family, the renderer version), so an unchanged plan is
rendered once, and any change to it or to the layout renders it again.
"""

import contextlib
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.template.loader import get_template

# plans.documents imports .metrics from this package, so it is imported here where used.

RENDERER_VERSION = "1"  # bump when the layout code changes in a way the sources do not show
CACHE_MAX_FILES = 2000  # beyond this, the least recently written files are removed
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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


def _ascii(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if ord(ch) < 128 and not unicodedata.combining(ch))


def file_name(plan, fmt):
    """KH-34-BCD-2023.pdf for an issued plan, KH-BCD-2024-du-thao.pdf for a draft."""
    kind, _, issuer = plan.symbol.partition("-")
    parts = [kind or "KH"]
    issued = plan.number and plan.issued_on and plan.status in plan.PUBLISHED
    if issued:
        parts.append(f"{plan.number:02d}")
    parts += [issuer] if issuer else []
    parts.append(str(plan.issued_on.year if issued else plan.year))
    if not issued:
        parts.append("dự-thảo")
    return _joined(parts, fmt)


def _joined(parts, fmt):
    name = "-".join(
        part.replace(" ", "-").replace("/", "-").replace("–", "-") for part in parts if part
    )
    return FileName(f"{_ascii(name)}.{fmt}", f"{unicodedata.normalize('NFC', name)}.{fmt}")


def report_file_name(report, fmt):
    """BC-BCD-6-thang-dau-nam-2024.pdf (BC-BCĐ-6-tháng-đầu-năm-2024.pdf): type, the unit's
    abbreviation (its name when it has none), the period; '-dự-thảo' until it is sent."""
    from ..report_document import REPORT_TYPE, is_sent

    unit = report.organisation
    parts = [REPORT_TYPE, unit.symbol or unit.short_name or unit.name, report.label]
    if not is_sent(report):
        parts.append("dự-thảo")
    return _joined(parts, fmt)


@lru_cache(maxsize=1)
def _sources_digest():
    """What the layout is made of besides the plan: stylesheet, templates, code version."""
    from ..documents import document_stylesheet

    digest = hashlib.sha256(RENDERER_VERSION.encode())
    digest.update(document_stylesheet().encode())
    for name in ("documents/plan_print.html", "documents/_plan_body.html", "documents/_table.html"):
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()


def document_key(document, fmt):
    """The content key of a rendered file."""
    from .fonts import resolve_family

    family = resolve_family().name if fmt == "pdf" else "Times New Roman"
    payload = json.dumps(asdict(document), ensure_ascii=False, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{fmt}\n{family}\n{_sources_digest()}\n".encode())
    digest.update(payload.encode())
    return digest.hexdigest()


def cache_dir():
    folder = Path(
        getattr(settings, "DOCUMENT_CACHE_DIR", "")
        or Path(tempfile.gettempdir()) / "kehoach-documents"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _render(document, fmt):
    if fmt == "pdf":
        from .pdf import document_pdf

        return document_pdf(document)
    from .word import document_docx

    return document_docx(document)


def cached_file(document, fmt):
    """The rendered file of document, from the cache or rendered now and cached."""
    path = cache_dir() / f"{document_key(document, fmt)}.{fmt}"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = _render(document, fmt)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)  # atomic: a concurrent reader sees all or nothing
    _prune(path.parent)
    return data


def _prune(folder, keep=None):
    """Keep the cache folder bounded: drop the oldest files beyond CACHE_MAX_FILES."""
    keep = keep or CACHE_MAX_FILES
    files = [entry for entry in os.scandir(folder) if entry.is_file()]
    if len(files) <= keep:
        return
    files.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in files[: len(files) - int(keep * 0.8)]:
        with contextlib.suppress(FileNotFoundError):  # another worker removed it first
            os.remove(entry.path)


def plan_file(plan, fmt):
    """(bytes, FileName) of plan as fmt: the frozen PDF of an issued plan if it has one,
    otherwise the current rendering (cached on content)."""
    from ..documents import build_document, plan_for_document
    from ..models import IssuedDocument

    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    if fmt == "pdf" and plan.status in plan.PUBLISHED:
        frozen = IssuedDocument.objects.filter(plan_id=plan.pk).only("pdf").first()
        if frozen is not None:
            return bytes(frozen.pdf), file_name(plan, fmt)
    plan = plan_for_document(plan.pk)
    return cached_file(build_document(plan), fmt), file_name(plan, fmt)


def report_file(report, fmt):
    """(bytes, FileName) of report as fmt, rendered from its current data (cached on
    content, as a plan's)."""
    from ..report_document import build_report_document, report_for_document

    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    report = report_for_document(report.pk)
    return cached_file(build_report_document(report), fmt), report_file_name(report, fmt)


def freeze_issued_pdf(plan):
    """Keep the PDF of plan as it is now: the workflow calls this when the plan is issued.

    Idempotent: a plan keeps the first PDF frozen for it.
    """
    from ..documents import build_document, plan_for_document
    from ..models import IssuedDocument

    existing = IssuedDocument.objects.filter(plan_id=plan.pk).first()
    if existing is not None:
        return existing
    data = cached_file(build_document(plan_for_document(plan.pk)), "pdf")
    return IssuedDocument.objects.create(
        plan_id=plan.pk, pdf=data, sha256=hashlib.sha256(data).hexdigest()
    )
