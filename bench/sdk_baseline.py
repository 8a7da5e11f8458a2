# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Baseline (a): the fleet's first run as a scripting user writes it with the official SDK.

Sequential, one call after another, as the SDK's examples do: applications, endpoints and
numbers through ``plivo.RestClient``; incoming carriers and Zentrunk through ``requests``
(the SDK has no helpers for them). It creates and does not look first (a one-off script,
not idempotent), adds each host's numbers 20 per call with the inbound trunk as
``app_id`` (the cheapest way the API offers), and reads each outbound trunk once for its
``trunk_domain``. Fair to the SDK: a session with connection reuse for the raw calls too.

Usage: python bench/sdk_baseline.py SCENARIO.json   (PLIVO_API_URL, PLIVO_AUTH_ID and
PLIVO_AUTH_TOKEN in the environment; the SDK is pointed at PLIVO_API_URL by its URL
constants, as tests/unit/emulator/conftest.py does).
"""

from __future__ import annotations

import json
import os
import sys

import plivo
import requests
from plivo.rest import client as rest_client


def point_sdk_at(url):
    for name in ('PLIVO_API', 'API_VOICE', 'API_VOICE_FALLBACK_1', 'API_VOICE_FALLBACK_2'):
        setattr(rest_client, name, url)
    for name in ('PLIVO_API_BASE_URI', 'API_VOICE_BASE_URI', 'API_VOICE_BASE_URI_FALLBACK_1',
                 'API_VOICE_BASE_URI_FALLBACK_2'):
        setattr(rest_client, name, url + '/v1/Account')


def main(path):
    with open(path, encoding='utf-8') as handle:
        data = json.load(handle)
    url, auth_id, auth_token = (os.environ[k] for k in ('PLIVO_API_URL', 'PLIVO_AUTH_ID', 'PLIVO_AUTH_TOKEN'))
    point_sdk_at(url)
    client = plivo.RestClient(auth_id, auth_token)
    raw = requests.Session()
    raw.auth = (auth_id, auth_token)
    base = '%s/v1/Account/%s/' % (url, auth_id)

    def post(relative, body):
        response = raw.post(base + relative, json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def get(relative):
        response = raw.get(base + relative, timeout=30)
        response.raise_for_status()
        return response.json()

    app_ids = {}
    for app in data['applications']:
        app_ids[app['name']] = client.applications.create(
            app_name=app['name'], answer_url=app['answer_url']).app_id
    carrier_ids = {}
    sip_usernames = {}
    for carrier in data['carriers']:
        carrier_ids[carrier['name']] = post('IncomingCarrier/', {
            'name': carrier['name'], 'ip_set': ','.join(carrier['ip_set'])})['carrier_id']
        for endpoint in carrier['endpoints']:
            created = client.endpoints.create(
                username=endpoint['username'], password=endpoint['password'],
                alias=endpoint['alias'], app_id=app_ids[carrier['application']])
            sip_usernames[endpoint['username']] = created.username
    trunk_domains = {}
    for host in data['hosts']:
        name = host['host']
        acl = post('Zentrunk/IPAccessControlList/', {
            'name': name + '-acl', 'ip_addresses': host['public_addresses']})['ipacl_uuid']
        credential = post('Zentrunk/Credential/', {
            'name': name + '-cred', 'username': host['credential']['username'],
            'password': host['credential']['password']})['credential_uuid']
        primary = post('Zentrunk/URI/', {'name': name + '-primary', 'uri': host['address']})['uri_uuid']
        fallback = post('Zentrunk/URI/', {'name': name + '-fallback',
                                          'uri': host['fallback_address']})['uri_uuid']
        inbound = post('Zentrunk/Trunk/', {
            'name': name + '-in', 'trunk_direction': 'inbound',
            'primary_uri_uuid': primary, 'fallback_uri_uuid': fallback})['trunk_id']
        outbound = post('Zentrunk/Trunk/', {
            'name': name + '-out', 'trunk_direction': 'outbound',
            'ipacl_uuid': acl, 'credential_uuid': credential})['trunk_id']
        trunk_domains[name] = get('Zentrunk/Trunk/%s/' % outbound)['object']['trunk_domain']
        numbers = host['numbers']
        for start in range(0, len(numbers), 20):
            client.numbers.create(numbers=','.join(numbers[start:start + 20]),
                                  carrier=carrier_ids[host['carrier']], region=host['region'],
                                  app_id=str(inbound))
    print(json.dumps({'trunk_domains': len(trunk_domains), 'sip_usernames': len(sip_usernames)}))


if __name__ == '__main__':
    main(sys.argv[1])
