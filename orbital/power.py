"""Spacecraft electrical power: solar arrays, batteries, the orbit energy balance and sizing.

The chain, per (time, satellite):

    sunlight (orbital.sun)  →  array output  →  power conditioning  →  bus
                                                                        ├→ housekeeping load (kept)
                                                                        ├→ compute load (throttled first)
                                                                        └↔ battery (charge / discharge)

Everything electrical ends as heat inside the spacecraft, which :func:`energy_balance` reports as
``waste_heat_w`` for the thermal model. Curtailed array power is never drawn (the array is moved
off its maximum-power point), so it stays in the array as absorbed sunlight, not in the bus.

References
----------
.. [1] J. R. Wertz and W. J. Larson (eds.), *Space Mission Analysis and Design* (SMAD), 3rd ed.,
   Microcosm, 1999, §11.4 "Power" (array sizing eq. 11-5, degradation, path efficiencies).
.. [2] M. R. Patel, *Spacecraft Power Systems*, CRC Press, 2005, ch. 3–4 and 10.
.. [3] C. Fetzer et al., "Production ready 30 % efficient triple junction space solar cells",
   33rd IEEE PVSC, 2008 (Spectrolab XTJ: 29.8 % BOL at AM0, 28 °C; NPmp 0.89 after 5·10¹⁴ and
   0.84 after 10¹⁵ 1-MeV e/cm²).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import xarray as xr

from orbital import sun
from orbital._checks import check_choice, check_range
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM, EARTH_MU_KM3_S2, SOLAR_CONSTANT_W_M2

__all__ = [
    "BATTERY_CHEMISTRIES",
    "CELL_TECHNOLOGIES",
    "POINTING_MODES",
    "Battery",
    "SolarArray",
    "energy_balance",
    "fluence_remaining_factor",
    "incidence_cosine",
    "power_figures",
    "size_power_system",
]

#: Solar cell technologies: named parameter sets for :meth:`SolarArray.from_technology`.
#: Efficiencies are at beginning of life (BOL), AM0, at ``reference_temperature_k``;
#: ``fluence_points`` are (1-MeV electron fluence [e/cm²], remaining power fraction) pairs.
CELL_TECHNOLOGIES = {
    "triple-junction": {
        "efficiency_bol": 0.298,
        "reference_temperature_k": 301.15,
        # relative dP/dT of GaInP/GaAs/Ge cells, typically -0.19 … -0.25 %/K (vendor data sheets;
        # order of magnitude, refine with a specific cell's sheet)
        "temperature_coefficient_per_k": -0.0022,
        "degradation_per_year": 0.005,
        "fluence_points": ((5e14, 0.89), (1e15, 0.84)),
        # rigid honeycomb panel with cover glass (SMAD 3rd ed. §11.4: 1–3 kg/m² range; assumed)
        "mass_kg_per_m2": 2.0,
        "source": "Fetzer et al. 2008 (XTJ efficiency, fluence retention); SMAD §11.4 (0.5 %/yr "
                  "for multijunction cells in LEO, panel mass)",
    },
    "thin-film": {
        "efficiency_bol": 0.22,
        "reference_temperature_k": 298.15,
        # CIGS modules: about -0.36 %/K relative (typical terrestrial module data sheets)
        "temperature_coefficient_per_k": -0.0036,
        "degradation_per_year": 0.01,
        "fluence_points": None,
        # thin-film blanket; assumed, order of magnitude
        "mass_kg_per_m2": 0.5,
        "source": "Starcloud white paper via REFERENCES.md (22 % thin film); other values typical, "
                  "order-of-magnitude assumptions",
    },
    "silicon": {
        "efficiency_bol": 0.17,
        "reference_temperature_k": 301.15,
        # crystalline silicon: about -0.45 %/K relative (typical)
        "temperature_coefficient_per_k": -0.0045,
        "degradation_per_year": 0.0375,
        "fluence_points": None,
        "mass_kg_per_m2": 2.0,
        "source": "SMAD 3rd ed. Table 11-34 (3.75 %/yr silicon degradation in LEO); efficiency "
                  "and temperature coefficient typical values",
    },
}

#: Battery chemistries: named parameter sets for :meth:`Battery.from_chemistry`.
BATTERY_CHEMISTRIES = {
    "li-ion": {
        # LEO cycling (~5 500 cycles/yr) keeps Li-ion depth of discharge near 20–40 % for a
        # multi-year life (Patel 2005 ch. 10); 30 % is a common design point
        "max_depth_of_discharge": 0.30,
        # coulombic × voltaic efficiency per direction, ~95 % (round trip ~90 %)
        "charge_efficiency": 0.95,
        "discharge_efficiency": 0.95,
        "specific_energy_wh_per_kg": 150.0,
        "source": "Patel 2005 ch. 10 (LEO DoD practice, round-trip efficiency); 150 Wh/kg battery-"
                  "level specific energy (typical space Li-ion, order of magnitude)",
    },
}

#: Array pointing modes; the vector ``pointing_vector_lvlh`` is in the local orbital frame
#: (radial out, along-track, orbit normal r × v).
POINTING_MODES = {
    "sun-tracking": "two-axis tracking: normal incidence whenever sunlit",
    "single-axis": "rotates about pointing_vector_lvlh to face the Sun (e.g. the orbit normal)",
    "body-fixed": "fixed normal pointing_vector_lvlh; cos incidence = max(0, n̂·ŝ)",
}

_HOURS_PER_YEAR = 8766.0  # 365.25 days


def fluence_remaining_factor(fluence_e_cm2, c: float, phi_x_e_cm2: float):
    """Remaining power fraction of a solar cell after 1-MeV-equivalent electron fluence.

    Parameters
    ----------
    fluence_e_cm2 : float or array
        1-MeV-equivalent electron fluence [e/cm²], ≥ 0 (the radiation model's output).
    c : float
        Fitted slope per decade (dimensionless), ≥ 0.
    phi_x_e_cm2 : float
        Fitted onset fluence [e/cm²], > 0.

    Returns
    -------
    float or numpy.ndarray
        P/P₀ = 1 − C · log10(1 + Φ/Φₓ), clipped to [0, 1].

    Notes
    -----
    The semi-empirical form of the JPL solar cell radiation handbooks (Anspaugh 1996,
    *GaAs Solar Cell Radiation Handbook*, JPL 96-9). :meth:`SolarArray.from_technology` fits C
    and Φₓ through the two published retention points of a technology.

    Examples
    --------
    >>> round(float(fluence_remaining_factor(1e15, c=0.2214, phi_x_e_cm2=2.34e14)), 3)
    0.84
    """
    fluence = check_range("fluence_e_cm2", fluence_e_cm2, 0.0, 1e20, unit="e/cm²")
    factor = 1.0 - c * np.log10(1.0 + fluence / phi_x_e_cm2)
    factor = np.clip(factor, 0.0, 1.0)
    return factor if np.ndim(factor) else float(factor)


def _fit_fluence_law(points) -> Callable:
    """C and Φₓ of 1 − C log10(1 + Φ/Φₓ) through two (fluence, remaining) points."""
    from scipy.optimize import brentq

    (phi_1, keep_1), (phi_2, keep_2) = points
    ratio = (1.0 - keep_2) / (1.0 - keep_1)

    def mismatch(log_phi_x):
        phi_x = 10.0**log_phi_x
        return np.log10(1 + phi_2 / phi_x) / np.log10(1 + phi_1 / phi_x) - ratio

    phi_x = 10.0 ** brentq(mismatch, 8.0, 20.0)
    c = (1.0 - keep_1) / np.log10(1 + phi_1 / phi_x)
    return functools.partial(fluence_remaining_factor, c=float(c), phi_x_e_cm2=float(phi_x))


def _unit_vector(field_name: str, vector) -> tuple[float, float, float]:
    values = np.asarray(vector, dtype=float)
    if values.shape != (3,) or not np.isfinite(values).all():
        raise ValueError(f"{field_name}: {vector!r} must be 3 finite numbers (radial, along-track, "
                         "orbit normal)")
    norm = float(np.linalg.norm(values))
    if norm < 1e-12:
        raise ValueError(f"{field_name}: {tuple(values)} has zero length; the allowed range is a "
                         "nonzero vector")
    return tuple(float(v) for v in values / norm)


@dataclass(frozen=True)
class SolarArray:
    """A solar array: area, cells, pointing and ageing (validated at construction).

    Parameters
    ----------
    area_m2 : float
        Array area [m²], > 0.
    efficiency_bol : float, default 0.298
        Cell efficiency at beginning of life, AM0, at ``reference_temperature_k``; in (0, 1).
    packing_factor : float, default 0.90
        Fraction of the area covered by active cells, in (0, 1] (SMAD §11.4: ~0.85–0.9).
    temperature_coefficient_per_k : float, default -0.0022
        Relative efficiency change per kelvin [1/K], in [-0.02, 0.01].
    reference_temperature_k : float, default 301.15
        Temperature at which ``efficiency_bol`` is rated [K] (AM0 standard 28 °C).
    operating_temperature_k : float, default 323.15
        Array temperature in sunlight [K], in (100, 500). A sun-pointing LEO array runs about
        20–60 K above 28 °C; :func:`energy_balance` takes a (time, satellite) override from the
        thermal model.
    pointing : {"sun-tracking", "single-axis", "body-fixed"}, default "sun-tracking"
    pointing_vector_lvlh : 3 floats, default (0, 0, 1)
        Rotation axis ("single-axis") or normal ("body-fixed") in the local orbital frame
        (radial out, along-track, orbit normal r × v); normalized, must be nonzero.
    degradation_per_year : float, default 0.005
        Fractional power loss per year in orbit, in [0, 1).
    fluence_degradation : callable, optional
        Maps 1-MeV-equivalent electron fluence [e/cm²] to the remaining power fraction; used when
        :func:`energy_balance` gets ``fluence_e_cm2`` (the radiation model's output).
    mass_kg_per_m2 : float, default 2.0
        Areal mass of the array for the cost model [kg/m²], ≥ 0.

    Examples
    --------
    >>> array = SolarArray(area_m2=100.0)
    >>> round(array.rated_power_w(), 0)  # at 1 AU, normal incidence, operating temperature
    34730.0
    >>> SolarArray(area_m2=-1.0)
    Traceback (most recent call last):
    ...
    ValueError: area_m2: -1 m² is outside the allowed range (0, inf] m²
    """

    area_m2: float
    efficiency_bol: float = 0.298
    packing_factor: float = 0.90
    temperature_coefficient_per_k: float = -0.0022
    reference_temperature_k: float = 301.15
    operating_temperature_k: float = 323.15
    pointing: str = "sun-tracking"
    pointing_vector_lvlh: tuple = (0.0, 0.0, 1.0)
    degradation_per_year: float = 0.005
    fluence_degradation: Callable | None = field(default=None, compare=False)
    mass_kg_per_m2: float = 2.0

    def __post_init__(self):
        check_range("area_m2", self.area_m2, 0.0, None, low_inclusive=False, unit="m²")
        check_range("efficiency_bol", self.efficiency_bol, 0.0, 1.0, low_inclusive=False,
                    high_inclusive=False)
        check_range("packing_factor", self.packing_factor, 0.0, 1.0, low_inclusive=False)
        check_range("temperature_coefficient_per_k", self.temperature_coefficient_per_k, -0.02,
                    0.01, unit="1/K")
        check_range("reference_temperature_k", self.reference_temperature_k, 100.0, 500.0,
                    unit="K")
        check_range("operating_temperature_k", self.operating_temperature_k, 100.0, 500.0,
                    unit="K")
        check_choice("pointing", self.pointing, tuple(POINTING_MODES))
        object.__setattr__(self, "pointing_vector_lvlh",
                           _unit_vector("pointing_vector_lvlh", self.pointing_vector_lvlh))
        check_range("degradation_per_year", self.degradation_per_year, 0.0, 1.0,
                    high_inclusive=False)
        if self.fluence_degradation is not None and not callable(self.fluence_degradation):
            raise ValueError(f"fluence_degradation: {self.fluence_degradation!r} is not callable; "
                             "pass a function fluence [e/cm²] -> remaining fraction, or None")
        check_range("mass_kg_per_m2", self.mass_kg_per_m2, 0.0, 100.0, unit="kg/m²")

    @classmethod
    def from_technology(cls, technology: str, area_m2: float, **overrides) -> SolarArray:
        """Array of a named cell technology from :data:`CELL_TECHNOLOGIES`.

        Examples
        --------
        >>> SolarArray.from_technology("thin-film", 10.0).efficiency_bol
        0.22
        """
        if technology not in CELL_TECHNOLOGIES:
            raise KeyError(f"technology {technology!r} is not in orbital.power.CELL_TECHNOLOGIES; "
                           f"valid names: {sorted(CELL_TECHNOLOGIES)}")
        row = dict(CELL_TECHNOLOGIES[technology])
        points = row.pop("fluence_points")
        row.pop("source")
        if points is not None:
            row["fluence_degradation"] = _fit_fluence_law(points)
        row.update(overrides)
        return cls(area_m2=area_m2, **row)

    def efficiency(self, temperature_k=None, years_in_orbit=0.0, fluence_e_cm2=None):
        """Cell efficiency at a temperature and age: η = η₀ (1 + γ (T − T₀)) (1 − d)^y · F(Φ).

        Parameters
        ----------
        temperature_k : float or array, optional
            Cell temperature [K] (default ``operating_temperature_k``).
        years_in_orbit : float or array, default 0
            Time since beginning of life [years], ≥ 0.
        fluence_e_cm2 : float or array, optional
            1-MeV-equivalent electron fluence [e/cm²] for ``fluence_degradation``.

        Returns
        -------
        float or numpy.ndarray
            Efficiency, ≥ 0.
        """
        temperature = self.operating_temperature_k if temperature_k is None else temperature_k
        temperature = check_range("temperature_k", temperature, 3.0, 600.0, unit="K")
        years = check_range("years_in_orbit", years_in_orbit, 0.0, 100.0, unit="years")
        factor = (1.0 + self.temperature_coefficient_per_k
                  * (temperature - self.reference_temperature_k))
        factor = factor * (1.0 - self.degradation_per_year) ** years
        if fluence_e_cm2 is not None:
            if self.fluence_degradation is None:
                raise ValueError("fluence_e_cm2: given, but the array has no fluence_degradation; "
                                 "use SolarArray.from_technology('triple-junction', ...) or pass one")
            factor = factor * np.asarray(self.fluence_degradation(
                check_range("fluence_e_cm2", fluence_e_cm2, 0.0, 1e20, unit="e/cm²")))
        return self.efficiency_bol * np.clip(factor, 0.0, None)

    def rated_power_w(self, solar_constant_w_m2: float = SOLAR_CONSTANT_W_M2) -> float:
        """Output at 1 AU, normal incidence, operating temperature, beginning of life [W]."""
        return float(solar_constant_w_m2 * self.area_m2 * self.packing_factor * self.efficiency())

    @property
    def mass_kg(self) -> float:
        """Array mass [kg]."""
        return self.area_m2 * self.mass_kg_per_m2


@dataclass(frozen=True)
class Battery:
    """A battery: usable energy window, efficiencies and mass (validated at construction).

    Parameters
    ----------
    capacity_wh : float
        Nameplate capacity [Wh], ≥ 0 (0: no battery).
    max_depth_of_discharge : float, default 0.30
        Allowed depth of discharge, in (0, 1]; the floor is (1 − DoD)·capacity.
    charge_efficiency : float, default 0.95
        Stored energy per unit of bus energy going in, in (0, 1].
    discharge_efficiency : float, default 0.95
        Bus energy out per unit of stored energy, in (0, 1].
    initial_state_of_charge : float, default 1.0
        State of charge at the first time step, in [1 − DoD, 1].
    max_charge_c_rate : float, optional
        Largest charge power as a multiple of capacity per hour [1/h], > 0; default unlimited.
    specific_energy_wh_per_kg : float, default 150
        For the battery mass [Wh/kg], > 0.

    Examples
    --------
    >>> Battery(capacity_wh=5000.0).usable_wh
    1500.0
    >>> Battery(capacity_wh=5000.0, max_depth_of_discharge=1.5)
    Traceback (most recent call last):
    ...
    ValueError: max_depth_of_discharge: 1.5 is outside the allowed range (0, 1]
    """

    capacity_wh: float
    max_depth_of_discharge: float = 0.30
    charge_efficiency: float = 0.95
    discharge_efficiency: float = 0.95
    initial_state_of_charge: float = 1.0
    max_charge_c_rate: float | None = None
    specific_energy_wh_per_kg: float = 150.0

    def __post_init__(self):
        check_range("capacity_wh", self.capacity_wh, 0.0, None, unit="Wh")
        check_range("max_depth_of_discharge", self.max_depth_of_discharge, 0.0, 1.0,
                    low_inclusive=False)
        check_range("charge_efficiency", self.charge_efficiency, 0.0, 1.0, low_inclusive=False)
        check_range("discharge_efficiency", self.discharge_efficiency, 0.0, 1.0,
                    low_inclusive=False)
        check_range("initial_state_of_charge", self.initial_state_of_charge,
                    1.0 - self.max_depth_of_discharge, 1.0)
        if self.max_charge_c_rate is not None:
            check_range("max_charge_c_rate", self.max_charge_c_rate, 0.0, None,
                        low_inclusive=False, unit="1/h")
        check_range("specific_energy_wh_per_kg", self.specific_energy_wh_per_kg, 0.0, None,
                    low_inclusive=False, unit="Wh/kg")

    @classmethod
    def from_chemistry(cls, chemistry: str, capacity_wh: float, **overrides) -> Battery:
        """Battery of a named chemistry from :data:`BATTERY_CHEMISTRIES`."""
        if chemistry not in BATTERY_CHEMISTRIES:
            raise KeyError(f"chemistry {chemistry!r} is not in orbital.power.BATTERY_CHEMISTRIES; "
                           f"valid names: {sorted(BATTERY_CHEMISTRIES)}")
        row = {k: v for k, v in BATTERY_CHEMISTRIES[chemistry].items() if k != "source"}
        row.update(overrides)
        return cls(capacity_wh=capacity_wh, **row)

    @property
    def usable_wh(self) -> float:
        """Energy between full charge and the depth-of-discharge floor [Wh]."""
        return self.capacity_wh * self.max_depth_of_discharge

    @property
    def mass_kg(self) -> float:
        """Battery mass [kg]."""
        return self.capacity_wh / self.specific_energy_wh_per_kg


# --------------------------------------------------------------------------- geometry


def incidence_cosine(states, array: SolarArray) -> xr.DataArray:
    """Cosine of the Sun's incidence on the array for its pointing mode (shadow ignored).

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` (GCRS positions and velocities).
    array : SolarArray

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``), 0 … 1.

    Notes
    -----
    Local orbital frame: x̂ = r̂, ẑ = (r × v)/|r × v|, ŷ = ẑ × x̂. With ŝ the satellite→Sun unit
    vector and â the array's vector in that frame: sun-tracking 1; single-axis √(1 − (ŝ·â)²);
    body-fixed max(0, ŝ·â).
    """
    name, long_name = "incidence_cosine", f"cosine of Sun incidence on the array ({array.pointing})"
    coords = {"time": states["time"].values, "satellite": states["satellite"].values}
    if array.pointing == "sun-tracking":
        shape = (states.sizes["time"], states.sizes["satellite"])
        return xr.DataArray(np.ones(shape), dims=("time", "satellite"), coords=coords, name=name,
                            attrs={"units": "1", "long_name": long_name})
    position = states["position_gcrs_km"].transpose("time", "satellite", "xyz").values
    velocity = states["velocity_gcrs_km_s"].transpose("time", "satellite", "xyz").values
    radial = position / np.linalg.norm(position, axis=-1, keepdims=True)
    normal = np.cross(position, velocity)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    along = np.cross(normal, radial)
    a_r, a_t, a_n = array.pointing_vector_lvlh
    axis = a_r * radial + a_t * along + a_n * normal
    cosine = np.einsum("tsi,tsi->ts", sun.sun_direction_gcrs(states).values, axis)
    if array.pointing == "single-axis":
        cosine = np.sqrt(np.clip(1.0 - cosine * cosine, 0.0, 1.0))
    else:
        cosine = np.clip(cosine, 0.0, 1.0)
    return xr.DataArray(cosine, dims=("time", "satellite"), coords=coords, name=name,
                        attrs={"units": "1", "long_name": long_name})


# --------------------------------------------------------------------------- energy balance


def _per_satellite(field_name, value, n_time, n_satellite, unit):
    """Broadcast a scalar, (satellite,) or (time, satellite) load to (time, satellite)."""
    if isinstance(value, xr.DataArray):
        dims = [d for d in ("time", "satellite") if d in value.dims]
        value = value.transpose(*dims).values if dims else value.values
        if dims == ["satellite"]:
            value = value[None, :]
        elif dims == ["time"]:
            value = value[:, None]
    array = check_range(field_name, value, 0.0, None, unit=unit)
    try:
        return np.broadcast_to(array, (n_time, n_satellite))
    except ValueError:
        raise ValueError(f"{field_name}: shape {np.shape(array)} does not broadcast to (time, "
                         f"satellite) = ({n_time}, {n_satellite})") from None


def energy_balance(states, array: SolarArray, battery: Battery, load_w, housekeeping_w=0.0, *,
                   power_conditioning_efficiency: float = 0.95, shadow=None,
                   array_temperature_k=None, years_in_orbit: float = 0.0, fluence_e_cm2=None,
                   grazing_height_km: float = 0.0,
                   solar_constant_w_m2: float = SOLAR_CONSTANT_W_M2) -> xr.Dataset:
    """Time-stepped power balance of each satellite: generation, load shedding and battery.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate`.
    array : SolarArray
    battery : Battery
    load_w : float, array (satellite,) or DataArray (time, satellite)
        Compute load demanded [W], ≥ 0. This is the part that is throttled first.
    housekeeping_w : float, array (satellite,) or DataArray (time, satellite), default 0
        Bus housekeeping load kept whenever energy allows [W], ≥ 0.
    power_conditioning_efficiency : float, default 0.95
        Array-to-bus conversion efficiency (MPPT regulator and distribution), in (0, 1]
        (SMAD §11.4: peak-power trackers ~0.8–0.95 including distribution).
    shadow : DataArray (time, satellite), optional
        Visible solar fraction from :func:`orbital.sun.shadow_fraction` (computed if omitted).
    array_temperature_k : float or DataArray (time, satellite), optional
        Array temperature [K] from the thermal model (default ``array.operating_temperature_k``).
    years_in_orbit : float, default 0
        Array age [years] for ``array.degradation_per_year``.
    fluence_e_cm2 : float or array (satellite,), optional
        1-MeV-equivalent electron fluence [e/cm²] for ``array.fluence_degradation``.
    grazing_height_km : float, default 0
        Passed to :func:`orbital.sun.shadow_fraction` when ``shadow`` is omitted.
    solar_constant_w_m2 : float, default 1360.8
        TSI at 1 AU [W/m²].

    Returns
    -------
    xarray.Dataset
        On (``time``, ``satellite``): ``generated_power_w`` (array output available),
        ``curtailed_power_w`` (available but not drawn), ``conversion_loss_w``,
        ``load_served_w`` (housekeeping + compute served), ``compute_served_w``,
        ``compute_duty_cycle``, ``housekeeping_shortfall_w``, ``battery_charge_w`` and
        ``battery_discharge_w`` (bus side), ``battery_loss_w``, ``battery_energy_wh`` and
        ``state_of_charge`` (at the start of each step), ``waste_heat_w``,
        ``visible_solar_fraction``, ``incidence_cosine``. On (``satellite``):
        ``battery_energy_end_wh``, ``discharge_cycles``, ``equivalent_full_cycles``,
        ``max_depth_of_discharge_reached``.

    Notes
    -----
    Available array power P = S(t) · ν · cos θ · A · p · η(T, age), with S the 1/r² flux, ν the
    visible solar fraction, θ the incidence, p the packing factor. Powers are held over each step
    [tₖ, tₖ₊₁) (the last step repeats the previous duration). Bus balance per step:

        P·η_pc − P_curt,bus + P_dis = L_hk + L_cmp + P_chg,     E ← E + (η_c P_chg − P_dis/η_d)·Δt

    with the stored energy E kept within [(1 − DoD)·C, C]. When the bus falls short the compute
    load is throttled first and housekeeping last (``housekeeping_shortfall_w`` > 0 only when
    even that cannot be met). Energy conservation, exact to rounding:
    ``generated = curtailed + conversion_loss + load_served + battery_charge − battery_discharge``.
    Waste heat = load served + conversion loss + battery loss ((1 − η_c) P_chg + (1/η_d − 1) P_dis):
    all electrical power ends as heat in the spacecraft.

    The state-of-charge recurrence is one loop over time, vectorized over satellites.

    References
    ----------
    .. [1] SMAD 3rd ed. §11.4; Patel 2005 ch. 4 and 10.

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import propagate, walker_delta
    >>> shell = walker_delta(550.0, 53.0, planes=2, sats_per_plane=1, phasing=0)
    >>> times = shell.epoch + np.arange(200) * np.timedelta64(60, "s")
    >>> balance = energy_balance(propagate(shell, times), SolarArray(60.0), Battery(20_000.0),
    ...                          load_w=8_000.0, housekeeping_w=500.0)
    >>> balance.compute_duty_cycle.mean("time").values.round(2)
    array([1., 1.])
    """
    efficiency_pc = float(check_range("power_conditioning_efficiency",
                                      power_conditioning_efficiency, 0.0, 1.0,
                                      low_inclusive=False))
    n_time, n_sat = states.sizes["time"], states.sizes["satellite"]
    times = states["time"].values
    compute_demand = _per_satellite("load_w", load_w, n_time, n_sat, "W")
    housekeeping = _per_satellite("housekeeping_w", housekeeping_w, n_time, n_sat, "W")

    if shadow is None:
        shadow = sun.shadow_fraction(states, grazing_height_km=grazing_height_km)
    visible = np.asarray(shadow.transpose("time", "satellite").values if isinstance(
        shadow, xr.DataArray) else shadow, dtype=float)
    if visible.shape != (n_time, n_sat):
        raise ValueError(f"shadow: shape {visible.shape} is not (time, satellite) = "
                         f"({n_time}, {n_sat})")
    flux = sun.solar_flux_w_m2(states, solar_constant_w_m2).values
    cosine = incidence_cosine(states, array)
    temperature = array_temperature_k
    if isinstance(temperature, xr.DataArray):
        temperature = temperature.transpose(*[d for d in ("time", "satellite")
                                              if d in temperature.dims]).values
    fluence = None if fluence_e_cm2 is None else np.asarray(fluence_e_cm2, dtype=float)
    efficiency = array.efficiency(temperature, years_in_orbit, fluence)
    generated = flux * visible * cosine.values * (array.area_m2 * array.packing_factor) * efficiency
    generated = np.broadcast_to(generated, (n_time, n_sat))

    # step durations [h]: each power holds over [t_k, t_k+1); the last step repeats the previous
    seconds = np.diff(times).astype("timedelta64[ns]").astype(np.int64) * 1e-9
    if n_time > 1 and np.any(seconds <= 0):
        raise ValueError("states: times must be strictly increasing")
    step_h = np.append(seconds, seconds[-1] if seconds.size else 60.0) / 3600.0

    capacity = battery.capacity_wh
    floor = capacity * (1.0 - battery.max_depth_of_discharge)
    eta_c, eta_d = battery.charge_efficiency, battery.discharge_efficiency
    charge_limit_w = np.inf if battery.max_charge_c_rate is None else (
        battery.max_charge_c_rate * capacity)

    bus = generated * efficiency_pc
    surplus = bus - housekeeping - compute_demand          # (time, satellite), vectorized
    energy = np.empty((n_time, n_sat))
    charge = np.zeros((n_time, n_sat))
    discharge = np.zeros((n_time, n_sat))
    stored = np.full(n_sat, capacity * battery.initial_state_of_charge)
    for k in range(n_time):                                  # the recurrence in time
        energy[k] = stored
        dt = step_h[k]
        room_w = np.maximum(capacity - stored, 0.0) / (eta_c * dt)
        available_w = np.maximum(stored - floor, 0.0) * eta_d / dt
        excess = surplus[k]
        charge[k] = np.clip(excess, 0.0, np.minimum(room_w, charge_limit_w))
        discharge[k] = np.clip(-excess, 0.0, available_w)
        stored = stored + (eta_c * charge[k] - discharge[k] / eta_d) * dt

    shortfall = np.maximum(-surplus - discharge, 0.0)        # bus power still missing
    compute_served = compute_demand - np.minimum(compute_demand, shortfall)
    housekeeping_short = np.maximum(shortfall - compute_demand, 0.0)
    load_served = housekeeping - housekeeping_short + compute_served
    curtailed_bus = np.maximum(surplus, 0.0) - charge
    curtailed = curtailed_bus / efficiency_pc
    conversion_loss = (generated - curtailed) * (1.0 - efficiency_pc)
    battery_loss = (1.0 - eta_c) * charge + (1.0 / eta_d - 1.0) * discharge
    with np.errstate(invalid="ignore", divide="ignore"):
        duty = np.where(compute_demand > 0, compute_served / compute_demand, 1.0)

    discharging = discharge > 0
    starts = discharging & ~np.vstack([np.zeros((1, n_sat), bool), discharging[:-1]])
    drawn_wh = ((discharge / eta_d) * step_h[:, None]).sum(axis=0)
    lowest = np.minimum(energy.min(axis=0), stored)

    dims = ("time", "satellite")

    def var(values, units, long_name, dims=dims):
        return (dims, np.asarray(values, dtype=float), {"units": units, "long_name": long_name})

    coords = {"time": times, "satellite": states["satellite"].values}
    for name in ("satellite_name", "plane"):
        if name in states.coords and states[name].dims == ("satellite",):
            coords[name] = ("satellite", states[name].values)
    return xr.Dataset(
        {
            "generated_power_w": var(generated, "W", "solar array output available"),
            "curtailed_power_w": var(curtailed, "W", "array power available but not drawn"),
            "conversion_loss_w": var(conversion_loss, "W", "power conditioning loss"),
            "load_served_w": var(load_served, "W", "load served (housekeeping + compute)"),
            "compute_served_w": var(compute_served, "W", "compute load served"),
            "compute_duty_cycle": var(duty, "1", "compute served / compute demanded"),
            "housekeeping_shortfall_w": var(housekeeping_short, "W",
                                            "housekeeping load not served"),
            "battery_charge_w": var(charge, "W", "bus power into the battery"),
            "battery_discharge_w": var(discharge, "W", "bus power from the battery"),
            "battery_loss_w": var(battery_loss, "W", "battery charge and discharge losses"),
            "battery_energy_wh": var(energy, "Wh", "stored energy at the start of the step"),
            "state_of_charge": var(energy / capacity if capacity > 0 else np.ones_like(energy),
                                   "1", "battery state of charge at the start of the step"),
            "waste_heat_w": var(load_served + conversion_loss + battery_loss, "W",
                                "electrical power dissipated as heat in the spacecraft"),
            "visible_solar_fraction": var(np.broadcast_to(visible, (n_time, n_sat)), "1",
                                          "visible fraction of the solar disk"),
            "incidence_cosine": var(cosine.values, "1", cosine.attrs["long_name"]),
            "battery_energy_end_wh": var(stored, "Wh", "stored energy after the last step",
                                         ("satellite",)),
            "discharge_cycles": var(starts.sum(axis=0), "1", "number of discharge periods",
                                    ("satellite",)),
            "equivalent_full_cycles": var(drawn_wh / capacity if capacity > 0 else
                                          np.zeros(n_sat), "1",
                                          "stored energy drawn / capacity", ("satellite",)),
            "max_depth_of_discharge_reached": var(
                (capacity - lowest) / capacity if capacity > 0 else np.zeros(n_sat), "1",
                "deepest discharge reached (fraction of capacity)", ("satellite",)),
        },
        coords=coords,
        attrs={"step_hours_last": float(step_h[-1]),
               "power_conditioning_efficiency": efficiency_pc,
               "load_shedding": "compute throttled first, housekeeping kept"},
    )


def power_figures(balance: xr.Dataset, array: SolarArray) -> xr.Dataset:
    """Orbit-averaged figures of an energy balance, per satellite: the venue model's inputs.

    Parameters
    ----------
    balance : xarray.Dataset
        Output of :func:`energy_balance` over a whole number of orbits (or a long span).
    array : SolarArray
        The array used for the balance.

    Returns
    -------
    xarray.Dataset
        On (``satellite``): ``capacity_factor`` (mean output / :meth:`SolarArray.rated_power_w`),
        ``mean_power_w_per_m2`` (per m² of array), ``energy_kwh_per_day``,
        ``energy_kwh_m2_year``, ``sunlit_fraction``, ``compute_duty_cycle_mean``,
        ``served_energy_kwh_per_day``.

    Notes
    -----
    Time averages weight each sample equally (uniform steps). The capacity factor counts
    eclipse, pointing, Sun distance and age against the array's rating at 1 AU, normal
    incidence and operating temperature; it is ~1 for a sun-tracking array in a dawn–dusk orbit
    (Starcloud: > 95 %) and ~0.6 in an eclipsing 53° shell.

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import propagate, sun_synchronous
    >>> orbit = sun_synchronous(650.0, ltan_hours=18.0, epoch=np.datetime64("2026-03-01"))
    >>> states = propagate(orbit, orbit.epoch + np.arange(98) * np.timedelta64(60, "s"))
    >>> array = SolarArray(50.0)
    >>> figures = power_figures(energy_balance(states, array, Battery(1e4), 5e3), array)
    >>> figures.capacity_factor.values.round(2)  # no eclipse in March, Sun 1 % nearer than 1 AU
    array([1.02])
    """
    rated = array.rated_power_w()
    mean_generated = balance["generated_power_w"].mean("time")
    mean_served = balance["load_served_w"].mean("time")

    def var(values, units, long_name):
        return ("satellite", np.asarray(values, dtype=float),
                {"units": units, "long_name": long_name})

    return xr.Dataset(
        {
            "capacity_factor": var(mean_generated / rated, "1",
                                   "mean array output / rated output (1 AU, normal incidence)"),
            "mean_power_w_per_m2": var(mean_generated / array.area_m2, "W m-2",
                                       "mean array output per m² of array"),
            "energy_kwh_per_day": var(mean_generated * 24.0 / 1000.0, "kWh/day",
                                      "array energy per day"),
            "energy_kwh_m2_year": var(mean_generated * _HOURS_PER_YEAR / 1000.0
                                              / array.area_m2, "kWh m-2 yr-1",
                                              "array energy per m² per year (span extrapolated)"),
            "sunlit_fraction": var(balance["visible_solar_fraction"].mean("time"), "1",
                                   "mean visible fraction of the solar disk"),
            "compute_duty_cycle_mean": var(balance["compute_duty_cycle"].mean("time"), "1",
                                           "mean compute duty cycle"),
            "served_energy_kwh_per_day": var(mean_served * 24.0 / 1000.0, "kWh/day",
                                             "load energy served per day"),
        },
        coords={"satellite": balance["satellite"].values},
    )


# --------------------------------------------------------------------------- sizing


def _sunlit_incidence_mean(array: SolarArray, beta_deg: np.ndarray, eclipse: np.ndarray,
                           samples: int = 360) -> np.ndarray:
    """Mean cos incidence over the sunlit arc of a circular orbit at each beta."""
    beta = np.radians(beta_deg)[..., None]
    # orbit phase u from the subsolar point; the eclipse is centred on u = π
    u = (np.arange(samples) + 0.5) * 2 * np.pi / samples
    sun_lvlh = np.stack(np.broadcast_arrays(np.cos(beta) * np.cos(u), -np.cos(beta) * np.sin(u),
                                            np.sin(beta)), axis=-1)
    if array.pointing == "sun-tracking":
        cosine = np.ones(sun_lvlh.shape[:-1])
    else:
        projection = sun_lvlh @ np.asarray(array.pointing_vector_lvlh)
        cosine = (np.sqrt(np.clip(1 - projection**2, 0, 1)) if array.pointing == "single-axis"
                  else np.clip(projection, 0, 1))
    sunlit = np.abs(u - np.pi) >= np.pi * eclipse[..., None]
    return (cosine * sunlit).sum(-1) / np.maximum(sunlit.sum(-1), 1)


def size_power_system(orbit, compute_load_w: float, housekeeping_w: float = 0.0, *,
                      array: SolarArray | None = None, battery: Battery | None = None,
                      mission_years: float = 5.0, array_margin: float = 0.10,
                      battery_margin: float = 0.10, power_conditioning_efficiency: float = 0.95,
                      solar_constant_w_m2: float = SOLAR_CONSTANT_W_M2) -> xr.Dataset:
    """Array area and battery capacity that carry the full load through a year's worst eclipse.

    Parameters
    ----------
    orbit : orbit object from :mod:`orbital.orbits`
        With ``altitude_km``, ``inclination_deg``, ``raan_deg``, ``epoch`` (all planes counted).
    compute_load_w : float
        Compute load to carry continuously [W], ≥ 0.
    housekeeping_w : float, default 0
        Bus housekeeping load [W], ≥ 0.
    array : SolarArray, optional
        Template for cells, pointing and temperature (its area is ignored); default triple-junction
        sun-tracking.
    battery : Battery, optional
        Template for DoD and efficiencies (its capacity is ignored); default Li-ion.
    mission_years : float, default 5
        End of life for the array degradation [years], in [0, 30].
    array_margin, battery_margin : float, default 0.10
        Design margins on array area and battery capacity, in [0, 2].
    power_conditioning_efficiency : float, default 0.95
        Array-to-bus efficiency, in (0, 1].

    Returns
    -------
    xarray.Dataset
        Scalars: ``array_area_m2``, ``battery_capacity_wh``, ``array_mass_kg``,
        ``battery_mass_kg``, ``worst_beta_deg``, ``worst_eclipse_min``, ``orbit_period_min``,
        ``array_power_eol_w``.

    Notes
    -----
    For each day of a year the beta angle of every plane (J2 RAAN precession) gives the eclipse
    time Tₑ (cylindrical shadow) and the sunlit time T_d of an orbit of period T. The battery
    delivers Eₑ = P·Tₑ/η_d of stored energy and is recharged in sunlight through η_c, so the array
    must produce (SMAD eq. 11-5 with explicit efficiencies)

        P_sa = (P·T_d + P·Tₑ/(η_c η_d)) / (T_d · η_pc)

    at the aphelion flux S_min = S₀/1.0167², the end-of-life efficiency and the mean sunlit
    incidence of the pointing mode. The area is the worst day's; the capacity is Eₑ/DoD at the
    worst eclipse. Margins multiply both.

    Examples
    --------
    >>> from orbital.orbits import sun_synchronous
    >>> sizing = size_power_system(sun_synchronous(650.0, ltan_hours=18.0), 10_000.0, 500.0)
    >>> round(float(sizing.worst_eclipse_min), 1), round(float(sizing.array_area_m2), 1)
    (19.7, 47.5)
    """
    template = array if array is not None else SolarArray.from_technology("triple-junction", 1.0)
    cells = battery if battery is not None else Battery.from_chemistry("li-ion", 1.0)
    load = float(check_range("compute_load_w", compute_load_w, 0.0, None, unit="W")) + float(
        check_range("housekeeping_w", housekeeping_w, 0.0, None, unit="W"))
    years = float(check_range("mission_years", mission_years, 0.0, 30.0, unit="years"))
    margin_a = float(check_range("array_margin", array_margin, 0.0, 2.0))
    margin_b = float(check_range("battery_margin", battery_margin, 0.0, 2.0))
    eta_pc = float(check_range("power_conditioning_efficiency", power_conditioning_efficiency,
                               0.0, 1.0, low_inclusive=False))
    reference = getattr(orbit, "reference", orbit)  # a formation cluster flies its reference orbit
    for attribute in ("altitude_km", "inclination_deg", "raan_deg", "epoch"):
        if not hasattr(reference, attribute):
            raise ValueError(f"orbit: {type(orbit).__name__} has no {attribute!r}; pass a Walker "
                             "shell, a sun-synchronous orbit or a formation cluster")
    altitude = float(np.max(reference.altitude_km))
    signed_beta = sun.beta_angle_over_year(reference).values           # (day, satellite)
    beta = np.abs(signed_beta)
    eclipse = sun.eclipse_fraction(altitude, beta)
    period_h = 2 * np.pi * np.sqrt((EARTH_EQUATORIAL_RADIUS_KM + altitude) ** 3
                                   / EARTH_MU_KM3_S2) / 3600.0
    eclipse_h, sunlit_h = eclipse * period_h, (1.0 - eclipse) * period_h
    eta_c, eta_d = cells.charge_efficiency, cells.discharge_efficiency
    array_power_w = load * (sunlit_h + eclipse_h / (eta_c * eta_d)) / (sunlit_h * eta_pc)
    aphelion_flux = solar_constant_w_m2 / 1.0167**2
    incidence = _sunlit_incidence_mean(template, signed_beta, eclipse)
    if np.any(incidence <= 0):
        raise ValueError("array: its pointing never sees the Sun on some days of the year; choose "
                         "another pointing_vector_lvlh")
    eol_w_per_m2 = (aphelion_flux * template.packing_factor
                    * template.efficiency(years_in_orbit=years))
    area = np.max(array_power_w / (eol_w_per_m2 * incidence)) * (1.0 + margin_a)
    # the longest eclipse; in an eclipse-free orbit, the day and plane closest to one (lowest |β|)
    worst = np.unravel_index(np.argmax(eclipse_h) if eclipse_h.max() > 0 else np.argmin(beta),
                             eclipse_h.shape)
    stored_wh = load * eclipse_h[worst] / eta_d
    capacity = stored_wh / cells.max_depth_of_discharge * (1.0 + margin_b)

    def scalar(value, units, long_name):
        return ((), float(value), {"units": units, "long_name": long_name})

    return xr.Dataset({
        "array_area_m2": scalar(area, "m2", "solar array area"),
        "battery_capacity_wh": scalar(capacity, "Wh", "battery nameplate capacity"),
        "array_mass_kg": scalar(area * template.mass_kg_per_m2, "kg", "solar array mass"),
        "battery_mass_kg": scalar(capacity / cells.specific_energy_wh_per_kg, "kg",
                                  "battery mass"),
        "worst_beta_deg": scalar(signed_beta[worst], "deg",
                                 "beta angle of the longest eclipse (or lowest |beta|)"),
        "worst_eclipse_min": scalar(eclipse_h[worst] * 60.0, "min", "longest eclipse per orbit"),
        "orbit_period_min": scalar(period_h * 60.0, "min", "orbital period"),
        "array_power_eol_w": scalar(area * eol_w_per_m2, "W",
                                    "array output at end of life, aphelion, normal incidence"),
    }, attrs={"mission_years": years, "array_margin": margin_a, "battery_margin": margin_b})
