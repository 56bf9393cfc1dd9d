"""Single-event upsets: trapped-proton rates (Weibull / Bendel cross-sections) and heavy-ion rates.

Proton upsets: the cross-section σ(E) per bit folded with the omnidirectional proton spectrum
behind the shield, R = Σ_i ΔF_i σ(E_i) (ΔF_i: integral flux in energy bin i). Heavy-ion upsets:
from the orbit's own GCR LET spectrum (:func:`orbital.radiation.gcr_let_spectrum`), either by the
integral-RPP method with the device's Weibull curve (:func:`orbital.radiation.irpp_upset_rate`)
or by Petersen's figure of merit R = C · σ_sat / L₀.₂₅² with C derived for that spectrum
(:func:`orbital.radiation.petersen_coefficient`). The older shortcut, a fixed C times the
orbit's geomagnetic transmission, remains as an explicit option.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.radiation.let import irpp_upset_rate, petersen_coefficient
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
#: 2.54 mm (100 mil) Al, with σ_sat in cm²/bit and L₀.₂₅ in MeV cm²/mg, giving upsets/bit/day.
#: Derived, not assumed: :func:`orbital.radiation.petersen_coefficient` of
#: ``gcr_let_spectrum(free_space=True, shielding_mm=2.54, modulation="solar-min")`` for
#: :data:`orbital.radiation.REFERENCE_WEIBULL_DEVICE` gives 450 (tests/test_let.py recomputes
#: it). Petersen (1998, IEEE TNS 45, 2550, heavy-ion rate-coefficient curve vs altitude, read
#: from a digitisation) gives 485 at GEO; the often-quoted 200 sits inside the spread of C over
#: plausible devices (80–700 for L₀.₂₅ ≤ 25 MeV cm²/mg), which is the factor-~2 accuracy of the
#: figure of merit itself. LEO by ``transmission`` scaling is a shortcut: prefer
#: ``upset_rates(..., let_spectrum=...)``, which uses the orbit's own spectrum.
PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY = 450.0

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

    Notes
    -----
    The default C is the derived GEO / interplanetary value (see
    :data:`PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY`); for an orbit, pass the orbit's own
    ``coefficient=float(petersen_coefficient(gcr_let_spectrum(track)))`` with
    ``transmission=1`` rather than scaling GEO's by a transmission.

    Examples
    --------
    >>> f"{float(petersen_upset_rate(1e-7, 10.0)):.1e}"
    '4.5e-07'
    """
    sat = check_range("saturation_cm2", saturation_cm2, 0.0, None, unit="cm2")
    let = check_range("let_quarter_mev_cm2_mg", let_quarter_mev_cm2_mg, 0.0, None,
                      low_inclusive=False, unit="MeV cm2/mg")
    t = check_range("transmission", transmission, 0.0, 1.0)
    c = check_range("coefficient", coefficient, 0.0, None)
    return c * t * sat / let**2


