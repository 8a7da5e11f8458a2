# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared reconcile loop, driven with the carrier description against a real emulator."""

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import Resolver
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules.plivo_incoming_carrier import RESOURCE
from module_standin import ModuleStandIn as StandIn


class ModuleStandIn(StandIn):
    """plivo_incoming_carrier's options, defaulted as its argument spec does."""

    def __init__(self, api, check_mode=False, diff_mode=True, **params):
        defaults = {'name': None, 'carrier_id': None, 'ip_set': None, 'state': 'present'}
        super().__init__(api, dict(defaults, **params), check_mode=check_mode, diff_mode=diff_mode)


def converge(api, **params):
    return Reconciler(ModuleStandIn(api, **params), RESOURCE).run()


def writes(api):
    return [r for r in api.requests() if r['method'] != 'GET']


def test_create_then_converged(api):
    created = converge(api, name='edge', ip_set=['192.0.2.2', '192.0.2.1'])
    assert created['changed'] is True
    assert created['carrier']['ip_set_list'] == ['192.0.2.1', '192.0.2.2']
    assert created['diff'] == {'before': {'state': 'absent'},
                               'after': {'state': 'present', 'name': 'edge',
                                         'ip_set': ['192.0.2.1', '192.0.2.2']}}
    api.clear_log()
    again = converge(api, name='edge', ip_set=['192.0.2.1', '192.0.2.2', '192.0.2.1'])
    assert again['changed'] is False
    assert again['carrier']['carrier_id'] == created['carrier']['carrier_id']
    assert writes(api) == []
    assert len(api.requests()) == 1, 'a converged run is one filtered list read'


def test_only_options_the_user_set_are_compared(api):
    converge(api, name='edge', ip_set=['192.0.2.1'])
    result = converge(api, name='edge')
    assert result['changed'] is False


def test_check_mode_sends_no_write_and_predicts(api):
    converge(api, name='edge', ip_set=['192.0.2.1'])
    api.clear_log()
    result = converge(api, check_mode=True, name='edge', ip_set=['192.0.2.9'])
    assert result['changed'] is True
    assert result['diff'] == {'before': {'ip_set': ['192.0.2.1']},
                              'after': {'ip_set': ['192.0.2.9']}}
    assert result['carrier']['ip_set'] == '192.0.2.9'
    created = converge(api, check_mode=True, name='new-one', ip_set=['192.0.2.3'])
    assert created['changed'] is True and created['carrier']['carrier_id'] is None
    deleted = converge(api, check_mode=True, name='edge', state='absent')
    assert deleted['changed'] is True
    assert writes(api) == []


def test_a_carrier_update_carries_name_and_ip_set_which_one_api_reading_requires(api):
    converge(api, name='edge', ip_set=['192.0.2.1'])
    api.clear_log()
    result = converge(api, name='edge', ip_set=['192.0.2.1', '192.0.2.5'])
    assert result['changed'] is True
    assert result['diff'] == {'before': {'ip_set': ['192.0.2.1']},
                              'after': {'ip_set': ['192.0.2.1', '192.0.2.5']}}
    posts = writes(api)
    assert len(posts) == 1
    assert posts[0]['body'] == {'ip_set': '192.0.2.1,192.0.2.5', 'name': 'edge'}
    assert result['carrier']['ip_set_list'] == ['192.0.2.1', '192.0.2.5']


def test_exact_name_match_ignores_names_containing_it(api):
    converge(api, name='edge-2', ip_set=['192.0.2.1'])
    result = converge(api, name='edge', ip_set=['192.0.2.7'])
    assert result['changed'] is True
    assert result['diff']['before'] == {'state': 'absent'}


def test_duplicate_names_fail_listing_ids(api):
    module = ModuleStandIn(api)
    first = module.client.create('IncomingCarrier/', {'name': 'twin', 'ip_set': '192.0.2.1'})
    second = module.client.create('IncomingCarrier/', {'name': 'twin', 'ip_set': '192.0.2.2'})
    with pytest.raises(UserError) as caught:
        converge(api, name='twin', ip_set=['192.0.2.1'])
    assert first['carrier_id'] in str(caught.value) and second['carrier_id'] in str(caught.value)


def test_delete_then_delete_again(api):
    converge(api, name='edge', ip_set=['192.0.2.1'])
    assert converge(api, name='edge', state='absent')['changed'] is True
    api.clear_log()
    assert converge(api, name='edge', state='absent')['changed'] is False
    assert writes(api) == []


def test_ambiguous_create_is_resolved_by_reading_not_reposting(api):
    api.fault(method='POST', path='IncomingCarrier', count=1, drop='after')
    result = converge(api, name='edge', ip_set=['192.0.2.1'])
    assert result['changed'] is True
    assert result['carrier']['name'] == 'edge'
    assert len([r for r in api.requests() if r['method'] == 'POST']) == 1
    module = ModuleStandIn(api)
    assert len(list(module.client.paginate('IncomingCarrier/'))) == 1


def test_bad_entry_is_named_before_any_request(api):
    with pytest.raises(UserError) as caught:
        converge(api, name='edge', ip_set=['192.0.2.1', '10.0.0.0/8'])
    assert "ip_set entry '10.0.0.0/8'" in str(caught.value)
    assert api.requests() == []


def test_resolver_finds_by_id_then_by_name_and_caches(api):
    module = ModuleStandIn(api)
    carrier_id = module.client.create('IncomingCarrier/', {'name': '12345',
                                                           'ip_set': '192.0.2.1'})['carrier_id']
    resolver = Resolver(module.client)
    assert resolver.resolve(RESOURCE, carrier_id, 'carrier') == carrier_id
    assert resolver.resolve(RESOURCE, '12345', 'carrier') == carrier_id, 'digits that are a name'
    api.clear_log()
    assert resolver.resolve(RESOURCE, '12345', 'carrier') == carrier_id
    assert api.requests() == [], 'the second resolution is served from the cache'


def test_resolver_in_check_mode_warns_for_a_name_not_created_yet(api):
    module = ModuleStandIn(api)
    warnings = []
    resolver = Resolver(module.client, check_mode=True, warn=warnings.append)
    pending = resolver.resolve(RESOURCE, 'future-carrier', 'carrier')
    assert pending != 'future-carrier'
    assert 'future-carrier' in warnings[0]
    with pytest.raises(UserError):
        Resolver(module.client).resolve(RESOURCE, 'future-carrier', 'carrier')
