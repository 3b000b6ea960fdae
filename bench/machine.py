"""The machine a figure was measured on, printed with every figure."""

from __future__ import annotations

import os
from pathlib import Path


def machine() -> str:
    """Cores, CPU model and clock, printed with every figure."""
    model, mhz = "unknown CPU", ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            if line.startswith("cpu MHz") and not mhz:
                mhz = f", {float(line.split(':', 1)[1]):.0f} MHz"
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}{mhz}"


def memory_mib(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MiB: what it holds now, and the most it ever held."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
