"""Tests for ground.sites: geodesy against published distances and catalog integrity."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ground import sites
from ground.constants import EARTH_MEAN_RADIUS_KM, SPEED_OF_LIGHT_KM_S


def test_paris_new_york_great_circle_within_half_percent_of_published_5837_km():
    # Published great-circle distance Paris–New York ≈ 5 837 km (e.g. Great Circle Mapper,
    # haversine on the mean radius); city-hall coordinates from GeoNames.
    distance = sites.great_circle_km(48.8566, 2.3522, 40.7128, -74.0060)
    assert distance == pytest.approx(5837.0, rel=0.005)


def test_quarter_meridian_is_pi_r_over_two():
    # Equator to pole along a meridian: π R / 2 on a sphere (exact geometry).
    assert sites.great_circle_km(0.0, 10.0, 90.0, 10.0) == pytest.approx(np.pi * EARTH_MEAN_RADIUS_KM / 2,
                                                                         rel=1e-12)


def test_antipodes_are_half_the_circumference():
    # Antipodal points: π R, where the arccos and haversine forms lose precision.
    assert sites.great_circle_km(30.0, 20.0, -30.0, -160.0) == pytest.approx(
        np.pi * EARTH_MEAN_RADIUS_KM, rel=1e-12)


def test_one_metre_separation_is_resolved():
    # 1e-5 deg of latitude = R × 1e-5 × π/180 ≈ 1.11 m; the formula must not round to zero.
    distance = sites.great_circle_km(45.0, 7.0, 45.00001, 7.0)
    assert distance == pytest.approx(EARTH_MEAN_RADIUS_KM * np.radians(1e-5), rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180))
def test_great_circle_is_symmetric_and_equals_chord_geometry(lat1, lon1, lat2, lon2):
    # The central angle from the unit-vector chord c: θ = 2 arcsin(c / 2) (sphere geometry).
    forward = sites.great_circle_km(lat1, lon1, lat2, lon2)
    backward = sites.great_circle_km(lat2, lon2, lat1, lon1)
    chord = np.linalg.norm(sites.unit_vectors(lat1, lon1) - sites.unit_vectors(lat2, lon2))
    expected = 2 * EARTH_MEAN_RADIUS_KM * np.arcsin(min(chord / 2, 1.0))
    assert forward == pytest.approx(backward, abs=1e-6)
    assert forward == pytest.approx(expected, abs=1e-3)
    assert 0.0 <= forward <= np.pi * EARTH_MEAN_RADIUS_KM + 1e-9


def test_great_circle_broadcasts_like_numpy():
    lat = np.zeros((3, 1))
    lon = np.array([0.0, 90.0, 180.0])
    assert sites.great_circle_km(lat, 0.0, 0.0, lon).shape == (3, 3)


def test_nearest_k_matches_brute_force_distance_matrix():
    # Brute force over all pairs is the definition of nearest; the k-d tree must agree.
    rng = np.random.default_rng(7)
    q_lat, q_lon = rng.uniform(-90, 90, 200), rng.uniform(-180, 180, 200)
    c_lat, c_lon = rng.uniform(-90, 90, 300), rng.uniform(-180, 180, 300)
    distance, index = sites.nearest(q_lat, q_lon, c_lat, c_lon, k=3)
    full = sites.distance_matrix_km(q_lat, q_lon, c_lat, c_lon)
    expected_index = np.argsort(full, axis=1)[:, :3]
    np.testing.assert_array_equal(index, expected_index)
    np.testing.assert_allclose(distance, np.take_along_axis(full, expected_index, 1), rtol=1e-9,
                               atol=1e-6)


def test_nearest_cloud_region_to_paris_is_in_paris():
    regions = sites.cloud_regions("aws")
    distance, index = sites.nearest(48.8566, 2.3522, regions.lat, regions.lon)
    assert regions.region_code[index[0, 0]] == "eu-west-3"
    assert distance[0, 0] < 10.0


def test_most_populous_cities_are_ordered_and_filtered():
    top = sites.cities(10, country="FR")
    assert (top.country == "FR").all()
    assert top.population.is_monotonic_decreasing
    assert top.name.iloc[0] == "Paris"
    # GeoNames gives Paris' city-proper population ~2.1 million (not the metro area).
    assert 1.8e6 < top.population.iloc[0] < 2.5e6
    europe = sites.cities(50, continent="EU")
    assert (europe.continent == "EU").all() and len(europe) == 50


def test_city_lookup_is_case_insensitive_and_suggests_close_names():
    paris = sites.city("PARIS")
    # GeoNames: Paris, France at 48.853 N, 2.349 E.
    assert paris["country"] == "FR"
    assert (paris["lat"], paris["lon"]) == pytest.approx((48.853, 2.349), abs=0.01)
    assert sites.city("Paris", country="US")["country"] == "US"
    with pytest.raises(ValueError, match=r"name: unknown city 'Pariss'.*'Paris'"):
        sites.city("Pariss")


def _check_catalog(table):
    assert len(table) > 0
    assert table.lat.between(-90, 90).all() and table.lon.between(-180, 180).all()
    assert (table.source.str.strip().str.len() > 0).all()


def test_cloud_region_catalog_rows_have_valid_coordinates_sources_and_unique_codes():
    table = sites.cloud_regions()
    _check_catalog(table)
    assert set(table.provider) == set(sites.PROVIDERS)
    assert not table.duplicated(["provider", "region_code"]).any()
    for column in ("grid_carbon_source", "pue_source", "wue_source"):
        assert (table[column].str.len() > 0).all(), column
    assert table.grid_carbon_year.between(2015, 2026).all()
    assert table.pue_year.between(2015, 2026).all()


def test_shipped_catalogs_pass_their_validation():
    # Every row: a source, a year, a basis; PUE in [1.0, 2.5]; grid in [0, 1200] g/kWh; one
    # grid basis; each region's grid zone exists in grid_carbon.csv.
    sites.validate_catalogs()


@pytest.mark.parametrize("table, column", [
    ("grid_carbon.csv", "source"), ("grid_carbon.csv", "year"), ("grid_carbon.csv", "basis"),
    ("cloud_providers.csv", "year"), ("ground_stations.csv", "status_date"),
])
def test_validation_rejects_a_row_without_source_year_or_basis(monkeypatch, table, column):
    # The validator must fail on a blanked field, or it is a test that cannot fail.
    original = sites._read_csv

    def blanked(name):
        frame = original(name)
        if name == table:
            frame[column] = frame[column].astype(object)
            frame.loc[0, column] = ""
        return frame

    monkeypatch.setattr(sites, "_read_csv", blanked)
    sites._cloud_regions_table.cache_clear()
    try:
        with pytest.raises(ValueError, match=f"{table}.*has no {column}"):
            sites.validate_catalogs()
    finally:
        sites._cloud_regions_table.cache_clear()


@pytest.mark.parametrize("field, value, message", [
    ("basis", "operational", r"grid_carbon.csv basis: \['lifecycle', 'operational'\]"),
    ("carbon_intensity_g_per_kwh", 1500, r"carbon_intensity_g_per_kwh: 1500 g/kWh is outside"),
    ("grid_zone", "XX", r"grid_zone: \['FR'\] not in grid_carbon.csv"),
])
def test_validation_rejects_mixed_basis_out_of_range_and_orphan_zones(monkeypatch, field, value,
                                                                      message):
    original = sites._read_csv

    def altered(name):
        frame = original(name)
        if name == "grid_carbon.csv":
            frame[field] = frame[field].astype(object)
            frame.loc[frame.grid_zone == "FR", field] = value
        return frame

    monkeypatch.setattr(sites, "_read_csv", altered)
    with pytest.raises(ValueError, match=message):
        sites.validate_catalogs()


def test_grid_carbon_has_one_accounting_basis_and_a_year_on_every_row():
    grid = sites.grid_carbon()
    assert set(grid.basis) == {sites.GRID_CARBON_BASIS} == {"lifecycle"}
    assert set(grid.boundary) == {"generation", "consumption"}
    # Countries come from Ember (generation), sub-national zones from Electricity Maps.
    assert grid[grid.boundary == "generation"].source.str.startswith("Ember").all()
    assert grid[grid.boundary == "consumption"].grid_zone.str.contains("-").all()
    assert grid.year.between(2015, 2026).all()


# Ember Yearly Electricity Data, lifecycle gCO2e per kWh generated, 2023 (latest revision; the
# issue-#21 review read BH 902, SA 696, MX 492-507, TW 642-651, HK 682 from Ember).
EMBER_2023 = {"FR": 55.2, "DE": 371.4, "PL": 655.5, "IN": 713.0, "BH": 902.4, "SA": 696.3,
              "MX": 492.3, "TW": 644.4, "HK": 682.0, "US": 392.9, "SE": 38.4, "ZA": 709.7}


@pytest.mark.parametrize("zone", sorted(EMBER_2023))
def test_country_intensity_is_embers_2023_figure(zone):
    # Rounded to whole grams: within 0.5 g/kWh of the published figure.
    value = float(sites.grid_carbon(zone)["carbon_intensity_g_per_kwh"])
    assert value == pytest.approx(EMBER_2023[zone], abs=0.5)


def test_cloud_region_intensities_follow_published_ember_ordering():
    # Ember 2023: France (nuclear) 55 < Germany 371 < Poland 655 < India 713 gCO2e/kWh.
    def intensity(provider, code):
        return float(sites.cloud_region(provider, code).grid_carbon_g_per_kwh)

    ordered = [intensity("aws", "eu-west-3"), intensity("gcp", "europe-west3"),
               intensity("gcp", "europe-central2"), intensity("aws", "ap-south-1")]
    assert ordered == sorted(ordered)


# Per-region PUE for 2023 as published by AWS (per Region), Google (per campus) and Microsoft
# (per region); the fleet figures (1.15, 1.10, 1.18) underestimate the hot, humid regions.
PUBLISHED_PUE_2023 = {("aws", "ap-south-1"): 1.44, ("aws", "ap-south-2"): 1.50,
                      ("aws", "eu-central-1"): 1.33, ("aws", "me-central-1"): 1.36,
                      ("aws", "eu-west-1"): 1.10, ("azure", "southeastasia"): 1.34,
                      ("azure", "northcentralus"): 1.35, ("gcp", "europe-west4"): 1.07,
                      ("gcp", "us-east1"): 1.10}


@pytest.mark.parametrize("provider, code", sorted(PUBLISHED_PUE_2023))
def test_region_pue_is_the_published_per_region_figure(provider, code):
    row = sites.cloud_region(provider, code)
    assert float(row.pue) == pytest.approx(PUBLISHED_PUE_2023[(provider, code)], abs=0.005)
    assert row.pue_scope == "region" and row.pue_year == 2023


def test_fleet_pue_is_only_a_flagged_fallback():
    table = sites.cloud_regions(["aws", "azure", "gcp"])
    assert (table.pue_scope == "region").sum() == 45
    fallback = table[table.pue_scope != "region"]
    assert fallback.pue_source.str.startswith("fallback to the provider's fleet PUE").all()
    # AWS fleet average 2023: 1.15 (Amazon); its per-region figures straddle it.
    aws = table[(table.provider == "aws") & (table.pue_scope == "region")].pue
    assert aws.min() < 1.15 < aws.max()


def test_ground_station_and_grid_catalogs_are_complete():
    _check_catalog(sites.ground_stations(status="all"))
    assert {"ksat", "aws-ground-station", "starlink-gateway"} <= set(sites.ground_stations().provider)
    grid = sites.grid_carbon()
    assert (grid.source.str.len() > 0).all() and not grid.grid_zone.duplicated().any()


def test_ground_stations_default_to_operational_and_keep_the_others_on_request():
    # Gravelines Starlink gateway: authorisation withdrawn January 2022, never built; AWS Ground
    # Station Seoul closed June 2026; AWS's New South Wales antenna is at Dubbo, not Sydney.
    everything = sites.ground_stations(status="all").set_index("name")
    assert everything.loc["Gravelines", "status"] == "withdrawn"
    assert everything.loc["Gravelines", "status_date"] == "2022-01"
    assert everything.loc["ap-northeast-2 (Seoul)", "status"] == "closed"
    assert everything.loc["Boca Chica TX", "status"] == "unverified"
    operational = sites.ground_stations()
    assert set(operational.status) == {"operational"}
    assert "Gravelines" not in set(operational.name)
    dubbo = everything.loc["ap-southeast-2 (Dubbo)"]
    # Dubbo is ~300 km from Sydney (great circle from the town centres).
    assert sites.great_circle_km(dubbo.lat, dubbo.lon, -33.87, 151.21) == pytest.approx(300, rel=0.1)
    closed = sites.ground_stations(status=["closed", "withdrawn"])
    assert set(closed.status) == {"closed", "withdrawn"}
    with pytest.raises(ValueError, match=r"status: unknown station status 'operating'.*"
                                         r"'operational'"):
        sites.ground_stations(status="operating")


def test_unknown_region_code_suggests_close_matches():
    with pytest.raises(ValueError, match=r"region_code.*'eu-west-3x'.*did you mean.*'eu-west-3'"):
        sites.cloud_region("aws", "eu-west-3x")


def test_unknown_provider_suggests_close_matches():
    with pytest.raises(ValueError, match=r"provider.*'azur'.*'azure'"):
        sites.cloud_regions("azur")


def test_out_of_range_coordinates_are_rejected():
    with pytest.raises(ValueError, match=r"lat: 91 deg is outside the allowed range \[-90, 90\]"):
        sites.great_circle_km(91.0, 0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="k:"):
        sites.nearest(0, 0, [1.0, 2.0], [1.0, 2.0], k=3)


def test_nearest_in_an_empty_catalog_says_the_catalog_is_empty():
    empty = sites.ground_stations("ksat", status="closed")
    with pytest.raises(ValueError, match="catalog is empty"):
        sites.nearest(0.0, 0.0, empty.lat, empty.lon)


def test_ambiguous_city_warns_and_lists_the_alternatives():
    # GeoNames has 8 Springfields above 15 000 inhabitants in the US; Missouri's is the largest
    # (~170 k) but Massachusetts' (~154 k) is as plausible.
    with pytest.warns(UserWarning, match=r"8 cities are named 'Springfield'.*MA \(US\), "
                                         r"population 154,341"):
        row = sites.city("Springfield", "US")
    assert row["admin1"] == "MO"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Paris, France (2.1 M) is no guess beside Paris, Texas
        assert sites.city("Paris")["country"] == "FR"


def test_unknown_grid_zone_suggests_close_matches():
    with pytest.raises(ValueError, match=r"zone: unknown grid zone 'US-VAA'.*'US-VA'"):
        sites.grid_carbon("US-VAA")


def test_site_dataset_feeds_orbital_links_shape():
    ds = sites.site_dataset(sites.cities(5, country="US"))
    assert ds.sizes == {"site": 5}
    for name in ("lat", "lon", "alt_km"):
        assert "units" in ds[name].attrs and "long_name" in ds[name].attrs
    # CF conventions: degrees_north / degrees_east (CF 1.11, section 4.1).
    assert (ds.lat.attrs["units"], ds.lon.attrs["units"]) == ("degrees_north", "degrees_east")


def test_ground_constants_agree_with_orbital_constants():
    # ground may not import orbital; the test can, and keeps both in step.
    from orbital import constants

    assert EARTH_MEAN_RADIUS_KM == constants.EARTH_MEAN_RADIUS_KM
    assert SPEED_OF_LIGHT_KM_S == pytest.approx(constants.SPEED_OF_LIGHT_KM_S, rel=1e-15)


def test_ground_never_imports_orbital_or_studies():
    # Layering rule from DESIGN.md: ground/ imports neither orbital/ nor studies/.
    import pathlib
    import re

    root = pathlib.Path(sites.__file__).parent
    pattern = re.compile(r"^\s*(from|import)\s+(orbital|studies)\b", re.MULTILINE)
    offenders = [p.name for p in root.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_regions_on_one_balancing_area_share_one_grid_intensity():
    # AWS us-east-1 (Ashburn), Azure eastus (Boydton), OVHcloud US-EAST-VA, AWS us-east-2
    # (Columbus), Azure northcentralus (Chicago, ComEd) and Outscale us-east-2 (Newark) all draw
    # from PJM: one intensity (Electricity Maps 2023, zone US-MIDA-PJM: 401 gCO2e/kWh).
    pairs = [("aws", "us-east-1"), ("azure", "eastus"), ("ovhcloud", "US-EAST-VA"),
             ("aws", "us-east-2"), ("azure", "northcentralus"), ("outscale", "us-east-2")]
    values = {float(sites.cloud_region(p, c).grid_carbon_g_per_kwh) for p, c in pairs}
    assert values == {401.0}


def test_estimated_catalog_values_say_so_in_their_source():
    # Every row flagged as an estimate must say so in words, so a reader of an exported file
    # (which may drop the flag column) still sees it.
    grid = sites.grid_carbon()
    flagged = grid[grid.estimate.astype(str) == "True"]
    assert flagged.source.str.contains("estimate").all()
    regions = sites.cloud_regions()
    flagged = regions[regions.pue_estimate]
    assert len(flagged) > 0 and flagged.pue_source.str.contains("estimate").all()


def test_new_york_london_great_circle_matches_published_5570_km():
    # Published great-circle distance New York–London ≈ 5 570 km (distance calculators on the
    # city centres, 3 461 mi); the spherical model is within 0.5 % of the WGS84 geodesic.
    distance = sites.great_circle_km(40.7128, -74.0060, 51.5074, -0.1278)
    assert distance == pytest.approx(5570.0, rel=0.005)


def test_cities_within_a_first_level_region():
    # GeoNames admin1: Toronto is in Ontario ("08"); Houston is the largest city in Texas.
    ontario = sites.cities(5, country="CA", admin1="08")
    assert (ontario.admin1 == "08").all() and ontario.name.iloc[0] == "Toronto"
    assert sites.cities(1, country="US", admin1="tx").name.iloc[0] == "Houston"
    with pytest.raises(ValueError, match="admin1: give exactly one country"):
        sites.cities(admin1="TX")
    with pytest.raises(ValueError, match=r"admin1: unknown admin1 code of US 'TXX'"):
        sites.cities(country="US", admin1="TXX")


def test_unknown_names_are_value_errors_with_close_matches():
    # A misspelt column or field is a ValueError naming it, never a KeyError from pandas.
    with pytest.raises(ValueError, match=r"table: unknown column 'nme'; did you mean 'name'"):
        sites.site_dataset(sites.cities(2), name_column="nme")
    with pytest.raises(ValueError, match=r"table: unknown column 'lat'"):
        sites.site_dataset(sites.cities(2)[["name", "lon"]])
