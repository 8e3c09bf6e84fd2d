"""Where `anef-tui servir` may listen, and which pages may open a session (issue 26):
the loopback only (a structure's network comes through a TLS reverse proxy on the same
machine), and the Origins of the server's own page."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


class ServeError(Exception):
    """The server cannot start as asked; the message is French and says what to do."""


LOOPBACK_NAMES = ("localhost",)



def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(host: str, public_url: str | None) -> None:
    """Only the loopback is listened on: a structure's network reaches the app through a
    TLS reverse proxy on the same machine (README). ServeError otherwise."""
    if not is_loopback(host):
        raise ServeError(
            f"anef-tui servir n'écoute que sur cet ordinateur (127.0.0.1), pas sur « {host} » : "
            "sans TLS, les phrases secrètes et les dossiers passeraient en clair sur le "
            "réseau. Pour les autres postes de la structure, placez devant anef-tui un "
            "serveur mandataire HTTPS sur cette même machine (README, « Dans un "
            "navigateur ») et donnez son adresse avec --url-publique.")
    if public_url is None:
        return
    parts = urlsplit(public_url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return
    raise ServeError(
        f"L'adresse publique « {public_url} » doit commencer par https:// (celle du serveur "
        "mandataire HTTPS), ou être une adresse de cet ordinateur (http://127.0.0.1:…).")


def allowed_origins(public_url: str, port: int) -> set[str]:
    """The Origins a session may be opened from: the public address's, and on the
    loopback its other names (localhost, 127.0.0.1, [::1])."""
    parts = urlsplit(public_url)
    origins = {f"{parts.scheme}://{parts.netloc}".lower()}
    if parts.hostname and is_loopback(parts.hostname) and parts.scheme == "http":
        for name in ("localhost", "127.0.0.1", "[::1]"):
            origins.add(f"http://{name}:{port}")
    return origins
