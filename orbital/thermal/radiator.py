"""Radiator balance: net rejection, sizing, equilibrium temperature, mass, and heat pumps."""

from __future__ import annotations

import numpy as np
import xarray as xr
from scipy.optimize import minimize_scalar

from orbital._checks import check_choice, check_range
from orbital.constants import STEFAN_BOLTZMANN_W_M2_K4
from orbital.thermal.environment import DEFAULT_ABSORPTIVITY, DEFAULT_EMISSIVITY

#: Radiator areal density [kg per m² of panel] by technology, with the source. Order of
#: magnitude: real figures depend on panel size, armour against debris and the fluid loop.
RADIATOR_TECHNOLOGIES = {
    "iss-class": {
        "areal_density_kg_m2": 10.0,
        "source": "pumped-loop deployable radiators of the ISS class, ~10 kg/m² (NASA Technology "
                  "Roadmaps TA14 Thermal Management, 2015, state of the art; secondary)",
    },
    "lightweight-deployable": {
        "areal_density_kg_m2": 5.0,
        "source": "composite/heat-pipe deployable panels, ~5 kg/m² (NASA TA14 2015 near-term "
                  "goal; order of magnitude)",
    },
    "advanced-composite": {
        "areal_density_kg_m2": 2.5,
        "source": "carbon-composite radiators with embedded heat pipes, 2–3 kg/m² (NASA TA14 "
                  "2015 long-term goal; order of magnitude)",
    },
}

#: Heat-pump efficiency as a fraction of the Carnot COP, with the source.
HEAT_PUMP_CARNOT_FRACTIONS = {
    "vapor-compression": {
        "carnot_fraction": 0.5,
        "source": "real vapour-compression cycles reach 40–60 % of the Carnot COP (second-law "
                  "efficiency; Çengel & Boles, Thermodynamics, ch. 11; secondary)",
    },
    "thermoelectric": {
        "carnot_fraction": 0.1,
        "source": "Peltier coolers with ZT ≈ 1 reach ~10 % of Carnot at moderate lifts "
                  "(Rowe, CRC Handbook of Thermoelectrics; order of magnitude)",
    },
    "ideal": {"carnot_fraction": 1.0, "source": "reversible (Carnot) limit"},
}

#: Mass of power system per kW of extra electrical power [kg/kW] used by the heat-pump trade.
DEFAULT_POWER_SYSTEM_KG_PER_KW = 10.0  # solar arrays ~100 W/kg (ROSA class, secondary)


def _optics(emissivity, absorptivity):
    return (check_range("emissivity", emissivity, 0.0, 1.0),
            check_range("absorptivity", absorptivity, 0.0, 1.0))


def _incident(incident, solar_w_m2, albedo_w_m2, earth_ir_w_m2):
    if incident is not None:
        solar_w_m2 = incident["solar_w_m2"]
        albedo_w_m2 = incident["albedo_w_m2"]
        earth_ir_w_m2 = incident["earth_ir_w_m2"]

    def check(name, value):
        if isinstance(value, xr.DataArray) and value.ndim:
            check_range(name, value.values, 0.0, None, unit="W/m²")
            return value  # keep labels so (time, satellite) results stay labelled
        if isinstance(value, xr.DataArray):
            value = value.values
        return check_range(name, value, 0.0, None, unit="W/m²")

    return (check("solar_w_m2", solar_w_m2), check("albedo_w_m2", albedo_w_m2),
            check("earth_ir_w_m2", earth_ir_w_m2))


