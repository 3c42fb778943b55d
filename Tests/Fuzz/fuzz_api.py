#!/usr/bin/env python3
"""Fuzz pass over Wegweiser's whole HTTP API, driven by its contract, Sources/WebAPI/openapi.yaml.

How to run it, from the repository root, once `swift build` has built the server:

    python3 Tests/Fuzz/fuzz_api.py                      # full pass: 20,000 requests
    python3 Tests/Fuzz/fuzz_api.py --requests 2000      # short form for CI
    python3 Tests/Fuzz/fuzz_api.py --binary PATH --seed 7 --requests 5000

Needs Python 3.9+, `hypothesis` and PyYAML; `jsonschema`, when installed, adds the checks of
answers against the contract's schemas. The script starts `wegweiser serve --samples` itself on
a free port of 127.0.0.1, with its database and mail folder in a fresh temporary folder and a
metrics token, reads the demo tokens the server prints, waits for `/health`, and stops the
server at the end (SIGTERM, then SIGKILL if it does not stop within 15 s).

What it sends. Every operation of openapi.yaml, drawn by hypothesis, with:
  - bodies from the request schemas: realistic ones (so bookings, attendance, releases and
    outcomes really happen), schema-valid random ones, and mutations of valid ones (missing,
    extra, null and wrongly typed fields, huge strings, unicode with combining marks and bidi
    controls, numbers out of range), broken JSON, invalid UTF-8, bodies over 1 MiB, and odd
    content types;
  - path parameters: ids harvested from earlier answers (the caller's own and other
    organisations'), ids of the wrong kind, and garbage;
  - query parameters from the contract, valid and not, plus unknown ones;
  - headers: Authorization with every demo token (admin, providers, advice centres), none,
    and malformed ones; Idempotency-Key (valid, invalid, replayed, reused for another body);
    Accept; a few others.
A small share of requests leaves the contract (unknown routes, other methods).

What it fails on (exit status 1), printing method, path, body, status and answer of each, with
a curl command to reproduce it:
  - any 5xx answer, a connection error or time-out, or the server dying;
  - a 4xx that is not `application/problem+json` where the contract promises problem+json
    (a status the operation lists with that content; any other 4xx not in problem+json is a
    contract note);
  - a 2xx that the contract rules out: a role or an unknown token that may not call the
    operation, another centre's participant or booking, another provider's course, an object
    created for another organisation than the caller;
  - after the run, the invariants read back through the API: no course has more confirmed
    bookings than capacity (the catalogue's `capacity`/`confirmed`/`freeSeats` and the roster
    agree), also after a burst of concurrent bookings; one booking at most per slot; and no
    cross-centre read: participants and bookings created with one advice centre's token answer
    404 to every other centre's token, and no centre's mail list names them.

429 answers are accepted and counted: the API offers no header or option to lift a per-address
limit, so there is nothing to pass.

Answers that differ from the contract in other ways (an undocumented status, a body that does
not match its schema, an idempotent replay that differs) are listed as contract notes, which do
not fail the run.
"""

from __future__ import annotations

import argparse
import base64
import collections
import dataclasses
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from pathlib import Path
from typing import Any, Optional

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.errors import Flaky, Unsatisfiable

try:
    import jsonschema
except ImportError:  # the schema checks of answers are then skipped
    jsonschema = None

REPO = Path(__file__).resolve().parents[2]
CONTRACT = REPO / "Sources" / "WebAPI" / "openapi.yaml"
BERLIN_FALLBACK = datetime.timezone(datetime.timedelta(hours=1))

ALL_ROLES = frozenset({"provider", "advice-centre", "admin"})

# The roles an operation's description in openapi.yaml limits it to. Operations with
# `security: []` take anyone (no token needed); every other one takes a token of any role.
# `metrics`: the metrics token of `serve --metrics-token`.
ROLE_LIMITS: dict[str, set[str]] = {
    "getMetrics": {"metrics"},
    "createCourse": {"provider", "admin"},
    "updateCourse": {"provider", "admin"},
    "getCourseRoster": {"provider", "admin"},
    "getCourseAttendance": {"provider", "admin"},
    "getCourseAttendanceSpreadsheet": {"provider", "admin"},
    "recordAttendance": {"provider"},
    "signOffAttendance": {"provider"},
    "correctAttendance": {"provider"},
    "createSlots": {"advice-centre", "admin"},
    "listSlots": {"advice-centre", "admin"},
    "createParticipant": {"advice-centre", "admin"},
    "getParticipant": {"advice-centre", "admin"},
    "deleteParticipant": {"advice-centre", "admin"},
    "listParticipantMatches": {"advice-centre", "admin"},
    "createBooking": {"advice-centre", "admin"},
    "getBooking": {"advice-centre", "admin"},
    "cancelBooking": {"advice-centre", "admin"},
    "getBookingCalendar": {"advice-centre", "admin"},
    "recordBookingOutcome": {"advice-centre", "admin"},
    "releaseBooking": {"provider"},
    "createAllocation": {"advice-centre", "admin"},
    "listNotifications": {"advice-centre", "admin"},
    "listAuditEntries": {"admin"},
}

# Operations whose path `id` names a participant or a booking of one advice centre, or a course
# of one provider: a 2xx to another centre or provider is a leak.
PARTICIPANT_PATH_OPS = {"getParticipant", "deleteParticipant", "listParticipantMatches"}
BOOKING_PATH_OPS = {"getBooking", "cancelBooking", "getBookingCalendar", "recordBookingOutcome"}
PROVIDER_COURSE_OPS = {
    "updateCourse", "getCourseRoster", "getCourseAttendance", "getCourseAttendanceSpreadsheet",
    "recordAttendance", "signOffAttendance", "correctAttendance",
}

OFF_CONTRACT = "(off-contract)"


# --------------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Operation:
    """One operation of openapi.yaml, its `$ref`s resolved."""

    op_id: str
    method: str
    path: str
    params: list[dict]
    body_schema: Optional[dict]
    responses: dict[int, set[str]]  # status -> media types of its content (empty: no body)
    roles: Optional[frozenset]      # who may call it; None: anyone, without a token

    def params_in(self, where: str) -> list[dict]:
        return [p for p in self.params if p["in"] == where]


class Contract:
    """openapi.yaml: its operations, `$ref` resolution and schema checks of answers."""

    def __init__(self, path: Path):
        self.doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.operations = self._operations()
        self._validators: dict[int, Any] = {}

    def resolve(self, node: dict) -> dict:
        """`node` with its `$ref` followed; sibling keywords are kept."""
        while isinstance(node, dict) and "$ref" in node:
            target = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def _operations(self) -> list[Operation]:
        operations = []
        for path, item in self.doc["paths"].items():
            shared = [self.resolve(p) for p in item.get("parameters", [])]
            for method, spec in item.items():
                if method not in {"get", "post", "put", "patch", "delete"}:
                    continue
                own = [self.resolve(p) for p in spec.get("parameters", [])]
                body = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                responses = {}
                for status, answer in spec["responses"].items():
                    answer = self.resolve(answer)
                    responses[int(status)] = set(answer.get("content", {}))
                op_id = spec["operationId"]
                public = spec.get("security", self.doc.get("security")) == []
                roles = None if public else frozenset(ROLE_LIMITS.get(op_id, ALL_ROLES))
                operations.append(Operation(op_id, method.upper(), path, shared + own, body, responses, roles))
        return operations

    def response_schema(self, op: Operation, status: int, media: str) -> Optional[dict]:
        spec = self.doc["paths"][op.path][op.method.lower()]["responses"].get(str(status))
        if spec is None:
            return None
        return self.resolve(spec).get("content", {}).get(media, {}).get("schema")

    def errors(self, schema: dict, instance: Any) -> list[str]:
        """Where `instance` breaks `schema` (JSON Schema 2020-12); empty without jsonschema."""
        if jsonschema is None:
            return []
        validator = self._validators.get(id(schema))
        if validator is None:
            root = {"components": self.doc["components"], **schema}
            validator = jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            self._validators[id(schema)] = validator
        found = []
        for error in validator.iter_errors(instance):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            found.append(f"{where}: {shorten(error.message, 160)}")
        return found


# --------------------------------------------------------------------------------------------
# The server under test
# --------------------------------------------------------------------------------------------

TOKEN_LINE = re.compile(r"^\s*(provider|advice-centre|admin)\s+(.+?):\s+(wgw_\S+)\s*$")


@dataclasses.dataclass
class Caller:
    """Who a request claims to be: a demo token's organisation, the metrics token, or nobody."""

    label: str                      # e.g. "advice-centre#2", "none", "garbage"
    role: Optional[str]             # provider, advice-centre, admin, metrics; None for nobody
    token: Optional[str] = None
    org: Optional[str] = None       # the organisation id, from GET /v1/organisations/me
    name: str = ""


