# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client against a real emulator: pagination, retries, error mapping."""

import time

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    AmbiguousWriteError, PlivoClient, PlivoError)


class RecordingSleep:
    """Records the waits the retry policy asks for instead of sleeping them."""

    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


def make_client(api, token=None, **kwargs):
    token = token or api.auth_token
    sleep = RecordingSleep()
    kwargs.setdefault('retries', 3)
    client = PlivoClient(api.auth_id, token, api_url=api.url, timeout=5, sleep=sleep, **kwargs)
    return client, sleep


def add_carriers(client, count, prefix='carrier'):
    return [client.create('IncomingCarrier/', {'name': '%s-%02d' % (prefix, i),
                                               'ip_set': '192.0.2.%d' % (i + 1)})['carrier_id']
            for i in range(count)]


def api_requests(api, method=None):
    return [r for r in api.requests() if method is None or r['method'] == method]


def test_paginate_walks_every_page_with_the_largest_limit(api):
    client = make_client(api)[0]
    add_carriers(client, 45)
    api.clear_log()
    names = [c['name'] for c in client.paginate('IncomingCarrier/')]
    assert sorted(names) == ['carrier-%02d' % i for i in range(45)]
    gets = api_requests(api, 'GET')
    assert len(gets) == 3
    assert [str(r['query']['limit']) for r in gets] == ['20', '20', '20']
    assert [str(r['query']['offset']) for r in gets] == ['0', '20', '40']


def test_paginate_fetches_the_pages_after_the_first_concurrently_and_keeps_list_order(api):
    client = make_client(api, concurrency=4)[0]
    add_carriers(client, 95)
    api.clear_log()
    api.control('POST', 'latency', {'ms': 300})
    try:
        started = time.monotonic()
        names = [c['name'] for c in client.paginate('IncomingCarrier/')]
        elapsed = time.monotonic() - started
    finally:
        api.control('POST', 'latency', {'ms': 0})
    assert names == [c['name'] for c in make_client(api)[0].paginate('IncomingCarrier/')], 'list order kept'
    assert sorted(names) == ['carrier-%02d' % i for i in range(95)]
    gets = api_requests(api, 'GET')[:5]
    assert sorted(int(r['query']['offset']) for r in gets) == [0, 20, 40, 60, 80], 'one request per page'
    # One page, then the 4 others side by side: about 2 round trips of 300 ms, not 5 (1.5 s).
    assert elapsed < 1.2, elapsed


def test_paginate_concurrent_pages_stay_inside_the_retry_policy_and_an_error_is_raised(api):
    client = make_client(api, concurrency=4, retries=1)[0]
    add_carriers(client, 65)
    expected = [c['name'] for c in client.paginate('IncomingCarrier/')][20:]
    # The pages after the first, fetched side by side: one gets a 503 and its one retry
    # succeeds, so the objects are complete and in list order.
    api.fault(method='GET', path='IncomingCarrier', count=1, status=503)
    pages = client._pages('IncomingCarrier/', {'limit': 20}, [20, 40, 60])
    assert [c['name'] for c in pages] == expected
    # Pages that keep failing: the error reaches the caller, never a short list.
    api.fault(method='GET', path='IncomingCarrier', count=10, status=500)
    with pytest.raises(PlivoError) as failure:
        list(client._pages('IncomingCarrier/', {'limit': 20}, [20, 40, 60]))
    assert failure.value.status == 500


def test_paginate_a_caller_that_may_stop_early_reads_page_after_page(api):
    client = make_client(api, concurrency=4)[0]
    add_carriers(client, 95)
    api.clear_log()
    first = next(iter(client.paginate('IncomingCarrier/', whole=False)))
    assert first['name'].startswith('carrier-')
    assert len(api_requests(api, 'GET')) == 1


def test_paginate_sends_the_filter_with_every_page(api):
    client = make_client(api)[0]
    add_carriers(client, 25, prefix='edge')
    add_carriers(client, 3, prefix='core')
    api.clear_log()
    found = list(client.paginate('IncomingCarrier/', {'name': 'edge'}))
    assert len(found) == 25
    gets = api_requests(api, 'GET')
    assert len(gets) == 2
    assert all(r['query']['name'] in ('edge', ['edge']) for r in gets)


def test_paginate_an_empty_list_is_one_request(api):
    client = make_client(api)[0]
    assert list(client.paginate('IncomingCarrier/')) == []
    assert len(api_requests(api, 'GET')) == 1


