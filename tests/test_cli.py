"""The ``odc`` command: real tables, JSON for machines, clear errors."""

import json
import math

import pytest

from studies import cli


def test_odc_orbit_prints_period_and_sso_inclination(capsys):
    assert cli.main(["orbit", "sso", "--altitude-km", "650"]) == 0
    out = capsys.readouterr().out
    assert "period [min]" in out and "97.99" in out  # SSO inclination at 650 km (REFERENCES.md)


def test_odc_orbit_json_for_machines(capsys):
    assert cli.main(["orbit", "walker-delta", "--planes", "72", "--sats-per-plane", "22", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["n_satellites"] == 1584
    assert abs(info["period_min"] - 95.65) < 0.01


def test_odc_compare_runs_the_physics_for_every_venue(capsys):
    assert cli.main(["compare", "--hours", "2", "--step-s", "300", "--radiation-grid", "coarse",
                     "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [row["n_satellites"] for row in result["orbital"]] == [1584, 81, 12]
    for row in result["orbital"]:
        assert 0 <= row["sunlit_fraction"] <= 1
        # a sun-tracking 22 % array never beats 22 % of the solar constant at perihelion
        assert 0 < row["array_w_m2"] <= 0.22 * 1361 * 1.035
        assert row["dose_10mm_rad_si_per_year"] > 0
    # the inner proton belt: 1 400 km takes far more dose than 550-650 km behind the same
    # shield (orders of magnitude in AP8; ~3 krad/yr vs ~150 rad/yr at 10 mm)
    doses = [row["dose_10mm_rad_si_per_year"] for row in result["orbital"]]
    assert doses[2] > 5 * max(doses[:2])
    assert all(row["rtt_ms_median"] > 0 for row in result["cloud"])


def test_odc_bad_input_names_the_field(capsys):
    """Bad values stop at argument parsing (exit 2) with the option, value and range."""
    for argv, message in (
        (["compare", "--start", "2070-01-01", "--hours", "1"], "outside the DE421 ephemeris span"),
        (["compare", "--start", "soon"], "--start: cannot read 'soon'"),
        (["compare", "--hours", "nan"], "--hours: nan is outside the allowed range [0.1, 8784]"),
        (["orbit", "walker-delta", "--planes", "2.5"], "--planes: '2.5' is not an integer"),
    ):
        with pytest.raises(SystemExit) as stop:
            cli.main(argv)
        assert stop.value.code == 2
        assert message in capsys.readouterr().err


def test_odc_orbit_errors_from_the_model_name_field_and_range(capsys):
    """Values argparse cannot judge alone (phasing vs planes, LTAN of 24 h) come back from the
    orbit constructors as one line on stderr and exit code 2, not a traceback."""
    assert cli.main(["orbit", "walker-delta", "--planes", "3", "--phasing", "5"]) == 2
    assert "phasing: 5 must be a whole number in [0, 2]" in capsys.readouterr().err
    assert cli.main(["orbit", "sso", "--ltan-hours", "24"]) == 2
    assert "ltan_hours: 24 h is outside the allowed range [0, 24) h" in capsys.readouterr().err


def test_odc_orbit_json_is_strict_json_when_a_figure_does_not_exist(capsys):
    """Above ~5 970 km no inclination is sun-synchronous: JSON says null, never NaN (which
    strict JSON parsers reject)."""
    assert cli.main(["orbit", "walker-delta", "--altitude-km", "20000", "--json"]) == 0
    info = json.loads(capsys.readouterr().out, parse_constant=lambda name: 1 / 0)
    assert info["sso_inclination_deg"] is None


def test_odc_orbit_reads_tle_and_omm_files(capsys, tmp_path):
    """The shipped example TLE (a 24-satellite Walker shell at 550 km) and the same elements
    written as a CelesTrak-style OMM JSON describe the same shell."""
    from importlib.resources import files

    from orbital import orbits

    tle = files("orbital") / "data" / "example_walker.tle"
    assert cli.main(["orbit", "tle", "--tle", str(tle), "--json"]) == 0
    from_tle = json.loads(capsys.readouterr().out)
    assert from_tle["n_satellites"] == 24 and abs(from_tle["altitude_km"] - 550) < 0.1
    constellation = orbits.load_tle(tle)
    epoch = str(constellation.epoch)[:26]  # the example's satellites share one epoch
    records = []
    for name, satrec in zip(constellation.names, constellation.satrecs):
        records.append({
            "OBJECT_NAME": name, "OBJECT_ID": "2026-001A", "EPOCH": epoch,
            "MEAN_MOTION": satrec.no_kozai * 1440 / (2 * math.pi),
            "ECCENTRICITY": satrec.ecco, "INCLINATION": math.degrees(satrec.inclo),
            "RA_OF_ASC_NODE": math.degrees(satrec.nodeo),
            "ARG_OF_PERICENTER": math.degrees(satrec.argpo),
            "MEAN_ANOMALY": math.degrees(satrec.mo), "EPHEMERIS_TYPE": 0,
            "CLASSIFICATION_TYPE": "U", "NORAD_CAT_ID": satrec.satnum, "ELEMENT_SET_NO": 999,
            "REV_AT_EPOCH": 0, "BSTAR": 0.0, "MEAN_MOTION_DOT": 0.0, "MEAN_MOTION_DDOT": 0.0})
    omm = tmp_path / "shell.json"
    omm.write_text(json.dumps(records))
    assert cli.main(["orbit", "omm", "--omm", str(omm), "--json"]) == 0
    from_omm = json.loads(capsys.readouterr().out)
    assert from_omm["n_satellites"] == 24
    assert abs(from_omm["altitude_km"] - from_tle["altitude_km"]) < 1e-6
    assert abs(from_omm["inclination_deg"] - from_tle["inclination_deg"]) < 1e-9
    with pytest.raises(SystemExit):
        cli.main(["orbit", "omm"])
    assert "--omm: an OMM file is required" in capsys.readouterr().err
