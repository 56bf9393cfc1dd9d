"""Batch sweeps (studies.sweep): grid and space-filling points, Dask on local processes or an
existing cluster with identical results, resume after SIGKILL, refusal of a changed sweep.

The scenario functions (load / override / hash) and the runners here are small stand-ins with
the shapes of studies.scenario and studies.compare.run: a scenario is a nested dict, and the
propagating runner runs the real orbit propagation and shadow model on a tiny shell.
"""

import copy
import hashlib
import importlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from studies import sweep as sweeps

# --------------------------------------------------------------------------------------------
# stand-ins for studies.scenario and studies.compare.run
# --------------------------------------------------------------------------------------------

BASE_SCENARIO = {
    "name": "fake",
    "time": {"start": "2026-06-21T00:00:00", "hours": 1.0, "step_s": 600.0},
    "orbital": [{"constellation": {"altitude_km": 550.0, "inclination_deg": 53.0, "planes": 2},
                 "design": {"radiator_area_m2": 10.0}}],
    "fake": {"sleep_s": 0.0},
}
ALTITUDE_RANGE_KM = (160.0, 2000.0)


def load_scenario(reference):
    if str(reference) != "fake":
        raise ValueError(f"no scenario named {reference!r}; available: fake")
    return copy.deepcopy(BASE_SCENARIO)


def with_overrides(scenario, overrides):
    scenario = copy.deepcopy(scenario)
    for path, value in overrides.items():
        *parents, leaf = path.split(".")
        node = scenario
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if leaf not in node:
            raise ValueError(f"{path}: no such scenario field")
        if leaf == "altitude_km" and not ALTITUDE_RANGE_KM[0] <= value <= ALTITUDE_RANGE_KM[1]:
            raise ValueError(f"{path}: {value} km is outside the allowed range [160, 2000] km")
        node[leaf] = value
    return scenario


def scenario_hash(scenario):
    return hashlib.sha256(json.dumps(scenario, sort_keys=True).encode()).hexdigest()


FAKE_API = types.SimpleNamespace(load_scenario=load_scenario, with_overrides=with_overrides,
                                 scenario_hash=scenario_hash)


def analytic_runner(scenario):
    """Values that depend on every swept field, with the layout of studies.compare.run."""
    time.sleep(scenario["fake"]["sleep_s"])
    altitude_km = scenario["orbital"][0]["constellation"]["altitude_km"]
    area_m2 = scenario["orbital"][0]["design"]["radiator_area_m2"]
    times = np.datetime64("2026-06-21") + np.arange(3) * np.timedelta64(600, "s")
    venues = ["orbital", "cloud"]
    latency = np.array([[2e3 * altitude_km / 299792.458 + 5.0, 30.0]] * 3) + np.arange(3)[:, None]
    return xr.Dataset(
        {"latency_total_ms": (("time", "venue"), latency,
                              {"units": "ms", "long_name": "total latency"}),
         "energy_per_request_j": ("venue", [100.0 / area_m2, 3.0],
                                  {"units": "J", "long_name": "energy per request"}),
         "fits": ("venue", [altitude_km < 1000.0, True], {"units": "1", "long_name": "fits"})},
        coords={"time": times, "venue": venues,
                "venue_kind": ("venue", ["orbital", "cloud"], {"long_name": "kind of venue"})})


def propagating_runner(scenario):
    """Real physics on a tiny shell: sunlit fraction of a 2 x 2 Walker shell over the span."""
    from orbital import orbits, sun

    constellation = scenario["orbital"][0]["constellation"]
    span = scenario["time"]
    steps = int(span["hours"] * 3600 / span["step_s"])
    times = np.datetime64(span["start"]) + np.arange(steps) * np.timedelta64(int(span["step_s"]), "s")
    shell = orbits.walker_delta(constellation["altitude_km"], constellation["inclination_deg"],
                                constellation["planes"], 2, epoch="2026-06-21")
    sunlit = sun.shadow_fraction(orbits.propagate(shell, times)).mean("satellite")
    return xr.Dataset({"sunlit_fraction": ("time", sunlit.values,
                                           {"units": "1", "long_name": "mean sunlit fraction"})},
                      coords={"time": times})


