"""The ``odc`` command: real tables, JSON for machines, clear errors."""

import json
import math

import numpy as np
import pytest

from studies import cli


def test_odc_orbit_prints_period_and_sso_inclination(capsys):
    assert cli.main(["orbit", "sso", "--altitude-km", "650"]) == 0
    out = capsys.readouterr().out
    assert "period" in out and "[min]" in out and "97.99" in out  # SSO inclination at 650 km (REFERENCES.md)


def test_odc_orbit_json_for_machines(capsys):
    assert cli.main(["orbit", "walker-delta", "--planes", "72", "--sats-per-plane", "22", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["n_satellites"] == 1584
    assert abs(info["period_min"] - 95.65) < 0.01


_PHYSICS = {}


def _physics_json(capsys):
    """One short physics run shared by the tests that read it (it takes ~15 s)."""
    if not _PHYSICS:
        assert cli.main(["compare", "--physics", "--hours", "2", "--step-s", "300",
                         "--radiation-grid", "coarse", "--json", "--quiet"]) == 0
        _PHYSICS.update(json.loads(capsys.readouterr().out))
    return _PHYSICS


def test_odc_compare_physics_runs_the_physics_for_every_venue(capsys):
    result = _physics_json(capsys)
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
    # the run says what it ran
    settings = result["settings"]
    assert (settings["hours"], settings["step_s"], settings["radiation_grid"]) == (2.0, 300.0, "coarse")
    assert settings["city"]["name"] == "Paris" and settings["city"]["country"] == "FR"
    assert "up-and-down" in settings["rtt_when_seen"]


def test_odc_compare_physics_says_what_rtt_when_seen_measures(capsys, monkeypatch):
    """The footnote under the table says the RTT column is the up-and-down access hop only;
    the table fits 100 columns and --wide shows every column."""
    from studies import physics

    row = {"venue": "Starlink-like 550 km 53°", "n_satellites": 1584, "altitude_km": 550.0,
           "inclination_deg": 53.0, "period_min": 95.6, "beta_mean_deg": 30.0,
           "sunlit_fraction": 0.7, "sunlit_fraction_year": 0.69, "eclipse_minutes_per_orbit": 28.0,
           "array_w_m2": 204.0, "dose_10mm_rad_si_per_year": 93.0, "direct_reach_fraction": 1.0,
           "rtt_ms_median": 3.8}
    monkeypatch.setattr(physics, "compare_orbital_venues", lambda *a, **k: [row])
    assert cli.main(["compare", "--physics", "--quiet"]) == 0
    out = capsys.readouterr().out
    text = " ".join(out.split())
    assert "RTT when seen: the straight up-and-down hop" in text
    assert "the access hop only: no relay, routing, queueing or compute time" in text
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "more columns: incl [deg]" in text
    assert cli.main(["compare", "--physics", "--quiet", "--wide"]) == 0
    wide = capsys.readouterr().out
    assert "eclipse" in wide and "more columns" not in wide


def test_odc_compare_physics_rtt_median_lies_between_zenith_and_mask_edge(capsys):
    """The straight-down RTT at 550 km is 2 x 1.83 ms (REFERENCES.md); the median over the
    steps when a Starlink-like satellite is above 25° from Paris is longer (slant range) but
    below the RTT at the 25° mask edge (slant range ~1 120 km: 7.5 ms)."""
    starlink = _physics_json(capsys)["orbital"][0]
    assert 2 * 1.83 < starlink["rtt_ms_median"] < 7.5


def test_physics_streamed_in_blocks_gives_the_same_averages():
    """Long spans run block by block; the figures do not depend on the block size."""
    from orbital import links
    from studies import physics

    times = np.datetime64("2026-06-21", "ns") + np.arange(13) * np.timedelta64(300, "s")
    cluster = physics.reference_venues(times[0])[1][1].to_constellation()
    paris = links.ground_sites([48.85], [2.35], names=["Paris"])
    calls = []
    whole = physics._time_averages(cluster, times, paris, min_elevation_deg=10.0, block_steps=13,
                                   progress=calls.append)
    blocks = physics._time_averages(cluster, times, paris, min_elevation_deg=10.0, block_steps=4,
                                    progress=calls.append)
    assert calls == [4, 8, 12, 13]  # one progress call per block, only when streaming
    for a, b in zip(whole[:3], blocks[:3]):
        assert a == pytest.approx(b, rel=1e-12)
    np.testing.assert_array_equal(whole[3], blocks[3])


def test_odc_compare_physics_refuses_a_year_at_one_minute_before_allocating(capsys):
    """8 784 h at 60 s would be ~9e8 propagations (~200 GB held at once): refused in one line
    that says the size and the step that fits."""
    assert cli.main(["compare", "--physics", "--hours", "8784"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--hours 8784 at --step-s 60" in err and "GB if held at once" in err
    fitting = int(err.split("use --step-s ")[1].split()[0])
    assert cli.main(["compare", "--physics", "--hours", "8784", "--step-s", str(fitting - 1)]) == 2
    from studies import physics

    assert physics.request_size(8784, fitting)["satellite_steps"] <= cli.MAX_SATELLITE_STEPS
    capsys.readouterr()


def test_odc_bad_input_names_the_field(capsys):
    """Bad values stop at argument parsing (exit 2) with the option, value and range, the
    option named once."""
    for argv, message in (
        (["compare", "--start", "soon"], "--start: cannot read 'soon'"),
        (["compare", "--hours", "nan"], "--hours: nan h is outside the allowed range [0.1, 8784] h"),
        (["orbit", "walker-delta", "--planes", "2.5"], "--planes: '2.5' is not an integer"),
        (["orbit", "sso", "--altitude-km", "1e9"],
         "odc orbit: error: --altitude-km: 1e+09 km is outside the allowed range [150, 40000] km"),
    ):
        with pytest.raises(SystemExit) as stop:
            cli.main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert message in err
        assert "argument" not in err


def test_odc_compare_physics_start_outside_the_ephemeris(capsys):
    assert cli.main(["compare", "--physics", "--start", "2070-01-01", "--hours", "1"]) == 2
    err = capsys.readouterr().err
    assert "--start:" in err and "outside the DE421 ephemeris span" in err


def test_odc_orbit_sso_refuses_options_it_would_ignore(capsys):
    for argv, flags in ((["orbit", "sso", "--inclination-deg", "97"], "--inclination-deg"),
                        (["orbit", "sso", "--planes", "3", "--phasing", "1"], "--planes, --phasing"),
                        (["orbit", "walker-delta", "--ltan-hours", "6"], "--ltan-hours"),
                        (["orbit", "tle", "--tle", "x.tle", "--altitude-km", "500"], "--altitude-km")):
        with pytest.raises(SystemExit) as stop:
            cli.main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert f"{flags}: not used by kind '{argv[1]}'" in err
    # the defaults still apply to what the kind uses
    assert cli.main(["orbit", "sso", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["altitude_km"] == pytest.approx(550.0)


def test_odc_compare_city_forms(capsys):
    for text, message in (("Paris,FR,extra", "has 3 comma-separated parts"),
                          (",,,", "has 4 comma-separated parts"),
                          (",FR", "has no city name"),
                          ("Paris,France", "'France' in 'Paris,France' is not a two-letter")):
        with pytest.raises(SystemExit):
            cli.main(["compare", "--physics", "--city", text])
        assert message in capsys.readouterr().err
    assert cli._city(" Paris , fr ") == ("Paris", "FR")
    assert cli._city("Tokyo") == ("Tokyo", None)


def test_an_ambiguous_city_warning_is_let_through_once(capsys, monkeypatch):
    """ground.sites.city may warn that a name is ambiguous; the warning reaches stderr once, as
    one line, and the run goes on."""
    import warnings

    from ground import sites

    real = sites.city

    def city(name, country=None):
        warnings.warn(f"city: {name!r} is ambiguous; taking the most populous (also: Paris, US)",
                      UserWarning, stacklevel=2)
        return real(name, country)

    monkeypatch.setattr(sites, "city", city)
    monkeypatch.setattr("studies.physics.compare_orbital_venues", lambda *a, **k: [])
    assert cli.main(["compare", "--physics", "--city", "Paris", "--quiet", "--json"]) == 0
    err = capsys.readouterr().err
    assert err.count("is ambiguous") == 1
    assert err.startswith("odc: warning: city: 'Paris' is ambiguous")


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
