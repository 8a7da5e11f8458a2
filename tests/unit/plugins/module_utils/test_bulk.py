# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The list form of resource modules (_bulk.py) against a real emulator: every item converged
as the single form would, for one listing instead of one lookup per item, reads back by
listing, everything planned before the first write, item failures that leave the others
converged, and check mode. Request counts are asserted exactly: they are the point."""

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import BulkRun
from ansible_collections.plivo.provisioning.plugins.module_utils._client import PlivoClient
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules import (
    plivo_incoming_carrier, plivo_origination_uri, plivo_trunk, plivo_trunk_ip_acl)
from module_standin import ModuleStandIn as StandIn

OPTIONS = {
    plivo_incoming_carrier: dict(name=None, carrier_id=None, ip_set=None, state='present'),
    plivo_origination_uri: dict(name=None, uri_uuid=None, uri=None, authentication_needed=None,
                                username=None, password=None, update_password='on_create',
                                state='present'),
    plivo_trunk: dict(name=None, trunk_id=None, direction=None, status=None, secure=None,
                      ip_acl=None, credential=None, primary_uri=None, fallback_uri=None,
                      force=False, state='present'),
    plivo_trunk_ip_acl: dict(name=None, ipacl_uuid=None, ip_addresses=None, state='present'),
}
CARRIERS = [{'name': 'carrier-%02d' % n, 'ip_set': ['192.0.2.%d' % n]} for n in range(1, 26)]


class ModuleStandIn(StandIn):
    """A list-form module as Ansible hands it over: the task's options with their defaults,
    and items holding every per-object option, None where the item leaves it unset (the
    suboptions have no defaults)."""

    def __init__(self, api, module, items, check_mode=False, concurrency=4, task=None):
        params = dict(OPTIONS[module], **(task or {}))
        params['items'] = [dict(dict.fromkeys(OPTIONS[module]), **item) for item in items]
        super().__init__(api, params, check_mode=check_mode, retries=1, concurrency=concurrency)


def converge(api, module, items, **kwargs):
    return BulkRun(ModuleStandIn(api, module, items, **kwargs), module.RESOURCE, 'items').run()


def calls(api, method):
    return [r for r in api.requests() if r['method'] == method]


def test_25_carriers_one_listing_one_create_each_and_a_listing_to_read_them_back(api):
    result = converge(api, plivo_incoming_carrier, CARRIERS)
    assert result['changed'] is True and 'failures' not in result
    assert len(calls(api, 'POST')) == 25
    gets = calls(api, 'GET')
    assert [r['path'].rsplit('/', 2)[-2] for r in gets] == ['IncomingCarrier'] * 3
    assert [r['query']['offset'] for r in gets] == ['0', '0', '20'], 'empty listing, then 2 pages'
    carriers = result['carriers']
    assert [c['name'] for c in carriers] == [c['name'] for c in CARRIERS]
    assert all(c['voice'] is True and c['ip_set_list'] == [i['ip_set'][0]] for c, i in zip(carriers, CARRIERS)), \
        'the API objects, decorated as the single form returns them'
    assert [d['after_header'] for d in result['diff']][:2] == ["items[0] (name 'carrier-01')",
                                                               "items[1] (name 'carrier-02')"]
    api.clear_log()
    again = converge(api, plivo_incoming_carrier, CARRIERS)
    assert again['changed'] is False and again['diff'] == []
    assert len(api.requests()) == 2, 'a converged run: the listing, 2 pages, nothing else'
    assert [c['carrier_id'] for c in again['carriers']] == [c['carrier_id'] for c in carriers]


def test_an_update_and_unchanged_items_cost_no_extra_read(api):
    converge(api, plivo_incoming_carrier, CARRIERS[:5])
    api.clear_log()
    changed = [dict(CARRIERS[0], ip_set=['198.51.100.1', '198.51.100.2'])] + CARRIERS[1:5]
    result = converge(api, plivo_incoming_carrier, changed)
    assert [r['changed'] for r in result['results']] == [True, False, False, False, False]
    assert result['carriers'][0]['ip_set_list'] == ['198.51.100.1', '198.51.100.2']
    assert [r['method'] for r in api.requests()] == ['GET', 'POST']
    assert result['diff'][0]['before'] == {'ip_set': ['192.0.2.1']}


def test_bad_input_in_any_item_fails_before_the_first_write(api):
    items = CARRIERS[:5] + [{'name': 'carrier-bad', 'ip_set': ['192.0.2.300']}]
    with pytest.raises(UserError) as caught:
        converge(api, plivo_incoming_carrier, items)
    assert "items[5] (name 'carrier-bad')" in str(caught.value) and '192.0.2.300' in str(caught.value)
    assert calls(api, 'POST') == []


def test_the_same_object_listed_twice_is_refused(api):
    with pytest.raises(UserError) as caught:
        converge(api, plivo_incoming_carrier, [CARRIERS[0], CARRIERS[1], CARRIERS[0]])
    assert "items[0] (name 'carrier-01') and items[2] (name 'carrier-01')" in str(caught.value)
    assert api.requests() == []


def test_check_mode_predicts_every_item_and_writes_nothing(api):
    result = converge(api, plivo_incoming_carrier, CARRIERS[:3], check_mode=True)
    assert result['changed'] is True and calls(api, 'POST') == []
    assert [d['after']['name'] for d in result['diff']] == ['carrier-01', 'carrier-02', 'carrier-03']
    assert [r['query'].get('name') for r in api.requests()] == ['carrier-01', 'carrier-02', 'carrier-03'], \
        'up to 3 names: one filtered read each, cheaper than a listing of a large account'


def test_an_item_the_api_refuses_is_a_failure_and_the_others_converge(api):
    api.fault(method='POST', path='/IncomingCarrier/$', status=400, count=1)
    result = converge(api, plivo_incoming_carrier, CARRIERS[:6])
    assert len(result['failures']) == 1 and result['failures'][0]['status'] == 400
    failed = result['failures'][0]['item']
    created = [r for r in result['results'] if r['changed']]
    assert len(created) == 5 and all(c['carrier']['carrier_id'] for c in created)
    api.clear_log()
    again = converge(api, plivo_incoming_carrier, CARRIERS[:6])
    assert 'failures' not in again and len(calls(api, 'POST')) == 1, 're-run creates only ' + failed


def test_an_outage_stops_further_writes(api):
    api.fault(method='POST', path='/IncomingCarrier/$', status=401, count=100)
    result = converge(api, plivo_incoming_carrier, CARRIERS, concurrency=2)
    posts = calls(api, 'POST')
    assert 1 <= len(posts) <= 3, 'the first refusal stops the writes not yet started'
    assert len(result['failures']) == 25 and result['changed'] is False
    assert sum(1 for f in result['failures'] if f['msg'].startswith('not sent')) == 25 - len(posts)


def test_trunks_resolve_their_uris_from_one_listing(api):
    uris = [{'name': 'pbx%d-%s' % (n, side), 'uri': '192.0.2.%d' % (10 * n + i)}
            for n in range(1, 4) for i, side in enumerate(('primary', 'fallback'))]
    converge(api, plivo_origination_uri, uris)
    api.clear_log()
    trunks = [{'name': 'pbx%d-in' % n, 'direction': 'inbound', 'primary_uri': 'pbx%d-primary' % n,
               'fallback_uri': 'pbx%d-fallback' % n} for n in range(1, 4)]
    result = converge(api, plivo_trunk, trunks)
    paths = [r['path'].split('/Zentrunk/')[1] for r in calls(api, 'GET')]
    # The trunk listing (empty), one URI listing for 6 names, and one page of trunks to read
    # back the 3 created (cheaper than 3 GETs).
    assert paths == ['Trunk/', 'URI/', 'Trunk/']
    assert len(calls(api, 'POST')) == 3
    assert all(t['trunk_domain'] == '%s.zt.plivo.com' % t['trunk_id'] for t in result['trunks'])


# -- references the objects already use, by id, need no read ---------------------------------
def test_numbers_already_linked_to_the_trunk_id_given_make_only_the_number_reads(api):
    from ansible_collections.plivo.provisioning.plugins.module_utils._numbers import NumberSet
    from ansible_collections.plivo.provisioning.plugins.modules import plivo_number
    converge(api, plivo_origination_uri, [{'name': 'pbx-primary', 'uri': '192.0.2.10'}])
    trunk = converge(api, plivo_trunk, [{'name': 'pbx-in', 'direction': 'inbound',
                                         'primary_uri': 'pbx-primary'}])['trunks'][0]
    client = PlivoClient(api.auth_id, api.auth_token, api_url=api.url)
    carrier = client.create('IncomingCarrier/', {'name': 'acme', 'ip_set': '192.0.2.1'})['carrier_id']
    numbers = [str(n) for n in range(14155550300, 14155550325)]

    class Numbers(ModuleStandIn):
        def __init__(self, **params):
            super(Numbers, self).__init__(api, plivo_incoming_carrier, [])
            self.params = dict({'numbers': numbers, 'state': 'present', 'carrier': None, 'region': None,
                                'number_type': None, 'buy': False, 'app': None, 'alias': None,
                                'subaccount': None, 'trunk': trunk['trunk_id']}, **params)

    first = NumberSet(Numbers(carrier=carrier, region='California'), plivo_number.RESOURCE).run()
    assert first['added'] == numbers
    api.clear_log()
    again = NumberSet(Numbers(), plivo_number.RESOURCE).run()
    assert again['changed'] is False
    assert [r['path'].rsplit('/', 2)[-2] for r in api.requests()] == ['Number', 'Number'], \
        'two pages of the 25 numbers, and no read of the trunk they already use'
    api.clear_log()
    other = converge(api, plivo_trunk, [{'name': 'pbx2-in', 'direction': 'inbound',
                                         'primary_uri': 'pbx-primary'}])['trunks'][0]
    api.clear_log()
    moved = NumberSet(Numbers(trunk=other['trunk_id']), plivo_number.RESOURCE).run()
    assert moved['updated'] == numbers
    assert sum(1 for r in api.requests() if r['path'].endswith('/Zentrunk/Trunk/%s/' % other['trunk_id'])) == 1, \
        'a trunk not used yet is read once, to check it exists and is inbound'


def test_the_list_form_takes_the_same_options_under_the_same_rules():
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import list_form
    kwargs = list_form('credentials', dict(name=dict(type='str'), credential_uuid=dict(type='str'),
                                           password=dict(type='str', no_log=True),
                                           state=dict(type='str', choices=['present', 'absent'],
                                                      default='present'),
                                           username=dict(type='str', required=False)),
                       required_one_of=[('name', 'credential_uuid')])
    validator = ArgumentSpecValidator(kwargs['argument_spec'], mutually_exclusive=kwargs['mutually_exclusive'],
                                      required_one_of=kwargs['required_one_of'])
    good = validator.validate({'credentials': [{'name': 'a', 'password': 'Secret#1'}]})
    assert good.error_messages == []
    assert good.validated_parameters['credentials'][0]['state'] is None, 'unset: the task\'s value applies'
    assert good.validated_parameters['state'] == 'present', 'the task-level default stays'
    suboptions = kwargs['argument_spec']['credentials']['options']
    assert suboptions['state'] == dict(type='str', choices=['present', 'absent']), 'choices kept, no default'
    assert suboptions['username'] == dict(type='str')
    assert validator.validate({'credentials': [{'name': 'a', 'state': 'gone'}]}).error_messages, 'choices apply'
    assert 'Secret#1' in good._no_log_values, 'a secret in an item is masked as the option is'
    assert validator.validate({'credentials': [{'password': 'x'}]}).error_messages, 'each item needs name or uuid'
    assert validator.validate({'name': 'a', 'credentials': [{'name': 'b'}]}).error_messages, 'one object or a list'
    assert validator.validate({}).error_messages


def test_many_references_by_uuid_not_used_yet_are_read_with_one_listing_and_not_at_all_once_used(api):
    uris = converge(api, plivo_origination_uri, [{'name': 'pbx%d-primary' % n, 'uri': '192.0.2.%d' % n}
                                                 for n in range(1, 6)])['origination_uris']
    trunks = [{'name': 'pbx%d-in' % n, 'direction': 'inbound', 'primary_uri': uri['uri_uuid']}
              for n, uri in enumerate(uris, 1)]
    api.clear_log()
    converge(api, plivo_trunk, trunks)
    assert [r['path'].split('/Zentrunk/')[1] for r in calls(api, 'GET')] == ['Trunk/', 'URI/', 'Trunk/'], \
        'five uuids: one URI listing rather than five GETs'
    api.clear_log()
    assert converge(api, plivo_trunk, trunks)['changed'] is False
    assert [r['path'].split('/Zentrunk/')[1] for r in api.requests()] == ['Trunk/'], \
        'the trunks already use those uuids: nothing else to read'


# -- options an item leaves unset take the task's value ----------------------------------------
def test_state_absent_at_task_level_deletes_every_item(api):
    converge(api, plivo_incoming_carrier, CARRIERS[:3])
    api.clear_log()
    result = converge(api, plivo_incoming_carrier, [{'name': c['name']} for c in CARRIERS[:3]],
                      task={'state': 'absent'})
    assert [r['changed'] for r in result['results']] == [True, True, True]
    assert len(calls(api, 'DELETE')) == 3 and len(calls(api, 'POST')) == 0
    assert result['carriers'] == [{}, {}, {}]
    api.clear_log()
    kept = converge(api, plivo_incoming_carrier, [dict(CARRIERS[3], state='present')], task={'state': 'absent'})
    assert kept['results'][0]['changed'] is True and len(calls(api, 'POST')) == 1, \
        'an item\'s own state wins over the task\'s'


def test_an_option_set_at_task_level_applies_to_every_item_that_leaves_it_unset(api):
    items = [{'name': 'shared-%d' % n} for n in range(1, 4)] + [{'name': 'own', 'ip_set': ['198.51.100.9']}]
    result = converge(api, plivo_incoming_carrier, items, task={'ip_set': ['192.0.2.77']})
    assert [c['ip_set_list'] for c in result['carriers']] == [['192.0.2.77']] * 3 + [['198.51.100.9']]


def test_an_item_left_unset_is_not_reset_to_the_options_default(api):
    """force (default false) set true at task level is not undone by the items' None."""
    converge(api, plivo_origination_uri, [{'name': 'flip-primary', 'uri': '192.0.2.50'}])
    converge(api, plivo_trunk_ip_acl, [{'name': 'flip-acl', 'ip_addresses': ['192.0.2.51']}])
    converge(api, plivo_trunk, [{'name': 'flip', 'direction': 'inbound', 'primary_uri': 'flip-primary'}])
    api.clear_log()
    result = converge(api, plivo_trunk, [{'name': 'flip', 'direction': 'outbound', 'ip_acl': 'flip-acl',
                                          'primary_uri': ''}], task={'force': True})
    assert result['changed'] is True and result['trunks'][0]['trunk_direction'] == 'outbound'
    assert len(calls(api, 'DELETE')) == 1 and len(calls(api, 'POST')) == 1, 'replaced: delete, then create'


