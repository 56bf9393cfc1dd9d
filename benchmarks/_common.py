"""Shared helpers for the benchmark scripts: timing, peak memory, and one line per figure."""

from __future__ import annotations

import resource
import time


def best_time(function, *, repeat: int = 3) -> float:
    """Best wall-clock seconds of ``repeat`` calls of ``function()`` (least disturbed by noise)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far [MB] (Linux ``ru_maxrss`` is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, value: float, unit: str, *, baseline: float | None = None,
           baseline_name: str = "baseline", higher_is_better: bool = True) -> None:
    """Print one figure, and its ratio to a baseline measured in the same run when given."""
    line = f"{name:<58s} {value:>14.4g} {unit}"
    if baseline is not None:
        ratio = value / baseline if baseline else float("inf")
        better = "higher is better" if higher_is_better else "lower is better"
        line += f"   ratio to {baseline_name}: {ratio:.3g} ({better})"
    print(line, flush=True)
