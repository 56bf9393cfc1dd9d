"""The space-segment physics of three reference orbital venues, side by side (``odc compare --physics``).

Before the co-scheduler, this was the whole of ``odc compare``; it stays as the quick look at
what each orbit offers on its own: geometry, sunlight, array output, dose behind a shield,
and how often one user sees the venue, with the up-and-down hop when it does. The nearest
cloud regions give the terrestrial counterpart (fiber RTT, PUE, grid carbon).

Long spans are streamed: the propagation runs over blocks of time and only running sums and
one number per time step are kept, so memory stays bounded whatever ``hours`` and ``step_s``
ask for; :func:`request_size` tells how much work a request is before it starts.
"""

from __future__ import annotations

import time as _time

import numpy as np

__all__ = [
    "BYTES_PER_SATELLITE_STEP",
    "CHUNK_SATELLITE_STEPS",
    "check_span",
    "compare_cloud_regions",
    "compare_orbital_venues",
    "reference_venues",
    "request_size",
    "resolve_user",
]

#: Peak memory per (time step × satellite) of one propagate + shadow + flux + visibility pass
#: [bytes]: measured with ``ru_maxrss`` on the 1 584-satellite shell over 300-1 200 steps
#: (190-220 B); rounded up.
BYTES_PER_SATELLITE_STEP = 250
#: Time-step × satellite pairs per streamed block (~250 MB at the figure above).
CHUNK_SATELLITE_STEPS = 1_000_000

# satellites of each reference venue (see reference_venues), for request_size without building them
_REFERENCE_SATELLITES = (72 * 22, 81, 12)


def _progress(message: str) -> None:  # default: silent (the CLI passes its own)
    pass


def reference_venues(epoch):
    """The three orbital venues compared: a Starlink-like shell (Hypatia's [Kassing2020]
    72 × 22 at 550 km, 53°), a Suncatcher-like 81-satellite cluster at 650 km dawn–dusk, an
    ASCEND-like 1 400 km dawn–dusk orbit.

    Returns
    -------
    list of (str, orbit)
        Label and orbit object of :mod:`orbital.orbits`.
    """
    from orbital import orbits

    return [
        ("Starlink-like 550 km 53°", orbits.walker_delta(550.0, 53.0, 72, 22, 1, epoch=epoch,
                                                               name="starlink-like")),
        ("Suncatcher-like 650 km SSO",
         orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0, epoch=epoch), 81, 1.0,
                                  name="suncatcher-like")),
        ("ASCEND-like 1400 km SSO", orbits.sun_synchronous(1400.0, 18.0, n_satellites=12,
                                                                  epoch=epoch, name="ascend-like")),
    ]


