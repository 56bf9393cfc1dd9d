"""Terrestrial models: ``sites`` (catalogs, geodesy), ``network`` (fiber and access latency),
``cloud`` (cloud regions), ``fleet`` (vehicle fleets as compute venues), ``solar`` (ground PV).

Import the submodule you need (``from ground import sites``); none is imported eagerly, so
``import ground`` stays cheap. ``ground`` never imports ``orbital`` or ``studies``.
"""
