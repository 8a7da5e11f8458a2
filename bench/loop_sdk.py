# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Baseline for the loop benchmark: bench/loop.yml's 61 objects with the official plivo SDK
(and requests for the APIs it lacks), sequentially, one write per object and no reads.

Usage: python bench/loop_sdk.py   (PLIVO_API_URL, PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN set)
"""

import os

import plivo
import requests

from sdk_baseline import point_sdk_at


def main():
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

    carriers = {}
    for n in range(1, 6):
        carriers[n] = post('IncomingCarrier/', {'name': 'loop-carrier-%d' % n, 'ip_set': '192.0.2.%d' % n})['carrier_id']
    app_id = client.applications.create(app_name='loop-app', answer_url='https://pbx.example.com/answer').app_id
    for n in range(1, 6):
        start = 14155500000 + n * 100
        client.numbers.create(numbers=','.join(str(x) for x in range(start, start + 40)), carrier=carriers[n],
                              region='California', app_id=app_id)
    for n in range(1, 21):
        client.endpoints.create(username='loopdesk%d' % n, password='Loop-desk-%d-pw' % n, alias='Desk %d' % n,
                                app_id=app_id)
    for n in range(1, 6):
        primary = post('Zentrunk/URI/', {'name': 'loop-uri-%d-primary' % n,
                                         'uri': 'sip:pbx%d-primary.example.com:5060' % n})['uri_uuid']
        fallback = post('Zentrunk/URI/', {'name': 'loop-uri-%d-fallback' % n,
                                          'uri': 'sip:pbx%d-fallback.example.com:5060' % n})['uri_uuid']
        acl = post('Zentrunk/IPAccessControlList/', {'name': 'loop-acl-%d' % n,
                                                     'ip_addresses': ['203.0.113.%d' % n]})['ipacl_uuid']
        credential = post('Zentrunk/Credential/', {'name': 'loop-cred-%d' % n, 'username': 'looppbx%dx' % n,
                                                   'password': 'Loop!cred%d' % n})['credential_uuid']
        post('Zentrunk/Trunk/', {'name': 'loop-%d-inbound' % n, 'trunk_direction': 'inbound',
                                 'primary_uri_uuid': primary, 'fallback_uri_uuid': fallback})
        post('Zentrunk/Trunk/', {'name': 'loop-%d-outbound' % n, 'trunk_direction': 'outbound',
                                 'ipacl_uuid': acl, 'credential_uuid': credential})


if __name__ == '__main__':
    main()
