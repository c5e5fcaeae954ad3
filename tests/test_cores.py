"""map_forked gives the results of a plain map, in order, whether or not it forks."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from speechkb.machinery.cores import in_background, map_forked


def run_in_a_fresh_process(script: str) -> None:
    """Run ``script``, which prints "ok" when its checks pass, in a new interpreter: forking needs one thread."""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "ok", run.stderr


_IN_A_FRESH_PROCESS = """
import os
from speechkb.machinery.cores import can_fork, map_forked
table = {n: n * n for n in range(1000)}  # a closure over memory the workers never receive pickled
results = map_forked(lambda n: (table[n], os.getpid()), list(range(1000)), parallel_from=100)
assert [square for square, _ in results] == [n * n for n in range(1000)]
workers = {pid for _, pid in results}
assert can_fork() and workers and os.getpid() not in workers, workers
print("ok")
"""


def test_a_large_map_runs_in_forked_workers_and_keeps_the_order() -> None:
    run_in_a_fresh_process(_IN_A_FRESH_PROCESS)


def test_a_small_map_runs_here() -> None:
    assert map_forked(str.upper, ["安全", "b", "c"], parallel_from=100) == ["安全", "B", "C"]


def test_imap_forked_hands_results_out_in_order_while_the_workers_go_on() -> None:
    run_in_a_fresh_process(_LAZILY_IN_A_FRESH_PROCESS)


_FRESH_WORKERS_IN_A_FRESH_PROCESS = """
import collections, os
from speechkb.machinery import cores
cores._ITEMS_PER_PROCESS = 200
results = cores.map_forked(lambda n: (n + 1, os.getpid()), list(range(1000)), parallel_from=100)
assert [n for n, _ in results] == list(range(1, 1001))
handled = collections.Counter(pid for _, pid in results)
assert max(handled.values()) <= 200 and len(handled) >= 5, handled
print("ok")
"""


def test_a_worker_hands_over_to_a_fresh_process_after_its_share_of_items() -> None:
    # What a worker touches of the memory it shares with the builder becomes its own: a fresh process starts clean.
    run_in_a_fresh_process(_FRESH_WORKERS_IN_A_FRESH_PROCESS)


_FAILING_IN_A_FRESH_PROCESS = """
import multiprocessing, os
from speechkb.machinery.cores import can_fork, map_forked
def fails_at_700(n):
    if n == 700:
        raise ValueError(f"item {n}")
    return n
try:
    map_forked(fails_at_700, list(range(1000)), parallel_from=100)
except ValueError as error:
    assert error.args == ("item 700",), error.args
else:
    raise AssertionError("the worker's error was not raised")
assert not multiprocessing.active_children()  # every worker was stopped, the one that failed too
try:
    map_forked(lambda n: os._exit(3) if n == 10 else n, list(range(1000)), parallel_from=100)
except ChildProcessError as error:
    assert "exit code 3" in str(error), error
else:
    raise AssertionError("a worker that died went unnoticed")
assert can_fork() and map_forked(str, list(range(200)), parallel_from=100) == list(map(str, range(200)))
print("ok")
"""


def test_an_error_in_a_worker_is_raised_in_the_caller_and_the_next_map_still_forks() -> None:
    run_in_a_fresh_process(_FAILING_IN_A_FRESH_PROCESS)


_LAZILY_IN_A_FRESH_PROCESS = """
import itertools
from speechkb.machinery.cores import imap_forked, can_fork
results = imap_forked(lambda n: n * n, list(range(1000)), parallel_from=100)
assert list(itertools.islice(results, 10)) == [n * n for n in range(10)]
assert not can_fork()  # the pool is running: a map started now runs in this process
assert list(results) == [n * n for n in range(10, 1000)]
assert can_fork()
print("ok")
"""


_IN_THE_BACKGROUND = """
import os, time
from speechkb.machinery.cores import in_background
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
    run_in_a_fresh_process(_IN_THE_BACKGROUND)


_BESIDE_THE_BACKGROUND = """
import os, time
from speechkb.machinery.cores import in_background, map_forked
cores = os.cpu_count()

def background():
    time.sleep(1.5)
    return time.time()

def item(n):
    started = time.time()
    time.sleep(0.01)
    return os.getpid(), started, time.time()

def at_once(spans, moment):
    return len({pid for pid, started, ended in spans if started <= moment < ended})

with in_background(background) as pending:
    spans = map_forked(item, list(range(400)), parallel_from=10)
    done = pending()
assert len(spans) == 400
while_busy = [at_once(spans, started) for _, started, _ in spans if started < done]
after = [at_once(spans, started) for _, started, _ in spans if started > done]
assert while_busy and max(while_busy) <= max(1, cores - 1), max(while_busy)
assert after and max(after) == cores, after
print("ok")
"""


def test_a_map_leaves_a_core_to_a_process_in_the_background_until_it_is_done() -> None:
    # The search index's process works beside the page renderers: a worker more only took turns with it.
    run_in_a_fresh_process(_BESIDE_THE_BACKGROUND)


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
