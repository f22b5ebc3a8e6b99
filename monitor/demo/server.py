"""The bundled offline demo web site: two origins on 127.0.0.1 serving the pages under ``site/``.

Site A is served as UTF-8. Site B is a GBK newspaper: its pages are stored UTF-8 in the
package and re-encoded to GBK on the way out, with no charset in the HTTP header (as many
Chinese sites do), so the crawler must find the charset in the page. Both answer
conditional GETs (ETag) with 304.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["DemoSite", "serve_demo_site", "SITE_ROOT"]

SITE_ROOT = Path(str(resources.files("monitor.demo").joinpath("site")))


def _handler(root: Path, gbk: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "demo-site/1.0"

        def log_message(self, format: str, *args: object) -> None:  # keep the demo's output clean
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = unquote(urlsplit(self.path).path)
            if path.endswith("/"):
                path += "index.html"
            target = (root / path.lstrip("/")).resolve()
            if root.resolve() not in target.parents or not target.is_file():
                self._send(404, b"not found", "text/plain; charset=utf-8")
                return
            body = target.read_bytes()
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix in (".htm", ".html"):
                if gbk:
                    body = body.decode("utf-8").encode("gbk")
                    content_type = "text/html"  # no charset: the page's <meta> says gbk
                else:
                    content_type = "text/html; charset=utf-8"
            elif target.suffix == ".xml":
                content_type = "application/rss+xml; charset=utf-8" if "rss" in target.name else "application/xml"
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, content_type, etag)

        def _send(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@dataclass(frozen=True, slots=True)
class DemoSite:
    site_a: str  # base URL, no trailing slash
    site_b: str

    def sources_yaml(self) -> str:
        template = (SITE_ROOT.parent / "sources.yaml").read_text(encoding="utf-8")
        return template.replace("{site_a}", self.site_a).replace("{site_b}", self.site_b)


def _bind(host: str, port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError:
        if port == 0:
            raise
        return ThreadingHTTPServer((host, 0), handler)  # the preferred port is taken: any free one


@contextmanager
def serve_demo_site(host: str = "127.0.0.1", ports: tuple[int, int] = (0, 0)) -> Iterator[DemoSite]:
    """Serve both demo origins for the duration of the block, on `ports` when free (0: any free port).

    Fixed ports keep the demo's URLs, and so its stored articles, the same from one run to the next.
    """
    servers = [
        _bind(host, ports[0], _handler(SITE_ROOT / "site_a", gbk=False)),
        _bind(host, ports[1], _handler(SITE_ROOT / "site_b", gbk=True)),
    ]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield DemoSite(*(f"http://{host}:{s.server_address[1]}" for s in servers))
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
