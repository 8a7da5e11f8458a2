# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine against the API as production speaks it (default applications, what a delete
takes with it) and under each open reading the emulator offers as a dialect: every run
converges, and a re-run writes nothing."""

import json

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import NumberReader
from ansible_collections.plivo.provisioning.plugins.module_utils._numbers import NumberSet
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules import (
    plivo_application, plivo_endpoint, plivo_incoming_carrier, plivo_number, plivo_subaccount, plivo_trunk)
from conftest import start_emulator, stop_emulator
from module_standin import ModuleStandIn

FLEET = [str(n) for n in range(14155550100, 14155550130)]
NUMBER_DEFAULTS = {'numbers': None, 'groups': None, 'state': 'present', 'carrier': None, 'region': None,
                   'number_type': None, 'buy': False, 'app': None, 'trunk': None, 'alias': None,
                   'subaccount': None}


def converge(api, module, check_mode=False, **params):
    return Reconciler(ModuleStandIn(api, dict({'state': 'present'}, **params), check_mode=check_mode),
                      module.RESOURCE).run()


def numbers(api, check_mode=False, **params):
    return NumberSet(ModuleStandIn(api, dict(NUMBER_DEFAULTS, **params), check_mode=check_mode),
                     plivo_number.RESOURCE).run()


def writes(api):
    return [r for r in api.requests() if r['method'] != 'GET']


def linked(api, number):
    return ModuleStandIn(api, {}).client.get('Number/%s/' % number)


@pytest.fixture
def carrier(api):
    converge(api, plivo_incoming_carrier, name='acme', ip_set=['192.0.2.1'])
    api.clear_log()
    return 'acme'


@pytest.fixture
def defaults(api):
    """The account's default application for numbers and for endpoints."""
    return converge(api, plivo_application, app_name='fallback', answer_url='https://x.example/a',
                    default_number_app=True, default_endpoint_app=True)['application']['app_id']


def test_an_endpoint_asked_for_no_application_is_unlinked_from_the_default_one(api, defaults):
    plain = converge(api, plivo_endpoint, username='desk', password='secret12')
    assert plain['endpoint']['application'].endswith('/Application/%s/' % defaults), \
        'with app unset, the result shows the link the API made'
    api.clear_log()
    alone = converge(api, plivo_endpoint, username='lab', password='secret12', app='')
    assert alone['changed'] is True and alone['endpoint']['application'] is None
    assert [w['method'] for w in writes(api)] == ['POST', 'POST'], 'the create, then the unlink'
    stored = ModuleStandIn(api, {}).client.get('Endpoint/%s/' % alone['endpoint']['endpoint_id'])
    assert stored['application'] is None
    api.clear_log()
    assert converge(api, plivo_endpoint, username='lab', password='secret12', app='')['changed'] is False
    assert writes(api) == []


def test_endpoints_of_the_list_form_asked_for_no_application_stay_unlinked(api, defaults):
    from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import BulkRun
    params = {'endpoints': [{'username': 'lab%d' % i, 'password': 'secret12', 'app': ''} for i in range(4)],
              'state': 'present', 'update_password': 'on_create'}
    result = BulkRun(ModuleStandIn(api, params), plivo_endpoint.RESOURCE, 'endpoints').run()
    assert [e['application'] for e in result['endpoints']] == [None] * 4
    listed = ModuleStandIn(api, {}).client.paginate('Endpoint/')
    assert [e['application'] for e in listed] == [None] * 4


def test_numbers_asked_for_no_application_are_unlinked_and_others_report_the_default(api, carrier, defaults):
    plain = numbers(api, numbers=FLEET[:5], carrier=carrier, region='California')
    assert all(n['application'].endswith('/Application/%s/' % defaults) for n in plain['numbers'])
    alone = numbers(api, numbers=FLEET[5:10], carrier=carrier, region='California', app='')
    assert alone['added'] == FLEET[5:10] and 'failures' not in alone
    assert [linked(api, n)['application'] for n in FLEET[5:10]] == [None] * 5
    assert [n['application'] for n in alone['numbers']] == [None] * 5
    api.clear_log()
    again = numbers(api, numbers=FLEET[5:10], carrier=carrier, region='California', app='')
    assert again['changed'] is False and writes(api) == []


