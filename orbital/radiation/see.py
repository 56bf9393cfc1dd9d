"""Single-event upsets: trapped-proton rates (Weibull / Bendel cross-sections) and heavy-ion rates.

Proton upsets: the cross-section σ(E) per bit folded with the omnidirectional proton spectrum
behind the shield, R = Σ_i ΔF_i σ(E_i) (ΔF_i: integral flux in energy bin i). Heavy-ion upsets:
Petersen's figure of merit, R = C · σ_sat / L₀.₂₅², scaled by the orbit's geomagnetic
transmission (:func:`orbital.radiation.geomagnetic_shielding`).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.radiation.transport import energy_bins, shielded_spectrum

__all__ = [
    "PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY",
    "weibull_cross_section_cm2",
    "bendel_cross_section_cm2",
    "proton_upset_rate",
    "petersen_upset_rate",
    "upset_rates",
]

#: Petersen's coefficient C for the interplanetary / GEO solar-minimum GCR environment behind
#: ~2.5 mm (100 mil) Al, with σ_sat in cm²/bit and L₀.₂₅ in MeV cm²/mg, giving upsets/bit/day
#: (Petersen, Single Event Effects in Aerospace, Wiley-IEEE 2011, ch. 13; Petersen et al. 1983,
#: IEEE TNS 30:4533). LEO rates follow by multiplying by the geomagnetic transmission. ASSUMPTION:
#: 200 is the commonly quoted value; it is NOT confirmed from a primary source (searched for
#: issue #19 — Petersen et al. 1983, Petersen 1998 IEEE TNS 45:2550 and the ECSS-E-ST-10-12C
#: SEE sections — without reaching the text that states it), and the FOM method itself is good
#: to a factor ~2–3 (Petersen 2011). Pass ``coefficient=`` to use another value.
PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY = 200.0

_SECONDS_PER_DAY = 86400.0


def weibull_cross_section_cm2(x, saturation_cm2, threshold, width, shape):
    """Weibull cross-section σ(x) = σ_sat [1 − exp(−((x − x0)/W)^s)] for x > x0, else 0.

    Parameters
    ----------
    x : array-like
        Proton energy [MeV] (or LET [MeV cm²/mg] for heavy ions).
    saturation_cm2 : float
        Saturation cross-section σ_sat [cm² per bit or per device].
    threshold : float
        Onset x0, same unit as x.
    width : float
        Width W, same unit as x, > 0.
    shape : float
        Shape s, > 0.

    Returns
    -------
    ndarray
        σ [cm²].

    References
    ----------
    Petersen, E. L. (1996), Approaches to proton single-event rate calculations, IEEE TNS 43, 496.

    Examples
    --------
    >>> float(weibull_cross_section_cm2(1000.0, 1e-14, 10.0, 20.0, 1.5))
    1e-14
    """
    x = check_range("x", x, 0.0, None)
    sat = check_range("saturation_cm2", saturation_cm2, 0.0, None, unit="cm2")
    x0 = check_range("threshold", threshold, 0.0, None)
    w = check_range("width", width, 0.0, None, low_inclusive=False)
    s = check_range("shape", shape, 0.0, None, low_inclusive=False)
    excess = np.clip(x - x0, 0.0, None)
    return sat * (1 - np.exp(-((excess / w) ** s)))


def bendel_cross_section_cm2(energy_mev, a_mev, b_mev=None):
    """Bendel proton upset cross-section per bit [cm²] (one- or two-parameter form).

    Notes
    -----
    σ(E) = 10⁻¹² (B/A)¹⁴ [1 − exp(−0.18 Y^½)]⁴, Y = (18/A)^½ (E − A), E > A; B = 24 MeV in the
    one-parameter form (Bendel & Petersen 1983), fitted in the two-parameter form
    (Stapor et al. 1990).

    References
    ----------
    Bendel, W. L. & Petersen, E. L. (1983), IEEE TNS 30, 4481. Stapor, W. J. et al. (1990),
    IEEE TNS 37, 1966.

    Examples
    --------
    >>> f"{float(bendel_cross_section_cm2(1e6, 30.0)):.1e}"   # saturation 1e-12 (24/30)^14
    '4.4e-14'
    """
    energy = check_range("energy_mev", energy_mev, 0.0, None, unit="MeV")
    a = check_range("a_mev", a_mev, 0.0, None, low_inclusive=False, unit="MeV")
    b = 24.0 if b_mev is None else check_range("b_mev", b_mev, 0.0, None, low_inclusive=False,
                                               unit="MeV")
    y = np.sqrt(18.0 / a) * np.clip(energy - a, 0.0, None)
    return 1e-12 * (b / a) ** 14 * (1 - np.exp(-0.18 * np.sqrt(y))) ** 4


def proton_upset_rate(energy_mev, integral_flux_cm2_s, cross_section, *, shielding_mm=0.0):
    """Proton upset rate per bit per day from a spectrum and a cross-section σ(E).

    Parameters
    ----------
    energy_mev : 1-D array
        Energy grid [MeV], increasing.
    integral_flux_cm2_s : array (..., n_energy)
        Omnidirectional integral proton flux outside the shield [cm⁻² s⁻¹].
    cross_section : callable
        σ(E [MeV]) → cm² per bit, e.g. ``lambda e: bendel_cross_section_cm2(e, 10.0)``.
    shielding_mm : float
        Spherical Al shield thickness [mm]; the spectrum is slowed down through it (CSDA).

    Returns
    -------
    ndarray (...)
        Upsets per bit per day.

    Notes
    -----
    R = 86400 Σ_i ΔF_i σ(E_i) with ΔF_i the flux in energy bin i behind the shield.

    Examples
    --------
    >>> e = np.geomspace(1, 400, 60)
    >>> f = 10 * (1 + e / 30) ** -3
    >>> r = proton_upset_rate(e, f, lambda x: np.full_like(x, 1e-14))
    >>> round(float(r / (86400 * f[0] * 1e-14)), 2)   # flat σ: rate = σ · F(>1 MeV)
    1.0
    """
    energy = np.asarray(energy_mev, dtype=float)
    behind = shielded_spectrum(energy, integral_flux_cm2_s, shielding_mm, "proton")
    _, centres, counts = energy_bins(energy, behind)
    sigma = np.asarray(cross_section(centres), dtype=float)
    return (counts * sigma).sum(-1) * _SECONDS_PER_DAY


def petersen_upset_rate(saturation_cm2, let_quarter_mev_cm2_mg, *, transmission=1.0,
                        coefficient=PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY):
    """Heavy-ion upset rate per bit per day from Petersen's figure of merit.

    Parameters
    ----------
    saturation_cm2 : float
        Heavy-ion saturation cross-section [cm²/bit].
    let_quarter_mev_cm2_mg : float
        LET at 25 % of saturation [MeV cm²/mg].
    transmission : float
        Orbit-averaged geomagnetic transmission (1 outside the magnetosphere).
    coefficient : float
        Petersen C [upsets/bit/day per (cm² / (MeV cm²/mg)²)].

    Returns
    -------
    ndarray
        R = C · T · σ_sat / L₀.₂₅² [upsets/bit/day].

    Examples
    --------
    >>> f"{float(petersen_upset_rate(1e-7, 10.0)):.1e}"
    '2.0e-07'
    """
    sat = check_range("saturation_cm2", saturation_cm2, 0.0, None, unit="cm2")
    let = check_range("let_quarter_mev_cm2_mg", let_quarter_mev_cm2_mg, 0.0, None,
                      low_inclusive=False, unit="MeV cm2/mg")
    t = check_range("transmission", transmission, 0.0, 1.0)
    c = check_range("coefficient", coefficient, 0.0, None)
    return c * t * sat / let**2


def upset_rates(spectra: xr.Dataset, *, bits_per_device: float, proton_cross_section,
                heavy_ion_saturation_cm2: float, heavy_ion_let_quarter_mev_cm2_mg: float,
                transmission, shielding_mm: float = 10.0) -> xr.Dataset:
    """Upsets per bit-day and per device-day from protons and heavy ions on one orbit.

    Parameters
    ----------
    spectra : xarray.Dataset
        :func:`orbital.radiation.trapped_spectra` output (uses the orbit-averaged protons).
    bits_per_device : float
        Sensitive bits in the device.
    proton_cross_section : callable
        σ(E [MeV]) → cm² per bit (Weibull or Bendel).
    heavy_ion_saturation_cm2, heavy_ion_let_quarter_mev_cm2_mg : float
        Petersen figure-of-merit parameters.
    transmission : float or DataArray
        Orbit-averaged GCR transmission (``geomagnetic_shielding(...).gcr_transmission``).
    shielding_mm : float
        Al shield for the proton spectrum [mm].

    Returns
    -------
    xarray.Dataset
        ``proton_upsets_per_bit_day``, ``heavy_ion_upsets_per_bit_day``,
        ``upsets_per_bit_day`` and ``upsets_per_device_day``.
    """
    bits = float(check_range("bits_per_device", bits_per_device, 0.0, None, low_inclusive=False))
    flux = spectra["mean_proton_integral_flux_cm2_s"]
    edim = "proton_energy_mev"
    other = [d for d in flux.dims if d != edim]
    proton = proton_upset_rate(flux[edim].values, flux.transpose(*other, edim).values,
                               proton_cross_section, shielding_mm=shielding_mm)
    proton = xr.DataArray(proton, dims=other, coords={d: flux[d] for d in other if d in flux.coords})
    transmission = xr.DataArray(transmission) if not isinstance(transmission, xr.DataArray) \
        else transmission
    heavy = xr.apply_ufunc(
        lambda t: petersen_upset_rate(heavy_ion_saturation_cm2, heavy_ion_let_quarter_mev_cm2_mg,
                                      transmission=t), transmission)
    total = proton + heavy
    return xr.Dataset({
        "proton_upsets_per_bit_day": proton.assign_attrs(
            units="bit-1 day-1", long_name=f"trapped-proton upsets behind {shielding_mm:g} mm Al"),
        "heavy_ion_upsets_per_bit_day": heavy.assign_attrs(
            units="bit-1 day-1", long_name="GCR heavy-ion upsets (Petersen FOM x transmission)"),
        "upsets_per_bit_day": total.assign_attrs(units="bit-1 day-1",
                                                 long_name="total upsets per bit-day"),
        "upsets_per_device_day": (total * bits).assign_attrs(
            units="device-1 day-1", long_name=f"upsets per device-day ({bits:g} bits)"),
    })
