"""Bad invocations of ``odc``: every one ends with exit code 2 and exactly one line on stderr,
never a traceback (issue #16). ``{tmp}`` in an argument is a fresh temporary folder holding
``bad.toml`` (a value out of range), ``broken.toml`` (a TOML syntax error), ``binary.toml``
and ``sweep.toml``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studies import cli

BAD_INVOCATIONS = [
    [],
    ["frobnicate"],
    # odc orbit
    ["orbit"],
    ["orbit", "halo"],
    ["orbit", "sso", "--inclination-deg", "97"],
    ["orbit", "sso", "--planes", "3", "--sats-per-plane", "2"],
    ["orbit", "walker-delta", "--ltan-hours", "6"],
    ["orbit", "walker-delta", "--planes", "2.5"],
    ["orbit", "walker-delta", "--planes", "0"],
    ["orbit", "walker-delta", "--planes", "3", "--phasing", "5"],
    ["orbit", "walker-delta", "--altitude-km", "nan"],
    ["orbit", "walker-delta", "--altitude-km", "inf"],
    ["orbit", "walker-delta", "--altitude-km", "-550"],
    ["orbit", "walker-delta", "--altitude-km", "1e400"],
    ["orbit", "walker-delta", "--altitude-km", ""],
    ["orbit", "walker-delta", "--altitude-km"],
    ["orbit", "sso", "--ltan-hours", "24"],
    ["orbit", "tle"],
    ["orbit", "tle", "--tle", "{tmp}/missing.tle"],
    ["orbit", "tle", "--tle", "{tmp}/binary.toml"],
    ["orbit", "tle", "--tle", "{tmp}"],
    ["orbit", "omm", "--omm", "{tmp}/bad.toml"],
    # odc compare --physics
    ["compare", "--physics", "--hours", "8784"],
    ["compare", "--physics", "--hours", "24", "--step-s", "1"],
    ["compare", "--physics", "--hours", "0"],
    ["compare", "--physics", "--hours", "-1"],
    ["compare", "--physics", "--hours", "1e9"],
    ["compare", "--physics", "--step-s", "0.5"],
    ["compare", "--physics", "--start", "soon"],
    ["compare", "--physics", "--start", "2026-13-40"],
    ["compare", "--physics", "--start", "2070-01-01", "--hours", "1"],
    ["compare", "--physics", "--city", "Paris,FR,extra"],
    ["compare", "--physics", "--city", ",,,"],
    ["compare", "--physics", "--city", ""],
    ["compare", "--physics", "--city", "Paris,France"],
    ["compare", "--physics", "--city", "Qwxzyville", "--hours", "1"],
    ["compare", "--physics", "--radiation-grid", "fine"],
    ["compare", "--physics", "default"],
    ["compare", "--physics", "--set", "time.hours=2"],
    # odc compare / run with scenarios
    ["compare", "--city", "Paris"],
    ["compare", "--radiation-grid", "coarse"],
    ["compare", "defualt"],
    ["compare", "{tmp}/missing.toml"],
    ["compare", "{tmp}/bad.toml"],
    ["compare", "{tmp}/broken.toml"],
    ["compare", "{tmp}/binary.toml"],
    ["compare", "{tmp}"],
    ["compare", "--set", "time.hours"],
    ["compare", "--set", "=5"],
    ["compare", "--set", "time.hours=0"],
    ["compare", "--set", "time.hours=abc"],
    ["compare", "--set", "tiem.hours=2"],
    ["compare", "--set", "orbital.7.design.shielding_mm=5"],
    ["compare", "--hours", "nan"],
    ["run", "default"],
    ["run", "default", "--out", "{tmp}/no/such/dir/x.nc"],
    ["run", "nothing-like-it", "--out", "{tmp}/x.nc"],
    # odc sweep / export / plot / scenarios
    ["sweep", "{tmp}/missing.toml", "--out", "{tmp}/s.zarr"],
    ["sweep", "{tmp}/sweep.toml"],
    ["sweep", "{tmp}/sweep.toml", "--out", "{tmp}/s.zarr", "--workers", "0"],
    ["export", "{tmp}/missing.zarr", "--to", "csv", "--out", "{tmp}/x.csv"],
    ["export", "{tmp}", "--to", "xlsx", "--out", "{tmp}/x.xlsx"],
    ["plot", "{tmp}/missing.nc", "--kind", "map", "--out", "{tmp}/m.png"],
    ["plot", "{tmp}/bad.toml", "--kind", "map", "--out", "{tmp}/m.png"],
    ["plot", "{tmp}/bad.toml", "--kind", "pie", "--out", "{tmp}/m.png"],
    ["scenarios", "show"],
    ["scenarios", "show", "defualt"],
    ["scenarios", "show", "{tmp}/bad.toml"],
    ["scenarios", "default"],
    ["scenarios", "list"],
]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "bad.toml").write_text('name = "bad"\n[time]\nhours = 0\n[[cloud]]\n'
                                       'provider = "aws"\nregion = "us-east-1"\n')
    (tmp_path / "broken.toml").write_text('name = "broken"\n[time\n')
    (tmp_path / "binary.toml").write_bytes(bytes(range(256)))
    (tmp_path / "sweep.toml").write_text('scenario = "default"\n')
    return tmp_path


def _expand(argv, folder):
    return [arg.replace("{tmp}", str(folder)) for arg in argv]


@pytest.mark.parametrize("argv", BAD_INVOCATIONS, ids=" ".join)
def test_bad_invocation_exits_2_with_one_line(argv, folder, capsys):
    try:
        code = cli.main(_expand(argv, folder))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    assert code == 2, (argv, err)
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("odc"), err
    assert out == ""
    # the option is named once, not as "argument --x: --x: …"
    first = err.split(": error: ", 1)[-1].split(":", 1)[0]
    assert f"{first}: {first}:" not in err


def _run(argv, folder):
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-m", "studies.cli", *_expand(argv, folder)],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("argv", [
    ["orbit", "sso", "--inclination-deg", "97"],
    ["compare", "--physics", "--city", ",,,"],
    ["compare", "{tmp}/broken.toml"],
    ["compare", "--physics", "--hours", "8784"],
], ids=" ".join)
def test_bad_invocation_as_a_process_exits_2_with_one_line(argv, folder):
    done = _run(argv, folder)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == ""


def test_odc_version_and_help_as_a_process(folder):
    done = _run(["--version"], folder)
    assert done.returncode == 0 and done.stdout.startswith("odc (orbital-dc) ")
    for command in ("compare", "run", "sweep", "export", "scenarios", "plot", "orbit"):
        help_text = cli.build_parser().commands[command].format_help()
        assert "example" in help_text, command
        for action in cli.build_parser().commands[command]._actions:
            if action.option_strings and action.dest not in ("help",):
                assert "default" in action.help or "required" in action.help, (command, action.dest)
