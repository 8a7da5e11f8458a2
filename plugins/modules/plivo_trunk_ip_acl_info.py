#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_trunk_ip_acl_info
short_description: Read Plivo Zentrunk IP access control lists
version_added: 0.1.0
description:
  - Look up one list by exact name or uuid, or list them all (every page, 20 per request, transparently).
  - Never changes anything.
options:
  name:
    description:
      - Return the IP access control lists whose name is exactly this. The Zentrunk API has no name filter, so
        the module pages through the list.
    type: str
  ipacl_uuid:
    description:
      - Return the list with this uuid, or an empty list if there is none.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_trunk_ip_acl
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: List every IP access control list
  plivo.provisioning.plivo_trunk_ip_acl_info:
  register: all_of_them

- name: Read one by name
  plivo.provisioning.plivo_trunk_ip_acl_info:
    name: office-sbcs
  register: found

- name: Show the addresses a trunk would accept
  ansible.builtin.debug:
    msg: "{{ found.ip_acls[0].ip_addresses | default([]) }}"
'''

RETURN = r'''
ip_acls:
  description: The matching IP access control lists (an empty list when none match), each as the API reports it.
  returned: always
  type: list
  elements: dict
  sample:
    - ipacl_uuid: 9a3a1ef4-3c4e-4a42-9d5b-7f0e2b1c6d11
      name: office-sbcs
      ip_addresses: [203.0.113.10, 203.0.113.11]
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import TRUNK_IP_ACL
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            ipacl_uuid=dict(type='str'),
        ),
        mutually_exclusive=[('name', 'ipacl_uuid')],
    )
    run_info(module, TRUNK_IP_ACL)


if __name__ == '__main__':
    main()
