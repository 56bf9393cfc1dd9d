"""DESIGN.md "Offline, always": a study runs end to end with every socket refused."""

import socket

import numpy as np
import pytest


@pytest.fixture
def no_sockets_at_all(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network blocked: this test allows no socket at all")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_propagation_and_sun_position_run_with_sockets_blocked(no_sockets_at_all):
    """Propagate a shell and compute the Sun's position at dates past the bundled IERS
    predictions, which is where astropy or skyfield would try to download."""
    from orbital import orbits, sun
    from orbital.constants import AU_KM

    times = np.datetime64("2031-06-21") + np.arange(3) * np.timedelta64(600, "s")
    states = orbits.propagate(orbits.walker_delta(550.0, 53.0, 2, 2, epoch="2031-06-21"), times)
    assert np.isfinite(states.alt_km.values).all()
    distance_au = np.linalg.norm(sun.sun_position_gcrs_km(times).values, axis=-1) / AU_KM
    # Earth–Sun distance near the June solstice (aphelion ~1.0167 AU on July 4)
    assert np.all((distance_au > 1.014) & (distance_au < 1.017))
    assert np.isfinite(sun.shadow_fraction(states).values).all()


def test_astropy_iers_configured_offline():
    from astropy.utils import iers

    import orbital._data  # noqa: F401  (configures astropy on import)

    assert iers.conf.auto_download is False
    assert iers.conf.auto_max_age is None