def upset_rates(spectra: xr.Dataset, *, bits_per_device: float, proton_cross_section,
                heavy_ion_saturation_cm2: float, heavy_ion_let_quarter_mev_cm2_mg=None,
                heavy_ion_weibull: dict | None = None, let_spectrum: xr.Dataset | None = None,
                transmission=None, shielding_mm: float = 10.0) -> xr.Dataset:
    """Upsets per bit-day and per device-day from protons and heavy ions on one orbit.

    Parameters
    ----------
    spectra : xarray.Dataset
        :func:`orbital.radiation.trapped_spectra` output (uses the orbit-averaged protons).
    bits_per_device : float
        Sensitive bits in the device.
    proton_cross_section : callable
        σ(E [MeV]) → cm² per bit (Weibull or Bendel).
    heavy_ion_saturation_cm2 : float
        Heavy-ion saturation cross-section σ_sat [cm²/bit].
    heavy_ion_let_quarter_mev_cm2_mg : float, optional
        L₀.₂₅ [MeV cm²/mg] for the figure of merit; not needed with ``heavy_ion_weibull``.
    heavy_ion_weibull : dict, optional
        ``threshold``, ``width``, ``shape`` (and optionally ``depth_um``) of the device's
        heavy-ion Weibull curve: the rate is then the IRPP integral over ``let_spectrum``.
    let_spectrum : xarray.Dataset, optional
        :func:`orbital.radiation.gcr_let_spectrum` of this orbit, with ``shielding_mm`` among
        its thicknesses. Without ``heavy_ion_weibull``, the figure of merit uses the C derived
        for this spectrum (:func:`orbital.radiation.petersen_coefficient`).
    transmission : float or DataArray, optional
        Instead of ``let_spectrum``, the shortcut: GEO's C
        (:data:`PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY`) times this orbit-averaged GCR
        transmission (``geomagnetic_shielding(...).gcr_transmission``).
    shielding_mm : float
        Al shield [mm] for the proton spectrum and for the LET spectrum.

    Returns
    -------
    xarray.Dataset
        ``proton_upsets_per_bit_day``, ``heavy_ion_upsets_per_bit_day``,
        ``upsets_per_bit_day`` and ``upsets_per_device_day``; attribute ``heavy_ion_method``.
    """
    bits = float(check_range("bits_per_device", bits_per_device, 0.0, None, low_inclusive=False))
    sat = float(check_range("heavy_ion_saturation_cm2", heavy_ion_saturation_cm2, 0.0, 1.0,
                            unit="cm2"))
    if (let_spectrum is None) == (transmission is None):
        raise ValueError("let_spectrum / transmission: give exactly one — the orbit's "
                         "gcr_let_spectrum (preferred) or its GCR transmission (GEO's C scaled)")
    if heavy_ion_weibull is None and heavy_ion_let_quarter_mev_cm2_mg is None:
        raise ValueError("heavy_ion_let_quarter_mev_cm2_mg: needed for the figure of merit "
                         "(or give heavy_ion_weibull for the IRPP rate)")
    if heavy_ion_weibull is not None and let_spectrum is None:
        raise ValueError("heavy_ion_weibull: the IRPP rate needs let_spectrum "
                         "(orbital.radiation.gcr_let_spectrum of the orbit)")
    flux = spectra["mean_proton_integral_flux_cm2_s"]
    edim = "proton_energy_mev"
    other = [d for d in flux.dims if d != edim]
    proton = proton_upset_rate(flux[edim].values, flux.transpose(*other, edim).values,
                               proton_cross_section, shielding_mm=shielding_mm)
    proton = xr.DataArray(proton, dims=other, coords={d: flux[d] for d in other if d in flux.coords})
    if let_spectrum is not None:
        depths = let_spectrum["shielding_mm"].values
        match = np.isclose(depths, shielding_mm, rtol=1e-6, atol=1e-9)
        if not match.any():
            raise ValueError(f"let_spectrum: has shielding_mm {depths.tolist()}, not "
                             f"{shielding_mm:g} mm; compute it with shielding_mm={shielding_mm:g}")
        at_depth = let_spectrum.isel(shielding_mm=int(np.argmax(match)))
        if heavy_ion_weibull is not None:
            missing = {"threshold", "width", "shape"} - set(heavy_ion_weibull)
            if missing:
                raise ValueError(f"heavy_ion_weibull: missing {sorted(missing)}; give "
                                 "threshold, width, shape (and optionally depth_um)")
            heavy = irpp_upset_rate(at_depth, sat, heavy_ion_weibull["threshold"],
                                    heavy_ion_weibull["width"], heavy_ion_weibull["shape"],
                                    depth_um=heavy_ion_weibull.get("depth_um", 1.0))
            method = "IRPP over the orbit's GCR LET spectrum"
        else:
            coefficient = petersen_coefficient(at_depth)
            heavy = xr.apply_ufunc(
                lambda c: petersen_upset_rate(sat, heavy_ion_let_quarter_mev_cm2_mg,
                                              coefficient=c), coefficient)
            method = "Petersen FOM with C derived from the orbit's GCR LET spectrum"
    else:
        transmission = xr.DataArray(transmission) if not isinstance(
            transmission, xr.DataArray) else transmission
        heavy = xr.apply_ufunc(
            lambda t: petersen_upset_rate(sat, heavy_ion_let_quarter_mev_cm2_mg,
                                          transmission=t), transmission)
        method = "Petersen FOM, GEO C x orbit GCR transmission (shortcut)"
    heavy = heavy.drop_vars([c for c in heavy.coords if c not in heavy.dims])
    total = proton + heavy
    out = xr.Dataset({
        "proton_upsets_per_bit_day": proton.assign_attrs(
            units="bit-1 day-1", long_name=f"trapped-proton upsets behind {shielding_mm:g} mm Al"),
        "heavy_ion_upsets_per_bit_day": heavy.assign_attrs(
            units="bit-1 day-1", long_name=f"GCR heavy-ion upsets ({method})"),
        "upsets_per_bit_day": total.assign_attrs(units="bit-1 day-1",
                                                 long_name="total upsets per bit-day"),
        "upsets_per_device_day": (total * bits).assign_attrs(
            units="device-1 day-1", long_name=f"upsets per device-day ({bits:g} bits)"),
    })
    out.attrs["heavy_ion_method"] = method
    return out
