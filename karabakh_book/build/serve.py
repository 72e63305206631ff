"""``make serve``: the built site served as a real static host serves it.

Readers' hosts send compressed files and cache headers; so does this server, so that an author
previews what readers download. It answers with the precompressed ``.br`` or ``.gz`` sibling a
file has (``compress``) when the browser accepts that encoding, and tells browsers how long they
may keep each kind of file.

    python -m karabakh_book.build.serve [SITE] [PORT]   # default: _build/html, 8000
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from .compress import ENCODINGS
from .csp import REFERRER, header_policy

# A file whose URL carries its checksum (?v=, ?digest=) never changes under that URL.
FOREVER = "public, max-age=31536000, immutable"
# Pages and data change with every release: a browser may keep them, but must ask first.
REVALIDATE = "no-cache"
# The theme's images and fonts without a checksum in the URL: a day.
A_DAY = "public, max-age=86400"


def cache_control(url: str) -> str:
    parts = urlsplit(url)
    if any(key in parts.query for key in ("v=", "digest=")):
        return FOREVER
    if parts.path.endswith((".html", ".json", ".csv", ".xml", ".txt", "/")):
        return REVALIDATE
    return A_DAY if "/_static/" in parts.path else REVALIDATE


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with content negotiation for precompressed siblings, and cache headers."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "File not found")
            return None
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        encoding, body = next(
            ((name, path.with_name(path.name + suffix)) for name, suffix in ENCODINGS
             if name in accepted and path.with_name(path.name + suffix).is_file()),
            (None, path),
        )
        handle = body.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(path.stat().st_mtime))
        self.send_header("Cache-Control", cache_control(self.path))
        if path.suffix == ".html":
            self._send_policy(path)
        self.end_headers()
        return handle

    def _send_policy(self, path: Path) -> None:
        """A book page's Content-Security-Policy as a header too, with who may frame it (see csp)."""
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' in html:
            page = path.resolve().relative_to(Path(self.directory).resolve())
            self.send_header("Content-Security-Policy", header_policy(page.as_posix(), html))
            self.send_header("Referrer-Policy", REFERRER)

    def log_message(self, *args) -> None:
        if self.server.verbose:
            super().log_message(*args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    verbose = False

    def handle_error(self, request, client_address) -> None:
        pass  # a reader who closes a page mid-transfer is no error of the site's


def start(site: Path, port: int = 0, verbose: bool = False) -> tuple[SiteServer, str]:
    """Serve ``site`` in a background thread; return the server and its base URL."""
    server = SiteServer(("127.0.0.1", port), functools.partial(SiteHandler, directory=str(site)))
    server.verbose = verbose
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("_build") / "html"
    port = int(argv[1]) if len(argv) > 1 else 8000
    if not (site / "index.html").is_file():
        print(f"no built site in {site}: run 'make book' first", file=sys.stderr)
        return 1
    server, url = start(site.resolve(), port, verbose=True)
    print(f"serving {site} at {url}/ (compressed, with cache headers); Ctrl-C stops")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
