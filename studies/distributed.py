"""Where long studies run: a Dask client on local processes or on an existing cluster, and the
progress they print.

Shared by :mod:`studies.sweep` (one task per scenario point) and :mod:`studies.feasibility`
(one task per chunk of satellites), so both honour the same address (``scheduler=`` or the
``DASK_SCHEDULER_ADDRESS`` environment variable), start the same embedded ``LocalCluster``
when none is given, fail the same way when an address does not answer, and feed the cluster
the same way (:func:`run_bounded`: a bounded number of tasks in flight, each result handled
as it arrives).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time

__all__ = ["SCHEDULER_TIMEOUT_S", "Progress", "dask_client", "run_bounded"]

SCHEDULER_TIMEOUT_S = 5.0
"""How long to wait for an existing Dask scheduler to answer before giving up [s]."""


def _first_line(error) -> str:
    text = " ".join(line.strip() for line in str(error).strip().splitlines() if line.strip())
    text = text or type(error).__name__
    return text if len(text) <= 400 else text[:399] + "…"


@contextlib.contextmanager
def dask_client(scheduler=None, workers=None, n_tasks=1, *, timeout_s=None):
    """A :class:`dask.distributed.Client` for the duration of a ``with`` block.

    Parameters
    ----------
    scheduler : str, optional
        Address of an existing scheduler (``"tcp://host:8786"``); default the
        ``DASK_SCHEDULER_ADDRESS`` environment variable, else an embedded ``LocalCluster`` of
        processes (one thread each), started here and closed on exit.
    workers : int, optional
        Worker processes of the embedded cluster; default one per core, at most ``n_tasks``.
        Refused with an address (that cluster has its own workers).
    n_tasks : int
        Tasks the caller is about to submit (caps the default number of workers).
    timeout_s : float, optional
        How long an address may take to answer [s]; default :data:`SCHEDULER_TIMEOUT_S`.

    Raises
    ------
    ConnectionError
        The address did not answer in time (one line naming where it came from).
    ValueError
        A bad ``workers``.
    """
    from dask.distributed import Client, LocalCluster

    timeout_s = SCHEDULER_TIMEOUT_S if timeout_s is None else float(timeout_s)
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    if address:
        if workers is not None:
            raise ValueError(f"workers = {workers}: the number of workers only applies to the "
                             f"local cluster; the cluster at {address} has its own workers")
        origin = "scheduler" if scheduler else "DASK_SCHEDULER_ADDRESS"
        try:
            client = Client(address, timeout=timeout_s)
        except (OSError, TimeoutError, ValueError) as error:
            raise ConnectionError(
                f"{origin} = {address!r}: no Dask scheduler answered within "
                f"{timeout_s:g} s ({_first_line(error)}); start one (`dask scheduler` "
                "and `dask worker ADDRESS`) or leave the address unset to run on local "
                "processes") from None
        with client:
            yield client
        return
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or workers < 1):
        raise ValueError(f"workers = {workers!r} must be a whole number >= 1")
    n_workers = workers or max(1, min(os.cpu_count() or 1, n_tasks))
    # one thread per worker process: the physics is numpy-bound and holds the GIL in places,
    # so processes, not threads, give the parallelism
    # no dashboard; the scheduler's small HTTP server (health, metrics) still starts, so it
    # gets a free loopback port instead of 8787, which another cluster may hold
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


_NO_MORE_TASKS = object()


def run_bounded(client, submit, tasks, on_done, *, in_flight=None, describe=str) -> None:
    """Run one Dask task per item of ``tasks``, at most ``in_flight`` at a time, handing each
    result to ``on_done`` as it arrives.

    The next task is submitted when one ends, so a run of a million tasks holds ``in_flight``
    futures (and the arguments of as many), not a million. A finished task's future is
    released once ``on_done`` has returned; on the way out (all done, a failed task, an error
    in ``on_done``, an interrupt) every task still pending is cancelled.

    Parameters
    ----------
    client : dask.distributed.Client
        Where the tasks run (:func:`dask_client`).
    submit : callable
        ``submit(task) -> distributed.Future``: submits one task, e.g.
        ``client.submit(work, task, pure=False, key=...)``. Called here, in this process, as
        room frees up, so the task's arguments are built only then.
    tasks : iterable
        What identifies each task (a point or chunk index, …), read lazily in order.
    on_done : callable
        ``on_done(task, result)``, called in this process in the order the tasks finish
        (e.g. to write the result to a store).
    in_flight : int, optional
        Most tasks submitted and not yet handed to ``on_done`` (≥ 1); default twice the
        cluster's threads, at least 4, enough to keep every worker busy while this process
        handles a result.
    describe : callable, default str
        ``describe(task) -> str`` names a task in the error of a failed one.

    Raises
    ------
    RuntimeError
        A task failed: ``"<describe(task)> failed: <error type>: <its message on one line>"``,
        chained from the worker's error. Tasks handed to ``on_done`` before stay handled.
    ValueError
        A bad ``in_flight``.

    Examples
    --------
    >>> from dask.distributed import Client
    >>> squares = {}
    >>> with Client(processes=False, n_workers=1, dashboard_address=None) as client:
    ...     run_bounded(client, lambda n: client.submit(pow, n, 2, pure=False), range(10),
    ...                 squares.__setitem__, in_flight=3)
    >>> sorted(squares.items())[:3]
    [(0, 0), (1, 1), (2, 4)]
    """
    from dask.distributed import as_completed

    if in_flight is None:
        in_flight = max(4, 2 * sum(client.nthreads().values()))
    if isinstance(in_flight, bool) or not isinstance(in_flight, int) or in_flight < 1:
        raise ValueError(f"in_flight = {in_flight!r} must be a whole number >= 1")
    queue = iter(tasks)
    running = {}  # future -> task

    def submit_next():
        task = next(queue, _NO_MORE_TASKS)
        if task is _NO_MORE_TASKS:
            return None
        future = submit(task)
        running[future] = task
        return future

    try:
        completed = as_completed([future for future in (submit_next() for _ in range(in_flight))
                                  if future is not None])
        for future in completed:
            task = running.pop(future)
            try:
                result = future.result()
            except Exception as error:
                raise RuntimeError(f"{describe(task)} failed: {type(error).__name__}: "
                                   f"{_first_line(error)}") from error
            on_done(task, result)
            future.release()
            following = submit_next()
            if following is not None:
                completed.add(following)
    finally:
        client.cancel(list(running))


class Progress:
    """A tqdm bar with ETA on a terminal, one line per finished item otherwise, nothing in CI
    (``CI=true``) or when disabled.

    Parameters
    ----------
    enabled : bool
    label : str
        Prefix of every line and the bar's description, e.g. ``"feasibility mega"``.
    total, done : int
        Units of work in all, and already done (a resumed run).
    unit : str
        What a unit is (``"point"``, ``"satellite"``).
    """

    def __init__(self, enabled, label, total, done=0, *, unit="item"):
        in_ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
        self.mode = "off" if not enabled or in_ci else ("bar" if sys.stderr.isatty() else "lines")
        self.label, self.total, self.done, self.unit = label, total, done, unit
        self.start, self.started_with = time.monotonic(), done
        self.bar = None
        if self.mode == "bar":
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=done, unit=unit, desc=label, unit_scale=True)
        elif self.mode == "lines" and done:
            self.line(f"resuming: {done} of {total} {unit}s already in the store")

    def line(self, text):
        print(f"{self.label}: {text}", file=sys.stderr, flush=True)

    def advance(self, amount, what=""):
        """``amount`` more units done; ``what`` names them on the line (not on the bar)."""
        self.done += amount
        if self.mode == "bar":
            self.bar.update(amount)
        elif self.mode == "lines":
            elapsed = time.monotonic() - self.start
            rate = (self.done - self.started_with) / elapsed if elapsed > 0 else float("inf")
            eta = (self.total - self.done) / rate if rate > 0 else float("nan")
            self.line(f"{what} done ({self.done}/{self.total} {self.unit}s), ETA {eta:.0f} s")

    def close(self):
        if self.bar is not None:
            self.bar.close()
