"""Particles through a spherical aluminium shell: CSDA slowing-down, Bragg peaks, bremsstrahlung.

Geometry: the device sits at the centre of a spherical aluminium shell of thickness t (the
"solid sphere" geometry of SHIELDOSE, Seltzer 1980): every particle that reaches it has crossed
exactly t, whatever its direction. In the continuous-slowing-down approximation (CSDA) a
particle of energy E leaves the shield with E' where R(E') = R(E) − ρt (R: range in Al), and
deposits S_Si(E') per unit fluence in silicon. For an omnidirectional flux the fluence rate at
the centre equals the omnidirectional flux, so

    Ḋ = ∫ j(E) S_Si(E') dE     [MeV g⁻¹ s⁻¹],     1 rad = 6.2415 × 10⁷ MeV g⁻¹,

summed over fine bins of the integral spectrum (each bin's Bragg peak integrated through
dE' = S_Al(E')/S_Al(E) dE); see :mod:`orbital.radiation.dose` for the driver and the validation.
"""

from __future__ import annotations

import numpy as np

from orbital._checks import check_choice, check_range
from orbital.radiation.stopping import MATERIALS, loglog_interp, particle_tables

__all__ = ["shielded_spectrum"]

_MU_EN_SILICON_CM2_G = 0.027         # Hubbell & Seltzer (1995), NISTIR 5632, Si, 0.15–3 MeV
_INWARD_FRACTION = 0.5               # bremsstrahlung sent towards the shielded volume
# Proton–Al inelastic cross-section ≈ 0.45 b above ~50 MeV (Letaw, Silberberg & Tsao 1983,
# ApJS 51, 271) → interaction length A/(N_A σ) ≈ 100 g/cm².
_PROTON_NUCLEAR_LENGTH_G_CM2 = 100.0
_MU_ALUMINUM_CM2_G = 0.0615          # Hubbell & Seltzer (1995), Al attenuation at 1 MeV


def energy_bins(energy, integral_flux, top_mev=None):
    """Fine energy bins of an integral spectrum: edges, representative energies and counts ΔF.

    Between grid nodes the integral flux is interpolated log–log (a local power law), or
    linearly where one node is zero, so a spectrum that ends between two nodes ends smoothly
    instead of as a spike at the last non-zero node. The flux above the grid's top energy E_n is
    continued as F_n (E/E_n)^(−γ) up to ``top_mev`` (γ: log–log slope of the last interval,
    kept within [1, 20]); what remains above ``top_mev`` is the last bin. Without that tail, a
    grid that stops at 100 MeV would put every proton above 100 MeV at exactly 100 MeV, a
    mono-energetic line whose Bragg peak makes a spurious bump in the dose–depth curve.
    """
    energy = np.asarray(energy, dtype=float)
    flux = np.clip(np.asarray(integral_flux, dtype=float), 0.0, None)
    log_energy = np.log(energy)
    fine = np.geomspace(energy[0], energy[-1], 8 * energy.size)
    index = np.clip(np.searchsorted(log_energy, np.log(fine), side="right") - 1, 0,
                    energy.size - 2)
    w = (np.log(fine) - log_energy[index]) / (log_energy[index + 1] - log_energy[index])
    f0, f1 = flux[..., index], flux[..., index + 1]
    both = (f0 > 0) & (f1 > 0)
    with np.errstate(divide="ignore"):
        power = np.exp((1 - w) * np.log(np.where(both, f0, 1.0))
                       + w * np.log(np.where(both, f1, 1.0)))
    fine_flux = np.where(both, power, (1 - w) * f0 + w * f1)
    if top_mev is not None and top_mev > energy[-1] and energy.size > 1:
        step = fine[1] / fine[0]
        tail = energy[-1] * step ** np.arange(1, int(np.log(top_mev / energy[-1])
                                                      / np.log(step)) + 2)
        tail[-1] = top_mev
        last, before = flux[..., -1], flux[..., -2]
        with np.errstate(divide="ignore", invalid="ignore"):
            gamma = np.log(before / last) / np.log(energy[-1] / energy[-2])
        gamma = np.clip(np.nan_to_num(gamma, nan=20.0, posinf=20.0), 1.0, 20.0)
        tail_flux = last[..., None] * (tail / energy[-1]) ** -gamma[..., None]
        fine = np.concatenate([fine, tail])
        fine_flux = np.concatenate([fine_flux, tail_flux], axis=-1)
    counts = np.concatenate([fine_flux[..., :-1] - fine_flux[..., 1:], fine_flux[..., -1:]],
                            axis=-1).clip(min=0.0)
    centres = np.concatenate([np.sqrt(fine[:-1] * fine[1:]), fine[-1:]])
    return fine, centres, counts


