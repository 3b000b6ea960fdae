"""Load from `wrk` (Debian package `wrk`), a C load generator that outruns a Python server:
the bench measures the servers, not itself.

Every request is a submitReport POST with a text of its own (a counter per wrk thread), and
every answer is checked: one without a reference counts as a failure, as a non-2xx does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "wrk is missing: install it with `sudo apt-get install wrk` (Debian/Ubuntu)."

# {body} is a JSON request with __N__ where each request puts its own number.
_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
{auth}
local body = {body}
local n = 0
bad = 0
local prefix = tostring(math.random(1, 1000000000))
function request()
  n = n + 1
  return wrk.format(nil, nil, nil, string.gsub(body, "__N__", prefix .. "-" .. n))
end
function response(status, headers, text)
  if status ~= 200 or not string.find(text, "reference", 1, true) then bad = bad + 1 end
end
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local failures = 0
  for _, t in ipairs(threads) do failures = failures + t:get("bad") end
  io.write(string.format("RESULT %d %f %d %d %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), failures + summary.errors.status))
end
"""
_PLAIN = 'wrk.method = "GET"\n'


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    failures: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def available() -> bool:
    return shutil.which("wrk") is not None


def _run(url: str, script: str, seconds: int, connections: int, threads: int) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", handle.name, url],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        Path(handle.name).unlink(missing_ok=True)
    line = next((x for x in out.splitlines() if x.startswith("RESULT")), None)
    if line is None:  # the trivial endpoint's script has no done(): read wrk's own summary
        requests = int(next(x for x in out.splitlines() if "requests in" in x).split()[0])
        return Load(requests, float(seconds), 0.0, 0.0, 0)
    _, requests, duration, p50, p99, failures = line.split()
    return Load(int(requests), float(duration), int(p50) / 1000, int(p99) / 1000, int(failures))


def submit(
    url: str, query: str, variables: dict[str, object], token: str | None, *,
    seconds: int, connections: int, threads: int,
) -> Load:  # fmt: skip
    """submitReport under load; `variables` hold "__N__" where each request numbers itself."""
    body = json.dumps({"query": query, "variables": variables})
    auth = f'wrk.headers["Authorization"] = "Bearer {token}"' if token else ""
    script = _SCRIPT.format(auth=auth, body=_lua_string(body))
    return _run(url, script, seconds, connections, threads)


def ceiling(url: str, *, seconds: int, connections: int, threads: int) -> Load:
    """The generator against an endpoint that does nothing: its own ceiling here."""
    return _run(url, _PLAIN, seconds, connections, threads)


def _lua_string(text: str) -> str:
    """A Lua long string holding `text` as is."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"
