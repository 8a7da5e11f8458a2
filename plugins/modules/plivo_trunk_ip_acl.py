#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_trunk_ip_acl
short_description: Manage Plivo Zentrunk IP access control lists
version_added: 0.1.0
description:
  - Create, update and delete a Zentrunk IP access control list (IP ACL), the set of addresses an
    outbound (termination) trunk accepts calls from. This is how a static-IP SIP trunk is built on Plivo -
    the PBX or SBC is trusted by its source address, with no SIP authentication.
  - Attach it to an outbound trunk with the O(plivo.provisioning.plivo_trunk#module:ip_acl) option of
    M(plivo.provisioning.plivo_trunk), alone or together with a credential.
  - The list is found by its exact O(name), or by O(ipacl_uuid), which also allows renaming it.
options:
  name:
    description:
      - The list's name, its natural key. Letters, digits, hyphens and underscores.
      - The Zentrunk API cannot filter by name, so the module pages through every list (20 per request)
        and matches the name exactly. Two lists with this name are an error that lists their uuids.
      - With O(ipacl_uuid), the name to give the list (a rename).
    type: str
  ipacl_uuid:
    description:
      - Address the list by its uuid instead of by name. It must exist when O(state=present).
    type: str
  ip_addresses:
    description:
      - The IPv4 addresses and networks the trunk accepts calls from. The list replaces the whole set;
        order and duplicates do not matter.
      - Each entry is an IPv4 address (V(203.0.113.10)) or an IPv4 network in CIDR form (V(203.0.113.0/24)),
        as Plivo's command-line client documents them. Entries are compared after normalising, so
        V(203.0.113.10/32) is V(203.0.113.10). A network with host bits set (V(203.0.113.5/24)) and
        hostnames are refused before any request is sent.
      - Required to create a list.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the list; V(absent) deletes it.
      - A list that a trunk still uses is not deleted; the error names the trunk. Remove it from the trunk,
        or delete the trunk, first.
    type: str
    choices: [present, absent]
    default: present
  ip_acls:
    description:
      - Many IP access control lists in one task (the list form, whose rules are in the notes). Each item is one IP
        access control list, named by O(ip_acls[].name) or O(ip_acls[].ipacl_uuid), and takes the per-list options
        below; O(name) and O(ipacl_uuid) are then not set at task level.
      - For fewer requests than one task per list, one listing of the lists serves every lookup.
      - The result has RV(results) and RV(ip_acls) instead of RV(ip_acl), and the diff has one entry per
        changed item.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name).
        type: str
      ipacl_uuid:
        description: As O(ipacl_uuid).
        type: str
      ip_addresses:
        description: As O(ip_addresses).
        type: list
        elements: str
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
  - plivo.provisioning.plivo.LIST_FORM
seealso:
  - module: plivo.provisioning.plivo_trunk_ip_acl_info
  - module: plivo.provisioning.plivo_trunk
  - module: plivo.provisioning.plivo_trunk_credential
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Trust the office SBCs' public addresses
  plivo.provisioning.plivo_trunk_ip_acl:
    name: office-sbcs
    ip_addresses:
      - 203.0.113.10
      - 203.0.113.11
  register: acl

- name: Use it on an outbound trunk
  plivo.provisioning.plivo_trunk:
    name: office-out
    direction: outbound
    ip_acl: office-sbcs

- name: Retire the trunk first; a list a trunk still uses cannot be removed
  plivo.provisioning.plivo_trunk:
    name: office-out
    state: absent

- name: Remove the list once no trunk uses it
  plivo.provisioning.plivo_trunk_ip_acl:
    name: office-sbcs
    state: absent

- name: The address lists of two sites in one task
  plivo.provisioning.plivo_trunk_ip_acl:
    ip_acls:
      - name: paris-sbcs
        ip_addresses: [198.51.100.10, 198.51.100.11]
      - name: berlin-sbcs
        ip_addresses: [198.51.100.20, 198.51.100.128/25]
'''

RETURN = r'''
ip_acl:
  description:
    - The IP access control list as the API reports it. Empty after a deletion.
    - In check mode, for a list not created yet, the predicted fields with RV(ip_acl.ipacl_uuid) null.
  returned: when O(ip_acls) is not used
  type: dict
  contains:
    ipacl_uuid:
      description: The list's uuid.
      type: str
      sample: 9a3a1ef4-3c4e-4a42-9d5b-7f0e2b1c6d11
    name:
      description: The list's name.
      type: str
      sample: office-sbcs
    ip_addresses:
      description: The addresses.
      type: list
      elements: str
      sample: [203.0.113.10, 203.0.113.11]
results:
  description:
    - With O(ip_acls), one result per item, in item order, as the single form's (C(changed) and the IP access
      control list under C(ip_acl)).
  returned: when O(ip_acls) is used
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
ip_acls:
  description:
    - With O(ip_acls), the lists in item order, with the same fields as RV(ip_acl) (empty for a deleted one).
    - In check mode the predicted fields, with a null id for an IP access control list not created yet.
  returned: when O(ip_acls) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(ip_acls) that failed, each with C(item) (such as V(ip_acls[1] (name 'paris-sbcs'\))),
      C(msg), C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other items converged.
  returned: when an item of O(ip_acls) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import TRUNK_IP_ACL
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import StringSet
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError


def check_not_empty(desired, state, current):
    if desired.get('ip_addresses') == []:
        raise UserError('ip_addresses must hold at least one address; to stop trusting every address, '
                        'delete the list (state=absent)')


RESOURCE = TRUNK_IP_ACL.with_fields(
    [
        Field('name', validate=validate.resource_name),
        Field('ip_addresses', kind=StringSet(csv=False, read_as=validate.ipv4_or_network_as_read),
              validate=validate.ipv4_or_network),
    ],
    create_requires=['name', 'ip_addresses'],
    check=check_not_empty,
)


def main():
    spec = dict(
        name=dict(type='str'),
        ipacl_uuid=dict(type='str'),
        ip_addresses=dict(type='list', elements='str'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    module = PlivoModule(**list_form('ip_acls', spec, required_one_of=[('name', 'ipacl_uuid')]))
    run_resources(module, RESOURCE, 'ip_acls')


if __name__ == '__main__':
    main()