def test_check_mode_trusts_references_to_objects_an_earlier_task_would_create(api):
    """Trunks naming URIs a previous (check-mode) task would create: warned and predicted, as
    the single form does, with no write."""
    module = ModuleStandIn(api, plivo_trunk, [
        {'name': 'pbx%d-in' % n, 'direction': 'inbound', 'primary_uri': 'pbx%d-primary' % n,
         'fallback_uri': 'pbx%d-fallback' % n} for n in range(1, 5)], check_mode=True)
    result = BulkRun(module, plivo_trunk.RESOURCE, 'items').run()
    assert result['changed'] is True and [t['trunk_id'] for t in result['trunks']] == [None] * 4
    assert result['trunks'][0]['primary_uri_uuid'] == 'pbx1-primary (not created yet)'
    assert sum(1 for w in module.warnings if 'assuming an earlier task' in w) == 8
    assert [r['method'] for r in api.requests()] == ['GET', 'GET'], 'the trunk listing, the URI listing'


def test_up_to_3_names_are_read_filtered_once_each_for_both_the_plan_and_the_write(api):
    converge(api, plivo_incoming_carrier, CARRIERS[:3])
    gets = calls(api, 'GET')
    assert [r['query'].get('name') for r in gets[:3]] == ['carrier-01', 'carrier-02', 'carrier-03']
    assert len(gets) == 6 and all(r['path'].rsplit('/', 2)[-2].isdigit() for r in gets[3:]), \
        'one filtered read per name, then one GET per created carrier (fewer than a listing may take)'
    assert len(calls(api, 'POST')) == 3


