"""The summary a run prints: requests per operation, statuses, time, contract notes and failures,
each failure with a curl command that repeats it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Optional

from checks import Findings
from fuzzer import Fuzzer
from httpclient import Request, Response
from server import Server
from state import Caller
from values import shorten, show_body

def curl_command(request: Request, folder: Path, name: str) -> str:
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
            path = folder / f"body-{name}.bin"
            path.write_bytes(request.body)
            parts += ["--data-binary", f"@{path}"]
    if len(request.target) > 300:
        path = folder / f"target-{name}.txt"
        path.write_text(request.target)
        target = f"$(cat {path})"
    else:
        target = request.target
    command = " ".join(shlex.quote(p) for p in parts)
    command = re.sub(r"'(Authorization: Bearer )\$(\w+)'", r'"\1$\2"', command)
    quoted_target = target if target.startswith("$(") else target.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
    return f'{command} "$BASE{quoted_target}"'


def token_variable(caller: Caller) -> str:
    return caller.label.upper().replace("-", "_").replace("#", "_") + "_TOKEN"


def print_summary(fuzzer: Fuzzer, seconds: float, fuzz_seconds: float, extra: dict) -> None:
    print("\n== Requests per operation, fuzzing, set-up and checks (status:count)")
    width = max(len(k) for k in fuzzer.per_op) if fuzzer.per_op else 10
    for op_id in sorted(fuzzer.per_op):
        counts = fuzzer.per_op[op_id]
        detail = " ".join(f"{s}:{n}" for s, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        print(f"  {op_id:<{width}} {sum(counts.values()):>6}  {detail}")
    missing = sorted({op.op_id for op in fuzzer.contract.operations} - set(fuzzer.per_op))
    if missing:
        print(f"  never called: {', '.join(missing)}")
    print("\n== Fuzz requests per caller")
    print("  " + ", ".join(f"{label} {n}" for label, n in sorted(fuzzer.per_caller.items())))
    print("\n== Status histogram")
    for status, count in sorted(fuzzer.statuses.items(), key=lambda kv: str(kv[0])):
        print(f"  {status}: {count}")
    total = fuzzer.fuzz_requests + fuzzer.other_requests
    print(f"\n== {fuzzer.fuzz_requests} fuzz requests in {fuzz_seconds:.1f} s "
          f"({fuzzer.fuzz_requests / max(fuzz_seconds, 0.001):.0f}/s), {fuzzer.other_requests} for setup and checks; "
          f"{total} in all, {seconds:.1f} s wall time")
    for name, value in extra.items():
        print(f"  {name}: {value}")


def print_example(request: Optional[Request], response: Optional[Response], folder: Path, name: str) -> None:
    """One request that showed a failure, its answer, and a curl command that sends it again."""
    if request is not None:
        print(f"   {request.method} {shorten(request.target, 300)}  as {request.caller.label}, body {request.body_kind}")
        print(f"   body: {show_body(request.body)}")
        print(f"   repro: {curl_command(request, folder, name)}")
    if response is not None:
        print(f"   answer: {response.status} {response.media_type} {show_body(response.body)}")


def print_findings(findings: Findings, folder: Path, servers: list[Server]) -> None:
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
        examples = [(failure.request, failure.response)] + failure.more
        for example, (request, response) in enumerate(examples, 1):
            print_example(request, response, folder, f"{number}-{example}")
    print("\n   To repeat a command: start `wegweiser serve --samples` (with a fresh --db and --mail-dir), set BASE to its")
    print("   address (http://127.0.0.1:8080) and ADVICE_CENTRE_1_TOKEN etc. to the demo tokens it prints, the n-th of")
    print(f"   that role in its list. Bodies and URLs too long for a command line are in {folder}.")
    print(f"   Server logs: {', '.join(str(server.log_path) for server in servers)}")
