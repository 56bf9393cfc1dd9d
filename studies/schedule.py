"""The co-scheduler: assign inference demand to venues, request by request class.

:func:`schedule` takes the demand (``requests_per_s`` on (time, city, request_class), from
:func:`studies.workload.demand`) and a *venue table* (what each venue offers over the study's time
axis, from :func:`studies.venues.venue_table`) and decides, at every time step, how many requests
per second of each (city, class) each venue serves. It returns one Dataset over (time, city,
request_class, venue) with the served rate, every latency component, and the per-request energy,
carbon and cost; :func:`summary` turns it into a tidy table per venue and class.

Policies
--------
``latency``, ``energy``, ``carbon``, ``cost``
    Greedy heuristics: every (city, class) asks its best venue by that metric first, then the
    next, in rounds; when the requests for a venue exceed its free capacity, each gets the same
    share of what is left (proportional rationing, so the result does not depend on the order of
    cities).
``optimal``
    One linear program per time step, solved with HiGHS (:func:`scipy.optimize.linprog`) on
    sparse matrices: minimise the weighted sum of normalised latency, energy, carbon and cost,
    plus queueing (below) and a penalty on unserved demand, subject to conservation of demand
    and each venue's capacity.

What the latency term counts
----------------------------
Every assignment must meet its class's end-to-end SLO (network, transfer, queueing and the whole
compute time, including every output token) and, for streamed classes, the time-to-first-token
SLO. Within the SLOs, the objective's latency term is the time until the user sees the first
result: network round trip, payload transfer, queueing and time to first token. The rest of a
streamed answer flows at the time per output token the SLO bounds, and how close a venue runs
to that bound is its operator's batching choice (throughput against speed), not something the
user is better served by; counting it would send every request to whichever accelerator
happens to batch least.

Queueing
--------
A venue of A accelerators serving requests of service time S at r requests per
accelerator-second holds c = A·r·S requests in service at once (Little's law). Its mean wait at
utilisation ρ follows Sakasegawa's M/M/c approximation (Sakasegawa 1977, [Sakasegawa1977]_):

.. math:: W_q(\\rho) \\approx S\\,\\frac{\\rho^{\\sqrt{2(c+1)}-1}}{c\\,(1-\\rho)}

The total waiting time per second, λ·W_q = A·h(ρ) with h(ρ) = ρ r W_q(ρ), is convex in the load,
so the LP carries it as the upper envelope of its tangents at fixed utilisations (a convex
piecewise-linear cost: the optimum stays an LP and a venue near saturation gets slower). Each
venue's utilisation is capped (``utilisation_cap``) and a (city, class, venue) triple is a
candidate only if its zero-load latency plus the wait *at the cap* meets the class's SLO, so any
feasible assignment meets every SLO. Candidates are pruned per (city, class) to the
``candidates_per_city`` best by the policy's own metric, so the LP stays small.

References
----------
.. [Sakasegawa1977] H. Sakasegawa (1977), "An approximation formula L_q ≃ α·ρ^β/(1−ρ)",
   Annals of the Institute of Statistical Mathematics 29, 67–75, doi:10.1007/BF02532775.
"""

from __future__ import annotations

import difflib
import math
import os
import warnings

import numpy as np
import pandas as pd
import xarray as xr
from scipy import sparse
from scipy.optimize import linprog

__all__ = [
    "LATENCY_COMPONENTS",
    "POLICIES",
    "QUEUE_BREAKPOINTS",
    "ENERGY_SCALE_J",
    "schedule",
    "summary",
    "waiting_time_s",
]

#: Policies :func:`schedule` knows, with the metric each greedy one ranks venues by.
POLICIES = {
    "optimal": "weighted sum of normalised latency, energy, carbon and cost (LP, HiGHS)",
    "latency": "lowest time to the first result first (greedy)",
    "energy": "lowest energy per request first (greedy)",
    "carbon": "lowest carbon per request first (greedy)",
    "cost": "lowest cost per request first (greedy)",
}

#: Latency components, in the order a request meets them (all round trips except compute) [ms].
LATENCY_COMPONENTS = ("access", "propagation", "ground_segment", "transfer", "queueing", "compute")

#: Utilisations at which the queueing cost's tangents are taken (the LP's piecewise envelope).
QUEUE_BREAKPOINTS = (0.0, 0.3, 0.5, 0.65, 0.75, 0.82, 0.88, 0.92, 0.95, 0.97, 0.985)

#: Scale of each metric in the ``optimal`` objective, per request: the weights multiply
#: metric / scale, so a weight of 1 on each makes 100 ms, 1 kJ, 1 g CO2e and 0.1 US cent count
#: alike. These are presentation choices (stated, not measured); change the weights to trade.
ENERGY_SCALE_J = 1000.0
_SCALES = {"latency": 100.0, "energy": ENERGY_SCALE_J, "carbon": 1.0, "cost": 1e-3}
_METRIC_VARIABLES = {"latency": "latency_zero_load_ms", "energy": "energy_per_request_j",
                     "carbon": "carbon_per_request_g", "cost": "cost_per_request_usd"}

