#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_trunk_info
short_description: Read Plivo Zentrunk SIP trunks
version_added: 0.1.0
description:
  - Look up one trunk by exact name or id, or list trunks (every page, 20 per request, transparently),
    optionally only those of one direction or status (filtered by the API).
  - Never changes anything.
options:
  name:
    description:
      - Return the trunks whose name is exactly this. The Zentrunk API has no name filter, so the module
        pages through the list.
    type: str
  trunk_id:
    description:
      - Return the trunk with this id, or an empty list if there is none.
    type: str
  direction:
    description:
      - List only V(inbound) or only V(outbound) trunks. Not used with O(name) or O(trunk_id).
    type: str
    choices: [inbound, outbound]
  status:
    description:
      - List only V(enabled) or only V(disabled) trunks. Not used with O(name) or O(trunk_id).
    type: str
    choices: [enabled, disabled]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_trunk
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: List every outbound trunk
  plivo.provisioning.plivo_trunk_info:
    direction: outbound
  register: outbound_trunks

- name: Show the domain each PBX sends its INVITEs to
  ansible.builtin.debug:
    msg: "{{ item.name }}: {{ item.trunk_domain }}"
  loop: "{{ outbound_trunks.trunks }}"
  loop_control:
    label: "{{ item.name }}"

- name: Read one trunk by name
  plivo.provisioning.plivo_trunk_info:
    name: office-in
  register: office_in
'''

RETURN = r'''
trunks:
  description: The matching trunks (an empty list when none match), each as the API reports it.
  returned: always
  type: list
  elements: dict
  sample:
    - trunk_id: '21784177241578'
      trunk_domain: 21784177241578.zt.plivo.com
      name: office-out
      trunk_direction: outbound
      trunk_status: enabled
      secure: true
      ipacl_uuid: 9a3a1ef4-3c4e-4a42-9d5b-7f0e2b1c6d11
      credential_uuid: 2f0c7f5e-8d3b-4b1e-a7a4-0c5a7d9e6b21
      primary_uri_uuid: null
      fallback_uri_uuid: null
      created_at: '2025-01-20T10:31:07Z'
      updated_at: '2025-01-20T10:31:07Z'
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import TRUNK
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            trunk_id=dict(type='str'),
            direction=dict(type='str', choices=['inbound', 'outbound']),
            status=dict(type='str', choices=['enabled', 'disabled']),
        ),
        mutually_exclusive=[('name', 'trunk_id')],
    )
    run_info(module, TRUNK, filters=[('direction', 'trunk_direction'), ('status', 'trunk_status')])


if __name__ == '__main__':
    main()
