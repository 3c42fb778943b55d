"""Requests as the fuzzing builds them, and a keep-alive HTTP client that sends them byte for byte."""

from __future__ import annotations

import dataclasses
import http.client
import json
import time
from typing import Any, Optional

from state import Caller


@dataclasses.dataclass
class Request:
    """One request as it goes on the wire, with what the checks need to know about it."""

    op_id: str
    method: str
    path: str
    query: str = ""
    headers: list[tuple[str, bytes]] = dataclasses.field(default_factory=list)
    body: Optional[bytes] = None
    chunked: bool = False
    caller: Caller = dataclasses.field(default_factory=lambda: Caller("none", None))
    body_json: Any = None           # the body as Python data, when it is plain JSON
    body_kind: str = "none"         # realistic, valid, mutated:<how>, broken, huge, ...
    path_ids: dict = dataclasses.field(default_factory=dict)

    @property
    def target(self) -> str:
        return self.path + ("?" + self.query if self.query else "")

    def header(self, name: str) -> Optional[bytes]:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


@dataclasses.dataclass
class Response:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes
    seconds: float

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """The body as JSON (parsed once), None if it is none."""
        if not hasattr(self, "_parsed"):
            try:
                self._parsed = json.loads(self.body)
            except ValueError:
                self._parsed = None
        return self._parsed


class TransportError(Exception):
    """No answer: the connection broke or the request timed out."""


class Client:
    """One keep-alive connection to the server; a fresh one after any error."""

    def __init__(self, port: int, timeout: float = 60):
        self.port = port
        self.timeout = timeout
        self.connection: Optional[http.client.HTTPConnection] = None

    def send(self, request: Request) -> Response:
        try:
            return self._send_once(request)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server may close a kept-alive connection (after a 413, say): try once afresh.
            self.close()
            try:
                return self._send_once(request)
            except (OSError, http.client.HTTPException) as error:
                self.close()
                raise TransportError(f"{type(error).__name__}: {error}") from None
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise TransportError(f"{type(error).__name__}: {error}") from None

    def _send_once(self, request: Request) -> Response:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        started = time.monotonic()
        body: Any = request.body
        if request.chunked and body is not None:
            body = iter([body[i:i + 4096] for i in range(0, len(body), 4096)] or [b""])
        self.connection.putrequest(request.method, request.target, skip_accept_encoding=True)
        for name, value in request.headers:
            self.connection.putheader(name, value)
        if request.body is not None and not request.chunked:
            self.connection.putheader("Content-Length", str(len(request.body)))
        if request.chunked and request.body is not None:
            self.connection.putheader("Transfer-Encoding", "chunked")
        self.connection.endheaders(message_body=body, encode_chunked=request.chunked)
        answer = self.connection.getresponse()
        payload = answer.read()
        headers = {k.lower(): v for k, v in answer.getheaders()}
        if answer.will_close:
            self.close()
        return Response(answer.status, headers, payload, time.monotonic() - started)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
