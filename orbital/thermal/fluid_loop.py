"""Pumped-loop radiator: the coolant cools along the panel, so the panel is not isothermal."""

from __future__ import annotations

import numpy as np

from orbital._checks import check_choice, check_range
from orbital.constants import STEFAN_BOLTZMANN_W_M2_K4
from orbital.thermal.environment import DEFAULT_ABSORPTIVITY, DEFAULT_EMISSIVITY
from orbital.thermal.radiator import absorbed_w_m2

# Below this ratio u = T_sink/T the series of g(u) is used (8 terms reach 1e-17 at u = 0.3);
# above it the closed form, whose cancellation costs at most ~1e-14 there.
_SERIES_LIMIT = 0.3


def _sink_integral_factor(u):
    """g(u) = Σ_k u^{4k}/(4k+3) = (artanh u − atan u)/(2u³), for 0 ≤ u < 1."""
    u = np.asarray(u, dtype=float)
    small = u < _SERIES_LIMIT
    series = sum(u ** (4 * k) / (4 * k + 3) for k in range(8))
    safe = np.where(small, 0.5, u)
    closed = (np.arctanh(safe) - np.arctan(safe)) / (2.0 * safe**3)
    return np.where(small, series, closed)


def fluid_loop_net_rejection_w_m2(inlet_temperature_k, outlet_temperature_k, emissivity=DEFAULT_EMISSIVITY,
                                  absorptivity=DEFAULT_ABSORPTIVITY, *, sides: int = 2, solar_w_m2=0.0,
                                  albedo_w_m2=0.0, earth_ir_w_m2=0.0, incident=None,
                                  fin_efficiency=1.0):
    """Mean net rejection of a pumped-loop radiator whose coolant cools from inlet to outlet.

    A radiator fed by a pumped loop is hottest where the coolant enters and coldest where it
    leaves; sizing it at a single temperature over-states (at the inlet) or under-states (at
    the outlet) what it rejects. This integrates the balance along the flow.

    Parameters
    ----------
    inlet_temperature_k : float or array
        Coolant temperature entering the radiator [K], > 0.
    outlet_temperature_k : float or array
        Coolant temperature leaving the radiator [K], in (T_sink, T_inlet].
    emissivity, absorptivity, sides, solar_w_m2, albedo_w_m2, earth_ir_w_m2, incident
        As in :func:`orbital.thermal.net_rejection_w_m2` (loads uniform over the panel).
    fin_efficiency : float or array, default 1
        Fin efficiency η [1], in (0, 1], relative to the local coolant temperature.

    Returns
    -------
    numpy.ndarray
        q̄ = Q / A [W per m² of panel], the area-mean net rejection; a panel of area A
        rejects Q = q̄ A while the coolant cools from inlet to outlet.

    Raises
    ------
    ValueError
        If the outlet is above the inlet, or not above the sink temperature
        T_s = (q_abs/(n ε σ))^¼ (no finite panel cools the coolant to it), naming the values.

    Notes
    -----
    Along the flow, ṁ c_p dT = −η (n ε σ T⁴ − q_abs) dA, so with T_s⁴ = q_abs/(n ε σ)

    A = (Q/(T_in − T_out)) ∫_{T_out}^{T_in} dT / (η n ε σ (T⁴ − T_s⁴)),

    q̄ = η n ε σ (T_in − T_out) / I,  I = g(T_s/T_out)/T_out³ − g(T_s/T_in)/T_in³,

    with g(u) = (artanh u − atan u)/(2u³) = Σ_k u^{4k}/(4k+3): the classic closed form of
    ∫ dT/(T⁴ − T_s⁴), written so that it stays exact as T_s → 0 (then
    I = (T_out⁻³ − T_in⁻³)/3). Equal inlet and outlet give the isothermal panel of
    :func:`orbital.thermal.net_rejection_w_m2`. The coolant's heat capacity rate drops out:
    it sets the flow needed, ṁ c_p = Q/(T_in − T_out), not the area.

    References
    ----------
    .. [1] D. G. Gilmore (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
       Aerospace Press 2002, ch. 6 (radiators) and ch. 12 (pumped fluid loops).
    .. [2] I. S. Gradshteyn and I. M. Ryzhik, *Table of Integrals, Series, and Products*,
       7th ed., 2007, 2.132 (∫ dx/(x⁴ − a⁴)).

    Examples
    --------
    >>> q = fluid_loop_net_rejection_w_m2(300.0, 280.0, emissivity=1.0, sides=1)
    >>> round(float(q), 1)        # between σ·280⁴ = 348.5 and σ·300⁴ = 459.3 W/m²
    399.5
    """
    inlet = check_range("inlet_temperature_k", inlet_temperature_k, 0.0, None,
                        low_inclusive=False, unit="K")
    outlet = check_range("outlet_temperature_k", outlet_temperature_k, 0.0, None,
                         low_inclusive=False, unit="K")
    check_choice("sides", sides, (1, 2))
    eps = check_range("emissivity", emissivity, 0.0, 1.0, low_inclusive=False)
    eta = check_range("fin_efficiency", fin_efficiency, 0.0, 1.0, low_inclusive=False)
    load = np.asarray(absorbed_w_m2(eps, absorptivity, solar_w_m2=solar_w_m2,
                                    albedo_w_m2=albedo_w_m2, earth_ir_w_m2=earth_ir_w_m2,
                                    incident=incident), dtype=float)
    inlet, outlet, eps, eta, load = np.broadcast_arrays(inlet, outlet, eps, eta, load)
    if (outlet > inlet).any():
        index = int(np.argmax(outlet - inlet))
        raise ValueError(f"outlet_temperature_k: {outlet.flat[index]:g} K is above the inlet "
                         f"{inlet.flat[index]:g} K; a radiator only cools the coolant")
    conductance = sides * eps * STEFAN_BOLTZMANN_W_M2_K4
    sink = (load / conductance) ** 0.25
    if (outlet <= sink).any():
        index = int(np.argmin(outlet - sink))
        raise ValueError(
            f"outlet_temperature_k: {outlet.flat[index]:g} K is not above the panel's sink "
            f"temperature {sink.flat[index]:.4g} K in this environment; no finite radiator "
            "cools the coolant to it — raise the outlet temperature or lower the loads")
    integral = (_sink_integral_factor(sink / outlet) / outlet**3
                - _sink_integral_factor(sink / inlet) / inlet**3)
    isothermal = conductance * (outlet**4 - sink**4)
    # Where inlet ≈ outlet the difference above cancels: the isothermal panel is the limit.
    nearly_equal = (inlet - outlet) <= 1e-7 * inlet
    mean = np.where(nearly_equal, isothermal,
                    conductance * (inlet - outlet) / np.where(nearly_equal, 1.0, integral))
    return eta * mean
