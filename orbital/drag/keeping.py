"""Station-keeping and formation-keeping against drag and J2: Δv, propellant, thrust power, deorbit."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM, EARTH_J2, EARTH_MU_KM3_S2
from orbital.drag._names import check_name, lookup
from orbital.drag.atmosphere import density_kg_m3
from orbital.drag.ballistic import ballistic_coefficient
from orbital.drag.decay import (
    FINE_GRID_KM,
    REENTRY_ALTITUDE_KM,
    SECONDS_PER_YEAR,
    check_altitude,
    check_drag_parameter,
    effective_density_kg_m3,
    orbital_lifetime_years,
    per_case,
    time_table,
)

__all__ = [
    "DEORBIT_STRATEGIES",
    "STANDARD_GRAVITY_M_S2",
    "THRUSTERS",
    "cluster_keeping",
    "deorbit_dv_m_s",
    "drag_makeup_dv_m_s_per_year",
    "keeping_summary",
    "propellant_mass_kg",
    "thruster_power",
]

#: Standard gravity g₀ [m s-2] (CGPM 1901), the Isp ↔ exhaust-velocity convention.
STANDARD_GRAVITY_M_S2 = 9.80665

#: Thrusters by name: specific impulse [s], thrust [N] and electrical input power [W] at that
#: operating point, with the source.
THRUSTERS = {
    "hall": {
        "isp_s": 1600.0, "thrust_n": 0.083, "power_w": 1350.0,
        "source": "SPT-100 Hall thruster, xenon: 1.35 kW, 83 mN, 1 600 s (Goebel & Katz 2008, "
                  "GoebelKatz2008, ch. 7 / table 7-1)",
    },
    "gridded-ion": {
        "isp_s": 3100.0, "thrust_n": 0.092, "power_w": 2300.0,
        "source": "NSTAR gridded ion thruster (Deep Space 1, Dawn), full power: 2.3 kW, 92 mN, "
                  "3 100 s (Goebel & Katz 2008, GoebelKatz2008, ch. 1 / table 1-1)",
    },
    "cold-gas": {
        "isp_s": 65.0, "thrust_n": 0.1, "power_w": 10.0,
        "source": "nitrogen cold gas, delivered Isp ≈ 60–70 s (theoretical 73 s), thrust "
                  "0.01–1 N, power only for valves (Wertz & Larson 1999, SMAD1999, table 17-4; "
                  "thrust and valve power are order-of-magnitude assumptions)",
    },
    "hydrazine": {
        "isp_s": 220.0, "thrust_n": 1.0, "power_w": 15.0,
        "source": "monopropellant hydrazine 1 N class, Isp 200–230 s (Wertz & Larson 1999, "
                  "SMAD1999, table 17-4); catalyst-bed heater power an order of magnitude",
    },
}

#: End-of-life disposal: what the deorbit Δv buys.
DEORBIT_STRATEGIES = {
    "perigee-50km": "one retro burn lowering the perigee to 50 km: re-entry within the next "
                    "orbit, near the perigee (assumption: the perigee is deep enough that the "
                    "satellite cannot pass it; controlled re-entries target 0–60 km)",
    "25-year": "Hohmann transfer down to the circular altitude whose remaining lifetime is 25 "
               "years under the chosen activity (IADC 2007 guideline; ISO 24113:2023)",
    "5-year": "Hohmann transfer down to the circular altitude whose remaining lifetime is 5 "
              "years (FCC 2022 rule for US-licensed LEO satellites)",
}

_MU_M3_S2 = EARTH_MU_KM3_S2 * 1e9


def _thruster(thruster):
    if isinstance(thruster, dict):
        return thruster
    return lookup(THRUSTERS, "thruster", thruster, what="thruster")


def _check_isp(isp_s):
    return check_range("isp_s", isp_s, 0.0, 20000.0, low_inclusive=False, unit="s")


def drag_makeup_dv_m_s_per_year(altitude_km, drag_parameter_m2_kg, activity="solar-mean", *,
                                band_km=0.0, inclination_deg=None):
    """Δv per year that replaces what drag takes, holding an altitude band [m s-1 year-1].

    Parameters
    ----------
    altitude_km : float or array
        Top of the band (the altitude the satellite is boosted back to) [km], 150 … 1 500.
    drag_parameter_m2_kg : float or array
        C_D A / m [m2 kg-1], in (0, 10].
    activity : str or array of str, default "solar-mean"
        Named activity set(s).
    band_km : float or array, default 0
        Depth of the band [km], ≥ 0 and such that the bottom stays ≥ 150 km; 0 is continuous
        compensation at the altitude.
    inclination_deg : float or array, optional
        Orbit inclination [deg], 0 … 180; None (default) keeps the still, spherical
        atmosphere, a number applies co-rotation and the orbit-mean height above the
        ellipsoid (:func:`orbital.drag.decay_rate_km_day`).

    Returns
    -------
    numpy.ndarray
        Δv per Julian year [m s-1].

    Notes
    -----
    Continuous compensation: :math:`\\Delta v/\\mathrm{yr} = \\tfrac12\\rho v^2 (C_D A/m)\\,T_{yr}`,
    :math:`v = \\sqrt{\\mu/a}`. Over a band :math:`[a_1, a_0]` the drag impulse of one decay is
    :math:`\\int D/m\\,\\mathrm dt = \\int \\tfrac12\\sqrt{\\mu}\\,a^{-3/2}\\,\\mathrm da =
    v(a_1) - v(a_0)` (which is also the two-impulse boost back to :math:`a_0` to first order),
    spent every decay time :math:`t(a_0 \\to a_1)` from the lifetime integral. The Δv does not
    depend on the mass (only on C_D A/m); propellant does.

    Examples
    --------
    >>> round(float(drag_makeup_dv_m_s_per_year(400.0, 0.022, "solar-mean")), 0)
    69.0
    """
    altitude = check_altitude(altitude_km)
    beta = check_drag_parameter(drag_parameter_m2_kg)
    band = check_range("band_km", band_km, 0.0, None, unit="km")
    check_altitude(np.asarray(altitude) - band, "altitude_km - band_km")

    def dv(name, inclination, h, b, depth):
        a_m = (EARTH_EQUATORIAL_RADIUS_KM + h) * 1e3
        speed = np.sqrt(_MU_M3_S2 / a_m)
        rho = effective_density_kg_m3(h, name, inclination)
        continuous = 0.5 * rho * speed**2 * b * SECONDS_PER_YEAR
        table = time_table(name, inclination)
        bottom = h - depth
        decay_s = (np.interp(h, FINE_GRID_KM, table) - np.interp(bottom, FINE_GRID_KM, table)) / b
        impulse = np.sqrt(_MU_M3_S2 / ((EARTH_EQUATORIAL_RADIUS_KM + bottom) * 1e3)) - speed
        with np.errstate(invalid="ignore", divide="ignore"):
            banded = impulse / decay_s * SECONDS_PER_YEAR
        return np.where(depth > 0, banded, continuous)

    return per_case(activity, inclination_deg, dv, altitude, beta, band)


def propellant_mass_kg(dv_m_s, mass_kg, isp_s):
    """Propellant that a Δv costs a satellite of given initial mass (rocket equation) [kg].

    Parameters
    ----------
    dv_m_s : float or array
        Δv [m s-1], ≥ 0.
    mass_kg : float or array
        Mass before the burn(s) [kg], > 0.
    isp_s : float or array
        Specific impulse [s], in (0, 20 000].

    Returns
    -------
    numpy.ndarray
        :math:`m_p = m_0\\,(1 - e^{-\\Delta v / (I_{sp} g_0)})` [kg].

    Examples
    --------
    >>> round(float(propellant_mass_kg(100.0, 1000.0, 1600.0)), 2)
    6.35
    """
    dv = check_range("dv_m_s", dv_m_s, 0.0, None, unit="m s-1")
    mass = check_range("mass_kg", mass_kg, 0.0, None, low_inclusive=False, unit="kg")
    isp = _check_isp(isp_s)
    return mass * -np.expm1(-dv / (isp * STANDARD_GRAVITY_M_S2))


def thruster_power(dv_m_s_per_year, mass_kg, thruster="hall"):
    """Electrical power and duty cycle to deliver a yearly Δv with a named thruster.

    Parameters
    ----------
    dv_m_s_per_year : float or array
        Δv per year [m s-1], ≥ 0.
    mass_kg : float or array
        Satellite mass [kg], > 0.
    thruster : str or dict, default "hall"
        Named thruster (:data:`THRUSTERS`) or a dict with ``isp_s``, ``thrust_n``, ``power_w``.

    Returns
    -------
    dict of numpy.ndarray
        ``mean_thrust_n`` [N] = m Δv / T_yr; ``duty_cycle`` [1] = mean thrust / rated thrust
        (> 1: one thruster cannot keep up); ``firing_power_w`` [W], the rated power drawn while
        firing; ``mean_power_w`` [W], orbit-average draw on the power budget = duty × rated.

    Notes
    -----
    The thruster runs at its catalogue operating point (thrust F, power P); to deliver the
    mean thrust it fires a fraction F̄/F of the time. The jet power F v_e / 2 over P is the
    thruster efficiency implied by the row (≈ 0.48 for SPT-100, 0.61 for NSTAR).

    Examples
    --------
    >>> p = thruster_power(10.0, 1000.0, "hall")
    >>> round(float(p["mean_power_w"]), 1)
    5.3
    """
    dv = check_range("dv_m_s_per_year", dv_m_s_per_year, 0.0, None, unit="m s-1")
    mass = check_range("mass_kg", mass_kg, 0.0, None, low_inclusive=False, unit="kg")
    row = _thruster(thruster)
    _check_isp(row["isp_s"])
    thrust = check_range("thrust_n", row["thrust_n"], 0.0, None, low_inclusive=False, unit="N")
    power = check_range("power_w", row["power_w"], 0.0, None, unit="W")
    mean_thrust = mass * dv / SECONDS_PER_YEAR
    duty = mean_thrust / thrust
    return {"mean_thrust_n": mean_thrust, "duty_cycle": duty,
            "firing_power_w": np.broadcast_to(power, np.shape(duty)) * 1.0,
            "mean_power_w": duty * power}


def _circular_speed(altitude_km):
    return np.sqrt(_MU_M3_S2 / ((EARTH_EQUATORIAL_RADIUS_KM + altitude_km) * 1e3))


def _hohmann_dv(from_km, to_km):
    r1 = (EARTH_EQUATORIAL_RADIUS_KM + from_km) * 1e3
    r2 = (EARTH_EQUATORIAL_RADIUS_KM + to_km) * 1e3
    transfer_a = 0.5 * (r1 + r2)
    v_at_1 = np.sqrt(_MU_M3_S2 * (2 / r1 - 1 / transfer_a))
    v_at_2 = np.sqrt(_MU_M3_S2 * (2 / r2 - 1 / transfer_a))
    return np.abs(_circular_speed(from_km) - v_at_1) + np.abs(v_at_2 - _circular_speed(to_km))


def deorbit_dv_m_s(altitude_km, drag_parameter_m2_kg=None, activity="solar-mean", *,
                   strategy="perigee-50km", inclination_deg=None):
    """Δv to dispose of a satellite from a circular orbit at end of life [m s-1].

    Parameters
    ----------
    altitude_km : float or array
        Circular altitude [km], 150 … 1 500.
    drag_parameter_m2_kg : float or array, optional
        C_D A / m [m2 kg-1]; needed by the residual-lifetime strategies.
    activity : str, default "solar-mean"
        Activity set for the residual-lifetime strategies.
    strategy : {"perigee-50km", "25-year", "5-year"}, default "perigee-50km"
        :data:`DEORBIT_STRATEGIES`.
    inclination_deg : float or array, optional
        Orbit inclination [deg], 0 … 180, for the residual-lifetime strategies; None
        (default) keeps the still, spherical atmosphere, a number applies co-rotation and the
        orbit-mean height above the ellipsoid (:func:`orbital.drag.decay_rate_km_day`).

    Returns
    -------
    numpy.ndarray
        Δv [m s-1]; 0 where the orbit already re-enters within the allowed years.

    Notes
    -----
    Perigee lowering: :math:`\\Delta v = v_c(r)\\,(1 - \\sqrt{2 r_p / (r + r_p)})`,
    :math:`r_p = R + 50` km. Residual lifetime: the disposal altitude :math:`h_d` solves
    :math:`t_{life}(h_d) = N` years for the satellite's C_D A/m, and the Δv is the two-burn
    Hohmann transfer down to it — an upper bound: an ellipse with its perigee at :math:`h_d`
    (one burn, about half the Δv) re-enters later than the circular orbit at :math:`h_d`, so it
    would need a lower perigee, found by propagation (not modelled).

    Examples
    --------
    >>> round(float(deorbit_dv_m_s(550.0)), 0)  # perigee to 50 km
    143.0
    """
    altitude = check_altitude(altitude_km)
    strategy = check_name("strategy", strategy, DEORBIT_STRATEGIES, what="deorbit strategy")
    if strategy == "perigee-50km":
        r = (EARTH_EQUATORIAL_RADIUS_KM + altitude) * 1e3
        rp = (EARTH_EQUATORIAL_RADIUS_KM + 50.0) * 1e3
        return _circular_speed(altitude) * (1 - np.sqrt(2 * rp / (r + rp)))
    if drag_parameter_m2_kg is None:
        raise ValueError(f"drag_parameter_m2_kg: None is not allowed with strategy "
                         f"{strategy!r}; give C_D A/m in (0, 10] m2 kg-1")
    beta = check_drag_parameter(drag_parameter_m2_kg)
    years = float(strategy.split("-")[0])

    def dv(name, inclination, h, b):
        table = time_table(name, inclination)
        target_g = np.interp(REENTRY_ALTITUDE_KM, FINE_GRID_KM, table) + b * years * SECONDS_PER_YEAR
        disposal_km = np.interp(target_g, table, FINE_GRID_KM)
        return np.where(disposal_km < h, _hohmann_dv(h, np.minimum(disposal_km, h)), 0.0)

    return per_case(activity, inclination_deg, dv, altitude, beta)


def _j2_rates(altitude_km, inclination_deg):
    """(n [rad s-1], k = 1.5 n J2 (R/a)² [rad s-1], perigee rate [rad s-1]) for circular orbits."""
    a_km = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    n = np.sqrt(EARTH_MU_KM3_S2 / a_km**3)
    k = 1.5 * n * EARTH_J2 * (EARTH_EQUATORIAL_RADIUS_KM / a_km) ** 2
    cos_i = np.cos(np.radians(inclination_deg))
    return n, k, 0.5 * k * (5 * cos_i**2 - 1)


def cluster_keeping(cluster, drag_parameter_m2_kg, activity="solar-mean", *,
                    reference_drag_parameter_m2_kg=None):
    """Yearly Δv that holds each member of a formation cluster in place [m s-1 year-1].

    Parameters
    ----------
    cluster : orbital.orbits.FormationCluster
        The cluster (reference orbit, members' relative layout).
    drag_parameter_m2_kg : float or array
        C_D A / m of every member [m2 kg-1] (scalar, or one per member), in (0, 10].
    activity : str, default "solar-mean"
        Named activity set.
    reference_drag_parameter_m2_kg : float, optional
        C_D A / m the formation's reference trajectory follows [m2 kg-1] (default: the mean
        over members, so the cluster drifts down together and differences are what members
        correct).

    Returns
    -------
    xarray.Dataset
        Over ``satellite``: ``differential_drag_dv_m_s_per_year``, ``j2_node_dv_m_s_per_year``,
        ``j2_eccentricity_dv_m_s_per_year``, ``formation_dv_m_s_per_year`` (their sum) and
        ``altitude_dv_m_s_per_year`` (drag make-up of the whole cluster's altitude,
        :func:`drag_makeup_dv_m_s_per_year`) and ``total_dv_m_s_per_year``, all [m s-1].

    Notes
    -----
    Differential drag: :math:`\\tfrac12\\rho v^2 |\\beta_k - \\beta_{ref}|\\,T_{yr}` (along-track,
    Δv spent by member k to follow the reference). J2 (D'Amico 2010, DAmico2010 §2.3; Vallado
    2013 §9.6): with :math:`k = \\tfrac32 n J_2 (R/a)^2`, a member's relative inclination
    vector component :math:`\\delta i_x = -\\tfrac{\\sqrt3}{2}(\\rho/a)\\sin\\alpha` (the
    :class:`orbital.orbits.FormationCluster` layout) makes its node drift relative to the
    reference, :math:`\\mathrm d(\\delta i_y)/\\mathrm dt = k \\sin^2 i\\,\\delta i_x`, cancelled by
    cross-track burns, :math:`\\Delta v = v\\,|\\Delta\\delta i|`; and the relative eccentricity
    vector, of length :math:`\\tfrac12\\rho/a`, rotates at the perigee rate
    :math:`\\dot\\omega = \\tfrac{k}{2}(5\\cos^2 i - 1)`, held by along-track burns,
    :math:`\\Delta v = \\tfrac v2|\\Delta\\delta e|`. Along-track J2 drift is removed by design
    (each member's mean motion, see FormationCluster). Components are added as magnitudes:
    an upper bound on the Δv of a combined manoeuvre plan.

    Examples
    --------
    >>> from orbital import orbits
    >>> cl = orbits.FormationCluster(orbits.SunSynchronousOrbit(650.0, ltan_hours=18.0))
    >>> ds = cluster_keeping(cl, 0.02)
    >>> int(ds.sizes["satellite"])
    81
    """
    altitude = float(np.atleast_1d(cluster.altitude_km)[0])
    check_altitude(altitude)
    inclination = float(cluster.inclination_deg)
    rho_km, alpha = cluster.relative_layout
    n_members = len(rho_km)
    beta = np.broadcast_to(check_drag_parameter(drag_parameter_m2_kg), (n_members,)).astype(float)
    reference = (beta.mean() if reference_drag_parameter_m2_kg is None
                 else float(check_drag_parameter(reference_drag_parameter_m2_kg)))
    a_km = EARTH_EQUATORIAL_RADIUS_KM + altitude
    speed = _circular_speed(altitude)
    rho_air = density_kg_m3(altitude, activity)
    differential = 0.5 * rho_air * speed**2 * np.abs(beta - reference) * SECONDS_PER_YEAR
    _, k, perigee_rate = _j2_rates(altitude, inclination)
    sin_i = np.sin(np.radians(inclination))
    delta_ix = np.sqrt(3) / 2 * rho_km / a_km * np.sin(alpha)
    node = speed * k * sin_i**2 * np.abs(delta_ix) * SECONDS_PER_YEAR
    eccentricity = 0.5 * speed * np.abs(perigee_rate) * 0.5 * rho_km / a_km * SECONDS_PER_YEAR
    formation = differential + node + eccentricity
    altitude_dv = drag_makeup_dv_m_s_per_year(altitude, beta, activity)
    units = {"units": "m s-1"}

    def var(values, long_name):
        return ("satellite", np.asarray(values, dtype=float), {**units, "long_name": long_name})

    return xr.Dataset(
        {
            "differential_drag_dv_m_s_per_year": var(differential, "differential drag Δv per year"),
            "j2_node_dv_m_s_per_year": var(node, "J2 differential node drift Δv per year"),
            "j2_eccentricity_dv_m_s_per_year": var(
                eccentricity, "J2 relative eccentricity-vector rotation Δv per year"),
            "formation_dv_m_s_per_year": var(formation, "formation-keeping Δv per year"),
            "altitude_dv_m_s_per_year": var(altitude_dv, "altitude drag make-up Δv per year"),
            "total_dv_m_s_per_year": var(formation + altitude_dv, "total keeping Δv per year"),
            "relative_radius_km": ("satellite", rho_km, {"units": "km", "long_name":
                                                         "radius of the relative orbit"}),
        },
        coords={"satellite": ("satellite", cluster.satellite_names)},
        attrs={"altitude_km": altitude, "inclination_deg": inclination,
               "activity": str(activity)},
    )


def keeping_summary(altitude_km, *, mass_kg, area_m2=None, solar_array_m2=0.0, radiator_m2=0.0,
                    bus_cross_section_m2=0.0, beta_deg=0.0, tracking="two-axis",
                    drag_coefficient="classic", activity="solar-mean", thruster="hall",
                    mission_years=5.0, band_km=0.0, deorbit="perigee-50km",
                    inclination_deg=None):
    """Lifetime, station-keeping Δv, propellant, thrust power and deorbit Δv of one satellite.

    Parameters
    ----------
    altitude_km : float or array
        Operating circular altitude [km], 150 … 1 500.
    mass_kg : float or array
        Initial (wet) mass [kg], > 0.
    area_m2, solar_array_m2, radiator_m2, bus_cross_section_m2, beta_deg, tracking,
    drag_coefficient
        The drag area, as in :func:`orbital.drag.ballistic_coefficient`.
    activity : str, default "solar-mean"
        Named activity set (:data:`orbital.drag.ACTIVITY_LEVELS`), held over the mission.
    thruster : str or dict, default "hall"
        :data:`THRUSTERS` name or a dict with ``isp_s``, ``thrust_n``, ``power_w``.
    mission_years : float, default 5
        Operational years [year], in (0, 50].
    band_km : float, default 0
        Altitude band held [km] (:func:`drag_makeup_dv_m_s_per_year`).
    deorbit : str, default "perigee-50km"
        :data:`DEORBIT_STRATEGIES`.
    inclination_deg : float or array, optional
        Orbit inclination [deg], 0 … 180; None (default) keeps the still, spherical
        atmosphere, a number applies co-rotation and the orbit-mean height above the
        ellipsoid (:func:`orbital.drag.decay_rate_km_day`).

    Returns
    -------
    xarray.Dataset
        ``lifetime_years`` [year] without propulsion; ``dv_m_s_per_year`` [m s-1];
        ``propellant_kg_per_year`` [kg] (first year); ``deorbit_dv_m_s`` [m s-1];
        ``mission_dv_m_s`` [m s-1] (years × yearly + deorbit); ``mission_propellant_kg`` [kg];
        ``propellant_fraction`` [1] of the initial mass; ``thruster_mean_power_w`` and
        ``thruster_firing_power_w`` [W]; ``duty_cycle`` [1]; ``drag_parameter_m2_kg``.

    Notes
    -----
    The Δv is held constant over the mission (activity constant; the area-to-mass ratio taken
    at the initial mass, so the propellant is conservative by the mass burnt, a few per cent).

    Examples
    --------
    >>> s = keeping_summary(550.0, mass_kg=1000.0, area_m2=10.0)
    >>> bool(s.mission_propellant_kg < 50.0)
    True
    """
    altitude = check_altitude(altitude_km)
    years = check_range("mission_years", mission_years, 0.0, 50.0, low_inclusive=False,
                        unit="year")
    design = ballistic_coefficient(mass_kg, area_m2=area_m2, solar_array_m2=solar_array_m2,
                                   radiator_m2=radiator_m2,
                                   bus_cross_section_m2=bus_cross_section_m2, beta_deg=beta_deg,
                                   tracking=tracking, drag_coefficient=drag_coefficient)
    mass = check_range("mass_kg", mass_kg, 0.0, None, low_inclusive=False, unit="kg")
    beta = design.drag_parameter_m2_kg.values
    row = _thruster(thruster)
    lifetime = orbital_lifetime_years(altitude, beta, activity, inclination_deg=inclination_deg)
    dv_year = drag_makeup_dv_m_s_per_year(altitude, beta, activity, band_km=band_km,
                                          inclination_deg=inclination_deg)
    dv_deorbit = deorbit_dv_m_s(altitude, beta, activity, strategy=deorbit,
                                inclination_deg=inclination_deg)
    mission_dv = dv_year * years + dv_deorbit
    propellant_year = propellant_mass_kg(dv_year, mass, row["isp_s"])
    mission_propellant = propellant_mass_kg(mission_dv, mass, row["isp_s"])
    power = thruster_power(dv_year, mass, row)
    dims = () if np.ndim(mission_dv) == 0 else ("case",)

    def var(values, units, long_name):
        return dims, np.broadcast_to(np.asarray(values, dtype=float), np.shape(mission_dv)), {
            "units": units, "long_name": long_name}

    return xr.Dataset(
        {
            "lifetime_years": var(lifetime, "year", "lifetime without propulsion"),
            "dv_m_s_per_year": var(dv_year, "m s-1", "station-keeping Δv per year"),
            "propellant_kg_per_year": var(propellant_year, "kg", "propellant per year"),
            "deorbit_dv_m_s": var(dv_deorbit, "m s-1", f"end-of-life disposal Δv ({deorbit})"),
            "mission_dv_m_s": var(mission_dv, "m s-1", "mission Δv (keeping + disposal)"),
            "mission_propellant_kg": var(mission_propellant, "kg", "mission propellant"),
            "propellant_fraction": var(mission_propellant / mass, "1",
                                       "mission propellant over initial mass"),
            "thruster_mean_power_w": var(power["mean_power_w"], "W",
                                         "orbit-average thruster power"),
            "thruster_firing_power_w": var(power["firing_power_w"], "W",
                                           "thruster power while firing"),
            "duty_cycle": var(power["duty_cycle"], "1", "thruster duty cycle"),
            "drag_parameter_m2_kg": var(beta, "m2 kg-1", "drag parameter C_D A/m"),
        },
        attrs={"activity": str(activity), "thruster": thruster if isinstance(thruster, str)
               else "custom", "mission_years": float(years), "deorbit": deorbit},
    )
