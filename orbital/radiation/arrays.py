"""Solar arrays under radiation and sunlight: 1-MeV-equivalent fluence, remaining power, temperature.

Radiation damages a solar cell by displacing lattice atoms (non-ionizing energy loss, NIEL);
the loss of maximum power depends, to first order, only on the displacement damage, whatever
particle made it (Summers et al. 1993; Messenger et al. 2001). The JPL method expresses the
orbit's damage as the fluence of normally incident 1-MeV electrons that would do the same
("1-MeV-equivalent electron fluence", Tada et al. 1982; Anspaugh 1996):

.. math::

    \\Phi_{eq} = \\tfrac12 \\int_0^1 d\\mu \\Big[\\int j_e(E)\\, D_e(E'_e)\\, dE
                 + R_{pe} \\int j_p(E)\\, D_p(E'_p)\\, dE\\Big],

with j the omnidirectional differential flux, E' the energy left after the cover glass along the
slant path t/μ (CSDA, cover glass taken as aluminium of the same areal density), the factor ½
for the front hemisphere (the back is shielded by the panel), D_e, D_p the damage per particle
relative to a 1-MeV electron and a 10-MeV proton, and R_pe the number of 1-MeV electrons one
10-MeV proton is worth for the technology. The damage curves follow NIEL:

- electrons, :math:`D_e(E) = [(E - E_{th})/(1\\,\\mathrm{MeV} - E_{th})]^{n/2}`: NIEL rises from
  the displacement threshold E_th ≈ 0.2 MeV roughly as the square root of the excess energy
  (Summers et al. 1993, Fig. 4 for Si and GaAs, read approximately), and the cell's damage goes
  as NIEL^n with n = 1 for GaAs-based cells and n ≈ 2 for p-type Si (Messenger et al. 2001);
- protons, :math:`D_p(E) = \\tfrac23 (10\\,\\mathrm{MeV}/E) + \\tfrac13`: Coulomb NIEL ∝ 1/E
  plus the flat nuclear-elastic part that takes over above ~50 MeV (a two-term fit through the
  Si proton NIEL of Summers et al. 1993 at 1, 10 and 100 MeV, ratio ≈ 7 : 1 : 0.4; approximate);
  a proton that stops within the cell's active depth counts for the fraction of it it crosses.

These are approximations of the tabulated damage coefficients (good to a factor ~1.5); what is
validated is the chain's outcome against published LEO degradation (tests).

The remaining power fraction then follows the cell's 1-MeV electron characteristic curve,
P/P₀ = 1 − C log10(1 + Φ/Φ_x) (:func:`orbital.power.fluence_remaining_factor`).

Array temperature: a thin, sun-pointed panel is in radiative equilibrium within minutes, so
its temperature is the steady state of absorbed sunlight, albedo and Earth IR (from
:func:`orbital.thermal.orbit_incident_flux`) minus the electrical power it exports, radiated
from both faces (:func:`orbital.thermal.equilibrium_temperature`).
"""

from __future__ import annotations

import functools

import numpy as np
import xarray as xr

from orbital import thermal
from orbital._checks import check_choice, check_range
from orbital.power import CELL_TECHNOLOGIES, fluence_remaining_factor
from orbital.radiation.stopping import loglog_interp, particle_tables
from orbital.radiation.transport import energy_bins

__all__ = [
    "CELL_RADIATION",
    "ARRAY_OPTICS",
    "equivalent_electron_fluence",
    "array_remaining_factor",
    "cell_fluence_law",
    "array_temperature_k",
]

