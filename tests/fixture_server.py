"""A small scriptable HTTP server on 127.0.0.1 for fetch tests: routes map a path to a response."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = Response | Callable[[BaseHTTPRequestHandler], Response]


@dataclass
class FixtureServer:
    base: str
    routes: dict[str, Route]
    hits: list[str]


@contextmanager
def fixture_server(routes: dict[str, Route]) -> Iterator[FixtureServer]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            route = routes.get(self.path)
            if route is None:
                response = Response(404, b"not found")
            elif callable(route):
                response = route(self)
            else:
                response = route
            self.send_response(response.status)
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            self.posted = self.rfile.read(length) if length else b""  # type: ignore[attr-defined]
            self.do_GET()

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as base:
        yield FixtureServer(base, routes, hits)


@contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[str]:
    """Serve in a thread until the block ends; yields the base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
