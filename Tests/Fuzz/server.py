"""The server under test: `wegweiser serve --samples` in a folder of its own, on a free port."""

from __future__ import annotations

import collections
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

from state import Caller

REPO = Path(__file__).resolve().parents[2]

TOKEN_LINE = re.compile(r"^\s*(provider|advice-centre|admin)\s+(.+?):\s+(wgw_\S+)\s*$")


class Server:
    """`wegweiser serve --samples` in a temporary folder, on a free port."""

    def __init__(self, binary: Path, workdir: Path):
        self.binary = binary
        self.workdir = workdir
        self.metrics_token = "metrics-" + secrets.token_hex(16)
        self.process: Optional[subprocess.Popen] = None
        self.port = 0
        self.callers: list[Caller] = []

    @property
    def log_path(self) -> Path:
        return self.workdir / "server.log"

    def start(self, timeout: float = 180) -> None:
        for _ in range(3):  # another process may take the free port first
            self.port = free_port()
            self._spawn()
            if self._wait_ready(timeout):
                return
            if self.alive():
                raise RuntimeError(f"the server did not answer /health within {timeout:.0f} s\n{self.log_tail()}")
            if "ddress already in use" not in self.log_tail():
                raise RuntimeError(f"the server stopped during start-up\n{self.log_tail()}")
        raise RuntimeError("no free port could be had")

    def _spawn(self) -> None:
        for name in ("db.sqlite", "db.sqlite-wal", "db.sqlite-shm"):
            (self.workdir / name).unlink(missing_ok=True)
        args = [
            str(self.binary), "serve", "--samples",
            "--db", str(self.workdir / "db.sqlite"),
            "--mail-dir", str(self.workdir / "mail"),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--public-url", f"http://127.0.0.1:{self.port}",
            "--resources", str(REPO),
            # One unexcused first session puts a seat at risk, so releases can happen today.
            "--no-show-first-sessions", "1",
            "--log-format", "json", "--log-level", "warning",
        ] + self.rate_limit_options()
        env = {**os.environ, "WEGWEISER_METRICS_TOKEN": self.metrics_token}
        stdout = open(self.workdir / "server.out", "w")
        stderr = open(self.log_path, "w")
        self.process = subprocess.Popen(args, cwd=REPO, env=env, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        stdout.close()
        stderr.close()

    def rate_limit_options(self) -> list[str]:
        """`--anonymous-rate-limit 0` where the server offers it, so the fuzzing is not throttled."""
        if not hasattr(self, "_help"):
            self._help = subprocess.run([str(self.binary), "serve", "--help"], cwd=REPO, capture_output=True,
                                        text=True, timeout=60).stdout
        return ["--anonymous-rate-limit", "0"] if "--anonymous-rate-limit" in self._help else []

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return False
            if self._tokens_printed() and self._health_ok():
                self.callers = self._read_tokens()
                return True
            time.sleep(0.1)
        return False

    def _tokens_printed(self) -> bool:
        """The demo tokens are printed, the administrator's last."""
        text = (self.workdir / "server.out").read_text(errors="replace")
        return any((m := TOKEN_LINE.match(line)) and m.group(1) == "admin" for line in text.splitlines())

    def _health_ok(self, timeout: float = 2) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            connection.request("GET", "/health")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            return False

    def _read_tokens(self) -> list[Caller]:
        callers, counts = [], collections.Counter()
        for line in (self.workdir / "server.out").read_text(errors="replace").splitlines():
            match = TOKEN_LINE.match(line)
            if match:
                role, name, token = match.groups()
                counts[role] += 1
                callers.append(Caller(f"{role}#{counts[role]}", role, token, name=name))
        if not {"provider", "advice-centre", "admin"} <= set(counts):
            raise RuntimeError("the server printed no demo token of some role")
        return callers

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def serves(self) -> bool:
        """Whether /health answers on a fresh connection within a few seconds."""
        return self.alive() and self._health_ok(timeout=5)

    def wait_exit(self, seconds: float) -> Optional[int]:
        """The exit status once the process ended (a crash report takes seconds), None if it did not."""
        try:
            return self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    def crash_line(self) -> str:
        """The first fatal error the server logged, if any."""
        for line in self.log_path.read_text(errors="replace").splitlines():
            if "Fatal error" in line or "Program crashed" in line:
                return line.strip()
        return ""

    def stop(self) -> Optional[int]:
        """SIGTERM, then SIGKILL after 15 s; the exit status."""
        if self.process is None:
            return None
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        return self.process.returncode

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
