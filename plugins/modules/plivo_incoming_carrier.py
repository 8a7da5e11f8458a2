#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_incoming_carrier
short_description: Manage Plivo incoming carriers
version_added: 0.1.0
description:
  - Create, update and delete an incoming carrier, the SIP provider whose numbers you bring to Plivo
    and whose signalling IP addresses Plivo accepts calls from.
  - The carrier is found by its exact O(name), or by O(carrier_id), which also allows renaming it.
  - Only the options you set are compared; O(ip_set) is compared as a set, so order and duplicates
    do not matter.
options:
  name:
    description:
      - The carrier's name, its natural key. Letters, digits, hyphens and underscores.
      - Matching is exact, although the API's name filter also returns names that contain it.
        Two carriers with exactly this name are an error that lists their ids.
      - With O(carrier_id), the name to give the carrier (a rename).
    type: str
  carrier_id:
    description:
      - Address the carrier by its id instead of by name.
      - The carrier must exist when O(state=present).
    type: str
  ip_set:
    description:
      - The IPv4 addresses the carrier sends calls from. The list replaces the carrier's whole set.
      - Single addresses only; networks (CIDR) and hostnames are refused.
      - Required to create a carrier.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the carrier; V(absent) deletes it.
      - Deleting a carrier also deletes every number added from it; see O(remove_numbers).
    type: str
    choices: [present, absent]
    default: present
  remove_numbers:
    description:
      - With O(state=absent), consent to what the API does when a carrier is deleted - it removes every number
        added from the carrier from the account.
      - When V(false) and numbers were added from the carrier, the delete is refused before any write, naming
        how many numbers and which. In check mode a warning says so instead, since an earlier task of the run
        may remove those numbers first. When V(true), the diff and RV(dependents) list them.
        Finding them reads every page of the account's numbers (the API has no carrier filter).
    type: bool
    default: false
  carriers:
    description:
      - Many carriers in one task (the list form, whose rules are in the notes). Each item is one carrier, named by
        O(carriers[].name) or O(carriers[].carrier_id), and takes the per-carrier options below; O(name) and
        O(carrier_id) are then not set at task level.
      - For fewer requests than one task per carrier, one listing of the carriers (for up to 3 names, one
        filtered read each) serves every lookup.
      - The result has RV(results) and RV(carriers) instead of RV(carrier), and the diff has one entry per
        changed item.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name).
        type: str
      carrier_id:
        description: As O(carrier_id).
        type: str
      ip_set:
        description: As O(ip_set).
        type: list
        elements: str
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
      remove_numbers:
        description: As O(remove_numbers).
        type: bool
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
  - plivo.provisioning.plivo.LIST_FORM
seealso:
  - module: plivo.provisioning.plivo_incoming_carrier_info
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Several carriers in one task, each with its own SBC addresses
  plivo.provisioning.plivo_incoming_carrier:
    carriers:
      - name: globex-us
        ip_set: [198.51.100.10, 198.51.100.11]
      - name: globex-eu
        ip_set: [198.51.100.20]
  register: globex

- name: Remove them both (state set once applies to every item), with any numbers added from them
  plivo.provisioning.plivo_incoming_carrier:
    state: absent
    remove_numbers: true
    carriers:
      - name: globex-us
      - name: globex-eu

- name: Accept calls from the carrier's two SBCs
  plivo.provisioning.plivo_incoming_carrier:
    name: acme-telecom
    ip_set:
      - 203.0.113.10
      - 203.0.113.11
  register: carrier

- name: Rename a carrier, keeping its numbers
  plivo.provisioning.plivo_incoming_carrier:
    carrier_id: "{{ carrier.carrier.carrier_id }}"
    name: acme-telecom-eu

- name: Remove the carrier and the numbers added from it
  plivo.provisioning.plivo_incoming_carrier:
    name: acme-telecom-eu
    state: absent
    remove_numbers: true
  register: removed   # removed.dependents names the numbers that went with it
'''

RETURN = r'''
carrier:
  description:
    - The carrier as the API reports it, plus RV(carrier.ip_set_list).
    - Empty after a deletion. In check mode, for a carrier not created yet, the predicted fields with
      RV(carrier.carrier_id) null.
  returned: when O(carriers) is not used
  type: dict
  contains:
    carrier_id:
      description: The carrier's id.
      type: str
      sample: '24856289978366'
    name:
      description: The carrier's name.
      type: str
      sample: acme-telecom
    ip_set:
      description: The carrier's IPv4 addresses, comma-separated, as the API reports them.
      type: str
      sample: 203.0.113.10,203.0.113.11
    ip_set_list:
      description: The same addresses as a sorted list.
      type: list
      elements: str
      sample: [203.0.113.10, 203.0.113.11]
    voice:
      description: Whether the carrier carries voice.
      type: bool
    sms:
      description: Whether the carrier carries SMS.
      type: bool
    resource_uri:
      description: The carrier's API path.
      type: str
dependents:
  description:
    - With O(state=absent), the numbers the delete removes with the carrier, from a read made before it (in
      check mode, those it would), one entry with C(kind) V(numbers), C(effect), C(count) and C(names) (the
      numbers). Empty when no number was added from the carrier. The diff lists the same.
  returned: when O(state=absent) and O(carriers) is not used
  type: list
  elements: dict
  sample:
    - {kind: numbers, effect: deleted with it (removed from the account), count: 2, names: ['14155550100', '14155550101']}
results:
  description:
    - With O(carriers), one result per item, in item order, as the single form's (C(changed) and the carrier
      under C(carrier), and RV(dependents) for a deleted one).
  returned: when O(carriers) is used
  type: list
  elements: dict
  contains:
    key:
      description:
        - The item's id where it gives one (a name beside an id renames the object), else its natural key, as given.
      type: str
      returned: always
    key_option:
      description: The option that RV(results[].key) is, such as V(name).
      type: str
      returned: always
    diff:
      description: In diff mode, this item's own C(before) and C(after), as the single form's diff.
      type: dict
      returned: in diff mode
    failed:
      description: True for an item that failed; C(msg) then says why (as in RV(failures)).
      type: bool
      returned: when the item failed
carriers:
  description:
    - With O(carriers), the carriers in item order, with the same fields as RV(carrier) (empty for a deleted
      one).
    - In check mode the predicted fields, with a null id for a carrier not created yet.
  returned: when O(carriers) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(carriers) that failed, each with C(item) (such as V(carriers[2] (name 'acme-eu'\))),
      C(msg), C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other items converged.
  returned: when an item of O(carriers) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import CARRIER, NUMBER
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import StringSet
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Dependents, Field

RESOURCE = CARRIER.with_fields(
    [
        Field('name', validate=validate.resource_name),
        Field('ip_set', kind=StringSet(csv=True), validate=validate.ipv4),
    ],
    create_requires=['name', 'ip_set'],
    # The legacy reference page marks both required on update; the newer one does not. Sending
    # both always works under either reading.
    update_always=['name', 'ip_set'],
    dependents=[Dependents(NUMBER, lambda number, carrier, ctx: number.get('carrier') == carrier.get('name'),
                           effect=lambda p: 'deleted with it (removed from the account)',
                           destroys=lambda p: True, consent='remove_numbers')],
)


def main():
    spec = dict(
        name=dict(type='str'),
        carrier_id=dict(type='str'),
        ip_set=dict(type='list', elements='str'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        remove_numbers=dict(type='bool', default=False),
    )
    module = PlivoModule(**list_form('carriers', spec, required_one_of=[('name', 'carrier_id')]))
    run_resources(module, RESOURCE, 'carriers')


if __name__ == '__main__':
    main()