_UNSERVED_REASONS = ("served", "no venue within the SLO", "capacity")


def waiting_time_s(utilisation, servers, service_time_s):
    """Mean queueing delay of an M/M/c pool, Sakasegawa's approximation [s].

    Parameters
    ----------
    utilisation : array_like
        Server utilisation ρ in [0, 1) [1].
    servers : array_like
        Requests served at once, c ≥ 1 [1] (accelerators × requests per accelerator-second ×
        service time, by Little's law).
    service_time_s : array_like
        Mean service time of one request [s].

    Returns
    -------
    numpy.ndarray
        W_q = S ρ^(√(2(c+1)) − 1) / (c (1 − ρ)) [s]; infinite at ρ ≥ 1.

    Examples
    --------
    M/M/1 is exact: W_q = S ρ / (1 − ρ).

    >>> float(waiting_time_s(0.5, 1, 2.0))
    2.0
    """
    rho = np.asarray(utilisation, dtype=float)
    c = np.maximum(np.asarray(servers, dtype=float), 1.0)
    s = np.asarray(service_time_s, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        wait = s * np.power(np.clip(rho, 0.0, None), np.sqrt(2.0 * (c + 1.0)) - 1.0) / (c * (1.0 - rho))
    return np.where(rho >= 1.0, np.inf, np.where(rho <= 0.0, 0.0, wait))


# --------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------


def _check_policy(policy, weights):
    if policy not in POLICIES:
        close = difflib.get_close_matches(str(policy), POLICIES, n=3)
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"policy: {policy!r} is not a known policy{hint} "
                         f"(allowed: {', '.join(POLICIES)})")
    full = {"latency": 1.0, "energy": 1.0, "carbon": 1.0, "cost": 1.0}
    for key, value in dict(weights or {}).items():
        if key not in full:
            close = difflib.get_close_matches(str(key), full, n=2)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"weights: {key!r} is not a weight{hint} (allowed: {', '.join(full)})")
        value = float(value)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"weights.{key}: {value!r} is outside the allowed range [0, inf)")
        full[key] = value
    if not any(full.values()):
        raise ValueError("weights: all four are 0; at least one must be > 0")
    return full


def _check_inputs(demand, table):
    if "requests_per_s" not in demand:
        raise ValueError("demand: needs a 'requests_per_s' variable on (time, city, request_class)")
    rate = demand["requests_per_s"]
    missing = {"time", "city", "request_class"} - set(rate.dims)
    if missing:
        raise ValueError(f"demand.requests_per_s: dims {rate.dims} lack {sorted(missing)}")
    values = rate.values
    if not np.all(np.isfinite(values)):
        raise ValueError("demand.requests_per_s: contains NaN or infinite values; allowed range "
                         "[0, inf)")
    if np.any(values < 0):
        raise ValueError(f"demand.requests_per_s: {float(values.min()):g} is outside the allowed "
                         "range [0, inf)")
    times = demand["time"].values
    if times.size > 1 and not np.all(np.diff(times) > np.timedelta64(0, "ns")):
        raise ValueError("demand.time: times must be strictly increasing")
    for dim in ("time", "city", "request_class"):
        if dim in table.dims and not np.array_equal(table[dim].values, demand[dim].values):
            raise ValueError(f"venues.{dim}: the venue table's {dim} axis differs from the "
                             "demand's; build both on the same axis")
    if table.sizes.get("venue", 0) == 0:
        raise ValueError("venues: no venue given; at least one is required")


# --------------------------------------------------------------------------------------------
# the per-step problems
# --------------------------------------------------------------------------------------------


def _queue_tangents(rate, service, servers, cap):
    """Tangents of h(ρ) = ρ r W_q(ρ) at the breakpoints below each venue's cap.

    All arguments are arrays on ``venue``; returns (slope, intercept), each (venue, breakpoint),
    with rows past a venue's cap made inactive (slope 0, intercept −inf). h is per accelerator:
    the LP's rows are Q ≥ slope·L + intercept·A, with L the load in accelerators and A the
    accelerators available.
    """
    rate, service, servers, cap = (np.asarray(x, dtype=float)[:, None]
                                   for x in (rate, service, servers, cap))
    points = np.broadcast_to(np.array(QUEUE_BREAKPOINTS + (1.0,)), (rate.shape[0],
                                                                    len(QUEUE_BREAKPOINTS) + 1))
    points = np.where(points < cap, points, cap)  # the last point is the cap itself
    active = np.concatenate([np.array(QUEUE_BREAKPOINTS)[None, :] < cap,
                             np.ones_like(cap, dtype=bool)], axis=1)
    eps = 1e-6

    def h(rho):
        return rho * rate * waiting_time_s(rho, servers, service)

    upper, lower = np.minimum(points + eps, 0.999999), np.maximum(points - eps, 0.0)
    with np.errstate(invalid="ignore"):
        slope = (h(upper) - h(lower)) / (upper - lower)
        intercept = h(points) - points * slope
    ok = active & np.isfinite(slope) & np.isfinite(intercept)
    return np.where(ok, slope, 0.0), np.where(ok, intercept, -np.inf)


