"""Composition of the physics: the ``odc`` command now; hardware catalog, venues, co-scheduler,
scenarios, sweeps and export next (docs/architecture.rst)."""
