#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_trunk
short_description: Manage Plivo Zentrunk SIP trunks
version_added: 0.1.0
description:
  - Create, update and delete a Zentrunk SIP trunk.
  - An B(outbound) (termination) trunk carries calls from your PBX or SBC to the phone network. Your PBX
    sends its INVITEs to the trunk's RV(trunk.trunk_domain), and Plivo recognises it by an IP access
    control list (O(ip_acl)), a digest credential (O(credential)), or both.
  - An B(inbound) (origination) trunk carries calls from the phone network to your PBX. Plivo delivers
    them to the O(primary_uri), and to the O(fallback_uri) when the primary does not answer. Link numbers
    to it with the C(trunk) option of M(plivo.provisioning.plivo_number).
  - 'How the trunk kinds of other providers map to Plivo: a B(static IP) (IP-authenticated) trunk is an
    outbound trunk with only O(ip_acl); a B(credential) (digest-authenticated) trunk is an outbound trunk
    with only O(credential); a trunk that requires B(both) sets both. B(Registration-based) trunks, where
    the PBX sends SIP REGISTER to the provider, are not offered by Plivo Zentrunk: calls to your PBX always
    go to a fixed origination URI, so the PBX needs an address Plivo can reach (or an SBC in front of it).'
  - The trunk is found by its exact O(name), or by O(trunk_id), which also allows renaming it.
  - 'These rules are checked before any write: an outbound trunk needs O(ip_acl) or O(credential) and
    takes no URIs; an inbound trunk needs O(primary_uri) and takes no ACL or credential; the fallback URI
    differs from the primary.'
options:
  name:
    description:
      - The trunk's name, its natural key. Letters, digits, hyphens and underscores.
      - The Zentrunk API cannot filter by name, so the module pages through every trunk (20 per request) and
        matches the name exactly. Two trunks with this name are an error that lists their ids.
      - With O(trunk_id), the name to give the trunk (a rename).
    type: str
  trunk_id:
    description:
      - Address the trunk by its id instead of by name. It must exist when O(state=present).
    type: str
  direction:
    description:
      - V(outbound) for calls from your PBX to the phone network, V(inbound) for calls to your PBX.
      - Required to create a trunk.
      - The API cannot change the direction of an existing trunk, so a different value fails unless
        O(force=true).
    type: str
    choices: [inbound, outbound]
  status:
    description:
      - V(disabled) stops the trunk from carrying calls without deleting it. Plivo creates trunks V(enabled).
    type: str
    choices: [enabled, disabled]
  secure:
    description:
      - Whether the trunk uses TLS for signalling and SRTP for media. Plivo creates trunks with V(false).
    type: bool
  ip_acl:
    description:
      - The IP access control list (name or uuid) whose addresses may send calls through an outbound trunk.
        See M(plivo.provisioning.plivo_trunk_ip_acl).
      - V("") removes it (the trunk must keep O(credential) then).
    type: str
  credential:
    description:
      - The credential (name or uuid) an outbound trunk's callers must authenticate with.
        See M(plivo.provisioning.plivo_trunk_credential).
      - V("") removes it (the trunk must keep O(ip_acl) then).
    type: str
  primary_uri:
    description:
      - The origination URI (name or uuid) an inbound trunk delivers its calls to.
        See M(plivo.provisioning.plivo_origination_uri).
      - Required to create an inbound trunk.
    type: str
  fallback_uri:
    description:
      - The origination URI (name or uuid) an inbound trunk tries when the primary does not answer.
        V("") removes it.
    type: str
  force:
    description:
      - Allow a change of O(direction). The API cannot change it in place, so the trunk is deleted and
        created again from this task's options - it gets a new RV(trunk.trunk_id) and
        RV(trunk.trunk_domain) (PBXs must be told), and numbers linked to it lose the link. A warning says so.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the trunk; V(absent) deletes it (numbers linked to it lose the link; the
        diff and RV(dependents) name them, from one listing of the account's numbers).
      - To tear down a trunk and what it uses, delete the trunk first, then its URIs, ACL and credential.
    type: str
    choices: [present, absent]
    default: present
  trunks:
    description:
      - Many trunks in one task (the list form, whose rules are in the notes). Each item is one trunk, named by
        O(trunks[].name) or O(trunks[].trunk_id), and takes the per-trunk options below; O(name) and O(trunk_id) are
        then not set at task level.
      - For fewer requests than one task per trunk, one listing of the trunks serves every lookup; each
        reference (O(ip_acl), O(credential), O(primary_uri) and O(fallback_uri)) is resolved once for the
        whole list.
      - The result has RV(results) and RV(trunks) instead of RV(trunk), and the diff has one entry per changed
        item.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name).
        type: str
      trunk_id:
        description: As O(trunk_id).
        type: str
      direction:
        description: As O(direction).
        type: str
        choices: [inbound, outbound]
      status:
        description: As O(status).
        type: str
        choices: [enabled, disabled]
      secure:
        description: As O(secure).
        type: bool
      ip_acl:
        description: As O(ip_acl).
        type: str
      credential:
        description: As O(credential).
        type: str
      primary_uri:
        description: As O(primary_uri).
        type: str
      fallback_uri:
        description: As O(fallback_uri).
        type: str
      force:
        description: As O(force).
        type: bool
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
  - plivo.provisioning.plivo.LIST_FORM
