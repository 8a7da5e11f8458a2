#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_account_info
short_description: Read the Plivo account
version_added: 0.1.0
description:
  - Read the account that O(auth_id) belongs to; with a subaccount's credentials, that subaccount.
  - Never changes anything. One API call.
options: {}
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.INFO_ATTRIBUTES
seealso:
  - module: plivo.provisioning.plivo_account
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Read the account
  plivo.provisioning.plivo_account_info:
  register: plivo_account

- name: Warn when the prepaid balance runs low
  ansible.builtin.debug:
    msg: "Only {{ plivo_account.account.cash_credits }} credits left"
  when: plivo_account.account.cash_credits | float < 10
'''

RETURN = r'''
account:
  description: The account as the API reports it.
  returned: always
  type: dict
  sample:
    auth_id: MAXXXXXXXXXXXXXXXXXX
    name: Acme Telecom Operations
    city: Berlin
    address: Friedrichstrasse 1, 10117 Berlin
    state: ''
    account_type: standard
    billing_mode: prepaid
    auto_recharge: false
    cash_credits: '100.00000'
    timezone: Etc/UTC
    resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import ACCOUNT
from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_info
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule


def main():
    module = PlivoModule(argument_spec={})
    run_info(module, ACCOUNT)


if __name__ == '__main__':
    main()
