"""Hypothesis strategies for request bodies: values valid under the contract's schemas (realistic
where the server checks ids and rules), realistic bodies per operation, and mutations of them."""

from __future__ import annotations

import datetime
import json
from typing import Any, Optional

from hypothesis import strategies as st

from contract import Contract, Operation
from state import Caller, State
from values import (BROKEN_BODIES, EDGE_DATES, EDGE_TIMESTAMPS, INDEX, LANGUAGES, RAW_NUMBERS, WEEKDAYS, WRONG_TYPES,
                    Raw, boundary_text, choose, encode_json, nasty_text, pick, timestamp_text, with_edges)


class Bodies:
    """Body strategies, built from the contract and reading what the run has learnt as they draw."""

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
            "startDate": lambda: with_edges(st.dates(today, today + datetime.timedelta(days=60)).map(str), EDGE_DATES),
            "endDate": lambda: with_edges(st.dates(today + datetime.timedelta(days=20), today + datetime.timedelta(days=200)).map(str), EDGE_DATES),
            "start": lambda: self.start_times(),
            "weekdays": lambda: st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=5, unique=True),
            "startTime": lambda: st.sampled_from(["08:00", "08:30", "09:00", "13:00", "17:30"]),
            "endTime": lambda: st.sampled_from(["11:30", "12:15", "16:00", "20:00"]),
            "capacity": lambda: st.integers(1, 6),
            "courseIds": lambda: st.lists(live(lambda: sorted(s.courses), "course-001"), min_size=1, max_size=3),
            "registeredAt": lambda: st.just(timestamp_text(s.now - datetime.timedelta(days=3), 1)),
        }
        make = hints.get(name)
        return make() if make else None

    def start_times(self) -> st.SearchStrategy:
        """Mostly moments of the coming weeks; now and then one at an edge of the calendar."""
        return with_edges(self.future_timestamps(), EDGE_TIMESTAMPS)

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
            return with_edges(st.dates(today - datetime.timedelta(days=400), today + datetime.timedelta(days=400)).map(str), EDGE_DATES)
        if fmt == "date-time":
            return self.start_times()
        if fmt == "email":
            return st.emails()
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: len(s) <= schema.get("maxLength", 10**6))
        return st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 40), 40))

    # ---- realistic bodies, for the operations whose success needs the right ids --------------

    @st.composite
    def realistic_body(draw, self, op: Operation, ctx: dict) -> Optional[dict]:
        """A body that passes validation, with ids that fit the caller; None for operations
        without such a builder (their bodies come from the schema alone)."""
        build = {
            "createCourse": self._course, "updateCourse": self._course_patch, "createParticipant": self._participant,
            "createBooking": self._booking, "createSlots": self._slots, "recordAttendance": self._attendance_sheet,
            "correctAttendance": self._attendance_correction, "recordBookingOutcome": self._outcome,
            "releaseBooking": self._release, "createAllocation": self._allocation, "createToken": self._token,
            "putOwnContact": self._contact,
        }.get(op.op_id)
        return build(draw, ctx) if build else None

    def _course(self, draw, ctx: dict) -> dict:
        start = self.state.today + datetime.timedelta(days=draw(st.integers(1, 40)))
        return {"title": draw(st.sampled_from(["Integrationskurs", "Abendkurs B1", "Kurs"])), "kind": "general",
                "level": draw(st.sampled_from(["A1", "A1", "A2", "B1"])),
                "locationId": choose(draw, sorted(self.state.locations), "loc-none"),
                "capacity": draw(st.integers(1, 4)), "childcare": draw(st.booleans()),
                "startDate": str(start), "endDate": str(start + datetime.timedelta(days=draw(st.integers(0, 90)))),
                "weekdays": draw(st.lists(st.sampled_from(WEEKDAYS[:5]), min_size=1, max_size=5, unique=True)),
                "startTime": "09:00", "endTime": "12:00"}

    def _course_patch(self, draw, ctx: dict) -> dict:
        return draw(st.sampled_from([{"capacity": draw(st.integers(1, 6))}, {"title": "Neuer Titel"},
                                     {"childcare": draw(st.booleans())}, {"capacity": draw(st.integers(1, 3)), "title": "T"}]))

    def _participant(self, draw, ctx: dict) -> dict:
        language = draw(st.sampled_from(LANGUAGES))
        body = {"name": draw(st.sampled_from(["Amina Yusuf", "Olena Koval", "Ali Rahimi", "Fuzz Person"])),
                "preferredLanguage": language, "languages": [language, "de"],
                "district": choose(draw, sorted(self.state.districts), "Mitte"), "lat": 51.43, "lon": 6.76,
                "level": draw(st.sampled_from(["A1", "A1", "none", "A2"])), "consent": True,
                "gender": draw(st.sampled_from(["female", "male", "diverse", "unspecified"])),
                "attendanceConsent": draw(st.booleans())}
        if draw(st.booleans()):
            body["email"] = "fuzz@example.org"
        return body

    def _booking(self, draw, ctx: dict) -> dict:
        s = self.state
        body = {"participantId": choose(draw, s.own_participants(ctx["caller"]) or sorted(s.participants), "p0001")}
        slot = choose(draw, [k for k, v in s.slots.items() if v.get("free")], "slot-001")
        course = choose(draw, s.bookable_courses(), "course-001")
        if draw(st.integers(0, 3)) == 0:
            body["slotId"] = slot
        else:
            body["courseId"] = course
        return body

    def _slots(self, draw, ctx: dict) -> dict:
        def slot() -> dict:
            return {"locationId": choose(draw, sorted(self.state.locations), "loc-none"), "start": draw(self.start_times()),
                    "durationMinutes": draw(st.sampled_from([30, 45, 60])),
                    "service": draw(st.sampled_from(["mbe", "jmd", "social", "course-guidance"])),
                    "languages": draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))}
        return slot() if draw(st.booleans()) else {"slots": [slot() for _ in range(draw(st.integers(1, 5)))]}

    def _attendance_sheet(self, draw, ctx: dict) -> dict:
        booked = self.state.confirmed_in(ctx["course"])
        picks = draw(st.lists(INDEX, min_size=1, max_size=4)) if draw(st.integers(0, 9)) else []
        marks = [self._mark(draw, booked[i % len(booked)] if booked else "bkg_none") for i in picks]
        return {"marks": list({m["bookingId"]: m for m in marks}.values())}  # each booking once

    def _attendance_correction(self, draw, ctx: dict) -> dict:
        booking = choose(draw, self.state.confirmed_in(ctx["course"]) or sorted(self.state.bookings), "bkg_none")
        return {**self._mark(draw, booking), "reason": draw(st.sampled_from(["Nachgereicht", "Attest liegt vor", "Tippfehler"]))}

    def _mark(self, draw, booking: str) -> dict:
        code = draw(st.sampled_from(["X", "E", "U", "U", "U", "W", "P"]))  # U often: it puts seats at risk
        mark = {"bookingId": booking, "code": code}
        if code == "X" and draw(st.booleans()):
            mark["arrivedLateMinutes"] = draw(st.integers(0, 600))
        return mark

    def _outcome(self, draw, ctx: dict) -> dict:
        return {"attended": draw(st.booleans())}

    def _release(self, draw, ctx: dict) -> dict:
        return {"reason": draw(st.sampled_from(["Drei Wochen nicht erschienen", "Unentschuldigt gefehlt"]))}

    def _allocation(self, draw, ctx: dict) -> dict:
        course = choose(draw, self.state.bookable_courses(), "course-001")
        return draw(st.sampled_from([{}, {"dryRun": True}, {"dryRun": False}, {"courseIds": [course], "dryRun": True},
                                     {"courseIds": [course]}]))

    def _token(self, draw, ctx: dict) -> dict:
        lifetime = datetime.timedelta(seconds=draw(st.sampled_from([5, 3600, 86400 * 30, 86400 * 729, 86400 * 731])))
        return {"name": draw(st.sampled_from(["Fachverfahren", "Import", "Statistik"])),
                "expiresAt": timestamp_text(datetime.datetime.now(datetime.timezone.utc) + lifetime, draw(st.integers(0, 2)))}

    def _contact(self, draw, ctx: dict) -> dict:
        return {"phone": "0203 555 0100", "email": "kontakt@example.org", "address": "Musterstraße 1, 47051 Duisburg",
                "openingHours": draw(st.sampled_from(["Mo–Do 9–16 Uhr", "nach Vereinbarung"]))}

    def property_schema(self, schema: dict, key: str, nested: Optional[str] = None) -> dict:
        """The schema of the body field `key` (of an item of the array `nested`, if given)."""
        schema = self.contract.resolve(schema)
        for branch in [schema] + [self.contract.resolve(b) for b in schema.get("oneOf", [])]:
            props = branch.get("properties", {})
            if nested and nested in props:
                props = self.contract.resolve(self.contract.resolve(props[nested]).get("items", {})).get("properties", {})
            if key in props:
                return self.contract.resolve(props[key])
        return {}

    # ---- mutations ---------------------------------------------------------------------------

    @st.composite
    def mutated(draw, self, body: Any, schema: dict) -> tuple[Any, str]:
        """`body` (valid) broken in one way; the second item names how."""
        if not isinstance(body, dict) or not body:
            return draw(st.sampled_from(WRONG_TYPES)), "wrong-type-body"
        body = json.loads(json.dumps(body))
        target, nested = body, None
        if "slots" in body and isinstance(body["slots"], list) and body["slots"] and draw(st.booleans()):
            target, nested = body["slots"][draw(st.integers(0, len(body["slots"]) - 1))], "slots"
        elif "marks" in body and isinstance(body["marks"], list) and body["marks"] and draw(st.booleans()):
            target, nested = body["marks"][0], "marks"
        how = pick(draw, {"drop": 2, "wrong-type": 3, "null": 1, "nasty": 3, "length": 4, "number": 2, "extra": 2,
                          "duplicate-key": 1, "deep": 1, "large-array": 1, "whole-type": 1})
        texts = sorted(k for k, v in target.items() if isinstance(v, str))
        key = draw(st.sampled_from(texts if how in ("nasty", "length") and texts else sorted(target)))
        if how == "drop":
            del target[key]
        elif how == "wrong-type":
            target[key] = draw(st.sampled_from(WRONG_TYPES))
        elif how == "null":
            target[key] = None
        elif how == "nasty":
            target[key] = draw(nasty_text())
        elif how == "length":
            target[key] = draw(boundary_text(self.property_schema(schema, key, nested).get("maxLength")))
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
        if kind in ("realistic", "valid", "mutated"):
            # A mutation mostly breaks a realistic body, so that only the mutation is wrong with it.
            realistic = kind == "realistic" or (kind == "mutated" and draw(st.booleans()))
            value = draw(self.realistic_body(op, ctx)) if realistic else None
            if value is None:
                value = draw(self.from_schema(op.body_schema))
                kind = "valid" if kind == "realistic" else kind
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
