"""Benchmarks: ``python -m benchmarks`` runs every ``bench_*.py`` module here.

Each module defines ``run(quick: bool) -> None`` and prints its figures through
:func:`benchmarks._common.report`, always beside a baseline measured in the same run.
"""