def absorbed_w_m2(emissivity=DEFAULT_EMISSIVITY, absorptivity=DEFAULT_ABSORPTIVITY, *, solar_w_m2=0.0,
                  albedo_w_m2=0.0, earth_ir_w_m2=0.0, incident=None):
    """Environmental heat absorbed per m² of panel [W/m²].

    Parameters
    ----------
    emissivity : float or array
        Infrared hemispherical emissivity ε [1], 0 … 1 (equal to the IR absorptivity, Kirchhoff).
    absorptivity : float or array
        Solar absorptivity α [1], 0 … 1.
    solar_w_m2, albedo_w_m2, earth_ir_w_m2 : float or array, default 0
        Incident fluxes summed over the radiating faces, per m² of panel [W/m²].
    incident : xarray.Dataset, optional
        Output of :func:`orbital.thermal.panel_incident_flux`; replaces the three fluxes.

    Returns
    -------
    numpy.ndarray or xarray.DataArray
        q_abs = α (q_sun + q_alb) + ε q_IR [W/m²].

    Examples
    --------
    >>> float(absorbed_w_m2(0.9, 0.2, solar_w_m2=1000.0, earth_ir_w_m2=100.0))
    290.0
    """
    emissivity, absorptivity = _optics(emissivity, absorptivity)
    solar, albedo, earth_ir = _incident(incident, solar_w_m2, albedo_w_m2, earth_ir_w_m2)
    return absorptivity * (solar + albedo) + emissivity * earth_ir


def _fin_efficiency(fin_efficiency):
    return check_range("fin_efficiency", fin_efficiency, 0.0, 1.0, low_inclusive=False)


def net_rejection_w_m2(temperature_k, emissivity=DEFAULT_EMISSIVITY, absorptivity=DEFAULT_ABSORPTIVITY, *,
                       sides: int = 2, solar_w_m2=0.0, albedo_w_m2=0.0, earth_ir_w_m2=0.0, incident=None,
                       fin_efficiency=1.0):
    """Net heat a radiator panel rejects per m² of panel at a given temperature [W/m²].

    Parameters
    ----------
    temperature_k : float or array
        Radiator surface temperature [K], > 0.
    emissivity : float or array, default 0.9 (:data:`DEFAULT_COATING`)
        Infrared emissivity ε [1], 0 … 1.
    absorptivity : float or array, default 0.2 (:data:`DEFAULT_COATING`)
        Solar absorptivity α [1], 0 … 1.
    sides : {1, 2}, default 2
        Radiating faces of the panel.
    solar_w_m2, albedo_w_m2, earth_ir_w_m2 : float or array, default 0
        Incident fluxes summed over the radiating faces, per m² of panel [W/m²]
        (:func:`orbital.thermal.panel_incident_flux`). Zero: deep space.
    incident : xarray.Dataset, optional
        Output of :func:`orbital.thermal.panel_incident_flux`; replaces the three fluxes.
    fin_efficiency : float or array, default 1
        Fin efficiency η [1], in (0, 1]: the panel's net rejection over that of an isothermal
        panel at the fluid (fin-root) temperature; 1 for an isothermal panel.

    Returns
    -------
    numpy.ndarray or xarray.DataArray
        q_net [W/m² of panel]; negative when the environment heats the panel more than it
        radiates.

    Notes
    -----
    q_net = η (n ε σ T⁴ − α (q_sun + q_alb) − ε q_IR), n the number of radiating faces, σ the
    Stefan–Boltzmann constant, T the fluid (fin-root) temperature. The 2.7 K sky is
    neglected (≈ 3·10⁻⁶ W/m²). Grey-body surfaces. η applied to the net flux is the
    handbook's fin-efficiency convention, Q = η ε σ A (T_root⁴ − T_sink⁴).

    The panel is taken to see only the Earth and deep space. Where a fraction F_b of a face's
    view of deep space is blocked by the spacecraft's own surfaces (arrays, bus, other panels)
    at T_b with emissivity ε_b, add F_b ε_b σ T_b⁴ per blocked face to ``earth_ir_w_m2`` (an
    infrared flux, absorbed with ε; exact for black blockers, ignoring reflections). Flown
    radiators carry this term: the ISS's radiator-wing pointing software tabulates the heating
    by other station elements (SAE ICES 1998, "Radiator Wing Rotation Algorithm Overview").

    References
    ----------
    .. [1] D. G. Gilmore (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
       Aerospace Press 2002, ch. 6 (radiators).

    Examples
    --------
    >>> round(float(net_rejection_w_m2(293.15, emissivity=1.0, sides=1)), 1)
    418.8
    """
    temperature = check_range("temperature_k", temperature_k, 0.0, None, low_inclusive=False,
                              unit="K")
    check_choice("sides", sides, (1, 2))
    emissivity, absorptivity = _optics(emissivity, absorptivity)
    load = absorbed_w_m2(emissivity, absorptivity, solar_w_m2=solar_w_m2,
                         albedo_w_m2=albedo_w_m2, earth_ir_w_m2=earth_ir_w_m2, incident=incident)
    efficiency = _fin_efficiency(fin_efficiency)
    return efficiency * (sides * emissivity * STEFAN_BOLTZMANN_W_M2_K4 * temperature**4 - load)


