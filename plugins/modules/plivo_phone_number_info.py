#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_phone_number_info
short_description: Search the phone numbers Plivo has for sale
version_added: 0.1.0
description:
  - Search Plivo's inventory of phone numbers by country, type, digits, region, city and services.
  - Never buys or changes anything; buy with M(plivo.provisioning.plivo_number) and O(plivo.provisioning.plivo_number#module:buy=true).
options:
  country_iso:
    description: The country, as a two-letter ISO 3166 code such as C(US) or C(GB).
    type: str
    required: true
  number_type:
    description: The type of number. V(any) (the API's default) returns every type.
    type: str
    choices: [any, local, national, mobile, tollfree, fixed]
    aliases: [type]
  pattern:
    description:
      - Digits the national number starts with, after the country code; C(*) stands for any one digit.
        For example V(415) or V(4155*5).
    type: str
  region:
    description: Only numbers whose region (state or province) contains this, case-insensitively.
    type: str
  city:
    description: Only numbers in this city (case-insensitive).
    type: str
  services:
    description: Only numbers that have all of these services.
    type: list
    elements: str
    choices: [voice, sms, mms]
  limit:
    description: The most numbers to return. Pages of 20 are read until this many are found.
    type: int
    default: 20
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_number
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Find two San Francisco numbers with SMS
  plivo.provisioning.plivo_phone_number_info:
    country_iso: US
    number_type: local
    pattern: "415"
    services: [voice, sms]
    limit: 2
  register: for_sale

- name: Buy them
  plivo.provisioning.plivo_number:
    numbers: "{{ for_sale.phone_numbers | map(attribute='number') | list }}"
    buy: true
  when: for_sale.phone_numbers | length == 2
'''

RETURN = r'''
phone_numbers:
  description: The numbers for sale that match, at most O(limit), as the API reports them (an empty list when none).
  returned: always
  type: list
  elements: dict
  sample:
    - number: '14155550123'
      prefix: '415'
      city: San Francisco
      country: UNITED STATES
      region: California
      type: local
      monthly_rental_rate: '0.50000'
      voice_enabled: true
      sms_enabled: true
      mms_enabled: true
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/PhoneNumber/14155550123/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_inventory_search
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import StringSet
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import (
    country_iso, number_pattern)
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field

FILTERS = [
    Field('country_iso', validate=country_iso),
    Field('number_type', api='type'),
    Field('pattern', validate=number_pattern),
    Field('region'),
    Field('city'),
    Field('services', kind=StringSet(csv=True)),
]


def main():
    module = PlivoModule(
        argument_spec=dict(
            country_iso=dict(type='str', required=True),
            number_type=dict(type='str', aliases=['type'],
                             choices=['any', 'local', 'national', 'mobile', 'tollfree', 'fixed']),
            pattern=dict(type='str'),
            region=dict(type='str'),
            city=dict(type='str'),
            services=dict(type='list', elements='str', choices=['voice', 'sms', 'mms']),
            limit=dict(type='int', default=20),
        ),
    )
    run_inventory_search(module, FILTERS)


if __name__ == '__main__':
    main()