def write_sweep(folder, text, name="sweep.toml"):
    path = Path(folder) / name
    path.write_text(textwrap.dedent(text))
    return path


GRID = """
    name = "grid-test"
    scenario = "fake"
    [fields.altitude_km]
    path = "orbital.0.constellation.altitude_km"
    values = [550.0, 1200.0]
    [fields.radiator_area_m2]
    path = "orbital.0.design.radiator_area_m2"
    start = 5.0
    stop = 15.0
    step = 5.0
"""


@pytest.fixture(scope="module")
def cluster():
    """A real two-process Dask cluster, shared by the tests that run sweeps on 'an existing
    cluster' (starting one costs seconds)."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as local:
        yield local


# --------------------------------------------------------------------------------------------
# the sweep file
# --------------------------------------------------------------------------------------------


def test_grid_points_are_the_cartesian_product_in_file_order(tmp_path):
    sweep = sweeps.load_sweep(write_sweep(tmp_path, GRID))
    assert sweep.dims == ("altitude_km", "radiator_area_m2")
    assert sweep.fields[1].values == (5.0, 10.0, 15.0)  # stop included when on the grid
    assert [tuple(p.values()) for p in sweep.points()] == [
        (550.0, 5.0), (550.0, 10.0), (550.0, 15.0), (1200.0, 5.0), (1200.0, 10.0), (1200.0, 15.0)]
    assert sweep.fields[0].units == "km" and sweep.fields[1].units == "m2"


def test_linspace_and_integer_ranges(tmp_path):
    sweep = sweeps.load_sweep(write_sweep(tmp_path, """
        scenario = "fake"
        [fields.x_km]
        linspace = [0.0, 1.0, 5]
        [fields.planes]
        start = 1
        stop = 7
        step = 3
    """))
    assert sweep.fields[0].values == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert sweep.fields[1].values == (1, 4, 7) and all(type(v) is int for v in sweep.fields[1].values)


@pytest.mark.parametrize("method", ["latin-hypercube", "sobol"])
def test_space_filling_samples_stay_in_bounds_and_fill_each_stratum(tmp_path, method):
    """A Latin hypercube puts exactly one point in each of the N equal strata of every field
    (McKay, Beckman & Conover 1979); a scrambled Sobol' sample of 2^m points has the same
    property for N = 2^m strata (one point per elementary interval, Owen 1998)."""
    sweep = sweeps.load_sweep(write_sweep(tmp_path, f"""
        scenario = "fake"
        method = "{method}"
        samples = 16
        seed = 7
        [fields.altitude_km]
        path = "orbital.0.constellation.altitude_km"
        bounds = [400.0, 1200.0]
        [fields.planes]
        path = "orbital.0.constellation.planes"
        bounds = [1, 4]
        integer = true
    """))
    points = sweep.points()
    altitudes = np.array([p["altitude_km"] for p in points])
    strata = np.floor((altitudes - 400.0) / 800.0 * 16).astype(int)
    assert sorted(strata) == list(range(16))
    planes = [p["planes"] for p in points]
    assert all(type(p) is int for p in planes) and sorted(set(planes)) == [1, 2, 3, 4]
    assert planes.count(1) == planes.count(4) == 4  # integer bins are equally likely
    assert sweep.points() == points  # same seed, same points


S = 'scenario = "fake"\n'
LHS = S + 'method = "latin-hypercube"\nsamples = 4\n'


@pytest.mark.parametrize("text, key", [
    (S + "smaples = 3\n[fields.a_km]\nvalues = [1.0]", "'smaples' (did you mean 'samples'?)"),
    (S + "[fields.a_km]\nvalus = [1.0]", "'valus' (did you mean 'values'?)"),
    (S + "[fields.a_km]\nstart = 1.0\nstop = 3.0\nstep = -1.0", "fields.a_km.step = -1.0 must be > 0"),
    (S + "[fields.a_km]\nstart = 5.0\nstop = 3.0\nstep = 1.0", "fields.a_km.stop = 3.0 must be >= start"),
    (S + "[fields.a_km]\nvalues = [1.0, 1.0]", "fields.a_km.values = [1.0, 1.0] repeats"),
    (S + "[fields.a_km]\nvalues = []", "fields.a_km.values = [] must be a non-empty list"),
    (S + "[fields.a_km]\nvalues = [1.0]\nlinspace = [0.0, 1.0, 3]", "fields.a_km: give exactly one of"),
    (S + 'method = "sobol"\nsamples = 10\n[fields.a_km]\nbounds = [0.0, 1.0]', "samples = 10: a Sobol"),
    (LHS + "[fields.a_km]\nbounds = [2.0, 1.0]", "fields.a_km.bounds = [2.0, 1.0]: low must be < high"),
    (LHS + "[fields.a_km]\nvalues = [1.0]", "fields.a_km.values: method = 'latin-hypercube' samples"),
    (S + 'method = "latin-hypercub"\n[fields.a_km]\nvalues = [1.0]', "(did you mean 'latin-hypercube'?)"),
    (S + "seed = 3\n[fields.a_km]\nvalues = [1.0]", "seed = 3 only applies to"),
    (S + "[fields.orbital.0.altitude_km]\nvalues = [1.0]", "a dotted path must be quoted"),
    (S + "[fields.sample]\nvalues = [1.0]", "fields.sample: 'sample' is reserved"),
    ("[fields.a_km]\nvalues = [1.0]", "missing key 'scenario'"),
    (S + "[fields", "not valid TOML"),
])
def test_bad_sweep_files_give_one_line_naming_file_and_key(tmp_path, text, key):
    path = write_sweep(tmp_path, text)
    with pytest.raises(sweeps.SweepError) as caught:
        sweeps.load_sweep(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert key in message
    assert isinstance(caught.value, ValueError)


def test_an_unknown_base_scenario_is_named(tmp_path):
    path = write_sweep(tmp_path, 'scenario = "nope"\n[fields.a_km]\nvalues = [1.0]')
    with pytest.raises(sweeps.SweepError, match=r"sweep.toml: scenario = 'nope': no scenario named"):
        sweeps.run_sweep(path, tmp_path / "s.zarr", runner=analytic_runner, scenario_api=FAKE_API)


def test_a_multi_line_scenario_error_is_reported_on_one_line(tmp_path):
    def refuse(scenario, overrides):
        raise ValueError("1 validation error for Scenario\norbital.0.planes\n  Input should be > 0")

    api = types.SimpleNamespace(load_scenario=load_scenario, with_overrides=refuse,
                                scenario_hash=scenario_hash)
    text = 'scenario = "fake"\n[fields.planes]\npath = "orbital.0.planes"\nvalues = [0]'
    path = write_sweep(tmp_path, text)
    with pytest.raises(sweeps.SweepError) as caught:
        sweeps.run_sweep(path, tmp_path / "s.zarr", runner=analytic_runner, scenario_api=api)
    assert "\n" not in str(caught.value)
    assert str(caught.value).endswith(
        "= 0: 1 validation error for Scenario orbital.0.planes Input should be > 0")


@pytest.mark.parametrize("field, expected", [
    ('path = "orbital.0.constellation.altitude_km"\nvalues = [550.0, 90.0]',
     "fields.a_km (path 'orbital.0.constellation.altitude_km') = 90.0: orbital.0.constellation."
     "altitude_km: 90.0 km is outside the allowed range [160, 2000] km"),
    ('path = "orbital.0.design.radiator_aera_m2"\nvalues = [5.0]', "no such scenario field"),
])
def test_values_the_scenario_refuses_are_reported_before_any_work(tmp_path, field, expected):
    path = write_sweep(tmp_path, f'scenario = "fake"\n[fields.a_km]\n{field}')
    with pytest.raises(sweeps.SweepError, match="^" + str(path).replace("\\", "\\\\")) as caught:
        sweeps.run_sweep(path, tmp_path / "store.zarr", runner=analytic_runner, scenario_api=FAKE_API,
                         scheduler="tcp://127.0.0.1:9")  # never reached: checks come first
    assert expected in str(caught.value)
    assert not (tmp_path / "store.zarr").exists()


# --------------------------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------------------------


def assert_bitwise_identical(a: xr.Dataset, b: xr.Dataset):
    xr.testing.assert_identical(a, b)
    for name in a.variables:
        assert a[name].values.tobytes() == b[name].values.tobytes(), name


def test_grid_sweep_stacks_one_dimension_per_field(tmp_path, cluster):
    path = write_sweep(tmp_path, GRID)
    result = sweeps.run_sweep(path, tmp_path / "grid.zarr", runner=analytic_runner,
                              scenario_api=FAKE_API, scheduler=cluster.scheduler_address,
                              progress=False)
    assert result.latency_total_ms.dims == ("altitude_km", "radiator_area_m2", "time", "venue")
    assert result.altitude_km.values.tolist() == [550.0, 1200.0]
    assert result.altitude_km.attrs["units"] == "km"
    # each cell holds its own point's run
    for altitude in (550.0, 1200.0):
        for area in (5.0, 10.0, 15.0):
            scenario = with_overrides(BASE_SCENARIO, {"orbital.0.constellation.altitude_km": altitude,
                                                      "orbital.0.design.radiator_area_m2": area})
            expected = analytic_runner(scenario)
            cell = result.sel(altitude_km=altitude, radiator_area_m2=area)
            for name in expected.data_vars:
                np.testing.assert_array_equal(cell[name].values, expected[name].values)
    assert result.fits.dtype == bool and result.venue_kind.dtype.kind == "U"
    assert result.latency_total_ms.attrs == {"units": "ms", "long_name": "total latency"}
    assert json.loads(result.attrs["sweep_definition"])["runner"].endswith("analytic_runner")
    xr.testing.assert_identical(sweeps.open_sweep(tmp_path / "grid.zarr"), result)


def test_a_finished_store_holds_the_stacked_result_as_a_plain_zarr_group(tmp_path, cluster):
    # Any Zarr reader opens a finished sweep without orbital-dc: group "result" holds what
    # open_sweep stacks from the points (text as Zarr v3 variable-length strings).
    path = write_sweep(tmp_path, GRID)
    store = tmp_path / "grid.zarr"
    result = sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                              scheduler=cluster.scheduler_address, progress=False)
    with xr.open_zarr(store, group=sweeps.RESULT_GROUP, consolidated=False, chunks=None) as plain:
        plain = plain.load()
    assert set(plain.variables) == set(result.variables)
    for name, variable in result.variables.items():
        assert plain[name].dims == variable.dims, name
        assert plain[name].attrs == variable.attrs, name
        np.testing.assert_array_equal(plain[name].values.astype(variable.dtype), variable.values)
    assert plain.attrs["sweep_hash"] == result.attrs["sweep_hash"]
    # debris of a result write that was killed is cleared when the store is opened again
    debris = store / f".tmp-{sweeps.RESULT_GROUP}-dead"
    debris.mkdir()
    sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                     scheduler=cluster.scheduler_address, progress=False)
    assert not debris.exists()


def test_sampled_sweep_has_a_sample_dimension_with_the_values_as_coordinates(tmp_path, cluster):
    path = write_sweep(tmp_path, """
        scenario = "fake"
        method = "latin-hypercube"
        samples = 5
        seed = 1
        [fields.altitude_km]
        path = "orbital.0.constellation.altitude_km"
        bounds = [400.0, 1200.0]
    """)
    result = sweeps.run_sweep(path, tmp_path / "lhs.zarr", runner=analytic_runner,
                              scenario_api=FAKE_API, scheduler=cluster.scheduler_address,
                              progress=False)
    assert result.latency_total_ms.dims == ("sample", "time", "venue")
    assert result.altitude_km.dims == ("sample",)
    expected = 2e3 * result.altitude_km / 299792.458 + 5.0
    np.testing.assert_array_equal(result.latency_total_ms.isel(time=0, venue=0), expected)


def test_existing_cluster_gives_bit_identical_results_to_the_embedded_local_cluster(tmp_path, cluster):
    """Real propagation + shadow in the workers of a separately started 2-process cluster,
    reached by its address, against the sweep's own embedded LocalCluster."""
    path = write_sweep(tmp_path, """
        scenario = "fake"
        [fields.altitude_km]
        path = "orbital.0.constellation.altitude_km"
        values = [400.0, 800.0, 1400.0]
        [fields.inclination_deg]
        path = "orbital.0.constellation.inclination_deg"
        values = [53.0, 97.6]
    """)
    remote = sweeps.run_sweep(path, tmp_path / "remote.zarr", runner=propagating_runner,
                              scenario_api=FAKE_API, scheduler=cluster.scheduler_address,
                              progress=False)
    local = sweeps.run_sweep(path, tmp_path / "local.zarr", runner=propagating_runner,
                             scenario_api=FAKE_API, workers=2, progress=False)
    assert_bitwise_identical(remote, local)
    fractions = remote.sunlit_fraction.values
    assert fractions.shape == (3, 2, 6) and np.all((fractions >= 0) & (fractions <= 1))
    assert fractions.min() < 1  # some satellite enters the shadow within the hour