def _arrays(table) -> dict:
    """The venue table as the numpy arrays the solver reads, transposed once."""
    def arr(name, *dims):
        return np.asarray(table[name].transpose(*dims).values, dtype=float)

    return {
        "rate": arr("requests_per_s_per_accelerator", "request_class", "venue"),
        "service": arr("service_time_s", "request_class", "venue"),
        "cap": arr("utilisation_cap", "venue"),
        "available": arr("accelerators_available", "time", "venue"),
        "slo_ms": 1e3 * arr("latency_slo_s", "request_class"),
        "ttft_slo_ms": 1e3 * arr("ttft_slo_s", "request_class"),
        "ttft_ms": arr("ttft_ms", "request_class", "venue"),
        "network": arr("latency_network_ms", "time", "city", "venue"),
        "fixed": arr("latency_transfer_ms", "request_class", "venue")
        + arr("latency_compute_ms", "request_class", "venue"),
        "transfer_in": arr("latency_transfer_in_ms", "request_class", "venue"),
        "first_result": arr("latency_transfer_ms", "request_class", "venue")
        + arr("ttft_ms", "request_class", "venue"),
        "per_class": {m: arr(v, "request_class", "venue")
                      for m, v in _METRIC_VARIABLES.items() if m != "latency"},
    }


def _time_slice(arrays, start, stop):
    out = dict(arrays)
    out["available"] = arrays["available"][start:stop]
    out["network"] = arrays["network"][start:stop]
    return out


class _Problem:
    """Arrays shared by every time step of one schedule (numpy, transposed once)."""

    def __init__(self, arrays, policy, weights, candidates_per_city):
        self.policy = policy
        self.weights = weights
        a = arrays
        self.rate = a["rate"]
        self.service = a["service"]
        self.cap = a["cap"]
        self.available = a["available"]
        self.slo_ms = a["slo_ms"]
        self.ttft_slo_ms = a["ttft_slo_ms"]
        self.ttft_ms = a["ttft_ms"]
        self.network = a["network"]
        self.fixed = a["fixed"]
        self.first_result = a["first_result"]
        self.transfer_in = a["transfer_in"]
        self.per_class = a["per_class"]
        self.n_city = self.network.shape[1]
        self.n_class, self.n_venue = self.rate.shape
        self.k = int(min(candidates_per_city, self.n_venue))
        # A representative class per venue for the LP's queueing envelope: the servable class
        # with the longest service time (the most conservative wait).
        servable = self.rate > 0
        self.rep = np.argmax(np.where(servable, self.service, -np.inf), axis=0)
        self.has_any = servable.any(axis=0)
        columns = np.arange(self.n_venue)
        self.rep_rate = self.rate[self.rep, columns]
        self.rep_service = np.where(self.has_any, self.service[self.rep, columns], 1.0)

    def servers(self, step):
        """Requests in service at once, c = A r S, on (request_class, venue)."""
        return self.available[step][None, :] * self.rate * np.nan_to_num(self.service)

    def tangents(self, step):
        """The queueing envelope of every venue at this step (slope, intercept)."""
        servers = self.available[step] * self.rep_rate * self.rep_service
        return _queue_tangents(self.rep_rate, self.rep_service, servers, self.cap)

    def step_inputs(self, step):
        """Zero-load latency (city, class, venue) [ms], the zero-load time to the first result
        (network, payload transfer and time to first token) [ms], and feasibility."""
        network = self.network[step]
        zero = network[:, None, :] + self.fixed[None, :, :]
        with np.errstate(invalid="ignore"):
            wait_cap_ms = 1e3 * waiting_time_s(self.cap[None, :], self.servers(step),
                                               np.nan_to_num(self.service))
            usable = ((self.rate > 0) & (self.available[step][None, :] > 0)
                      & np.isfinite(wait_cap_ms))
            first = (network[:, None, :] + self.transfer_in[None] + self.ttft_ms[None]
                     + wait_cap_ms[None])
            ttft_ok = ~(first > self.ttft_slo_ms[None, :, None])  # NaN SLO: no TTFT bound
            feasible = (np.isfinite(zero) & usable[None]
                        & (zero + wait_cap_ms[None] <= self.slo_ms[None, :, None]) & ttft_ok)
        first = network[:, None, :] + self.first_result[None, :, :]
        return zero, first, feasible

    def coefficients(self, zero):
        """Objective per request (city, class, venue) for the policy, and the queue weight."""
        if self.policy == "optimal":
            w, s = self.weights, _SCALES
            coef = w["latency"] * zero / s["latency"]
            for m in ("energy", "carbon", "cost"):
                coef = coef + w[m] * self.per_class[m][None] / s[m]
            queue_weight = w["latency"] * 1e3 / s["latency"]  # per request-second of waiting
        elif self.policy == "latency":
            coef, queue_weight = zero, 1e3
        else:
            coef = np.broadcast_to(self.per_class[self.policy][None], zero.shape)
            queue_weight = 0.0
        return np.asarray(coef, dtype=float), queue_weight