#: Radiation response of the cell technologies of :data:`orbital.power.CELL_TECHNOLOGIES`.
#: ``proton_to_electron``: 1-MeV electrons one 10-MeV proton is worth for maximum power;
#: ``electron_n``: exponent of the NIEL dependence of electron damage; ``fluence_law``:
#: (C, Φ_x [e/cm²]) of P/P₀ = 1 − C log10(1 + Φ/Φ_x), or None (no radiation loss modelled).
CELL_RADIATION = {
    "triple-junction": {
        # GaInP/GaAs/Ge: Anspaugh (1996, JPL 96-9) gives 10-MeV-proton/1-MeV-electron ratios of
        # several hundred for GaAs/Ge Pmax; 400 is the value commonly used (assumed, flagged).
        "proton_to_electron": 400.0, "electron_n": 1.0, "threshold_mev": 0.25,
        # Damage deeper than ~6 µm below a GaAs cell's surface does not matter (Rockwell SPS
        # study 1976, Fig. 2.2-7 text): 6 µm × 5.32 g/cm³.
        "active_depth_g_cm2": 6e-4 * 5.32,
        # Through Fetzer et al. 2008 (XTJ: 0.89 at 5e14, 0.84 at 1e15 1-MeV e/cm²), the same
        # points orbital.power.CELL_TECHNOLOGIES carries.
        "fluence_law": (0.2214, 2.34e14),
        "source": "Fetzer et al. 2008 (XTJ retention); Anspaugh 1996 (damage ratio, assumed 400)",
    },
    "silicon": {
        # Tada et al. (1982, JPL 82-69): one 10-MeV proton does the Pmax damage of ~3000 1-MeV
        # electrons in n/p silicon cells.
        "proton_to_electron": 3000.0, "electron_n": 2.0, "threshold_mev": 0.2,
        # Active depth ~ the base minority-carrier diffusion length, ~100 µm (assumed).
        "active_depth_g_cm2": 100e-4 * 2.33,
        # 10 Ω cm n/p Si, ~0.87 at 1e14 and ~0.75 at 1e15 1-MeV e/cm² (Tada et al. 1982,
        # characteristic Pmax curve, read approximately; not re-checked against the handbook).
        "fluence_law": (0.1249, 1.0e13),
        "source": "Tada, Carter, Anspaugh & Downing 1982 (JPL 82-69), approximate read-off",
    },
    "thin-film": {
        # CIGS thin film is far more radiation-tolerant than Si or III-V cells (defects anneal
        # at operating temperature); its loss is left to degradation_per_year.
        "proton_to_electron": 0.0, "electron_n": 1.0, "threshold_mev": 0.2,
        "active_depth_g_cm2": 2e-4 * 5.7,
        "fluence_law": None,
        "source": "no fluence law: CIGS radiation loss not modelled (assumption)",
    },
}

#: Optical properties of a sun-pointed array with cover glass: solar absorptance of the front
#: (cells with cover glass, ~0.9) and infrared emissivity (both faces, ~0.85 for cover glass and
#: a painted back). Typical design values (Patel 2005, ch. 4; order of magnitude, flagged).
ARRAY_OPTICS = {"absorptivity": 0.91, "emissivity": 0.85}

_COVER_GLASS_DENSITY_G_CM3 = 2.5    # ceria-doped borosilicate cover glass (typical, flagged)
_MU_NODES, _MU_WEIGHTS = np.polynomial.legendre.leggauss(12)


def _technology(technology: str) -> dict:
    check_choice("technology", technology, tuple(CELL_RADIATION),
                 where="orbital.radiation.CELL_RADIATION")
    return CELL_RADIATION[technology]


def _electron_damage(energy, spec):
    threshold = spec["threshold_mev"]
    excess = np.clip((energy - threshold) / (1.0 - threshold), 0.0, None)
    return excess ** (spec["electron_n"] / 2)


def _proton_damage(energy, spec):
    """D_p relative to a 10-MeV proton; protons that stop within the active layer count for
    the fraction of it they cross (so the 1/E rise does not diverge at the end of range)."""
    table_energy, range_al = particle_tables("proton")[:2]
    active = spec["active_depth_g_cm2"]
    stop_energy = float(loglog_interp(active, range_al, table_energy))
    at = np.maximum(energy, stop_energy)
    damage = (2.0 / 3.0) * 10.0 / at + 1.0 / 3.0
    crossed = np.clip(loglog_interp(np.clip(energy, table_energy[0], None), table_energy, range_al)
                      / active, 0.0, 1.0)
    return np.where(energy > 0, damage * crossed, 0.0)


