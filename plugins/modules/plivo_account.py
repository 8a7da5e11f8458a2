#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_account
short_description: Manage the Plivo account's profile
version_added: 0.1.0
description:
  - Set the name, city and address of the account that O(auth_id) belongs to.
  - The account always exists; it is neither created nor deleted. Only the options you set are
    compared, and an unchanged account is not written to.
  - Subaccount credentials can read their account but not change it (the API answers 403).
options:
  name:
    description:
      - The account's name.
    type: str
  city:
    description:
      - The account's city.
    type: str
  address:
    description:
      - The account's postal address.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_account_info
  - module: plivo.provisioning.plivo_subaccount
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Keep the account's profile up to date
  plivo.provisioning.plivo_account:
    name: Acme Telecom Operations
    city: Berlin
    address: Friedrichstrasse 1, 10117 Berlin
'''

RETURN = r'''
account:
  description: The account as the API reports it, after the change (predicted in check mode).
  returned: always
  type: dict
  contains:
    auth_id:
      description: The account's Auth ID.
      type: str
      sample: MAXXXXXXXXXXXXXXXXXX
    name:
      description: The account's name.
      type: str
      sample: Acme Telecom Operations
    city:
      description: The account's city.
      type: str
      sample: Berlin
    address:
      description: The account's postal address.
      type: str
    account_type:
      description: The kind of account, such as C(standard).
      type: str
    billing_mode:
      description: C(prepaid) or C(postpaid).
      type: str
    cash_credits:
      description: The remaining credit, as a decimal string.
      type: str
    resource_uri:
      description: The account's API path.
      type: str
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import ACCOUNT
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import run_resource
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field

RESOURCE = ACCOUNT.with_fields([Field('name'), Field('city'), Field('address')])


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            city=dict(type='str'),
            address=dict(type='str'),
        ),
    )
    run_resource(module, RESOURCE)


if __name__ == '__main__':
    main()
