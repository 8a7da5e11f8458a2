# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plivo_endpoint's description driven through the shared loop against a real emulator:
Plivo's username suffix, the write-only password, the alias default and the app reference."""

import json
import re

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import ENDPOINT
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules.plivo_endpoint import RESOURCE
from module_standin import ModuleStandIn as StandIn

PASSWORD = 'Sw0rdfish-4711'


class ModuleStandIn(StandIn):
    """An endpoint module's options, defaulted as its argument spec does."""

    def __init__(self, api, check_mode=False, diff_mode=True, auth=None, **params):
        defaults = {'username': None, 'endpoint_id': None, 'password': None,
                    'update_password': 'on_create', 'alias': None, 'app': None, 'state': 'present'}
        super().__init__(api, dict(defaults, **params), check_mode=check_mode, diff_mode=diff_mode,
                         auth=auth)


def converge(api, **params):
    return Reconciler(ModuleStandIn(api, **params), RESOURCE).run()


def writes(api):
    return [r for r in api.requests() if r['method'] != 'GET']


def stored_password(api, endpoint_id):
    return api.control('GET', 'state')['tables']['endpoint'][endpoint_id]['_password']


def test_create_suffixes_the_username_defaults_the_alias_and_hides_the_password(api):
    result = converge(api, username='alice', password=PASSWORD)
    endpoint = result['endpoint']
    assert result['changed'] is True and result['password_updated'] is True
    assert re.match(r'^alice[0-9]{12}$', endpoint['username'])
    assert endpoint['sip_uri'] == 'sip:%s@phone.plivo.com' % endpoint['username']
    assert endpoint['alias'] == 'alice'
    assert result['diff'] == {'before': {'state': 'absent'},
                              'after': {'state': 'present', 'username': 'alice',
                                        'password': '********', 'alias': 'alice'}}
    assert PASSWORD not in json.dumps(result)
    assert stored_password(api, endpoint['endpoint_id']) == PASSWORD


def test_rerun_with_on_create_is_one_read_and_no_write(api):
    created = converge(api, username='alice', password=PASSWORD, alias='Alice')
    api.clear_log()
    again = converge(api, username='alice', password='another-password', alias='Alice')
    assert again['changed'] is False and again['password_updated'] is False
    assert again['endpoint']['endpoint_id'] == created['endpoint']['endpoint_id']
    assert writes(api) == []
    assert len(api.requests()) == 1, 'one page of endpoints'
    assert stored_password(api, created['endpoint']['endpoint_id']) == PASSWORD


def test_update_password_always_sends_it_and_says_so(api):
    created = converge(api, username='alice', password=PASSWORD)
    endpoint_id = created['endpoint']['endpoint_id']
    api.clear_log()
    checked = converge(api, check_mode=True, username='alice', password='n3w-password',
                       update_password='always')
    assert checked['changed'] is True and checked['password_updated'] is True
    assert writes(api) == []
    result = converge(api, username='alice', password='n3w-password', update_password='always')
    assert result['changed'] is True and result['password_updated'] is True
    assert result['diff'] == {'before': {'password_updated': False},
                              'after': {'password_updated': True}}
    posts = writes(api)
    assert len(posts) == 1 and set(posts[0]['body']) == {'password'}
    assert stored_password(api, endpoint_id) == 'n3w-password'
    assert 'n3w-password' not in json.dumps(result)


def test_alice_and_alice2_never_confuse_each_other(api):
    alice2 = converge(api, username='alice2', password=PASSWORD)['endpoint']
    alice = converge(api, username='alice', password=PASSWORD)
    assert alice['changed'] is True, 'alice2... is not alice'
    assert alice['endpoint']['endpoint_id'] != alice2['endpoint_id']
    again = converge(api, username='alice', password=PASSWORD, alias='alice')
    assert again['changed'] is False
    assert again['endpoint']['endpoint_id'] == alice['endpoint']['endpoint_id']
    renamed = converge(api, username='alice2', alias='Second Alice')
    assert renamed['endpoint']['endpoint_id'] == alice2['endpoint_id']
    module = ModuleStandIn(api, username='alice')
    run_info(module, ENDPOINT)
    assert [e['endpoint_id'] for e in module.result['endpoints']] == [
        alice['endpoint']['endpoint_id']]


