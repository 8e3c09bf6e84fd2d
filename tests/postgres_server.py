"""A real PostgreSQL server for the tests (issue 25): started once per test process.

The binaries are Debian's (`.ci/postgres-binaries` installs the `postgresql` package when
`initdb` is missing: `make test` and `.ci/run` call it first). The server lives in a
temporary folder, listens on a Unix socket only (`listen_addresses=''`) and is stopped at
the end of the session. Each xdist worker that asks for it starts its own (no lock to share,
no port to pick; ~1 s of CPU for initdb, paid only by the workers that run a PostgreSQL
test). initdb refuses root: when the tests run as root, initdb, pg_ctl and the server run as
the `postgres` user (`runuser -u postgres --`) on a folder it owns.

Databases: `server.fresh_database()` gives a new empty database; the store's contract tests
(fixture `store_base`) get one migrated database per process, emptied before each test
(`server.emptied`: TRUNCATE, ids restarted; no migration per test, and no CREATE DATABASE
per test, which cost the server ~0.25 s of CPU each).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

SUPERUSER = "anef"
_HERE = Path(__file__).resolve().parent.parent


def bindir() -> Path:
    """The folder of initdb/pg_ctl (installed by `.ci/postgres-binaries` when missing)."""
    script = _HERE / ".ci" / "postgres-binaries"
    found = subprocess.run(
        [str(script)], check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()
    return Path(found[-1])


def _as_owner() -> list[str]:
    """The prefix that runs a PostgreSQL program as a user it accepts (not root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, on a Unix socket only."""

    def __init__(self, *, tls: bool = False) -> None:
        self.bin = bindir()
        #: `tls`: also listen on 127.0.0.1 (a free port) with TLS, a self-signed certificate:
        #: libpq uses TLS over TCP only, never on a Unix socket.
        self.port: int | None = None
        self.ssl = tls  # a `tls` server restarted with ssl False offers TCP without TLS
        self.root = Path(tempfile.mkdtemp(prefix="anef-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self._templates: dict[str, str] = {}
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.socket_dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions")
        if tls:
            self._certificate()
        self.start()

    def _certificate(self) -> None:
        """A self-signed certificate for localhost, and a free port to listen on."""
        import datetime
        import socket

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
        now = datetime.datetime.now(datetime.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=2))
                .sign(key, hashes.SHA256()))
        for file, data in (
            ("server.crt", cert.public_bytes(serialization.Encoding.PEM)),
            ("server.key", key.private_bytes(serialization.Encoding.PEM,
                                             serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption())),
        ):
            path = self.data / file
            path.write_bytes(data)
            path.chmod(0o600)
            if os.geteuid() == 0:
                shutil.chown(path, "postgres", "postgres")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*_as_owner(), str(self.bin / program), *args], check=True,
                       capture_output=True, cwd=self.root)

    def start(self) -> None:
        """Start (or restart) the server; returns when it accepts connections."""
        ssl = "on" if self.ssl else "off"
        listen = "''" if self.port is None else f"127.0.0.1 -p {self.port} -c ssl={ssl}"
        options = (f"-c listen_addresses={listen} -k {self.socket_dir} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200 -c shared_buffers=16MB")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                  "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`pg_ctl stop -m fast` by default: open sessions are cut)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        """A libpq URL to `database` through the socket."""
        port = "" if self.port is None else f"&port={self.port}"  # the socket's name too
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}{port}"

    def tls_url(self, database: str, sslmode: str = "require") -> str:
        """A libpq URL to `database` over TCP on 127.0.0.1 (a `tls` server), `sslmode`."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}?sslmode={sslmode}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def fresh_database(self, template: str | None = None) -> str:
        """A new empty database (a copy of `template` when given); its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        clause = f" TEMPLATE {template}" if template else ""
        self._admin(f"CREATE DATABASE {name}{clause}")
        return self.url(name)

    def emptied(self, name: str, fill: Callable[[str], None]) -> str:
        """The URL of database `name`, filled once by `fill(url)` (migrated), then emptied
        for each caller: every table but the engine's `anef_base` truncated, identities
        restarted (ids from 1, as in a new base). Cheaper than a database per test: a
        `CREATE DATABASE … TEMPLATE` cost the server ~0.25 s of CPU (measured, NOTES);
        truncating, a few milliseconds. Connections a test left open are ended first."""
        import psycopg

        if name not in self._templates:
            self.template(name, fill)
            return self.url(name)
        with psycopg.connect(self.url(name), autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            tables = [r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'anef_base'")]
            conn.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")
        return self.url(name)

    def template(self, name: str, fill: Callable[[str], None]) -> str:
        """A database `name` filled once by `fill(url)` (e.g. migrated), to copy from."""
        if name not in self._templates:
            self._admin(f"CREATE DATABASE {name}")
            fill(self.url(name))
            self._templates[name] = name
        return name

    def cpu_seconds(self) -> float:
        """The server's CPU time so far: the postmaster's own and its ended backends'."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        report = os.environ.get("ANEF_PG_CPU_REPORT")  # bench: the server's CPU of a run
        if report:
            with contextlib.suppress(OSError, ValueError, IndexError), open(report, "a") as out:
                out.write(f"{self.cpu_seconds():.2f}\n")
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running_server(*, tls: bool = False) -> Iterator[PostgresServer]:
    server = PostgresServer(tls=tls)
    try:
        yield server
    finally:
        server.close()
