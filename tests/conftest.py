"""Test-wide guards: nothing reaches the network (DESIGN.md "Offline, always")."""

import ipaddress
import os
import socket

import matplotlib
import pytest

matplotlib.use("Agg")

# Radiation lookup grids and other caches go to a per-run folder unless the caller chose one,
# so tests never depend on (or pollute) a user's cache.
os.environ.setdefault("ODC_CACHE_DIR", os.path.join(os.path.dirname(__file__), "..", ".pytest_cache", "odc"))

_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if not _is_local(address):
        raise OSError(f"network access blocked in tests: connect to {address!r}")
    return _real_connect(self, address)


def _guarded_create_connection(address, *args, **kwargs):
    if not _is_local(address):
        raise OSError(f"network access blocked in tests: create_connection to {address!r}")
    return _real_create_connection(address, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test runs with outbound connections refused (loopback stays open for Jupyter
    kernels and dask)."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket, "create_connection", _guarded_create_connection)
