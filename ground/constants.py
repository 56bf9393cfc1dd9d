"""Constants for ``ground/`` in fixed units (km, s); ``ground`` does not import ``orbital``.

The values equal those in ``orbital/constants.py`` (a test checks they stay in step).
"""

#: Mean radius of the Earth [km] (IUGG, Moritz 2000), for great-circle distances.
EARTH_MEAN_RADIUS_KM = 6371.0088
#: Speed of light in vacuum [km/s] (exact, SI definition).
SPEED_OF_LIGHT_KM_S = 299_792.458
#: Group index of standard single-mode fiber at 1550 nm (Corning SMF-28 datasheet: 1.4682);
#: light travels ~32 % slower than in vacuum.
FIBER_GROUP_INDEX = 1.468
