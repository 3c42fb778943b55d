#!/usr/bin/env python3
"""Fuzz pass over Wegweiser's whole HTTP API, driven by its contract, Sources/WebAPI/openapi.yaml.

How to run it, from the repository root, once `swift build` has built the server:

    python3 Tests/Fuzz/fuzz_api.py                      # full pass: 20,000 requests (about 4 min)
    python3 Tests/Fuzz/fuzz_api.py --requests 2000      # short form for CI (about 20 s)
    python3 Tests/Fuzz/fuzz_api.py --binary PATH --seed 7 --trace /tmp/requests.log

Options: --binary (default .build/debug/wegweiser), --requests, --seed (printed, to draw the same
requests again), --contract (another openapi.yaml), --trace FILE (one line per request),
--keep (keep the temporary folder), --restarts, --time-limit. Needs Python 3.9+, hypothesis and
PyYAML; jsonschema, when installed, adds the checks against the contract's schemas.

The script starts `wegweiser serve --samples` itself on a free port of 127.0.0.1, with its
database and mail folder in a fresh temporary folder, a metrics token and
`--no-show-first-sessions 1` (so a seat can be put at risk, and released, today); it reads the
demo tokens the server prints, waits for /health, and stops the server at the end (SIGTERM,
SIGKILL after 15 s). A server that dies is reported and replaced by a fresh one, so one crash
hides no other. Where `serve` offers `--anonymous-rate-limit`, it is set to 0; any 429 is
accepted and counted.

What it sends: every operation of the contract, drawn by hypothesis, with
  - bodies from the request schemas: realistic ones (so bookings, attendance, releases and
    outcomes happen), schema-valid random ones, and mutations (missing, extra, null and wrongly
    typed fields, texts at their length limit and past it, huge strings, unicode with combining
    marks and bidi controls, numbers out of range, dates at the edges of the calendar), broken
    JSON, invalid UTF-8, deep nesting, bodies over 1 MiB, odd content types;
  - path parameters: ids harvested from earlier answers (the caller's own and others'), ids of
    another kind, and garbage; query parameters valid and not, and unknown ones;
  - headers: Authorization with each demo token (admin, providers, advice centres), none, and
    malformed ones; Idempotency-Key (valid, invalid, replayed, reused for another body);
    Accept; a few others.
One request in fifty leaves the contract (unknown routes, other methods); one in five is drawn
to succeed (an allowed caller, its own ids, a realistic body), to reach the deeper states.

What fails the run (exit status 1; each printed with method, path, body, status and answer, and
a curl command that repeats it):
  - a 5xx answer, no answer, or the server dying or hanging;
  - a 4xx that is not application/problem+json where the operation documents problem+json;
  - a 2xx the contract rules out: a role or a token that may not call the operation, another
    centre's participant or booking, another provider's course, another organisation's token,
    an object created for another organisation than the caller;
  - after the run, read back through the API: a course with more confirmed bookings than seats
    (catalogue `capacity`/`confirmed`/`freeSeats` against the roster), also after concurrent
    bookings into one course and one slot; a participant or booking created with one centre's
    token that another centre's token can read (anything but 404); a revoked token that works.
Contract notes do not fail the run: an undocumented status, an answer that does not match its
schema, input the schemas rule out but the server took, a 4xx outside problem+json where the
operation does not document one, an idempotent replay that differs.

The modules beside this one: contract.py (the contract, roles, schema checks), server.py (the
server process), httpclient.py (requests on the wire), state.py (what the run knows), values.py
and bodies.py and generator.py (what to send), checks.py (checks of each answer), harvest.py
(learning ids from answers), fuzzer.py (the run), scenario.py (set-up and invariants),
report.py (the summary).
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
import yaml
from hypothesis.errors import Flaky, Unsatisfiable

from checks import Findings
from contract import Contract, ContractError, jsonschema
from fuzzer import Fuzzer, StopFuzzing
from report import print_findings, print_summary
from scenario import check_invariants, set_up
from server import REPO

CONTRACT = REPO / "Sources" / "WebAPI" / "openapi.yaml"


def start_server(fuzzer: Fuzzer) -> None:
    """A fresh server, with what the fuzzing builds on."""
    fuzzer.start_server()
    set_up(fuzzer)


def run_fuzz(fuzzer: Fuzzer, budget: int, seed: int, deadline: float, restarts: int) -> None:
    """Hypothesis draws one request per example until `budget` fuzz requests were sent. A server
    that died is replaced by a fresh one, `restarts` times at most, so one crash hides no other."""
    fuzzer.deadline = deadline
    round_ = 0
    while fuzzer.fuzz_requests < budget and time.monotonic() < deadline:
        if fuzzer.server_died:
            if len(fuzzer.servers) > restarts:
                return
            print(f"  the server died after {fuzzer.fuzz_requests} requests; starting a fresh one")
            start_server(fuzzer)
        fuzz_round(fuzzer, min(budget - fuzzer.fuzz_requests, 1000), seed + round_)
        round_ += 1


def fuzz_round(fuzzer: Fuzzer, examples: int, seed: int) -> None:
    """One hypothesis run of `examples` requests. Each round shuffles the operations anew, as
    hypothesis draws the first items of a list more often than the others."""
    operations = fuzzer.contract.operations
    fuzzer.round_operations = random.Random(seed).sample(operations, len(operations))

    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False, print_blob=False)
    @given(data=st.data())
    def one_request(data):
        fuzzer.step(data)

    try:
        hypothesis_seed(seed)(one_request)()
    except StopFuzzing:
        pass
    except (Unsatisfiable, Flaky) as error:  # the round ends; the next one goes on
        if not fuzzer.server_died and time.monotonic() < fuzzer.deadline:
            fuzzer.findings.note("fuzzer", f"a hypothesis round ended early: {type(error).__name__}",
                                 key=("fuzzer", type(error).__name__))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", type=Path, default=REPO / ".build" / "debug" / "wegweiser",
                        help="the wegweiser executable (default .build/debug/wegweiser)")
    parser.add_argument("--contract", type=Path, default=CONTRACT,
                        help="the OpenAPI document (default Sources/WebAPI/openapi.yaml)")
    parser.add_argument("--requests", type=int, default=20_000, help="fuzz requests to send (default 20000)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random, printed)")
    parser.add_argument("--time-limit", type=float, default=3600, help="stop fuzzing after this many seconds (default 3600)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, mail, log)")
    parser.add_argument("--trace", type=Path, help="write one line per request and answer to this file")
    parser.add_argument("--restarts", type=int, default=50,
                        help="fresh servers to start after one died, before the run stops (default 50)")
    return parser.parse_args()


def find_binary(path: Path) -> Optional[Path]:
    """`path` as given (from the current folder), else from the repository root."""
    for candidate in (path if path.is_absolute() else Path.cwd() / path, REPO / path):
        if candidate.exists():
            return candidate
    return None


def fuzz(fuzzer: Fuzzer, args: argparse.Namespace, seed: int, extra: dict) -> float:
    """Starts a server, fuzzes it with `args.requests` requests, checks the invariants; the seconds
    the fuzzing took."""
    started = time.monotonic()
    start_server(fuzzer)
    print(f"server up on port {fuzzer.server.port} after {time.monotonic() - started:.1f} s; {len(fuzzer.state.callers)} "
          f"demo tokens; {' '.join(fuzzer.server.rate_limit_options()) or 'no option to lift rate limits offered, 429 accepted'}")
    fuzz_started = time.monotonic()
    run_fuzz(fuzzer, args.requests, seed, fuzz_started + args.time_limit, args.restarts)
    fuzz_seconds = time.monotonic() - fuzz_started
    if fuzzer.server_died:
        print("  the invariants are not checked: the last server died")
    else:
        check_invariants(fuzzer, extra)
    if fuzzer.fuzz_requests < args.requests:
        fuzzer.findings.fail("short run", f"only {fuzzer.fuzz_requests} of {args.requests} requests were sent")
    return fuzz_seconds


def main() -> int:
    args = parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    binary = find_binary(args.binary)
    if binary is None:
        print(f"no server binary at {args.binary}; build it with `swift build` or pass --binary", file=sys.stderr)
        return 2
    try:
        contract = Contract(args.contract)
    except (OSError, yaml.YAMLError, ContractError) as error:
        print(f"the contract {args.contract} cannot be read: {error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="wegweiser-fuzz-"))
    print(f"fuzz_api: {args.requests} requests, seed {seed}, binary {binary}, contract {args.contract}, folder {workdir}")
    if jsonschema is None:
        print("note: jsonschema is not installed; answers are not checked against the contract's schemas")
    findings = Findings()
    fuzzer = Fuzzer(contract, binary, workdir, findings)
    fuzzer.trace = open(args.trace, "w", encoding="utf-8", errors="backslashreplace") if args.trace else None
    extra: dict = {}
    fuzz_seconds = 0.0
    try:
        fuzz_seconds = fuzz(fuzzer, args, seed, extra)
    except RuntimeError as error:  # a server that would not start
        findings.fail("server start", str(error))
    finally:
        statuses = fuzzer.stop_servers()
    if statuses and statuses[-1] not in (0, -signal.SIGTERM, None) and not fuzzer.server_died:
        findings.fail("server exit", f"the server exited with status {statuses[-1]} on SIGTERM")
    extra["servers started"] = len(fuzzer.servers)
    print_summary(fuzzer, time.monotonic() - started, fuzz_seconds, extra)
    print_findings(findings, workdir / "findings", fuzzer.servers)
    if not findings.failures and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nRESULT: {'FAIL' if findings.failures else 'PASS'} (seed {seed})")
    return 1 if findings.failures else 0


if __name__ == "__main__":
    sys.exit(main())