def _slab_damage(particle, energy, integral_flux, areal, damage):
    """½ ∫ dμ Σ ΔF D(E') behind a slab of ``areal`` g/cm², per the spectrum's leading dims."""
    table_energy, range_al, _, _, inverse, _ = particle_tables(particle)
    _, centres, counts = energy_bins(energy, integral_flux, top_mev=table_energy[-1])
    incident_range = loglog_interp(np.clip(centres, table_energy[0], None), table_energy, range_al)
    mu = 0.5 * (_MU_NODES + 1.0)                 # Gauss–Legendre on (0, 1)
    path = areal / mu                            # slant paths [g/cm²]
    exit_energy = inverse(np.clip(incident_range[None, :] - path[:, None], 0.0, None))
    per_particle = 0.5 * (0.5 * _MU_WEIGHTS) @ damage(exit_energy)   # (n_bins,)
    return counts @ per_particle


def equivalent_electron_fluence(spectra: xr.Dataset, technology: str = "triple-junction", *,
                                cover_glass_um: float = 100.0, years: float = 1.0) -> xr.Dataset:
    """1-MeV-equivalent electron fluence on a solar cell behind cover glass.

    Parameters
    ----------
    spectra : xarray.Dataset
        :func:`orbital.radiation.trapped_spectra` output; its orbit-averaged integral spectra
        ``mean_proton_integral_flux_cm2_s`` and ``mean_electron_integral_flux_cm2_s`` are used.
    technology : str
        A key of :data:`CELL_RADIATION` (the names of :data:`orbital.power.CELL_TECHNOLOGIES`).
    cover_glass_um : float
        Cover-glass thickness [µm], in [0, 2000] (density 2.5 g/cm³, stopping as aluminium).
    years : float
        Exposure [years], > 0.

    Returns
    -------
    xarray.Dataset
        ``electron_part_e_cm2``, ``proton_part_e_cm2`` and their sum
        ``equivalent_fluence_e_cm2`` [1-MeV e/cm²] after ``years``, on the spectra's remaining
        dims (e.g. ``satellite``).

    Notes
    -----
    See the module docstring for the equation and the damage curves.

    References
    ----------
    Tada, H. Y., Carter, J. R., Anspaugh, B. E. & Downing, R. G. (1982), Solar Cell Radiation
    Handbook, JPL Publication 82-69. Anspaugh, B. E. (1996), GaAs Solar Cell Radiation
    Handbook, JPL Publication 96-9. Summers, G. P. et al. (1993), IEEE TNS 40, 1372.
    Messenger, S. R. et al. (2001), Prog. Photovolt. 9, 103.

    Examples
    --------
    >>> e = np.array([0.999, 1.0, 1.001, 7.0])
    >>> ds = xr.Dataset({"mean_electron_integral_flux_cm2_s": (
    ...     "electron_energy_mev", [1.0, 1.0, 0.0, 0.0])}, coords={"electron_energy_mev": e})
    >>> f = equivalent_electron_fluence(ds, cover_glass_um=0.0, years=1 / 31_557_600)
    >>> round(float(f.equivalent_fluence_e_cm2), 2)   # 1 e/cm² s at 1 MeV for 1 s: ½ from 2π
    0.5
    """
    spec = _technology(technology)
    thickness = float(check_range("cover_glass_um", cover_glass_um, 0.0, 2000.0, unit="µm"))
    duration = float(check_range("years", years, 0.0, 100.0, low_inclusive=False, unit="yr"))
    areal = thickness * 1e-4 * _COVER_GLASS_DENSITY_G_CM3
    seconds = duration * 365.25 * 86400.0
    parts = {}
    for particle, damage, weight in (
            ("electron", functools.partial(_electron_damage, spec=spec), 1.0),
            ("proton", functools.partial(_proton_damage, spec=spec),
             spec["proton_to_electron"])):
        name = f"mean_{particle}_integral_flux_cm2_s"
        if name not in spectra:
            continue
        flux = spectra[name]
        edim = f"{particle}_energy_mev"
        other = [d for d in flux.dims if d != edim]
        values = flux.transpose(*other, edim).values
        rate = _slab_damage(particle, flux[edim].values, values, areal, damage)
        parts[particle] = xr.DataArray(weight * rate * seconds, dims=other,
                                       coords={d: flux[d] for d in other if d in flux.coords})
    if not parts:
        raise ValueError("spectra: no mean_proton/electron_integral_flux_cm2_s; pass "
                         "orbital.radiation.trapped_spectra output")
    out = xr.Dataset()
    total = 0.0
    for particle, value in parts.items():
        out[f"{particle}_part_e_cm2"] = value.assign_attrs(
            units="cm-2", long_name=f"1-MeV-equivalent electron fluence from trapped {particle}s")
        total = total + value
    out["equivalent_fluence_e_cm2"] = total.assign_attrs(
        units="cm-2", long_name=f"1-MeV-equivalent electron fluence ({technology}, "
        f"{thickness:g} um cover glass, {duration:g} yr)")
    out.attrs.update(technology=technology, cover_glass_um=thickness, years=duration)
    return out


