#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_endpoint_info
short_description: Read Plivo SIP endpoints
version_added: 0.1.0
description:
  - Look up SIP endpoints by username or id, or list them all (every page, transparently).
  - Never changes anything. Passwords are write-only and never returned.
  - With a subaccount's O(auth_id) and O(auth_token), only that subaccount's endpoints are visible.
options:
  username:
    description:
      - Return the endpoints whose username is exactly this, or this followed by the 12 digits Plivo
        appends (so C(alice) finds C(alice240501093000) but never C(alice2240501093000)).
      - The API has no username filter, so this reads every page of endpoints.
    type: str
  endpoint_id:
    description:
      - Return the endpoint with this id, or an empty list if there is none.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_endpoint
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Find the front desk phone's endpoint
  plivo.provisioning.plivo_endpoint_info:
    username: frontdesk
  register: frontdesk

- name: Show the SIP username to register with
  ansible.builtin.debug:
    msg: "{{ frontdesk.endpoints | map(attribute='username') | list }}"

- name: List every endpoint of the account
  plivo.provisioning.plivo_endpoint_info:
  register: all_endpoints
'''

RETURN = r'''
endpoints:
  description: The matching endpoints (an empty list when none match), each as the API reports it.
  returned: always
  type: list
  elements: dict
  sample:
    - endpoint_id: '39452475478853'
      username: frontdesk240501093000
      alias: Front desk
      sip_uri: sip:frontdesk240501093000@phone.plivo.com
      application: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Application/20372631212782780/
      sip_registered: 'false'
      sub_account: null
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Endpoint/39452475478853/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import ENDPOINT
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            username=dict(type='str'),
            endpoint_id=dict(type='str'),
        ),
        mutually_exclusive=[('username', 'endpoint_id')],
    )
    run_info(module, ENDPOINT)


if __name__ == '__main__':
    main()