def radiator_area(heat_w, temperature_k, emissivity=DEFAULT_EMISSIVITY, absorptivity=DEFAULT_ABSORPTIVITY, *,
                  sides: int = 2, solar_w_m2=0.0, albedo_w_m2=0.0, earth_ir_w_m2=0.0, incident=None,
                  fin_efficiency=1.0):
    """Panel area that rejects a heat load at a given radiator temperature [m²].

    Parameters
    ----------
    heat_w : float or array
        Heat to reject [W], ≥ 0.
    temperature_k : float or array
        Radiator temperature [K], > 0.
    emissivity, absorptivity, sides, solar_w_m2, albedo_w_m2, earth_ir_w_m2, incident
        As in :func:`net_rejection_w_m2`.
    fin_efficiency
        As in :func:`net_rejection_w_m2`.

    Returns
    -------
    numpy.ndarray or xarray.DataArray
        A = Q / q_net [m² of panel; a two-sided panel radiates from 2A].

    Raises
    ------
    ValueError
        If the panel cannot reject heat at that temperature (q_net ≤ 0), naming the emitted
        and absorbed fluxes.

    Notes
    -----
    A = Q / (η (n ε σ T⁴ − α (q_sun + q_alb) − ε q_IR)). With no loads, ε = 0.9 and two
    faces, a 20 °C radiator needs 1.33 m² per kW. The panel is isothermal at T; for a pumped
    loop whose coolant cools from inlet to outlet along the panel, size with
    A = Q / :func:`orbital.thermal.fluid_loop_net_rejection_w_m2` instead.

    References
    ----------
    .. [1] D. G. Gilmore (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
       Aerospace Press 2002, ch. 6 (radiator sizing).

    Examples
    --------
    >>> round(float(radiator_area(1000.0, 293.15, emissivity=0.9, sides=2)), 3)
    1.327
    """
    heat = check_range("heat_w", heat_w, 0.0, None, unit="W")
    net = net_rejection_w_m2(temperature_k, emissivity, absorptivity, sides=sides,
                             solar_w_m2=solar_w_m2, albedo_w_m2=albedo_w_m2,
                             earth_ir_w_m2=earth_ir_w_m2, incident=incident,
                             fin_efficiency=fin_efficiency)
    net_values = np.asarray(net, dtype=float)
    if (net_values <= 0).any():
        temperature, emissivity_b, efficiency_b, net_b = np.broadcast_arrays(
            np.asarray(temperature_k, dtype=float), np.asarray(emissivity, dtype=float),
            np.asarray(fin_efficiency, dtype=float), net_values)
        index = int(np.argmin(net_b))
        t, e = float(temperature.flat[index]), float(emissivity_b.flat[index])
        emitted = sides * e * STEFAN_BOLTZMANN_W_M2_K4 * t**4
        absorbed = emitted - float(net_b.flat[index]) / float(efficiency_b.flat[index])
        raise ValueError(
            f"temperature_k: a radiator at {t:g} K emits {emitted:.4g} W/m² of panel but "
            f"absorbs {absorbed:.4g} W/m² from the environment; it cannot reject heat at this "
            "temperature — raise the temperature, lower the absorptivity or change orientation")
    return heat / net


