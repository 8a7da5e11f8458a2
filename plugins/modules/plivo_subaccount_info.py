#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_subaccount_info
short_description: Read Plivo subaccounts
version_added: 0.1.0
description:
  - Look up one subaccount by exact name or Auth ID, or list them all (every page, transparently).
  - Never changes anything. Only the main account's credentials can read subaccounts.
  - Auth Tokens (C(auth_token), and C(new_auth_token), which the API reports beside it) are removed from
    the results unless O(return_auth_token=true).
options:
  name:
    description:
      - Return the subaccounts whose name is exactly this. The API has no name filter, so this reads
        every page of subaccounts.
    type: str
  subaccount_id:
    description:
      - Return the subaccount with this Auth ID, or an empty list if there is none.
    type: str
  return_auth_token:
    description:
      - Keep each subaccount's Auth Token in the results. Set the C(no_log) keyword on the task, since
        C(-v) output would show them (the module warns otherwise).
    type: bool
    default: false
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_subaccount
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: List every subaccount
  plivo.provisioning.plivo_subaccount_info:
  register: subaccounts

- name: Show names and Auth IDs
  ansible.builtin.debug:
    msg: "{{ subaccounts.subaccounts | items2dict(key_name='name', value_name='auth_id') }}"

- name: Read one subaccount's credentials for later tasks
  plivo.provisioning.plivo_subaccount_info:
    name: team-emea
    return_auth_token: true
  register: team_emea
  no_log: true
'''

RETURN = r'''
subaccounts:
  description:
    - The matching subaccounts (an empty list when none match), each as the API reports it.
    - C(auth_token) and C(new_auth_token) only with O(return_auth_token=true).
  returned: always
  type: list
  elements: dict
  sample:
    - auth_id: SAXXXXXXXXXXXXXXXXXX
      name: team-emea
      enabled: true
      account: /v1/Account/MAXXXXXXXXXXXXXXXXXX/
      created: '2024-05-01'
      modified: null
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Subaccount/SAXXXXXXXXXXXXXXXXXX/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import SUBACCOUNT
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            subaccount_id=dict(type='str'),
            return_auth_token=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('name', 'subaccount_id')],
    )
    run_info(module, SUBACCOUNT)


if __name__ == '__main__':
    main()