def test_environment_scheduler_address_is_used(tmp_path, cluster, monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    path = write_sweep(tmp_path, GRID)
    result = sweeps.run_sweep(path, tmp_path / "env.zarr", runner=analytic_runner,
                              scenario_api=FAKE_API, progress=False)
    assert result.sizes["altitude_km"] == 2


def test_a_scheduler_that_does_not_answer_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sweeps, "SCHEDULER_TIMEOUT_S", 1.0)  # the default, 5 s, only makes it slower
    path = write_sweep(tmp_path, GRID)
    start = time.monotonic()
    with pytest.raises(ConnectionError, match=r"scheduler = 'tcp://127.0.0.1:9': no Dask scheduler "
                                              r"answered within 1 s"):
        sweeps.run_sweep(path, tmp_path / "s.zarr", runner=analytic_runner, scenario_api=FAKE_API,
                         scheduler="tcp://127.0.0.1:9", progress=False)
    assert time.monotonic() - start < 20


def test_a_changed_sweep_file_is_refused_against_an_existing_store(tmp_path, cluster):
    path = write_sweep(tmp_path, GRID)
    store = tmp_path / "store.zarr"
    sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                     scheduler=cluster.scheduler_address, progress=False)
    write_sweep(tmp_path, GRID.replace("[550.0, 1200.0]", "[550.0, 1300.0]"))
    with pytest.raises(sweeps.SweepError, match=r"holds another sweep .* \(changed: points\)\. "
                                                r"Refusing to mix"):
        sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                         scheduler=cluster.scheduler_address, progress=False)
    with pytest.raises(sweeps.SweepError, match=r"changed: runner"):
        sweeps.run_sweep(write_sweep(tmp_path, GRID), store, runner=propagating_runner,
                         scenario_api=FAKE_API, scheduler=cluster.scheduler_address, progress=False)
    # a new description alone does not change what the points compute
    write_sweep(tmp_path, GRID.replace('name = "grid-test"', 'name = "grid-test"\ndescription = "x"'))
    sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                     scheduler="tcp://127.0.0.1:9", progress=False)  # all done: no cluster needed