def sink_temperature_k(emissivity=DEFAULT_EMISSIVITY, absorptivity=DEFAULT_ABSORPTIVITY, *, sides: int = 2,
                       solar_w_m2=0.0, albedo_w_m2=0.0, earth_ir_w_m2=0.0, incident=None):
    """Temperature a panel with no internal heat settles at in its environment [K].

    Parameters
    ----------
    emissivity, absorptivity, sides, solar_w_m2, albedo_w_m2, earth_ir_w_m2, incident
        As in :func:`net_rejection_w_m2`; emissivity must be > 0.

    Returns
    -------
    numpy.ndarray or xarray.DataArray
        T_sink = (q_abs / (n ε σ))^¼ [K]; 0 in deep space with no loads.

    Examples
    --------
    >>> round(float(sink_temperature_k(1.0, 1.0, sides=1, solar_w_m2=1360.8)), 1)
    393.6
    """
    return equilibrium_temperature(0.0, 1.0, emissivity, absorptivity, sides=sides,
                                   solar_w_m2=solar_w_m2, albedo_w_m2=albedo_w_m2,
                                   earth_ir_w_m2=earth_ir_w_m2, incident=incident)


def equilibrium_temperature(heat_w, area_m2, emissivity=DEFAULT_EMISSIVITY, absorptivity=DEFAULT_ABSORPTIVITY,
                            *, sides: int = 2, solar_w_m2=0.0, albedo_w_m2=0.0, earth_ir_w_m2=0.0,
                            incident=None, fin_efficiency=1.0, max_temperature_k=None):
    """Steady-state temperature of a radiator panel carrying a heat load [K].

    Parameters
    ----------
    heat_w : float or array
        Internal heat delivered to the panel [W], ≥ 0.
    area_m2 : float or array
        Panel area [m²], > 0.
    emissivity : float or array, default 0.9 (:data:`DEFAULT_COATING`)
        Infrared emissivity [1], in (0, 1].
    absorptivity, sides, solar_w_m2, albedo_w_m2, earth_ir_w_m2, incident, fin_efficiency
        As in :func:`net_rejection_w_m2`.
    max_temperature_k : float, optional
        Allowed limit [K]: a load that would need a hotter radiator raises ValueError with the
        area that would hold the limit.

    Returns
    -------
    numpy.ndarray or xarray.DataArray
        T [K], always real and positive (never NaN).

    Notes
    -----
    η A (n ε σ T⁴ − q_abs) = Q, so T = ((Q/(η A) + q_abs) / (n ε σ))^¼ — the one real
    positive root of the quartic (q_abs = α (q_sun + q_alb) + ε q_IR ≥ 0 and Q ≥ 0).

    References
    ----------
    .. [1] D. G. Gilmore (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
       Aerospace Press 2002, ch. 6.

    Examples
    --------
    >>> area = radiator_area(1000.0, 300.0, emissivity=0.9, sides=2)
    >>> round(float(equilibrium_temperature(1000.0, area, emissivity=0.9, sides=2)), 6)
    300.0
    """
    heat = check_range("heat_w", heat_w, 0.0, None, unit="W")
    area = check_range("area_m2", area_m2, 0.0, None, low_inclusive=False, unit="m²")
    check_choice("sides", sides, (1, 2))
    emissivity_checked = check_range("emissivity", emissivity, 0.0, 1.0, low_inclusive=False)
    load = absorbed_w_m2(emissivity, absorptivity, solar_w_m2=solar_w_m2,
                         albedo_w_m2=albedo_w_m2, earth_ir_w_m2=earth_ir_w_m2, incident=incident)
    efficiency = _fin_efficiency(fin_efficiency)
    fourth = (heat / (efficiency * area) + load) / (
        sides * emissivity_checked * STEFAN_BOLTZMANN_W_M2_K4)
    temperature = fourth**0.25
    if max_temperature_k is not None:
        limit = float(check_range("max_temperature_k", max_temperature_k, 0.0, None,
                                  low_inclusive=False, unit="K"))
        values = np.asarray(temperature)
        if (values > limit).any():
            index = int(np.argmax(values))
            heat_b, area_b, eps_b, load_b, eta_b = (
                np.broadcast_to(np.asarray(x, float), values.shape).flat[index]
                for x in (heat, area, emissivity_checked, np.asarray(load), efficiency))
            capacity = eta_b * (sides * eps_b * STEFAN_BOLTZMANN_W_M2_K4 * limit**4 - load_b)
            needed = (f"needs {heat_b / capacity:.4g} m²" if capacity > 0 else
                      f"cannot be rejected at any area: the environment alone holds the panel "
                      f"at {(load_b / (sides * eps_b * STEFAN_BOLTZMANN_W_M2_K4)) ** 0.25:.4g} K")
            raise ValueError(
                f"heat_w: {heat_b:.4g} W on {area_b:.4g} m² of radiator reaches "
                f"{values.flat[index]:.4g} K, above the limit max_temperature_k = {limit:g} K; "
                f"holding the limit {needed}")
    return temperature


