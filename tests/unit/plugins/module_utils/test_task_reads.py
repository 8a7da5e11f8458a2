# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads shared by the loop items of one task (``_resolver.TaskReads``), as the in-process
path turns them on: each item is its own Reconciler run, as each loop item is its own
module run, against a real emulator. The application that 20 looped endpoints link to is
read once; reads of the kind the task writes are read again after each write; nothing is
shared across accounts, across tasks, or when the cache is off (the module path)."""

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import TASK_READS
from ansible_collections.plivo.provisioning.plugins.modules import plivo_application, plivo_endpoint
from module_standin import ModuleStandIn

ENDPOINT_OPTIONS = dict(username=None, endpoint_id=None, password=None, update_password='on_create',
                        alias=None, app=None, state='present')


def endpoint(api, n, **options):
    params = dict(ENDPOINT_OPTIONS, username='desk%d' % n, password='Desk-pw-%d' % n, alias='Desk %d' % n,
                  app='ivr')
    params.update(options)
    module = ModuleStandIn(api, params)
    TASK_READS.watch(module.client)  # as PlivoModule does
    return Reconciler(module, plivo_endpoint.RESOURCE).run()


def gets(api, path):
    return [r for r in api.requests() if r['method'] == 'GET' and r['path'].rstrip('/').endswith(path)]


@pytest.fixture
def app(api):
    module = ModuleStandIn(api, dict(app_name='ivr', app_id=None, answer_url='https://pbx.example.com/a',
                                     state='present'))
    Reconciler(module, plivo_application.RESOURCE).run()
    api.clear_log()


@pytest.fixture
def task():
    TASK_READS.begin(object())
    try:
        yield
    finally:
        TASK_READS.end()


def test_a_looped_reference_is_read_once_for_the_whole_task(api, app, task):
    for n in range(1, 6):
        assert endpoint(api, n)['changed'] is True
    assert len(gets(api, 'Application')) == 1, 'the application the 5 endpoints link to, read once'
    listings = [r for r in gets(api, 'Endpoint') if 'limit' in r['query']]
    assert len(listings) == 1, 'one listing of the kind the task writes, updated after each create'
    read_backs = [r for r in api.requests() if r['method'] == 'GET' and '/Endpoint/' in r['path']
                  and not r['path'].endswith('/Endpoint/')]
    assert len(read_backs) == 5, 'and each created endpoint read back once'


def test_the_shared_listing_follows_the_task_s_own_updates_and_deletes(api, app, task):
    for n in range(1, 4):
        endpoint(api, n)
    assert endpoint(api, 2, alias='Moved desk')['changed'] is True
    assert endpoint(api, 2, alias='Moved desk')['changed'] is False, 'the update is in the listing'
    assert endpoint(api, 3, state='absent')['changed'] is True
    assert endpoint(api, 3, state='absent')['changed'] is False, 'the delete is in the listing'
    api.clear_log()
    assert endpoint(api, 3)['changed'] is True, 'created again: the listing had no stale copy of it'
    assert [r['method'] for r in api.requests()] == ['POST', 'GET'], 'no lookup, the create and its read-back'


def test_a_failed_write_makes_the_next_item_read_its_kind_again(api, app, task):
    endpoint(api, 1)
    api.fault(method='POST', path='/Endpoint/$', status=400, count=1)
    with pytest.raises(Exception):
        endpoint(api, 2)
    api.clear_log()
    endpoint(api, 2)
    assert len([r for r in gets(api, 'Endpoint') if 'limit' in r['query']]) == 1, \
        'the outcome of the refused write was not known: the listing is read again'


def test_a_converged_loop_reads_its_own_kind_once(api, app, task):
    for n in range(1, 6):
        endpoint(api, n)
    api.clear_log()
    TASK_READS.begin(object())  # the next task: a re-run of the same loop
    assert not any(endpoint(api, n)['changed'] for n in range(1, 6))
    assert [r['method'] for r in api.requests()] == ['GET', 'GET'], 'no write, two reads in all'
    assert len(gets(api, 'Endpoint')) == 1 and len(gets(api, 'Application')) == 1, \
        'one listing of the endpoints and one lookup of the application serve the 5 items, as in the list form'


def test_without_the_task_cache_each_item_reads_for_itself(api, app):
    TASK_READS.end()
    for n in range(1, 4):
        endpoint(api, n)
    assert len(gets(api, 'Application')) == 3


def test_another_account_never_sees_what_one_account_read(api, app, task):
    endpoint(api, 1)
    other = ModuleStandIn(api, {}, auth=('MAOTHERACCOUNT000001', 'other-token'))
    key = ('find', plivo_application.RESOURCE.path, 'ivr')
    assert TASK_READS.read(other.client, key, lambda: 'read for the other account') == \
        'read for the other account'
