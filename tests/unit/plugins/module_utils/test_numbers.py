# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulk number loop (_numbers.py) against a real emulator: reads, chunked adds, buys,
per-number updates, partial failures, and the request counts a fleet depends on."""

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    APPLICATION, SUBACCOUNT, TRUNK)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import AccountRef, LinkRef
from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import (
    NumberReader, normalise_numbers)
from ansible_collections.plivo.provisioning.plugins.module_utils._numbers import NumberSet
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules.plivo_number import RESOURCE
from module_standin import ModuleStandIn as StandIn

FLEET = [str(n) for n in range(14155550100, 14155550160)]


class ModuleStandIn(StandIn):
    """plivo_number's options, defaulted as its argument spec does."""

    def __init__(self, api, check_mode=False, diff_mode=True, **params):
        defaults = {'numbers': None, 'groups': None, 'state': 'present', 'carrier': None,
                    'region': None, 'number_type': None, 'buy': False, 'app': None, 'trunk': None,
                    'alias': None, 'subaccount': None}
        super().__init__(api, dict(defaults, **params), check_mode=check_mode, diff_mode=diff_mode,
                         retries=1)


def converge(api, **params):
    return NumberSet(ModuleStandIn(api, **params), RESOURCE).run()


def calls(api, method=None):
    return [r for r in api.requests() if method is None or r['method'] == method]


def writes(api):
    return [r for r in api.requests() if r['method'] != 'GET']


@pytest.fixture
def carrier(api):
    client = ModuleStandIn(api).client
    carrier_id = client.create('IncomingCarrier/', {'name': 'acme', 'ip_set': '192.0.2.1'})['carrier_id']
    api.clear_log()
    return carrier_id


def add_fleet(api, numbers=None, **params):
    return converge(api, numbers=numbers or FLEET, carrier='acme', region='California', **params)


# The fields an added number's result is built from, without reading it back.
BUILT = ('number', 'carrier', 'region', 'number_type', 'alias', 'sub_account', 'application')


def assert_as_read(api, objects):
    """The objects returned for added numbers hold what a GET of each returns for ``BUILT``."""
    client = ModuleStandIn(api).client
    for obj in objects:
        read = client.get('Number/%s/' % obj['number'])
        assert dict((k, obj[k]) for k in BUILT) == dict((k, read[k]) for k in BUILT)


def test_numbers_are_normalised_and_bad_entries_named():
    assert normalise_numbers(['+1 415-555-0100', '1 (415) 555.0101', '14155550100']) == [
        '14155550100', '14155550101']
    with pytest.raises(UserError) as caught:
        normalise_numbers(['14155550100', '555-CALL-NOW'])
    assert "numbers entry '555-CALL-NOW'" in str(caught.value)


