#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_incoming_carrier_info
short_description: Read Plivo incoming carriers
version_added: 0.1.0
description:
  - Look up one incoming carrier by exact name or id, or list them all (every page, transparently).
  - Never changes anything.
options:
  name:
    description:
      - Return the carriers whose name is exactly this (the API's own filter also matches parts of names;
        this module does not).
    type: str
  carrier_id:
    description:
      - Return the carrier with this id, or an empty list if there is none.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_incoming_carrier
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: List every incoming carrier
  plivo.provisioning.plivo_incoming_carrier_info:
  register: all_carriers

- name: Read one carrier by name
  plivo.provisioning.plivo_incoming_carrier_info:
    name: acme-telecom
  register: acme

- name: Show its addresses
  ansible.builtin.debug:
    msg: "{{ acme.carriers[0].ip_set_list | default([]) }}"
'''

RETURN = r'''
carriers:
  description: The matching carriers (an empty list when none match), each as the API reports it plus C(ip_set_list).
  returned: always
  type: list
  elements: dict
  sample:
    - carrier_id: '24856289978366'
      name: acme-telecom
      ip_set: 203.0.113.10,203.0.113.11
      ip_set_list: [203.0.113.10, 203.0.113.11]
      voice: true
      sms: false
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/IncomingCarrier/24856289978366/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import CARRIER
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            carrier_id=dict(type='str'),
        ),
        mutually_exclusive=[('name', 'carrier_id')],
    )
    run_info(module, CARRIER)


if __name__ == '__main__':
    main()
