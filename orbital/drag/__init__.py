"""Keeping a satellite in orbit: drag, lifetime, station-keeping and formation-keeping.
"""
from orbital.drag.atmosphere import *  # noqa: F403
from orbital.drag.ballistic import *  # noqa: F403
from orbital.drag.decay import *  # noqa: F403
from orbital.drag.keeping import *  # noqa: F403
