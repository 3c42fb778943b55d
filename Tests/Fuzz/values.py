"""Values to send: pools of nasty strings, broken JSON and edge dates, JSON with raw fragments,
and the hypothesis helpers every strategy uses."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from typing import Any, Optional

from hypothesis import strategies as st

BERLIN_FALLBACK = datetime.timezone(datetime.timedelta(hours=1))

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
# Dates and instants at the edges of the calendar and of summer time (all valid RFC 3339).
EDGE_DATES = ["0001-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2026-03-29", "2026-10-25", "2028-02-29",
              "9999-12-30", "9999-12-31"]
EDGE_TIMESTAMPS = [
    "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "1970-01-01T00:00:00Z", "2026-03-29T02:30:00+01:00",
    "2026-10-25T02:30:00+02:00", "2027-01-01T00:00:00.999999999+01:00", "9999-12-31T22:59:00Z",
    "9999-12-31T23:59:59Z", "9999-12-31T23:59:00-14:00",
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


@st.composite
def boundary_text(draw, limit: Optional[int]) -> str:
    """Text at and just past a field's `maxLength`, which JSON Schema counts in code points:
    plain letters, one letter with many combining marks (one grapheme cluster), letters with a
    combining accent each, emoji (two UTF-16 units each); or a long text where there is no limit."""
    if limit is None:
        n = draw(st.sampled_from(HUGE_LENGTHS))
        return draw(st.sampled_from(["a" * n, "a" + "\u0301" * (n - 1), "ü" * n]))
    return draw(st.sampled_from([
        "a" * limit, "a" * (limit + 1), "a" + "\u0301" * limit, "e\u0301" * (limit // 2 + 1), "😀" * limit,
        "😀" * (limit + 1), "a" + "\u0301" * (limit * 20),
    ]))


def with_edges(strategy: st.SearchStrategy, edges: list[str]) -> st.SearchStrategy:
    """`strategy` nine times in ten, one of `edges` otherwise."""
    return st.sampled_from([strategy] * 9 + [st.sampled_from(edges)]).flatmap(lambda s: s)


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


def shorten(text: Any, limit: int) -> str:
    text = text if isinstance(text, str) else repr(text)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


def show_body(body: Optional[bytes], limit: int = 400) -> str:
    if body is None:
        return "(none)"
    return shorten(body.decode("utf-8", errors="backslashreplace"), limit)
