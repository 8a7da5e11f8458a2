#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_number_info
short_description: Read the phone numbers on a Plivo account
version_added: 0.1.0
description:
  - Read given numbers, or list the account's numbers with any of the API's filters. Every page is read,
    transparently.
  - Never changes anything.
options:
  numbers:
    description:
      - Return these numbers (those that are on the account), in the order given. Written with or without
        C(+), spaces and hyphens, as in M(plivo.provisioning.plivo_number).
      - Read in the fewest requests, as M(plivo.provisioning.plivo_number) reads them. Cannot be combined
        with the filters.
    type: list
    elements: str
  number_type:
    description: Only numbers of this type (the API's C(type) filter).
    type: str
    choices: [local, national, mobile, tollfree, fixed]
    aliases: [type]
  number_startswith:
    description: Only numbers that start with this, country code included (C(1415), or C(+1 415)).
    type: str
  subaccount:
    description: Only numbers owned by this subaccount, by Auth ID (C(SA...)) or name.
    type: str
  alias:
    description: Only numbers with exactly this alias.
    type: str
  services:
    description: Only numbers that have all of these services.
    type: list
    elements: str
    choices: [voice, sms, mms]
  tendlc_registration_status:
    description: Only numbers with this 10DLC registration status.
    type: str
    choices: [unregistered, in_progress, registered]
  tendlc_campaign_id:
    description: Only numbers linked to this 10DLC campaign.
    type: str
  toll_free_sms_verification:
    description: Only toll-free numbers with this SMS verification status.
    type: str
    choices: [unverified, pending_verification, verified]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_number
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Every number on the account
  plivo.provisioning.plivo_number_info:
  register: all_numbers

- name: San Francisco numbers that can send SMS
  plivo.provisioning.plivo_number_info:
    number_startswith: "+1 415"
    services: [voice, sms]
  register: sf_sms

- name: Read two numbers
  plivo.provisioning.plivo_number_info:
    numbers: [+1 415-555-0100, +1 415-555-0101]
  register: pair

- name: Which application answers the first one
  ansible.builtin.debug:
    msg: "{{ pair.numbers[0].application | default('not on the account') }}"
'''

RETURN = r'''
numbers:
  description: The matching numbers as the API reports them (an empty list when none match).
  returned: always
  type: list
  elements: dict
  sample:
    - number: '14155550100'
      alias: support
      application: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Application/29283719384756123/
      carrier: acme-telecom
      region: California
      number_type: local
      sub_account:
      added_on: '2025-01-31'
      voice_enabled: true
      sms_enabled: false
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Number/14155550100/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import SUBACCOUNT
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_number_info
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import AccountRef, StringSet
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import number_prefix
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field

FILTERS = [
    Field('number_type', api='type'),
    Field('number_startswith', validate=number_prefix),
    Field('subaccount', kind=AccountRef(SUBACCOUNT)),
    Field('alias'),
    Field('services', kind=StringSet(csv=True)),
    Field('tendlc_registration_status'),
    Field('tendlc_campaign_id'),
    Field('toll_free_sms_verification'),
]


def main():
    module = PlivoModule(
        argument_spec=dict(
            numbers=dict(type='list', elements='str'),
            number_type=dict(type='str', aliases=['type'],
                             choices=['local', 'national', 'mobile', 'tollfree', 'fixed']),
            number_startswith=dict(type='str'),
            subaccount=dict(type='str'),
            alias=dict(type='str'),
            services=dict(type='list', elements='str', choices=['voice', 'sms', 'mms']),
            tendlc_registration_status=dict(type='str', choices=['unregistered', 'in_progress', 'registered']),
            tendlc_campaign_id=dict(type='str'),
            toll_free_sms_verification=dict(type='str',
                                            choices=['unverified', 'pending_verification', 'verified']),
        ),
        mutually_exclusive=[('numbers', f.option) for f in FILTERS],
    )
    run_number_info(module, FILTERS)


if __name__ == '__main__':
    main()
