"""The scenario commands of ``odc`` (compare, run, sweep, export, plot, scenarios).

studies.compare, studies.export, studies.sweep and studies.plots are built in parallel; here
they are stand-ins with the agreed signatures, so these tests check what the CLI itself does:
which scenario it hands over (with overrides), what it prints and where.
"""

import io
import json
import sys
import types

import pandas as pd
import pytest
import xarray as xr

from studies import cli
from studies.scenario import load_scenario, scenario_hash


def _module(monkeypatch, name, **functions):
    module = types.ModuleType(f"studies.{name}")
    for key, value in functions.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, f"studies.{name}", module)
    return module


@pytest.fixture
def compare(monkeypatch):
    """studies.compare stand-in: run() records the scenario and reports progress twice;
    summary() is a wide table (more than 100 characters)."""
    seen = {}

    def run(scenario, *, progress=None):
        seen["scenario"] = scenario
        progress("demand: 100 cities")
        progress("schedule: done")
        return xr.Dataset({"served": ("venue", [1.0, 2.0])}, coords={"venue": ["a", "b"]},
                          attrs={"scenario_name": scenario.name})

    def summary(ds):
        return pd.DataFrame({
            "venue": ["dawn-dusk-cluster", "ovhcloud GRA"],
            "share of requests [%]": [12.5, 87.5],
            "median latency [ms]": [41.2, 18.0],
            "p99 latency [ms]": [95.0, 60.1],
            "energy per request [J]": [310.0, 250.0],
            "carbon per request [gCO2e]": [0.0, 0.004],
            "cost per million requests [USD]": [52.0, 38.0],
            "SLO met [%]": [99.0, 99.9],
        }).set_index("venue")

    _module(monkeypatch, "compare", run=run, summary=summary, check_scenario=lambda s: None)
    return seen


def test_odc_compare_runs_the_default_scenario_and_fits_100_columns(compare, capsys):
    assert cli.main(["compare"]) == 0
    out, err = capsys.readouterr()
    assert compare["scenario"] == load_scenario("default")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].startswith("venue") and "dawn-dusk-cluster" in out
    assert "more columns" in out  # the table was too wide: what was left out is said
    # the key assumptions, in two lines (wrapped at 100 characters)
    text = " ".join(out.split())
    assert "Scenario 'default': 2026-06-21T00:00:00 UTC + 24 h at 300 s" in text
    assert "Venues: orbital dawn-dusk-cluster (81 sats, TPU v6e via starlink-like)" in text
    # progress went to stderr, one line per update (not a terminal)
    assert err == "[odc] demand: 100 cities\n[odc] schedule: done\n"