def test_sixty_numbers_one_add_call_per_chunk_then_a_converged_rerun(api, carrier):
    first = add_fleet(api)
    assert first['changed'] is True and first['added'] == FLEET
    posts = calls(api, 'POST')
    assert len(posts) == -(-len(FLEET) // RESOURCE.batch_create.chunk_size) == 3
    assert [len(p['body']['numbers'].split(',')) for p in posts] == [20, 20, 20]
    assert all(p['body']['carrier'] == carrier and p['body']['region'] == 'California' for p in posts)
    assert len(calls(api, 'GET')) == 1 + 1 + 1 + 3, (
        'state (one filtered page, empty), whether that filter can be trusted to be empty (one page of an '
        'empty account), carrier; and the 60 read back (3 pages): added without a link, the API may have '
        'linked them to the default application')
    assert [n['number'] for n in first['numbers']] == FLEET
    assert first['numbers'][0]['carrier'] == 'acme'
    assert_as_read(api, first['numbers'])
    api.clear_log()
    again = add_fleet(api)
    assert again['changed'] is False and again['added'] == again['updated'] == []
    assert writes(api) == []
    assert len(calls(api, 'GET')) == 3, 'three pages of 20, no carrier lookup'


def test_check_mode_predicts_and_writes_nothing(api, carrier):
    result = add_fleet(api, check_mode=True, alias='fleet')
    assert result['changed'] is True and result['added'] == FLEET
    assert result['numbers'][0]['alias'] == 'fleet' and result['numbers'][0]['carrier'] == 'acme'
    assert result['diff']['after']['14155550100'] == {'alias': 'fleet', 'state': 'present'}
    assert writes(api) == []


def test_app_and_subaccount_go_in_the_add_call_alias_needs_one_update_each(api, carrier):
    client = ModuleStandIn(api).client
    app_id = client.create('Application/', {'app_name': 'ivr', 'answer_url': 'https://x.example/a'})['app_id']
    sub = client.create('Subaccount/', {'name': 'team'})['auth_id']
    api.clear_log()
    result = add_fleet(api, numbers=FLEET[:5], app='ivr', subaccount='team', alias='desk')
    posts = calls(api, 'POST')
    add = [p for p in posts if p['path'].endswith('/Number/')]
    assert len(add) == 1 and add[0]['body']['app_id'] == app_id and add[0]['body']['subaccount'] == sub
    assert 'alias' not in add[0]['body']
    assert sorted(p['body']['alias'] for p in posts if p not in add) == ['desk'] * 5
    assert all(set(p['body']) == {'alias'} for p in posts if p not in add)
    number = result['numbers'][0]
    assert number['alias'] == 'desk' and number['application'].endswith('/%s/' % app_id)
    assert number['sub_account'] == '/v1/Account/%s/' % sub
    api.clear_log()
    assert add_fleet(api, numbers=FLEET[:5], app=app_id, subaccount=sub, alias='desk')['changed'] is False
    assert writes(api) == []


def test_only_numbers_that_differ_are_updated_with_only_the_field_that_differs(api, carrier):
    add_fleet(api, numbers=FLEET[:4])
    converge(api, numbers=FLEET[:2], alias='front')
    api.clear_log()
    result = converge(api, numbers=FLEET[:4], alias='front')
    assert result['updated'] == FLEET[2:4]
    assert [(p['path'].split('/')[-2], p['body']) for p in writes(api)] == [
        (FLEET[2], {'alias': 'front'}), (FLEET[3], {'alias': 'front'})]
    assert result['diff'] == {'before': {FLEET[2]: {'alias': ''}, FLEET[3]: {'alias': ''}},
                              'after': {FLEET[2]: {'alias': 'front'}, FLEET[3]: {'alias': 'front'}}}


def test_missing_numbers_without_carrier_or_buy_fail_before_any_write(api, carrier):
    add_fleet(api, numbers=FLEET[:1])
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, numbers=FLEET[:3], alias='x')
    message = str(caught.value)
    assert FLEET[1] in message and FLEET[2] in message and FLEET[0] not in message
    assert 'buy: true' in message
    assert writes(api) == []


def test_carrier_and_buy_together_are_refused_before_any_request(api):
    with pytest.raises(UserError):
        converge(api, numbers=FLEET[:1], carrier='acme', region='California', buy=True)
    assert api.requests() == []


def test_buy_links_the_app_in_the_buy_call(api):
    client = ModuleStandIn(api).client
    app_id = client.create('Application/', {'app_name': 'ivr', 'answer_url': 'https://x.example/a'})['app_id']
    for_sale = [o['number'] for o in client.paginate('PhoneNumber/', {'country_iso': 'US', 'type': 'tollfree'})][:2]
    api.clear_log()
    result = converge(api, numbers=for_sale, buy=True, app='ivr')
    assert result['added'] == for_sale
    buys = writes(api)
    assert [r['path'].split('/')[-2] for r in buys] == for_sale
    assert all(r['body'] == {'app_id': app_id} for r in buys)
    assert all(n['carrier'] == 'Plivo' for n in result['numbers'])


def test_partial_failure_reports_failures_and_a_rerun_converges(api, carrier):
    api.fault(method='POST', path='/Number/$', count=1, status=400)
    result = add_fleet(api)
    assert [f['number'] for f in result['failures']] == FLEET[:20]
    assert result['added'] == FLEET[20:]
    api.clear_log()
    again = add_fleet(api)
    assert again['added'] == FLEET[:20] and 'failures' not in again
    assert len(calls(api, 'POST')) == 1


def test_a_failure_that_is_not_about_a_number_stops_the_writes(api, carrier):
    add_fleet(api, numbers=FLEET[:5])
    api.fault(method='POST', path='/Number/[0-9]+/$', count=1, status=401)
    api.clear_log()
    result = converge(api, numbers=FLEET[:5], alias='x')
    assert [f['number'] for f in result['failures']] == FLEET[:1]
    assert result['updated'] == [] and len(writes(api)) == 1