seealso:
  - module: plivo.provisioning.plivo_trunk_info
  - module: plivo.provisioning.plivo_origination_uri
  - module: plivo.provisioning.plivo_trunk_ip_acl
  - module: plivo.provisioning.plivo_trunk_credential
  - module: plivo.provisioning.plivo_number
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Inbound - deliver calls to the office PBX, falling back to the standby SBC
  plivo.provisioning.plivo_trunk:
    name: office-in
    direction: inbound
    primary_uri: office-pbx-primary
    fallback_uri: office-pbx-standby

- name: Outbound, static IP and digest credentials both required
  plivo.provisioning.plivo_trunk:
    name: office-out
    direction: outbound
    ip_acl: office-sbcs
    credential: office-pbx
    secure: true
  register: office_out

- name: Tell the PBX team where to send INVITEs
  ansible.builtin.debug:
    msg: "Outbound proxy: {{ office_out.trunk.trunk_domain }}"

- name: Take the inbound trunk out of service for maintenance
  plivo.provisioning.plivo_trunk:
    name: office-in
    status: disabled

- name: Two inbound trunks in one task, referring to their URIs by name (direction set once for both)
  plivo.provisioning.plivo_trunk:
    direction: inbound
    trunks:
      - name: branch-a-in
        primary_uri: office-pbx-primary
      - name: branch-b-in
        primary_uri: office-pbx-standby
        fallback_uri: office-pbx-primary
  register: branches

- name: Delete them both, state set once for every item
  plivo.provisioning.plivo_trunk:
    state: absent
    trunks:
      - name: branch-a-in
      - name: branch-b-in

- name: Delete the trunk (then its URIs, ACL and credential can go)
  plivo.provisioning.plivo_trunk:
    name: office-out
    state: absent
'''

RETURN = r'''
trunk:
  description:
    - The trunk as the API reports it. Empty after a deletion.
    - In check mode, for a trunk not created yet, the predicted fields with RV(trunk.trunk_id) null
      (RV(trunk.trunk_domain) is known once the trunk exists).
  returned: when O(trunks) is not used
  type: dict
  contains:
    trunk_id:
      description: The trunk's id.
      type: str
      sample: '21784177241578'
    trunk_domain:
      description: The address a PBX sends its INVITEs to for an outbound trunk.
      type: str
      sample: 21784177241578.zt.plivo.com
    name:
      description: The trunk's name.
      type: str
      sample: office-out
    trunk_direction:
      description: V(inbound) or V(outbound).
      type: str
    trunk_status:
      description: V(enabled) or V(disabled).
      type: str
    secure:
      description: Whether TLS and SRTP are used.
      type: bool
    ipacl_uuid:
      description: The IP access control list's uuid, or null.
      type: str
    credential_uuid:
      description: The credential's uuid, or null.
      type: str
    primary_uri_uuid:
      description: The primary origination URI's uuid, or null.
      type: str
    fallback_uri_uuid:
      description: The fallback origination URI's uuid, or null.
      type: str
    created_at:
      description: When the trunk was created (UTC).
      type: str
    updated_at:
      description: When the trunk last changed (UTC).
      type: str
