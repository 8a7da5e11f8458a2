# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded concurrency (_workers.py) on its own, and in plivo_number's loop against a real
emulator with latency: how many requests are in flight at once, that every write happens
exactly once whatever the concurrency, and that the retry and 429 policy still applies.

Assertions are on counts and on the order of the emulator's request log; the only timing
assertions are loose bounds (a factor of two or more from what concurrency predicts)."""

import threading
import time

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._client import PlivoClient
from ansible_collections.plivo.provisioning.plugins.module_utils._numbers import NumberSet
from ansible_collections.plivo.provisioning.plugins.module_utils._workers import (
    first_error, run_bounded)
from ansible_collections.plivo.provisioning.plugins.modules.plivo_number import RESOURCE
from module_standin import ModuleStandIn as StandIn

NUMBERS = [str(n) for n in range(14155550200, 14155550212)]  # 12 numbers
LATENCY_MS = 150


class Recorder:
    """A job that records how many calls overlap, and fails on request."""

    def __init__(self, delay=0.05, fail=()):
        self.delay, self.fail = delay, dict(fail)
        self.lock = threading.Lock()
        self.running = self.peak = 0
        self.started, self.threads = [], set()

    def __call__(self, item):
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
            self.started.append(item)
            self.threads.add(threading.current_thread().name)
        try:
            time.sleep(self.delay)
            if item in self.fail:
                raise self.fail[item]
            return item * 10
        finally:
            with self.lock:
                self.running -= 1


class Stop(Exception):
    pass


# -- the pool on its own --------------------------------------------------------------------
def test_at_most_concurrency_jobs_run_at_once_and_outcomes_keep_the_items_order():
    job = Recorder()
    outcomes = run_bounded(job, range(10), concurrency=3)
    assert job.peak == 3
    assert [o.item for o in outcomes] == list(range(10))
    assert [o.result for o in outcomes] == [i * 10 for i in range(10)]
    assert all(o.started and o.error is None for o in outcomes)
    assert sorted(job.started) == list(range(10)), 'every job ran exactly once'


def test_concurrency_one_is_a_plain_loop_in_the_calling_thread():
    job = Recorder(delay=0)
    run_bounded(job, range(5), concurrency=1)
    assert job.peak == 1 and job.started == list(range(5))
    assert job.threads == {threading.current_thread().name}


def test_an_error_is_that_jobs_outcome_and_the_others_go_on():
    job = Recorder(delay=0, fail={2: ValueError('bad item')})
    outcomes = run_bounded(job, range(6), concurrency=2)
    assert [o.started for o in outcomes] == [True] * 6
    assert isinstance(outcomes[2].error, ValueError) and outcomes[3].result == 30
    assert first_error(outcomes) is outcomes[2].error


def test_a_stopping_error_starts_no_further_jobs():
    job = Recorder(delay=0.02, fail={1: Stop()})
    outcomes = run_bounded(job, range(20), concurrency=3, stop_on=Stop)
    started = [o.item for o in outcomes if o.started]
    # Items 0-2 start at once; after item 1 fails at most the other two workers had taken one more each.
    assert 3 <= len(started) <= 5 and started == list(range(len(started)))
    assert isinstance(first_error(outcomes, Stop), Stop)
    assert all(o.result is None and o.error is None for o in outcomes if not o.started)


# -- in plivo_number, against the emulator ---------------------------------------------------
class ModuleStandIn(StandIn):
    """plivo_number's options with a client that really sleeps, to time the workers."""

    def __init__(self, api, concurrency, retries=2, **params):
        defaults = {'numbers': None, 'state': 'present', 'carrier': None, 'region': None,
                    'number_type': None, 'buy': False, 'app': None, 'alias': None,
                    'subaccount': None, 'trunk': None}
        super().__init__(api, dict(defaults, **params), timeout=10, retries=retries,
                         concurrency=concurrency, sleep=time.sleep)


