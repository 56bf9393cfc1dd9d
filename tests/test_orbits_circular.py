"""orbital.orbits.circular_states (closed-form circular tracks) against SGP4 propagation."""

import numpy as np
import pytest

from orbital import orbits
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM, EARTH_J2


def _short_period_scale_km(altitude_km):
    """(3/2) J2 R² / a: the size of SGP4's short-period J2 terms (Vallado 2013, §9.6), which a
    circular track with secular rates only leaves out."""
    a = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    return 1.5 * EARTH_J2 * EARTH_EQUATORIAL_RADIUS_KM**2 / a


@pytest.mark.parametrize("orbit", [
    orbits.walker_delta(550.0, 53.0, 3, 2),
    orbits.sun_synchronous(650.0, 18.0, n_satellites=2),
    orbits.walker_delta(1200.0, 87.0, 2, 2),
], ids=["walker-550-53", "sso-650", "polar-1200"])
def test_circular_track_stays_within_short_period_j2_terms_of_sgp4_over_a_day(orbit):
    """Positions differ from SGP4 by the short-period J2 terms only (radial and along-track,
    each of order (3/2) J2 R²/a ≈ 10 km: bound 2.5× that), and the secular rates are SGP4's own,
    so the difference does not grow over a day (last hour within 5 km of the first, on average).
    Altitudes agree to one such term."""
    times = orbit.epoch + np.arange(0, 86_400, 300) * np.timedelta64(1, "s")
    track = orbits.circular_states(orbit, times)
    sgp4 = orbits.propagate(orbit, times)
    scale = _short_period_scale_km(float(np.mean(orbit.to_constellation().altitude_km)))
    for frame in ("position_gcrs_km", "position_itrs_km"):
        error = np.linalg.norm(track[frame].values - sgp4[frame].values, axis=-1)
        assert error.max() < 2.5 * scale, (frame, error.max(), scale)
        assert abs(error[-12:].mean() - error[:12].mean()) < 5.0
    assert np.abs(track["alt_km"] - sgp4["alt_km"]).max() < 1.2 * scale
    orbits.check_states(track, need=tuple(orbits.STATES_VARIABLES))


def test_circular_track_period_is_keplerian_with_j2_rate():
    """One revolution of the argument of latitude takes the Keplerian period to within the J2
    correction (|Δn/n| ≤ (3/2) J2 (R/a)² ≈ 0.15 % in LEO)."""
    shell = orbits.walker_delta(550.0, 53.0, 1, 1)
    period_s = float(orbits.orbital_period_min(550.0)) * 60.0
    times = shell.epoch + np.array([0, int(round(period_s))]) * np.timedelta64(1, "s")
    position = orbits.circular_states(shell, times)["position_gcrs_km"].values[:, 0]
    angle = np.degrees(np.arccos(np.dot(position[0], position[1])
                                 / np.linalg.norm(position[0]) / np.linalg.norm(position[1])))
    assert angle < 1.5e-3 * 360.0 + 0.5  # J2 correction plus the node's drift over one orbit


def test_circular_track_refuses_unordered_times():
    shell = orbits.walker_delta(550.0, 53.0, 1, 1)
    with pytest.raises(ValueError, match="times"):
        orbits.circular_states(shell, shell.epoch + np.array([60, 0]) * np.timedelta64(1, "s"))