def test_the_full_suffixed_username_finds_the_endpoint_too(api):
    created = converge(api, username='bob', password=PASSWORD)['endpoint']
    again = converge(api, username=created['username'], alias='bob')
    assert again['changed'] is False and again['endpoint']['endpoint_id'] == created['endpoint_id']


def test_two_matches_fail_listing_both(api):
    client = ModuleStandIn(api).client
    body = {'username': 'twin', 'password': PASSWORD, 'alias': 'Twin'}
    ids = [client.create('Endpoint/', body)['endpoint_id'], client.create('Endpoint/', body)['endpoint_id']]
    with pytest.raises(UserError) as caught:
        converge(api, username='twin', alias='x')
    assert all(i in str(caught.value) for i in ids) and 'endpoint_id' in str(caught.value)


@pytest.mark.parametrize('params, words', [
    ({'username': '1alice', 'password': PASSWORD}, ["username '1alice'", 'letter']),
    ({'username': 'ali-ce', 'password': PASSWORD}, ["username 'ali-ce'"]),
    ({'username': 'alice', 'password': 'abc4'}, ['password', '5 characters']),
    ({'username': 'alice', 'password': ''}, ['password', '5 characters']),
    ({'username': 'alice', 'password': PASSWORD, 'alias': ''}, ['alias must not be empty']),
])
def test_bad_input_fails_before_any_request_without_quoting_the_password(api, params, words):
    with pytest.raises(UserError) as caught:
        converge(api, **params)
    for word in words:
        assert word in str(caught.value)
    assert 'abc4' not in str(caught.value) and PASSWORD not in str(caught.value)
    assert api.requests() == []


def test_create_without_password_fails_before_writing(api):
    with pytest.raises(UserError) as caught:
        converge(api, username='alice')
    assert 'password is required' in str(caught.value)
    assert writes(api) == []


def test_an_endpoint_cannot_be_renamed(api):
    created = converge(api, username='alice', password=PASSWORD)['endpoint']
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, endpoint_id=created['endpoint_id'], username='bob')
    assert 'cannot change' in str(caught.value) and 'force' not in str(caught.value)
    assert writes(api) == []
    same = converge(api, endpoint_id=created['endpoint_id'], username='alice', alias='alice')
    assert same['changed'] is False


def test_app_by_name_links_and_empty_unlinks(api):
    client = ModuleStandIn(api).client
    app_id = client.create('Application/', {'app_name': 'support',
                                            'answer_url': 'https://example.com/a'})['app_id']
    linked = converge(api, username='desk', password=PASSWORD, app='support')
    assert linked['endpoint']['application'].endswith('/Application/%s/' % app_id)
    api.clear_log()
    assert converge(api, username='desk', app=app_id)['changed'] is False
    unlinked = converge(api, username='desk', app='')
    assert unlinked['changed'] is True
    assert unlinked['diff'] == {'before': {'app': app_id}, 'after': {'app': ''}}
    assert [w['body'] for w in writes(api)] == [{'app_id': ''}]
    assert converge(api, username='desk', app='')['changed'] is False


def test_check_mode_with_an_app_not_created_yet_warns_and_serialises(api):
    module = ModuleStandIn(api, check_mode=True, username='desk', password=PASSWORD,
                           app='future-app')
    result = Reconciler(module, RESOURCE).run()
    assert result['changed'] is True and result['endpoint']['endpoint_id'] is None
    assert 'future-app' in module.warnings[0]
    json.dumps(result)
    assert writes(api) == []


def test_lookup_walks_every_page(api):
    client = ModuleStandIn(api).client
    for index in range(24):
        client.create('Endpoint/', {'username': 'phone%d' % index, 'password': PASSWORD,
                                    'alias': 'Phone'})
    api.clear_log()
    result = converge(api, username='phone0', alias='Phone')  # oldest: on the second page
    assert result['changed'] is False
    queries = [r['query'] for r in api.requests()]
    assert [(str(q['limit']), str(q['offset'])) for q in queries] == [('20', '0'), ('20', '20')]
