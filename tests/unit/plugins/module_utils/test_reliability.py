# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Faults the shared client and loops must survive, against a real emulator: the total retry
budget, timeouts, creates whose answer was lost (re-read, never re-sent), numbers (re-sent,
since the API keeps each number once), concurrent runs, TLS verification, and the sentence
each HTTP status maps to. The playbook-level scenarios are the reliability_* targets."""

import datetime
import ssl
import threading
import time

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    STATUS_ADVICE, AmbiguousWriteError, PlivoClient, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._numbers import NumberSet
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules import (
    plivo_application, plivo_endpoint, plivo_incoming_carrier, plivo_number, plivo_origination_uri,
    plivo_subaccount, plivo_trunk_credential, plivo_trunk_ip_acl)
from module_standin import ModuleStandIn as StandIn

FLEET = [str(n) for n in range(14155550100, 14155550130)]
PASSWORD = 'Rel1able!pw'


class Sleeps:
    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


def make_client(api, **kwargs):
    kwargs.setdefault('timeout', 5)
    kwargs.setdefault('sleep', Sleeps())
    return PlivoClient(api.auth_id, kwargs.pop('token', api.auth_token), api_url=api.url, **kwargs)


class ModuleStandIn(StandIn):
    """Every option of the resource, defaulted, so one stand-in serves every family."""

    def __init__(self, api, resource, client=None, **params):
        defaults = dict.fromkeys(f.option for f in resource.fields)
        defaults.update({resource.id_option: None, resource.key_option: None, 'state': 'present',
                         'update_password': 'on_create', 'force': False, 'cascade': False,
                         'numbers': None, 'carrier': None, 'region': None, 'number_type': None,
                         'buy': False})
        super().__init__(api, dict(defaults, **params), client=client or make_client(api))


def converge(api, module, **params):
    stand_in = ModuleStandIn(api, module.RESOURCE, **params)
    result = Reconciler(stand_in, module.RESOURCE).run()
    result['warnings'] = stand_in.warnings
    return result


def table(api, kind):
    return list(api.control('GET', 'state')['tables'][kind].values())


# One create per module family whose create goes through the generic loop: the module, its
# options, the emulator table it lands in, and the path its create is POSTed to.
CREATES = {
    'carrier': (plivo_incoming_carrier, dict(name='edge', ip_set=['192.0.2.1']), 'carrier',
                '/IncomingCarrier/$'),
    'application': (plivo_application, dict(app_name='ivr', answer_url='https://pbx.example.com/a'),
                    'application', '/Application/$'),
    'endpoint': (plivo_endpoint, dict(username='alice', password=PASSWORD, alias='Alice'), 'endpoint',
                 '/Endpoint/$'),
    'subaccount': (plivo_subaccount, dict(name='tenant-a', enabled=True), 'subaccount', '/Subaccount/$'),
    'origination_uri': (plivo_origination_uri, dict(name='pbx', uri='pbx.example.com'), 'zentrunk_uri',
                        '/Zentrunk/URI/$'),
    'trunk_credential': (plivo_trunk_credential, dict(name='pbx', username='pbxuser', password=PASSWORD),
                         'zentrunk_credential', '/Zentrunk/Credential/$'),
    'trunk_ip_acl': (plivo_trunk_ip_acl, dict(name='pbx', ip_addresses=['192.0.2.7']), 'zentrunk_ipacl',
                     '/Zentrunk/IPAccessControlList/$'),
}


# -- the retry policy --------------------------------------------------------------------------
def test_the_retry_budget_is_shared_by_every_request_of_a_run(api):
    client = make_client(api, retry_budget=1.0)
    api.fault(method='GET', path='IncomingCarrier', count=1, status=429, retry_after=0.6)
    assert list(client.paginate('IncomingCarrier/')) == []
    api.fault(method='GET', path='Application', count=1, status=429, retry_after=0.6)
    with pytest.raises(PlivoError) as caught:
        list(client.paginate('Application/'))
    assert caught.value.status == 429
    assert 'retry_budget=1' in caught.value.message
    assert client._sleep.waits == [0.6], 'the second wait would pass the budget: no retry'


def test_retries_bound_each_request_and_say_so(api):
    client = make_client(api, retries=2)
    api.fault(method='GET', path='IncomingCarrier', count=3, status=503)
    with pytest.raises(PlivoError) as caught:
        client.get('IncomingCarrier/')
    assert '(3 attempts, retries=2)' in caught.value.message
    assert len(client.retry_log) == 2


def test_each_retry_is_one_line_with_method_path_reason_and_wait_never_a_secret(api):
    client = make_client(api)
    api.fault(method='POST', path='/Endpoint/$', count=2, status=429, retry_after=0)
    api.fault(method='GET', path='/Endpoint/[0-9]+/$', count=1, status=502)
    client.create('Endpoint/', {'username': 'bob', 'password': PASSWORD, 'alias': 'Bob'})
    endpoint = client.paginate('Endpoint/')
    assert next(endpoint)['username'].startswith('bob')
    assert client.retry_log[0].startswith('retry 1 of 5 for POST /v1/Account/%s/Endpoint/ after HTTP 429'
                                          % api.auth_id)
    assert len(client.retry_log) == 2
    assert all(PASSWORD not in line and api.auth_token not in line for line in client.retry_log)


def test_a_read_slower_than_the_timeout_is_retried(api):
    client = make_client(api, timeout=0.3)
    api.fault(method='GET', path='IncomingCarrier', count=1, delay_ms=800)
    assert list(client.paginate('IncomingCarrier/')) == []
    assert 'no answer within timeout=0.3s' in client.retry_log[0]


def test_a_create_slower_than_the_timeout_is_ambiguous_and_not_resent(api):
    client = make_client(api, timeout=0.3)
    api.fault(method='POST', path='IncomingCarrier', count=1, delay_ms=800)
    with pytest.raises(AmbiguousWriteError) as caught:
        client.create('IncomingCarrier/', {'name': 'slow', 'ip_set': '192.0.2.1'})
    assert 'no answer within timeout=0.3s' in caught.value.message
    time.sleep(0.7)
    assert [c['name'] for c in table(api, 'carrier')] == ['slow']
    assert len([r for r in api.requests() if r['method'] == 'POST']) == 1


@pytest.mark.parametrize('status', sorted(STATUS_ADVICE))
def test_each_status_maps_to_advice_with_status_and_api_id(api, status):
    client = make_client(api, retries=0)
    api.fault(method='GET', path='IncomingCarrier', count=1, status=status)
    with pytest.raises(PlivoError) as caught:
        client.get('IncomingCarrier/')
    assert caught.value.status == status
    assert caught.value.api_id
    assert STATUS_ADVICE[status] in caught.value.message


# -- creates whose answer was lost: re-read by natural key, never sent twice --------------------
@pytest.mark.parametrize('family', sorted(CREATES))
def test_a_create_applied_but_unanswered_is_found_not_repeated(api, family):
    module, options, kind, path = CREATES[family]
    api.fault(method='POST', path=path, count=1, drop='after')
    result = converge(api, module, **options)
    assert result['changed'] is True
    assert len(table(api, kind)) == 1
    assert len([r for r in api.requests() if r['method'] == 'POST']) == 1
    assert any('was not sent again' in w for w in result['warnings'])
    assert converge(api, module, **options)['changed'] is False


@pytest.mark.parametrize('family', sorted(CREATES))
def test_a_create_that_never_arrived_fails_clearly_and_a_rerun_creates_it_once(api, family):
    module, options, kind, path = CREATES[family]
    api.fault(method='POST', path=path, count=1, drop='before')
    with pytest.raises(AmbiguousWriteError) as caught:
        converge(api, module, **options)
    assert 'may or may not have been applied' in caught.value.message
    assert 'run the task again' in caught.value.message
    assert PASSWORD not in caught.value.message
    assert table(api, kind) == []
    assert converge(api, module, **options)['changed'] is True
    assert converge(api, module, **options)['changed'] is False
    assert len(table(api, kind)) == 1


def test_an_endpoint_is_refound_by_the_username_asked_for_plus_plivos_suffix(api):
    module, options, _kind, _path = CREATES['endpoint']
    converge(api, module, username='alice2', password=PASSWORD)  # 'alice' must not match it
    api.fault(method='POST', path='/Endpoint/$', count=1, status=503)
    # 503 on a create is ambiguous; the emulator did not apply it, so nothing named alice+12 digits
    with pytest.raises(AmbiguousWriteError):
        converge(api, module, **options)
    api.fault(method='POST', path='/Endpoint/$', count=1, drop='after')
    result = converge(api, module, **options)
    username = result['endpoint']['username']
    assert username.startswith('alice') and len(username) == len('alice') + 12
    assert datetime.datetime.strptime(username[5:], '%y%m%d%H%M%S')
    assert sorted(len(e['username']) for e in table(api, 'endpoint')) == [17, 18], 'alice and alice2'


def test_when_the_read_back_fails_too_the_error_says_both(api):
    module, options, kind, _path = CREATES['carrier']
    stand_in = ModuleStandIn(api, module.RESOURCE, client=make_client(api, retries=1), **options)
    real_create = stand_in.client.create

    def create_then_outage(path, body):
        try:
            return real_create(path, body)
        finally:  # the API goes down between the create and the read-back
            api.fault(method='GET', path='/IncomingCarrier/$', count=2, status=503)

    stand_in.client.create = create_then_outage
    api.fault(method='POST', path='/IncomingCarrier/$', count=1, status=500)
    with pytest.raises(AmbiguousWriteError) as caught:
        Reconciler(stand_in, module.RESOURCE).run()
    assert "reading incoming carrier 'edge' back failed too" in caught.value.message
    assert caught.value.status == 500 and caught.value.api_id
    assert table(api, kind) == []


def test_a_lost_answer_with_a_concurrent_duplicate_names_both_and_picks_neither(api):
    module, options, _kind, _path = CREATES['carrier']
    stand_in = ModuleStandIn(api, module.RESOURCE, **options)
    other = make_client(api)
    real_create = stand_in.client.create

    def create_while_another_run_does(path, body):
        try:
            return real_create(path, body)
        finally:
            other.create(path, body)

    stand_in.client.create = create_while_another_run_does
    api.fault(method='POST', path='/IncomingCarrier/$', count=1, drop='after')
    with pytest.raises(UserError) as caught:
        Reconciler(stand_in, module.RESOURCE).run()
    assert 'now 2 incoming carriers have that name' in str(caught.value)
    assert 'keep one and delete the others' in str(caught.value)


# -- two runs at the same time ----------------------------------------------------------------
def run_together(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        barrier.wait()
        try:
            outcomes[index] = action()
        except Exception as exc:  # pylint: disable=broad-except
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_runs_adding_the_same_numbers_at_once_both_converge_without_duplicates(api):
    make_client(api).create('IncomingCarrier/', {'name': 'acme', 'ip_set': '192.0.2.1'})
    api.control('POST', 'latency', {'ms': 30})

    def add_fleet():
        stand_in = ModuleStandIn(api, plivo_number.RESOURCE, numbers=FLEET, carrier='acme',
                                 region='California', alias='fleet')
        return NumberSet(stand_in, plivo_number.RESOURCE).run()

    first, second = run_together(add_fleet, add_fleet)
    assert not isinstance(first, Exception), first
    assert not isinstance(second, Exception), second
    assert 'failures' not in first and 'failures' not in second
    assert sorted(first['added'] + second['added']) == FLEET, 'each number added by exactly one run'
    numbers = table(api, 'number')
    assert sorted(n['number'] for n in numbers) == FLEET
    assert all(n['alias'] == 'fleet' for n in numbers)


def test_an_add_refused_because_another_run_added_some_adds_only_the_rest(api, carrier):
    other = make_client(api)
    client = make_client(api)
    real_create = client.create

    def another_run_adds_five_first(path, body):
        client.create = real_create
        other.create('Number/', {'numbers': ','.join(FLEET[:5]), 'carrier': body['carrier'],
                                 'region': 'California'})
        return real_create(path, body)

    client.create = another_run_adds_five_first
    result = add_fleet(api, client=client, alias='mine')[0]
    assert 'failures' not in result
    assert result['added'] == FLEET[5:]
    assert result['updated'] == FLEET[:5], 'the other run\'s numbers get this run\'s alias'
    refused = [r for r in api.requests() if r['method'] == 'POST' and r['status'] == 400]
    assert len(refused) == 1
    assert all(n['alias'] == 'mine' for n in table(api, 'number'))


def test_two_runs_creating_the_same_name_at_once_can_both_succeed_and_the_next_run_says_so(api):
    """The residual risk: names are not unique in the API, so nothing can tell two concurrent
    creates apart. What the collection promises is that the next run refuses to guess."""
    module, options, _kind, _path = CREATES['carrier']
    api.control('POST', 'latency', {'ms': 300})  # both lookups are answered before either create
    outcomes = run_together(lambda: converge(api, module, **options),
                            lambda: converge(api, module, **options))
    assert all(o['changed'] for o in outcomes)
    api.control('POST', 'latency', {'ms': 0})
    assert len(table(api, 'carrier')) == 2
    with pytest.raises(UserError) as caught:
        converge(api, module, **options)
    assert "2 incoming carriers match name 'edge'" in str(caught.value)


# -- numbers: the API keeps each once, so what did not arrive is sent again --------------------
@pytest.fixture
def carrier(api):
    make_client(api).create('IncomingCarrier/', {'name': 'acme', 'ip_set': '192.0.2.1'})
    api.clear_log()


def add_fleet(api, client=None, **params):
    stand_in = ModuleStandIn(api, plivo_number.RESOURCE, client=client, numbers=FLEET, carrier='acme',
                             region='California', **params)
    return NumberSet(stand_in, plivo_number.RESOURCE).run(), stand_in.client


@pytest.mark.parametrize('fault', [dict(status=500), dict(drop='before'), dict(drop='after')],
                         ids=['5xx', 'drop-before', 'drop-after'])
def test_an_unclear_number_add_is_settled_in_the_same_run(api, carrier, fault):
    api.fault(method='POST', path='/Number/$', count=1, **fault)
    result, client = add_fleet(api)
    assert result['added'] == FLEET and 'failures' not in result
    assert sorted(n['number'] for n in table(api, 'number')) == FLEET
    resent = [line for line in client.retry_log if 'sending again' in line]
    assert len(resent) == (0 if fault.get('drop') == 'after' else 1)
    assert add_fleet(api)[0]['changed'] is False


def test_a_number_add_slower_than_the_timeout_is_sent_again_without_a_duplicate(api, carrier):
    api.fault(method='POST', path='/Number/$', count=1, delay_ms=1500)
    result = add_fleet(api, client=make_client(api, timeout=0.4))[0]
    assert result['added'] == FLEET and 'failures' not in result
    time.sleep(1.3)
    late = [r for r in api.requests() if r['method'] == 'POST' and r.get('fault')]
    assert late and late[0]['status'] == 400, 'the late original found the numbers already there'
    assert sorted(n['number'] for n in table(api, 'number')) == FLEET


def test_an_unclear_buy_is_settled_in_the_same_run(api):
    for_sale = [n['number'] for n in make_client(api).paginate('PhoneNumber/', {'country_iso': 'US'})][:2]
    api.fault(method='POST', path='/PhoneNumber/', count=1, status=502)
    stand_in = ModuleStandIn(api, plivo_number.RESOURCE, numbers=for_sale, buy=True)
    result = NumberSet(stand_in, plivo_number.RESOURCE).run()
    assert result['added'] == for_sale and 'failures' not in result
    assert sorted(n['number'] for n in table(api, 'number')) == sorted(for_sale)


def test_when_numbers_cannot_be_read_back_the_run_stops_and_reports_them(api, carrier):
    client = make_client(api, retries=1)
    real_create = client.create

    def create_then_outage(path, body):
        try:
            return real_create(path, body)
        finally:  # the API goes down between the add and the read-back
            api.fault(method='GET', path='/Number/', count=10, status=500)

    client.create = create_then_outage
    api.fault(method='POST', path='/Number/$', count=1, status=500)
    result = add_fleet(api, client=client)[0]
    assert [f['number'] for f in result['failures']] == FLEET[:20]
    assert 'reading them back failed too' in result['failures'][0]['msg']
    assert result['added'] == []
    api.control('DELETE', 'faults')
    again = add_fleet(api)[0]
    assert again['added'] == FLEET and 'failures' not in again


# -- transport ---------------------------------------------------------------------------------
@pytest.fixture(scope='module')
def tls_emulator(tmp_path_factory):
    """The emulator in-process behind TLS with a self-signed certificate for 127.0.0.1."""
    import ipaddress  # pylint: disable=import-outside-toplevel
    import sys  # pylint: disable=import-outside-toplevel
    import os  # pylint: disable=import-outside-toplevel
    from cryptography import x509  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import hashes, serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ec  # pylint: disable=import-outside-toplevel
    from cryptography.x509.oid import NameOID  # pylint: disable=import-outside-toplevel

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, '..', '..', '..', 'emulator'))
    from plivo_emulator import make_server  # pylint: disable=import-outside-toplevel,import-error

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'untrusted test server')])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address('127.0.0.1'))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    directory = tmp_path_factory.mktemp('tls')
    cert_path, key_path = directory / 'cert.pem', directory / 'key.pem'
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server = make_server(auth_id='MATLSTEST00000000001', auth_token='tls-token')
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert_path), str(key_path))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield 'https://127.0.0.1:%d' % server.server_address[1]
    server.shutdown()


def test_certificates_are_verified_by_default_and_a_failure_is_not_retried(tls_emulator):
    client = PlivoClient('MATLSTEST00000000001', 'tls-token', api_url=tls_emulator, sleep=Sleeps())
    with pytest.raises(PlivoError) as caught:
        client.get('')
    assert 'CERTIFICATE_VERIFY_FAILED' in caught.value.message
    assert 'validate_certs=false' in caught.value.message
    assert client.calls['GET'] == 1 and client.retry_log == []


@pytest.mark.filterwarnings('ignore:Unverified HTTPS request')
def test_validate_certs_false_accepts_a_test_server(tls_emulator):
    client = PlivoClient('MATLSTEST00000000001', 'tls-token', api_url=tls_emulator, validate_certs=False)
    assert client.get('')['auth_id'] == 'MATLSTEST00000000001'