def test_each_item_result_carries_its_key_and_its_own_diff_whatever_the_diff_headers_say(api):
    converge(api, plivo_incoming_carrier, CARRIERS[:3])
    existing = converge(api, plivo_incoming_carrier, CARRIERS[:1])['carriers'][0]
    api.fault(method='POST', path='/IncomingCarrier/$', status=400, count=1)
    items = [{'carrier_id': existing['carrier_id'], 'name': 'carrier-01-renamed'},
             CARRIERS[1], dict(CARRIERS[2], ip_set=['198.51.100.3']), CARRIERS[3]]
    result = converge(api, plivo_incoming_carrier, items)
    keys = [(r['key_option'], r['key']) for r in result['results']]
    assert keys == [('carrier_id', existing['carrier_id']), ('name', 'carrier-02'),
                    ('name', 'carrier-03'), ('name', 'carrier-04')], 'the id wins where an item gives one'
    renamed, unchanged, updated, refused = result['results']
    assert renamed['diff'] == {'before': {'name': 'carrier-01'}, 'after': {'name': 'carrier-01-renamed'}}
    assert unchanged['changed'] is False and unchanged['diff'] == {'before': {}, 'after': {}}
    assert updated['diff']['after'] == {'ip_set': ['198.51.100.3']}
    assert refused['failed'] is True and refused['changed'] is False and 'diff' in refused
    assert result['failures'][0]['key'] == 'carrier-04' and refused['msg'] == result['failures'][0]['msg']
    assert [d['before'] for d in result['diff']] == [renamed['diff']['before'], updated['diff']['before']], \
        "the task's diff shows each changed item once"


def test_without_diff_mode_items_carry_their_key_and_no_diff(api):
    module = ModuleStandIn(api, plivo_incoming_carrier, CARRIERS[:2])
    module.diff_mode = False
    result = BulkRun(module, plivo_incoming_carrier.RESOURCE, 'items').run()
    assert [r['key'] for r in result['results']] == ['carrier-01', 'carrier-02']
    assert all('diff' not in r for r in result['results']) and 'diff' not in result
