#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_subaccount
short_description: Manage Plivo subaccounts
version_added: 0.1.0
description:
  - Create, update and delete a subaccount of the main account, a separate set of credentials that
    sees and changes only its own applications, numbers, endpoints and trunks.
  - The subaccount is found by its exact O(name), or by O(subaccount_id) (its Auth ID), which also
    allows renaming it.
  - Only the main account's credentials can manage subaccounts.
  - The subaccount's Auth Token is a secret. The API returns it twice, as C(auth_token) and
    C(new_auth_token); both are in RV(subaccount) only when O(return_auth_token=true), on the run that
    creates the subaccount as on any other, and are otherwise removed from the result. Neither ever
    appears in a diff. When they are returned and the task lacks C(no_log), the module warns, since
    C(-v) output would show them.
options:
  name:
    description:
      - The subaccount's name, its natural key. Must not be empty.
      - The API allows duplicate names; two subaccounts with exactly this name are an error that lists
        their Auth IDs.
      - With O(subaccount_id), the name to give the subaccount (a rename).
    type: str
  subaccount_id:
    description:
      - Address the subaccount by its Auth ID (C(SA...)) instead of by name. It must exist when
        O(state=present).
    type: str
  enabled:
    description:
      - Whether the subaccount is enabled. A new subaccount is disabled unless this is true.
      - When unset, an update keeps the current value (the API requires it on every update, so the
        module resends the current one).
    type: bool
  cascade:
    description:
      - With O(state=absent), V(true) also deletes everything the subaccount owns (applications,
        numbers, endpoints, ...); V(false) moves those to the main account.
      - Either way the diff and RV(dependents) name the applications, numbers and endpoints it owns and
        what the delete does to them (one listing of each kind, also in check mode).
    type: bool
    default: false
  return_auth_token:
    description:
      - Return the subaccount's Auth Token in RV(subaccount.auth_token) (and RV(subaccount.new_auth_token)),
        for later tasks that act with the subaccount's credentials. Set the C(no_log) keyword on the task.
      - Off by default, also on the run that creates the subaccount. The token stays reachable - a later
        task with O(return_auth_token=true) (or M(plivo.provisioning.plivo_subaccount_info)) returns it.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the subaccount; V(absent) deletes it (see O(cascade)).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
notes:
  - To hand the subaccount's credentials to later tasks, register the result of a task with
    O(return_auth_token=true) and the C(no_log) keyword. C(no_log) hides the task's output (also with
    C(-vvv)) but keeps the real values in the registered variable. Ansible masks the values of
    C(no_log) options wherever they appear, so passing the token to a later module as O(auth_token)
    keeps it hidden there too.
  - O(return_auth_token=true) makes re-runs return the token as well, so the later tasks keep
    working when the subaccount already exists.
seealso:
  - module: plivo.provisioning.plivo_subaccount_info
  - module: plivo.provisioning.plivo_account
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Create or update the EMEA team's subaccount and keep its credentials
  plivo.provisioning.plivo_subaccount:
    name: team-emea
    enabled: true
    return_auth_token: true
  register: team_emea
  no_log: true  # the result holds the subaccount's auth token

- name: Create an endpoint inside the subaccount, acting with its credentials
  plivo.provisioning.plivo_endpoint:
    auth_id: "{{ team_emea.subaccount.auth_id }}"
    auth_token: "{{ team_emea.subaccount.auth_token }}"
    username: emeadesk
    password: "{{ vault_emeadesk_sip_password }}"

- name: Disable the subaccount (no token returned, no no_log needed)
  plivo.provisioning.plivo_subaccount:
    name: team-emea
    enabled: false

- name: Rename it by Auth ID
  plivo.provisioning.plivo_subaccount:
    subaccount_id: "{{ team_emea.subaccount.auth_id }}"
    name: team-europe

- name: Delete it with everything it owns
  plivo.provisioning.plivo_subaccount:
    name: team-europe
    state: absent
    cascade: true
'''

RETURN = r'''
dependents:
  description:
    - With O(state=absent), what the subaccount owns and what the delete does to it, from reads made before
      it (in check mode, what it would), one entry per kind, with C(kind) (V(numbers), V(applications),
      V(endpoints)), C(effect) (V(deleted with it) with O(cascade=true), else V(moved to the main account)),
      C(count) and C(names). Empty when it owns nothing. The diff lists the same.
  returned: when O(state=absent)
  type: list
  elements: dict
  sample:
    - {kind: numbers, effect: moved to the main account, count: 1, names: ['14155550100']}
subaccount:
  description:
    - The subaccount as the API reports it.
    - RV(subaccount.auth_token) and RV(subaccount.new_auth_token) are there only with O(return_auth_token=true).
    - Empty after a deletion. In check mode, for a subaccount not created yet, the predicted fields with
      RV(subaccount.auth_id) null.
  returned: always
  type: dict
  contains:
    auth_id:
      description: The subaccount's Auth ID, its id.
      type: str
      sample: SAXXXXXXXXXXXXXXXXXX
    auth_token:
      description: The subaccount's Auth Token. A secret; see the description.
      type: str
      returned: with O(return_auth_token=true)
    new_auth_token:
      description: The same Auth Token, as the API also reports it. A secret; see the description.
      type: str
      returned: with O(return_auth_token=true)
    name:
      description: The subaccount's name.
      type: str
      sample: team-emea
    enabled:
      description: Whether the subaccount is enabled.
      type: bool
      sample: true
    account:
      description: The main account's API path.
      type: str
    created:
      description: The creation date, C(YYYY-MM-DD).
      type: str
    modified:
      description: The date of the last change, or null.
      type: str
    resource_uri:
      description: The subaccount's API path.
      type: str
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    APPLICATION, ENDPOINT, NUMBER, SUBACCOUNT, owned_by_subaccount)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import BOOL
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import run_resource
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Dependents, Field

RESOURCE = SUBACCOUNT.with_fields(
    [
        Field('name', allow_empty=False),
        Field('enabled', kind=BOOL),
    ],
    create_requires=['name'],
    update_always=['name', 'enabled'],  # name is required; enabled must not fall back to false
    delete_options=['cascade'],
    dependents=[Dependents(kind, owned_by_subaccount, destroys=lambda p: p.get('cascade'),
                           effect=lambda p: 'deleted with it' if p.get('cascade') else 'moved to the main account')
                for kind in (NUMBER, APPLICATION, ENDPOINT)],
)


def main():
    module = PlivoModule(
        argument_spec=dict(
            name=dict(type='str'),
            subaccount_id=dict(type='str'),
            enabled=dict(type='bool'),
            cascade=dict(type='bool', default=False),
            return_auth_token=dict(type='bool', default=False),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        required_one_of=[('name', 'subaccount_id')],
    )
    run_resource(module, RESOURCE)


if __name__ == '__main__':
    main()