def cell_fluence_law(technology: str):
    """The remaining-power law of a technology, for ``SolarArray(fluence_degradation=...)``.

    Returns
    -------
    callable or None
        Φ [1-MeV e/cm²] → P/P₀ = 1 − C log10(1 + Φ/Φ_x) with the technology's (C, Φ_x), or
        None when :data:`CELL_RADIATION` has no law for it.

    Examples
    --------
    >>> round(cell_fluence_law("silicon")(1e15), 3)
    0.75
    """
    law = _technology(technology)["fluence_law"]
    if law is None:
        return None
    return functools.partial(fluence_remaining_factor, c=law[0], phi_x_e_cm2=law[1])


def array_remaining_factor(spectra: xr.Dataset, technology: str = "triple-junction", *,
                           cover_glass_um: float = 100.0, mission_years=(1.0, 2.0, 5.0, 10.0),
                           ) -> xr.Dataset:
    """Remaining maximum-power fraction of an array over mission years, from the orbit's belts.

    Parameters
    ----------
    spectra : xarray.Dataset
        :func:`orbital.radiation.trapped_spectra` output for the orbit.
    technology : str
        A key of :data:`CELL_RADIATION`.
    cover_glass_um : float
        Cover-glass thickness [µm].
    mission_years : array-like
        Years in orbit at which to report [years], > 0.

    Returns
    -------
    xarray.Dataset
        ``equivalent_fluence_e_cm2`` and ``remaining_factor`` on (…, ``mission_years``). Feed
        the fluence to :func:`orbital.power.energy_balance` (``fluence_e_cm2``) or
        :func:`orbital.power.size_power_system` (``fluence_e_cm2`` at end of life).

    Notes
    -----
    P/P₀ = 1 − C log10(1 + Φ/Φ_x) with (C, Φ_x) of :data:`CELL_RADIATION`; Φ grows linearly
    with time (a static AP8/AE8 environment).

    Examples
    --------
    >>> e = np.geomspace(0.05, 7.0, 30)
    >>> ds = xr.Dataset({"mean_electron_integral_flux_cm2_s": (
    ...     "electron_energy_mev", 1e4 * np.exp(-e / 0.5))}, coords={"electron_energy_mev": e})
    >>> r = array_remaining_factor(ds, "silicon", mission_years=[1.0, 10.0])
    >>> bool(r.remaining_factor[1] < r.remaining_factor[0] < 1.0)
    True
    """
    years = np.atleast_1d(check_range("mission_years", mission_years, 0.0, 100.0,
                                      low_inclusive=False, unit="yr"))
    per_year = equivalent_electron_fluence(spectra, technology, cover_glass_um=cover_glass_um,
                                           years=1.0).equivalent_fluence_e_cm2
    axis = xr.DataArray(years, dims="mission_years", coords={"mission_years": years})
    fluence = per_year * axis
    law = cell_fluence_law(technology)
    remaining = xr.ones_like(fluence) if law is None else xr.apply_ufunc(law, fluence)
    out = xr.Dataset({
        "equivalent_fluence_e_cm2": fluence.assign_attrs(
            units="cm-2", long_name="1-MeV-equivalent electron fluence accumulated"),
        "remaining_factor": remaining.assign_attrs(
            units="1", long_name=f"remaining maximum power fraction ({technology})"),
    })
    out["mission_years"].attrs = {"units": "yr", "long_name": "years in orbit"}
    out.attrs.update(technology=technology, cover_glass_um=float(cover_glass_um))
    return out