class Server:
    """`wegweiser serve --samples` in a temporary folder, on a free port."""

    def __init__(self, binary: Path, workdir: Path):
        self.binary = binary
        self.workdir = workdir
        self.metrics_token = "metrics-" + secrets.token_hex(16)
        self.process: Optional[subprocess.Popen] = None
        self.port = 0
        self.callers: list[Caller] = []

    @property
    def log_path(self) -> Path:
        return self.workdir / "server.log"

    def start(self, timeout: float = 180) -> None:
        for attempt in range(3):
            self.port = free_port()
            self._spawn()
            if self._wait_ready(timeout):
                return
            if self.alive():
                raise RuntimeError(f"the server did not answer /health within {timeout:.0f} s\n{self.log_tail()}")
            if "ddress already in use" not in self.log_tail():
                raise RuntimeError(f"the server stopped during start-up\n{self.log_tail()}")
        raise RuntimeError("no free port could be had")

    def _spawn(self) -> None:
        for name in ("db.sqlite", "db.sqlite-wal", "db.sqlite-shm"):
            (self.workdir / name).unlink(missing_ok=True)
        args = [
            str(self.binary), "serve", "--samples",
            "--db", str(self.workdir / "db.sqlite"),
            "--mail-dir", str(self.workdir / "mail"),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--public-url", f"http://127.0.0.1:{self.port}",
            "--resources", str(REPO),
            # One unexcused first session puts a seat at risk, so releases can happen today.
            "--no-show-first-sessions", "1",
            "--log-format", "json", "--log-level", "warning",
        ] + self.rate_limit_options()
        env = {**os.environ, "WEGWEISER_METRICS_TOKEN": self.metrics_token}
        stdout = open(self.workdir / "server.out", "w")
        stderr = open(self.log_path, "w")
        self.process = subprocess.Popen(args, cwd=REPO, env=env, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        stdout.close()
        stderr.close()

    def rate_limit_options(self) -> list[str]:
        """`--anonymous-rate-limit 0` where the server offers it, so the fuzzing is not throttled."""
        if not hasattr(self, "_help"):
            self._help = subprocess.run([str(self.binary), "serve", "--help"], cwd=REPO, capture_output=True,
                                        text=True, timeout=60).stdout
        return ["--anonymous-rate-limit", "0"] if "--anonymous-rate-limit" in self._help else []

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return False
            if self._tokens_printed() and self._health_ok():
                self.callers = self._read_tokens()
                return True
            time.sleep(0.1)
        return False

    def _tokens_printed(self) -> bool:
        return "Try:" in (self.workdir / "server.out").read_text(errors="replace")

    def _health_ok(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            connection.request("GET", "/health")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            return False

    def _read_tokens(self) -> list[Caller]:
        callers, counts = [], collections.Counter()
        for line in (self.workdir / "server.out").read_text(errors="replace").splitlines():
            match = TOKEN_LINE.match(line)
            if match:
                role, name, token = match.groups()
                counts[role] += 1
                callers.append(Caller(f"{role}#{counts[role]}", role, token, name=name))
        if not {"provider", "advice-centre", "admin"} <= set(counts):
            raise RuntimeError("the server printed no demo token of some role")
        return callers

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> Optional[int]:
        """SIGTERM, then SIGKILL after 15 s; the exit status."""
        if self.process is None:
            return None
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        return self.process.returncode

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Request:
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
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class StopFuzzing(Exception):
    """The server died: no point in drawing more requests."""


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


# --------------------------------------------------------------------------------------------
# What the run has learnt about the server's data
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class CourseInfo:
    provider: Optional[str] = None
    sessions: list[str] = dataclasses.field(default_factory=list)
    start: str = ""
    start_time: str = ""


@dataclasses.dataclass
class BookingInfo:
    centre: Optional[str] = None
    participant: Optional[str] = None
    course: Optional[str] = None
    slot: Optional[str] = None
    status: str = ""


class State:
    """Ids harvested from answers, with who owns them."""

    def __init__(self, callers: list[Caller], metrics_token: str, today: datetime.date, now: datetime.datetime):
        self.callers = callers
        self.metrics_token = metrics_token
        self.today = today
        self.now = now
        self.courses: dict[str, CourseInfo] = {}
        self.slots: dict[str, dict] = {}                    # id -> {centre, start, free}
        self.locations: set[str] = set()
        self.participants: dict[str, Optional[str]] = {}    # id -> owning centre
        self.bookings: dict[str, BookingInfo] = {}
        self.districts: set[str] = {"Mitte", "Hamborn", "Rheinhausen"}
        self.cursors: dict[str, list[str]] = collections.defaultdict(list)
        self.idempotency_keys: list[str] = []
        self.tokens: dict[str, dict] = {}                    # tokens this run created: id -> org, token, expires, revoked
        self.fixture_courses: list[str] = []                 # courses that meet today
        self.protected: set[str] = set()                     # set-up participants and bookings: never erased or cancelled
        self.created_participants: dict[str, list[str]] = collections.defaultdict(list)  # centre -> ids
        self.created_bookings: dict[str, list[str]] = collections.defaultdict(list)

    def by_role(self, role: str) -> list[Caller]:
        return [c for c in self.callers if c.role == role]

    def caller_of_org(self, org: Optional[str]) -> Optional[Caller]:
        return next((c for c in self.callers if c.org == org), None)

    def own_courses(self, caller: Caller) -> list[str]:
        if caller.role == "admin":
            return list(self.courses)
        return [cid for cid, info in self.courses.items() if info.provider == caller.org]

    def own_participants(self, caller: Caller) -> list[str]:
        if caller.role == "admin":
            return list(self.participants)
        return [pid for pid, owner in self.participants.items() if owner == caller.org]

    def own_bookings(self, caller: Caller) -> list[str]:
        if caller.role == "admin":
            return list(self.bookings)
        if caller.role == "provider":
            return [bid for bid, b in self.bookings.items() if b.course and self.courses.get(b.course, CourseInfo()).provider == caller.org]
        return [bid for bid, b in self.bookings.items() if b.centre == caller.org]

    def bookable_courses(self) -> list[str]:
        today = self.today.isoformat()
        return [cid for cid, c in self.courses.items() if c.start > today] + self.fixture_courses

    def confirmed_in(self, course: str) -> list[str]:
        return [bid for bid, b in self.bookings.items() if b.course == course and b.status == "confirmed"]

    def slot_begun(self, slot: Optional[str]) -> bool:
        start = parse_time(self.slots.get(slot or "", {}).get("start"))
        return start is not None and start <= datetime.datetime.now(datetime.timezone.utc)

    def past_sessions(self, course: str) -> list[str]:
        today = self.today.isoformat()
        return [d for d in self.courses.get(course, CourseInfo()).sessions if d <= today]


# --------------------------------------------------------------------------------------------
# Values: realistic ones, and nasty ones
# --------------------------------------------------------------------------------------------

LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "fa", "ckb", "ti", "so", "ro", "pl", "sq", "fr", "ku", "prs", "ps", "bg"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WRONG_TYPES = [None, True, False, 0, -1, 1.5, "", "x", "1", "true", [], {}, [1, "a"], {"a": {"b": []}}]
COMBINING = "".join(chr(c) for c in range(0x300, 0x370))
NASTY_STRINGS = [
    "", " ", "   ", "\t", "\n", "a\u0301", "e" + "\u0301" * 40, "Z\u0337\u0322\u031b\u0300a\u0336l\u0338g\u0335o",
    "\u202eevil\u202c", "\u2066isolated\u2069", "\u200f\u200e\u061c", "abc\u202edef", "\u200b", "\ufeff", "\u00ad",
    "\u0000", "a\u0000b", "\u001f", "\u007f", "\u0085", "\u2028\u2029", "\ud800", "\udfff", "\ud83d", "\U0010ffff",
    "\ufffd", "\ufffe", "😀", "👩\u200d👩\u200d👧\u200d👦", "🇩🇪", "\ufdfa", "İstanbul", "ß", "ẞ", "ﬃ", "Ω", "日本語",
    "العربية", "עברית", "Ελληνικά", "' OR 1=1 --", "\"; DROP TABLE participants; --", "<script>alert(1)</script>",
    "../../etc/passwd", "%00", "%s%n%x", "{{7*7}}", "${jndi:ldap://x/a}", "=cmd|' /C calc'!A0", "@SUM(1)", "+49",
    "-1", "\r\n", "null", "true", "0", "NaN", "1e999", "p0001", "course-001", "bkg_", "A" * 201, "ä" * 201,
]
BROKEN_BODIES = [
    b"", b" ", b"{", b"}", b"[", b'{"a":}', b"{'a': 1}", b'{"a":1,}', b"[1,]", b"NaN", b'{"a":NaN}', b'{"a":Infinity}',
    b'{"a":-Infinity}', b'{"a":01}', b'{"a":.5}', b'{"a":1.}', b'{"a":"\\x41"}', b'{"a":"\\u12"}', b'{"a":"\\ud800"}',
    b'{"a":"\\udc00\\ud800"}', b"\xef\xbb\xbf{}", b"\xff\xfe{\x00}\x00", b'{"a":"\xff"}', b'{"a":"\xc0\xaf"}',
    b'{"a":"\xed\xa0\x80"}', b'{"a":1}garbage', b"{}{}", b"/* c */{}", b'{"a":"\t"}', b"\x00", b'{"":1}', b"true",
    b"null", b'"text"', b"123", b"[]", b'{"a":1e999}', b'{"a":-0}', b'{"a":"' + b"\\" * 3 + b'"}', b"{\"a\":\"\x01\"}",
    b'{"a" 1}', b'{"a":[1 2]}', b'{"a":tru}', b'\n\n{}\n\n', b"{}" + b" " * 10_000,
]
RAW_NUMBERS = [
    "1e999", "-1e999", "1e-400", "123456789012345678901234567890", "-0", "0.0000001", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1.5", "1E2", "0e0", "2.0",
    "1.0000000000000002", "4.9e-324", "1.7976931348623157e308", "-2147483649", "2147483648", "1" + "0" * 400,
]
HUGE_LENGTHS = [200, 201, 254, 255, 300, 301, 500, 501, 1000, 5000, 100_000, 600_000]
CONTENT_TYPES = [
    "application/json; charset=utf-8", "application/json;charset=UTF-8", "text/plain", "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x", "application/xml", "application/merge-patch+json", "application/json; charset=latin1",
    "a/b/c", "", "application/problem+json", "*/*",
]
ACCEPTS = [
    "application/json", "application/problem+json", "text/html", "*/*", "text/calendar", "text/csv", "garbage/;;",
    "application/json;q=0", "application/xml, text/plain;q=0.1", "ä/ö",
]


@dataclasses.dataclass
class Raw:
    """A JSON fragment sent as written: numbers Python cannot round-trip, duplicate keys."""

    text: str


def encode_json(value: Any, ensure_ascii: bool = True) -> bytes:
    """`value` as JSON bytes, `Raw` fragments spliced in; lone surrogates become CESU-8 bytes."""
    fragments: list[str] = []

    def default(obj: Any) -> str:
        if isinstance(obj, Raw):
            fragments.append(obj.text)
            return f"\x00RAW{len(fragments) - 1}\x00"
        raise TypeError(type(obj))

    text = json.dumps(value, ensure_ascii=ensure_ascii, default=default)
    text = re.sub(r'"\\u0000RAW(\d+)\\u0000"', lambda m: fragments[int(m.group(1))], text)
    return text.encode("utf-8", errors="surrogatepass")


def contains_raw(value: Any) -> bool:
    if isinstance(value, Raw):
        return True
    if isinstance(value, dict):
        return any(contains_raw(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_raw(v) for v in value)
    return False


def pick(draw, weights: dict[str, int]) -> str:
    """A key of `weights`, drawn with a chance proportional to its weight."""
    n = draw(st.integers(0, sum(weights.values()) - 1))
    for key, weight in weights.items():
        n -= weight
        if n < 0:
            return key
    return next(iter(weights))


# Hypothesis must see the same kinds of draws whatever the run has learnt so far (else it
# reports "inconsistent data generation"), so ids that change as the run goes are picked by
# one index draw of a fixed range, never by `sampled_from` over a list that grows.
INDEX = st.integers(0, 1 << 20)


def choose(draw, items: list, fallback: Any = None) -> Any:
    """An item of `items`, or `fallback` when it is empty: always exactly one draw."""
    i = draw(INDEX)
    return items[i % len(items)] if items else fallback


@st.composite
def nasty_text(draw, limit: int = 1 << 30) -> str:
    """A string meant to trip up validation, storage, sorting or rendering; at most `limit`
    repetitions in its long forms (URLs stay short enough for the HTTP layer)."""
    how = pick(draw, {"listed": 4, "random": 3, "combining": 2, "bidi": 1, "long": 1})
    if how == "listed":
        return draw(st.sampled_from(NASTY_STRINGS))
    if how == "random":
        return draw(st.text(max_size=30))
    if how == "combining":
        base = draw(st.sampled_from(["a", "ö", "ا", "😀", " "]))
        return base + COMBINING[draw(st.integers(0, len(COMBINING) - 1))] * min(limit, draw(st.sampled_from([1, 5, 199, 200, 201, 2000])))
    if how == "bidi":
        return "".join(draw(st.lists(st.sampled_from(["\u202a", "\u202b", "\u202d", "\u202e", "\u202c", "\u2066", "\u2067",
                                                       "\u2068", "\u2069", "abc", "عربي", "1"]), min_size=1, max_size=12)))
    return draw(st.sampled_from(["x", "ä", "€", "😀", "\u0301"])) * min(limit, draw(st.sampled_from(HUGE_LENGTHS)))


def timestamp_text(moment: datetime.datetime, style: int) -> str:
    if style == 0:
        return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.astimezone(BERLIN_FALLBACK if style == 1 else berlin_zone()).isoformat(timespec="seconds")


def berlin_zone() -> datetime.tzinfo:
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo("Europe/Berlin")
    except Exception:
        return BERLIN_FALLBACK


# --------------------------------------------------------------------------------------------
# Request generation
# --------------------------------------------------------------------------------------------

class Generator:
    """Hypothesis strategies for requests, from the contract and what the run has learnt."""

    def __init__(self, contract: Contract, state: State):
        self.contract = contract
        self.state = state
        # Who is calling and which course the path names, for the request being drawn: the
        # id hints read it when they draw, so strategies built from schemas can be kept.
        self.ctx: dict = {"caller": Caller("none", None), "course": ""}
        self._schema_strategies: dict[tuple, st.SearchStrategy] = {}

    def live(self, items, fallback: Any) -> st.SearchStrategy:
        """One of `items()` as it stands when drawn (see `choose`)."""
        def pick_now(i: int) -> Any:
            current = items()
            return current[i % len(current)] if current else fallback
        return INDEX.map(pick_now)

    # ---- values from schemas ----------------------------------------------------------------

    def hint(self, name: str) -> Optional[st.SearchStrategy]:
        """A realistic value for a field called `name`, where realism matters to get past the checks."""
        s, today, live = self.state, self.state.today, self.live
        hints = {
            "locationId": lambda: live(lambda: sorted(s.locations), "loc-none"),
            "courseId": lambda: live(lambda: s.bookable_courses() or sorted(s.courses), "course-001"),
            "slotId": lambda: live(lambda: [k for k, v in s.slots.items() if v.get("free")] or sorted(s.slots), "slot-001"),
            "participantId": lambda: live(lambda: s.own_participants(self.ctx["caller"]) or sorted(s.participants), "p0001"),
            "bookingId": lambda: live(lambda: s.confirmed_in(self.ctx["course"]) or sorted(s.bookings), "bkg_none"),
            "district": lambda: live(lambda: sorted(s.districts), "Mitte"),
            "lat": lambda: st.floats(51.33, 51.56),
            "lon": lambda: st.floats(6.62, 6.93),
            "preferredLanguage": lambda: st.sampled_from(LANGUAGES),
            "consentLanguage": lambda: st.sampled_from(LANGUAGES),
            "languages": lambda: st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=4, unique=True),
            "email": lambda: st.from_regex(r"[a-z]{1,10}(\.[a-z]{1,8})?@example\.(org|com|net)", fullmatch=True),
            "phone": lambda: st.from_regex(r"\+49 203 [0-9]{5,8}", fullmatch=True),
            "startDate": lambda: st.dates(today, today + datetime.timedelta(days=60)).map(str),
            "endDate": lambda: st.dates(today + datetime.timedelta(days=20), today + datetime.timedelta(days=200)).map(str),
            "start": lambda: self.future_timestamps(),
            "weekdays": lambda: st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=5, unique=True),
            "startTime": lambda: st.sampled_from(["08:00", "08:30", "09:00", "13:00", "17:30"]),
            "endTime": lambda: st.sampled_from(["11:30", "12:15", "16:00", "20:00"]),
            "capacity": lambda: st.integers(1, 6),
            "courseIds": lambda: st.lists(live(lambda: sorted(s.courses), "course-001"), min_size=1, max_size=3),
            "registeredAt": lambda: st.just(timestamp_text(s.now - datetime.timedelta(days=3), 1)),
        }
        make = hints.get(name)
        return make() if make else None

    def future_timestamps(self) -> st.SearchStrategy:
        base = self.state.now.replace(second=0, microsecond=0)
        return st.tuples(st.integers(1, 60 * 24 * 40), st.integers(0, 2)).map(
            lambda t: timestamp_text(base + datetime.timedelta(minutes=t[0] * 5), t[1]))

    def from_schema(self, schema: dict, name: str = "") -> st.SearchStrategy:
        """Values that are valid for `schema` (a node of the contract), realistic ones for the
        fields `hint` knows. Built once per node and field name."""
        key = (id(schema), name)
        if key not in self._schema_strategies:
            resolved = self.contract.resolve(schema)
            hinted = self.hint(name) if name else None
            generic = self._generic(resolved)
            strategy = generic if hinted is None else st.sampled_from([hinted] * 4 + [generic]).flatmap(lambda s: s)
            self._schema_strategies[key] = strategy
        return self._schema_strategies[key]

    def _generic(self, schema: dict) -> st.SearchStrategy:
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        if "oneOf" in schema and all("$ref" in b or "type" in b for b in schema["oneOf"]):
            return st.one_of([self.from_schema(b) for b in schema["oneOf"]])
        if "allOf" in schema:
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                merged = {**self.contract.resolve(part), **merged}
            return self._generic(merged)
        kind = schema.get("type")
        if isinstance(kind, list):
            return st.one_of([self._generic({**schema, "type": k}) for k in kind])
        if kind == "object" or "properties" in schema:
            return self._object(schema)
        if kind == "array":
            low = schema.get("minItems", 0)
            high = min(schema.get("maxItems", low + 4), low + 4)
            return st.lists(self.from_schema(schema.get("items", {})), min_size=low, max_size=high)
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31))
        if kind == "number":
            return st.floats(schema.get("minimum", -1e9), schema.get("maximum", 1e9), allow_nan=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        return st.sampled_from(WRONG_TYPES)

    def _object(self, schema: dict) -> st.SearchStrategy:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        branches = schema.get("oneOf")
        if branches:  # e.g. BookingInput: exactly one of courseId and slotId
            return st.sampled_from(branches).flatmap(lambda b: self._object(
                {"properties": {k: v for k, v in props.items() if k not in b.get("not", {}).get("required", [])},
                 "required": sorted(required | set(b.get("required", [])))}))
        fixed = {k: self.from_schema(v, k) for k, v in props.items() if k in required}
        optional = {k: self.from_schema(v, k) for k, v in props.items() if k not in required}
        strategy = st.fixed_dictionaries(fixed, optional=optional)
        if schema.get("minProperties"):
            strategy = strategy.filter(lambda d: len(d) >= schema["minProperties"])
        return strategy

    def _string(self, schema: dict) -> st.SearchStrategy:
        fmt = schema.get("format")
        today = self.state.today
        if fmt == "date":
            return st.dates(today - datetime.timedelta(days=400), today + datetime.timedelta(days=400)).map(str)
        if fmt == "date-time":
            return self.future_timestamps()
        if fmt == "email":
            return st.emails()
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: len(s) <= schema.get("maxLength", 10**6))
        return st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 40), 40))

    # ---- realistic bodies, for the operations whose success needs the right ids --------------

    @st.composite
    def realistic_body(draw, self, op: Operation, ctx: dict) -> Optional[dict]:
        s, caller = self.state, ctx["caller"]
        today = s.today
        if op.op_id == "createCourse":
            level = draw(st.sampled_from(["A1", "A1", "A2", "B1"]))
            start = today + datetime.timedelta(days=draw(st.integers(1, 40)))
            return {"title": draw(st.sampled_from(["Integrationskurs", "Abendkurs B1", "Kurs"])), "kind": "general",
                    "level": level, "locationId": choose(draw, sorted(s.locations), "loc-none"),
                    "capacity": draw(st.integers(1, 4)), "childcare": draw(st.booleans()),
                    "startDate": str(start), "endDate": str(start + datetime.timedelta(days=draw(st.integers(0, 90)))),
                    "weekdays": draw(st.lists(st.sampled_from(WEEKDAYS[:5]), min_size=1, max_size=5, unique=True)),
                    "startTime": "09:00", "endTime": "12:00"}
        if op.op_id == "updateCourse":
            return draw(st.sampled_from([{"capacity": draw(st.integers(1, 6))}, {"title": "Neuer Titel"},
                                         {"childcare": draw(st.booleans())}, {"capacity": draw(st.integers(1, 3)), "title": "T"}]))
        if op.op_id == "createParticipant":
            language = draw(st.sampled_from(LANGUAGES))
            body = {"name": draw(st.sampled_from(["Amina Yusuf", "Olena Koval", "Ali Rahimi", "Fuzz Person"])),
                    "preferredLanguage": language, "languages": [language, "de"], "district": choose(draw, sorted(s.districts)),
                    "lat": 51.43, "lon": 6.76, "level": draw(st.sampled_from(["A1", "A1", "none", "A2"])), "consent": True,
                    "gender": draw(st.sampled_from(["female", "male", "diverse", "unspecified"])),
                    "attendanceConsent": draw(st.booleans())}
            if draw(st.booleans()):
                body["email"] = "fuzz@example.org"
            return body
        if op.op_id == "createBooking":
            body = {"participantId": choose(draw, s.own_participants(caller) or sorted(s.participants), "p0001")}
            slot = choose(draw, [k for k, v in s.slots.items() if v.get("free")])
            course = choose(draw, s.bookable_courses(), "course-001")
            if slot and draw(st.integers(0, 3)) == 0:
                body["slotId"] = slot
            else:
                body["courseId"] = course
            return body
        if op.op_id == "createSlots":
            slot = lambda: {"locationId": choose(draw, sorted(s.locations), "loc-none"),  # noqa: E731
                            "start": draw(self.future_timestamps()), "durationMinutes": draw(st.sampled_from([30, 45, 60])),
                            "service": draw(st.sampled_from(["mbe", "jmd", "social", "course-guidance"])),
                            "languages": draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))}
            return slot() if draw(st.booleans()) else {"slots": [slot() for _ in range(draw(st.integers(1, 5)))]}
        if op.op_id == "recordAttendance":
            booked = s.confirmed_in(ctx.get("course", ""))
            picks = draw(st.lists(INDEX, min_size=1, max_size=4)) if draw(st.integers(0, 9)) else []
            chosen = list(dict.fromkeys(booked[i % len(booked)] for i in picks)) if booked else []
            return {"marks": [self._mark(draw, b) for b in chosen]}
        if op.op_id == "correctAttendance":
            mark = self._mark(draw, choose(draw, s.confirmed_in(ctx.get("course", "")) or sorted(s.bookings), "bkg_none"))
            return {**mark, "reason": draw(st.sampled_from(["Nachgereicht", "Attest liegt vor", "Tippfehler"]))}
        if op.op_id == "recordBookingOutcome":
            return {"attended": draw(st.booleans())}
        if op.op_id == "releaseBooking":
            return {"reason": draw(st.sampled_from(["Drei Wochen nicht erschienen", "Unentschuldigt gefehlt"]))}
        if op.op_id == "createAllocation":
            return draw(st.sampled_from([{}, {"dryRun": True}, {"dryRun": False},
                                         {"courseIds": [choose(draw, s.bookable_courses(), "course-001")], "dryRun": draw(st.booleans())}]))
        if op.op_id == "createToken":
            lifetime = datetime.timedelta(seconds=draw(st.sampled_from([5, 3600, 86400 * 30, 86400 * 729, 86400 * 731])))
            return {"name": draw(st.sampled_from(["Fachverfahren", "Import", "Statistik"])),
                    "expiresAt": timestamp_text(datetime.datetime.now(datetime.timezone.utc) + lifetime, draw(st.integers(0, 2)))}
        if op.op_id == "putOwnContact":
            return {"phone": "0203 555 0100", "email": "kontakt@example.org", "address": "Musterstraße 1, 47051 Duisburg",
                    "openingHours": draw(st.sampled_from(["Mo–Do 9–16 Uhr", "nach Vereinbarung"]))}
        return None

    def _mark(self, draw, booking: str) -> dict:
        code = draw(st.sampled_from(["X", "E", "U", "U", "U", "W", "P"]))  # U often: it puts seats at risk
        mark = {"bookingId": booking, "code": code}
        if code == "X" and draw(st.booleans()):
            mark["arrivedLateMinutes"] = draw(st.integers(0, 600))
        return mark

    # ---- mutations ---------------------------------------------------------------------------

    @st.composite
    def mutated(draw, self, body: Any, schema: dict) -> tuple[Any, str]:
        """`body` (valid) broken in one way; the second item names how."""
        if not isinstance(body, dict) or not body:
            return draw(st.sampled_from(WRONG_TYPES)), "wrong-type-body"
        body = json.loads(json.dumps(body))
        target = body
        if "slots" in body and isinstance(body["slots"], list) and body["slots"] and draw(st.booleans()):
            target = body["slots"][draw(st.integers(0, len(body["slots"]) - 1))]
        elif "marks" in body and isinstance(body["marks"], list) and body["marks"] and draw(st.booleans()):
            target = body["marks"][0]
        key = draw(st.sampled_from(sorted(target)))
        how = pick(draw, {"drop": 2, "wrong-type": 3, "null": 1, "nasty": 3, "length": 2, "number": 2, "extra": 2,
                          "duplicate-key": 1, "deep": 1, "large-array": 1, "whole-type": 1})
        if how == "drop":
            del target[key]
        elif how == "wrong-type":
            target[key] = draw(st.sampled_from(WRONG_TYPES))
        elif how == "null":
            target[key] = None
        elif how == "nasty":
            target[key] = draw(nasty_text())
        elif how == "length":
            # Code points versus grapheme clusters: one letter with many combining marks.
            length = draw(st.sampled_from(HUGE_LENGTHS))
            target[key] = draw(st.sampled_from(["a" * length, "a" + "\u0301" * (length - 1), "ü" * length]))
        elif how == "number":
            target[key] = draw(st.sampled_from([Raw(n) for n in RAW_NUMBERS] + [-1, 0, 91, -181, 181, 1001, 2**63, -(2**63) - 1, 1e308, 0.5]))
        elif how == "extra":
            for extra in draw(st.lists(st.sampled_from(["id", "providerId", "centreId", "confirmed", "status", "__proto__",
                                                        "constructor", "admin", "é", "", "sessions", "bookings"]), min_size=1, max_size=3)):
                target[extra] = draw(st.sampled_from(WRONG_TYPES + ["centre-awo", "prov-vhs", "city-admin", "confirmed"]))
        elif how == "duplicate-key":
            target[key] = Raw(json.dumps(target[key]) + f', "{key}": ' + json.dumps(draw(st.sampled_from(WRONG_TYPES))))
        elif how == "deep":
            depth = draw(st.sampled_from([64, 512, 5000, 50_000]))
            target[key] = Raw("[" * depth + "]" * depth)
        elif how == "large-array":
            value = target[key] if not isinstance(target[key], list) else (target[key][:1] or ["x"])[0]
            target[key] = [value] * draw(st.sampled_from([2, 100, 1001, 20_000]))
        else:
            return draw(st.sampled_from([[body], "body", 17, None, True])), "wrong-type-body"
        return body, f"{how}:{key}"

    # ---- bodies ------------------------------------------------------------------------------

    @st.composite
    def body(draw, self, op: Operation, ctx: dict) -> tuple[Optional[bytes], Any, str]:
        """The body bytes, the body as data (when plain JSON) and what kind of body it is."""
        if op.body_schema is None:
            if draw(st.integers(0, 19)) == 0:
                return draw(st.sampled_from([b"{}", b"garbage", b'{"a":1}', b"\x00\xff"])), None, "unexpected"
            return None, None, "none"
        kind = pick(draw, {"realistic": 35, "valid": 20, "mutated": 30, "broken": 7, "huge": 2, "missing": 3, "deep": 3})
        if kind == "realistic":
            value = draw(self.realistic_body(op, ctx))
            if value is None:
                kind, value = "valid", draw(self.from_schema(op.body_schema))
        elif kind in ("valid", "mutated"):
            value = draw(self.from_schema(op.body_schema))
            if kind == "mutated":
                value, how = draw(self.mutated(value, op.body_schema))
                kind = f"mutated:{how}"
        elif kind == "broken":
            return draw(st.sampled_from(BROKEN_BODIES)), None, "broken"
        elif kind == "huge":
            size = draw(st.sampled_from([(1 << 20) - 20, (1 << 20) + 1, 3 << 20]))
            return b'{"name":"' + b"a" * size + b'"}', None, "huge"
        elif kind == "missing":
            return None, None, "missing"
        else:
            depth = draw(st.sampled_from([1000, 100_000, 400_000]))
            opener = draw(st.sampled_from([b"[", b'{"a":']))
            closer = b"]" if opener == b"[" else b"}"
            return opener * depth + b"1" + closer * depth * draw(st.sampled_from([0, 1])), None, "deep"
        return encode_json(value, ensure_ascii=draw(st.booleans())), value, kind

    # ---- path, query, headers ----------------------------------------------------------------

    @st.composite
    def caller(draw, self, op: Operation) -> tuple[Caller, Optional[bytes]]:
        """Who calls, and the Authorization header sent (None: no header)."""
        s, op_id = self.state, op.op_id
        allowed = op.roles
        orgs = [c for c in s.callers if c.role in (allowed or set())]
        how = pick(draw, {"allowed": 55, "any": 22, "created": 3, "none": 8, "garbage": 12})
        created = choose(draw, [info["token"] for info in s.tokens.values() if info.get("token")])
        if how == "created" and created:
            return Caller("created-token", None, created), b"Bearer " + created.encode()
        if allowed is None and how == "allowed":
            how = "none"
        if op_id == "getMetrics" and how == "allowed":
            return Caller("metrics", "metrics", s.metrics_token), b"Bearer " + s.metrics_token.encode()
        i, favour = draw(INDEX), draw(st.booleans())
        if how == "allowed" and orgs:
            favoured = [c for c in orgs if c.org in self.favoured_orgs(op_id)]
            pool = favoured if favour and favoured else orgs
            c = pool[i % len(pool)]
            return c, b"Bearer " + c.token.encode()
        if how in ("allowed", "any"):
            c = draw(st.sampled_from(s.callers))
            scheme = draw(st.sampled_from([b"Bearer ", b"Bearer ", b"Bearer ", b"bearer ", b"BEARER "]))
            return c, scheme + c.token.encode()
        if how == "none":
            return Caller("none", None), None
        token = draw(st.sampled_from(s.callers)).token.encode()
        header = draw(st.sampled_from([
            b"Bearer", b"Bearer ", b"Bearer  " + token, token, b"Basic dXNlcjpwYXNz", b"Bearer wgw_" + secrets.token_urlsafe(32).encode(),
            b"Bearer " + token + b"x", b"Bearer " + token[:-1], b"Token " + token, b"Bearer " + s.metrics_token.encode(),
            b"Bearer " + b"A" * 6000, b"Bearer \xc3\xa4\xe2\x80\xae", b"Bearer\t" + token, b"Bearer " + token.upper(),
            b"Bearer " + token + b", Bearer " + token, b"\xff\xfe",
        ]))
        if op_id == "getMetrics" and header == b"Bearer " + s.metrics_token.encode():
            return Caller("metrics", "metrics", s.metrics_token), header
        return Caller("garbage", None), header

    def operation_named(self, op_id: str) -> Optional[Operation]:
        return next((op for op in self.contract.operations if op.op_id == op_id), None)

    def favoured_orgs(self, op_id: str) -> set:
        """Organisations whose data lets `op_id` succeed: the providers of the courses that meet today."""
        if op_id in PROVIDER_COURSE_OPS or op_id == "releaseBooking":
            return {self.state.courses[c].provider for c in self.state.fixture_courses if c in self.state.courses}
        return set()

    def preferred_ids(self, op_id: str, caller: Caller) -> list[str]:
        """Ids with which `op_id` can get past its conflicts: a seat to release, an appointment that began."""
        s = self.state
        if op_id == "releaseBooking":
            return [b for c in s.fixture_courses for b in s.confirmed_in(c) if b in s.own_bookings(caller)]
        if op_id == "recordBookingOutcome":
            return [b for b in s.own_bookings(caller)
                    if s.bookings[b].status == "confirmed" and s.slot_begun(s.bookings[b].slot)]
        if op_id in PROVIDER_COURSE_OPS:
            return [c for c in s.fixture_courses if c in s.own_courses(caller)]
        return []

    @st.composite
    def path(draw, self, op: Operation, caller: Caller) -> tuple[str, dict]:
        values: dict[str, str] = {}
        path = op.path
        for param in op.params_in("path"):
            name = param["name"]
            value = draw(self.date_param(values.get("id", "")) if name == "date" else self.id_param(op, caller))
            values[name] = value
            path = path.replace("{" + name + "}", encode_segment(value, draw(st.integers(0, 9)) == 0))
        return path, values

    def id_pools(self, op: Operation, caller: Caller) -> tuple[list[str], list[str]]:
        """The ids of the kind `op`'s path names: the caller's own, and every one known (but
        never the set-up participants and bookings for an erasure or cancellation)."""
        own, every = self._id_pools(op, caller)
        if op.op_id in ("deleteParticipant", "cancelBooking"):
            own = [i for i in own if i not in self.state.protected]
            every = [i for i in every if i not in self.state.protected]
        return own, every

    def _id_pools(self, op: Operation, caller: Caller) -> tuple[list[str], list[str]]:
        s, template = self.state, op.path
        if template.startswith("/v1/courses"):
            own = s.own_courses(caller)
            if "/attendance/{date}" in template:
                own = [c for c in own if s.past_sessions(c)] or own
            return own, sorted(s.courses)
        if template.startswith("/v1/participants"):
            return s.own_participants(caller), sorted(s.participants)
        if template.startswith("/v1/tokens"):  # only tokens this run made: the demo tokens stay
            return [t for t, info in s.tokens.items() if info["org"] == caller.org], sorted(s.tokens)
        return s.own_bookings(caller), sorted(s.bookings)

    @st.composite
    def id_param(draw, self, op: Operation, caller: Caller) -> str:
        s = self.state
        own, every = self.id_pools(op, caller)
        n = draw(st.integers(0, 600))
        guess = {"courses": f"course-{n % 120:03d}", "participants": f"p{n:04d}"}.get(op.path.split("/")[2], f"bkg_{n:016x}")
        how = pick(draw, {"preferred": 25, "own": 35, "any": 17, "other-kind": 4, "guess": 7, "garbage": 12})
        i = draw(INDEX)
        preferred = self.preferred_ids(op.op_id, caller) if how == "preferred" else []
        if preferred:
            return preferred[i % len(preferred)]
        if how in ("preferred", "own") and own:
            return own[i % len(own)]
        if how in ("preferred", "own", "any") and every:
            return every[i % len(every)]
        if how == "other-kind":
            others = sorted(s.courses) + sorted(s.participants) + sorted(s.slots) + sorted(s.locations)
            return others[i % len(others)] if others else guess
        if how in ("preferred", "own", "any", "guess"):
            return guess
        return draw(st.one_of(nasty_text(1000), st.sampled_from(["..", ".", "%", "%2e%2e", "%ZZ", "%ff", "%00", "a/b",
                                                             "x" * 5000, "0", "-1", "course-001/../course-002"])))

    @st.composite
    def date_param(draw, self, course: str) -> str:
        sessions = self.state.courses.get(course, CourseInfo()).sessions
        past = self.state.past_sessions(course)
        how = pick(draw, {"past": 55, "any": 15, "other": 15, "garbage": 15})
        i = draw(INDEX)
        if how == "past" and past:
            return past[i % len(past)]
        if how in ("past", "any") and sessions:
            return sessions[i % len(sessions)]
        if how in ("past", "any"):
            return str(self.state.today - datetime.timedelta(days=i % 30))
        if how == "other":
            return str(draw(st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))))
        return draw(st.sampled_from(["2027-02-30", "2027-13-01", "today", "", "2026-1-1", "0000-00-00", "20270203",
                                     "2027-02-03T00:00:00Z", "-2027-01-01", "2027-02-03 ", "٢٠٢٧-٠٢-٠٣", "9" * 50]))

    @st.composite
    def query(draw, self, op: Operation) -> str:
        pairs: list[tuple[str, str]] = []
        for param in op.params_in("query"):
            if draw(st.booleans()):
                continue
            how = pick(draw, {"valid": 7, "invalid": 3})
            cursor = choose(draw, self.state.cursors.get(op.op_id, []))
            if param["name"] == "cursor" and cursor and how == "valid":
                pairs.append(("cursor", cursor))
            elif how == "valid":
                pairs.append((param["name"], draw(self.query_value(param))))
            else:
                pairs.append((param["name"], draw(st.one_of(nasty_text(1000), st.sampled_from(
                    ["", "0", "-1", "1001", "99999999999999999999", "1.5", "TRUE", "yes", "2027-02-30", "abc", "%ZZ",
                     base64.urlsafe_b64encode(b"\xff\xfe").decode(), "=="])))))
        if draw(st.integers(0, 9)) == 0:
            pairs.append((draw(st.sampled_from(["foo", "limit", "cursor", "", "a[b]", "ä"])), draw(nasty_text(1000))))
        if pairs and draw(st.integers(0, 19)) == 0:
            pairs.append(pairs[0])
        raw_percent = draw(st.integers(0, 19)) == 0
        return "&".join(encode_query(k, raw_percent) + "=" + encode_query(v, raw_percent) for k, v in pairs)

    @st.composite
    def query_value(draw, self, param: dict) -> str:
        schema = self.contract.resolve(param.get("schema", {}))
        name = param["name"]
        if name == "district":
            return choose(draw, sorted(self.state.districts), "Mitte")
        if name in ("participantId", "organisationId"):
            return choose(draw, sorted(self.state.participants) + [c.org for c in self.state.callers if c.org], "p0001")
        if name == "lang":
            return draw(st.sampled_from(["en", "de", "tr", ""]))
        if name in ("from", "to", "until") and schema.get("format") != "date":
            return draw(st.one_of(self.future_timestamps(), st.dates().map(str)))
        if name == "language":
            return draw(st.sampled_from(LANGUAGES + ["DE", "xx"]))
        value = draw(self.from_schema(param.get("schema", {})))
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    @st.composite
    def headers(draw, self, op: Operation, auth: Optional[bytes], body: Optional[bytes]) -> list[tuple[str, bytes]]:
        headers: list[tuple[str, bytes]] = []
        if auth is not None:
            headers.append(("Authorization", auth))
        if body is not None:
            content_type = "application/json" if draw(st.integers(0, 9)) < 8 else draw(st.sampled_from(CONTENT_TYPES))
            if content_type:
                headers.append(("Content-Type", content_type.encode()))
        if draw(st.integers(0, 3)) == 0:
            headers.append(("Accept", draw(st.sampled_from(ACCEPTS)).encode()))
        if draw(st.integers(0, 99)) < (50 if op.op_id == "createBooking" else 4):
            headers.append(("Idempotency-Key", draw(self.idempotency_key())))
        if draw(st.integers(0, 24)) == 0:
            headers.append(draw(st.sampled_from([
                ("X-Forwarded-For", b"1.2.3.4, evil"), ("Content-Encoding", b"gzip"), ("Expect", b"100-continue"),
                ("Connection", b"close"), ("X-Request-Id", b"\xc3\xa4" * 100), ("Cookie", b"session=" + b"x" * 3000),
                ("Host", b"evil.example"), ("Origin", b"null"), ("Range", b"bytes=0-1"),
            ])))
        return headers

    @st.composite
    def idempotency_key(draw, self) -> bytes:
        keys = self.state.idempotency_keys
        how = pick(draw, {"new": 5, "reuse": 3, "invalid": 2})
        reused = choose(draw, keys, "k-first")
        if how == "reuse":
            return reused.encode()
        if how == "invalid":
            return draw(st.sampled_from([b"", b" ", b"a b", b"k" * 201, "ключ".encode(), b"\x7f", b"\xff", b"tab\there"]))
        key = draw(st.sampled_from(["k-", "order/", "~!@#$%^&*()_+", ""])) + secrets.token_urlsafe(draw(st.sampled_from([1, 8, 140])))
        key = key[:200]
        keys.append(key)
        del keys[:-200]
        return key.encode()

    # ---- a whole request ---------------------------------------------------------------------

    @st.composite
    def request(draw, self, op: Operation) -> Request:
        caller, auth = draw(self.caller(op))
        path, path_ids = draw(self.path(op, caller))
        ctx = {"caller": caller, "course": path_ids.get("id", "")}
        self.ctx = ctx
        query = draw(self.query(op))
        body, body_json, body_kind = draw(self.body(op, ctx))
        headers = draw(self.headers(op, auth, body))
        chunked = body is not None and draw(st.integers(0, 29)) == 0
        return Request(op.op_id, op.method, path, query, headers, body, chunked, caller, body_json, body_kind, path_ids)

    @st.composite
    def coherent_request(draw, self, op: Operation) -> Request:
        """A request meant to succeed: an allowed caller (one whose data suits the operation, when
        there is one), ids the caller owns, a session date that has come, a realistic body."""
        s = self.state
        allowed = [c for c in s.callers if c.role in (op.roles or set())]
        caller = choose(draw, [c for c in allowed if c.org in self.favoured_orgs(op.op_id)] or allowed, Caller("none", None))
        auth = b"Bearer " + caller.token.encode() if caller.token else None
        if op.op_id == "getMetrics":
            caller, auth = Caller("metrics", "metrics", s.metrics_token), b"Bearer " + s.metrics_token.encode()
        path, path_ids = op.path, {}
        for param in op.params_in("path"):
            if param["name"] == "date":
                value = choose(draw, s.past_sessions(path_ids.get("id", "")), str(s.today))
            else:
                own, every = self.id_pools(op, caller)
                value = choose(draw, self.preferred_ids(op.op_id, caller) or own or every, "none")
            path_ids[param["name"]] = value
            path = path.replace("{" + param["name"] + "}", encode_segment(value, False))
        self.ctx = {"caller": caller, "course": path_ids.get("id", "")}
        body_json = None
        if op.body_schema is not None:
            body_json = draw(self.realistic_body(op, self.ctx))
            if body_json is None:
                body_json = draw(self.from_schema(op.body_schema))
        headers = [("Authorization", auth)] if auth else []
        if body_json is not None:
            headers.append(("Content-Type", b"application/json"))
        if op.op_id == "createBooking" and draw(st.booleans()):
            headers.append(("Idempotency-Key", ("k-" + secrets.token_urlsafe(12)).encode()))
        body = encode_json(body_json) if body_json is not None else None
        return Request(op.op_id, op.method, path, "", headers, body, False, caller, body_json, "coherent", path_ids)

    @st.composite
    def off_contract_request(draw, self) -> Request:
        """A request the contract does not describe: another method, an unknown or odd path."""
        op = draw(st.sampled_from(self.contract.operations))
        path, _ = draw(self.path(op, Caller("none", None)))
        path = draw(st.sampled_from([
            path, path + "/", path + "/nothing", "/v1", "/v1/", "//v1//courses", "/v1/courses/../audit", "/v1/%2e%2e/audit",
            "/v1/COURSES", "/v1/courses;x=1", "/v1/courses%00", "/V1/courses", "/v1/participants", "/v1/bookings",
            "/v1/organisations", "/v1/audit/1", "/v1/slots/" + choose(draw, sorted(self.state.slots), "slot-001"),
            "/v1/locations/" + choose(draw, sorted(self.state.locations), "loc"), "/" + "a/" * 500, "/%ff%fe",
            "/v1/courses?district=" + "x" * 70_000,
        ]))
        method = draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "get"]))
        caller, auth = draw(self.caller(self.operation_named("listAuditEntries") or op))
        body = draw(st.sampled_from([None, b"{}", b'{"capacity":1}', b"x"]))
        headers = draw(self.headers(op, auth, body))
        return Request(OFF_CONTRACT, method, path, "", headers, body, False, caller, None, "off-contract", {})


