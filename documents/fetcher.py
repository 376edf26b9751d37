"""The only way WeasyPrint may read anything: the app's own static files, nothing else.

Plan text is escaped by the templates, so it cannot add an <img> or a stylesheet; this fetcher
is the second wall. Every other URL (http, https, data, ftp, file outside static/) is refused
and recorded, and the refusal keeps WeasyPrint from touching the network or the disk.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    """WeasyPrint asked for a URL outside the app's static files."""


def static_roots():
    """The folders of our own static files (not the third-party assets of node_modules)."""
    return [Path(settings.BASE_DIR, "static").resolve()]


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, roots=None):
        super().__init__(timeout=1, allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [Path(root).resolve() for root in (roots or static_roots())]
        self.refused = []

    def fetch(self, url, headers=None):
        path = self._allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise FetchRefused(f"Không cho phép tải {url!r} khi in văn bản.")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
        )

    def _allowed_path(self, url):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()  # resolves .. and symlinks
        if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
            return path
        return None
