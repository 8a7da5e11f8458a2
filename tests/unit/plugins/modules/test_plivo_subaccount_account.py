# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plivo_subaccount and plivo_account driven through the shared loop against a real emulator:
the auth token kept out of results and diffs, update_always, the singleton account, and what a
subaccount's credentials can reach."""

import json

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    ACCOUNT, CARRIER, SUBACCOUNT)
from ansible_collections.plivo.provisioning.plugins.module_utils._client import PlivoError
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.modules import plivo_account, plivo_endpoint
from ansible_collections.plivo.provisioning.plugins.modules.plivo_subaccount import RESOURCE
from module_standin import ModuleStandIn as StandIn


class ModuleStandIn(StandIn):
    """A module with exactly the options given (each test passes its module's defaults)."""

    def __init__(self, api, check_mode=False, diff_mode=True, auth=None, task_no_log=False,
                 **params):
        super().__init__(api, params, check_mode=check_mode, diff_mode=diff_mode, auth=auth,
                         task_no_log=task_no_log)


SUBACCOUNT_DEFAULTS = {'name': None, 'subaccount_id': None, 'enabled': None, 'cascade': False,
                       'return_auth_token': False, 'state': 'present'}


def subaccount_warned(api, **params):
    """Converge a subaccount: the result and the module's warnings."""
    module = ModuleStandIn(api, **dict(SUBACCOUNT_DEFAULTS, **params))
    result = Reconciler(module, RESOURCE).run()
    return result, module.warnings


def subaccount(api, **params):
    return subaccount_warned(api, **params)[0]


def writes(api):
    return [r for r in api.requests() if r['method'] != 'GET']


def tokens(api):
    return [s['auth_token'] for s in api.control('GET', 'state')['tables']['subaccount'].values()]


def test_tokens_are_returned_only_when_asked_for_the_creating_run_included(api):
    created, warnings = subaccount_warned(api, name='team-a', enabled=True)
    token = tokens(api)[0]
    assert created['changed'] is True and created['subaccount']['enabled'] is True
    assert 'auth_token' not in created['subaccount'] and 'new_auth_token' not in created['subaccount']
    assert token not in json.dumps(created) and warnings == []
    again, warnings = subaccount_warned(api, name='team-a', enabled=True)
    assert again['changed'] is False and token not in json.dumps(again) and warnings == []
    revealed, warnings = subaccount_warned(api, name='team-a', return_auth_token=True)
    assert revealed['subaccount']['auth_token'] == token
    assert revealed['subaccount']['new_auth_token'] == token
    assert len(warnings) == 1 and 'no_log' in warnings[0], 'without no_log, -v would show it'
    asked, warnings = subaccount_warned(api, task_no_log=True, name='team-b', return_auth_token=True)
    assert asked['changed'] is True and asked['subaccount']['auth_token'] == tokens(api)[1]
    assert token not in json.dumps(asked['diff']) and warnings == []


def test_updates_resend_name_and_enabled(api):
    created = subaccount(api, name='team-a', enabled=True)
    auth_id = created['subaccount']['auth_id']
    api.clear_log()
    renamed = subaccount(api, subaccount_id=auth_id, name='team-b')
    assert renamed['changed'] is True
    assert renamed['diff'] == {'before': {'name': 'team-a'}, 'after': {'name': 'team-b'}}
    assert 'auth_token' not in renamed['subaccount']
    disabled = subaccount(api, name='team-b', enabled=False)
    assert disabled['diff'] == {'before': {'enabled': True}, 'after': {'enabled': False}}
    bodies = [w['body'] for w in writes(api)]
    assert bodies == [{'name': 'team-b', 'enabled': True}, {'enabled': False, 'name': 'team-b'}]