def _prune(coef, feasible, k):
    """Indices (city, class, venue) of the k best feasible venues per (city, class)."""
    score = np.where(feasible, coef, np.inf)
    if k < score.shape[-1]:
        part = np.argpartition(score, k - 1, axis=-1)[..., :k]
    else:
        part = np.broadcast_to(np.arange(score.shape[-1]), score.shape).copy()
    keep = np.isfinite(np.take_along_axis(score, part, axis=-1))
    ci, ki, _ = np.nonzero(keep)
    vi = part[keep]
    return ci, ki, vi


def _queue_cost(problem, step, load):
    """Q_v = max(0, max_j slope_j·L + intercept_j·A) [request-seconds of waiting per second]."""
    slope, intercept = problem.tangents(step)
    available = problem.available[step][:, None]
    with np.errstate(invalid="ignore"):
        envelope = np.max(slope * load[:, None] + np.where(np.isfinite(intercept),
                                                           intercept * available, -np.inf), axis=1)
    usable = problem.has_any & (problem.available[step] > 0)
    return np.where(usable, np.maximum(envelope, 0.0), 0.0)


def _solve_lp(problem, step, demand, coef, queue_weight, ci, ki, vi, penalty):
    """One step's LP. Columns: x (candidates), u (unserved), q (queueing), L (load)."""
    n_x, n_d, n_v = ci.size, problem.n_city * problem.n_class, problem.n_venue
    d_index = ci * problem.n_class + ki
    per_acc = 1.0 / problem.rate[ki, vi]
    off_u, off_q, off_l = n_x, n_x + n_d, n_x + n_d + n_v
    n_col = off_l + n_v
    c = np.concatenate([coef[ci, ki, vi], np.full(n_d, penalty), np.full(n_v, queue_weight),
                        np.zeros(n_v)])
    # equalities: x + u = D per (city, class); Σ x / r − L = 0 per venue
    rows = np.concatenate([d_index, np.arange(n_d), n_d + vi, n_d + np.arange(n_v)])
    cols = np.concatenate([np.arange(n_x), off_u + np.arange(n_d), np.arange(n_x),
                           off_l + np.arange(n_v)])
    vals = np.concatenate([np.ones(n_x + n_d), per_acc, -np.ones(n_v)])
    a_eq = sparse.csr_matrix((vals, (rows, cols)), shape=(n_d + n_v, n_col))
    b_eq = np.concatenate([demand.ravel(), np.zeros(n_v)])
    usable = problem.has_any & (problem.available[step] > 0)
    load_cap = np.where(usable, problem.cap * problem.available[step], 0.0)
    bounds = np.zeros((n_col, 2))
    bounds[:, 1] = np.inf
    bounds[off_l:, 1] = load_cap
    a_ub = b_ub = None
    n_rows = n_d + n_v
    if queue_weight > 0:
        slope, intercept = problem.tangents(step)
        v_idx, j_idx = np.nonzero(np.isfinite(intercept) & usable[:, None])
        m = v_idx.size
        if m:
            # slope_j·L_v − q_v ≤ −intercept_j·A_v
            a_ub = sparse.csr_matrix((np.concatenate([slope[v_idx, j_idx], -np.ones(m)]),
                                      (np.concatenate([np.arange(m), np.arange(m)]),
                                       np.concatenate([off_l + v_idx, off_q + v_idx]))),
                                     shape=(m, n_col))
            b_ub = -intercept[v_idx, j_idx] * problem.available[step][v_idx]
            n_rows += m
    result = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds,
                     method="highs", options={"presolve": False})
    if result.status != 0:
        raise RuntimeError(f"the scheduling LP of step {step} did not solve: {result.message}")
    x = np.maximum(result.x[:n_x], 0.0)
    return x, (n_col, n_rows), result.eqlin.marginals


def _candidate_rank(coef, ci, ki, vi, n_class):
    """Rank of each candidate within its (city, class), best (lowest coefficient) first."""
    d_index = ci * n_class + ki
    order = np.lexsort((coef[ci, ki, vi], d_index))
    rank = np.empty(ci.size, dtype=np.int64)
    d_sorted = d_index[order]
    rank[order] = np.arange(order.size) - np.searchsorted(d_sorted, d_sorted)
    return rank


