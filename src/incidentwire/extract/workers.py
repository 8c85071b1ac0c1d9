"""The worker pool of the extraction: items parsed in tasks by worker processes, results in input order.

Knows nothing of reports or spaCy: `extract/pipeline.py` says, through a `Work`, which items need parsing,
what the others give, how a task is parsed and what a failed task gives.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

# Worker processes cost a fork (or, where fork is missing, a model load) each and a pickle of every
# record; below this many reports to parse they lose to one process (benchmarks/bench_extract.py).
MIN_REPORTS_FOR_PROCESSES = 48
# Reports to parse per task: big enough for nlp.pipe batching, small enough to keep two workers busy.
TASK_SIZE = 8
# Tasks in flight per worker: bounds the memory a long stream holds while keeping workers fed.
TASKS_AHEAD = 3
PR_SET_PDEATHSIG = 1  # prctl(2)

Item = TypeVar("Item")
Out = TypeVar("Out")


def default_processes() -> int:
    """Parsing is CPU-bound: one worker per core, at most two (the issue's two-core machines).

    A process running other threads (the web server, a feed follower) parses here: forking a
    threaded process can deadlock the child on a lock another thread held.
    """
    if threading.active_count() > 1:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


@dataclasses.dataclass(frozen=True)
class Work(Generic[Item, Out]):
    """What the pool is told of its items. `parse` and `warm_up` run in the workers: module-level functions."""

    needs_parsing: Callable[[Item], bool]
    unparsed: Callable[[Item], Out]  # the result of an item that needs no parsing
    parse: Callable[[list[Item]], list[Out]]  # one result per item of a task
    failed: Callable[[list[Item], Exception], list[Out]]  # the results of a task whose worker died or failed
    warm_up: Callable[[], None]  # loads the models: once before forking, and in each worker


@dataclasses.dataclass
class _Task(Generic[Item, Out]):
    """Items to parse, sent to a worker as one unit; future is set once it is submitted."""

    items: list[Item] = dataclasses.field(default_factory=list)
    future: Future[list[Out]] | None = None


@dataclasses.dataclass(frozen=True)
class _Pending(Generic[Item, Out]):
    """The place of an item in the output: its task and its index there."""

    task: _Task[Item, Out]
    index: int


def _start_method() -> str:
    # fork lets workers share the model the parent has loaded (no 2-3 s load per worker);
    # spawn is the fallback where fork is missing. A parent running threads (a web server)
    # should parse with processes=1: forking a threaded process can deadlock the child.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _start_worker(parent_pid: int, warm_up: Callable[[], None]) -> None:
    _die_with_parent(parent_pid)
    warm_up()


def _die_with_parent(parent_pid: int) -> None:
    """A forked worker holds copies of the parent's sockets (a PostgreSQL connection inside a write
    transaction, say). Were the parent killed, a lingering worker would keep that transaction, and its
    lock, open; so on Linux the kernel kills the worker with its parent."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers end when their task pipe closes
        return
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)


def in_workers(items: Iterable[Item], workers: int, work: Work[Item, Out]) -> Iterator[Out]:
    """Sorts items here, parses those that need it in `workers` processes; results come back in input order."""
    if _start_method() == "fork":
        work.warm_up()  # loaded once here, inherited by every forked worker
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), work.warm_up)
    ) as pool:
        order: deque[Out | _Pending[Item, Out]] = deque()
        in_flight: deque[_Task[Item, Out]] = deque()
        task: _Task[Item, Out] = _Task()
        for item in items:
            if not work.needs_parsing(item):
                order.append(work.unparsed(item))
            else:
                order.append(_Pending(task, len(task.items)))
                task.items.append(item)
                if len(task.items) >= TASK_SIZE:
                    _submit(pool, work, task, in_flight)
                    task = _Task()
            yield from _ready(order, in_flight, work, max_in_flight=workers * TASKS_AHEAD)
        if task.items:
            _submit(pool, work, task, in_flight)
        yield from _ready(order, in_flight, work, max_in_flight=0)


def _submit(
    pool: ProcessPoolExecutor, work: Work[Item, Out], task: _Task[Item, Out], in_flight: deque[_Task[Item, Out]]
) -> None:
    task.future = pool.submit(work.parse, task.items)
    in_flight.append(task)


def _ready(
    order: deque[Out | _Pending[Item, Out]],
    in_flight: deque[_Task[Item, Out]],
    work: Work[Item, Out],
    max_in_flight: int,
) -> Iterator[Out]:
    """Yields from the front of order while it is ready; waits on the oldest task while too many run."""
    while order:
        head = order[0]
        if not isinstance(head, _Pending):
            order.popleft()
            yield head
            continue
        task, future = head.task, head.task.future
        if future is None or (not future.done() and len(in_flight) <= max_in_flight):
            return
        order.popleft()
        yield _task_results(future, task.items, work)[head.index]
        if head.index == len(task.items) - 1:
            in_flight.remove(task)


def _task_results(future: Future[list[Out]], items: list[Item], work: Work[Item, Out]) -> list[Out]:
    """The worker's results, or the failure's when the worker died or failed."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a lost worker must not stop the stream
        return work.failed(items, error)