@pytest.fixture
def fleet(api):
    """12 numbers on the account, from a carrier, without alias; the log cleared; latency on."""
    client = PlivoClient(api.auth_id, api.auth_token, api_url=api.url)
    carrier = client.create('IncomingCarrier/', {'name': 'acme', 'ip_set': '192.0.2.1'})['carrier_id']
    client.create('Number/', {'numbers': ','.join(NUMBERS), 'carrier': carrier, 'region': 'California'})
    api.control('POST', 'latency', {'ms': LATENCY_MS})
    api.clear_log()
    return api


def in_flight_peak(log):
    events = sorted([(r['time'], 1) for r in log] + [(r['time'] + r['duration_ms'] / 1000.0, -1) for r in log])
    level = peak = 0
    for _moment, step in events:
        level += step
        peak = max(peak, level)
    return peak


def alias_all(api, concurrency, **params):
    module = ModuleStandIn(api, concurrency, numbers=NUMBERS, alias='fleet', **params)
    started = time.monotonic()
    result = NumberSet(module, RESOURCE).run()
    return result, time.monotonic() - started, module


@pytest.mark.parametrize('concurrency', [1, 4])
def test_n_updates_take_about_n_over_concurrency_round_trips_and_each_is_sent_once(fleet, concurrency):
    result, elapsed, _module = alias_all(fleet, concurrency)
    assert result['updated'] == NUMBERS and 'failures' not in result
    updates = [r for r in fleet.requests() if r['method'] == 'POST']
    assert sorted(r['path'].rsplit('/', 2)[-2] for r in updates) == NUMBERS, 'one update per number'
    assert all(r['status'] == 202 and r['body'] == {'alias': 'fleet'} for r in updates)
    assert in_flight_peak(updates) == concurrency
    # 12 updates: 12 round trips one at a time, 3 at concurrency 4 (very loose bounds).
    round_trips = len(NUMBERS) / concurrency
    assert elapsed >= round_trips * LATENCY_MS / 1000.0
    assert elapsed < (round_trips + 4) * LATENCY_MS / 1000.0 * 2


def test_a_429_burst_is_retried_within_the_policy_and_holds_the_other_workers(fleet):
    fleet.fault(method='POST', path='/Number/', status=429, retry_after=1, count=3)
    result, _elapsed, module = alias_all(fleet, 4)
    assert result['updated'] == NUMBERS and 'failures' not in result
    posts = [r for r in fleet.requests() if r['method'] == 'POST']
    assert [r['status'] for r in posts].count(429) == 3
    assert [r['status'] for r in posts].count(202) == len(NUMBERS), 'each number updated once'
    assert len(module.client.retry_log) == 3 and all('HTTP 429' in line for line in module.client.retry_log)
    # After a 429 with Retry-After: 1, no worker starts a request for about a second (those already
    # in flight when it came may finish), so the burst is not hammered.
    answered = min(r['time'] + r['duration_ms'] / 1000.0 for r in posts if r['status'] == 429)
    assert [r for r in posts if answered + 0.05 < r['time'] < answered + 0.8] == []


def test_a_429_burst_longer_than_retries_fails_the_numbers_it_hit_and_starts_no_more_writes(fleet):
    fleet.fault(method='POST', path='/Number/', status=429, retry_after=0, count=100)
    result, _elapsed, _module = alias_all(fleet, 4, retries=1)
    posts = [r for r in fleet.requests() if r['method'] == 'POST']
    assert all(r['status'] == 429 for r in posts)
    # Four workers, two attempts each (retries=1); the first give-up stops new writes.
    assert len(posts) <= 2 * 4 + 2
    failed = [f['number'] for f in result['failures']]
    assert failed == sorted(failed) and 1 <= len(failed) <= 4
    assert all(f['status'] == 429 for f in result['failures'])
    assert result['updated'] == [] and result['changed'] is False