def direct_dose(particle, bins, areal_density, penetration="practical"):
    """Dose rate in Si [MeV g⁻¹ s⁻¹] of particles crossing each thickness, (…, n_thickness).

    ``bins`` is :func:`energy_bins` of the spectrum, continued up to the particle table's top energy.

    Each fine incident-energy bin [E_a, E_b] holds ΔF particles; their mean deposit is
    ⟨S_Si(E')⟩ = (S_Si/S_Al)(E'_m) · S_Al(E_m) · (E'_b − E'_a)/(E_b − E_a), since
    dE' = S_Al(E')/S_Al(E) dE. With E' = 0 for stopped particles, this integrates the
    Bragg peak of the bin that straddles the cut-off exactly instead of sampling it.
    """
    table_energy, range_al, stopping_al, stopping_si, inverse, _ = particle_tables(
        particle, penetration)
    edges, centres, counts = bins
    exit_edges = inverse(np.clip(loglog_interp(edges, table_energy, range_al)[None, :]
                                 - areal_density[:, None], 0.0, None))  # (n_t, n_edges)
    exit_mid = 0.5 * (exit_edges[:, :-1] + exit_edges[:, 1:])
    safe_mid = np.clip(exit_mid, table_energy[0], None)
    ratio = loglog_interp(safe_mid, table_energy, stopping_si) / loglog_interp(safe_mid, table_energy,
                                                                     stopping_al)
    slowing = (exit_edges[:, 1:] - exit_edges[:, :-1]) / (edges[1:] - edges[:-1])
    weights = ratio * loglog_interp(centres[:-1], table_energy, stopping_al)[None, :] * slowing
    top_exit = exit_edges[:, -1:]
    top = np.where(top_exit > 0, loglog_interp(np.clip(top_exit, table_energy[0], None), table_energy,
                                         stopping_si), 0.0)
    weights = np.concatenate([weights, top], axis=1)
    if particle == "proton":
        # Protons also leave the beam through nuclear reactions (secondaries neglected).
        weights = weights * np.exp(-areal_density / _PROTON_NUCLEAR_LENGTH_G_CM2)[:, None]
    return np.einsum("...i,ti->...t", counts, weights)


def bremsstrahlung_weights(centres, areal_density, penetration="practical"):
    """Bremsstrahlung dose per electron [MeV cm²/g] in Si behind each thickness."""
    table_energy, range_al, _, _, inverse, yield_ = particle_tables("electron", penetration)
    incident_range = loglog_interp(centres, table_energy, range_al)
    remaining = incident_range[None, :] - areal_density[:, None]
    passes = remaining > 0
    exit_energy = inverse(np.where(passes, remaining, 0.0))
    safe_exit = np.where(passes & (exit_energy > table_energy[0]), exit_energy, table_energy[0])
    y_in = np.interp(np.log(centres), np.log(table_energy), yield_)
    y_out = np.interp(np.log(safe_exit), np.log(table_energy), yield_)
    radiated = centres[None, :] * y_in[None, :] - np.where(passes, safe_exit * y_out, 0.0)
    # Photons are taken to start halfway along the electron's path in the shield and to cross
    # the rest of it, attenuated with μ/ρ of Al at ~1 MeV.
    travelled = np.minimum(incident_range[None, :], areal_density[:, None])
    attenuation = np.exp(-_MU_ALUMINUM_CM2_G * (areal_density[:, None] - travelled / 2))
    return (_INWARD_FRACTION * np.clip(radiated, 0.0, None) * attenuation
            * _MU_EN_SILICON_CM2_G)


def shielded_spectrum(energy_mev, integral_flux_cm2_s, shielding_mm, particle: str = "proton"):
    """Integral spectrum behind a spherical Al shield (CSDA), on the same energy grid.

    Parameters
    ----------
    energy_mev : 1-D array
        Energy grid [MeV], increasing.
    integral_flux_cm2_s : array (..., n_energy)
        Integral flux above each energy outside the shield [cm⁻² s⁻¹].
    shielding_mm : float
        Aluminium thickness [mm], ≥ 0.
    particle : {"proton", "electron"}

    Returns
    -------
    ndarray (..., n_energy)
        Integral flux above each energy behind the shield: F'(E') = F(E) with R(E) = R(E') + ρt.

    Examples
    --------
    >>> e = np.geomspace(1, 400, 50)
    >>> behind = shielded_spectrum(e, 1e3 * e**-1.0, 10.0)
    >>> bool(behind[0] < 1e3)      # 10 mm Al stops protons below ~ 45 MeV
    True
    """
    check_choice("particle", particle, ("proton", "electron"))
    thickness = float(check_range("shielding_mm", shielding_mm, 0.0, 1000.0, unit="mm"))
    energy = np.asarray(energy_mev, dtype=float)
    table_energy, range_al, _, _, _, _ = particle_tables(particle)
    areal = thickness * 0.1 * MATERIALS["aluminum"]["density_g_cm3"]
    # Outside energy that exits with E: R(E_out) = R(E) + areal.
    outside_energy = np.exp(np.interp(np.log(loglog_interp(energy, table_energy, range_al) + areal),
                                      np.log(range_al), np.log(table_energy)))
    flux = np.clip(np.asarray(integral_flux_cm2_s, dtype=float), 1e-300, None)
    # One set of log–log interpolation weights serves every spectrum (the grid is shared).
    log_energy = np.log(energy)
    target = np.log(np.minimum(outside_energy, energy[-1]))
    index = np.clip(np.searchsorted(log_energy, target, side="right") - 1, 0, energy.size - 2)
    w = (target - log_energy[index]) / (log_energy[index + 1] - log_energy[index])
    log_flux = np.log(flux)
    result = np.exp((1 - w) * log_flux[..., index] + w * log_flux[..., index + 1])
    return np.where(outside_energy > energy[-1], 0.0, result)
