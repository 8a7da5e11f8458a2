#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_trunk_credential_info
short_description: Read Plivo Zentrunk credentials
version_added: 0.1.0
description:
  - Look up one credential by exact name or uuid, or list them all (every page, 20 per request, transparently).
  - Never changes anything.
  - The password is write-only; the API never returns it.
options:
  name:
    description:
      - Return the credentials whose name is exactly this. The Zentrunk API has no name filter, so
        the module pages through the list.
    type: str
  credential_uuid:
    description:
      - Return the credential with this uuid, or an empty list if there is none.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_trunk_credential
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: List every trunk credential
  plivo.provisioning.plivo_trunk_credential_info:
  register: all_of_them

- name: Read one by name
  plivo.provisioning.plivo_trunk_credential_info:
    name: office-pbx
  register: found

- name: Show the SIP username the PBX must use
  ansible.builtin.debug:
    msg: "{{ found.credentials[0].username | default('no such credential') }}"
'''

RETURN = r'''
credentials:
  description: The matching credentials (an empty list when none match), each as the API reports it.
  returned: always
  type: list
  elements: dict
  sample:
    - credential_uuid: 2f0c7f5e-8d3b-4b1e-a7a4-0c5a7d9e6b21
      name: office-pbx
      username: officepbx01
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import TRUNK_CREDENTIAL
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            credential_uuid=dict(type='str'),
        ),
        mutually_exclusive=[('name', 'credential_uuid')],
    )
    run_info(module, TRUNK_CREDENTIAL)


if __name__ == '__main__':
    main()