def encode_segment(value: str, raw: bool) -> str:
    """A path segment: percent-encoded, or (rarely) sent as it is where HTTP allows it."""
    if raw and re.fullmatch(r"[!-~]*", value) and "?" not in value and "#" not in value:
        return value
    return urllib.parse.quote(value.encode("utf-8", errors="surrogatepass"), safe="")


def encode_query(value: str, raw_percent: bool) -> str:
    if raw_percent and re.fullmatch(r"[!-~]*", value) and not set(value) & set("&#= "):
        return value
    return urllib.parse.quote(value.encode("utf-8", errors="surrogatepass"), safe="")


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Failure:
    kind: str
    message: str
    request: Optional[Request] = None
    response: Optional[Response] = None
    count: int = 1


class Findings:
    """Failures (which fail the run) and contract notes (which do not), each kind counted once."""

    def __init__(self):
        self.failures: dict[tuple, Failure] = {}
        self.notes: dict[tuple, Failure] = {}

    def fail(self, kind: str, message: str, request: Optional[Request] = None, response: Optional[Response] = None,
             key: Optional[tuple] = None) -> None:
        self._add(self.failures, kind, message, request, response, key)

    def note(self, kind: str, message: str, request: Optional[Request] = None, response: Optional[Response] = None,
             key: Optional[tuple] = None) -> None:
        self._add(self.notes, kind, message, request, response, key)

    @staticmethod
    def _add(into: dict, kind: str, message: str, request, response, key) -> None:
        key = key or (kind, request.op_id if request else "", response.status if response else 0, message)
        if key in into:
            into[key].count += 1
        else:
            into[key] = Failure(kind, message, request, response)


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------

