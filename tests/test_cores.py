"""map_forked gives the results of a plain map, in order, whether or not it forks."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from speechkb.cores import in_background, map_forked

_IN_A_FRESH_PROCESS = """
import os
from speechkb.cores import can_fork, map_forked
table = {n: n * n for n in range(1000)}  # a closure over memory the workers never receive pickled
results = map_forked(lambda n: (table[n], os.getpid()), list(range(1000)), parallel_from=100)
assert [square for square, _ in results] == [n * n for n in range(1000)]
workers = {pid for _, pid in results}
assert can_fork() and workers and os.getpid() not in workers, workers
print("ok")
"""


def test_a_large_map_runs_in_forked_workers_and_keeps_the_order() -> None:
    run = subprocess.run([sys.executable, "-c", _IN_A_FRESH_PROCESS], capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr


def test_a_small_map_runs_here() -> None:
    assert map_forked(str.upper, ["安全", "b", "c"], parallel_from=100) == ["安全", "B", "C"]


def test_imap_forked_hands_results_out_in_order_while_the_workers_go_on() -> None:
    run = subprocess.run([sys.executable, "-c", _LAZILY_IN_A_FRESH_PROCESS], capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr


_LAZILY_IN_A_FRESH_PROCESS = """
import itertools
from speechkb.cores import imap_forked, can_fork
results = imap_forked(lambda n: n * n, list(range(1000)), parallel_from=100)
assert list(itertools.islice(results, 10)) == [n * n for n in range(10)]
assert not can_fork()  # the pool is running: a map started now runs in this process
assert list(results) == [n * n for n in range(10, 1000)]
assert can_fork()
print("ok")
"""


_IN_THE_BACKGROUND = """
import os, time
from speechkb.cores import in_background
table = {n: n * n for n in range(1000)}
with in_background(lambda: (sum(table.values()), os.getpid())) as pending:
    here = sum(n * n for n in range(1000))  # the caller goes on meanwhile
    total, worker = pending()
assert total == here and worker != os.getpid(), (total, worker)
try:
    with in_background(lambda: {}["missing"]) as failing:
        failing()
except KeyError as error:
    assert error.args == ("missing",)
else:
    raise AssertionError("the background error was not raised")
print("ok")
"""


def test_in_background_runs_beside_the_caller_and_hands_back_its_result_or_error() -> None:
    run = subprocess.run([sys.executable, "-c", _IN_THE_BACKGROUND], capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr


def test_in_background_runs_here_where_the_process_cannot_fork() -> None:
    # A second thread keeps a process from forking safely, as in a live preview with its file watchers.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with in_background(lambda: os.getpid()) as pending:
            assert pending() == os.getpid()
    finally:
        stop.set()
        thread.join()
