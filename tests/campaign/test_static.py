"""Static files: every file a template names is found, and only those third-party files ship."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.engine_independent

STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")
SOURCE_MAP = re.compile(r"sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)


def template_references():
    """Every path a project template passes to {% static %}."""
    found = set()
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(folder).rglob("*.html"):
            found |= set(STATIC_TAG.findall(template.read_text(encoding="utf-8")))
    return found


def with_source_maps(paths):
    """paths and the source maps their files point to (shipped for ManifestStaticFilesStorage)."""
    maps = set()
    for path in paths:
        text = Path(finders.find(path)).read_text(encoding="utf-8")
        maps |= {f"{path.rpartition('/')[0]}/{name}" for name in SOURCE_MAP.findall(text)}
    return paths | maps


def test_templates_name_the_vendor_files_and_our_own_assets():
    assert {
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/htmx/htmx.min.js",
        "vendor/tom-select/tom-select.complete.min.js",
        "vendor/tom-select/tom-select.bootstrap5.min.css",
        "css/app.css",
        "js/unit-picker.js",
    } <= template_references()


def test_every_static_file_a_template_names_is_found():
    assert [path for path in sorted(template_references()) if finders.find(path) is None] == []


def test_only_the_vendor_files_the_templates_use_are_shipped_with_their_source_maps():
    listed = {
        path
        for finder in finders.get_finders()
        for path, storage in finder.list([])
        for path in [f"{getattr(storage, 'prefix', None) or ''}/{path}".lstrip("/")]
        if path.startswith("vendor/")
    }
    used = {path for path in template_references() if path.startswith("vendor/")}
    assert listed == with_source_maps(used)


def test_collectstatic_copies_the_used_vendor_files_and_little_else(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    vendor = {str(p.relative_to(tmp_path)) for p in (tmp_path / "vendor").rglob("*") if p.is_file()}
    assert vendor == {
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/css/bootstrap.min.css.map",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/bootstrap/js/bootstrap.bundle.min.js.map",
        "vendor/htmx/htmx.min.js",
        "vendor/tom-select/tom-select.bootstrap5.min.css",
        "vendor/tom-select/tom-select.bootstrap5.min.css.map",
        "vendor/tom-select/tom-select.complete.min.js",
        "vendor/tom-select/tom-select.complete.min.js.map",
    }
    size = sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file())
    assert size < 4_000_000  # 12 MB when node_modules/*/dist shipped whole