def test_an_application_delete_keeps_its_endpoints_unless_asked_and_says_what_it_touches(api, carrier):
    app_id = converge(api, plivo_application, app_name='ivr', answer_url='https://x.example/a')['application']['app_id']
    desk = converge(api, plivo_endpoint, username='desk', password='secret12', app='ivr')['endpoint']
    numbers(api, numbers=FLEET[:2], carrier=carrier, region='California', app='ivr')
    api.clear_log()
    check = converge(api, plivo_application, check_mode=True, app_name='ivr', state='absent', cascade=False)
    assert writes(api) == []
    assert check['dependents'] == [
        {'kind': 'endpoints', 'effect': 'unlinked; they stay', 'count': 1, 'names': [desk['username']]},
        {'kind': 'numbers', 'effect': 'unlinked; they stay on the account', 'count': 2, 'names': FLEET[:2]}]
    assert check['diff']['before']['endpoints'] == [desk['username']]
    assert check['diff']['after'] == {'state': 'absent', 'endpoints': '1 unlinked; they stay',
                                      'numbers': '2 unlinked; they stay on the account'}
    deleted = converge(api, plivo_application, app_name='ivr', state='absent', cascade=False)
    assert deleted['dependents'] == check['dependents'], 'the dry run predicted the real run'
    assert [w['body'] for w in writes(api)] == [{'cascade': False}], 'the safe choice is sent explicitly'
    client = ModuleStandIn(api, {}).client
    assert client.get('Endpoint/%s/' % desk['endpoint_id'])['application'] is None
    assert converge(api, plivo_application, app_id=app_id, state='absent')['dependents'] == []


def test_a_carrier_delete_that_would_remove_numbers_needs_consent(api, carrier):
    numbers(api, numbers=FLEET[:7], carrier=carrier, region='California')
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, plivo_incoming_carrier, name='acme', state='absent')
    assert str(caught.value).startswith(
        "deleting incoming carrier 'acme' (carrier_id ") and 'would also delete its 7 numbers (%s and 2 more): ' \
        'set remove_numbers: true' % ', '.join(FLEET[:5]) in str(caught.value)
    # The dry run warns instead: an earlier task of the run may remove the numbers first.
    module = ModuleStandIn(api, {'state': 'absent', 'name': 'acme'}, check_mode=True)
    predicted = Reconciler(module, plivo_incoming_carrier.RESOURCE).run()
    assert predicted['changed'] is True and predicted['dependents'][0]['count'] == 7
    assert len(module.warnings) == 1 and 'else the real run is refused without remove_numbers: true' \
        in module.warnings[0]
    assert writes(api) == []
    gone = converge(api, plivo_incoming_carrier, name='acme', state='absent', remove_numbers=True)
    assert gone['dependents'] == [{'kind': 'numbers', 'effect': 'deleted with it (removed from the account)',
                                   'count': 7, 'names': FLEET[:7]}]
    assert ModuleStandIn(api, {}).client.get_or_none('Number/%s/' % FLEET[0]) is None
    assert converge(api, plivo_incoming_carrier, name='acme', state='absent')['changed'] is False


def test_a_subaccount_delete_names_what_it_owns_and_what_happens_to_it(api, carrier):
    sub = converge(api, plivo_subaccount, name='team', return_auth_token=False)['subaccount']['auth_id']
    converge(api, plivo_application, app_name='team-ivr', answer_url='https://x.example/a', subaccount=sub)
    numbers(api, numbers=FLEET[:1], carrier=carrier, region='California', subaccount=sub)
    moved = converge(api, plivo_subaccount, check_mode=True, name='team', state='absent', cascade=False)
    assert moved['dependents'] == [
        {'kind': 'numbers', 'effect': 'moved to the main account', 'count': 1, 'names': FLEET[:1]},
        {'kind': 'applications', 'effect': 'moved to the main account', 'count': 1, 'names': ['team-ivr']}]
    taken = converge(api, plivo_subaccount, name='team', state='absent', cascade=True)
    assert [(d['kind'], d['effect']) for d in taken['dependents']] == [
        ('numbers', 'deleted with it'), ('applications', 'deleted with it')]