def test_odc_compare_wide_shows_every_column(compare, capsys):
    assert cli.main(["compare", "suncatcher-650", "--wide", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "cost per million requests" in out and "SLO met" in out and "more columns" not in out
    assert err == ""
    assert compare["scenario"].name == "suncatcher-650"


def test_odc_compare_json_carries_the_scenario_hash_and_settings(compare, capsys):
    assert cli.main(["compare", "--json", "--quiet", "--hours", "2",
                     "--set", "orbital.0.design.shielding_mm=5"]) == 0
    result = json.loads(capsys.readouterr().out)
    scenario = compare["scenario"]
    assert scenario.time.hours == 2.0 and scenario.orbital[0].design.shielding_mm == 5.0
    assert result["scenario"] == "default"
    assert result["scenario_hash"] == scenario_hash(scenario)
    assert result["settings"] == {"start": "2026-06-21T00:00:00", "hours": 2.0, "step_s": 300.0,
                                  "policy": "optimal"}
    assert result["summary"][0]["venue"] == "dawn-dusk-cluster"
    assert result["summary"][1]["median latency [ms]"] == 18.0


def test_odc_compare_reads_a_scenario_file(compare, capsys, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\n[[cloud]]\nprovider = "scaleway"\nregion = "fr-par"\n')
    assert cli.main(["compare", str(path), "--quiet"]) == 0
    assert compare["scenario"].cloud[0].region == "fr-par"
    assert "Venues: 1 cloud region." in capsys.readouterr().out


def test_odc_run_writes_the_dataset_through_studies_export(compare, monkeypatch, capsys, tmp_path):
    written = {}
    _module(monkeypatch, "export", write=lambda ds, path: written.update(ds=ds, path=path))
    out = tmp_path / "default.nc"
    assert cli.main(["run", "default", "--out", str(out), "--quiet"]) == 0
    assert written["path"] == out and written["ds"].attrs["scenario_name"] == "default"
    assert f"wrote {out}" in capsys.readouterr().out


def test_odc_sweep_and_export_call_their_modules(monkeypatch, capsys, tmp_path):
    calls = {}

    def run_sweep(path, store, *, scheduler=None, workers=None, progress=True):
        calls["sweep"] = (path, store, scheduler, workers, progress)
        return xr.Dataset(coords={"shielding_mm": [1.0, 2.0, 5.0]})

    _module(monkeypatch, "sweep", run_sweep=run_sweep)
    _module(monkeypatch, "export",
            export_store=lambda store, out, *, to: calls.setdefault("export", (store, out, to)))
    sweep_file = tmp_path / "shielding.toml"
    sweep_file.write_text("# a sweep\n")
    store = tmp_path / "shielding.zarr"
    assert cli.main(["sweep", str(sweep_file), "--out", str(store), "--scheduler",
                     "tcp://10.0.0.5:8786", "--workers", "4"]) == 0
    assert calls["sweep"] == (str(sweep_file), str(store), "tcp://10.0.0.5:8786", 4, True)
    assert "shielding_mm 3" in capsys.readouterr().out
    store.mkdir()
    assert cli.main(["export", str(store), "--to", "parquet", "--out",
                     str(tmp_path / "s.parquet")]) == 0
    assert calls["export"] == (str(store), str(tmp_path / "s.parquet"), "parquet")


def test_odc_plot_opens_the_result_and_calls_studies_plots(monkeypatch, capsys, tmp_path):
    drawn = {}
    _module(monkeypatch, "plots", plot=lambda ds, kind, out: drawn.update(ds=ds, kind=kind, out=out))
    result = tmp_path / "result.nc"
    xr.Dataset({"x": ("time", [1.0, 2.0])}).to_netcdf(result)
    assert cli.main(["plot", str(result), "--kind", "latency-cdf", "--out",
                     str(tmp_path / "l.png")]) == 0
    assert drawn["kind"] == "latency-cdf" and list(drawn["ds"].x.values) == [1.0, 2.0]
    not_netcdf = tmp_path / "notes.txt"
    not_netcdf.write_text("hello")
    assert cli.main(["plot", str(not_netcdf), "--kind", "map", "--out", str(tmp_path / "m.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("odc plot: error: RESULT:") and err.count("\n") == 1


def test_odc_scenarios_lists_and_shows(capsys):
    assert cli.main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for name in ("default", "suncatcher-650", "starcloud-40mw", "tesla-fleet", "eu-sovereign",
                 "mega-constellation"):
        assert f"\n{name} " in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert cli.main(["scenarios", "show", "suncatcher-650"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith('name = "suncatcher-650"') and "n_satellites = 81" in shown
    assert cli.main(["scenarios", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 6


def test_a_missing_studies_module_is_one_line_not_a_traceback(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "studies.compare", None)  # import of it fails
    assert cli.main(["compare", "--quiet"]) in (1, 2)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_progress_rewrites_one_line_on_a_terminal_and_prints_lines_otherwise():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    progress = cli._Progress(terminal)
    progress("step 1")
    progress("step 2")
    progress.close()
    assert terminal.getvalue() == "\r\033[K[odc] step 1\r\033[K[odc] step 2\n"
    log = io.StringIO()
    progress = cli._Progress(log)
    progress("step 1")
    progress("step 2")
    progress.close()
    assert log.getvalue() == "[odc] step 1\n[odc] step 2\n"