def test_debris_of_a_killed_point_write_is_ignored_and_the_point_rerun(tmp_path, cluster):
    path = write_sweep(tmp_path, GRID)
    store = tmp_path / "store.zarr"
    complete = sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                                scheduler=cluster.scheduler_address, progress=False)
    import shutil

    shutil.move(store / "points" / "4", store / "points" / ".tmp-4-deadbeef")
    with pytest.raises(sweeps.SweepError, match="5 of 6 points finished"):
        sweeps.open_sweep(store)
    resumed = sweeps.run_sweep(path, store, runner=analytic_runner, scenario_api=FAKE_API,
                               scheduler=cluster.scheduler_address, progress=False)
    assert_bitwise_identical(resumed, complete)
    assert sorted(p.name for p in (store / "points").iterdir() if p.name != "zarr.json") == [
        str(i) for i in range(6)]


def test_progress_prints_one_line_per_point_when_not_a_terminal_and_nothing_in_ci(
        tmp_path, cluster, capsys, monkeypatch):
    path = write_sweep(tmp_path, GRID)
    monkeypatch.delenv("CI", raising=False)
    sweeps.run_sweep(path, tmp_path / "a.zarr", runner=analytic_runner, scenario_api=FAKE_API,
                     scheduler=cluster.scheduler_address)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 6 and all(line.startswith("sweep grid-test: point ") for line in lines)
    assert "ETA" in lines[0] and "altitude_km=" in lines[0]
    monkeypatch.setenv("CI", "true")
    sweeps.run_sweep(path, tmp_path / "b.zarr", runner=analytic_runner, scenario_api=FAKE_API,
                     scheduler=cluster.scheduler_address)
    assert capsys.readouterr().err == ""