def test_429_is_retried_after_retry_after(api):
    client, sleep = make_client(api)
    api.fault(method='GET', path='IncomingCarrier', count=2, status=429, retry_after=2)
    assert list(client.paginate('IncomingCarrier/')) == []
    assert sleep.waits == [2.0, 2.0]
    assert len(client.retry_log) == 2
    assert 'HTTP 429' in client.retry_log[0]


def test_retry_after_is_capped(api):
    client, sleep = make_client(api)
    api.fault(method='GET', path='IncomingCarrier', count=1, status=429, retry_after=3600)
    list(client.paginate('IncomingCarrier/'))
    assert sleep.waits == [30.0]


def test_429_on_a_create_is_retried_because_nothing_happened(api):
    client = make_client(api)[0]
    api.fault(method='POST', path='IncomingCarrier', count=1, status=429, retry_after=1)
    client.create('IncomingCarrier/', {'name': 'after-429', 'ip_set': '192.0.2.1'})
    assert [c['name'] for c in client.paginate('IncomingCarrier/')] == ['after-429']


def test_5xx_on_a_read_is_retried_with_bounded_backoff(api):
    client, sleep = make_client(api)
    api.fault(method='GET', path='IncomingCarrier', count=3, status=503)
    list(client.paginate('IncomingCarrier/'))
    assert len(sleep.waits) == 3
    assert all(0 <= wait <= 8 for wait in sleep.waits)
    assert client.calls['GET'] == 4


def test_retries_run_out_with_status_and_api_id(api):
    client = make_client(api, retries=2)[0]
    api.fault(method='GET', path='IncomingCarrier', count=5, status=500)
    with pytest.raises(PlivoError) as caught:
        list(client.paginate('IncomingCarrier/'))
    assert caught.value.status == 500
    assert caught.value.api_id
    assert 'HTTP 500' in caught.value.message
    assert client.calls['GET'] == 3


def test_a_dropped_read_is_retried(api):
    client, sleep = make_client(api)
    api.fault(method='GET', path='IncomingCarrier', count=1, drop='before')
    assert list(client.paginate('IncomingCarrier/')) == []
    assert len(sleep.waits) == 1


def test_a_5xx_create_is_never_resent(api):
    client = make_client(api)[0]
    api.fault(method='POST', path='IncomingCarrier', count=1, status=500)
    with pytest.raises(AmbiguousWriteError):
        client.create('IncomingCarrier/', {'name': 'maybe', 'ip_set': '192.0.2.1'})
    assert len(api_requests(api, 'POST')) == 1


def test_a_create_dropped_after_applying_is_ambiguous_not_repeated(api):
    client = make_client(api)[0]
    api.fault(method='POST', path='IncomingCarrier', count=1, drop='after')
    with pytest.raises(AmbiguousWriteError):
        client.create('IncomingCarrier/', {'name': 'happened', 'ip_set': '192.0.2.1'})
    assert [c['name'] for c in client.paginate('IncomingCarrier/')] == ['happened']


def test_an_update_is_retried_because_setting_fields_is_repeatable(api):
    client, sleep = make_client(api)
    carrier_id = add_carriers(client, 1)[0]
    api.fault(method='POST', path='IncomingCarrier/%s' % carrier_id, count=1, status=502)
    client.update('IncomingCarrier/%s/' % carrier_id, {'ip_set': '198.51.100.1'})
    assert client.get('IncomingCarrier/%s/' % carrier_id)['ip_set'] == '198.51.100.1'
    assert len(sleep.waits) == 1


def test_wrong_token_says_what_to_do_without_echoing_it(api):
    client = make_client(api, token='wrong-token-123456')[0]
    with pytest.raises(PlivoError) as caught:
        client.get('')
    assert caught.value.status == 401
    assert 'auth_token' in caught.value.message
    assert 'wrong-token-123456' not in caught.value.message
    assert client.calls['GET'] == 1, 'a 401 must not be retried'


def test_404_means_absent_on_read_and_already_gone_on_delete(api):
    client = make_client(api)[0]
    assert client.get_or_none('IncomingCarrier/999999/') is None
    assert client.delete('IncomingCarrier/999999/') is False
    carrier_id = add_carriers(client, 1)[0]
    assert client.delete('IncomingCarrier/%s/' % carrier_id) is True


def test_400_carries_the_api_message(api):
    client = make_client(api)[0]
    with pytest.raises(PlivoError) as caught:
        client.create('IncomingCarrier/', {'name': 'bad name!', 'ip_set': '192.0.2.1'})
    assert caught.value.status == 400
    assert 'API said:' in caught.value.message


def test_reads_the_account(api):
    client = make_client(api)[0]
    account = client.get('')
    assert account['auth_id'] == api.auth_id
