"""Rendering safety, fonts, caching, the frozen PDF of an issue, downloads and the command."""

import io
from pathlib import Path
from urllib.parse import quote

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents import files, fonts
from documents.fetcher import FetchRefused, StaticOnlyFetcher
from documents.pdf import html_to_pdf, print_html
from plans import printing
from plans.demo import load_demo_plans
from plans.models import IssuedDocument, Plan
from plans.printing import build_document, plan_for_document

HOSTILE = (
    '<img src="http://127.0.0.1:9/track.png"> <link rel="stylesheet" href="file:///etc/passwd">'
)


@pytest.fixture
def seeds(demo, settings, tmp_path):
    settings.CACHES = {**settings.CACHES, "documents": documents_cache(tmp_path / "cache")}
    return load_demo_plans()


@pytest.fixture
def quyet_thang(seeds):
    """Seed 003, issued as 34/KH-BCĐ on 28/02/2023."""
    return seeds[3]


def documents_cache(folder, max_entries=2000):
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(folder),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


def pdf_text(data):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


# Safety ------------------------------------------------------------------------------------


def test_fetcher_serves_our_static_files_only():
    fetcher = StaticOnlyFetcher()
    css = Path(__file__).resolve().parents[2] / "static" / "css" / "document.css"
    assert b".kh-document" in fetcher(css.as_uri()).read()
    for url in (
        "http://127.0.0.1:9/track.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
        (css.parent / ".." / ".." / "plans" / "models.py").as_uri(),  # ../ out of static
        "data:text/css,body{}",
        "ftp://127.0.0.1/x",
    ):
        with pytest.raises(FetchRefused):
            fetcher(url)
    assert len(fetcher.refused) == 6