def test_a_rename_to_a_name_another_object_has_is_refused_before_any_write(api):
    converge(api, plivo_incoming_carrier, name='acme', ip_set=['192.0.2.1'])
    other = converge(api, plivo_incoming_carrier, name='globex', ip_set=['192.0.2.2'])['carrier']
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, plivo_incoming_carrier, carrier_id=other['carrier_id'], name='acme')
    assert "incoming carrier 'globex' cannot be renamed to 'acme': incoming carrier 'acme' (carrier_id " \
        in str(caught.value)
    assert writes(api) == []


# -- under each open reading ------------------------------------------------------------------
READINGS = ['', 'zentrunk-flat', 'zentrunk-nested', 'number-trunk-object', 'number-trunk-app-uri',
            'number-startswith-national', 'carrier-update-both', 'number-add-partial', 'trunk-unique-names']


@pytest.fixture(scope='module', params=READINGS, ids=lambda d: d or 'default')
def reading(request):
    started = start_emulator(*([request.param] if request.param else []))
    try:
        yield started
    finally:
        stop_emulator(started)


@pytest.fixture
def dialect_api(reading):
    reading.reset()
    return reading


def test_a_pbx_routes_numbers_to_its_trunk_and_a_rerun_writes_nothing(dialect_api):
    api = dialect_api
    converge(api, plivo_incoming_carrier, name='acme', ip_set=['192.0.2.1'])
    assert converge(api, plivo_incoming_carrier, name='acme', ip_set=['192.0.2.1', '192.0.2.2'])['changed']
    from ansible_collections.plivo.provisioning.plugins.modules import plivo_origination_uri
    converge(api, plivo_origination_uri, name='pbx', uri='192.0.2.10')
    trunk = converge(api, plivo_trunk, name='pbx-in', direction='inbound', primary_uri='pbx')['trunk']
    assert trunk['trunk_domain'] == '%s.zt.plivo.com' % trunk['trunk_id']
    converge(api, plivo_application, app_name='ivr', answer_url='https://x.example/a')
    added = numbers(api, numbers=FLEET, carrier='acme', region='California', trunk='pbx-in')
    assert added['added'] == FLEET and 'failures' not in added, added.get('failures')
    api.clear_log()
    for step in (dict(trunk='pbx-in'), dict(trunk='pbx-in', app='')):
        again = numbers(api, numbers=FLEET, carrier='acme', region='California', **step)
        assert again['changed'] is False and writes(api) == [], (step, writes(api))
    assert converge(api, plivo_trunk, name='pbx-in', direction='inbound', primary_uri='pbx')['changed'] is False
    assert converge(api, plivo_incoming_carrier, name='acme', ip_set=['192.0.2.2', '192.0.2.1'])['changed'] is False
    assert writes(api) == []
    reader = NumberReader(ModuleStandIn(api, {}).client)
    assert sorted(reader.read(FLEET[:10] + ['14155559999', '14155559998'])) == FLEET[:10], \
        'present numbers found, absent ones confirmed absent'
    moved = numbers(api, numbers=FLEET[:4], app='ivr')
    assert moved['updated'] == FLEET[:4]
    api.clear_log()
    assert numbers(api, numbers=FLEET[:4], app='ivr')['changed'] is False and writes(api) == []
    check = converge(api, plivo_trunk, check_mode=True, name='pbx-in', state='absent')
    assert check['dependents'][0]['names'] == FLEET[4:] and writes(api) == []
    unlinked = numbers(api, numbers=FLEET[4:], trunk='')
    assert unlinked['updated'] == FLEET[4:]
    api.clear_log()
    assert numbers(api, numbers=FLEET, trunk='')['changed'] is False and writes(api) == []
    assert converge(api, plivo_trunk, name='pbx-in', state='absent')['dependents'] == []
    gone = numbers(api, numbers=FLEET, state='absent')
    assert gone['removed'] == FLEET
    api.clear_log()
    assert numbers(api, numbers=FLEET, state='absent')['changed'] is False and writes(api) == []
    assert json.dumps(gone)  # a plain result, whatever the reading
