"""Figures (studies.plots) on a small synthetic comparison result: each kind writes a PNG,
and bad requests name what is wrong."""

import numpy as np
import pytest
import xarray as xr

from studies import plots

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def comparison() -> xr.Dataset:
    """A one-day, three-city, two-class, three-venue result in the layout of studies.compare.run."""
    rng = np.random.default_rng(11)
    times = np.datetime64("2026-06-21") + np.arange(48) * np.timedelta64(1800, "s")
    shape = (48, 3, 2, 3)
    return xr.Dataset(
        {"served_requests_per_s": (("time", "city", "request_class", "venue"), rng.random(shape) * 50,
                                   {"units": "s-1", "long_name": "requests served"}),
         "latency_total_ms": (("time", "city", "request_class", "venue"), 5 + rng.random(shape) * 900,
                              {"units": "ms", "long_name": "end-to-end latency"}),
         "latency_network_ms": (("time", "city", "request_class", "venue"), rng.random(shape) * 100,
                                {"units": "ms", "long_name": "network latency"}),
         "energy_compute_j": (("venue", "request_class"), rng.random((3, 2)) * 100,
                              {"units": "J", "long_name": "compute energy per request"}),
         "energy_network_j": (("venue", "request_class"), rng.random((3, 2)) * 10,
                              {"units": "J", "long_name": "network energy per request"}),
         "accelerators_available": (("time", "venue"), rng.random((48, 3)) * 200,
                                    {"units": "1", "long_name": "usable accelerators"}),
         "compute_duty_cycle": (("time", "venue"), rng.random((48, 3)),
                                {"units": "1", "long_name": "compute duty cycle"})},
        coords={"time": times, "city": ["Paris,FR", "Lagos,NG", "Tokyo,JP"],
                "request_class": ["chat", "batch"], "venue": ["dawn-dusk", "ovh-gra", "us-fleet"],
                "venue_kind": ("venue", ["orbital", "cloud", "fleet"]),
                "lat": ("city", [48.86, 6.45, 35.68], {"units": "degrees_north"}),
                "lon": ("city", [2.35, 3.39, 139.69], {"units": "degrees_east"}),
                "venue_lat": ("venue", [np.nan, 50.69, 39.0], {"units": "degrees_north"}),
                "venue_lon": ("venue", [np.nan, 3.17, -98.0], {"units": "degrees_east"})}).assign(
        energy_per_request_j=lambda d: (d.energy_compute_j + d.energy_network_j).assign_attrs(
            units="J", long_name="energy per request"))


@pytest.mark.parametrize("kind", list(plots.KINDS))
def test_each_kind_writes_a_non_empty_png(tmp_path, kind):
    out = plots.plot(comparison(), kind, tmp_path / f"{kind}.png")
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000


def test_a_sweep_must_be_reduced_to_one_point_first(tmp_path):
    swept = xr.concat([comparison(), comparison()], dim="altitude_km")
    with pytest.raises(ValueError, match=r"'latency_total_ms' has the extra dimension\(s\) "
                                         r"altitude_km: 2; select one point first"):
        plots.plot(swept, "latency-cdf", tmp_path / "x.png")
    plots.plot(swept.isel(altitude_km=0), "latency-cdf", tmp_path / "x.png")


def test_unknown_kind_and_missing_variable_are_named(tmp_path):
    with pytest.raises(ValueError, match=r"kind: 'latency-cfd' is not a figure "
                                         r"\(did you mean 'latency-cdf'\?\)"):
        plots.plot(comparison(), "latency-cfd", tmp_path / "x.png")
    with pytest.raises(ValueError, match="needs the variable 'accelerators_available'"):
        plots.plot(comparison().drop_vars("accelerators_available"), "power", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_latency_cdf_is_weighted_by_requests(tmp_path):
    """Two latencies, 10 ms serving 3 req/s and 100 ms serving 1 req/s: the weighted CDF
    reaches 0.75 at 10 ms (an unweighted one would give 0.5)."""
    from matplotlib.figure import Figure

    ds = comparison().isel(time=[0], city=[0], request_class=[0, 1], venue=[0])
    ds["latency_total_ms"][:] = np.array([10.0, 100.0]).reshape(1, 1, 2, 1)
    ds["served_requests_per_s"][:] = np.array([3.0, 1.0]).reshape(1, 1, 2, 1)
    figure = Figure()
    plots.KINDS["latency-cdf"](ds, figure, "latency-cdf")
    line = figure.axes[0].lines[0]
    assert list(line.get_xdata()) == [10.0, 100.0] and list(line.get_ydata()) == [0.75, 1.0]
