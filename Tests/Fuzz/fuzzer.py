"""The run itself: servers started, requests drawn by hypothesis, sent and counted; each answer
checked and learnt from."""

from __future__ import annotations

import collections
import dataclasses
import datetime
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Optional

from hypothesis import strategies as st

from checks import Checker, Findings, malformed_head
from contract import Contract
from generator import Generator
from harvest import harvest
from httpclient import Client, Request, Response, TransportError
from server import Server
from state import Caller, State
from values import berlin_zone, encode_json, shorten, show_body


class StopFuzzing(Exception):
    """The server died, or the time is up: no point in drawing more requests."""


class Fuzzer:
    """Runs the servers, sends the requests, counts and checks the answers."""

    def __init__(self, contract: Contract, binary: Path, folder: Path, findings: Findings):
        self.contract = contract
        self.binary = binary
        self.folder = folder
        self.findings = findings
        self.servers: list[Server] = []
        self.checker = Checker(contract, findings)
        self.ops = self.checker.ops
        self.per_op: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.statuses: collections.Counter = collections.Counter()
        self.per_caller: collections.Counter = collections.Counter()  # fuzz requests per Authorization
        self.fuzz_requests = 0
        self.other_requests = 0
        self.server_died = False
        self.deadline = float("inf")
        self.trace = None  # a file that gets one line per request, with --trace
        self.lock = threading.Lock()  # counters and checks, for the concurrent bookings
        # Hypothesis draws early items of a list more often: each round shuffles the operations.
        self.round_operations = list(contract.operations)

    def start_server(self) -> None:
        """A fresh server (new folder, new database, new demo tokens), learnt and set up."""
        self.server = Server(self.binary, self.folder / f"server-{len(self.servers) + 1}")
        self.server.workdir.mkdir(parents=True)
        self.servers.append(self.server)
        self.server.start()
        now = datetime.datetime.now(datetime.timezone.utc)
        self.state = State(self.server.callers, self.server.metrics_token, now.astimezone(berlin_zone()).date(), now)
        self.client = Client(self.server.port)
        self.generator = Generator(self.contract, self.state)
        self.checker.state = self.state
        self.server_died = False

    def stop_servers(self) -> list[Optional[int]]:
        return [server.stop() for server in self.servers]

    # ---- sending -----------------------------------------------------------------------------

    def send(self, request: Request, fuzzing: bool = True, client: Optional[Client] = None) -> Optional[Response]:
        """Sends `request`, counts it, checks the answer and learns from it; None when no answer
        came. Threads may call it at once, each with a `client` of its own."""
        try:
            response = (client or self.client).send(request)
        except TransportError as error:
            with self.lock:
                self.count(request, "no answer", fuzzing)
                self.diagnose(request, error)
            return None
        with self.lock:
            self.count(request, response.status, fuzzing)
            self.write_trace(request, response)
            self.checker.check(request, response)
            if response.status < 300:
                harvest(self.state, request, response)
        return response

    def count(self, request: Request, status: Any, fuzzing: bool) -> None:
        if fuzzing:
            self.fuzz_requests += 1
            self.per_caller[request.caller.label] += 1
        else:
            self.other_requests += 1
        self.per_op[request.op_id][status] += 1
        self.statuses[status] += 1

    def write_trace(self, request: Request, response: Response) -> None:
        """One line for the request and its answer, with --trace."""
        self.statuses[response.status] += 1
        if self.trace:
            headers = {k: shorten(v.decode("latin-1"), 40) for k, v in request.headers if k != "Authorization"}
            self.trace.write(f"{response.status} {response.seconds * 1000:.0f}ms {request.op_id} {request.method} "
                             f"{shorten(request.target, 200)} as={request.caller.label} {headers} body={request.body_kind} "
                             f"{'chunked ' if request.chunked else ''}{show_body(request.body, 200)} -> {show_body(response.body, 200)}\n")

    def diagnose(self, request: Request, error: TransportError) -> None:
        """After a request got no answer: did the server die, hang, or only close that connection?"""
        if self.server.serves():
            if malformed_head(request) and "timed out" not in str(error):
                self.findings.note("no answer", f"connection closed on a malformed request head: {error}", request)
            else:
                self.findings.fail("no answer", str(error), request)
            return
        self.server_died = True
        status = self.server.wait_exit(30)
        crash = self.server.crash_line()
        if status is None:
            self.findings.fail("server hung", f"the server stopped answering ({error}); it was killed", request)
            self.server.stop()
        else:
            self.findings.fail("server died", f"the server exited ({status}): {crash or 'no fatal error logged'}", request,
                               key=("server died", len(self.servers)))

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
        for _ in range(6):
            response = self.send(request, fuzzing=False)
            if response is None or response.status != 429:
                break
            wait = response.headers.get("retry-after", "1")
            time.sleep(min(float(wait), 2.0) if wait.isdigit() else 1.0)
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
