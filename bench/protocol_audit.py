"""The graphql-http audit (the GraphQL-over-HTTP spec's own server audit) against a real API.

    python -m bench.protocol_audit      (needs Node.js and npm; installs graphql-http once)

Starts `signaalpunt api` with its default settings (free-form documents allowed: the audit
sends its own) and prints every audit that is not "ok", then the totals.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from signaalpunt.harness import free_port, scratch_database, servers, start_api_process

HERE = Path(__file__).resolve().parent / "protocol"


def main() -> None:
    if not (HERE / "node_modules" / "graphql-http").exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True
        )
    with tempfile.TemporaryDirectory(prefix="sp-audit-") as tmp:
        directory = Path(tmp)
        with servers(directory / "servers") as found, scratch_database(found.database_url) as db:
            port = free_port()
            env = {
                **os.environ,
                "DATABASE_URL": db,
                "REDIS_URL": found.redis_url,
                "SIGNAALPUNT_DATA_DIR": str(directory / "data"),
                "SIGNAALPUNT_PORT": str(port),
                "SIGNAALPUNT_NAMESPACE": f"audit-{uuid.uuid4().hex[:6]}",
            }
            subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            (directory / "logs").mkdir()
            api = start_api_process(env, directory / "logs")
            try:
                subprocess.run(
                    ["node", "audit.mjs", f"http://127.0.0.1:{port}/graphql"], cwd=HERE, check=True
                )
            finally:
                api.stop()


if __name__ == "__main__":
    main()
