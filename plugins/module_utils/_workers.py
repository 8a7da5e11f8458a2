# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded concurrency for independent writes: a small worker pool.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A module that sends many writes which do not depend on each other (plivo_number: one add
call per 20 numbers, one update per number whose settings differ, one delete or buy per
number) runs up to ``concurrency`` of them at a time over the client's one session. Each
job still sends its requests through ``PlivoClient.request()``, so the retry policy holds
for every request exactly as in a sequential loop: 429 honours Retry-After (and holds the
client's other workers until then), 5xx and dropped connections back off, a create is
never re-sent blindly, and the module's ``retries`` and ``retry_budget`` bound it all.

Why threads: the work is waiting on the network (tens of milliseconds per request against
microseconds of Python), so a few threads overlap those waits; ``requests`` sessions and
urllib3's connection pool are safe to share between threads for this use.

Semantics, the same at every concurrency:
- jobs start in list order, and outcomes come back in list order;
- a job that raises one of ``stop_on`` stops the pool from starting further jobs (those
  already running finish); jobs never started are reported with ``started=False``;
- any other exception is the job's outcome (``error``), and the other jobs go on;
- ``concurrency`` 1 runs the jobs one after another in the calling thread: a plain loop.
"""

import threading
from collections import namedtuple

DEFAULT_CONCURRENCY = 4
# urllib3 keeps 10 connections per host by default; more workers would open and drop
# connections instead of reusing them, and a rate-limited account gains nothing.
MAX_CONCURRENCY = 10

Outcome = namedtuple('Outcome', ['item', 'result', 'error', 'started'])


def run_bounded(job, items, concurrency=DEFAULT_CONCURRENCY, stop_on=(), go_on=()):
    """Call ``job(item)`` for each item, at most ``concurrency`` at a time.

    Returns one ``Outcome(item, result, error, started)`` per item, in the items' order.
    An exception of ``stop_on`` that is not one of ``go_on`` starts no further jobs.
    """
    items = list(items)
    outcomes = [Outcome(item, None, None, False) for item in items]
    lock = threading.Lock()
    state = {'next': 0, 'stop': False}

    def worker():
        while True:
            with lock:
                if state['stop'] or state['next'] >= len(items):
                    return
                index = state['next']
                state['next'] += 1
            item = items[index]
            try:
                outcomes[index] = Outcome(item, job(item), None, True)
            except Exception as exc:  # pylint: disable=broad-except  # handed to the caller
                outcomes[index] = Outcome(item, None, exc, True)
                if isinstance(exc, stop_on) and not isinstance(exc, go_on):
                    with lock:
                        state['stop'] = True

    workers = max(1, min(int(concurrency or 1), len(items)))
    if workers == 1:
        worker()
        return outcomes
    threads = [threading.Thread(target=worker, name='plivo-worker-%d' % n) for n in range(workers)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def first_error(outcomes, kinds=(Exception,)):
    """The first outcome's exception of the given kinds, in list order, or None."""
    for outcome in outcomes:
        if outcome.error is not None and isinstance(outcome.error, kinds):
            return outcome.error
    return None