class Fuzzer:
    def __init__(self, contract: Contract, server: Server, state: State, findings: Findings):
        self.contract = contract
        self.server = server
        self.state = state
        self.findings = findings
        self.client = Client(server.port)
        self.generator = Generator(contract, state)
        self.ops = {op.op_id: op for op in contract.operations}
        self.per_op: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.statuses: collections.Counter = collections.Counter()
        self.fuzz_requests = 0
        self.other_requests = 0
        self.validated: collections.Counter = collections.Counter()
        self.server_died = False
        self.deadline = float("inf")
        self.trace = None  # a file that gets one line per request, with --trace
        # Hypothesis draws early items of a list more often: each round shuffles the operations.
        self.round_operations = list(contract.operations)

    # ---- sending -----------------------------------------------------------------------------

    def send(self, request: Request, fuzzing: bool = True, client: Optional[Client] = None) -> Optional[Response]:
        """Sends `request`, counts it and checks the answer; None when no answer came."""
        if fuzzing:
            self.fuzz_requests += 1
        else:
            self.other_requests += 1
        try:
            response = (client or self.client).send(request)
        except TransportError as error:
            self.per_op[request.op_id]["no answer"] += 1
            self.statuses["no answer"] += 1
            if not self.server.alive():
                self.server_died = True
                self.findings.fail("server died", f"the server exited with status {self.server.process.returncode}", request)
            elif malformed_head(request) and "timed out" not in str(error):
                self.findings.note("no answer", f"connection closed on a malformed request head: {error}", request)
            else:
                self.findings.fail("no answer", str(error), request)
            return None
        self.per_op[request.op_id][response.status] += 1
        self.statuses[response.status] += 1
        if self.trace:
            headers = {k: shorten(v.decode("latin-1"), 40) for k, v in request.headers if k != "Authorization"}
            self.trace.write(f"{response.status} {response.seconds * 1000:.0f}ms {request.op_id} {request.method} "
                             f"{shorten(request.target, 200)} as={request.caller.label} {headers} body={request.body_kind} "
                             f"{'chunked ' if request.chunked else ''}{show_body(request.body, 200)} -> {show_body(response.body, 200)}\n")
        self.check(request, response)
        return response

    def call(self, op_id: str, caller: Optional[Caller], path: str, body: Any = None, query: str = "",
             headers: Optional[list] = None) -> Optional[Response]:
        """A well-formed request for setup and the invariants, repeated while the answer is 429."""
        op = self.ops.get(op_id)
        request = Request(op_id, op.method if op else "GET", path, query, list(headers or []),
                          encode_json(body) if body is not None else None, False,
                          caller or Caller("none", None), body, "setup")
        if caller and caller.token:
            request.headers.insert(0, ("Authorization", b"Bearer " + caller.token.encode()))
        if body is not None:
            request.headers.append(("Content-Type", b"application/json"))
        for attempt in range(6):
            response = self.send(request, fuzzing=False)
            if response is None or response.status != 429:
                break
            time.sleep(min(float(response.headers.get("retry-after", "1") or 1), 2.0))
        if response is not None and response.status < 300:
            self.harvest(request, response)
        return response

    # ---- one fuzz step -----------------------------------------------------------------------

    def step(self, data) -> None:
        """One hypothesis example: one request (two when an Idempotency-Key is replayed).
        Everything is drawn before anything is sent, so the draws never depend on an answer."""
        if self.server_died or time.monotonic() > self.deadline:
            raise StopFuzzing()
        try:
            kind = data.draw(st.integers(0, 49), label="kind of request")
            if kind == 0:
                request = data.draw(self.generator.off_contract_request())
            else:
                op = data.draw(st.sampled_from(self.round_operations), label="operation")
                coherent = kind <= 10  # one in five: meant to succeed, to reach the deeper states
                request = data.draw(self.generator.coherent_request(op) if coherent else self.generator.request(op))
            replay = data.draw(st.sampled_from(["none", "none", "same", "other"]), label="replay")
            response = self.send(request)
            if response is not None and response.status < 300:
                self.harvest(request, response)
            if response is not None and request.header("Idempotency-Key") and request.op_id == "createBooking":
                self.replay(request, response, replay)
        except Exception:  # a fault of this script: reported, but the run goes on
            self.findings.fail("fuzzer error", traceback.format_exc(limit=6), key=("fuzzer error", traceback.format_exc(limit=6)))

    def replay(self, request: Request, first: Response, how: str) -> None:
        """Repeat a booking with the same Idempotency-Key: the same answer, or 409 for another body."""
        if how == "none" or first.status != 201 or not isinstance(request.body_json, dict):
            return
        if how == "same":
            again = self.send(request)
            if again is not None and again.status != 429 and (again.status, again.body) != (first.status, first.body):
                self.findings.note("idempotency", f"a replay with the same Idempotency-Key answered {again.status} "
                                   f"where the first answer was {first.status}, or another body", request, again)
            return
        other = dataclasses.replace(request, body=encode_json({**request.body_json, "participantId": "p0001"}))
        again = self.send(other)
        if again is not None and 200 <= again.status < 300:
            self.findings.note("idempotency", "the same Idempotency-Key with another body was answered 2xx, not 409", other, again)

    # ---- checks of each answer ---------------------------------------------------------------

    def check(self, request: Request, response: Response) -> None:
        op = self.ops.get(request.op_id)
        if response.status >= 500:
            self.findings.fail("5xx", f"answered {response.status}", request, response,
                               key=("5xx", request.op_id, response.status, request.body_kind.split(":")[0], response.body[:60]))
        if response.status == 429 or op is None:
            return
        if malformed_head(request) and 400 <= response.status < 500 and response.media_type != "application/problem+json":
            self.findings.note("HTTP-level refusal", f"a request with a control character in a header or a head over 60 KB "
                               f"was refused with a bare {response.status}, before the API", request, response,
                               key=("HTTP-level refusal", response.status))
            return
        self.check_problem(op, request, response)
        if 200 <= response.status < 300:
            self.check_access(op, request, response)
            self.check_shape(op, request, response)
        elif response.status not in op.responses and response.status < 500:
            self.findings.note("undocumented status", f"{response.status} is not among the documented answers "
                               f"{sorted(op.responses)}", request, response)
        if (response.status == 400 and request.body_kind in ("realistic", "valid") and self.body_is_valid(op, request)
                and re.fullmatch(rb"[\x21-\x7e]{1,200}", request.header("Idempotency-Key") or b"k")):
            self.findings.note("400 for a valid body", "a body valid under the request schema was answered 400",
                               request, response, key=("400 for a valid body", op.op_id))

    def body_is_valid(self, op: Operation, request: Request) -> bool:
        return (op.body_schema is not None and request.body_json is not None and not contains_raw(request.body_json)
                and jsonschema is not None and not self.contract.errors(op.body_schema, request.body_json))

    def check_problem(self, op: Operation, request: Request, response: Response) -> None:
        if not 400 <= response.status < 500:
            return
        promised = "application/problem+json" in op.responses.get(response.status, set())
        if response.media_type != "application/problem+json":
            report = self.findings.fail if promised and not malformed_head(request) else self.findings.note
            report("not problem+json", f"{response.status} came as {response.media_type or 'no content type'!r}",
                   request, response, key=("not problem+json", op.op_id, response.status))
            return
        problem = response.json()
        schema = self.contract.doc["components"]["schemas"]["Problem"]
        for error in self.contract.errors(schema, problem)[:3]:
            self.findings.note("problem shape", error, request, response, key=("problem shape", op.op_id, error))
        if isinstance(problem, dict) and problem.get("status") != response.status:
            self.findings.note("problem shape", "the problem's `status` is not the HTTP status", request, response)
        if response.status == 401 and "www-authenticate" not in response.headers:
            self.findings.note("missing header", "a 401 without WWW-Authenticate", request, response)

    def check_access(self, op: Operation, request: Request, response: Response) -> None:
        """2xx answers the contract rules out: wrong role, unknown token, another organisation's data."""
        allowed = op.roles
        caller = effective_caller(request, self.state)
        if caller.role == "uncertain":
            return
        if allowed is not None and (caller.role not in allowed):
            self.findings.fail("access", f"{op.op_id} answered {response.status} to {caller.label} "
                               f"(allowed: {', '.join(sorted(allowed))})", request, response,
                               key=("access", op.op_id, caller.role))
            return
        if caller.role not in ("advice-centre", "provider") and op.op_id != "revokeToken":
            return
        target = request.path_ids.get("id")
        owner = None
        if op.op_id in PARTICIPANT_PATH_OPS and caller.role == "advice-centre":
            owner = self.state.participants.get(target)
        elif op.op_id in BOOKING_PATH_OPS and caller.role == "advice-centre":
            owner = self.state.bookings.get(target, BookingInfo()).centre
        elif op.op_id in PROVIDER_COURSE_OPS and caller.role == "provider":
            owner = self.state.courses.get(target, CourseInfo()).provider
        elif op.op_id == "releaseBooking":
            course = self.state.bookings.get(target, BookingInfo()).course
            owner = self.state.courses.get(course, CourseInfo()).provider if course else None
        elif op.op_id == "revokeToken":
            owner = self.state.tokens.get(target, {}).get("org")
        elif op.op_id == "createBooking" and isinstance(request.body_json, dict):
            owner = self.state.participants.get(str(request.body_json.get("participantId")))
        if owner is not None and owner != caller.org:
            self.findings.fail("cross-organisation access", f"{op.op_id} answered {response.status} to {caller.label} "
                               f"({caller.org}) for data of {owner}", request, response, key=("cross", op.op_id))
        self.check_created_owner(op, request, response, caller)

    def check_created_owner(self, op: Operation, request: Request, response: Response, caller: Caller) -> None:
        body = response.json()
        field = {"createParticipant": "centreId", "createSlots": "centreId", "createCourse": "providerId"}.get(op.op_id)
        if not field or not isinstance(body, dict):
            return
        for item in body.get("slots", [body]) if isinstance(body.get("slots"), list) else [body]:
            if isinstance(item, dict) and item.get(field) != caller.org:
                self.findings.fail("created for another organisation", f"{op.op_id} by {caller.org} made an object with "
                                   f"{field} {item.get(field)!r}", request, response, key=("owner", op.op_id))

    def check_shape(self, op: Operation, request: Request, response: Response) -> None:
        """The answer's content type and (sampled) body against the documented 2xx answer."""
        documented = op.responses.get(response.status)
        if documented is None:
            self.findings.note("undocumented status", f"{response.status} is not among the documented answers "
                               f"{sorted(op.responses)}", request, response)
            return
        if not documented:
            if response.body:
                self.findings.note("unexpected body", f"{response.status} is documented without a body", request, response)
            return
        if response.media_type not in documented:
            self.findings.note("content type", f"{response.status} came as {response.media_type!r}, documented "
                               f"{sorted(documented)}", request, response)
            return
        key = (op.op_id, response.status)
        self.validated[key] += 1
        if response.media_type != "application/json" or (self.validated[key] > 20 and self.validated[key] % 10):
            return
        schema = self.contract.response_schema(op, response.status, response.media_type)
        for error in self.contract.errors(schema, response.json())[:3]:
            self.findings.note("answer shape", error, request, response, key=("answer shape", op.op_id, re.sub(r"\d+", "N", error)))
        if op.op_id == "listNotifications":
            self.check_notifications_scope(request, response)

    def check_notifications_scope(self, request: Request, response: Response) -> None:
        caller = effective_caller(request, self.state)
        body = response.json()
        if caller.role != "advice-centre" or not isinstance(body, dict):
            return
        for item in (body.get("notifications") or []) + (body.get("notices") or []):
            owner = self.state.participants.get(item.get("participantId")) if isinstance(item, dict) else None
            if owner is not None and owner != caller.org:
                self.findings.fail("cross-organisation access", f"{caller.org}'s mail list names a participant of {owner}",
                                   request, response, key=("cross", "listNotifications"))

    # ---- learning from answers ---------------------------------------------------------------

    def harvest(self, request: Request, response: Response) -> None:
        if request.op_id == "revokeToken" and response.status == 204:
            self.state.tokens.setdefault(request.path_ids.get("id", ""), {"org": None, "token": None})["revoked"] = True
        body = response.json()
        if not isinstance(body, dict):
            return
        caller = effective_caller(request, self.state)
        if "nextCursor" in body:
            cursors = self.state.cursors[request.op_id]
            cursors.append(body["nextCursor"])
            del cursors[:-20]
        for course in body.get("courses", []) if isinstance(body.get("courses"), list) else []:
            self.learn_course(course)
        if request.op_id in ("createCourse", "getCourse", "updateCourse"):
            self.learn_course(body)
        if request.op_id == "createLocation" and "id" in body:
            self.state.locations.add(body["id"])
            self.state.districts.add(str(body.get("district", "")))
        slots = body.get("slots") if isinstance(body.get("slots"), list) else ([body] if request.op_id == "createSlots" else [])
        for slot in slots:
            if isinstance(slot, dict) and "id" in slot:
                self.state.slots[slot["id"]] = {"centre": slot.get("centreId"), "free": slot.get("free"), "start": slot.get("start")}
        if request.op_id in ("createParticipant", "getParticipant") and "id" in body:
            self.state.participants[body["id"]] = body.get("centreId")
            if request.op_id == "createParticipant" and caller.role == "advice-centre":
                self.state.created_participants[caller.org].append(body["id"])
            for booking in body.get("bookings") or []:
                self.learn_booking(booking, body.get("centreId"))
        if request.op_id in ("createBooking", "getBooking", "cancelBooking", "releaseBooking", "recordBookingOutcome"):
            centre = self.state.participants.get(body.get("participantId")) or (caller.org if caller.role == "advice-centre" else None)
            self.learn_booking(body, centre)
            if request.op_id == "createBooking" and caller.role == "advice-centre" and response.status == 201:
                self.state.created_bookings[caller.org].append(body.get("id"))
        if request.op_id == "createAllocation":
            for booking in body.get("bookings") or []:
                self.learn_booking(booking, self.state.participants.get(booking.get("participantId")))
        if request.op_id == "createToken" and "id" in body and caller.org:
            self.state.tokens[body["id"]] = {"org": caller.org, "token": body.get("token"), "revoked": False,
                                             "expires": parse_time(body.get("expiresAt"))}
        if request.op_id == "getCourseRoster":
            for line, status in [(x, "confirmed") for x in body.get("confirmed", [])] + [(x, "waitlisted") for x in body.get("waitlisted", [])]:
                info = self.state.bookings.setdefault(line.get("bookingId"), BookingInfo())
                info.course, info.status = body.get("courseId"), status
        if request.op_id == "listNotifications" and caller.role == "advice-centre":
            for item in body.get("notifications") or []:
                self.state.participants.setdefault(item.get("participantId"), caller.org)
                info = self.state.bookings.setdefault(item.get("bookingId"), BookingInfo())
                info.centre = info.centre or caller.org

    def learn_course(self, course: dict) -> None:
        if not isinstance(course, dict) or "id" not in course:
            return
        info = self.state.courses.setdefault(course["id"], CourseInfo())
        info.provider = course.get("providerId", info.provider)
        info.start = course.get("startDate", info.start)
        info.start_time = course.get("startTime", info.start_time)
        if isinstance(course.get("sessions"), list):
            info.sessions = course["sessions"]
        if course.get("district"):
            self.state.districts.add(course["district"])
        if course.get("locationId"):
            self.state.locations.add(course["locationId"])

    def learn_booking(self, booking: dict, centre: Optional[str]) -> None:
        if not isinstance(booking, dict) or "id" not in booking:
            return
        info = self.state.bookings.setdefault(booking["id"], BookingInfo())
        info.centre = info.centre or centre
        info.participant = booking.get("participantId", info.participant)
        info.course = booking.get("courseId", info.course)
        info.slot = booking.get("slotId", info.slot)
        info.status = booking.get("status", info.status)
        if info.slot and info.status == "confirmed" and info.slot in self.state.slots:
            self.state.slots[info.slot]["free"] = False


