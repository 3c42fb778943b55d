"""What a run knows: who calls (the demo tokens' organisations), and the ids it harvested from
answers, with who owns them."""

from __future__ import annotations

import collections
import dataclasses
import datetime
from typing import Any, Optional


@dataclasses.dataclass
class Caller:
    """Who a request claims to be: a demo token's organisation, the metrics token, or nobody."""

    label: str                      # e.g. "advice-centre#2", "none", "garbage"
    role: Optional[str]             # provider, advice-centre, admin, metrics; None for nobody
    token: Optional[str] = None
    org: Optional[str] = None       # the organisation id, from GET /v1/organisations/me
    name: str = ""


@dataclasses.dataclass
class CourseInfo:
    """A course as far as the run knows it."""

    provider: Optional[str] = None
    sessions: list[str] = dataclasses.field(default_factory=list)  # known once one course was read
    start: str = ""                                                # its start date, YYYY-MM-DD


@dataclasses.dataclass
class BookingInfo:
    """A booking as far as the run knows it; `centre` is its participant's advice centre."""

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


def parse_time(text: Any) -> Optional[datetime.datetime]:
    """An RFC 3339 timestamp as an aware datetime; None if it is none."""
    try:
        return datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