def test_an_ambiguous_add_is_settled_by_reading_never_reposting(api, carrier):
    api.fault(method='POST', path='/Number/$', count=1, drop='after')
    result = add_fleet(api, numbers=FLEET[:10])
    assert result['added'] == FLEET[:10] and 'failures' not in result
    assert len(calls(api, 'POST')) == 1


def test_absent_removes_only_the_present_ones(api, carrier):
    add_fleet(api, numbers=FLEET[:3])
    api.clear_log()
    check = converge(api, numbers=FLEET[:5], state='absent', check_mode=True)
    assert check['removed'] == FLEET[:3] and writes(api) == []
    result = converge(api, numbers=FLEET[:5], state='absent')
    assert result['removed'] == FLEET[:3] and result['numbers'] == []
    assert [r['method'] for r in writes(api)] == ['DELETE'] * 3
    assert converge(api, numbers=FLEET[:5], state='absent')['changed'] is False


def test_a_fresh_number_linked_in_the_add_call_is_not_read_back(api, carrier):
    client = ModuleStandIn(api).client
    uri = client.create('Zentrunk/URI/', {'name': 'pbx', 'uri': '192.0.2.10'})['uri_uuid']
    trunk_id = client.create('Zentrunk/Trunk/', {'name': 'pbx-in', 'trunk_direction': 'inbound',
                                                 'primary_uri_uuid': uri})['trunk_id']
    sub = client.create('Subaccount/', {'name': 'team'})['auth_id']
    api.clear_log()
    result = add_fleet(api, numbers=FLEET[:25], trunk=trunk_id, subaccount=sub)
    read = [r['path'].split('/')[-2] for r in calls(api, 'GET')]
    assert read == ['Number', 'Number', trunk_id, 'IncomingCarrier'], \
        'the numbers (and whether an empty page means absent), the carrier, the trunk (to check it is inbound); ' \
        'no read-back'
    assert len(writes(api)) == 2
    assert result['numbers'][0]['application'] == '/v1/Account/%s/Zentrunk/Trunk/%s/' % (api.auth_id, trunk_id)
    assert_as_read(api, result['numbers'])


def test_only_fresh_numbers_that_need_a_follow_up_are_read_back(api, carrier):
    result = add_fleet(api, numbers=FLEET[:5], alias='desk')
    gets = [r for r in calls(api, 'GET') if r['path'].endswith('/Number/')]
    assert len(gets) == 3, 'the numbers before the add (and the empty account), then the 5 fresh ones'
    assert len(writes(api)) == 1 + 5
    assert_as_read(api, result['numbers'])


# -- groups: a fleet in one task ----------------------------------------------------------------
def group_fleet(api, carriers, trunks, size=25):
    """``carriers`` carriers and ``trunks`` inbound trunks; one group of ``size`` numbers per
    trunk, the carriers taken in turn. Returns (groups, trunk ids, carrier ids)."""
    client = ModuleStandIn(api).client
    carrier_ids = [client.create('IncomingCarrier/', {'name': 'carrier-%d' % i, 'ip_set': '192.0.2.%d' % (i + 1)})
                   ['carrier_id'] for i in range(carriers)]
    uri = client.create('Zentrunk/URI/', {'name': 'pbx', 'uri': '192.0.2.10'})['uri_uuid']
    trunk_ids = [client.create('Zentrunk/Trunk/', {'name': 'pbx-%d' % i, 'trunk_direction': 'inbound',
                                                   'primary_uri_uuid': uri})['trunk_id'] for i in range(trunks)]
    groups = [{'numbers': [str(14150010000 + 1000 * i + n) for n in range(size)], 'trunk': trunk_id,
               'carrier': 'carrier-%d' % (i % carriers)} for i, trunk_id in enumerate(trunk_ids)]
    api.clear_log()
    return groups, trunk_ids, carrier_ids