def test_a_failing_point_names_itself_and_keeps_the_others(tmp_path, cluster):
    path = write_sweep(tmp_path, GRID)
    with pytest.raises(RuntimeError, match=r"sweep point \d \(altitude_km=.*\) failed: KeyError"):
        sweeps.run_sweep(path, tmp_path / "f.zarr", runner=failing_runner, scenario_api=FAKE_API,
                         scheduler=cluster.scheduler_address, progress=False)


def test_a_runner_that_returns_no_dataset_is_named(tmp_path, cluster):
    with pytest.raises(RuntimeError, match=r"failed: TypeError: the runner test_sweep.list_runner "
                                           r"returned a list; it must return an xarray.Dataset"):
        sweeps.run_sweep(write_sweep(tmp_path, GRID), tmp_path / "l.zarr", runner=list_runner,
                         scenario_api=FAKE_API, scheduler=cluster.scheduler_address, progress=False)


def list_runner(scenario):
    return [1.0]


def failing_runner(scenario):
    if scenario["orbital"][0]["design"]["radiator_area_m2"] == 15.0:
        raise KeyError("boom")
    return analytic_runner(scenario)


# --------------------------------------------------------------------------------------------
# resume after SIGKILL
# --------------------------------------------------------------------------------------------

RESUME_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import test_sweep
from studies import sweep
sweep.run_sweep(sys.argv[1], sys.argv[2], runner=test_sweep.analytic_runner,
                scenario_api=test_sweep.FAKE_API, workers=1)