def _solve_step(problem, step, demand, coef, queue_weight, ci, ki, vi, penalty, start=2):
    """The step's LP over every candidate, by column generation: solve with each (city, class)'s
    ``start`` best candidates, price the others with the duals (reduced cost
    c − y_demand − y_load / r), add those that would lower the objective, and repeat. The
    optimum is that of the LP over all candidates (the pricing proves it), at a fraction of the
    size, because most demand goes to one of its first venues."""
    if ci.size == 0:
        return np.zeros(0), (0, 0)
    rank = _candidate_rank(coef, ci, ki, vi, problem.n_class)
    active = rank < start
    n_d = problem.n_city * problem.n_class
    d_index = ci * problem.n_class + ki
    cost = coef[ci, ki, vi]
    for _ in range(50):
        idx = np.nonzero(active)[0]
        x_active, size, duals = _solve_lp(problem, step, demand, coef, queue_weight, ci[idx],
                                          ki[idx], vi[idx], penalty)
        y_demand, y_load = duals[:n_d], duals[n_d:]
        reduced = cost - y_demand[d_index] - y_load[vi] / problem.rate[ki, vi]
        entering = ~active & (reduced < -1e-9 * (1.0 + np.abs(cost)))
        if not entering.any():
            break
        active |= entering
    x = np.zeros(ci.size)
    x[idx] = x_active
    return x, size


def _greedy(problem, step, demand, coef, ci, ki, vi):
    """Proportional greedy over the pruned candidates, best-ranked first."""
    score = coef[ci, ki, vi]
    d_index = ci * problem.n_class + ki
    order = np.lexsort((score, d_index))
    d_sorted = d_index[order]
    rank = np.arange(order.size) - np.searchsorted(d_sorted, d_sorted)
    remaining = demand.ravel().astype(float).copy()
    free = problem.cap * problem.available[step]
    x = np.zeros(ci.size)
    for r in range(int(rank.max(initial=-1)) + 1):
        pick = order[rank == r]
        want = remaining[d_index[pick]]
        active = want > 0
        pick, want = pick[active], want[active]
        if pick.size == 0:
            break
        load = want / problem.rate[ki[pick], vi[pick]]
        asked = np.bincount(vi[pick], weights=load, minlength=problem.n_venue)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(asked > 0, np.minimum(1.0, free / asked), 0.0)
        got = want * share[vi[pick]]
        x[pick] = got
        np.subtract.at(remaining, d_index[pick], got)
        free = np.maximum(free - asked * share, 0.0)
        remaining = np.maximum(remaining, 0.0)
    return x


# --------------------------------------------------------------------------------------------
# the public function
# --------------------------------------------------------------------------------------------


