"""Solar arrays and batteries: named parameter sets and validated frozen dataclasses."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from orbital._checks import check_choice, check_range
from orbital.constants import SOLAR_CONSTANT_W_M2

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
        "source": "Starcloud white paper [Starcloud2024] (22 % thin film); other values typical, "
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
    ValueError: area_m2: -1 m² is outside the allowed range (0, inf) m²
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
        check_range("area_m2", self.area_m2, 0.0, np.inf, low_inclusive=False,
                    high_inclusive=False, unit="m²")
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
        check_choice("technology", technology, tuple(CELL_TECHNOLOGIES),
                     where="orbital.power.CELL_TECHNOLOGIES")
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
        check_range("capacity_wh", self.capacity_wh, 0.0, np.inf, high_inclusive=False, unit="Wh")
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
        check_choice("chemistry", chemistry, tuple(BATTERY_CHEMISTRIES),
                     where="orbital.power.BATTERY_CHEMISTRIES")
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

