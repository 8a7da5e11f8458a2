#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_application_info
short_description: Read Plivo applications
version_added: 0.1.0
description:
  - Look up applications by exact name or id, or list them all, optionally only a subaccount's (every page,
    transparently).
  - Never changes anything.
options:
  app_name:
    description: Return the applications whose name is exactly this.
    type: str
  app_id:
    description: Return the application with this id, or an empty list if there is none.
    type: str
  subaccount:
    description:
      - List only the applications owned by this subaccount, by Auth ID (C(SA...)). Ignored with O(app_name)
        or O(app_id).
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_application
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Every application on the account
  plivo.provisioning.plivo_application_info:
  register: all_apps

- name: One application by name
  plivo.provisioning.plivo_application_info:
    app_name: support-ivr
  register: ivr

- name: Show where it answers
  ansible.builtin.debug:
    msg: "{{ ivr.applications[0].answer_url | default('no such application') }}"
'''

RETURN = r'''
applications:
  description: The matching applications as the API reports them (an empty list when none match).
  returned: always
  type: list
  elements: dict
  sample:
    - app_id: '29283719384756123'
      app_name: support-ivr
      answer_url: https://ivr.example.com/answer
      answer_method: GET
      hangup_url: https://ivr.example.com/hangup
      hangup_method: POST
      fallback_answer_url: ''
      fallback_method: POST
      message_url: ''
      message_method: POST
      default_app: false
      default_endpoint_app: false
      enabled: true
      log_incoming_messages: true
      public_uri: false
      sip_uri: sip:29283719384756123@app.plivo.com
      sub_account:
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Application/29283719384756123/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import APPLICATION
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(
        argument_spec=dict(
            app_name=dict(type='str'),
            app_id=dict(type='str'),
            subaccount=dict(type='str'),
        ),
        mutually_exclusive=[('app_name', 'app_id')],
    )
    run_info(module, APPLICATION, filters=('subaccount',))


if __name__ == '__main__':
    main()
