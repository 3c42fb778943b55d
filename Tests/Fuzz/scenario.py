"""What the fuzzing builds on (courses that meet today, slots that begin soon, participants booked
into them) and the invariants read back through the API after the run."""

from __future__ import annotations

import collections
import datetime
import threading
import urllib.parse
from typing import Optional

from fuzzer import Fuzzer
from httpclient import Client, Request, Response
from state import Caller
from values import WEEKDAYS, berlin_zone, encode_json, timestamp_text


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


def booking_burst(fuzzer: Fuzzer) -> None:
    """Every centre books four participants at once into one course of two seats and one slot."""
    state = fuzzer.state
    course, slot = burst_offers(fuzzer)
    if course is None or slot is None:
        fuzzer.findings.fail("invariant", "the burst's course or slot could not be made")
        return
    jobs = []
    for centre in state.by_role("advice-centre"):
        for n in range(4):
            answer = fuzzer.call("createParticipant", centre, "/v1/participants", easy_participant(n))
            if answer is not None and answer.status == 201:
                jobs += [(centre, {"participantId": answer.json()["id"], "courseId": course}),
                         (centre, {"participantId": answer.json()["id"], "slotId": slot})]
    answers = book_at_once(fuzzer, jobs)
    confirmed = collections.Counter(next(k for k in body if k != "participantId") for body, answer in answers
                                    if answer is not None and answer.status == 201 and (answer.json() or {}).get("status") == "confirmed")
    if confirmed["slotId"] > 1:
        fuzzer.findings.fail("invariant", f"slot {slot} was booked {confirmed['slotId']} times in the burst")
    if confirmed["courseId"] > 2:
        fuzzer.findings.fail("invariant", f"course {course} (capacity 2) confirmed {confirmed['courseId']} bookings in the burst")


def burst_offers(fuzzer: Fuzzer) -> tuple[Optional[str], Optional[str]]:
    """A course of two seats in ten days and a slot in five days, both new."""
    state = fuzzer.state
    location = sorted(state.locations)[0] if state.locations else "loc-none"
    start = state.today + datetime.timedelta(days=10)
    course = fuzzer.call("createCourse", state.by_role("provider")[0], "/v1/courses", {
        "title": "Fuzz Ansturm", "kind": "general", "level": "A1", "locationId": location, "capacity": 2, "childcare": True,
        "startDate": str(start), "endDate": str(start + datetime.timedelta(days=30)), "weekdays": ["MO", "WE"],
        "startTime": "09:00", "endTime": "12:00"})
    slot = fuzzer.call("createSlots", state.by_role("advice-centre")[0], "/v1/slots", {
        "locationId": location, "start": timestamp_text(state.now + datetime.timedelta(days=5), 0), "durationMinutes": 30,
        "service": "mbe", "languages": ["de", "ar"]})
    made = lambda answer: answer.json()["id"] if answer is not None and answer.status == 201 else None  # noqa: E731
    return made(course), made(slot)


def book_at_once(fuzzer: Fuzzer, jobs: list[tuple[Caller, dict]]) -> list[tuple[dict, Optional[Response]]]:
    """Sends every booking of `jobs` (caller, body) at the same moment, each on its own connection."""
    answers: list[tuple[dict, Optional[Response]]] = []
    start = threading.Barrier(len(jobs))

    def book(centre: Caller, body: dict) -> None:
        request = Request("createBooking", "POST", "/v1/bookings", "", [
            ("Authorization", b"Bearer " + centre.token.encode()), ("Content-Type", b"application/json")],
            encode_json(body), False, centre, body, "burst")
        client = Client(fuzzer.server.port)
        start.wait(timeout=60)
        answer = fuzzer.send(request, fuzzing=False, client=client)
        client.close()
        answers.append((body, answer))

    threads = [threading.Thread(target=book, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


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


def check_invariants(fuzzer: Fuzzer, extra: dict) -> None:
    """What must hold after the run, read back through the API."""
    booking_burst(fuzzer)
    extra["courses checked for capacity"] = check_capacity(fuzzer)
    extra["cross-centre probes"] = check_centre_isolation(fuzzer)
    extra["revoked tokens checked"] = check_tokens(fuzzer)
    check_still_serving(fuzzer)


def check_still_serving(fuzzer: Fuzzer) -> None:
    answer = fuzzer.call("getHealth", None, "/health")
    if answer is None or answer.status != 200:
        fuzzer.findings.fail("server died", "/health did not answer 200 after the run")
