"""Physical constants in the project's fixed units (km, s, W, K), taken from astropy where it has them.

Plain floats, so physics functions stay numpy-only; the unit is in each name.
"""

from astropy import constants as _c

#: WGS84 equatorial radius of the Earth [km] (NIMA TR8350.2). astropy's ``R_earth`` is the IAU
#: nominal 6378.1 km, 37 m short of the ellipsoid the geodetic outputs use, so it is not used here.
EARTH_EQUATORIAL_RADIUS_KM = 6378.137
#: Mean radius of the Earth [km] (IUGG, Moritz 2000), for spherical-Earth geometry.
EARTH_MEAN_RADIUS_KM = 6371.0088
#: Standard gravitational parameter of the Earth [km³/s²] (astropy ``GM_earth``).
EARTH_MU_KM3_S2 = _c.GM_earth.to_value("km3 / s2")
#: Second zonal harmonic of the Earth (EGM2008 / WGS84 value, Vallado 2013 table D-1).
EARTH_J2 = 1.08262668e-3
#: Earth's rotation rate [rad/s] (IERS Conventions 2010, nominal).
EARTH_ROTATION_RAD_S = 7.292115e-5
#: Mean solar motion for sun-synchronous design [deg/day]: 360° per tropical year (365.2422 d).
SUN_MEAN_MOTION_DEG_PER_DAY = 360.0 / 365.2421897
#: Speed of light in vacuum [km/s].
SPEED_OF_LIGHT_KM_S = _c.c.to_value("km / s")
#: Stefan–Boltzmann constant [W/(m² K⁴)].
STEFAN_BOLTZMANN_W_M2_K4 = _c.sigma_sb.to_value("W / (m2 K4)")
#: Astronomical unit [km].
AU_KM = _c.au.to_value("km")
#: Nominal solar radius [km] (IAU 2015).
SUN_RADIUS_KM = _c.R_sun.to_value("km")
#: Total solar irradiance at 1 AU [W/m²] (Kopp & Lean 2011, GRL 38 L01706: 1360.8 ± 0.5).
SOLAR_CONSTANT_W_M2 = 1360.8
#: Seconds in a day (UTC days; leap seconds are ignored at this level) [s].
SECONDS_PER_DAY = 86_400.0
#: Seconds in a Julian year of 365.25 days, the year of yearly rates and mission lives [s]
#: (IAU: the light-year and Julian epochs use the same year).
SECONDS_PER_JULIAN_YEAR = 365.25 * SECONDS_PER_DAY