def test_check_mode_and_delete_with_cascade(api):
    created = subaccount(api, name='team-a')
    api.clear_log()
    checked = subaccount(api, check_mode=True, name='team-a', enabled=True)
    gone = subaccount(api, check_mode=True, name='team-a', state='absent', cascade=True)
    new = subaccount(api, check_mode=True, name='team-new')
    assert checked['changed'] and gone['changed'] and new['changed']
    assert new['subaccount']['auth_id'] is None
    assert writes(api) == []
    deleted = subaccount(api, name='team-a', state='absent', cascade=True)
    assert deleted['changed'] is True and deleted['subaccount'] == {}
    assert [(w['method'], w['path'], w['body']) for w in writes(api)] == [
        ('DELETE', '/v1/Account/%s/Subaccount/%s/' % (api.auth_id, created['subaccount']['auth_id']),
         {'cascade': True})]
    assert subaccount(api, name='team-a', state='absent')['changed'] is False


def test_info_removes_tokens_unless_asked(api):
    subaccount(api, name='team-a')
    module = ModuleStandIn(api, name=None, subaccount_id=None, return_auth_token=False)
    run_info(module, SUBACCOUNT)
    assert [s['name'] for s in module.result['subaccounts']] == ['team-a']
    assert 'auth_token' not in module.result['subaccounts'][0]
    assert tokens(api)[0] not in json.dumps(module.result)
    module = ModuleStandIn(api, name='team-a', subaccount_id=None, return_auth_token=True)
    run_info(module, SUBACCOUNT)
    assert module.result['subaccounts'][0]['auth_token'] == tokens(api)[0]


def account(api, **params):
    module = ModuleStandIn(api, **dict({'name': None, 'city': None, 'address': None}, **params))
    return Reconciler(module, plivo_account.RESOURCE).run()


def test_account_update_is_one_read_one_write_then_converged(api):
    api.clear_log()
    checked = account(api, check_mode=True, city='Berlin', name='Acme')
    assert checked['changed'] is True and checked['account']['city'] == 'Berlin'
    assert writes(api) == []
    updated = account(api, city='Berlin', name='Acme')
    assert updated['diff'] == {'before': {'city': '', 'name': 'Emulator Account'},
                               'after': {'city': 'Berlin', 'name': 'Acme'}}
    assert [(w['path'], w['body']) for w in writes(api)] == [
        ('/v1/Account/%s/' % api.auth_id, {'city': 'Berlin', 'name': 'Acme'})]
    api.clear_log()
    assert account(api, city='Berlin', name='Acme')['changed'] is False
    assert len(api.requests()) == 1 and writes(api) == []
    module = ModuleStandIn(api)
    run_info(module, ACCOUNT)
    assert module.result['account']['city'] == 'Berlin'


def test_subaccount_credentials_act_inside_the_subaccount(api):
    main = ModuleStandIn(api).client
    main.create('IncomingCarrier/', {'name': 'main-carrier', 'ip_set': '192.0.2.1'})
    main_endpoint = main.create('Endpoint/', {'username': 'maindesk', 'password': 'secret1',
                                              'alias': 'Main'})['endpoint_id']
    created = subaccount(api, name='team-a', return_auth_token=True)
    auth = (created['subaccount']['auth_id'], created['subaccount']['auth_token'])

    module = ModuleStandIn(api, auth=auth)
    run_info(module, ACCOUNT)
    assert module.result['account']['auth_id'] == auth[0]
    module = ModuleStandIn(api, auth=auth, name=None, carrier_id=None)
    run_info(module, CARRIER)
    assert module.result['carriers'] == []

    own = ModuleStandIn(api, auth=auth, username='maindesk', endpoint_id=None, password='secret2',
                        update_password='on_create', alias=None, app=None, state='present')
    result = Reconciler(own, plivo_endpoint.RESOURCE).run()
    assert result['changed'] is True, 'the main account\'s endpoint is invisible: a new one'
    assert result['endpoint']['endpoint_id'] != main_endpoint
    assert result['endpoint']['sub_account'] == '/v1/Account/%s/' % auth[0]
    with pytest.raises(PlivoError) as caught:
        account(api, auth=auth, city='Elsewhere')
    assert caught.value.status == 403