def malformed_head(request: Request) -> bool:
    """Whether the request is refused by HTTP itself before the API sees it: a control character
    in a header value, or a request head over 60 KB."""
    size = len(request.target) + sum(len(k) + len(v) for k, v in request.headers)
    return size > 60_000 or any(re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", v) for _, v in request.headers)


def effective_caller(request: Request, state: State) -> Caller:
    """Whom the server should take the request to come from, as the contract defines the header."""
    header = request.header("Authorization")
    if header is None:
        return Caller("none", None)
    text = header.decode("latin-1").strip(" \t")
    scheme, _, token = text.partition(" ")
    if request.op_id == "getMetrics":
        return Caller("metrics", "metrics") if text == "Bearer " + state.metrics_token else Caller("garbage", None)
    if scheme.lower() != "bearer":
        return Caller("garbage", None)
    known = next((c for c in state.callers if c.token == token), None)
    if known is not None:
        return known
    return created_token_caller(token, state)


def created_token_caller(token: str, state: State) -> Caller:
    """The organisation of a token this run created, while it is neither revoked nor expired."""
    info = next((i for i in state.tokens.values() if i.get("token") == token), None)
    if info is None or info.get("revoked"):
        return Caller("garbage", None)
    owner = state.caller_of_org(info["org"])
    expires = info.get("expires")
    now = datetime.datetime.now(datetime.timezone.utc)
    if expires is not None and abs((expires - now).total_seconds()) < 5:
        return Caller("created-token (expiring)", "uncertain", token, info["org"])
    if owner is None or (expires is not None and expires < now):
        return Caller("garbage", None)
    return Caller("created-token", owner.role, token, owner.org)


def parse_time(text: Any) -> Optional[datetime.datetime]:
    try:
        return datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Setup: what the fuzzing builds on
# --------------------------------------------------------------------------------------------

def set_up(fuzzer: Fuzzer) -> None:
    """Learns the organisations and the catalogue, then makes courses that meet today, slots that
    begin in a moment and participants booked into them, so attendance, releases and outcomes
    can succeed during the run."""
    state = fuzzer.state
    for caller in state.callers:
        me = fuzzer.call("getOwnOrganisation", caller, "/v1/organisations/me")
        caller.org = (me.json() or {}).get("id") if me is not None and me.status == 200 else None
    admin = state.by_role("admin")[0]
    fuzzer.call("listCourses", None, "/v1/courses")
    fuzzer.call("listSlots", admin, "/v1/slots")
    for course in sorted(state.courses)[:10]:
        fuzzer.call("getCourse", None, f"/v1/courses/{course}")
    centres, providers = state.by_role("advice-centre"), state.by_role("provider")
    location = sorted(state.locations)[0] if state.locations else "loc-none"
    for centre in centres:
        for n in range(3):
            fuzzer.call("createParticipant", centre, "/v1/participants", easy_participant(n))
    today_late = make_today_course(fuzzer, providers, location)
    state.protected.update(p for ids in state.created_participants.values() for p in ids)
    for centre in centres:
        for pid in state.created_participants[centre.org][:2]:
            for course in today_late:
                fuzzer.call("createBooking", centre, "/v1/bookings", {"participantId": pid, "courseId": course})
        # The soonest a slot can be booked is about a minute ahead; it has begun 75 s later.
        soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=75)
        answer = fuzzer.call("createSlots", centre, "/v1/slots", {
            "locationId": location, "start": timestamp_text(soon, 0), "durationMinutes": 30, "service": "mbe",
            "languages": ["de", "ar", "en"]})
        if answer is not None and answer.status == 201 and state.created_participants[centre.org]:
            fuzzer.call("createBooking", centre, "/v1/bookings",
                        {"participantId": state.created_participants[centre.org][-1], "slotId": answer.json()["id"]})
    state.protected.update(b for ids in state.created_bookings.values() for b in ids)