def test_weasyprint_reaches_nothing_but_static_even_with_raw_html():
    fetcher = StaticOnlyFetcher()
    html = f"<html><body><p>Xin chào</p>{HOSTILE}</body></html>"
    html = html.replace("<body>", "<body style=\"font-family: 'Liberation Serif'\">")
    family = fonts.resolve_family()
    pdf = html_to_pdf(html.replace("Liberation Serif", family.name), fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert set(fetcher.refused) == {"http://127.0.0.1:9/track.png", "file:///etc/passwd"}


def test_plan_text_with_markup_is_printed_as_text_and_fetches_nothing(quyet_thang):
    plan = plan_for_document(quyet_thang.pk)
    plan.opening = f"Mở đầu {HOSTILE}"
    plan.summary = "Trích yếu <script>alert(1)</script> & “ngoặc”"
    html = print_html(build_document(plan))
    assert "&lt;img src=&quot;http://127.0.0.1:9/track.png&quot;&gt;" in html
    assert "<img" not in html and "<script>" not in html and "<link" not in html
    fetcher = StaticOnlyFetcher()
    text = " ".join(pdf_text(html_to_pdf(html, fetcher=fetcher)).split())
    assert fetcher.refused == []  # escaped text never becomes a request
    assert '<img src="http://127.0.0.1:9/track.png">' in text
    assert "file:///etc/passwd" in text


# Fonts --------------------------------------------------------------------------------------


def test_a_missing_font_fails_loudly_naming_what_to_install():
    with pytest.raises(fonts.FontMissing, match="fonts-liberation2"):
        fonts.find_family(("Phông Không Có",))


def test_a_substituted_family_is_refused(monkeypatch):
    # fontconfig answers every request with *some* font; another family must not pass.
    monkeypatch.setattr(fonts, "_match", lambda family, style: ("DejaVu Serif", "/x.ttf"))
    with pytest.raises(fonts.FontMissing, match="DejaVu Serif"):
        fonts.find_family()


def test_old_liberation_without_vietnamese_letters_is_refused(monkeypatch):
    old = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
    if not old.exists():
        pytest.skip("fonts-liberation 1.x is not installed here")
    assert "Ộ" in fonts.missing_letters(old)
    monkeypatch.setattr(fonts, "_match", lambda family, style: (family, str(old)))
    with pytest.raises(fonts.FontMissing, match="thiếu chữ"):
        fonts.find_family(("Liberation Serif",))


def test_the_installed_family_is_times_compatible_with_vietnamese():
    family = fonts.resolve_family()
    assert family.name in fonts.FAMILIES
    assert set(family.files) == set(fonts.STYLES)
    assert all(fonts.missing_letters(path) == "" for path in family.files.values())


def test_a_character_the_font_lacks_stops_the_pdf_instead_of_another_family(quyet_thang):
    plan = plan_for_document(quyet_thang.pk)
    plan.opening = "Biểu tượng ☃ không có trong phông Times New Roman."
    with pytest.raises(fonts.FontMissing, match="phông khác"):
        html_to_pdf(print_html(build_document(plan)))


def test_without_the_font_the_download_and_the_command_fail_loudly(
    client, quyet_thang, monkeypatch, tmp_path
):
    def missing():
        raise fonts.FontMissing("Không có phông chữ Times New Roman. Cài fonts-liberation2.")

    monkeypatch.setattr(fonts, "resolve_family", missing)
    login(client, "quyetthang-editor")
    response = client.get(reverse("plans:download_pdf", args=[quyet_thang.pk]))
    assert response.status_code == 503
    assert "fonts-liberation2" in response.content.decode()
    with pytest.raises(CommandError, match="fonts-liberation2"):
        call_command("render_plan", id=quyet_thang.pk, format="pdf", output=str(tmp_path / "x.pdf"))


# Cache and the frozen PDF --------------------------------------------------------------------


def test_an_unchanged_plan_is_rendered_once_a_changed_one_again(quyet_thang, monkeypatch):
    calls = []
    real = files._render
    monkeypatch.setattr(files, "_render", lambda doc, fmt: calls.append(fmt) or real(doc, fmt))
    first, _ = printing.plan_file(quyet_thang, "pdf")
    again, _ = printing.plan_file(Plan.objects.get(pk=quyet_thang.pk), "pdf")
    assert first == again and calls == ["pdf"]
    printing.plan_file(quyet_thang, "docx")
    printing.plan_file(quyet_thang, "docx")
    assert calls == ["pdf", "docx"]
    Plan.objects.filter(pk=quyet_thang.pk).update(summary="Trích yếu đã sửa")
    changed, _ = printing.plan_file(Plan.objects.get(pk=quyet_thang.pk), "pdf")
    assert calls == ["pdf", "docx", "pdf"]
    assert "Trích yếu đã sửa" in pdf_text(changed)


def test_the_cache_folder_stays_bounded(tmp_path, settings):
    from django.core.cache import caches

    settings.CACHES = {**settings.CACHES, "documents": documents_cache(tmp_path, max_entries=10)}
    for number in range(25):
        caches[files.CACHE].set(f"pdf:{number}", b"%PDF-" + bytes(number))
    assert 0 < len(list(tmp_path.iterdir())) <= 10
    assert caches[files.CACHE].get("pdf:24") == b"%PDF-" + bytes(24)


def test_an_issued_plan_keeps_the_exact_pdf_it_was_issued_with(quyet_thang, client):
    frozen = printing.freeze_issued_pdf(quyet_thang)
    with frozen.file.open("rb") as stored:
        kept = stored.read()
    assert frozen.sha256 == __import__("hashlib").sha256(kept).hexdigest()
    assert printing.freeze_issued_pdf(quyet_thang).pk == frozen.pk  # idempotent
    # Later edits (or a new layout) change the current rendering, not the issued file.
    Plan.objects.filter(pk=quyet_thang.pk).update(summary="Sửa sau khi ban hành")
    login(client, "quyetthang-editor")
    response = client.get(reverse("plans:download_pdf", args=[quyet_thang.pk]))
    assert response.content == kept
    assert IssuedDocument.objects.count() == 1


def test_a_draft_is_served_as_rendered_now(seeds, client):
    draft = seeds[1]
    assert draft.status == Plan.Status.DRAFT
    login(client, "sldtbxh-editor")
    response = client.get(reverse("plans:download_pdf", args=[draft.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "Số: /KH-LĐTBXH" in text
    assert not IssuedDocument.objects.exists()


# Downloads ------------------------------------------------------------------------------------


def test_downloads_have_readable_file_names_with_utf8_variant(quyet_thang, client):
    login(client, "quyetthang-editor")
    pdf = client.get(reverse("plans:download_pdf", args=[quyet_thang.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == (
        'attachment; filename="KH-34-BCD-2023.pdf"; '
        f"filename*=UTF-8''{quote('KH-34-BCĐ-2023.pdf')}"
    )
    docx = client.get(reverse("plans:download_docx", args=[quyet_thang.pk]))
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx.content.startswith(b"PK")
    assert 'filename="KH-34-BCD-2023.docx"' in docx["Content-Disposition"]


def test_draft_file_name_says_it_is_a_draft(seeds):
    name = printing.plan_file_name(seeds[1], "pdf")
    assert name.ascii == "KH-LDTBXH-2024-du-thao.pdf"
    assert name.unicode == "KH-LĐTBXH-2024-dự-thảo.pdf"


def test_downloads_go_through_the_plan_door(seeds, client):
    draft = seeds[2]  # Quyết Tiến ward draft: only its own members see it
    url = reverse("plans:download_pdf", args=[draft.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    login(client, "quyetthang-editor")
    assert client.get(url).status_code == 404
    assert client.get(reverse("plans:download_docx", args=[draft.pk])).status_code == 404
    assert client.post(reverse("plans:download_pdf", args=[seeds[3].pk])).status_code == 405


def test_plan_page_offers_both_downloads(quyet_thang, client):
    login(client, "quyetthang-editor")
    page = client.get(reverse("plans:detail", args=[quyet_thang.pk])).content.decode()
    assert reverse("plans:download_pdf", args=[quyet_thang.pk]) in page
    assert reverse("plans:download_docx", args=[quyet_thang.pk]) in page


# The command ----------------------------------------------------------------------------------


def test_render_plan_writes_pdf_and_docx(quyet_thang, tmp_path):
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        out = tmp_path / f"plan.{fmt}"
        call_command("render_plan", match="Quyết Thắng", format=fmt, output=str(out))
        assert out.read_bytes().startswith(magic)
    assert "Thực hiện nhiệm vụ trọng tâm" in pdf_text((tmp_path / "plan.pdf").read_bytes())
