"""Thermal environment of a flat radiator panel in Earth orbit: catalogs, view factors, fluxes.

Three environmental loads reach a panel face (Gilmore 2002, ch. 2):

- direct sunlight, ``S · cos θ`` on a face whose normal makes θ with the Sun, times the visible
  fraction of the solar disk (0 in umbra, between 0 and 1 in penumbra);
- albedo, sunlight reflected by the Earth, approximated as ``a · S · F · max(cos ζ, 0)`` with F
  the face's view factor to the Earth and ζ the Sun's zenith angle at the sub-satellite point;
- Earth infrared, the outgoing long-wave radiation ``OLR · F``.

This module returns the *incident* fluxes; the coating's absorptivity (solar, albedo) and
emissivity (infrared) are applied in :func:`orbital.thermal.net_rejection_w_m2`, so one
geometry serves every coating.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital.constants import EARTH_MEAN_RADIUS_KM, SOLAR_CONSTANT_W_M2

# Earth's orbital eccentricity (mean, J2000; Meeus 1998, ch. 25): the solar flux at
# perihelion and aphelion is S₀/(1 ∓ e)².
_EARTH_ECCENTRICITY = 0.0167086

#: Named thermal-environment parameter sets: solar flux [W/m²], Bond albedo, OLR [W/m²].
#: "nominal" is the global annual mean; "hot" and "cold" are orbit-average design pairs of
#: the magnitude tabulated by Anderson, Justus & Batts (NASA/TM-2001-211221) — treat them as
#: order-of-magnitude design values, and take the tables of the TM for a flight design.
#: Two cautions from the TM: its extremes depend on the averaging time (a short-time-constant
#: radiator sees far wider swings than these orbit averages), and high albedo and high OLR do
#: not occur together (clouds raise one and lower the other), so pairing both maxima in "hot"
#: (and both minima in "cold") is conservative for a radiator sensitive to both. The TM's
#: increase of albedo with the solar zenith angle is not modelled (it matters little where
#: the cosine factor of the albedo flux is small).
ENVIRONMENT_CASES = {
    "nominal": {
        "solar_flux_w_m2": SOLAR_CONSTANT_W_M2,
        "albedo": 0.30,
        "olr_w_m2": 239.0,
        "source": "TSI 1360.8 W/m² (Kopp & Lean 2011, GRL 38 L01706); Bond albedo 0.30 and "
                  "OLR 239 W/m² (Dewitte & Clerbaux 2017, Remote Sensing 9:1143)",
    },
    "hot": {
        "solar_flux_w_m2": SOLAR_CONSTANT_W_M2 / (1.0 - _EARTH_ECCENTRICITY) ** 2,
        "albedo": 0.35,
        "olr_w_m2": 258.0,
        "source": "perihelion flux S₀/(1−e)²; albedo 0.35 and OLR 258 W/m², the hot design "
                  "pair widely used in spacecraft thermal design (secondary), of the magnitude of "
                  "the orbit-average extremes in NASA/TM-2001-211221 (Anderson, Justus & Batts, "
                  "2001) — take the TM's tables (by inclination and averaging time) for a flight "
                  "design",
    },
    "cold": {
        "solar_flux_w_m2": SOLAR_CONSTANT_W_M2 / (1.0 + _EARTH_ECCENTRICITY) ** 2,
        "albedo": 0.25,
        "olr_w_m2": 216.0,
        "source": "aphelion flux S₀/(1+e)²; albedo 0.25 and OLR 216 W/m², the cold design "
                  "pair widely used in spacecraft thermal design (secondary), of the magnitude of "
                  "the orbit-average extremes in NASA/TM-2001-211221 (Anderson, Justus & Batts, "
                  "2001) — take the TM's tables for a flight design",
    },
}

#: Radiator coatings: solar absorptivity at beginning and end of life, hemispherical infrared
#: emissivity, and the source. End of life is ~10 years in LEO (UV and atomic-oxygen darkening).
COATINGS = {
    "white-paint": {
        "absorptivity_bol": 0.17, "absorptivity_eol": 0.25, "emissivity": 0.92,
        "source": "Z-93 / AZ-93 zinc-oxide silicate white paint (used on the ISS radiators): "
                  "Gilmore (2002) Appendix A (α 0.15–0.17, ε 0.91–0.92); among the most "
                  "UV-stable paints (LDEF), a design EOL α of 0.2–0.3 after ~10 yr LEO is "
                  "typical (order of magnitude)",
    },
    "osr": {
        "absorptivity_bol": 0.07, "absorptivity_eol": 0.12, "emissivity": 0.80,
        "source": "optical solar reflector (silvered fused-silica second-surface mirror): "
                  "Gilmore (2002) Appendix A (α 0.05–0.08, ε 0.80); EOL α ≈ 0.12 (typical "
                  "design value, secondary)",
    },
    "silver-teflon": {
        "absorptivity_bol": 0.08, "absorptivity_eol": 0.20, "emissivity": 0.78,
        "source": "5-mil silvered FEP Teflon second-surface mirror: Gilmore (2002) Appendix A "
                  "(α 0.08, ε 0.78; also Fortescue et al., Spacecraft Systems Engineering, 4th "
                  "ed. 2011, Table 11.3); EOL α 0.15–0.25 in LEO (same, order of magnitude)",
    },
    "black-paint": {
        "absorptivity_bol": 0.95, "absorptivity_eol": 0.95, "emissivity": 0.88,
        "source": "Aeroglaze (Chemglaze) Z306 black polyurethane paint: Gilmore (2002) "
                  "Appendix A (α 0.92–0.95, ε 0.87–0.89); α does not degrade upward",
    },
    "design-white-paint": {
        "absorptivity_bol": 0.20, "absorptivity_eol": 0.20, "emissivity": 0.90,
        "source": "assumption: round design values for a white-painted radiator (ε 0.90, "
                  "α 0.20, inside Z-93's BOL 0.17 … EOL 0.25 and ε 0.91–0.92 of Gilmore 2002 "
                  "Appendix A), held over life; the defaults of every thermal function "
                  "(DEFAULT_COATING)",
    },
    "starcloud-radiator": {
        "absorptivity_bol": 0.09, "absorptivity_eol": 0.09, "emissivity": 0.92,
        "source": "Starcloud white paper radiator coating α 0.09, ε 0.92 at 20 °C (secondary "
                  "digest, [Starcloud2024]); no degradation figure published",
    },
}

#: Coating whose α and ε the thermal functions take when none is given: a white-painted radiator
#: at round design values (an assumption, see its ``source``).
DEFAULT_COATING = "design-white-paint"
#: Infrared emissivity of :data:`DEFAULT_COATING` [1].
DEFAULT_EMISSIVITY = COATINGS[DEFAULT_COATING]["emissivity"]
#: Solar absorptivity of :data:`DEFAULT_COATING` [1].
DEFAULT_ABSORPTIVITY = COATINGS[DEFAULT_COATING]["absorptivity_bol"]

#: Panel orientations understood by :func:`panel_incident_flux`.
PANEL_ORIENTATIONS = ("earth-facing", "edge-on", "sun-facing", "anti-sun")


def environment_case(name: str) -> dict:
    """Return a copy of one named environment parameter set from :data:`ENVIRONMENT_CASES`.

    Parameters
    ----------
    name : {"nominal", "hot", "cold"}

    Returns
    -------
    dict
        ``solar_flux_w_m2`` [W/m²], ``albedo`` [1], ``olr_w_m2`` [W/m²], ``source``.

    Examples
    --------
    >>> round(environment_case("hot")["solar_flux_w_m2"], 1)
    1407.4
    """
    check_choice("case", name, tuple(ENVIRONMENT_CASES), where="orbital.thermal.ENVIRONMENT_CASES")
    return dict(ENVIRONMENT_CASES[name])


def coating_properties(name: str, life_fraction: float = 0.0) -> dict:
    """Solar absorptivity and infrared emissivity of a catalog coating at a point in its life.

    Parameters
    ----------
    name : str
        A key of :data:`COATINGS` ("white-paint", "osr", "silver-teflon", "black-paint",
        "design-white-paint", "starcloud-radiator").
    life_fraction : float, default 0
        0 at beginning of life, 1 at end of life (~10 years in LEO) [1]; range [0, 1].

    Returns
    -------
    dict
        ``absorptivity`` [1], ``emissivity`` [1], ``source``.

    Notes
    -----
    α(f) = α_BOL + f · (α_EOL − α_BOL): a linear interpolation, the usual design practice
    when only the two end points are known. Emissivity is taken as stable.

    Examples
    --------
    >>> coating_properties("white-paint", life_fraction=1.0)["absorptivity"]
    0.25
    """
    check_choice("coating", name, tuple(COATINGS), where="orbital.thermal.COATINGS")
    fraction = float(check_range("life_fraction", life_fraction, 0.0, 1.0))
    row = COATINGS[name]
    absorptivity = row["absorptivity_bol"] + fraction * (
        row["absorptivity_eol"] - row["absorptivity_bol"])
    return {"absorptivity": round(absorptivity, 12), "emissivity": row["emissivity"],
            "source": row["source"]}


def _radius_ratio(altitude_km, earth_radius_km):
    altitude = check_range("altitude_km", altitude_km, 0.0, None, low_inclusive=False, unit="km")
    return (earth_radius_km + altitude) / earth_radius_km


def earth_view_factor(altitude_km, tilt_deg=0.0, earth_radius_km: float = EARTH_MEAN_RADIUS_KM):
    """View factor from one face of a small flat plate to a spherical Earth (closed form).

    Parameters
    ----------
    altitude_km : float or array
        Height of the plate above the sphere [km], > 0.
    tilt_deg : float or array, default 0
        Angle between the face's outward normal and the nadir direction [deg], 0 … 180:
        0 Earth-facing (parallel to the surface), 90 edge-on (perpendicular), 180 zenith-facing.
    earth_radius_km : float, default mean radius 6371.0 km

    Returns
    -------
    numpy.ndarray
        View factor F [1], 0 … 1.

    Notes
    -----
    With H = (R + h)/R and λ the tilt (Howell, catalogue of configuration factors, planar
    element to sphere; Gilmore 2002, §2):

    - λ ≤ acos(1/H) (the whole visible cap lies in front of the face): F = cos λ / H²;
    - acos(1/H) < λ < π − acos(1/H):
      F = ½ − (1/π) asin(√(H²−1)/(H sin λ))
      + (1/(π H²)) [cos λ · acos(−√(H²−1) cot λ) − √(H²−1) √(1 − H² cos² λ)];
    - otherwise F = 0.

    The parallel case gives (R/(R+h))²; the perpendicular case
    F = (1/π) [atan(1/√(H²−1)) − √(H²−1)/H²]. Both → 1 and ½ as h → 0.

    References
    ----------
    .. [1] J. R. Howell, M. P. Mengüç, R. Siegel, *Thermal Radiation Heat Transfer*, 6th ed.,
       CRC 2015, Appendix C (configuration factor catalogue, planar element to sphere).
    .. [2] D. G. Gilmore (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
       Aerospace Press 2002, ch. 2.

    Examples
    --------
    >>> earth_view_factor(650.0, [0.0, 90.0]).round(4)
    array([0.8234, 0.2406])
    """
    ratio = _radius_ratio(altitude_km, earth_radius_km)
    tilt = np.radians(check_range("tilt_deg", tilt_deg, 0.0, 180.0, unit="deg"))
    ratio, tilt = np.broadcast_arrays(ratio, tilt)
    edge = np.arccos(1.0 / ratio)
    view = np.zeros(ratio.shape)
    full = tilt <= edge
    view[full] = np.cos(tilt[full]) / ratio[full] ** 2
    partial = ~full & (tilt < np.pi - edge)
    # The partial-view branch only where it applies (sin λ > 0 there): it is the costly one.
    h, lam = ratio[partial], tilt[partial]
    root, cos_tilt, sin_tilt = np.sqrt(h**2 - 1.0), np.cos(lam), np.sin(lam)
    first = np.arcsin(np.clip(root / (h * sin_tilt), -1.0, 1.0))
    second = cos_tilt * np.arccos(np.clip(-root * cos_tilt / sin_tilt, -1.0, 1.0))
    third = root * np.sqrt(np.clip(1.0 - h**2 * cos_tilt**2, 0.0, None))
    view[partial] = 0.5 - first / np.pi + (second - third) / (np.pi * h**2)
    return np.clip(view, 0.0, 1.0)


def earth_view_factor_numerical(altitude_km, tilt_deg=0.0, nodes: int = 48,
                                earth_radius_km: float = EARTH_MEAN_RADIUS_KM):
    """View factor from a flat plate face to a spherical Earth by numerical integration.

    An independent check of :func:`earth_view_factor`, valid for any tilt.

    Parameters
    ----------
    altitude_km : float or array
        Height of the plate above the sphere [km], > 0.
    tilt_deg : float or array, default 0
        Angle between the face normal and nadir [deg], 0 … 180.
    nodes : int, default 48
        Gauss–Legendre nodes on each side of the integrand's kink.
    earth_radius_km : float, default mean radius 6371.0 km

    Returns
    -------
    numpy.ndarray
        View factor F [1].

    Notes
    -----
    F = (1/π) ∫ max(cos θ, 0) dΩ over the Earth's disk, a cone of half-angle ρ = asin(1/H)
    about nadir. With ψ the angle from nadir and φ the azimuth, cos θ = a cos φ + b,
    a = sin ψ sin λ, b = cos ψ cos λ. The azimuth integral of the clipped cosine is exact
    (2πb if b ≥ a, 0 if b ≤ −a, else 2(a sin φ₀ + b φ₀) with φ₀ = acos(−b/a)); the polar
    integral ∫₀^ρ … sin ψ dψ is done by Gauss–Legendre quadrature, split at ψ = |π/2 − λ|
    where the integrand has a kink, so it converges spectrally on each piece.

    Examples
    --------
    >>> float(earth_view_factor_numerical(650.0, 90.0).round(4))
    0.2406
    """
    ratio = _radius_ratio(altitude_km, earth_radius_km)
    tilt = np.radians(check_range("tilt_deg", tilt_deg, 0.0, 180.0, unit="deg"))
    ratio, tilt = np.broadcast_arrays(ratio, tilt)
    cone = np.arcsin(1.0 / ratio)[..., None]
    kink = np.clip(np.abs(np.pi / 2 - tilt)[..., None], 0.0, cone)
    x, w = np.polynomial.legendre.leggauss(int(nodes))
    unit_x, unit_w = (x + 1.0) / 2.0, w / 2.0
    total = np.zeros(ratio.shape)
    for low, high in ((np.zeros_like(kink), kink), (kink, cone)):
        psi = low + (high - low) * unit_x
        weight = (high - low) * unit_w
        a = np.sin(psi) * np.sin(tilt)[..., None]
        b = np.cos(psi) * np.cos(tilt)[..., None]
        safe_a = np.where(a > 1e-300, a, 1.0)
        with np.errstate(over="ignore"):
            phi0 = np.arccos(np.clip(-b / safe_a, -1.0, 1.0))
        azimuthal = np.where(b >= a, 2 * np.pi * b,
                             np.where(b <= -a, 0.0, 2 * (a * np.sin(phi0) + b * phi0)))
        total += np.sum(azimuthal * np.sin(psi) * weight, axis=-1)
    return total / np.pi


def _environment_values(case, solar_flux_w_m2, albedo, olr_w_m2):
    values = environment_case(case)
    if solar_flux_w_m2 is not None:
        values["solar_flux_w_m2"] = solar_flux_w_m2
    if albedo is not None:
        values["albedo"] = albedo
    if olr_w_m2 is not None:
        values["olr_w_m2"] = olr_w_m2
    return (check_range("solar_flux_w_m2", values["solar_flux_w_m2"], 0.0, None, unit="W/m²"),
            check_range("albedo", values["albedo"], 0.0, 1.0),
            check_range("olr_w_m2", values["olr_w_m2"], 0.0, None, unit="W/m²"))


def face_incident_flux_w_m2(altitude_km, tilt_deg, sun_incidence_cosine, sun_zenith_cosine,
                            disk_fraction=1.0, case: str = "nominal", *,
                            solar_flux_w_m2=None, albedo=None, olr_w_m2=None) -> dict:
    """Incident solar, albedo and Earth-infrared fluxes on one face of a flat plate [W/m²].

    Parameters
    ----------
    altitude_km : float or array
        Altitude [km].
    tilt_deg : float or array
        Angle between the face normal and nadir [deg] (0 Earth-facing, 90 edge-on).
    sun_incidence_cosine : float or array
        Cosine of the angle between the face normal and the Sun direction [1]; negative
        values (Sun behind the face) give no direct flux.
    sun_zenith_cosine : float or array
        Cosine of the Sun's zenith angle at the sub-satellite point, r̂·ŝ [1]; drives albedo.
    disk_fraction : float or array, default 1
        Visible fraction of the solar disk [1]: 1 sunlit, 0 umbra.
    case : {"nominal", "hot", "cold"}, default "nominal"
        Named set of :data:`ENVIRONMENT_CASES`; the three keywords below override it.
    solar_flux_w_m2, albedo, olr_w_m2 : float or array, optional
        Solar flux [W/m²] (e.g. from :func:`orbital.sun.solar_flux_w_m2`), Bond albedo [1],
        outgoing long-wave radiation [W/m²].

    Returns
    -------
    dict of numpy.ndarray
        ``solar_w_m2``, ``albedo_w_m2``, ``earth_ir_w_m2``: incident fluxes per m² of the face.

    Notes
    -----
    q_sun = S · max(cos θ, 0) · f_disk;  q_alb = a · S · F(h, λ) · max(cos ζ, 0);
    q_IR = OLR · F(h, λ), with F from :func:`earth_view_factor`. The albedo term is the
    usual engineering approximation (Gilmore 2002, §2): it ignores that the face sees a
    partly dark Earth near the terminator, and so slightly over-states albedo there.

    Examples
    --------
    >>> q = face_incident_flux_w_m2(650.0, 0.0, -1.0, 1.0)   # nadir face over the subsolar point
    >>> {k: round(float(v), 1) for k, v in q.items()}
    {'solar_w_m2': 0.0, 'albedo_w_m2': 336.1, 'earth_ir_w_m2': 196.8}
    """
    environment = _environment_values(case, solar_flux_w_m2, albedo, olr_w_m2)
    incidence = check_range("sun_incidence_cosine", sun_incidence_cosine, -1.0, 1.0)
    zenith = check_range("sun_zenith_cosine", sun_zenith_cosine, -1.0, 1.0)
    disk = check_range("disk_fraction", disk_fraction, 0.0, 1.0)
    return _face_fluxes(earth_view_factor(altitude_km, tilt_deg), incidence, zenith, disk,
                        *environment)


def _face_fluxes(view, incidence, zenith, disk, solar, albedo, olr):
    return {
        "solar_w_m2": solar * np.maximum(incidence, 0.0) * disk,
        "albedo_w_m2": albedo * solar * view * np.maximum(zenith, 0.0),
        "earth_ir_w_m2": olr * view,
    }


def _face_geometry(orientation: str, sun_zenith_cosine):
    """(sun incidence cosine, tilt from nadir [deg]) of the front and back faces.

    The Sun-relative orientations rotate with the Sun; "edge-on" turns about the local
    vertical to keep the Sun in the panel's plane (ISS-style edge-to-Sun radiators).
    """
    c = sun_zenith_cosine
    zero = np.zeros_like(c)
    if orientation == "earth-facing":  # front normal −r̂, back +r̂
        return (-c, zero), (c, zero + 180.0)
    if orientation == "edge-on":  # normal ⟂ r̂ and ⟂ ŝ; one tilt array for both faces
        edge_on = zero + 90.0
        return (zero, edge_on), (zero, edge_on)
    sun_tilt = np.degrees(np.arccos(np.clip(-c, -1.0, 1.0)))  # angle(ŝ, −r̂)
    if orientation == "sun-facing":
        return (zero + 1.0, sun_tilt), (zero - 1.0, 180.0 - sun_tilt)
    return (zero - 1.0, 180.0 - sun_tilt), (zero + 1.0, sun_tilt)  # anti-sun


def panel_incident_flux(orientation: str, altitude_km, sun_zenith_cosine, disk_fraction=1.0,
                        sides: int = 2, case: str = "nominal", *, solar_flux_w_m2=None,
                        albedo=None, olr_w_m2=None) -> xr.Dataset:
    """Environmental fluxes incident on a flat radiator panel, summed over its radiating faces.

    Parameters
    ----------
    orientation : {"earth-facing", "edge-on", "sun-facing", "anti-sun"}
        Attitude of the panel's front face: normal to nadir; perpendicular to nadir and
        turned edge-on to the Sun; normal to the Sun; normal away from the Sun.
    altitude_km : float, array or DataArray
        Altitude [km].
    sun_zenith_cosine : float, array or DataArray
        r̂·ŝ, cosine of the Sun's zenith angle at the sub-satellite point [1].
    disk_fraction : float, array or DataArray, default 1
        Visible fraction of the solar disk [1] (:func:`orbital.sun.shadow_fraction`).
    sides : {1, 2}, default 2
        Radiating faces: 1 (front only, back insulated) or 2.
    case : {"nominal", "hot", "cold"}, default "nominal"
        Environment set; ``solar_flux_w_m2``, ``albedo``, ``olr_w_m2`` override it.
    solar_flux_w_m2, albedo, olr_w_m2 : float or array, optional
        Overrides [W/m², 1, W/m²]; arrays broadcast against the geometry (with DataArray
        geometry they must have its shape, in its dimension order).

    Returns
    -------
    xarray.Dataset
        ``solar_w_m2``, ``albedo_w_m2``, ``earth_ir_w_m2`` [W per m² of panel] summed over the
        faces, and ``view_factor`` of the front face. DataArray inputs keep their dims; plain
        arrays are broadcast and get xarray's default dims (``dim_0``, …).

    Notes
    -----
    Face geometry, with c = r̂·ŝ (see :func:`face_incident_flux_w_m2` for the fluxes):

    ============ ================================ ===================================
    orientation  front face (cos θ_sun, tilt)     back face (cos θ_sun, tilt)
    ============ ================================ ===================================
    earth-facing (−c, 0°)                         (c, 180°)
    edge-on      (0, 90°)                         (0, 90°)
    sun-facing   (1, acos(−c))                    (−1, 180° − acos(−c))
    anti-sun     (−1, 180° − acos(−c))            (1, acos(−c))
    ============ ================================ ===================================

    Examples
    --------
    >>> ds = panel_incident_flux("edge-on", 650.0, 0.0)
    >>> round(float(ds.earth_ir_w_m2), 1)     # 2 faces × 239 W/m² × F⊥(650 km)
    115.0
    """
    check_choice("orientation", orientation, PANEL_ORIENTATIONS)
    check_choice("sides", sides, (1, 2))
    inputs = [altitude_km, sun_zenith_cosine, disk_fraction]
    labelled = [x for x in inputs if isinstance(x, xr.DataArray)]
    if labelled:
        template = xr.broadcast(*labelled)[0]
        arrays = [xr.broadcast(x, template)[0] if isinstance(x, xr.DataArray)
                  else xr.full_like(template, float(x), dtype=float) for x in inputs]
        dims, coords = template.dims, template.coords
        arrays = [a.transpose(*dims).values for a in arrays]
    else:
        arrays = np.broadcast_arrays(*[np.asarray(x, dtype=float) for x in inputs])
        coords = None  # dims are set below, once the environment's shape is known
    altitude, zenith, disk = arrays
    zenith = check_range("sun_zenith_cosine", zenith, -1.0, 1.0)
    disk = check_range("disk_fraction", disk, 0.0, 1.0)
    environment = _environment_values(case, solar_flux_w_m2, albedo, olr_w_m2)
    front, back = _face_geometry(orientation, zenith)
    faces = [(front[0], earth_view_factor(altitude, front[1]))]
    if sides == 2:  # an edge-on panel's faces share one tilt array, so one view factor
        faces.append((back[0], faces[0][1] if back[1] is front[1]
                      else earth_view_factor(altitude, back[1])))
    fluxes = [_face_fluxes(view, incidence, zenith, disk, *environment)
              for incidence, view in faces]
    totals = {key: sum(face[key] for face in fluxes) for key in fluxes[0]}
    front_view = faces[0][1]
    long_names = {
        "solar_w_m2": "direct sunlight incident on the radiating faces, per m² of panel",
        "albedo_w_m2": "Earth-reflected sunlight incident on the radiating faces, per m² of panel",
        "earth_ir_w_m2": "Earth infrared incident on the radiating faces, per m² of panel",
    }
    shape = np.broadcast_shapes(np.shape(front_view), *(np.shape(v) for v in totals.values()))
    if coords is None:  # plain arrays: an environment array may add dimensions
        dims = [f"dim_{i}" for i in range(len(shape))]
    totals = {key: np.broadcast_to(np.asarray(value, dtype=float), shape)
              for key, value in totals.items()}
    front_view = np.broadcast_to(front_view, shape)
    variables = {key: xr.DataArray(value, dims=dims, coords=coords,
                                   attrs={"units": "W m-2", "long_name": long_names[key]})
                 for key, value in totals.items()}
    variables["view_factor"] = xr.DataArray(
        front_view, dims=dims, coords=coords,
        attrs={"units": "1", "long_name": "view factor from the front face to the Earth"})
    return xr.Dataset(variables, attrs={"orientation": orientation, "sides": sides,
                                        "environment_case": case})