def easy_participant(n: int) -> dict:
    """A participant every plain A1 course and every German-speaking slot accepts."""
    return {"name": f"Fuzz Teilnehmerin {n}", "preferredLanguage": "ar", "languages": ["ar", "de", "en"], "gender": "female",
            "district": "Mitte", "lat": 51.43, "lon": 6.76, "level": "A1", "consent": True, "attendanceConsent": n % 2 == 0}


def make_today_course(fuzzer: Fuzzer, providers: list[Caller], location: str) -> list[str]:
    """Courses of two providers that meet today late in the evening: still bookable now, and
    their session today may already be recorded."""
    state = fuzzer.state
    local_now = datetime.datetime.now(berlin_zone())
    if local_now.strftime("%H:%M") >= "23:50":
        return []
    made = []
    for provider in providers[:2]:
        answer = fuzzer.call("createCourse", provider, "/v1/courses", {
            "title": "Fuzz heute", "kind": "general", "level": "A1", "locationId": location,
            "childcare": True, "startDate": str(state.today), "endDate": str(state.today),
            "weekdays": [WEEKDAYS[state.today.weekday()]], "startTime": "23:55", "endTime": "23:59", "capacity": 3})
        if answer is not None and answer.status == 201:
            made.append(answer.json()["id"])
    state.fixture_courses.extend(made)
    return made