def radiator_mass_kg(area_m2, technology: str = "lightweight-deployable", *,
                     areal_density_kg_m2=None):
    """Radiator mass from its panel area and an areal density [kg].

    Parameters
    ----------
    area_m2 : float or array
        Panel area [m²], ≥ 0.
    technology : str, default "lightweight-deployable"
        Key of :data:`RADIATOR_TECHNOLOGIES`.
    areal_density_kg_m2 : float, optional
        Overrides the technology's areal density [kg/m²], > 0.

    Returns
    -------
    numpy.ndarray
        m = ρ_A · A [kg].

    Examples
    --------
    >>> float(radiator_mass_kg(100.0, "iss-class"))
    1000.0
    """
    check_choice("technology", technology, tuple(RADIATOR_TECHNOLOGIES),
                 where="orbital.thermal.RADIATOR_TECHNOLOGIES")
    density = (RADIATOR_TECHNOLOGIES[technology]["areal_density_kg_m2"]
               if areal_density_kg_m2 is None else areal_density_kg_m2)
    density = check_range("areal_density_kg_m2", density, 0.0, None, low_inclusive=False,
                          unit="kg/m²")
    return check_range("area_m2", area_m2, 0.0, None, unit="m²") * density


def _carnot_fraction(carnot_fraction):
    if isinstance(carnot_fraction, str):
        check_choice("carnot_fraction", carnot_fraction, tuple(HEAT_PUMP_CARNOT_FRACTIONS),
                     where="orbital.thermal.HEAT_PUMP_CARNOT_FRACTIONS")
        carnot_fraction = HEAT_PUMP_CARNOT_FRACTIONS[carnot_fraction]["carnot_fraction"]
    return check_range("carnot_fraction", carnot_fraction, 0.0, 1.0, low_inclusive=False)


def heat_pump_cop(coolant_temperature_k, radiator_temperature_k,
                  carnot_fraction="vapor-compression"):
    """Cooling coefficient of performance of a heat pump lifting heat to the radiator [1].

    Parameters
    ----------
    coolant_temperature_k : float or array
        Cold side: the chip coolant [K], > 0.
    radiator_temperature_k : float or array
        Hot side: the radiator [K], > 0.
    carnot_fraction : float or str, default "vapor-compression"
        Fraction of the Carnot COP achieved, in (0, 1], or a key of
        :data:`HEAT_PUMP_CARNOT_FRACTIONS`.

    Returns
    -------
    numpy.ndarray
        COP = f · T_c / (T_h − T_c); ``inf`` when T_h ≤ T_c (no lift, no work).

    Notes
    -----
    The Carnot (reversible) refrigerator moves heat Q_c from T_c to T_h with work
    W = Q_c (T_h − T_c)/T_c; a real machine achieves a fraction f of that COP (its
    second-law efficiency), so COP ≤ T_c/(T_h − T_c) always.

    References
    ----------
    .. [1] Y. A. Çengel and M. A. Boles, *Thermodynamics: An Engineering Approach*, 8th ed.,
       McGraw-Hill 2015, §6-7 (Carnot refrigerator) and §11 (refrigeration cycles).

    Examples
    --------
    >>> float(heat_pump_cop(300.0, 350.0, 0.5))
    3.0
    """
    cold = check_range("coolant_temperature_k", coolant_temperature_k, 0.0, None,
                       low_inclusive=False, unit="K")
    hot = check_range("radiator_temperature_k", radiator_temperature_k, 0.0, None,
                      low_inclusive=False, unit="K")
    fraction = _carnot_fraction(carnot_fraction)
    lift = hot - cold
    with np.errstate(divide="ignore"):
        return np.where(lift > 0, fraction * cold / np.where(lift > 0, lift, 1.0), np.inf)


