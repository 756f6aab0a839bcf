"""A loopback TCP server that misbehaves on cue (faults an HTTP framework cannot fake).

Each connection gets the next behaviour of a script: answer normally (honouring
``Range``), cut the body short without a Content-Length, reset the connection mid-body,
or stall without answering. Requests are recorded (method, path, headers).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Behaviour = Callable[[socket.socket, "Request"], None]


@dataclass
class Request:
    """One request as received."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


def _read_request(conn: socket.socket) -> Request:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, path = [*lines[0].split(" "), "", ""][:2]
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    return Request(method, path, headers)


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def answer(body: bytes, *, content_type: str = "application/octet-stream",
           etag: str = '"v1"') -> Behaviour:
    """A normal answer with Content-Length, ETag and byte ranges."""
    def behave(conn: socket.socket, request: Request) -> None:
        headers = {"Content-Type": content_type, "ETag": etag, "Accept-Ranges": "bytes",
                   "Connection": "close"}
        wanted = request.headers.get("range", "")
        if wanted.startswith("bytes=") and request.headers.get("if-range") == etag:
            start = int(wanted[6:].split("-")[0])
            headers.update({"Content-Length": str(len(body) - start),
                            "Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"})
            conn.sendall(_head("206 Partial Content", headers) + body[start:])
            return
        headers["Content-Length"] = str(len(body))
        conn.sendall(_head("200 OK", headers) + body)
    return behave


def cut_short(body: bytes, keep: int, *, content_type: str = "application/octet-stream"
              ) -> Behaviour:
    """Send the first ``keep`` bytes without a Content-Length, then close cleanly."""
    def behave(conn: socket.socket, request: Request) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": content_type, "Connection": "close"})
                     + body[:keep])
    return behave


def reset_midway(body: bytes, keep: int, *, content_type: str = "application/octet-stream",
                 etag: str = '"v1"') -> Behaviour:
    """Promise the whole body, send ``keep`` bytes, then reset the connection (RST)."""
    def behave(conn: socket.socket, request: Request) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": content_type, "ETag": etag,
                                      "Accept-Ranges": "bytes", "Connection": "close",
                                      "Content-Length": str(len(body))}) + body[:keep])
        time.sleep(0.3)  # let the client read what was sent: a reset discards unread bytes
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return behave


def close_early(body: bytes, keep: int) -> Behaviour:
    """Promise the whole body (Content-Length), send ``keep`` bytes, close cleanly."""
    def behave(conn: socket.socket, request: Request) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": "application/octet-stream",
                                      "Content-Length": str(len(body)),
                                      "Connection": "close"}) + body[:keep])
    return behave


def stall(seconds: float) -> Behaviour:
    """Accept the request and say nothing for ``seconds``."""
    def behave(conn: socket.socket, request: Request) -> None:
        time.sleep(seconds)
    return behave


class ScriptedServer:
    """Serve connections on 127.0.0.1, each with the next behaviour (the last repeats)."""

    def __init__(self, *script: Behaviour, port: int = 0) -> None:
        self.script = list(script)
        self.requests: list[Request] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self._sock.listen(16)
        self._sock.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                request = _read_request(conn)
                self.requests.append(request)
                index = min(len(self.requests), len(self.script)) - 1
                self.script[index](conn, request)
            except OSError:
                pass


def closed_port() -> str:
    """A loopback URL nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
