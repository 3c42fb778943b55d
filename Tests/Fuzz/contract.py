"""The HTTP API's contract, Sources/WebAPI/openapi.yaml: its operations, who may call them, and
checks of values against its schemas (JSON Schema 2020-12, with `jsonschema` when installed)."""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from pathlib import Path
from typing import Any, Optional

import yaml

from values import shorten

try:
    import jsonschema
except ImportError:  # the schema checks are then skipped
    jsonschema = None

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


class ContractError(Exception):
    """The contract itself is broken (a `$ref` to nothing, say)."""


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
                if not isinstance(target, dict) or part not in target:
                    raise ContractError(f"{node['$ref']} names nothing in the contract")
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
        return [describe_error(error) for error in validator.iter_errors(instance)]


def describe_error(error: Any) -> str:
    """A jsonschema error in one short line: where, which rule, and what was sent."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        first_per_branch = {}
        for sub in error.context:
            first_per_branch.setdefault(sub.relative_schema_path[0], sub)
        return "matches no " + error.validator + " branch: " + " | ".join(describe_error(e) for e in first_per_branch.values())
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    sent = error.instance
    if isinstance(sent, str):
        shown = f"{len(sent)} code points" if len(sent) > 30 else ascii(sent)
    elif isinstance(sent, (dict, list)):
        shown = type(sent).__name__
    else:
        shown = ascii(sent)
    if error.validator in ("required", "type", "enum", "const", "additionalProperties"):
        return f"{where}: {shorten(error.message, 120)}"
    return f"{where}: {error.validator} {shorten(ascii(error.validator_value), 60)} (sent {shown})"


def query_pairs(query: str) -> list[tuple[str, str]]:
    """The decoded name=value pairs of a query; `+` stays a plus, as the server reads it."""
    pairs = []
    for part in query.split("&") if query else []:
        name, _, value = part.partition("=")
        pairs.append((urllib.parse.unquote(name), urllib.parse.unquote(value)))
    return pairs


def query_instance(value: str, schema: dict) -> Any:
    """A query value as the JSON value its schema is about: a whole number, true or false, or text."""
    if schema.get("type") == "integer" and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    if schema.get("type") == "boolean" and value in ("true", "false"):
        return value == "true"
    return value
