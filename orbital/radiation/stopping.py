"""Stopping powers and ranges of protons and electrons in aluminium, silicon and water.

- protons: NIST PSTAR total mass stopping powers for Al, Si and water (ICRU Report 49), shipped
  in ``orbital/data/radiation/pstar_total_stopping_power.csv``; CSDA ranges are the integral of
  1/S (they reproduce PSTAR's tabulated water range, 7.718 g/cm² at 100 MeV, to 0.1 %).
- electrons: the collision stopping power is *computed* with the ICRU Report 37 formula (Bethe
  theory with Sternheimer density-effect parameters, Sternheimer, Berger & Seltzer 1984), the
  same theory ESTAR evaluates; the radiative stopping power uses Attix's ratio
  S_rad/S_col ≈ Z (T + mc²)/800 MeV. No ESTAR table is shipped (none was available offline).
- electron penetration: Katz & Penfold's (1952) practical range in Al (multiple scattering
  included empirically) or the CSDA range.

The transport through a shield (:mod:`orbital.radiation.transport`) reads its tables from here
through :func:`particle_tables`.
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
from astropy import constants as _c
from scipy.integrate import cumulative_trapezoid

from orbital._checks import check_choice, check_range

__all__ = [
    "MATERIALS",
    "proton_stopping_power",
    "proton_csda_range",
    "electron_stopping_power",
    "electron_csda_range",
    "electron_radiation_yield",
    "electron_practical_range",
]

#: Material data: density [g/cm³], Z/A, mean excitation energy I [eV] (ICRU 37/49), effective Z
#: for bremsstrahlung, and Sternheimer density-effect parameters (C̄, x0, x1, a, m, δ0) from
#: Sternheimer, Berger & Seltzer (1984), Atomic Data and Nuclear Data Tables 30, 261.
MATERIALS = {
    "aluminum": {"density_g_cm3": 2.699, "z_over_a": 13 / 26.9815, "i_ev": 166.0, "z": 13.0,
                 "sternheimer": (4.2395, 0.1708, 3.0127, 0.08024, 3.6345, 0.12)},
    "silicon": {"density_g_cm3": 2.33, "z_over_a": 14 / 28.0855, "i_ev": 173.0, "z": 14.0,
                "sternheimer": (4.4351, 0.2014, 2.8715, 0.14921, 3.2546, 0.14)},
    "water": {"density_g_cm3": 1.0, "z_over_a": 0.55509, "i_ev": 75.0, "z": 7.42,
              "sternheimer": (3.5017, 0.2400, 2.8004, 0.09116, 3.4773, 0.0)},
}

_ELECTRON_REST_MEV = (_c.m_e * _c.c**2).to_value("MeV")
_STOPPING_MATERIALS = ("aluminum", "silicon", "water")


@functools.cache
def _pstar():
    path = resources.files("orbital") / "data" / "radiation" / "pstar_total_stopping_power.csv"
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    table = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    energy = table[:, 0]
    stopping = dict(zip(_STOPPING_MATERIALS, table[:, 1:].T))
    ranges = {}
    for material, s in stopping.items():
        # S ∝ √E below the Bragg peak, so the range below the first node is 2 E0 / S(E0).
        ranges[material] = cumulative_trapezoid(1.0 / s, energy, initial=0.0) + 2 * energy[0] / s[0]
    return energy, stopping, ranges


def _material(material):
    return check_choice("material", material, _STOPPING_MATERIALS)


def loglog_interp(x, xp, fp):
    return np.exp(np.interp(np.log(x), np.log(xp), np.log(fp)))


def proton_stopping_power(energy_mev, material: str = "silicon"):
    """Total mass stopping power of protons [MeV cm²/g] (NIST PSTAR, log–log interpolation).

    Parameters
    ----------
    energy_mev : array-like
        Proton kinetic energy [MeV], 0.001–10 000.
    material : {"aluminum", "silicon", "water"}

    Returns
    -------
    ndarray

    References
    ----------
    Berger, Coursey, Zucker & Chang, PSTAR, NIST Standard Reference Database 124; ICRU Report 49.

    Examples
    --------
    >>> round(float(proton_stopping_power(10.0, "aluminum")), 2)   # PSTAR: 33.76
    33.76
    """
    energy = check_range("energy_mev", energy_mev, 1e-3, 1e4, unit="MeV")
    table_energy, stopping, _ = _pstar()
    return loglog_interp(energy, table_energy, stopping[_material(material)])


def proton_csda_range(energy_mev, material: str = "aluminum"):
    """CSDA range of protons [g/cm²], the integral of 1/S over PSTAR stopping powers.

    Examples
    --------
    >>> round(float(proton_csda_range(100.0, "water")), 2)     # PSTAR tabulates 7.718 g/cm²
    7.72
    """
    energy = check_range("energy_mev", energy_mev, 1e-3, 1e4, unit="MeV")
    table_energy, _, ranges = _pstar()
    return loglog_interp(energy, table_energy, ranges[_material(material)])


def _density_effect(material, energy_mev):
    c_bar, x0, x1, a, m, delta0 = MATERIALS[material]["sternheimer"]
    gamma = 1 + energy_mev / _ELECTRON_REST_MEV
    x = np.log10(np.sqrt(gamma**2 - 1))
    delta = np.where(x >= x1, 2 * np.log(10) * x - c_bar,
                     2 * np.log(10) * x - c_bar + a * np.clip(x1 - x, 0, None) ** m)
    return np.where(x < x0, delta0 * 10 ** (2 * (x - x0)), delta)


def _electron_collision(material, energy_mev):
    spec = MATERIALS[material]
    tau = energy_mev / _ELECTRON_REST_MEV
    beta2 = 1 - 1 / (1 + tau) ** 2
    i_rel = spec["i_ev"] * 1e-6 / _ELECTRON_REST_MEV
    f_minus = 1 - beta2 + (tau**2 / 8 - (2 * tau + 1) * np.log(2)) / (tau + 1) ** 2
    bracket = np.log(tau**2 * (tau + 2) / (2 * i_rel**2)) + f_minus - _density_effect(
        material, energy_mev)
    # 2π r_e² m c² N_A = 0.153537 MeV cm² mol⁻¹ (ICRU 37 eq. 2.3 prefactor)
    return 0.153537 * spec["z_over_a"] / beta2 * bracket


@functools.cache
def _electron_tables(material):
    energy = np.geomspace(0.01, 1000.0, 600)
    collision = _electron_collision(material, energy)
    radiative = collision * MATERIALS[material]["z"] * (energy + _ELECTRON_REST_MEV) / 800.0
    total = collision + radiative
    # The range below the first node E0 = 10 keV: near 10 keV the total stopping power of Al
    # falls as S ∝ E^−0.74 (the ICRU 37 formula above, slope between 10 and 20 keV), so
    # R(E0) = ∫₀^E0 dE/S = E0 / (1.74 S(E0)); 1.7 rounds that exponent.
    csda = cumulative_trapezoid(1 / total, energy, initial=0.0) + energy[0] / total[0] / 1.7
    radiated = cumulative_trapezoid(radiative / total, energy, initial=0.0)
    yield_ = radiated / energy
    return energy, collision, radiative, csda, yield_


def electron_stopping_power(energy_mev, material: str = "silicon", kind: str = "collision"):
    """Mass stopping power of electrons [MeV cm²/g]: ICRU 37 collision formula, Attix radiative.

    Parameters
    ----------
    energy_mev : array-like
        Electron kinetic energy [MeV], 0.01–1000.
    material : {"aluminum", "silicon", "water"}
    kind : {"collision", "radiative", "total"}

    Notes
    -----
    S_col/ρ = 0.153537 (Z/A)/β² [ln(τ²(τ+2)/(2(I/mc²)²)) + F⁻(τ) − δ],
    F⁻ = 1 − β² + [τ²/8 − (2τ+1) ln 2]/(τ+1)², τ = T/mc², δ: Sternheimer density effect.
    S_rad/S_col ≈ Z (T + mc²)/(800 MeV) (Attix 1986, eq. 8.6).

    References
    ----------
    ICRU Report 37 (1984), Stopping powers for electrons and positrons.
    Attix, F. H. (1986), Introduction to Radiological Physics and Radiation Dosimetry, Wiley.

    Examples
    --------
    >>> round(float(electron_stopping_power(1.0, "water")), 2)   # ESTAR: 1.849
    1.84
    """
    energy = check_range("energy_mev", energy_mev, 0.01, 1000.0, unit="MeV")
    check_choice("kind", kind, ("collision", "radiative", "total"))
    table_energy, collision, radiative, _, _ = _electron_tables(_material(material))
    values = {"collision": collision, "radiative": radiative, "total": collision + radiative}
    return loglog_interp(energy, table_energy, values[kind])


def electron_csda_range(energy_mev, material: str = "aluminum"):
    """CSDA range of electrons [g/cm²] from the stopping powers above.

    Examples
    --------
    >>> round(float(electron_csda_range(1.0, "water")), 3)   # ESTAR: 0.4367
    0.435
    """
    energy = check_range("energy_mev", energy_mev, 0.01, 1000.0, unit="MeV")
    table_energy, _, _, csda, _ = _electron_tables(_material(material))
    return loglog_interp(energy, table_energy, csda)


def electron_radiation_yield(energy_mev, material: str = "aluminum"):
    """Fraction of an electron's kinetic energy radiated as bremsstrahlung while it stops.

    Y(T) = (1/T) ∫₀ᵀ S_rad/S_tot dT'.
    """
    energy = check_range("energy_mev", energy_mev, 0.01, 1000.0, unit="MeV")
    table_energy, _, _, _, yield_ = _electron_tables(_material(material))
    return np.interp(np.log(energy), np.log(table_energy), yield_)


def electron_practical_range(energy_mev):
    """Practical (extrapolated) range of electrons in aluminium [g/cm²], Katz & Penfold (1952).

    Notes
    -----
    R = 0.412 E^(1.265 − 0.0954 ln E) for 0.01 ≤ E < 2.5 MeV, R = 0.530 E − 0.106 above
    (continued linearly beyond the formula's 20 MeV). Multiple scattering makes electrons
    penetrate less deep than their CSDA range (by 10–40 % in Al): this is the depth at which
    the transmitted number of a normally incident beam extrapolates to zero.

    References
    ----------
    Katz, L. & Penfold, A. S. (1952), Range-energy relations for electrons and the
    determination of beta-ray end-point energies by absorption, Rev. Mod. Phys. 24, 28.

    Examples
    --------
    >>> round(float(electron_practical_range(1.0)), 3)    # 1 MeV: 0.412 g/cm² (1.5 mm Al)
    0.412
    """
    energy = check_range("energy_mev", energy_mev, 0.01, 1000.0, unit="MeV")
    low = 0.412 * energy ** (1.265 - 0.0954 * np.log(np.minimum(energy, 2.5)))
    return np.where(energy < 2.5, low, 0.530 * energy - 0.106)


def _inverse_range(table_energy, ranges, low_exponent):
    """E(R) for a monotonic range table; 0 for R ≤ 0, E ∝ R^low_exponent below the first node.

    Protons: S ∝ √E below the Bragg peak, so R ∝ √E and E ∝ R² (``low_exponent=2``).
    """
    def inverse(r):
        out = np.zeros_like(r)
        positive = r > 0
        out[positive] = np.exp(np.interp(np.log(np.maximum(r[positive], ranges[0])),
                                         np.log(ranges), np.log(table_energy)))
        low = positive & (r < ranges[0])
        out[low] = table_energy[0] * (r[low] / ranges[0]) ** low_exponent
        return out
    return inverse


@functools.cache
def _electron_penetration_tables(penetration):
    table_energy, collision, radiative, csda, _ = _electron_tables("aluminum")
    if penetration == "csda":
        return csda, collision + radiative
    practical = electron_practical_range(table_energy)
    # The stopping power consistent with that range: dE/dx = 1/(dR/dE).
    return practical, 1.0 / np.gradient(practical, table_energy)


def particle_tables(particle, penetration="practical"):
    """(energy, Al range, Al stopping consistent with it, Si deposit, E(R), radiation yield)."""
    if particle == "proton":
        table_energy, stopping, ranges = _pstar()
        return (table_energy, ranges["aluminum"], stopping["aluminum"], stopping["silicon"],
                _inverse_range(table_energy, ranges["aluminum"], 2), None)
    check_choice("electron_penetration", penetration, ("practical", "csda"))
    table_energy, _, _, _, yield_ = _electron_tables("aluminum")
    si_col = _electron_tables("silicon")[1]
    ranges, stopping_al = _electron_penetration_tables(penetration)
    # Energy deposited in a thin Si volume is the collision part only.
    return (table_energy, ranges, stopping_al, si_col, _inverse_range(table_energy, ranges, 0.5),
            yield_)
