"""A loopback TCP proxy for fault tests: put it between the app and a server, then cut the wire.

``cut()`` closes every connection in flight on both sides (as a network failure or a
killed backend does: the server rolls back what the client had not committed); new
connections are still accepted unless ``refusing`` is set, which plays a server that is
down (each new connection is closed at once).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

__all__ = ["TcpProxy", "tcp_proxy"]


@dataclass
class TcpProxy:
    upstream: tuple[str, int]
    port: int = 0
    refusing: bool = False
    accepted: int = 0  # connections accepted (refused ones included)
    cuts: int = 0  # connections closed by cut()
    _pairs: list[tuple[socket.socket, socket.socket]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _listener: socket.socket | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        self._listener, self.port = listener, listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # stop() closed the listener
            self.accepted += 1
            if self.refusing:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            for sock in (client, server):  # no Nagle delay: every query is a small round trip
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            pair = (client, server)
            with self._lock:
                self._pairs.append(pair)
            threading.Thread(target=self._pump, args=(client, server, pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, pair), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, pair: tuple[socket.socket, socket.socket]) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:  # one side is gone: so is the other (a half-open link would hang the peer)
            with self._lock:
                if pair in self._pairs:
                    self._pairs.remove(pair)
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _close_all(self) -> int:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes the pump threads blocked in recv
                with suppress(OSError):
                    sock.close()
        return len(pairs)

    def cut(self) -> int:
        """Close every proxied connection now; returns how many were open."""
        cut = self._close_all()
        self.cuts += cut
        return cut

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.close()
        self._close_all()


@contextmanager
def tcp_proxy(host: str, port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy((host, port))
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
