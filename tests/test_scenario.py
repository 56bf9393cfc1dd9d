"""Scenario files: the shipped ones load and mean what their sources say; bad files give one
line per problem (file, dotted key, value, range); the hash is a fingerprint of meaning."""

import sys
import tomllib
import types
import warnings

import numpy as np
import pytest
import tomli_w

from studies.scenario import (
    ScenarioError,
    dump_scenario,
    load_scenario,
    scenario_hash,
    shipped_scenarios,
    with_overrides,
)

SHIPPED = ["default", "eu-sovereign", "mega-constellation", "starcloud-40mw", "suncatcher-650",
           "tesla-fleet"]

MINIMAL = """
name = "minimal"
[[cloud]]
provider = "aws"
region = "eu-west-3"
"""


def write(tmp_path, text, name="scenario.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# shipped scenarios
# --------------------------------------------------------------------------------------------


def test_every_shipped_scenario_loads():
    assert shipped_scenarios() == SHIPPED
    for name in SHIPPED:
        scenario = load_scenario(name)
        assert scenario.name == name
        assert scenario.description


@pytest.mark.parametrize("name", SHIPPED)
def test_round_trip_scenario_to_toml_to_scenario_is_identical(name, tmp_path):
    scenario = load_scenario(name)
    again = load_scenario(write(tmp_path, dump_scenario(scenario)))
    assert again == scenario
    assert scenario_hash(again) == scenario_hash(scenario)


def test_shipped_scenarios_name_catalog_entries_that_exist():
    """Names the ground and orbital catalogs can check today (accelerators, models and prices
    belong to studies.compare.check_scenario)."""
    from ground import fleet, sites
    from orbital import power, thermal

    regions = set(zip(sites.cloud_regions()["provider"], sites.cloud_regions()["region_code"]))
    grids = set(sites.grid_carbon()["grid_zone"])
    for name in SHIPPED:
        scenario = load_scenario(name)
        for cloud in scenario.cloud:
            assert (cloud.provider, cloud.region) in regions, (name, cloud)
        for venue in scenario.orbital:
            assert venue.design.cell in power.CELL_TECHNOLOGIES
            assert venue.design.battery_chemistry in power.BATTERY_CHEMISTRIES
            assert venue.design.coating in thermal.COATINGS
        for vehicles in scenario.fleet:
            assert vehicles.computer in fleet.VEHICLE_COMPUTERS
            assert vehicles.opted_in in fleet.OPT_IN
            assert vehicles.connectivity in fleet.CONNECTIVITY
            assert vehicles.parked in fleet.PARKED_PROFILES
            assert vehicles.plugged in fleet.PLUGGED_PROFILES
            assert vehicles.country in grids
        for site in scenario.gigafactory:
            assert site.country in grids
        for country in scenario.demand.countries:
            assert len(sites.cities(1, country=country)) == 1


def test_default_reaches_a_dawn_dusk_cluster_through_a_starlink_like_shell():
    scenario = load_scenario("default")
    relay = scenario.relays["starlink-like"]
    # Hypatia's Starlink shell (Kassing et al. 2020): 72 x 22 at 550 km, 53°
    assert (relay.altitude_km, relay.inclination_deg, relay.planes, relay.sats_per_plane) == (
        550.0, 53.0, 72, 22)
    cluster = scenario.orbital[0]
    assert cluster.relay == "starlink-like"
    assert cluster.constellation.kind == "formation-cluster"
    assert cluster.constellation.altitude_km == 650.0 and cluster.constellation.ltan_hours == 18.0
    providers = {cloud.provider for cloud in scenario.cloud}
    assert {"ovhcloud", "scaleway", "outscale"} <= providers and len(providers) >= 5
    assert {fleet.country for fleet in scenario.fleet} == {"US", "DE", "CN"}
    assert (scenario.time.hours, scenario.time.step_s, scenario.demand.n_cities) == (24.0, 300.0, 100)


def test_suncatcher_is_81_satellites_at_650_km_dawn_dusk_with_tpu_v6e():
    """Google Project Suncatcher (2025): 81 satellites within 1 km, ~650 km dawn-dusk SSO,
    TPU v6e, ~10 mm Al shielding (REFERENCES.md)."""
    venue = load_scenario("suncatcher-650").orbital[0]
    c = venue.constellation
    assert (c.kind, c.n_satellites, c.radius_km, c.altitude_km, c.ltan_hours) == (
        "formation-cluster", 81, 1.0, 650.0, 18.0)
    assert venue.design.accelerator == "TPU v6e" and venue.design.shielding_mm == 10.0


def test_starcloud_module_array_delivers_40_mw():
    """Starcloud white paper: 40 MW, thin-film cells 22 % efficient. The array of the shipped
    module, at the total solar irradiance (Kopp & Lean 2011: 1360.8 W/m2) and the catalog's
    thin-film efficiency, gives 40 MW with at most 25 % margin."""
    from orbital import power

    venue = load_scenario("starcloud-40mw").orbital[0]
    efficiency = power.CELL_TECHNOLOGIES[venue.design.cell]["efficiency_bol"]
    array_w = venue.design.array_area_m2 * 1360.8 * efficiency * venue.constellation.n_satellites
    assert 40e6 <= array_w <= 1.25 * 40e6
    # ~1 kW per accelerator with its share of host: 40 000 accelerators for 40 MW of IT load
    assert venue.design.accelerators_per_satellite * 1e3 == pytest.approx(40e6)


def test_tesla_fleet_is_the_seed_arithmetic_100_million_cars_at_1_kw():
    """Seed article (Tesla Q3 2025 call): 100 million vehicles x ~1 kW = 100 GW; 95 % parked."""
    from ground import fleet

    scenario = load_scenario("tesla-fleet")
    vehicles = sum(f.vehicles for f in scenario.fleet)
    assert vehicles == 100_000_000
    watts = sum(f.vehicles * fleet.VEHICLE_COMPUTERS[f.computer]["power_w"] for f in scenario.fleet)
    assert watts == pytest.approx(100e9)
    assert {f.parked for f in scenario.fleet} == {"flat-95"}
    assert fleet.PARKED_PROFILES["flat-95"]["daily_average"] == 0.95


def test_mega_constellation_has_thousands_of_satellites_and_eu_sovereign_only_european_sites():
    shell = load_scenario("mega-constellation").orbital[0].constellation
    assert shell.planes * shell.sats_per_plane >= 1000
    eu = load_scenario("eu-sovereign")
    assert {cloud.provider for cloud in eu.cloud} == {"ovhcloud", "scaleway", "outscale"}
    assert eu.gigafactory and not eu.orbital and not eu.fleet


# --------------------------------------------------------------------------------------------
# the hash: meaning, not text
# --------------------------------------------------------------------------------------------


def _reversed(value):
    if isinstance(value, dict):
        return {key: _reversed(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed(item) for item in value]
    return value


def test_hash_is_stable_under_key_order_comments_and_formatting(tmp_path):
    original = load_scenario("default")
    data = tomllib.loads(dump_scenario(original))
    reordered = "# a comment\n\n" + tomli_w.dumps(_reversed(data)).replace("\n[", "\n# note\n\n[")
    again = load_scenario(write(tmp_path, reordered))
    assert scenario_hash(again) == scenario_hash(original)
    # meaning changes the hash
    assert scenario_hash(with_overrides(original, {"time.step_s": 600})) != scenario_hash(original)


def test_hash_is_the_same_for_default_values_left_out_or_written(tmp_path):
    short = load_scenario(write(tmp_path, MINIMAL, "short.toml"))
    explicit = MINIMAL.replace('name = "minimal"', 'name = "minimal"\ndescription = ""') + """
accelerator = "H100 SXM"
count = 512
price = "on-demand-2025"
[time]
start = "2026-06-21T00:00:00Z"
hours = 24
step_s = 300.0
[policy.weights]
latency = 1
"""
    written = load_scenario(write(tmp_path, explicit, "explicit.toml"))
    assert written == short
    assert scenario_hash(written) == scenario_hash(short)


# --------------------------------------------------------------------------------------------
# errors: one line each, naming file, key, value and range
# --------------------------------------------------------------------------------------------

BAD = [
    ("[time]\nhours = 0", "time.hours: 0 h is outside the allowed range (0, 8784] h"),
    ("[time]\nhours = 9000", "time.hours: 9000 h is outside the allowed range (0, 8784] h"),
    ("[time]\nstep_s = 0.5", "time.step_s: 0.5 s is outside the allowed range [1, 3600] s"),
    ("[time]\nstep_s = \"60\"", "time.step_s: '60' is not a number"),
    ("[time]\nhours = 1\nstep_s = 3600.5", "time.step_s: 3600.5 s is outside"),
    ("[time]\nhours = 0.1\nstep_s = 600", "time.step_s: 600 s is longer than the span"),
    ("[time]\nstart = \"soon\"", "time.start: 'soon' is not an ISO 8601 date-time"),
    ("[time]\nstrat = \"2026-01-01\"", "time.strat: unknown key; did you mean 'start'?"),
    ("[demand]\nadoption = 1.5", "demand.adoption: 1.5 is outside the allowed range [0, 1]"),
    ("[demand]\nadoption = nan", "demand.adoption: nan is outside the allowed range [0, 1]"),
    ("[demand]\nn_cities = 0", "demand.n_cities: 0 is outside the allowed range [1, 5000]"),
    ("[demand]\nn_cities = true", "demand.n_cities: True is not a whole number"),
    ("[demand]\ncities = [\"Paris,FR,extra\"]", "demand.cities.0: 'Paris,FR,extra' is not 'Name,CC'"),
    ("[demand]\ncities = [\",,,\"]", "demand.cities.0: ',,,' is not 'Name,CC'"),
    ("[demand]\ncountries = [\"FRA\"]", "demand.countries.0: 'FRA' is not an ISO 3166-1 alpha-2"),
    ("[demand.requests_per_user_per_day]\nchat = -1",
     "demand.requests_per_user_per_day.chat: -1 requests/day is outside the allowed range"),
    ("[policy]\nname = \"fastest\"", "policy.name: 'fastest' is not supported"),
    ("[policy.weights]\nlatency = 0\nenergy = 0\ncarbon = 0\ncost = 0",
     "policy.weights.latency: all four weights are 0"),
    ("[workload.chat]\nprecision = \"fp7\"", "workload.chat.precision: 'fp7' is not supported"),
    ("[workload.chat]\nmodle = \"x\"", "workload.chat.modle: unknown key; did you mean 'model'?"),
    ("[[gigafactory]]\nname = \"g\"\nlat = 95\nlon = 0\ncountry = \"FR\"",
     "gigafactory.0.lat: 95 degrees_north is outside the allowed range [-90, 90]"),
    ("[[fleet]]\nname = \"f\"\ncountry = \"US\"\nvehicles = 2.5",
     "fleet.0.vehicles: 2.5 is not a whole number"),
    ("[[fleet]]\nname = \"f\"\ncountry = \"US\"", "fleet.0.vehicles: required key is missing"),
    ("colour = 1", "colour: unknown key"),
]


@pytest.mark.parametrize("snippet, message", BAD)
def test_bad_values_name_file_key_value_and_range(snippet, message, tmp_path):
    path = write(tmp_path, MINIMAL + snippet + "\n")
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert message in str(error.value)
    assert str(error.value).startswith(f"{path}: ")
    assert all(line.startswith(f"{path}: ") for line in error.value.problems)


ORBITAL = """
[relays.shell]
altitude_km = 550
inclination_deg = 53
planes = 3
sats_per_plane = 2
phasing = {phasing}

[[orbital]]
name = "o"
relay = "{relay}"
[orbital.constellation]
{constellation}
[orbital.design]
accelerator = "TPU v6e"
{design}
"""

BAD_ORBITAL = [
    (dict(phasing=5), "relays.shell.phasing: 5 is outside the allowed range [0, 2] (planes - 1)"),
    (dict(relay="shel"), "orbital.0.relay: 'shel' is not a relay of this scenario; did you mean 'shell'?"),
    (dict(constellation='kind = "sso"\naltitude_km = 650\ninclination_deg = 97'),
     "orbital.0.constellation.inclination_deg: not used by kind 'sso'"),
    (dict(constellation='kind = "walker-delta"\naltitude_km = 650'),
     "orbital.0.constellation.inclination_deg: required for kind 'walker-delta'"),
    (dict(constellation='kind = "sso"\naltitude_km = 100'),
     "orbital.0.constellation.altitude_km: 100 km is outside the allowed range [150, 36000] km"),
    (dict(constellation='kind = "halo"'), "orbital.0.constellation.kind: 'halo' is not supported"),
    (dict(constellation='kind = "tle"\nfile = "missing.tle"'),
     "orbital.0.constellation.file: 'missing.tle': no such file"),
    (dict(design="shielding_mm = -1"),
     "orbital.0.design.shielding_mm: -1 mm is outside the allowed range [0, 100] mm"),
    (dict(design="accelerators_per_satelite = 3"),
     "orbital.0.design.accelerators_per_satelite: unknown key; did you mean 'accelerators_per_satellite'?"),
]


@pytest.mark.parametrize("fields, message", BAD_ORBITAL)
def test_orbital_venues_are_checked_against_their_kind_and_relays(fields, message, tmp_path):
    values = dict(phasing=1, relay="shell", constellation='kind = "sso"\naltitude_km = 650',
                  design="")
    values.update(fields)
    path = write(tmp_path, 'name = "o"\n' + ORBITAL.format(**values))
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert message in str(error.value)


def test_kind_defaults_fill_in_so_sso_needs_only_an_altitude(tmp_path):
    path = write(tmp_path, 'name = "o"\n' + ORBITAL.format(
        phasing=1, relay="none", constellation='kind = "sso"\naltitude_km = 650', design=""))
    constellation = load_scenario(path).orbital[0].constellation
    assert (constellation.ltan_hours, constellation.n_satellites) == (18.0, 1)
    assert constellation.inclination_deg is None


def test_tle_file_is_found_next_to_the_scenario(tmp_path):
    from importlib.resources import files

    (tmp_path / "sub").mkdir()
    tle = (files("orbital") / "data" / "example_walker.tle").read_text()
    (tmp_path / "sub" / "shell.tle").write_text(tle)
    path = write(tmp_path / "sub", 'name = "o"\n' + ORBITAL.format(
        phasing=1, relay="none", constellation='kind = "tle"\nfile = "shell.tle"', design=""))
    scenario = load_scenario(path)
    assert scenario.orbital[0].constellation.file == str((tmp_path / "sub" / "shell.tle").resolve())


def test_every_problem_of_a_file_is_reported_once(tmp_path):
    path = write(tmp_path, MINIMAL + "[time]\nhours = 0\nstep_s = 0\n[demand]\nadoption = 2\n")
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert [line.split(": ")[1] for line in error.value.problems] == [
        "time.hours", "time.step_s", "demand.adoption"]


def test_unreadable_files_say_why(tmp_path):
    cases = {
        tmp_path / "missing.toml": "no such file",
        tmp_path: "is a directory",
    }
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\x00\x01\x02name")
    cases[binary] = "is a binary file"
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "café"'.encode("latin-1"))
    cases[latin] = "is not UTF-8 text"
    broken = write(tmp_path, 'name = "x"\n[time\nhours = 1\n', "broken.toml")
    cases[broken] = "TOML syntax error: Expected ']' at the end of a table declaration (at line 2, column 6)"
    for path, message in cases.items():
        with pytest.raises(ScenarioError) as error:
            load_scenario(path)
        assert message in str(error.value)
        assert "\n" not in str(error.value)
    with pytest.raises(ScenarioError, match="did you mean 'default'"):
        load_scenario("defualt")


def test_no_venue_is_refused(tmp_path):
    with pytest.raises(ScenarioError, match="the scenario has no venue"):
        load_scenario(write(tmp_path, 'name = "empty"\n'))


def test_a_start_with_utc_offset_is_converted_to_utc_and_said_once(tmp_path):
    path = write(tmp_path, MINIMAL + '[time]\nstart = "2026-06-21T09:00:00+09:00"\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = load_scenario(path)
        load_scenario(path)
    assert first.time.start == "2026-06-21T00:00:00"
    said = [w for w in caught if "converted to UTC" in str(w.message)]
    assert len(said) == 1 and "2026-06-21T00:00:00" in str(said[0].message)
    # a TOML date-time (not a string) is read the same way
    native = load_scenario(write(tmp_path, MINIMAL + "[time]\nstart = 2026-06-21T00:00:00Z\n", "n.toml"))
    assert native.time == first.time
    day = load_scenario(write(tmp_path, MINIMAL + "[time]\nstart = 2026-06-21\n", "d.toml"))
    assert day.time == first.time


# --------------------------------------------------------------------------------------------
# overrides (sweeps) and the catalog-name hook
# --------------------------------------------------------------------------------------------


def test_with_overrides_returns_a_revalidated_copy():
    base = load_scenario("default")
    changed = with_overrides(base, {"orbital.0.design.shielding_mm": np.float64(5.0),
                                    "relays.starlink-like.planes": np.int64(36),
                                    "workload.batch.output_tokens": 300,
                                    "time.hours": 2})
    assert changed.orbital[0].design.shielding_mm == 5.0
    assert changed.relays["starlink-like"].planes == 36
    assert changed.workload["batch"].output_tokens == 300
    assert changed.time.hours == 2.0
    assert base.orbital[0].design.shielding_mm == 10.0  # the original is untouched
    assert base.time.hours == 24.0


@pytest.mark.parametrize("overrides, message", [
    ({"orbital.1.design.shielding_mm": 5}, "overrides: orbital.1: no such entry"),
    ({"orbital.0.design.shielding": 5}, "did you mean 'shielding_mm'?"),
    ({"orbital.0.design.shielding_mm": 500}, "orbital.0.design.shielding_mm: 500 mm is outside"),
    ({"time.hours.x": 1}, "time.hours is a value, not a table"),
    ({"tiem.hours": 1}, "did you mean 'time'?"),
])
def test_with_overrides_refuses_unknown_paths_and_bad_values(overrides, message):
    with pytest.raises(ScenarioError) as error:
        with_overrides(load_scenario("default"), overrides)
    assert message in str(error.value)


def test_catalog_names_are_checked_by_studies_compare_when_present(monkeypatch, tmp_path):
    """load_scenario hands the validated scenario to studies.compare.check_scenario and reports
    its ValueError with the file's name."""
    module = types.ModuleType("studies.compare")

    def check_scenario(scenario):
        if scenario.cloud[0].accelerator != "H100 SXM":
            raise ValueError(f"cloud.0.accelerator: {scenario.cloud[0].accelerator!r} is not a "
                             "known accelerator; did you mean 'H100 SXM'?")

    module.check_scenario = check_scenario
    monkeypatch.setitem(sys.modules, "studies.compare", module)
    assert load_scenario(write(tmp_path, MINIMAL)).cloud[0].accelerator == "H100 SXM"
    path = write(tmp_path, MINIMAL + 'accelerator = "H100 SMX"\n', "typo.toml")
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert str(error.value) == (f"{path}: cloud.0.accelerator: 'H100 SMX' is not a known "
                                "accelerator; did you mean 'H100 SXM'?")