def array_temperature_k(states: xr.Dataset, technology: str = "triple-junction", *,
                        case: str = "nominal", absorptivity: float | None = None,
                        emissivity: float | None = None) -> xr.DataArray:
    """Operating temperature of a sun-tracking array along propagated orbits [K].

    Parameters
    ----------
    states : xarray.Dataset
        :func:`orbital.orbits.propagate` output (``position_gcrs_km``).
    technology : str
        A key of :data:`orbital.power.CELL_TECHNOLOGIES` (efficiency and its temperature
        coefficient).
    case : {"nominal", "hot", "cold"}
        Environment set of :func:`orbital.thermal.orbit_incident_flux`.
    absorptivity, emissivity : float, optional
        Front solar absorptance and infrared emissivity [1]; default :data:`ARRAY_OPTICS`.

    Returns
    -------
    xarray.DataArray
        Temperature [K] on (``time``, ``satellite``): the radiative steady state at each time
        (a thin panel follows it within minutes); in eclipse, that of Earth IR alone.

    Notes
    -----
    Both faces radiate: :math:`2\\varepsilon\\sigma T^4 = (\\alpha - \\eta(T)\\,\\nu)\\,q_{sun}
    + \\alpha q_{alb} + \\varepsilon q_{IR}`, with the electrical output η(T) q_sun taken out
    of the absorbed sunlight (η from the technology at its reference temperature, corrected
    with the temperature coefficient, two fixed-point passes). The front faces the Sun, so its
    back sees the Earth at noon on an inclined orbit (albedo and IR) but only the terminator
    on a dawn–dusk orbit: that is why the former runs hotter.

    Examples
    --------
    >>> from orbital.orbits import propagate, sun_synchronous
    >>> t = np.datetime64("2026-03-20") + np.arange(3) * np.timedelta64(600, "s")
    >>> temp = array_temperature_k(propagate(sun_synchronous(650.0, ltan_hours=18.0), t))
    >>> bool(((temp > 280) & (temp < 360)).all())
    True
    """
    check_choice("technology", technology, tuple(CELL_TECHNOLOGIES),
                 where="orbital.power.CELL_TECHNOLOGIES")
    cell = CELL_TECHNOLOGIES[technology]
    alpha = float(check_range("absorptivity", ARRAY_OPTICS["absorptivity"]
                              if absorptivity is None else absorptivity, 0.0, 1.0))
    epsilon = float(check_range("emissivity", ARRAY_OPTICS["emissivity"]
                                if emissivity is None else emissivity, 0.0, 1.0,
                                low_inclusive=False))
    fluxes = thermal.orbit_incident_flux(states, "sun-facing", sides=2, case=case)
    solar = fluxes["solar_w_m2"]
    temperature = xr.full_like(solar, cell["reference_temperature_k"], dtype=float)
    for _ in range(3):
        efficiency = cell["efficiency_bol"] * (1.0 + cell["temperature_coefficient_per_k"]
                                               * (temperature - cell["reference_temperature_k"]))
        # Electrical power leaves the panel: take it out of the absorbed sunlight, so the
        # balance sees an effective absorptance α − η for the direct solar flux.
        effective_solar = solar * (alpha - efficiency.clip(0.0, alpha)) / alpha
        temperature = thermal.equilibrium_temperature(
            0.0, 1.0, emissivity=epsilon, absorptivity=alpha, sides=2,
            solar_w_m2=effective_solar, albedo_w_m2=fluxes["albedo_w_m2"],
            earth_ir_w_m2=fluxes["earth_ir_w_m2"])
    temperature = xr.DataArray(temperature, dims=solar.dims, coords=solar.coords)
    return temperature.assign_attrs(units="K", long_name=f"{technology} array temperature "
                                    "(sun-tracking, radiative steady state)")