"""


def run_sweep_process(sweep_path, store, cwd):
    environment = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    environment.pop("CI", None)
    script = RESUME_SCRIPT.format(tests=str(Path(__file__).parent))
    # a session of its own, so the kill reaches the worker processes too
    return subprocess.Popen([sys.executable, "-c", script, str(sweep_path), str(store)], cwd=cwd,
                            env=environment, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def test_a_sweep_killed_with_sigkill_resumes_to_the_uninterrupted_result(tmp_path, cluster):
    slow = '"fake"\n[fields.sleep_s]\npath = "fake.sleep_s"\nvalues = [0.4]'
    path = write_sweep(tmp_path, GRID.replace('"fake"', slow))
    process = run_sweep_process(path, tmp_path / "killed.zarr", tmp_path)
    done = []
    try:
        for line in process.stderr:
            if " done (" in line:
                done.append(line)
            if len(done) == 2:
                os.killpg(process.pid, signal.SIGKILL)
                break
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL and len(done) == 2
    finished = [p for p in (tmp_path / "killed.zarr" / "points").iterdir() if p.name.isdigit()]
    assert 2 <= len(finished) < 6

    process = run_sweep_process(path, tmp_path / "killed.zarr", tmp_path)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert f"resuming: {len(finished)} of 6 points already in the store" in errors
    assert errors.count(" done (") == 6 - len(finished)

    uninterrupted = sweeps.run_sweep(path, tmp_path / "whole.zarr", runner=analytic_runner,
                                     scenario_api=FAKE_API, scheduler=cluster.scheduler_address,
                                     progress=False)
    assert_bitwise_identical(sweeps.open_sweep(tmp_path / "killed.zarr"), uninterrupted)


@pytest.mark.parametrize("name", sweeps.shipped_sweeps())
def test_shipped_sweep_files_are_valid_and_found_by_name(name):
    sweep = sweeps.load_sweep(name)
    assert sweep.name == name and sweep.scenario == "default"
    assert len(sweep.points()) == int(np.prod(sweep.shape))
    assert all(f.path.startswith("orbital.0.") for f in sweep.fields)


def test_an_unknown_sweep_name_suggests_a_shipped_one():
    with pytest.raises(sweeps.SweepError, match=r"did you mean 'altitude-radiator'\?"):
        sweeps.load_sweep("altitude-radiater")


def test_more_points_than_tasks_in_flight_all_run_once(tmp_path, cluster):
    """The sweep keeps a bounded number of tasks in flight (>= 16) and submits the next as one
    ends; 60 points go through that refill path."""
    text = GRID.replace("stop = 15.0", "stop = 100.0").replace("[550.0, 1200.0]", "[550.0, 800.0, 1200.0]")
    path = write_sweep(tmp_path, text)
    result = sweeps.run_sweep(path, tmp_path / "many.zarr", runner=analytic_runner,
                              scenario_api=FAKE_API, scheduler=cluster.scheduler_address,
                              progress=False)
    assert result.sizes["altitude_km"] * result.sizes["radiator_area_m2"] == 60
    expected = (100.0 / result.radiator_area_m2).broadcast_like(result.altitude_km)
    np.testing.assert_array_equal(result.energy_per_request_j.sel(venue="orbital").values,
                                  expected.transpose("altitude_km", "radiator_area_m2").values)


def slow_square(n):
    time.sleep(0.01 * (n % 3))  # finish out of submission order
    if n == 13:
        raise ZeroDivisionError("thirteen\nis unlucky")
    return n * n


def test_run_bounded_runs_each_task_once_never_more_than_in_flight_and_cancels_on_failure(
        cluster):
    """studies.distributed.run_bounded, shared by sweeps and feasibility: 30 tasks through 3
    slots each run once with their own result; a failing task names itself on one line, stops
    the run and leaves no task of it pending on the cluster."""
    from dask.distributed import Client

    from studies.distributed import run_bounded

    with Client(cluster.scheduler_address, timeout=10) as client:
        outstanding, most, results, futures = [0], [0], {}, []

        def submit(n):
            outstanding[0] += 1
            most[0] = max(most[0], outstanding[0])
            futures.append(client.submit(slow_square, n, pure=False))
            return futures[-1]

        def on_done(n, value):
            outstanding[0] -= 1
            assert n not in results
            results[n] = value

        run_bounded(client, submit, (n for n in range(30) if n != 13), on_done, in_flight=3)
        assert results == {n: n * n for n in range(30) if n != 13}
        assert most[0] == 3 and len(futures) == 29

        results.clear()
        futures.clear()
        with pytest.raises(RuntimeError, match=r"^task 13 failed: ZeroDivisionError: thirteen "
                                               r"is unlucky$"):
            run_bounded(client, submit, range(40), on_done, in_flight=4,
                        describe=lambda n: f"task {n}")
        assert 13 not in results and len(futures) < 40  # stopped early, not after every task
        time.sleep(0.2)
        assert not [f for f in futures if f.status == "pending"]

        with pytest.raises(ValueError, match=r"in_flight = 0 must be a whole number >= 1"):
            run_bounded(client, submit, range(3), on_done, in_flight=0)


def test_a_store_path_that_is_an_empty_folder_is_used_and_a_foreign_one_refused(tmp_path, cluster):
    path = write_sweep(tmp_path, GRID)
    (tmp_path / "empty.zarr").mkdir()
    (tmp_path / ".empty.zarr.tmp-0123").mkdir()  # debris of a killed store creation
    result = sweeps.run_sweep(path, tmp_path / "empty.zarr", runner=analytic_runner,
                              scenario_api=FAKE_API, scheduler=cluster.scheduler_address,
                              progress=False)
    assert result.sizes["altitude_km"] == 2 and not (tmp_path / ".empty.zarr.tmp-0123").exists()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"meow")
    with pytest.raises(sweeps.SweepError, match="photos: not a sweep store"):
        sweeps.run_sweep(path, tmp_path / "photos", runner=analytic_runner, scenario_api=FAKE_API,
                         scheduler=cluster.scheduler_address, progress=False)
    assert (tmp_path / "photos" / "cat.jpg").read_bytes() == b"meow"


def test_stacking_by_numpy_gives_what_xarray_concat_gives(tmp_path):
    """open_sweep stacks regular points (same variables, shapes, dimension coordinates) with one
    numpy.stack per variable; it must equal xr.concat(..., coords="different",
    combine_attrs="drop_conflicts") bit for bit: coordinates that vary per point are stacked,
    equal ones kept once, conflicting attributes dropped, array attributes kept exactly."""
    rng = np.random.default_rng(0)
    times = np.datetime64("2026-06-21", "ns") + np.arange(3) * np.timedelta64(600, "s")
    (tmp_path / "points").mkdir()
    written = []
    for index in range(4):
        point = xr.Dataset(
            {"latency_ms": (("time", "venue"), rng.random((3, 2)),
                            {"units": "ms", "parity": index % 2}),
             "fits": ("venue", np.array([True, index > 1]),
                      {"flag_values": np.arange(3, dtype=np.int8)}),
             "cost_usd": ((), float(index), {"units": "USD"})},
            coords={"time": times, "venue": ["orbital", "cloud"],
                    "kind": ("venue", np.array(["orbital", "cloud"], dtype=object)),
                    "varying": ("venue", [float(index), 1.0])},
            attrs={"scenario_hash": f"h{index}", "policy": "optimal", "w": np.array([1.0, 2.0])})
        sweeps._write_point(tmp_path, index, sweeps._encode_point(point))
        written.append(point)
    back = [sweeps._read_point(tmp_path, index) for index in range(4)]
    for read, point in zip(back, written):  # text objects come back as numpy text
        xr.testing.assert_identical(read, point.assign_coords(kind=point.kind.astype(str)))
        assert read.fits.attrs["flag_values"].dtype == np.int8
    fast = sweeps._stack([sweeps._load_point(tmp_path, index, sweeps.STORE_FORMAT)
                          for index in range(4)])
    slow = xr.concat(back, dim="point", data_vars="all", coords="different", compat="equals",
                     join="outer", combine_attrs="drop_conflicts")
    assert_bitwise_identical(fast, slow)
    assert fast.varying.dims == ("point", "venue") and fast.kind.dims == ("venue",)
    assert "scenario_hash" not in fast.attrs and "parity" not in fast.latency_ms.attrs


def test_set_table_changes_the_base_scenario_and_the_sweeps_identity(tmp_path, cluster):
    """[set] applies fixed overrides (dotted paths, nested TOML tables flattened) to the base
    scenario before the swept fields; a changed [set] is another sweep (refused on the store);
    a bad path or a path also swept is named."""
    text = GRID.replace('scenario = "fake"', 'scenario = "fake"\n[set]\nfake.sleep_s = 0.0\n'
                                             '"orbital.0.constellation.planes" = 3')
    sweep = sweeps.load_sweep(write_sweep(tmp_path, text))
    assert dict(sweep.overrides) == {"fake.sleep_s": 0.0, "orbital.0.constellation.planes": 3}
    store = tmp_path / "set.zarr"
    sweeps.run_sweep(sweep.file, store, runner=analytic_runner, scenario_api=FAKE_API,
                     scheduler=cluster.scheduler_address, progress=False)
    changed = write_sweep(tmp_path, text.replace("planes\" = 3", "planes\" = 4"))
    with pytest.raises(sweeps.SweepError, match=r"changed: scenario_hash"):
        sweeps.run_sweep(changed, store, runner=analytic_runner, scenario_api=FAKE_API,
                         scheduler=cluster.scheduler_address, progress=False)
    bad = write_sweep(tmp_path, GRID.replace('scenario = "fake"',
                                             'scenario = "fake"\n[set]\nfake.slep_s = 1.0'))
    with pytest.raises(sweeps.SweepError, match=r"set: fake.slep_s: no such scenario field"):
        sweeps.run_sweep(bad, tmp_path / "bad.zarr", runner=analytic_runner,
                         scenario_api=FAKE_API, progress=False)
    twice = write_sweep(tmp_path, GRID.replace(
        'scenario = "fake"', 'scenario = "fake"\n[set]\n"orbital.0.design.radiator_area_m2" = 1.0'))
    with pytest.raises(sweeps.SweepError, match=r"set.orbital.0.design.radiator_area_m2: this "
                                                r"scenario path is also swept"):
        sweeps.load_sweep(twice)


def test_the_shipped_analytic_sweep_runs_the_analytic_tier_of_the_default_scenario():
    from studies.scenario import load_scenario, with_overrides

    sweep = sweeps.load_sweep("orbital-design-analytic")
    base = sweeps._base_scenario(sweep, importlib.import_module("studies.scenario"))
    assert base.fidelity == "analytic"
    assert base == with_overrides(load_scenario("default"), {"fidelity": "analytic"})
    assert len(sweep.points()) == 1024
