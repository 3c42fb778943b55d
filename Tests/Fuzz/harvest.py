"""What the run learns from successful answers: ids, who owns them, and their states."""

from __future__ import annotations

from typing import Optional

from checks import effective_caller
from httpclient import Request, Response
from state import BookingInfo, CourseInfo, State, parse_time


def harvest(state: State, request: Request, response: Response) -> None:
    """Learns ids, owners and states from a successful answer."""
    if request.op_id == "revokeToken" and response.status == 204:
        state.tokens.setdefault(request.path_ids.get("id", ""), {"org": None, "token": None})["revoked"] = True
    body = response.json()
    if not isinstance(body, dict):
        return
    caller = effective_caller(request, state)
    if "nextCursor" in body:
        cursors = state.cursors[request.op_id]
        cursors.append(body["nextCursor"])
        del cursors[:-20]
    for course in body.get("courses", []) if isinstance(body.get("courses"), list) else []:
        learn_course(state, course)
    if request.op_id in ("createCourse", "getCourse", "updateCourse"):
        learn_course(state, body)
    if request.op_id == "createLocation" and "id" in body:
        state.locations.add(body["id"])
        state.districts.add(str(body.get("district", "")))
    slots = body.get("slots") if isinstance(body.get("slots"), list) else ([body] if request.op_id == "createSlots" else [])
    for slot in slots:
        if isinstance(slot, dict) and "id" in slot:
            state.slots[slot["id"]] = {"centre": slot.get("centreId"), "free": slot.get("free"), "start": slot.get("start")}
    if request.op_id in ("createParticipant", "getParticipant") and "id" in body:
        state.participants[body["id"]] = body.get("centreId")
        if request.op_id == "createParticipant" and caller.role == "advice-centre":
            state.created_participants[caller.org].append(body["id"])
        for booking in body.get("bookings") or []:
            learn_booking(state, booking, body.get("centreId"))
    if request.op_id in ("createBooking", "getBooking", "cancelBooking", "releaseBooking", "recordBookingOutcome"):
        centre = state.participants.get(body.get("participantId")) or (caller.org if caller.role == "advice-centre" else None)
        learn_booking(state, body, centre)
        if request.op_id == "createBooking" and caller.role == "advice-centre" and response.status == 201:
            state.created_bookings[caller.org].append(body.get("id"))
    if request.op_id == "createAllocation":
        for booking in body.get("bookings") or []:
            learn_booking(state, booking, state.participants.get(booking.get("participantId")))
    if request.op_id == "createToken" and "id" in body and caller.org:
        state.tokens[body["id"]] = {"org": caller.org, "token": body.get("token"), "revoked": False,
                                         "expires": parse_time(body.get("expiresAt"))}
    if request.op_id == "getCourseRoster":
        for line, status in [(x, "confirmed") for x in body.get("confirmed", [])] + [(x, "waitlisted") for x in body.get("waitlisted", [])]:
            info = state.bookings.setdefault(line.get("bookingId"), BookingInfo())
            info.course, info.status = body.get("courseId"), status
    if request.op_id == "listNotifications" and caller.role == "advice-centre":
        for item in body.get("notifications") or []:
            state.participants.setdefault(item.get("participantId"), caller.org)
            info = state.bookings.setdefault(item.get("bookingId"), BookingInfo())
            info.centre = info.centre or caller.org

def learn_course(state: State, course: dict) -> None:
    if not isinstance(course, dict) or "id" not in course:
        return
    info = state.courses.setdefault(course["id"], CourseInfo())
    info.provider = course.get("providerId", info.provider)
    info.start = course.get("startDate", info.start)
    if isinstance(course.get("sessions"), list):
        info.sessions = course["sessions"]
    if course.get("district"):
        state.districts.add(course["district"])
    if course.get("locationId"):
        state.locations.add(course["locationId"])

def learn_booking(state: State, booking: dict, centre: Optional[str]) -> None:
    if not isinstance(booking, dict) or "id" not in booking:
        return
    info = state.bookings.setdefault(booking["id"], BookingInfo())
    info.centre = info.centre or centre
    info.participant = booking.get("participantId", info.participant)
    info.course = booking.get("courseId", info.course)
    info.slot = booking.get("slotId", info.slot)
    info.status = booking.get("status", info.status)
    if info.slot and info.status == "confirmed" and info.slot in state.slots:
        state.slots[info.slot]["free"] = False
