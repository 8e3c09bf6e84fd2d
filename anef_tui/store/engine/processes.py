"""Whether a process of this machine still runs (the desks' presence on SQLite, issue 25):
its pid alive and started when the row says (`/proc/PID/stat`: a later process reusing the
pid is another desk). A leaf module: the engine and the presence store both ask it."""

from __future__ import annotations

import os
import socket


def start_token(pid: int) -> str | None:
    """When process `pid` started (Linux: clock ticks since boot, `/proc/PID/stat`), "" where
    the system does not say, None if it is gone or a zombie (killed, not yet reaped)."""
    try:
        with open(f"/proc/{pid:d}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
    except FileNotFoundError:
        return None
    except OSError:
        return ""
    if not fields or fields[0] in (b"Z", b"X"):
        return None
    return fields[19].decode("ascii", "replace") if len(fields) > 19 else ""


def host_name() -> str:
    return socket.gethostname()[:200]


def process_alive(host: str, pid: int, started: str) -> bool:
    """Whether the desk that wrote a row is still running (see the module's docstring)."""
    if host != host_name():
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    except OSError:
        return False
    token = start_token(pid)
    if token is None:
        return False
    return not started or not token or token == started
