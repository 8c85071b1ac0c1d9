"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder, on a free port.

Uses $INCIDENTWIRE_TEST_PG_URL when set (a server someone else runs); otherwise starts one from the
binaries of Debian's postgresql package (scripts/ensure-postgres installs them). As root, the server
runs as the `postgres` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not versions:
        raise PostgresUnavailable("no PostgreSQL server binaries (run scripts/ensure-postgres)")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="incidentwire-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.bin = _binaries()
        self.url = f"postgresql+psycopg://incidentwire@127.0.0.1:{self.port}/incidentwire"

    def start(self) -> PostgresServer:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")

        def run(*cmd: str) -> subprocess.CompletedProcess:
            return subprocess.run(_as_server_user(list(cmd)), check=True, capture_output=True, text=True)

        run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "incidentwire", "-A", "trust", "-E", "UTF8")
        self.resume()
        run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "incidentwire", "incidentwire")
        return self

    def pause(self) -> None:
        """Stops the server as a restart does (fast: open transactions are cut off, clients disconnected)."""
        subprocess.run(
            _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
            check=True,
            capture_output=True,
        )

    def resume(self) -> None:
        subprocess.run(
            _as_server_user(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.folder / "log"),
                    "-w",
                    "-o",
                    f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def fresh_database(self, name: str) -> str:
        """A new empty database on this server, so tests do not see each other's rows."""
        subprocess.run(
            _as_server_user(
                [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "incidentwire", name]
            ),
            check=True,
            capture_output=True,
        )
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        time.sleep(0.2)
        shutil.rmtree(self.folder, ignore_errors=True)
