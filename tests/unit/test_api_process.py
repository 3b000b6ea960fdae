"""The API process stays small: it never loads the numeric stack the worker needs."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from signaalpunt.app import create_app
from signaalpunt.settings import load_settings
create_app(load_settings({"SIGNAALPUNT_DATA_DIR": sys.argv[1]}))
heavy = sorted(m for m in ("numpy", "scipy", "sklearn", "datasketch", "deduce") if m in sys.modules)
print(",".join(heavy))
"""


def test_the_api_does_not_import_the_numeric_stack(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
