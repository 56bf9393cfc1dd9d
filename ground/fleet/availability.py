"""When a fleet's cars can compute: parked, plugged in, opted in, connected, by local hour.

Diurnal curves are 24 values by local hour (value k is the average over hour [k, k+1)), as named
parameter sets with their source or stated assumption.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from ground._checks import check_fraction, lookup
from ground.fleet.vehicles import unplugged_compute_fraction

__all__ = [
    "CONNECTIVITY",
    "OPT_IN",
    "PARKED_PROFILES",
    "PLUGGED_PROFILES",
    "Availability",
    "diurnal_availability",
]

# NHTS 2017 share of daily vehicle trips by start hour (local), percent (approximate reading of
# FHWA NHTS 2017 summary tables; the shape only — the level comes from the stated average).
_NHTS_2017_TRIP_START_PERCENT = np.array([
    0.6, 0.3, 0.2, 0.2, 0.4, 1.2, 3.2, 6.3, 5.7, 5.0, 5.5, 6.3,
    6.9, 6.6, 7.0, 8.1, 8.3, 8.5, 6.6, 4.8, 3.6, 2.8, 1.9, 1.1,
])


def _parked_from_trip_shape(shape, daily_average):
    """Parked fraction by hour: driving ∝ trip starts, scaled so the mean parked = average."""
    driving = shape / shape.mean() * (1.0 - daily_average)
    return 1.0 - driving


#: Fraction of all vehicles parked, by local hour.
PARKED_PROFILES = {
    "us-weekday-nhts2017": {
        "hourly": _parked_from_trip_shape(_NHTS_2017_TRIP_START_PERCENT, 0.95),
        "daily_average": 0.95,
        "source": "level: cars are parked ~95 % of the time (Shoup 2005, The High Cost of Free "
                  "Parking, ch. 1); shape: driving in proportion to NHTS 2017 trips by start "
                  "hour (FHWA; approximate reading)",
    },
    "flat-95": {
        "hourly": np.full(24, 0.95),
        "daily_average": 0.95,
        "source": "the seed's arithmetic: 95 % parked at every hour (level from Shoup 2005)",
    },
}

_TYPICAL_PLUGGED = np.array([
    0.55, 0.58, 0.60, 0.60, 0.60, 0.58, 0.50, 0.35, 0.22, 0.16, 0.14, 0.13,
    0.13, 0.13, 0.13, 0.14, 0.17, 0.24, 0.32, 0.40, 0.45, 0.50, 0.53, 0.54,
])

#: Fraction of *parked* vehicles that are plugged in, by local hour (overnight home peak).
PLUGGED_PROFILES = {
    "home-charging-low": {
        "hourly": _TYPICAL_PLUGGED * 0.35 / 0.60,
        "daily_average": 0.211,
        "source": "stated assumption: owners plug in only when the battery needs it (every ~3 "
                  "days), so the overnight peak is ~35 %; shape as 'home-charging-typical'",
    },
    "home-charging-typical": {
        "hourly": _TYPICAL_PLUGGED,
        "daily_average": 0.362,
        "source": "stated assumption informed by the INL EV Project (Smart & Schey 2012, SAE "
                  "2012-01-0199: most charging at home, plug-in in the evening, unplug in the "
                  "morning) and ~80 % of charging energy at home (US DOE); many owners plug in "
                  "every few days, so the overnight peak is ~60 %, not 100 %",
    },
    "home-charging-high": {
        "hourly": np.array([
            0.80, 0.83, 0.85, 0.85, 0.85, 0.83, 0.72, 0.50, 0.32, 0.25, 0.22, 0.21,
            0.21, 0.21, 0.21, 0.22, 0.26, 0.35, 0.47, 0.58, 0.65, 0.72, 0.76, 0.78,
        ]),
        "daily_average": 0.527,
        "source": "stated assumption: owners incentivised to plug in every night (85 % "
                  "overnight peak), shape as 'home-charging-typical'",
    },
    "always": {
        "hourly": np.ones(24),
        "daily_average": 1.0,
        "source": "upper bound: every parked car is plugged in",
    },
}

#: Fraction of owners who opt in to lend their computer (stated assumptions; no fleet has
#: published a figure).
OPT_IN = {
    "high": {"fraction": 0.5, "source": "stated assumption: half of owners, strong incentive"},
    "medium": {"fraction": 0.2, "source": "stated assumption: one owner in five"},
    "low": {"fraction": 0.05, "source": "stated assumption: early adopters only"},
    "all": {"fraction": 1.0, "source": "the seed's arithmetic: every vehicle"},
}

#: Fraction of parked vehicles with a usable data link: Wi-Fi when plugged in at home, cellular
#: otherwise (stated assumptions: home Wi-Fi reaches most garages/driveways; cellular fails in
#: underground car parks).
CONNECTIVITY = {
    "home-wifi-poor": {
        "wifi": 0.7, "cellular": 0.6,
        "source": "stated assumption: Wi-Fi misses detached garages and street parking (70 %); "
                  "cellular misses underground and multi-storey car parks (60 %)",
    },
    "home-wifi-typical": {
        "wifi": 0.9, "cellular": 0.8,
        "source": "stated assumption: 90 % of plugged-in (home) cars reach Wi-Fi; 80 % of other "
                  "parked cars have a usable cellular signal",
    },
    "perfect": {"wifi": 1.0, "cellular": 1.0, "source": "upper bound"},
}


def _profile(table, field, value, *, what):
    """Named set → 24 hourly values; or a user array of 24 fractions."""
    if isinstance(value, str):
        return np.asarray(lookup(table, field, value, what=what)["hourly"], dtype=float)
    hourly = check_fraction(field, value)
    if hourly.shape != (24,):
        raise ValueError(f"{field}: {hourly.size} values given; one per local hour (24) is "
                         "required")
    return hourly


def _opt_in(value):
    if isinstance(value, str):
        return float(lookup(OPT_IN, "opted_in", value, what="opt-in set")["fraction"])
    return float(check_fraction("opted_in", value))


def _connectivity(value):
    if isinstance(value, str):
        params = lookup(CONNECTIVITY, "connectivity", value, what="connectivity set")
        return float(params["wifi"]), float(params["cellular"])
    pair = check_fraction("connectivity", value)
    if pair.shape != (2,):
        raise ValueError(f"connectivity: {pair.size} values given; give a name in CONNECTIVITY "
                         "or (Wi-Fi fraction when plugged, cellular fraction otherwise)")
    return float(pair[0]), float(pair[1])


@dataclass(frozen=True)
class Availability:
    """Who can compute, by local hour: the fleet's behaviour assumptions (validated).

    Parameters
    ----------
    parked : str or sequence of 24 floats
        Name in ``PARKED_PROFILES`` or fractions of all vehicles parked per hour.
    plugged : str or sequence of 24 floats
        Name in ``PLUGGED_PROFILES`` or fractions of parked vehicles plugged in per hour.
    opted_in : str or float
        Name in ``OPT_IN`` or the fraction of owners opted in.
    connectivity : str or (float, float)
        Name in ``CONNECTIVITY`` or (Wi-Fi fraction when plugged, cellular fraction otherwise).

    Examples
    --------
    >>> a = Availability(opted_in="high")
    >>> a.opted_in_fraction, a.link_fractions
    (0.5, (0.9, 0.8))
    """

    parked: str | tuple = "us-weekday-nhts2017"
    plugged: str | tuple = "home-charging-typical"
    opted_in: str | float = "medium"
    connectivity: str | tuple = "home-wifi-typical"

    def __post_init__(self):
        # Resolve once: a bad name or fraction fails here, with the field named.
        for name, value in (("parked", self.parked), ("plugged", self.plugged),
                            ("connectivity", self.connectivity)):
            if not isinstance(value, str):
                object.__setattr__(self, name, tuple(float(v) for v in np.ravel(value)))
        if not isinstance(self.opted_in, str):
            object.__setattr__(self, "opted_in", float(check_fraction("opted_in",
                                                                      self.opted_in)))
        self.parked_hourly, self.plugged_hourly, self.opted_in_fraction, self.link_fractions

    @property
    def parked_hourly(self) -> np.ndarray:
        """Fraction of all vehicles parked, by local hour (24)."""
        return _profile(PARKED_PROFILES, "parked", self.parked, what="parked profile")

    @property
    def plugged_hourly(self) -> np.ndarray:
        """Fraction of parked vehicles plugged in, by local hour (24)."""
        return _profile(PLUGGED_PROFILES, "plugged", self.plugged, what="plugged profile")

    @property
    def opted_in_fraction(self) -> float:
        """Fraction of owners opted in."""
        return _opt_in(self.opted_in)

    @property
    def link_fractions(self) -> tuple:
        """(Wi-Fi fraction of plugged cars, cellular fraction of unplugged parked cars)."""
        return _connectivity(self.connectivity)


def diurnal_availability(*, parked="us-weekday-nhts2017", plugged="home-charging-typical",
                         opted_in="medium", connectivity="home-wifi-typical",
                         draw_w=None, battery_kwh=75.0, typical_soc=0.6,
                         soc_floor=0.5, availability=None) -> xr.Dataset:
    """Fractions of a fleet available to compute, by local hour of day.

    Parameters
    ----------
    parked, plugged, opted_in, connectivity
        See :class:`Availability`; ignored when ``availability`` is given.
    draw_w : float, optional
        Battery-side draw while computing [W]; when given, unplugged cars compute only for the
        share of their unplugged parked time their SoC budget allows
        (:func:`unplugged_compute_fraction`). When None, unplugged cars do not compute.
    battery_kwh, typical_soc, soc_floor : float
        See :func:`unplugged_compute_fraction`.
    availability : Availability, optional
        The four behaviour assumptions as one object.

    Returns
    -------
    xarray.Dataset
        Over ``hour`` (0…23): ``parked_fraction``, ``plugged_fraction`` (of all vehicles),
        ``connected_fraction``, ``wifi_fraction``, ``cellular_fraction``, ``available_fraction``
        and its split ``available_wifi_fraction`` / ``available_cellular_fraction`` (all of all
        vehicles), and scalars ``opted_in_fraction``, ``unplugged_compute_fraction``.

    Notes
    -----
    With p parked, q plugged-given-parked, o opted in, w and m the Wi-Fi and cellular link
    fractions and b the unplugged compute fraction:

    .. math:: a(h) = o\\,p(h)\\,[\\,q(h)\\,w + (1 - q(h))\\,m\\,b\\,]

    References
    ----------
    Shoup, D. (2005), *The High Cost of Free Parking*, APA Planners Press (cars parked ~95 % of
    the time). FHWA (2017), National Household Travel Survey (trips by start hour).
    Smart, J. & Schey, S. (2012), Battery Electric Vehicle Driving and Charging Behavior Observed
    Early in The EV Project, SAE Technical Paper 2012-01-0199.

    Examples
    --------
    >>> ds = diurnal_availability()
    >>> round(float(ds.parked_fraction.mean()), 4)
    0.95
    >>> float(ds.available_fraction.max()) <= 1.0
    True
    """
    if availability is None:
        availability = Availability(parked=parked, plugged=plugged, opted_in=opted_in,
                                    connectivity=connectivity)
    parked_h = availability.parked_hourly
    plugged_given_parked = availability.plugged_hourly
    opt = availability.opted_in_fraction
    wifi, cellular = availability.link_fractions
    unplugged_hours = float(np.sum(parked_h * (1.0 - plugged_given_parked)))
    if draw_w is None:
        unplugged_ok = 0.0
    else:
        unplugged_ok = unplugged_compute_fraction(draw_w, unplugged_hours, battery_kwh=battery_kwh,
                                                  typical_soc=typical_soc, soc_floor=soc_floor)
    wifi_h = parked_h * plugged_given_parked * wifi
    cellular_h = parked_h * (1.0 - plugged_given_parked) * cellular
    available_wifi = opt * wifi_h
    available_cellular = opt * cellular_h * unplugged_ok
    available = available_wifi + available_cellular
    dim = "hour"

    def var(values, long_name):
        return (dim, np.asarray(values, dtype=float), {"units": "1", "long_name": long_name})

    def label(value):
        return str(value) if isinstance(value, str) else "user"

    return xr.Dataset(
        {
            "parked_fraction": var(parked_h, "fraction of vehicles parked"),
            "plugged_fraction": var(parked_h * plugged_given_parked,
                                    "fraction of vehicles parked and plugged in"),
            "wifi_fraction": var(wifi_h, "fraction of vehicles parked, plugged, on Wi-Fi"),
            "cellular_fraction": var(cellular_h,
                                     "fraction of vehicles parked, unplugged, with cellular"),
            "connected_fraction": var(wifi_h + cellular_h,
                                      "fraction of vehicles parked with a usable link"),
            "available_fraction": var(available, "fraction of vehicles computing"),
            "available_wifi_fraction": var(available_wifi,
                                           "fraction of vehicles computing over home Wi-Fi"),
            "available_cellular_fraction": var(available_cellular,
                                               "fraction of vehicles computing over cellular"),
            "opted_in_fraction": ((), opt, {"units": "1", "long_name": "owners opted in"}),
            "unplugged_compute_fraction": ((), float(unplugged_ok), {
                "units": "1", "long_name": "share of unplugged parked time within the SoC budget"}),
        },
        coords={"hour": np.arange(24)},
        attrs={"parked": label(availability.parked), "plugged": label(availability.plugged)},
    )
