"""The third-party files the pages use, taken one by one from node_modules.

Shipping node_modules/bootstrap/dist whole made collectstatic copy (and whitenoise compress)
75 files and 9.3 MB for three the templates reference. settings.VENDOR_STATIC_FILES names each
file served: static path → file under BASE_DIR. The source maps ship with their files because
ManifestStaticFilesStorage rewrites the sourceMappingURL comments and needs them.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class VendorFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.files = {
            name: Path(settings.BASE_DIR, source)
            for name, source in settings.VENDOR_STATIC_FILES.items()
        }

    def check(self, **kwargs):
        errors = [
            Error(f"VENDOR_STATIC_FILES: {source} không tồn tại (chạy npm ci).", id="campaign.E001")
            for source in self.files.values()
            if not source.is_file()
        ]
        errors += [
            Error(
                f"VENDOR_STATIC_FILES: {name} phải giữ tên tệp {source.name}.", id="campaign.E002"
            )
            for name, source in self.files.items()
            if name.rpartition("/")[2] != source.name
        ]
        return errors

    def find(self, path, find_all=False, **kwargs):
        source = self.files.get(path)
        if source is None or not source.is_file():
            return [] if find_all else None
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns):
        for name, source in self.files.items():
            folder, _, filename = name.rpartition("/")
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = folder  # collectstatic copies it to prefix/filename
            yield filename, storage
