#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_origination_uri_info
short_description: Read Plivo Zentrunk origination URIs
version_added: 0.1.0
description:
  - Look up one URI by exact name or uuid, or list them all (every page, 20 per request, transparently).
  - Never changes anything.
  - The password is write-only; the API never returns it.
options:
  name:
    description:
      - Return the origination URIs whose name is exactly this. The Zentrunk API has no name filter, so
        the module pages through the list.
    type: str
  uri_uuid:
    description:
      - Return the URI with this uuid, or an empty list if there is none.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_origination_uri
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: List every origination URI
  plivo.provisioning.plivo_origination_uri_info:
  register: all_of_them

- name: Read one by name
  plivo.provisioning.plivo_origination_uri_info:
    name: office-pbx-primary
  register: found

- name: Show where Plivo sends the calls
  ansible.builtin.debug:
    msg: "{{ found.origination_uris[0].uri | default('no such URI') }}"
'''

RETURN = r'''
origination_uris:
  description: The matching origination URIs (an empty list when none match), each as the API reports it.
  returned: always
  type: list
  elements: dict
  sample:
    - uri_uuid: 5b1e7c3a-2d4f-4e8b-9a6c-1f0d3e5b7a92
      name: office-pbx-primary
      uri: sip:pbx.example.com:5060;transport=tcp
      authentication_needed: false
      username: null
      sip_user: null
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import ORIGINATION_URI
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            uri_uuid=dict(type='str'),
        ),
        mutually_exclusive=[('name', 'uri_uuid')],
    )
    run_info(module, ORIGINATION_URI)


if __name__ == '__main__':
    main()