# --------------------------------------------------------------------------------------------
# Invariants after the run
# --------------------------------------------------------------------------------------------

def booking_burst(fuzzer: Fuzzer) -> None:
    """Concurrent bookings from every centre into one small course and one slot."""
    state = fuzzer.state
    centres, providers = state.by_role("advice-centre"), state.by_role("provider")
    location = sorted(state.locations)[0] if state.locations else "loc-none"
    start = state.today + datetime.timedelta(days=10)
    course = fuzzer.call("createCourse", providers[0], "/v1/courses", {
        "title": "Fuzz Ansturm", "kind": "general", "level": "A1", "locationId": location, "capacity": 2, "childcare": True,
        "startDate": str(start), "endDate": str(start + datetime.timedelta(days=30)), "weekdays": ["MO", "WE"],
        "startTime": "09:00", "endTime": "12:00"})
    slot = fuzzer.call("createSlots", centres[0], "/v1/slots", {
        "locationId": location, "start": timestamp_text(state.now + datetime.timedelta(days=5), 0), "durationMinutes": 30,
        "service": "mbe", "languages": ["de", "ar"]})
    if course is None or course.status != 201 or slot is None or slot.status != 201:
        fuzzer.findings.fail("invariant", "the burst's course or slot could not be made")
        return
    course_id, slot_id = course.json()["id"], slot.json()["id"]
    jobs = []
    for centre in centres:
        for n in range(4):
            answer = fuzzer.call("createParticipant", centre, "/v1/participants", easy_participant(n))
            if answer is not None and answer.status == 201:
                jobs.append((centre, answer.json()["id"]))
    results: list[tuple[str, Optional[Response]]] = []
    lock = threading.Lock()

    def book(centre: Caller, pid: str, offer: dict) -> None:
        client = Client(fuzzer.server.port)
        request = Request("createBooking", "POST", "/v1/bookings", "", [
            ("Authorization", b"Bearer " + centre.token.encode()), ("Content-Type", b"application/json")],
            encode_json({"participantId": pid, **offer}), False, centre, {"participantId": pid, **offer}, "burst")
        with lock:
            fuzzer.other_requests += 1
        try:
            response = client.send(request)
        except TransportError as error:
            with lock:
                fuzzer.findings.fail("no answer", f"during the booking burst: {error}", request)
            return
        finally:
            client.close()
        with lock:
            fuzzer.per_op["createBooking"][response.status] += 1
            fuzzer.statuses[response.status] += 1
            fuzzer.check(request, response)
            results.append((next(iter(offer)), response))
            if response.status == 201:
                fuzzer.harvest(request, response)

    threads = [threading.Thread(target=book, args=(c, p, {"courseId": course_id})) for c, p in jobs]
    threads += [threading.Thread(target=book, args=(c, p, {"slotId": slot_id})) for c, p in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    slot_confirmed = [r for kind, r in results if kind == "slotId" and r and r.status == 201 and (r.json() or {}).get("status") == "confirmed"]
    if len(slot_confirmed) > 1:
        fuzzer.findings.fail("invariant", f"slot {slot_id} was booked {len(slot_confirmed)} times in the burst")
    course_confirmed = [r for kind, r in results if kind == "courseId" and r and r.status == 201 and (r.json() or {}).get("status") == "confirmed"]
    if len(course_confirmed) > 2:
        fuzzer.findings.fail("invariant", f"course {course_id} (capacity 2) confirmed {len(course_confirmed)} bookings in the burst")


def check_capacity(fuzzer: Fuzzer) -> int:
    """No course holds more confirmed bookings than seats; catalogue and roster agree."""
    admin = fuzzer.state.by_role("admin")[0]
    listing = fuzzer.call("listCourses", None, "/v1/courses")
    courses = (listing.json() or {}).get("courses", []) if listing is not None and listing.status == 200 else []
    if not courses:
        fuzzer.findings.fail("invariant", "the course catalogue could not be read after the run")
    for course in courses:
        cid, capacity, confirmed = course["id"], course["capacity"], course["confirmed"]
        if confirmed > capacity:
            fuzzer.findings.fail("invariant", f"course {cid} has {confirmed} confirmed bookings for {capacity} seats")
        if course["freeSeats"] != max(capacity - confirmed, 0):
            fuzzer.findings.fail("invariant", f"course {cid}: freeSeats {course['freeSeats']} but capacity {capacity}, confirmed {confirmed}")
        if course["waitlisted"] and course["freeSeats"]:
            fuzzer.findings.note("invariant", "a course has free seats while bookings wait for one",
                                 key=("invariant", "waitlist with free seats", cid))
        roster = fuzzer.call("getCourseRoster", admin, f"/v1/courses/{urllib.parse.quote(cid, safe='')}/roster")
        lines = roster.json() if roster is not None and roster.status == 200 else None
        if not isinstance(lines, dict):
            fuzzer.findings.fail("invariant", f"the roster of course {cid} could not be read")
            continue
        if len(lines.get("confirmed", [])) != confirmed or len(lines.get("confirmed", [])) > capacity:
            fuzzer.findings.fail("invariant", f"course {cid}: roster has {len(lines.get('confirmed', []))} confirmed, "
                                 f"catalogue {confirmed}, capacity {capacity}")
        if len(lines.get("waitlisted", [])) != course["waitlisted"]:
            fuzzer.findings.fail("invariant", f"course {cid}: roster has {len(lines.get('waitlisted', []))} waitlisted, "
                                 f"catalogue {course['waitlisted']}")
    return len(courses)


def check_centre_isolation(fuzzer: Fuzzer, per_centre: int = 25) -> int:
    """Participants and bookings created by one centre answer 404 to every other centre."""
    state = fuzzer.state
    centres = [c for c in state.by_role("advice-centre") if c.org]
    checked = 0
    for owner in centres:
        others = [c for c in centres if c.org != owner.org]
        participants = state.created_participants[owner.org][-per_centre:]
        bookings = [b for b in state.created_bookings[owner.org] if b][-per_centre:]
        probes = [("getParticipant", f"/v1/participants/{p}") for p in participants]
        probes += [("listParticipantMatches", f"/v1/participants/{p}/matches") for p in participants]
        probes += [("getBooking", f"/v1/bookings/{b}") for b in bookings]
        probes += [("getBookingCalendar", f"/v1/bookings/{b}/calendar.ics") for b in bookings]
        for other in others:
            for op_id, path in probes:
                answer = fuzzer.call(op_id, other, urllib.parse.quote(path))
                checked += 1
                if answer is not None and answer.status != 404:
                    fuzzer.findings.fail("cross-centre read", f"{op_id} {path} of {owner.org} answered {answer.status} "
                                         f"to {other.org}, not 404", key=("cross-centre read", op_id, answer.status))
    return checked


def check_tokens(fuzzer: Fuzzer) -> int:
    """Every demo token still works; every token the run revoked is refused (401)."""
    for caller in fuzzer.state.callers:
        answer = fuzzer.call("getOwnOrganisation", caller, "/v1/organisations/me")
        if answer is None or answer.status != 200:
            fuzzer.findings.fail("invariant", f"the demo token of {caller.label} is no longer accepted "
                                 f"({answer.status if answer else 'no answer'})")
    revoked = [info for info in fuzzer.state.tokens.values() if info.get("revoked") and info.get("token")][:20]
    for info in revoked:
        answer = fuzzer.call("getOwnOrganisation", Caller("revoked-token", None, info["token"]), "/v1/organisations/me")
        if answer is not None and answer.status != 401:
            fuzzer.findings.fail("invariant", f"a revoked token was answered {answer.status}, not 401")
    return len(revoked)


def check_still_serving(fuzzer: Fuzzer) -> None:
    answer = fuzzer.call("getHealth", None, "/health")
    if answer is None or answer.status != 200:
        fuzzer.findings.fail("server died", "/health did not answer 200 after the run")


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def shorten(text: Any, limit: int) -> str:
    text = text if isinstance(text, str) else repr(text)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


def show_body(body: Optional[bytes], limit: int = 400) -> str:
    if body is None:
        return "(none)"
    return shorten(body.decode("utf-8", errors="backslashreplace"), limit)


def curl_command(request: Request, port: int, folder: Path, number: int) -> str:
    """A curl command that sends `request` again; tokens named by role, a long body saved to a file."""
    parts = ["curl", "-sS", "-i", "-X", request.method]
    for name, value in request.headers:
        text = value.decode("latin-1")
        if name == "Authorization" and request.caller.token and request.caller.token in text:
            parts += ["-H", f"Authorization: {text.replace(request.caller.token, '$' + token_variable(request.caller))}"]
        else:
            parts += ["-H", f"{name}: {text}"]
    if request.body is not None:
        if len(request.body) <= 300 and re.fullmatch(rb"[ -~]*", request.body):
            parts += ["--data-binary", request.body.decode()]
        else:
            path = folder / f"body-{number}.bin"
            path.write_bytes(request.body)
            parts += ["--data-binary", f"@{path}"]
    url = f"http://127.0.0.1:{port}{request.target}"
    if len(url) > 300:
        path = folder / f"url-{number}.txt"
        path.write_text(url)
        parts.append(f"$(cat {path})")
    else:
        parts.append(url)
    command = " ".join(shlex.quote(p) for p in parts)
    command = command.replace(f"'$(cat {folder}/url-{number}.txt)'", f'"$(cat {folder}/url-{number}.txt)"')
    return re.sub(r"'(Authorization: Bearer )\$(\w+)'", r'"\1$\2"', command)


def token_variable(caller: Caller) -> str:
    return caller.label.upper().replace("-", "_").replace("#", "_") + "_TOKEN"


def print_summary(fuzzer: Fuzzer, seconds: float, fuzz_seconds: float, extra: dict) -> None:
    print("\n== Requests per operation (status: count)")
    width = max(len(k) for k in fuzzer.per_op) if fuzzer.per_op else 10
    for op_id in sorted(fuzzer.per_op):
        counts = fuzzer.per_op[op_id]
        detail = " ".join(f"{s}:{n}" for s, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        print(f"  {op_id:<{width}} {sum(counts.values()):>6}  {detail}")
    missing = sorted({op.op_id for op in fuzzer.contract.operations} - set(fuzzer.per_op))
    if missing:
        print(f"  never called: {', '.join(missing)}")
    print("\n== Status histogram")
    for status, count in sorted(fuzzer.statuses.items(), key=lambda kv: str(kv[0])):
        print(f"  {status}: {count}")
    total = fuzzer.fuzz_requests + fuzzer.other_requests
    print(f"\n== {fuzzer.fuzz_requests} fuzz requests in {fuzz_seconds:.1f} s "
          f"({fuzzer.fuzz_requests / max(fuzz_seconds, 0.001):.0f}/s), {fuzzer.other_requests} for setup and checks; "
          f"{total} in all, {seconds:.1f} s wall time")
    for name, value in extra.items():
        print(f"  {name}: {value}")


def print_findings(findings: Findings, port: int, folder: Path, server: Server) -> None:
    if findings.notes:
        print(f"\n== Contract notes ({len(findings.notes)}; they do not fail the run)")
        for note in sorted(findings.notes.values(), key=lambda n: (n.kind, n.request.op_id if n.request else "")):
            where = f"{note.request.method} {shorten(note.request.target, 100)}" if note.request else ""
            print(f"  [{note.kind}] {note.request.op_id if note.request else ''}: {note.message} ×{note.count}  {where}")
    if not findings.failures:
        print("\n== No failures")
        return
    print(f"\n== FAILURES ({len(findings.failures)} kinds, {sum(f.count for f in findings.failures.values())} in all)")
    folder.mkdir(parents=True, exist_ok=True)
    for number, failure in enumerate(findings.failures.values(), 1):
        print(f"\n-- {number}. [{failure.kind}] {failure.message} (×{failure.count})")
        if failure.request is not None:
            r = failure.request
            print(f"   {r.method} {shorten(r.target, 300)}  as {r.caller.label}, body {r.body_kind}")
            print(f"   body: {show_body(r.body)}")
            print(f"   repro: {curl_command(r, port, folder, number)}")
        if failure.response is not None:
            print(f"   answer: {failure.response.status} {failure.response.media_type} {show_body(failure.response.body)}")
    print(f"\n   Tokens in the repro commands are the demo tokens of that run ({', '.join(token_variable(c) + '=' + c.label for c in server.callers[:1])}, …);")
    print(f"   bodies too long for the command line are in {folder}. Server log: {server.log_path}")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def run_fuzz(fuzzer: Fuzzer, budget: int, seed: int, deadline: float) -> None:
    """Hypothesis draws one request per example until `budget` fuzz requests were sent."""
    round_ = 0
    fuzzer.deadline = deadline
    while fuzzer.fuzz_requests < budget and not fuzzer.server_died and time.monotonic() < deadline:
        remaining = budget - fuzzer.fuzz_requests

        fuzzer.round_operations = random.Random(seed + round_).sample(fuzzer.contract.operations, len(fuzzer.contract.operations))

        @settings(max_examples=min(remaining, 1000), database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False, print_blob=False)
        @given(data=st.data())
        def one_request(data):
            fuzzer.step(data)

        try:
            hypothesis_seed(seed + round_)(one_request)()
        except StopFuzzing:
            return
        except (Unsatisfiable, Flaky) as error:  # this round ends; the next one goes on
            if fuzzer.server_died or time.monotonic() > deadline:
                return
            fuzzer.findings.note("fuzzer", f"a hypothesis round ended early: {type(error).__name__}",
                                 key=("fuzzer", type(error).__name__))
        round_ += 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", type=Path, default=REPO / ".build" / "debug" / "wegweiser",
                        help="the wegweiser executable (default .build/debug/wegweiser)")
    parser.add_argument("--requests", type=int, default=20_000, help="fuzz requests to send (default 20000)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random, printed)")
    parser.add_argument("--time-limit", type=float, default=3600, help="stop fuzzing after this many seconds (default 3600)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, mail, log)")
    parser.add_argument("--trace", type=Path, help="write one line per request and answer to this file")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    binary = args.binary if args.binary.is_absolute() else (Path.cwd() / args.binary)
    if not binary.exists():
        binary = REPO / args.binary
    if not binary.exists():
        print(f"no server binary at {args.binary}; build it with `swift build` or pass --binary", file=sys.stderr)
        return 2
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-fuzz-"))
    print(f"fuzz_api: {args.requests} requests, seed {seed}, binary {binary}, folder {workdir}")
    contract = Contract(CONTRACT)
    if jsonschema is None:
        print("note: jsonschema is not installed; answers are not checked against the contract's schemas")
    server = Server(binary, workdir)
    findings = Findings()
    fuzzer = None
    try:
        server.start()
        print(f"server up on port {server.port} after {time.monotonic() - started:.1f} s; {len(server.callers)} demo tokens; "
              f"{' '.join(server.rate_limit_options()) or 'no option to lift rate limits offered, 429 accepted'}")
        now = datetime.datetime.now(datetime.timezone.utc)
        state = State(server.callers, server.metrics_token, now.astimezone(berlin_zone()).date(), now)
        fuzzer = Fuzzer(contract, server, state, findings)
        if args.trace:
            fuzzer.trace = open(args.trace, "w", encoding="utf-8", errors="backslashreplace")
        set_up(fuzzer)
        fuzz_started = time.monotonic()
        run_fuzz(fuzzer, args.requests, seed, fuzz_started + args.time_limit)
        fuzz_seconds = time.monotonic() - fuzz_started
        extra = {}
        if not fuzzer.server_died:
            booking_burst(fuzzer)
            extra["courses checked for capacity"] = check_capacity(fuzzer)
            extra["cross-centre probes"] = check_centre_isolation(fuzzer)
            extra["revoked tokens checked"] = check_tokens(fuzzer)
            check_still_serving(fuzzer)
        if fuzzer.fuzz_requests < args.requests:
            findings.fail("short run", f"only {fuzzer.fuzz_requests} of {args.requests} requests were sent")
    finally:
        status = server.stop()
    if status not in (0, -signal.SIGTERM, None) and fuzzer is not None and not fuzzer.server_died:
        findings.fail("server exit", f"the server exited with status {status} on SIGTERM")
    print_summary(fuzzer, time.monotonic() - started, fuzz_seconds, extra)
    print_findings(findings, server.port, workdir / "findings", server)
    if not findings.failures and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nRESULT: {'FAIL' if findings.failures else 'PASS'} (seed {seed})")
    return 1 if findings.failures else 0


if __name__ == "__main__":
    sys.exit(main())