def schedule(demand: xr.Dataset, venues: xr.Dataset, *, policy: str = "optimal", weights=None,
             candidates_per_city: int = 8, progress=None, workers="auto") -> xr.Dataset:
    """Assign each (time, city, request class) demand to venues.

    Parameters
    ----------
    demand : xarray.Dataset
        ``requests_per_s`` [s-1] on (time, city, request_class), ≥ 0, times strictly increasing
        (:func:`studies.workload.demand`).
    venues : xarray.Dataset
        Venue table on the same axes (:func:`studies.venues.venue_table`): per venue
        ``accelerators_available`` (time, venue), ``utilisation_cap``, per (request_class, venue)
        ``requests_per_s_per_accelerator``, ``service_time_s``, ``ttft_ms``,
        ``latency_transfer_ms``, ``latency_transfer_in_ms``, ``latency_compute_ms``,
        ``energy_per_request_j``, ``carbon_per_request_g``, ``cost_per_request_usd`` and the
        energy components ``energy_<part>_j``; per (time, city, venue) ``latency_access_ms``,
        ``latency_propagation_ms``, ``latency_ground_segment_ms``, ``latency_network_ms`` (their
        sum, NaN where the venue cannot be reached) and ``light_time_floor_ms``; per class
        ``latency_slo_s`` and ``ttft_slo_s`` (NaN: no TTFT bound).
    policy : {"optimal", "latency", "energy", "carbon", "cost"}, default "optimal"
        See :data:`POLICIES`.
    weights : mapping, optional
        Weights of ``latency``, ``energy``, ``carbon``, ``cost`` in the ``optimal`` objective
        (default 1 each; ≥ 0), applied to metric / scale (see the module notes).
    candidates_per_city : int, default 8
        Venues kept per (city, class) after the SLO pruning, best first by the policy's metric,
        in [1, 1000].
    progress : callable, optional
        Called with a short message every few steps (e.g. to print on stderr).
    workers : int or "auto", default "auto"
        Processes that solve time steps in parallel (steps are independent, so the result is
        identical to a serial run). "auto" uses every core for large problems (over a million
        (time, city, class) cells) and one process otherwise. Runs on dask's local process
        scheduler: nothing to start.

    Returns
    -------
    xarray.Dataset
        On (time, city, request_class, venue): ``served_requests_per_s`` [s-1],
        ``latency_<component>_ms`` for each of :data:`LATENCY_COMPONENTS` and
        ``latency_total_ms`` [ms] (NaN where nothing is served). On (time, city,
        request_class): ``demand_requests_per_s``, ``unserved_requests_per_s`` [s-1] and
        ``unserved_reason`` (0 served, 1 no venue within the SLO, 2 capacity; CF flags). On
        (time, venue): ``utilisation`` [1]. On (time,): ``objective`` (the policy's objective,
        the same function for every policy, with the ``optimal`` weights) and
        ``lp_variables``/``lp_constraints``. Per (venue, request_class) the energy, carbon and
        cost per request are carried over from the venue table.

    Raises
    ------
    ValueError
        Unknown policy or weight, negative or NaN demand or weights, unsorted times, axes that
        differ between demand and venues, no venue.

    Notes
    -----
    Conservation holds by construction: served + unserved = demand for every (time, city,
    class). See the module docstring for the queueing model and the LP.
    """
    weights = _check_policy(policy, weights)
    candidates_per_city = int(candidates_per_city)
    if not 1 <= candidates_per_city <= 1000:
        raise ValueError(f"candidates_per_city: {candidates_per_city} is outside the allowed "
                         "range [1, 1000]")
    _check_inputs(demand, venues)
    n_time = demand.sizes["time"]
    if workers == "auto":
        cells = n_time * demand.sizes["city"] * demand.sizes["request_class"]
        workers = (os.cpu_count() or 1) if cells > 1_000_000 else 1
    workers = int(workers)
    if not 1 <= workers <= 1024:
        raise ValueError(f"workers: {workers} is outside the allowed range [1, 1024]")
    rate = demand["requests_per_s"].transpose("time", "city", "request_class").values
    arrays = _arrays(venues)
    edges = np.linspace(0, n_time, min(workers, max(1, n_time // 2)) + 1).astype(int)
    args = (policy, weights, candidates_per_city)
    if len(edges) > 2:
        import dask

        if progress is not None:
            progress(f"scheduling {n_time} steps in {len(edges) - 1} processes ({policy})")
        tasks = [dask.delayed(_solve_steps)(_time_slice(arrays, lo, hi), rate[lo:hi], *args)
                 for lo, hi in zip(edges[:-1], edges[1:])]
        parts = dask.compute(*tasks, scheduler="processes", num_workers=len(edges) - 1)
    else:
        parts = [_solve_steps(arrays, rate, *args, progress=progress)]
    solution = {key: np.concatenate([p[key] for p in parts]) for key in parts[0] if key != "x"}
    solution["x"] = [x for p in parts for x in p["x"]]
    if progress is not None and len(edges) > 2:
        progress(f"scheduled step {n_time}/{n_time} ({policy})")
    return _result(demand, venues, solution, policy, weights)


def _solve_steps(arrays, rate, policy, weights, candidates_per_city, progress=None) -> dict:
    """Solve every step of a time slice; return the solution compactly (numpy only, so a slice
    can run in another process)."""
    problem = _Problem(arrays, policy, weights, candidates_per_city)
    objective_problem = (problem if policy == "optimal"
                         else _Problem(arrays, "optimal", weights, candidates_per_city))
    n_t, n_c, n_k = rate.shape
    n_v = problem.n_venue
    out = {"step": np.arange(n_t), "queue_ms": np.zeros((n_t, n_k, n_v)),
           "unserved": np.zeros((n_t, n_c, n_k)), "reason": np.zeros((n_t, n_c, n_k), np.int8),
           "utilisation": np.zeros((n_t, n_v)), "objective": np.zeros(n_t),
           "lp_size": np.zeros((n_t, 2), dtype=np.int64), "x": []}
    for step in range(n_t):
        zero, first, feasible = problem.step_inputs(step)
        coef, queue_weight = problem.coefficients(first)
        ci, ki, vi = _prune(coef, feasible, problem.k)
        d = rate[step]
        opt_coef, opt_queue_weight = (objective_problem.coefficients(first)
                                      if objective_problem is not problem else (coef, queue_weight))
        penalty = 10.0 * float(np.max(opt_coef[feasible], initial=1.0)) + 10.0
        if policy == "optimal":
            x, out["lp_size"][step] = _solve_step(problem, step, d, coef, queue_weight, ci, ki, vi,
                                                  penalty)
        else:
            x = _greedy(problem, step, d, coef, ci, ki, vi)
        keep = x > 0
        out["x"].append((ci[keep], ki[keep], vi[keep], x[keep]))
        load = np.bincount(vi, weights=x / problem.rate[ki, vi], minlength=n_v)
        with np.errstate(divide="ignore", invalid="ignore"):
            rho = np.where(problem.available[step] > 0, load / problem.available[step], 0.0)
            out["queue_ms"][step] = 1e3 * np.where(problem.rate > 0, waiting_time_s(
                rho[None, :], problem.servers(step), np.nan_to_num(problem.service)), 0.0)
        out["utilisation"][step] = rho
        served = np.bincount(ci * n_k + ki, weights=x, minlength=n_c * n_k).reshape(n_c, n_k)
        left = np.maximum(d - served, 0.0)
        left[left < 1e-9 * np.maximum(d, 1.0)] = 0.0
        out["unserved"][step] = left
        out["reason"][step] = np.where(left > 0, np.where(feasible.any(axis=-1), 2, 1), 0)
        out["objective"][step] = (float(np.sum(x * opt_coef[ci, ki, vi]))
                                  + penalty * float(left.sum())
                                  + opt_queue_weight * float(_queue_cost(problem, step, load).sum()))
        if progress is not None and (step % max(1, n_t // 10) == 0 or step == n_t - 1):
            progress(f"scheduled step {step + 1}/{n_t} ({policy})")
    return out


def _result(demand, table, solution, policy, weights):
    dims4 = ("time", "city", "request_class", "venue")
    t = table
    n_t, n_c, n_k = demand["requests_per_s"].shape if demand["requests_per_s"].dims == (
        "time", "city", "request_class") else demand["requests_per_s"].transpose(
        "time", "city", "request_class").shape
    n_v = t.sizes["venue"]
    served = np.zeros((n_t, n_c, n_k, n_v), dtype=np.float32)
    for step, (ci, ki, vi, x) in enumerate(solution["x"]):
        served[step, ci, ki, vi] = x
    mask = served > 0
    # Components keep their natural dims (they broadcast); only the total is per request.
    per_tcv = ("time", "city", "venue")
    per_kv = ("request_class", "venue")
    comps = {
        "access": (per_tcv, t["latency_access_ms"].transpose(*per_tcv).values),
        "propagation": (per_tcv, t["latency_propagation_ms"].transpose(*per_tcv).values),
        "ground_segment": (per_tcv, t["latency_ground_segment_ms"].transpose(*per_tcv).values),
        "transfer": (per_kv, t["latency_transfer_ms"].transpose(*per_kv).values),
        "queueing": (("time", "request_class", "venue"), solution["queue_ms"]),
        "compute": (per_kv, t["latency_compute_ms"].transpose(*per_kv).values),
    }
    total = (comps["access"][1] + comps["propagation"][1] + comps["ground_segment"][1])[
        :, :, None, :].astype(np.float32)
    total = total + (comps["transfer"][1] + comps["compute"][1])[None, None].astype(np.float32)
    total += solution["queue_ms"][:, None].astype(np.float32)
    data = {}
    for name in LATENCY_COMPONENTS:
        dims, values = comps[name]
        data[f"latency_{name}_ms"] = (dims, values, {
            "units": "ms", "long_name": f"latency: {name.replace('_', ' ')}"
            + (" (round trip)" if name not in ("compute", "queueing") else "")})
    data["latency_total_ms"] = (dims4, np.where(mask, total, np.float32(np.nan)),
                                {"units": "ms", "long_name": "end-to-end latency of a request "
                                 "(NaN where none is served)"})
    data["served_requests_per_s"] = (dims4, served, {"units": "s-1",
                                                     "long_name": "requests served per second"})
    data["light_time_floor_ms"] = (per_tcv, t["light_time_floor_ms"].transpose(*per_tcv).values,
                                   {"units": "ms", "long_name": "vacuum light time of the "
                                    "geometric path, round trip"})
    dims3 = ("time", "city", "request_class")
    data["demand_requests_per_s"] = (dims3, demand["requests_per_s"].transpose(*dims3).values,
                                     {"units": "s-1", "long_name": "requests asked per second"})
    data["unserved_requests_per_s"] = (dims3, solution["unserved"], {
        "units": "s-1", "long_name": "requests no venue could serve"})
    data["unserved_reason"] = (dims3, solution["reason"], {
        "units": "1", "long_name": "why demand was not served",
        "flag_values": np.arange(3, dtype=np.int8),
        "flag_meanings": " ".join(r.replace(" ", "_") for r in _UNSERVED_REASONS)})
    data["utilisation"] = (("time", "venue"), solution["utilisation"],
                           {"units": "1", "long_name": "share of usable accelerators busy"})
    data["objective"] = (("time",), solution["objective"], {
        "units": "1", "long_name": "weighted objective (the optimal policy's)"})
    data["lp_variables"] = (("time",), solution["lp_size"][:, 0], {"units": "1",
                                                                  "long_name": "LP columns"})
    data["lp_constraints"] = (("time",), solution["lp_size"][:, 1], {"units": "1",
                                                                    "long_name": "LP rows"})
    per_request = [v for v in t.data_vars if v.startswith("energy_") or v in
                   ("carbon_per_request_g", "cost_per_request_usd", "output_tokens")]
    out = xr.Dataset(data, coords={"time": demand["time"].values, "city": demand["city"].values,
                                   "request_class": demand["request_class"].values,
                                   "venue": t["venue"].values})
    for name in per_request:
        out[name] = t[name]
    for name, coord in demand.coords.items():
        if name not in out.coords and set(coord.dims) <= {"city", "request_class"}:
            out = out.assign_coords({name: coord})
    for name, coord in t.coords.items():
        if name not in out.coords and set(coord.dims) <= {"venue"}:
            out = out.assign_coords({name: coord})
    out.attrs.update({"policy": policy, "weights": str(weights)})
    if t.attrs.get("zero_capacity_venues"):
        out.attrs["zero_capacity_venues"] = t.attrs["zero_capacity_venues"]
    return out


# --------------------------------------------------------------------------------------------
# summary
# --------------------------------------------------------------------------------------------


def _weighted_quantiles(values, weights, quantiles):
    keep = np.isfinite(values) & (weights > 0)
    if not keep.any():
        return [float("nan")] * len(quantiles)
    order = np.argsort(values[keep])
    v, w = values[keep][order], weights[keep][order]
    cumulative = (np.cumsum(w) - 0.5 * w) / w.sum()
    return [float(np.interp(q, cumulative, v)) for q in quantiles]


def summary(ds: xr.Dataset) -> pd.DataFrame:
    """A tidy table per venue and request class (plus unserved rows).

    Parameters
    ----------
    ds : xarray.Dataset
        The output of :func:`schedule` (or :func:`studies.compare.run`).

    Returns
    -------
    pandas.DataFrame
        One row per (venue, request_class) that serves anything, then one ``unserved`` row per
        class with demand left: ``share_served`` [1] (of the class's demand), request-weighted
        ``latency_p50_ms``, ``latency_p95_ms``, ``latency_p99_ms`` [ms], ``energy_j`` and
        ``energy_wh`` per request, ``carbon_g`` per request [g CO2e], ``usd_per_million_tokens``
        (output tokens; NaN for classes without tokens), ``requests_per_s`` (mean over time).
        Venues with zero capacity everywhere are listed with a ``warning``.
    """
    served = ds["served_requests_per_s"]
    total_latency = ds["latency_total_ms"]
    demand_total = ds["demand_requests_per_s"].sum(("time", "city"))
    rows = []
    available = ds.attrs.get("zero_capacity_venues", "")
    zero_capacity = set(filter(None, str(available).split(",")))
    for venue in ds["venue"].values:
        for klass in ds["request_class"].values:
            s = served.sel(venue=venue, request_class=klass).values.astype(float)
            if s.sum() <= 0:
                continue
            lat = total_latency.sel(venue=venue, request_class=klass).values.astype(float)
            p50, p95, p99 = _weighted_quantiles(lat.ravel(), s.ravel(), (0.5, 0.95, 0.99))
            energy = float(ds["energy_per_request_j"].sel(venue=venue, request_class=klass))
            tokens = (float(ds["output_tokens"].sel(request_class=klass))
                      if "output_tokens" in ds else float("nan"))
            cost = float(ds["cost_per_request_usd"].sel(venue=venue, request_class=klass))
            rows.append({
                "venue": str(venue),
                "kind": str(ds["venue_kind"].sel(venue=venue).values) if "venue_kind" in ds.coords
                else "",
                "request_class": str(klass),
                "share_served": float(s.sum() / max(float(demand_total.sel(request_class=klass)),
                                                    1e-300)),
                "requests_per_s": float(s.sum(axis=(1,)).mean()) if s.ndim > 1 else float(s.mean()),
                "latency_p50_ms": p50, "latency_p95_ms": p95, "latency_p99_ms": p99,
                "energy_j": energy, "energy_wh": energy / 3600.0,
                "carbon_g": float(ds["carbon_per_request_g"].sel(venue=venue, request_class=klass)),
                "usd_per_million_tokens": cost / tokens * 1e6 if tokens > 0 else float("nan"),
                "warning": "",
            })
    unserved = ds["unserved_requests_per_s"]
    for klass in ds["request_class"].values:
        u = float(unserved.sel(request_class=klass).sum())
        if u <= 0:
            continue
        reasons = ds["unserved_reason"].sel(request_class=klass).values
        weights_by_reason = [float(unserved.sel(request_class=klass).values[reasons == r].sum())
                             for r in (1, 2)]
        rows.append({"venue": "unserved", "kind": "", "request_class": str(klass),
                     "share_served": u / max(float(demand_total.sel(request_class=klass)), 1e-300),
                     "requests_per_s": u / ds.sizes["time"],
                     "warning": _UNSERVED_REASONS[1 + int(np.argmax(weights_by_reason))]})
    for venue in sorted(zero_capacity):
        rows.append({"venue": venue, "kind": "", "request_class": "", "share_served": 0.0,
                     "requests_per_s": 0.0, "warning": "zero capacity over the whole span"})
    columns = ["venue", "kind", "request_class", "share_served", "requests_per_s", "latency_p50_ms",
               "latency_p95_ms", "latency_p99_ms", "energy_j", "energy_wh", "carbon_g",
               "usd_per_million_tokens", "warning"]
    table = pd.DataFrame(rows, columns=columns)
    table.attrs["units"] = {"share_served": "1", "requests_per_s": "s-1", "latency_p50_ms": "ms",
                            "latency_p95_ms": "ms", "latency_p99_ms": "ms", "energy_j": "J",
                            "energy_wh": "Wh", "carbon_g": "g CO2e",
                            "usd_per_million_tokens": "USD per 1e6 output tokens"}
    if zero_capacity:
        warnings.warn(f"venues with zero capacity over the whole span: {sorted(zero_capacity)}",
                      stacklevel=2)
    return table
