"""Checks of every answer against the contract: 5xx, problem+json, who may see what, the shape of
answers, input the schemas rule out. Failures fail the run; contract notes do not."""

from __future__ import annotations

import collections
import dataclasses
import datetime
import re
from typing import Optional

from contract import (BOOKING_PATH_OPS, PARTICIPANT_PATH_OPS, PROVIDER_COURSE_OPS, Contract, Operation, jsonschema,
                      query_instance, query_pairs)
from httpclient import Request, Response
from state import BookingInfo, Caller, CourseInfo, State
from values import contains_raw, shorten


@dataclasses.dataclass
class Failure:
    """One finding: what kind, what happened, the first request that showed it, how often it did."""

    kind: str
    message: str
    request: Optional[Request] = None
    response: Optional[Response] = None
    count: int = 1
    more: list = dataclasses.field(default_factory=list)  # up to two further (request, response) pairs


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
            if request is not None and len(into[key].more) < 2:
                into[key].more.append((request, response))
        else:
            into[key] = Failure(kind, message, request, response)


class Checker:
    """Checks answers; `state` (what the run knows of the current server) says who owns what."""

    def __init__(self, contract: Contract, findings: Findings):
        self.contract = contract
        self.findings = findings
        self.ops = {op.op_id: op for op in contract.operations}
        self.state: Optional[State] = None
        self.validated: collections.Counter = collections.Counter()  # answers checked per operation and status

    def check(self, request: Request, response: Response) -> None:
        """Every check that applies to this answer."""
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
            self.check_accepted_input(op, request, response)
        elif response.status not in op.responses and response.status < 500:
            self.findings.note("undocumented status", f"{response.status} is not among the documented answers "
                               f"{sorted(op.responses)}", request, response)
        if (response.status == 400 and request.body_kind in ("realistic", "valid") and self.body_is_valid(op, request)
                and re.fullmatch(rb"[\x21-\x7e]{1,200}", request.header("Idempotency-Key") if request.header("Idempotency-Key") is not None else b"k")):
            self.findings.note("400 for a valid body", "a body valid under the request schema was answered 400",
                               request, response, key=("400 for a valid body", op.op_id))

    def check_accepted_input(self, op: Operation, request: Request, response: Response) -> None:
        """A 2xx for input the contract's schemas rule out: a body field or a query value."""
        if jsonschema is None:
            return
        if op.body_schema is not None and request.body_json is not None and not contains_raw(request.body_json):
            for error in self.contract.errors(op.body_schema, request.body_json)[:1]:
                self.findings.note("accepted invalid input", f"body: {error}", request, response,
                                   key=("accepted invalid input", op.op_id, re.sub(r"'[^']*'|\d+", "…", error)))
            content_type = (request.header("Content-Type") or b"").decode("latin-1").split(";")[0].strip().lower()
            if content_type != "application/json":
                self.findings.note("accepted invalid input", f"a JSON body sent as {content_type or 'no content type'!r} "
                                   "was taken (the contract names application/json only)", request, response,
                                   key=("accepted invalid input", "content type"))
        params = {p["name"]: p for p in op.params_in("query")}
        seen = set()
        for name, value in query_pairs(request.query):
            param = params.get(name)
            if param is None or value == "" or name in seen:  # a repeated parameter: the first counts
                continue
            seen.add(name)
            for error in self.contract.errors(param.get("schema", {}), query_instance(value, self.contract.resolve(param.get("schema", {}))))[:1]:
                self.findings.note("accepted invalid input", f"query {name}={shorten(ascii(value), 40)}: {error}", request, response,
                                   key=("accepted invalid input", op.op_id, name))

    def body_is_valid(self, op: Operation, request: Request) -> bool:
        """Whether the body sent is valid under the request schema (unknown without jsonschema)."""
        return (op.body_schema is not None and request.body_json is not None and not contains_raw(request.body_json)
                and jsonschema is not None and not self.contract.errors(op.body_schema, request.body_json))

    def check_problem(self, op: Operation, request: Request, response: Response) -> None:
        """A 4xx is problem+json where the operation documents it so, and a well-formed one."""
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
        owner = self.owner_of(op, request, caller)
        if owner is not None and owner != caller.org:
            self.findings.fail("cross-organisation access", f"{op.op_id} answered {response.status} to {caller.label} "
                               f"({caller.org}) for data of {owner}", request, response, key=("cross", op.op_id))
        self.check_created_owner(op, request, response, caller)

    def owner_of(self, op: Operation, request: Request, caller: Caller) -> Optional[str]:
        """The organisation whose data the request is about, where only it may see or change it."""
        state, target = self.state, request.path_ids.get("id")
        if op.op_id in PARTICIPANT_PATH_OPS and caller.role == "advice-centre":
            return state.participants.get(target)
        if op.op_id in BOOKING_PATH_OPS and caller.role == "advice-centre":
            return state.bookings.get(target, BookingInfo()).centre
        if op.op_id in PROVIDER_COURSE_OPS and caller.role == "provider":
            return state.courses.get(target, CourseInfo()).provider
        if op.op_id == "releaseBooking" and caller.role == "provider":
            course = state.bookings.get(target, BookingInfo()).course
            return state.courses.get(course, CourseInfo()).provider if course else None
        if op.op_id == "revokeToken":
            return state.tokens.get(target, {}).get("org")
        if op.op_id == "createBooking" and caller.role == "advice-centre" and isinstance(request.body_json, dict):
            return state.participants.get(str(request.body_json.get("participantId")))
        return None

    def check_created_owner(self, op: Operation, request: Request, response: Response, caller: Caller) -> None:
        """A participant, slot or course made by a centre or provider belongs to it, whatever the body said."""
        if caller.role not in ("advice-centre", "provider"):
            return
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
        """A centre's mail list names only its own participants."""
        caller = effective_caller(request, self.state)
        body = response.json()
        if caller.role != "advice-centre" or not isinstance(body, dict):
            return
        for item in (body.get("notifications") or []) + (body.get("notices") or []):
            owner = self.state.participants.get(item.get("participantId")) if isinstance(item, dict) else None
            if owner is not None and owner != caller.org:
                self.findings.fail("cross-organisation access", f"{caller.org}'s mail list names a participant of {owner}",
                                   request, response, key=("cross", "listNotifications"))


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
