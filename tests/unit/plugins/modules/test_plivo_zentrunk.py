# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Zentrunk modules' descriptions driven through the shared loop against a real emulator,
and the validators they use: references by name or uuid, direction rules checked before any
write, the refused direction change and its forced replacement, in-use deletes, passwords."""

import json

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import TRUNK
from ansible_collections.plivo.provisioning.plugins.module_utils._client import PlivoClient
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules import (
    plivo_origination_uri, plivo_trunk, plivo_trunk_credential, plivo_trunk_ip_acl)
from module_standin import ModuleStandIn as StandIn

PASSWORD = 'Tr0nk!pass'
OPTIONS = {
    plivo_trunk: dict(name=None, trunk_id=None, direction=None, status=None, secure=None,
                      ip_acl=None, credential=None, primary_uri=None, fallback_uri=None,
                      force=False),
    plivo_origination_uri: dict(name=None, uri_uuid=None, uri=None, authentication_needed=None,
                                username=None, password=None, update_password='on_create'),
    plivo_trunk_credential: dict(name=None, credential_uuid=None, username=None, password=None,
                                 update_password='on_create'),
    plivo_trunk_ip_acl: dict(name=None, ipacl_uuid=None, ip_addresses=None),
}


class ModuleStandIn(StandIn):
    """One of the Zentrunk modules, by name, with its options defaulted."""

    def __init__(self, api, module, check_mode=False, **params):
        super().__init__(api, dict(OPTIONS[module], **dict({'state': 'present'}, **params)),
                         check_mode=check_mode)


def converge(api, module, check_mode=False, **params):
    stand_in = ModuleStandIn(api, module, check_mode=check_mode, **params)
    result = Reconciler(stand_in, module.RESOURCE).run()
    result['warnings'] = stand_in.warnings
    return result


def writes(api):
    return [r for r in api.requests() if r['method'] != 'GET']


def inbound_parts(api):
    converge(api, plivo_origination_uri, name='pbx-a', uri='sip:pbx-a.example.com;transport=tls')
    converge(api, plivo_origination_uri, name='pbx-b', uri='203.0.113.20:5060')


def outbound_parts(api):
    converge(api, plivo_trunk_ip_acl, name='sbcs', ip_addresses=['203.0.113.10'])
    converge(api, plivo_trunk_credential, name='pbx', username='officepbx01', password=PASSWORD)


# -- validators --------------------------------------------------------------------------
@pytest.mark.parametrize('value', ['203.0.113.5', '203.0.113.5:5060', 'pbx.example.com',
                                   'pbx.example.com:5080;transport=tcp', 'sip:pbx@pbx.example.com',
                                   'sips:pbx.example.com:5061;transport=TLS', '192.0.2.1;transport=udp'])
def test_sip_target_accepts(value):
    assert validate.sip_target(value) == value


@pytest.mark.parametrize('value, words', [
    ('pbx', 'fully qualified'), ('http://pbx.example.com', 'sip: URI'),
    ('203.0.113.300', '0 to 255'), ('pbx.example.com:70000', '1-65535'),
    ('pbx.example.com;transport=ws', 'transport'), ('bad host.example.com', 'sip: URI'), ('', 'IPv4')])
def test_sip_target_refuses(value, words):
    with pytest.raises(ValueError) as caught:
        validate.sip_target(value)
    assert words in str(caught.value)


@pytest.mark.parametrize('value, ok', [('abcde', True), ('a' * 20, True), ('User01', True),
                                       ('abcd', False), ('a' * 21, False), ('has space', False),
                                       ('dash-user', False)])
def test_trunk_username(value, ok):
    if ok:
        assert validate.trunk_username(value) == value
    else:
        with pytest.raises(ValueError):
            validate.trunk_username(value)


@pytest.mark.parametrize('value, ok', [('s3cr!', True), ('A' * 19 + '+', True), ('~!@#$', True),
                                       ('nospecial1', False), ('sh!', False), ('x' * 20 + '!', False),
                                       ('bad-char!', False), ('sp ace!', False)])
def test_trunk_password_never_quoted(value, ok):
    if ok:
        assert validate.trunk_password(value) == value
    else:
        with pytest.raises(ValueError) as caught:
            validate.trunk_password(value)
        assert value not in str(caught.value)


# -- the four descriptions through the loop ---------------------------------------------
def test_inbound_trunk_resolves_uris_by_name_and_rereads_for_its_domain(api):
    inbound_parts(api)
    api.clear_log()
    result = converge(api, plivo_trunk, name='office-in', direction='inbound',
                      primary_uri='pbx-a', fallback_uri='pbx-b')
    trunk = result['trunk']
    uri_reads = [r for r in api.requests() if r['path'].endswith('/Zentrunk/URI/')]
    assert len(uri_reads) == 1, 'one URI listing serves both names'
    assert result['changed'] is True
    assert trunk['trunk_domain'] == '%s.zt.plivo.com' % trunk['trunk_id']
    uris = dict((u['name'], u['uri_uuid']) for u in api_list(api, 'Zentrunk/URI/'))
    assert (trunk['primary_uri_uuid'], trunk['fallback_uri_uuid']) == (uris['pbx-a'], uris['pbx-b'])
    api.clear_log()
    again = converge(api, plivo_trunk, name='office-in', direction='inbound',
                     primary_uri=uris['pbx-a'], fallback_uri='pbx-b')
    assert again['changed'] is False and writes(api) == []
    assert len(api.requests()) == 2, 'trunk list, URI list (the uuid the trunk already uses needs no read)'


def api_list(api, path):
    client = PlivoClient(api.auth_id, api.auth_token, api_url=api.url, timeout=5)
    return list(client.paginate(path))


def test_swapping_the_fallback_sends_only_that_field(api):
    inbound_parts(api)
    converge(api, plivo_origination_uri, name='pbx-c', uri='pbx-c.example.com')
    converge(api, plivo_trunk, name='office-in', direction='inbound', primary_uri='pbx-a',
             fallback_uri='pbx-b')
    api.clear_log()
    result = converge(api, plivo_trunk, name='office-in', direction='inbound', primary_uri='pbx-a',
                      fallback_uri='pbx-c')
    assert result['changed'] is True
    assert list(result['diff']['before']) == ['fallback_uri']
    assert [(w['method'], sorted(w['body'])) for w in writes(api)] == [('POST', ['fallback_uri_uuid'])]
    assert result['trunk']['fallback_uri_uuid'] == result['diff']['after']['fallback_uri']


@pytest.mark.parametrize('params, words', [
    (dict(direction='inbound'), 'inbound trunk needs primary_uri'),
    (dict(direction='outbound'), 'outbound trunk needs ip_acl, credential or both'),
    (dict(direction='inbound', primary_uri='pbx-a', ip_acl='sbcs'), 'ip_acl cannot be set on an inbound'),
    (dict(direction='outbound', credential='pbx', fallback_uri='pbx-b'),
     'fallback_uri cannot be set on an outbound'),
    (dict(direction='inbound', primary_uri='pbx-a', fallback_uri='pbx-a'), 'another URI'),
    (dict(primary_uri='pbx-a'), 'direction is required'),
])
def test_trunk_rules_fail_before_any_write(api, params, words):
    inbound_parts(api)
    outbound_parts(api)
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, plivo_trunk, name='t', **params)
    assert words in str(caught.value)
    assert writes(api) == []


def test_an_update_keeps_the_rules_with_current_values(api):
    inbound_parts(api)
    outbound_parts(api)
    converge(api, plivo_trunk, name='out', direction='outbound', credential='pbx')
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, plivo_trunk, name='out', credential='')
    assert 'needs ip_acl, credential or both' in str(caught.value)
    with pytest.raises(UserError) as caught:
        converge(api, plivo_trunk, name='out', primary_uri='pbx-a')
    assert 'cannot be set on an outbound' in str(caught.value)
    assert writes(api) == []
    swapped = converge(api, plivo_trunk, name='out', credential='', ip_acl='sbcs')
    assert swapped['changed'] and swapped['trunk']['credential_uuid'] is None
    assert swapped['trunk']['ipacl_uuid'] is not None


def test_direction_change_is_refused_then_forced_as_a_replacement(api):
    inbound_parts(api)
    outbound_parts(api)
    old = converge(api, plivo_trunk, name='flip', direction='outbound', credential='pbx',
                   status='disabled')['trunk']
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, plivo_trunk, name='flip', direction='inbound', primary_uri='pbx-a')
    assert "direction cannot change from 'outbound' to 'inbound'" in str(caught.value)
    assert 'force=true' in str(caught.value) and writes(api) == []
    check = converge(api, plivo_trunk, check_mode=True, name='flip', direction='inbound',
                     primary_uri='pbx-a', force=True)
    assert check['changed'] and writes(api) == [] and 'replaced' in check['warnings'][0]
    forced = converge(api, plivo_trunk, trunk_id=old['trunk_id'], direction='inbound',
                      primary_uri='pbx-a', force=True)
    new = forced['trunk']
    assert forced['changed'] and new['trunk_id'] != old['trunk_id']
    assert (new['name'], new['trunk_direction'], new['trunk_status']) == ('flip', 'inbound', 'enabled')
    assert forced['diff']['before'] == {'state': 'present', 'trunk_id': old['trunk_id'],
                                        'direction': 'outbound'}
    assert [w['method'] for w in writes(api)] == ['DELETE', 'POST']
    assert [t['trunk_id'] for t in api_list(api, 'Zentrunk/Trunk/')] == [new['trunk_id']]


def test_deleting_what_a_trunk_uses_names_the_trunk_before_any_delete(api):
    inbound_parts(api)
    outbound_parts(api)
    inbound = converge(api, plivo_trunk, name='office-in', direction='inbound', primary_uri='pbx-a',
                       fallback_uri='pbx-b')['trunk']
    converge(api, plivo_trunk, name='office-out', direction='outbound', ip_acl='sbcs', credential='pbx')
    api.clear_log()
    for module, name in ((plivo_origination_uri, 'pbx-b'), (plivo_trunk_ip_acl, 'sbcs'),
                         (plivo_trunk_credential, 'pbx')):
        with pytest.raises(UserError) as caught:
            converge(api, module, name=name, state='absent')
        assert "Zentrunk trunk 'office-" in str(caught.value), str(caught.value)
    assert inbound['trunk_id'] in str(converge_error(api, plivo_origination_uri, 'pbx-b'))
    assert writes(api) == []
    check = converge(api, plivo_trunk_ip_acl, check_mode=True, name='sbcs', state='absent')
    assert check['changed'] and 'in use by' in check['warnings'][0] and writes(api) == []
    uri_trunk_reads = [r['query'] for r in api.requests() if r['path'].endswith('/Zentrunk/Trunk/')]
    assert {'ipacl_uuid'} <= set(uri_trunk_reads[-1]), 'the trunk list is filtered server-side'
    converge(api, plivo_trunk, name='office-in', state='absent')
    assert converge(api, plivo_origination_uri, name='pbx-b', state='absent')['changed'] is True


def converge_error(api, module, name):
    with pytest.raises(UserError) as caught:
        converge(api, module, name=name, state='absent')
    return caught.value


def test_ip_acl_is_a_set_sent_as_a_json_array(api):
    created = converge(api, plivo_trunk_ip_acl, name='sbcs', ip_addresses=['203.0.113.11', '203.0.113.10'])
    assert created['ip_acl']['ip_addresses'] == ['203.0.113.10', '203.0.113.11']
    api.clear_log()
    assert converge(api, plivo_trunk_ip_acl, name='sbcs',
                    ip_addresses=['203.0.113.10', '203.0.113.11', '203.0.113.10'])['changed'] is False
    updated = converge(api, plivo_trunk_ip_acl, name='sbcs', ip_addresses=['198.51.100.7'])
    assert writes(api)[0]['body'] == {'ip_addresses': ['198.51.100.7']}
    assert updated['diff'] == {'before': {'ip_addresses': ['203.0.113.10', '203.0.113.11']},
                               'after': {'ip_addresses': ['198.51.100.7']}}
    networks = converge(api, plivo_trunk_ip_acl, name='sbcs',
                        ip_addresses=['10.0.0.0/8', '198.51.100.7/32', '192.0.2.128/25'])
    assert networks['changed'] is True
    assert writes(api)[-1]['body'] == {'ip_addresses': ['10.0.0.0/8', '192.0.2.128/25', '198.51.100.7']}
    api.clear_log()
    same = converge(api, plivo_trunk_ip_acl, name='sbcs',
                    ip_addresses=['198.51.100.7', '10.0.0.0/8', '192.0.2.128/25', '10.0.0.0/8'])
    assert same['changed'] is False and writes(api) == [], 'compared after normalising'
    for bad, words in ((['203.0.113.5/24'], 'host bits set: the network is 203.0.113.0/24'),
                       (['203.0.113.0/33'], 'prefix length'), (['pbx.example.com'], 'not an IPv4'),
                       ([], 'at least one')):
        with pytest.raises(UserError) as caught:
            converge(api, plivo_trunk_ip_acl, name='sbcs', ip_addresses=bad)
        assert words in str(caught.value)


def test_credential_password_is_write_only_and_checked_first(api):
    api.clear_log()
    with pytest.raises(UserError) as caught:
        converge(api, plivo_trunk_credential, name='pbx', username='officepbx01', password='weakpass')
    assert 'password' in str(caught.value) and 'weakpass' not in str(caught.value)
    for password, words in (('weak-pass1!', "must not contain '-'"), ('a!1', 'must be 5 to 20 characters'),
                            ('weakpass1', 'needs at least one of the special characters'),
                            ('w' * 21 + '!', 'it has 22')):
        with pytest.raises(UserError) as caught:
            converge(api, plivo_trunk_credential, name='pbx', username='sip_user_1', password=password)
        assert words in str(caught.value) and password not in str(caught.value)
    assert api.requests() == []
    created = converge(api, plivo_trunk_credential, name='pbx', username='officepbx01', password=PASSWORD)
    assert created['password_updated'] is True and PASSWORD not in json.dumps(created)
    docs_example = converge(api, plivo_trunk_credential, name='docs', username='sip_user_1', password=PASSWORD)
    assert docs_example['credential']['username'] == 'sip_user_1', "Plivo's docs example has underscores"
    assert converge(api, plivo_trunk_credential, name='pbx', username='officepbx01',
                    password='0ther!pass')['changed'] is False
    rotated = converge(api, plivo_trunk_credential, name='pbx', password='0ther!pass',
                       update_password='always')
    assert rotated['changed'] and rotated['password_updated'] is True
    uuid = created['credential']['credential_uuid']
    stored = api.control('GET', 'state')['tables']['zentrunk_credential'][uuid]['_password']
    assert stored == '0ther!pass' and '0ther!pass' not in json.dumps(rotated)


def test_origination_uri_authentication(api):
    with pytest.raises(UserError) as caught:
        converge(api, plivo_origination_uri, name='sbc', uri='203.0.113.20', authentication_needed=True,
                 username='plivo')
    assert 'password is required' in str(caught.value)
    with pytest.raises(UserError) as caught:
        converge(api, plivo_origination_uri, name='sbc', uri='203.0.113.20', username='plivo')
    assert 'username applies only with authentication_needed=true' in str(caught.value)
    converge(api, plivo_origination_uri, name='sbc', uri='203.0.113.20')
    api.clear_log()
    turned_on = converge(api, plivo_origination_uri, name='sbc', authentication_needed=True,
                         username='plivo', password='s3cret-pw')
    assert turned_on['password_updated'] is True
    assert writes(api)[0]['body'] == {'authentication_needed': True, 'username': 'plivo',
                                      'password': '********'}
    again = converge(api, plivo_origination_uri, name='sbc', authentication_needed=True,
                     username='plivo', password='s3cret-pw')
    assert again['changed'] is False
    off = converge(api, plivo_origination_uri, name='sbc', authentication_needed=False)
    assert off['changed'] and off['origination_uri']['authentication_needed'] is False
    with pytest.raises(UserError) as caught:
        converge(api, plivo_origination_uri, name='sbc', uri='pbx')
    assert "uri 'pbx'" in str(caught.value)


def test_check_mode_with_references_created_earlier_in_the_run(api):
    api.clear_log()
    result = converge(api, plivo_trunk, check_mode=True, name='office-in', direction='inbound',
                      primary_uri='pbx-a')
    assert result['changed'] is True and result['trunk']['trunk_id'] is None
    assert 'pbx-a' in result['warnings'][0]
    json.dumps(result)  # a pending reference is still something a result can carry
    assert writes(api) == []


def test_trunk_info_filters_by_direction_server_side(api):
    inbound_parts(api)
    outbound_parts(api)
    converge(api, plivo_trunk, name='office-in', direction='inbound', primary_uri='pbx-a')
    converge(api, plivo_trunk, name='office-out', direction='outbound', credential='pbx')
    stand_in = ModuleStandIn(api, plivo_trunk, direction='outbound', status=None)
    api.clear_log()
    run_info(stand_in, TRUNK, filters=[('direction', 'trunk_direction'), ('status', 'trunk_status')])
    assert [t['name'] for t in stand_in.result['trunks']] == ['office-out']
    assert api.requests()[0]['query']['trunk_direction'] == 'outbound'


def test_a_number_link_accepts_only_an_inbound_trunk_before_any_write(api):
    from ansible_collections.plivo.provisioning.plugins.modules import plivo_number
    inbound_parts(api)
    outbound_parts(api)
    inbound = converge(api, plivo_trunk, name='office-in', direction='inbound', primary_uri='pbx-a')
    converge(api, plivo_trunk, name='office-out', direction='outbound', credential='pbx')
    stand_in = ModuleStandIn(api, plivo_trunk_ip_acl)
    stand_in.params = {'app': None, 'alias': None, 'subaccount': None, 'trunk': 'office-out'}
    api.clear_log()
    with pytest.raises(UserError) as caught:
        Reconciler(stand_in, plivo_number.RESOURCE).desired()
    assert "trunk 'office-out' is an outbound trunk" in str(caught.value)
    stand_in.params['trunk'] = 'office-in'
    desired = Reconciler(stand_in, plivo_number.RESOURCE).desired()
    assert desired == {'trunk': inbound['trunk']['trunk_id']}
    assert writes(api) == []
