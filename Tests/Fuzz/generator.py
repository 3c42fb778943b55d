"""Hypothesis strategies for whole requests: caller, path, query, headers and body, drawn from the
contract and from the ids the run has harvested."""

from __future__ import annotations

import base64
import datetime
import re
import secrets
import urllib.parse
from typing import Optional

from hypothesis import strategies as st

from bodies import Bodies
from contract import OFF_CONTRACT, PROVIDER_COURSE_OPS, Contract, Operation
from httpclient import Request
from state import Caller, CourseInfo, State
from values import ACCEPTS, CONTENT_TYPES, INDEX, LANGUAGES, boundary_text, choose, encode_json, nasty_text, pick


class Generator:
    """Hypothesis strategies for requests, from the contract and what the run has learnt."""

    def __init__(self, contract: Contract, state: State):
        self.contract = contract
        self.state = state
        self.bodies = Bodies(contract, state)

    # ---- path, query, headers ----------------------------------------------------------------

    @st.composite
    def caller(draw, self, op: Operation) -> tuple[Caller, Optional[bytes]]:
        """Who calls, and the Authorization header sent (None: no header): mostly a token of a role
        the operation takes (half the time of an organisation whose data suits it), else any demo
        token, a token this run created, none, or a malformed header."""
        s = self.state
        how = pick(draw, {"allowed": 55, "any": 22, "created": 3, "none": 8, "garbage": 12})
        i, favour = draw(INDEX), draw(st.booleans())
        created = choose(draw, [info["token"] for info in s.tokens.values() if info.get("token")])
        allowed = [c for c in s.callers if c.role in (op.roles or set())]
        if how == "allowed" and op.op_id == "getMetrics":
            return Caller("metrics", "metrics", s.metrics_token), b"Bearer " + s.metrics_token.encode()
        if how == "allowed" and allowed:
            favoured = [c for c in allowed if c.org in self.favoured_orgs(op.op_id)]
            pool = favoured if favour and favoured else allowed
            return pool[i % len(pool)], b"Bearer " + pool[i % len(pool)].token.encode()
        if how == "created" and created:
            return Caller("created-token", None, created), b"Bearer " + created.encode()
        if how == "any":
            scheme = draw(st.sampled_from([b"Bearer ", b"Bearer ", b"bearer ", b"BEARER "]))
            return s.callers[i % len(s.callers)], scheme + s.callers[i % len(s.callers)].token.encode()
        if how == "garbage":
            return Caller("garbage", None), draw(self.malformed_authorization())
        return Caller("none", None), None

    @st.composite
    def malformed_authorization(draw, self) -> bytes:
        """An Authorization header that names no caller: wrong scheme, spacing or token."""
        token = draw(st.sampled_from(self.state.callers)).token.encode()
        return draw(st.sampled_from([
            b"Bearer", b"Bearer ", b"Bearer  " + token, token, b"Basic dXNlcjpwYXNz", b"Bearer wgw_" + secrets.token_urlsafe(32).encode(),
            b"Bearer " + token + b"x", b"Bearer " + token[:-1], b"Token " + token, b"Bearer " + b"A" * 6000,
            b"Bearer \xc3\xa4\xe2\x80\xae", b"Bearer\t" + token, b"Bearer " + token.upper(), b"Bearer " + token + b", Bearer " + token,
            b"\xff\xfe", b"Bearer " + self.state.metrics_token.encode(),
        ]))

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
            valid = draw(self.query_value(param))
            invalid = draw(st.one_of(nasty_text(1000), st.sampled_from(
                ["", "0", "-1", "1001", "99999999999999999999", "1.5", "TRUE", "yes", "2027-02-30", "abc", "%ZZ",
                 base64.urlsafe_b64encode(b"\xff\xfe").decode(), "=="])))
            if how == "valid":
                valid = cursor if param["name"] == "cursor" and cursor else valid
            pairs.append((param["name"], valid if how == "valid" else invalid))
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
            return draw(st.one_of(self.bodies.start_times(), st.dates().map(str)))
        if name == "language":
            return draw(st.sampled_from(LANGUAGES + ["DE", "xx"]))
        value = draw(self.bodies.from_schema(param.get("schema", {})))
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
        self.bodies.ctx = ctx
        query = draw(self.query(op))
        body, body_json, body_kind = draw(self.bodies.body(op, ctx))
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
        path, path_ids, kind = op.path, {}, "coherent"
        for param in op.params_in("path"):
            if param["name"] == "date":
                value = choose(draw, s.past_sessions(path_ids.get("id", "")), str(s.today))
            else:
                own, every = self.id_pools(op, caller)
                value = choose(draw, self.preferred_ids(op.op_id, caller) or own or every, "none")
            path_ids[param["name"]] = value
            path = path.replace("{" + param["name"] + "}", encode_segment(value, False))
        self.bodies.ctx = ctx = {"caller": caller, "course": path_ids.get("id", "")}
        body_json = None
        if op.body_schema is not None:
            body_json = draw(self.bodies.realistic_body(op, ctx))
            if body_json is None:
                body_json = draw(self.bodies.from_schema(op.body_schema))
            texts = sorted(k for k, v in body_json.items() if isinstance(v, str)) if isinstance(body_json, dict) else []
            if texts and draw(st.integers(0, 4)) == 0:  # everything right but one text at its length limit
                key = draw(st.sampled_from(texts))
                body_json[key] = draw(boundary_text(self.bodies.property_schema(op.body_schema, key).get("maxLength")))
                kind = f"coherent:boundary:{key}"
        headers = [("Authorization", auth)] if auth else []
        if body_json is not None:
            headers.append(("Content-Type", b"application/json"))
        if op.op_id == "createBooking" and draw(st.booleans()):
            headers.append(("Idempotency-Key", ("k-" + secrets.token_urlsafe(12)).encode()))
        body = encode_json(body_json) if body_json is not None else None
        return Request(op.op_id, op.method, path, "", headers, body, False, caller, body_json, kind, path_ids)

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