def _steps(hours: float, step_s: float) -> int:
    return int(hours * 3600 // step_s) + 1


def request_size(hours: float, step_s: float) -> dict:
    """How much work :func:`compare_orbital_venues` is for a span, before it starts.

    Parameters
    ----------
    hours : float
        Span [h].
    step_s : float
        Time step [s].

    Returns
    -------
    dict
        ``steps`` (time steps), ``satellite_steps`` (time steps × satellites summed over the
        reference venues: the propagations to run) and ``bytes_at_once`` (the memory the
        largest venue would need without streaming [bytes]; streamed, a block needs about
        ``CHUNK_SATELLITE_STEPS × BYTES_PER_SATELLITE_STEP``).

    Examples
    --------
    >>> size = request_size(24, 60)  # 1 441 steps × (1 584 + 81 + 12) satellites
    >>> size["steps"], size["satellite_steps"]
    (1441, 2416557)
    """
    steps = _steps(hours, step_s)
    return {"steps": steps, "satellite_steps": steps * sum(_REFERENCE_SATELLITES),
            "bytes_at_once": steps * max(_REFERENCE_SATELLITES) * BYTES_PER_SATELLITE_STEP}


def check_span(start, hours: float, *, field: str = "start") -> np.datetime64:
    """``start`` as ``datetime64[ns]`` after checking the span lies where the Sun is known.

    Raises
    ------
    ValueError
        ``start`` unreadable, or the span leaves the JPL DE421 ephemeris the Sun positions
        come from.
    """
    from orbital import sun

    try:
        begin = np.datetime64(start, "ns")
    except (TypeError, ValueError):
        raise ValueError(f"{field}: cannot read {start!r} as a UTC ISO 8601 date-time "
                         "(e.g. 2026-06-21T00:00:00)") from None
    if np.isnat(begin):
        raise ValueError(f"{field}: {start!r} is not a date-time")
    end = begin + np.timedelta64(int(hours * 3600), "s")
    try:
        sun.sun_position_gcrs_km(np.array([begin, end]))
    except ValueError as error:
        # the ephemeris names its own field ("times: …"); this one is the caller's
        reason = str(error).split(": ", 1)[-1]
        raise ValueError(f"{field}: the span from {start} over {hours:g} h: {reason}") from None
    return begin


def resolve_user(user):
    """The user's city row (``ground.sites.city``) from ``("Name", "CC")`` or a row."""
    from ground import sites

    if isinstance(user, tuple):
        return sites.city(*user)
    return user


def _time_averages(constellation, times, user_site, *, min_elevation_deg, block_steps, progress):
    """Means over (time, satellite) of the visible solar fraction, abs(beta) and flux × fraction,
    and the slant range to the nearest visible satellite at each time (NaN when none), over
    blocks of ``block_steps`` times so memory stays bounded."""
    from orbital import links, orbits, sun

    steps = len(times)
    lit_sum = beta_sum = flux_lit_sum = 0.0
    nearest_km = np.empty(steps)
    for first in range(0, steps, block_steps):
        states = orbits.propagate(constellation, times[first:first + block_steps])
        lit = sun.shadow_fraction(states)
        lit_sum += float(lit.sum())
        beta_sum += float(np.abs(sun.beta_angle_deg(states)).sum())
        flux_lit_sum += float((sun.solar_flux_w_m2(states) * lit).sum())
        seen = links.visibility(states, user_site, min_elevation_deg=min_elevation_deg)
        nearest = seen.slant_range_km.where(seen.visible).min("satellite").isel(site=0)
        nearest_km[first:first + block_steps] = nearest.values
        if steps > block_steps:
            progress(min(first + block_steps, steps))
    samples = steps * constellation.n_satellites
    return lit_sum / samples, beta_sum / samples, flux_lit_sum / samples, nearest_km


def compare_orbital_venues(start, hours: float, step_s: float, *, user=("Paris", "FR"),
                           array_efficiency=0.22, min_elevation_deg=25.0,
                           radiation_grid="standard", progress=_progress,
                           chunk_satellite_steps=CHUNK_SATELLITE_STEPS) -> list[dict]:
    """One row of plain numbers per reference venue over ``hours`` from ``start``.

    Parameters
    ----------
    start : str or numpy.datetime64
        UTC start.
    hours : float
        Span [h].
    step_s : float
        Time step [s].
    user : (str, str) or pandas.Series
        The user's city as ``("Name", "CC")`` or a row of ``ground.sites.cities()``.
    array_efficiency : float
        Sun-tracking array efficiency, beginning of life [1].
    min_elevation_deg : float
        Elevation mask of the user terminal [deg].
    radiation_grid : {"standard", "coarse"}
        Geomagnetic lookup grid of ``orbital.radiation.trapped_spectra``.
    progress : callable(str)
        Called with one line per streamed block and per venue.
    chunk_satellite_steps : int
        Time-step × satellite pairs per streamed block (memory ≈ this × 250 bytes).

    Returns
    -------
    list of dict
        Per venue: geometry (period, mean abs(beta)), sunlight (conical shadow, mean visible
        solar fraction, ``sunlit_fraction``), the year from ``start`` (daily beta with J2
        node drift, cylindrical eclipse: ``sunlit_fraction_year``), orbit-average electrical
        output per m² of a sun-tracking array (``array_w_m2``), the total ionizing dose rate
        behind 10 mm of aluminium (AE8/AP8 at solar maximum along up to 8 of the venue's
        satellites over one day from ``start``, spherical shield, silicon), the share of time
        the user sees at least one satellite above ``min_elevation_deg``
        (``direct_reach_fraction``) and the median over those times of the straight
        up-and-down RTT to the nearest one (``rtt_ms_median``: the access hop only; no
        routing, queueing nor compute time).
    """
    from orbital import links, orbits, radiation, sun
    from orbital.constants import SPEED_OF_LIGHT_KM_S

    begin_time = check_span(start, hours)
    steps = _steps(hours, step_s)
    times = begin_time + (np.arange(steps) * step_s * 1e9).astype("timedelta64[ns]")
    user = resolve_user(user)
    user_site = links.ground_sites([float(user["lat"])], [float(user["lon"])],
                                   names=[str(user["name"])])
    rows = []
    for label, orbit in reference_venues(begin_time):
        begin = _time.perf_counter()
        constellation = orbit.to_constellation()  # SGP4 records built once, used per block
        n_satellites = constellation.n_satellites
        lit_mean, beta_mean, flux_lit_mean, nearest_km = _time_averages(
            constellation, times, user_site, min_elevation_deg=min_elevation_deg,
            block_steps=max(1, int(chunk_satellite_steps // n_satellites)),
            progress=lambda done, label=label: progress(f"{label}: {done}/{steps} steps"))
        info = orbits.describe(orbit)
        sunlit = lit_mean
        year = begin_time + np.arange(365) * np.timedelta64(1, "D")
        beta_year = sun.beta_angle_over_year(orbit, year)
        eclipse_year = sun.eclipse_fraction(info["altitude_km"], beta_year.values)
        # A dose is an orbit average over many South Atlantic Anomaly passes: always sample one
        # full day at one-minute steps, whatever span the table covers.
        sampled = np.unique(np.linspace(0, n_satellites - 1, 8).astype(int))
        day = begin_time + np.arange(1440) * np.timedelta64(60, "s")
        track = orbits.propagate(constellation.subset(sampled), day)
        spectra = radiation.trapped_spectra(track, models=("AP8MAX", "AE8MAX"), grid=radiation_grid)
        dose = radiation.dose_depth(spectra, shielding_mm=[10.0]).dose_rad_si_per_year
        reached = nearest_km[np.isfinite(nearest_km)]
        rows.append({
            "venue": label,
            "n_satellites": info["n_satellites"],
            "altitude_km": info["altitude_km"],
            "inclination_deg": info["inclination_deg"],
            "period_min": info["period_min"],
            "beta_mean_deg": beta_mean,
            "sunlit_fraction": sunlit,
            "sunlit_fraction_year": float(1 - eclipse_year.mean()),
            "eclipse_minutes_per_orbit": (1 - sunlit) * info["period_min"],
            # sun-tracking array, beginning of life, before conversion losses
            "array_w_m2": flux_lit_mean * array_efficiency,
            "dose_10mm_rad_si_per_year": float(dose.mean()),
            "direct_reach_fraction": reached.size / steps,
            "rtt_ms_median": (float(np.median(2 * reached / SPEED_OF_LIGHT_KM_S * 1e3))
                              if reached.size else float("nan")),
        })
        progress(f"{label}: {n_satellites} satellites × {steps} steps "
                 f"in {_time.perf_counter() - begin:.1f} s")
    return rows


def compare_cloud_regions(user=("Paris", "FR"), n_nearest=3) -> list[dict]:
    """The terrestrial side: fiber RTT from the user to the nearest cloud regions.

    Parameters
    ----------
    user : (str, str) or pandas.Series
        As in :func:`compare_orbital_venues`.
    n_nearest : int
        Regions to list, nearest first by great-circle distance.

    Returns
    -------
    list of dict
        ``venue`` (provider, region code, city), ``rtt_ms_median`` (terrestrial fiber RTT with
        the default path inflation [ms]), ``pue`` [1], ``grid_g_co2_per_kwh`` [gCO2e/kWh].
    """
    from ground import network, sites

    user = resolve_user(user)
    regions = sites.cloud_regions()
    _, index = sites.nearest([float(user["lat"])], [float(user["lon"])], regions["lat"].to_numpy(),
                             regions["lon"].to_numpy(), k=n_nearest)
    chosen = regions.iloc[np.asarray(index).ravel()]
    rtt = network.fiber_rtt([float(user["lat"])], [float(user["lon"])], chosen["lat"].to_numpy(),
                            chosen["lon"].to_numpy())
    rows = []
    for k, (_, region) in enumerate(chosen.iterrows()):
        rows.append({
            "venue": f"{region['provider']} {region['region_code']} ({region['city']})",
            "rtt_ms_median": float(rtt.rtt_ms.values.ravel()[k]),
            "pue": float(region["pue"]),
            "grid_g_co2_per_kwh": float(region["grid_carbon_g_per_kwh"]),
        })
    return rows