def test_groups_read_once_list_each_kind_once_add_in_chunks_and_rerun_reads_only_the_pages(api):
    groups, trunk_ids, carrier_ids = group_fleet(api, carriers=5, trunks=6)
    first = converge(api, groups=groups, region='California')
    everything = [n for g in groups for n in g['numbers']]
    assert first['added'] == everything and 'failures' not in first
    read = sorted(r['path'].split('/')[-2] for r in calls(api, 'GET'))
    assert read == ['IncomingCarrier', 'Number', 'Number', 'Trunk'], \
        'one read of 150 numbers (and of the empty account), one listing of the 5 carriers and of the 6 trunks'
    adds = calls(api, 'POST')
    assert len(adds) == 6 * 2 and len(writes(api)) == 12, 'ceil(25/20) add calls per group'
    for group, trunk_id in zip(groups, trunk_ids):
        mine = [a for a in adds if a['body']['numbers'].split(',')[0] in group['numbers']]
        assert [a['body']['app_id'] for a in mine] == [trunk_id] * 2
    assert [a['body']['carrier'] for a in adds if a['body']['numbers'].startswith('14150010')] == [carrier_ids[0]] * 2
    assert [n['number'] for n in first['numbers']] == everything
    assert [g['added'] for g in first['groups']] == [g['numbers'] for g in groups]
    assert all(g['changed'] and g['failures'] == [] for g in first['groups'])
    assert first['groups'][1]['numbers'][0]['application'].endswith('/Zentrunk/Trunk/%s/' % trunk_ids[1])
    assert first['groups'][1]['numbers'][0]['carrier'] == 'carrier-1'
    assert sorted(first['diff']['after']) == sorted(everything)
    api.clear_log()
    assert_as_read(api, first['numbers'][::25])
    api.clear_log()
    again = converge(api, groups=groups, region='California')
    assert again['changed'] is False and writes(api) == []
    assert len(calls(api)) == -(-150 // 20) == 8, 'only the pages of the number list'
    assert [g['changed'] for g in again['groups']] == [False] * 6


def test_the_fleet_benchmark_1000_numbers_of_20_hosts_from_10_carriers(api):
    groups = group_fleet(api, carriers=10, trunks=20, size=50)[0]
    first = converge(api, groups=groups, region='California')
    assert len(first['added']) == 1000 and 'failures' not in first
    read = sorted(r['path'].split('/')[-2] for r in calls(api, 'GET'))
    assert read == ['IncomingCarrier', 'Number', 'Number', 'Trunk']
    assert len(writes(api)) == 20 * 3, 'ceil(50/20) add calls per host'
    api.clear_log()
    again = converge(api, groups=groups, region='California')
    assert again['changed'] is False
    assert len(calls(api)) == len(calls(api, 'GET')) == 1000 // 20, 'the pages of the number list, nothing else'


def test_few_references_are_looked_up_one_by_one(api):
    groups, trunk_ids = group_fleet(api, carriers=2, trunks=3, size=4)[:2]
    converge(api, groups=groups, region='California')
    gets = calls(api, 'GET')
    assert sorted(r['path'].split('/')[-2] for r in gets) == sorted(['Number', 'Number', 'IncomingCarrier',
                                                                     'IncomingCarrier'] + trunk_ids), \
        'one read of the numbers (and of the empty account), a filtered read per carrier name, one GET per trunk id'
    assert sorted(r['query'].get('name') for r in gets if '/IncomingCarrier/' in r['path']) == ['carrier-0', 'carrier-1']


def test_moving_one_group_to_another_trunk_updates_only_its_numbers(api):
    groups, trunk_ids = group_fleet(api, carriers=1, trunks=3, size=5)[:2]
    converge(api, groups=groups, region='California')
    api.clear_log()
    groups[2] = dict(groups[2], trunk=trunk_ids[0])
    moved = converge(api, groups=groups, region='California')
    assert moved['updated'] == groups[2]['numbers'] and moved['added'] == []
    assert [g['updated'] for g in moved['groups']] == [[], [], groups[2]['numbers']]
    assert [w['body'] for w in writes(api)] == [{'app_id': trunk_ids[0]}] * 5
    assert moved['diff']['after'][groups[2]['numbers'][0]] == {'trunk': trunk_ids[0]}


def test_a_group_takes_the_task_options_it_leaves_unset(api, carrier):
    client = ModuleStandIn(api).client
    app_id = client.create('Application/', {'app_name': 'ivr', 'answer_url': 'https://x.example/a'})['app_id']
    uri = client.create('Zentrunk/URI/', {'name': 'pbx', 'uri': '192.0.2.10'})['uri_uuid']
    trunk_id = client.create('Zentrunk/Trunk/', {'name': 'pbx-in', 'trunk_direction': 'inbound',
                                                 'primary_uri_uuid': uri})['trunk_id']
    api.clear_log()
    result = converge(api, carrier='acme', region='California', app='ivr', alias='all', groups=[
        {'numbers': FLEET[:3], 'alias': 'first'},
        {'numbers': FLEET[3:6], 'trunk': 'pbx-in', 'number_type': 'national'}])
    first, second = result['groups']
    assert all(n['alias'] == 'first' and n['application'].endswith('/Application/%s/' % app_id)
               for n in first['numbers'])
    assert all(n['alias'] == 'all' and n['application'].endswith('/Zentrunk/Trunk/%s/' % trunk_id)
               and n['number_type'] == 'national' for n in second['numbers'])
    assert_as_read(api, result['numbers'])


def test_check_mode_plans_every_group_and_writes_nothing(api, carrier):
    result = converge(api, check_mode=True, carrier='acme', region='California',
                      groups=[{'numbers': FLEET[:3]}, {'numbers': FLEET[3:6], 'alias': 'x'}])
    assert result['added'] == FLEET[:6] and [g['added'] for g in result['groups']] == [FLEET[:3], FLEET[3:6]]
    assert result['groups'][1]['numbers'][0]['alias'] == 'x'
    assert writes(api) == []


@pytest.mark.parametrize('groups, task, expected', [
    ([{'numbers': FLEET[:3]}, {'numbers': FLEET[3:6]}, {'numbers': ['+1 415-555-0101']}], {},
     ['number 14155550101 is listed in groups[0] and in groups[2]']),
    ([{'numbers': FLEET[:2]}, {'numbers': ['555-CALL-NOW']}], {}, ["groups[1].numbers entry '555-CALL-NOW'"]),
    ([{'numbers': FLEET[:2]}, {'numbers': FLEET[2:4], 'carrier': 'acme'}], {},
     ['groups[1]: parameters are required together: carrier, region']),
    ([{'numbers': FLEET[:2], 'number_type': 'tollfree'}], {}, ['groups[0]: ', "required by 'number_type'"]),
    ([{'numbers': FLEET[:2], 'buy': True}], {'carrier': 'acme', 'region': 'California'},
     ['groups[0]: carrier and buy: true cannot be combined']),
], ids=['number-in-two-groups', 'bad-entry', 'carrier-without-region', 'type-without-carrier', 'buy-and-carrier'])
def test_bad_groups_fail_before_any_request(api, groups, task, expected):
    with pytest.raises(UserError) as caught:
        converge(api, groups=groups, **task)
    assert all(text in str(caught.value) for text in expected), str(caught.value)
    assert api.requests() == []


def test_a_group_whose_numbers_are_missing_fails_before_any_write(api, carrier):
    with pytest.raises(UserError) as caught:
        converge(api, groups=[{'numbers': FLEET[:2], 'carrier': 'acme', 'region': 'California'},
                              {'numbers': FLEET[2:4], 'alias': 'x'}])
    assert str(caught.value).startswith('groups[1]: 2 of the listed numbers are not on the account')
    assert writes(api) == []


def test_a_refused_add_fails_its_numbers_and_the_other_groups_converge(api, carrier):
    api.fault(method='POST', path='/Number/$', count=1, status=400)
    result = converge(api, carrier='acme', region='California', groups=[
        {'numbers': FLEET[:20]}, {'numbers': FLEET[20:30]}])
    refused = [f['number'] for f in result['failures']]
    assert refused in (FLEET[:20], FLEET[20:30])
    assert sorted(result['added']) == sorted(set(FLEET[:30]) - set(refused))
    assert [[f['number'] for f in g['failures']] for g in result['groups']].count(refused) == 1
    api.clear_log()
    again = converge(api, carrier='acme', region='California', groups=[
        {'numbers': FLEET[:20]}, {'numbers': FLEET[20:30]}])
    assert again['added'] == refused and 'failures' not in again


class TestReader:
    def test_a_few_numbers_are_read_one_by_one(self, api, carrier):
        add_fleet(api, numbers=FLEET[:2])
        api.clear_log()
        found = NumberReader(ModuleStandIn(api).client).read(FLEET[:3])
        assert sorted(found) == FLEET[:2]
        assert [r['path'].split('/')[-2] for r in api.requests()] == FLEET[:3]

    def test_scattered_numbers_in_a_big_account_are_read_one_by_one_after_one_page(self, api, carrier):
        client = ModuleStandIn(api).client
        crowd = [str(n) for n in range(14155551000, 14155551100)]
        for chunk in range(0, 100, 20):
            client.create('Number/', {'numbers': ','.join(crowd[chunk:chunk + 20]), 'carrier': carrier,
                                      'region': 'California'})
        wanted = ['14155551099', '14155551098', '14155551097', '14155559999']
        api.clear_log()
        found = NumberReader(client).read(wanted)
        assert sorted(found) == sorted(wanted[:3])
        assert len(api.requests()) == 1 + 4, 'one page, then one GET per number it did not show'


class TestKinds:
    def test_a_link_to_another_kind_reads_as_unset(self, api):
        app, trunk = LinkRef(APPLICATION), LinkRef(TRUNK)
        app_uri = '/v1/Account/MAX/Application/123/'
        trunk_uri = '/v1/Account/MAX/Zentrunk/Trunk/456/'
        assert app.current(app_uri, None) == '123' and app.current(trunk_uri, None) == ''
        assert trunk.current(trunk_uri, None) == '456'
        assert app.current(None, None) == ''
        # An Application URI may carry a trunk's id: asked for no trunk, the id is read once
        # as a trunk to tell; asked for that trunk, it already is linked.
        ctx = Reconciler(ModuleStandIn(api), RESOURCE)
        assert trunk.current(app_uri, None) == '123'
        assert trunk.same(trunk.current(app_uri, None), '123', ctx)
        assert not trunk.same(trunk.current(app_uri, None), '789', ctx)
        api.clear_log()
        assert trunk.same(trunk.current(app_uri, None), '', ctx), 'no trunk 123: not linked to a trunk'
        assert app.same(app.current(app_uri, None), '', ctx), 'no application 123 either'
        assert [r['path'].split('/', 4)[-1] for r in api.requests()] == [
            'Zentrunk/Trunk/123/', 'Application/123/']

    def test_the_newer_api_reports_a_link_as_object_type_and_id(self):
        app, trunk = LinkRef(APPLICATION), LinkRef(TRUNK)
        field = RESOURCE.fields[0]
        routed = {'application': '/v1/Account/MAX/Application/999/', 'object_type': 'trunk', 'object_id': '456'}
        assert trunk.read(routed, field, None) == '456' and app.read(routed, field, None) == ''
        answered = {'application': None, 'object_type': 'application', 'object_id': '123'}
        assert app.read(answered, field, None) == '123' and trunk.read(answered, field, None) == ''
        unlinked = dict(routed)
        trunk.write(unlinked, field, '', None)
        assert trunk.read(unlinked, field, None) == '' and unlinked['object_id'] is None

    def test_account_reference(self, api):
        module = ModuleStandIn(api)
        kind = AccountRef(SUBACCOUNT)

        class Ctx:
            client = module.client

            @staticmethod
            def resolve(target, value, option):
                raise AssertionError('an auth id needs no lookup')

        field = RESOURCE.fields[2]
        assert kind.desired('SA' + 'B' * 18, Ctx, field) == 'SA' + 'B' * 18
        assert kind.desired(api.auth_id, Ctx, field) == ''
        assert kind.current('/v1/Account/SA%s/' % ('B' * 18), Ctx) == 'SA' + 'B' * 18
        assert kind.current(None, Ctx) == ''
        assert kind.to_object('SA' + 'B' * 18, Ctx) == '/v1/Account/SA%s/' % ('B' * 18)
        assert api.requests() == []


def test_each_number_has_a_keyed_result_with_its_own_diff_as_the_list_forms_do(api, carrier):
    add_fleet(api, numbers=FLEET[:2])
    api.fault(method='POST', path='/Number/$', count=1, status=400)
    result = converge(api, numbers=FLEET[:4], carrier='acme', region='California', alias='pbx')
    assert [(r['key'], r['key_option'], r['outcome']) for r in result['results']] == [
        (FLEET[0], 'number', 'updated'), (FLEET[1], 'number', 'updated'),
        (FLEET[2], 'number', 'failed'), (FLEET[3], 'number', 'failed')]
    first = result['results'][0]
    assert first['changed'] is True and first['number']['alias'] == 'pbx'
    assert first['diff'] == {'before': {'alias': ''}, 'after': {'alias': 'pbx'}}
    assert result['results'][2]['failed'] is True and result['results'][2]['number'] is None
    assert [f['key'] for f in result['failures']] == FLEET[2:4]
    api.clear_log()
    gone = converge(api, numbers=FLEET[:3], state='absent')
    assert [(r['key'], r['outcome'], r['number']) for r in gone['results']] == [
        (FLEET[0], 'removed', None), (FLEET[1], 'removed', None), (FLEET[2], 'unchanged', None)]
    assert gone['results'][0]['diff'] == {'before': {'state': 'present'}, 'after': {'state': 'absent'}}