dependents:
  description:
    - With O(state=absent), the numbers linked to an inbound trunk, which the delete unlinks (they stay on the
      account), from a read made before it (in check mode, those it would), one entry with C(kind) V(numbers),
      C(effect), C(count) and C(names). Empty when none is linked. The diff lists the same.
  returned: when O(state=absent) and O(trunks) is not used
  type: list
  elements: dict
  sample:
    - {kind: numbers, effect: unlinked; they stay on the account, count: 1, names: ['14155550100']}
results:
  description:
    - With O(trunks), one result per item, in item order, as the single form's (C(changed) and the trunk under
      C(trunk), and RV(dependents) for a deleted one).
  returned: when O(trunks) is used
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
trunks:
  description:
    - With O(trunks), the trunks in item order, with the same fields as RV(trunk) (empty for a deleted one).
    - In check mode the predicted fields, with a null id for a trunk not created yet.
  returned: when O(trunks) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(trunks) that failed, each with C(item) (such as V(trunks[2] (name 'pbx-in'\))), C(msg),
      C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other items converged.
  returned: when an item of O(trunks) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    NUMBER, ORIGINATION_URI, TRUNK, TRUNK_CREDENTIAL, TRUNK_IP_ACL, linked_to)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import BOOL, Ref
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Dependents, Field
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError

SIDES = {'inbound': ('primary_uri', 'fallback_uri'), 'outbound': ('ip_acl', 'credential')}


def check_trunk(desired, state, current):
    """What each direction needs and refuses, checked before any write."""
    direction = state.get('direction')
    other = SIDES['outbound' if direction == 'inbound' else 'inbound']
    wrong = [o for o in other if state.get(o)]
    if wrong:
        raise UserError('%s cannot be set on an %s trunk' % (' and '.join(wrong), direction))
    if direction == 'inbound' and not state.get('primary_uri'):
        raise UserError('an inbound trunk needs primary_uri, the origination URI Plivo delivers its '
                        'calls to')
    if direction == 'outbound' and not (state.get('ip_acl') or state.get('credential')):
        raise UserError('an outbound trunk needs ip_acl, credential or both, so Plivo can recognise '
                        'the calls your PBX sends')
    if state.get('fallback_uri') and state.get('fallback_uri') == state.get('primary_uri'):
        raise UserError('fallback_uri must be another URI than primary_uri')


RESOURCE = TRUNK.with_fields(
    [
        Field('name', validate=validate.resource_name),
        Field('direction', api='trunk_direction',
              immutable="the API cannot change a trunk's direction; force=true deletes the trunk "
                        "and creates it again, with a new trunk_id and trunk_domain, and its "
                        "numbers lose their link"),
        Field('status', api='trunk_status'),
        Field('secure', kind=BOOL),
        Field('ip_acl', kind=Ref(TRUNK_IP_ACL, as_uri=False), api='ipacl_uuid'),
        Field('credential', kind=Ref(TRUNK_CREDENTIAL, as_uri=False), api='credential_uuid'),
        Field('primary_uri', kind=Ref(ORIGINATION_URI, as_uri=False), api='primary_uri_uuid'),
        Field('fallback_uri', kind=Ref(ORIGINATION_URI, as_uri=False), api='fallback_uri_uuid'),
    ],
    create_requires=['name', 'direction'],
    check=check_trunk,
    dependents=[Dependents(NUMBER, linked_to(TRUNK), effect=lambda p: 'unlinked; they stay on the account',
                           when=lambda trunk: trunk.get('trunk_direction') != 'outbound')],
)


def main():
    spec = dict(
        name=dict(type='str'),
        trunk_id=dict(type='str'),
        direction=dict(type='str', choices=['inbound', 'outbound']),
        status=dict(type='str', choices=['enabled', 'disabled']),
        secure=dict(type='bool'),
        ip_acl=dict(type='str'),
        credential=dict(type='str'),
        primary_uri=dict(type='str'),
        fallback_uri=dict(type='str'),
        force=dict(type='bool', default=False),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    module = PlivoModule(**list_form('trunks', spec, required_one_of=[('name', 'trunk_id')]))
    run_resources(module, RESOURCE, 'trunks')


if __name__ == '__main__':
    main()