def heat_pump_trade(heat_w, coolant_temperature_k, radiator_temperature_k,
                    carnot_fraction="vapor-compression", emissivity=DEFAULT_EMISSIVITY,
                    absorptivity=DEFAULT_ABSORPTIVITY, *, sides: int = 2, solar_w_m2=0.0, albedo_w_m2=0.0,
                    earth_ir_w_m2=0.0, fin_efficiency=1.0, technology: str = "lightweight-deployable",
                    areal_density_kg_m2=None,
                    power_system_kg_per_kw: float = DEFAULT_POWER_SYSTEM_KG_PER_KW) -> xr.Dataset:
    """Radiator area, extra electrical power and mass with a heat pump, and their optimum.

    A heat pump takes the compute heat Q at the coolant temperature and rejects Q + W at a
    hotter radiator: the radiator shrinks as T_h⁴, while the pump's work W must be supplied
    by the power system (and then rejected too). This is the ASCEND-style trade.

    Parameters
    ----------
    heat_w : float
        Compute heat at the coolant temperature [W], > 0.
    coolant_temperature_k : float
        Chip coolant temperature [K], > 0; without a pump the radiator runs at it.
    radiator_temperature_k : array
        Radiator temperatures to evaluate [K] (the result's dimension).
    carnot_fraction : float or str, default "vapor-compression"
        See :func:`heat_pump_cop`.
    emissivity, absorptivity, sides, solar_w_m2, albedo_w_m2, earth_ir_w_m2, fin_efficiency
        Radiator and environment, as in :func:`net_rejection_w_m2` (scalars).
    technology, areal_density_kg_m2
        Radiator mass per area, as in :func:`radiator_mass_kg`.
    power_system_kg_per_kw : float, default 10
        Mass of power generation per kW of the pump's electrical power [kg/kW].

    Returns
    -------
    xarray.Dataset
        Over ``radiator_temperature_k``: ``cop``, ``electrical_power_w``, ``rejected_heat_w``,
        ``radiator_area_m2``, ``radiator_mass_kg``, ``power_system_mass_kg``,
        ``total_mass_kg`` (``inf`` where the panel cannot reject heat at that temperature);
        scalars ``passive_radiator_area_m2`` (no pump, radiator at the coolant temperature;
        ``inf`` if it cannot reject there), ``optimal_radiator_temperature_k`` and ``optimal_total_mass_kg``
        (bounded minimisation of the total mass over the evaluated range).

    Notes
    -----
    COP = f T_c/(T_h − T_c), W = Q/COP, A = (Q + W)/q_net(T_h),
    m = ρ_A A + m_P W. With no loads, A ∝ (1 + (T_h − T_c)/(f T_c)) / T_h⁴ falls
    monotonically with T_h when f ≥ ¼ (for f < ¼ it first rises just above T_c); adding the
    power-system mass makes the total mass minimum finite.

    References
    ----------
    .. [1] Y. A. Çengel and M. A. Boles, *Thermodynamics: An Engineering Approach*, 8th ed.,
       McGraw-Hill 2015, ch. 6 and 11.

    Examples
    --------
    >>> ds = heat_pump_trade(1e6, 300.0, [300.0, 350.0, 400.0], carnot_fraction=0.5)
    >>> ds.radiator_area_m2.values.round(0)
    array([1210.,  871.,  638.])
    """
    heat = float(check_range("heat_w", heat_w, 0.0, None, low_inclusive=False, unit="W"))
    cold = float(check_range("coolant_temperature_k", coolant_temperature_k, 0.0, None,
                             low_inclusive=False, unit="K"))
    hot = np.atleast_1d(check_range("radiator_temperature_k", radiator_temperature_k, cold, None,
                                    unit="K"))
    fraction = float(_carnot_fraction(carnot_fraction))
    power_mass = float(check_range("power_system_kg_per_kw", power_system_kg_per_kw, 0.0, None,
                                   unit="kg/kW"))
    radiator = {"emissivity": emissivity, "absorptivity": absorptivity, "sides": sides,
                "solar_w_m2": solar_w_m2, "albedo_w_m2": albedo_w_m2,
                "earth_ir_w_m2": earth_ir_w_m2, "fin_efficiency": fin_efficiency}
    density = float(radiator_mass_kg(1.0, technology, areal_density_kg_m2=areal_density_kg_m2))

    def evaluate(temperature):
        cop = heat_pump_cop(cold, temperature, fraction)
        work = np.where(np.isfinite(cop), heat / np.where(np.isfinite(cop), cop, 1.0), 0.0)
        net = np.asarray(net_rejection_w_m2(temperature, **radiator), dtype=float)
        # Where the environment out-heats the panel no area suffices: infinite, not an error,
        # since a pump lifting to a hotter radiator is exactly the way out.
        area = np.where(net > 0, (heat + work) / np.where(net > 0, net, 1.0), np.inf)
        return cop, work, area, density * area + power_mass * work / 1000.0

    cop, work, area, total = evaluate(hot)
    feasible = hot[np.isfinite(area)]
    if feasible.size == 0:
        radiator_area(heat, hot.max(), **radiator)  # raises, naming the fluxes
    low = float(feasible.min())
    result = minimize_scalar(lambda t: float(evaluate(t)[3]), bounds=(low, hot.max()),
                             method="bounded", options={"xatol": 1e-3})
    best_t = float(result.x) if result.fun <= total.min() else float(hot[np.argmin(total)])
    coords = {"radiator_temperature_k": ("radiator_temperature_k", hot,
                                         {"units": "K", "long_name": "radiator temperature"})}

    def variable(values, units, long_name):
        return xr.DataArray(values, dims="radiator_temperature_k", coords=coords,
                            attrs={"units": units, "long_name": long_name})

    return xr.Dataset(
        {
            "cop": variable(cop, "1", "heat-pump cooling coefficient of performance"),
            "electrical_power_w": variable(work, "W", "electrical power drawn by the heat pump"),
            "rejected_heat_w": variable(heat + work, "W", "heat rejected by the radiator"),
            "radiator_area_m2": variable(area, "m2", "radiator panel area"),
            "radiator_mass_kg": variable(density * area, "kg", "radiator mass"),
            "power_system_mass_kg": variable(power_mass * work / 1000.0, "kg",
                                             "power-system mass supplying the heat pump"),
            "total_mass_kg": variable(total, "kg", "radiator plus heat-pump power-system mass"),
            "passive_radiator_area_m2": xr.DataArray(
                float(evaluate(cold)[2]),
                attrs={"units": "m2", "long_name": "radiator area without heat pump (at the "
                                                   "coolant temperature)"}),
            "optimal_radiator_temperature_k": xr.DataArray(
                best_t, attrs={"units": "K", "long_name": "radiator temperature of least total "
                                                          "mass"}),
            "optimal_total_mass_kg": xr.DataArray(
                float(evaluate(best_t)[3]), attrs={"units": "kg",
                                                   "long_name": "least total mass"}),
        },
        attrs={"heat_w": heat, "coolant_temperature_k": cold, "carnot_fraction": fraction},
    )
