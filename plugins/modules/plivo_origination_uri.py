#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_origination_uri
short_description: Manage Plivo Zentrunk origination URIs
version_added: 0.1.0
description:
  - Create, update and delete a Zentrunk origination URI, the SIP address of your PBX or SBC that an
    inbound (origination) trunk delivers calls to.
  - Use it as the O(plivo.provisioning.plivo_trunk#module:primary_uri) or
    O(plivo.provisioning.plivo_trunk#module:fallback_uri) of an inbound trunk in
    M(plivo.provisioning.plivo_trunk).
  - The URI is found by its exact O(name), or by O(uri_uuid), which also allows renaming it.
options:
  name:
    description:
      - The URI's name, its natural key. Letters, digits, hyphens and underscores.
      - The Zentrunk API cannot filter by name, so the module pages through every URI (20 per request) and
        matches the name exactly. Two URIs with this name are an error that lists their uuids.
      - With O(uri_uuid), the name to give the URI (a rename).
    type: str
  uri_uuid:
    description:
      - Address the URI by its uuid instead of by name. It must exist when O(state=present).
    type: str
  uri:
    description:
      - Where Plivo sends the calls - an IPv4 address or a fully qualified domain name, an optional
        C(:port), an optional C(;transport=udp), C(;transport=tcp) or C(;transport=tls); or a C(sip:) URI
        such as V(sip:pbx@pbx.example.com:5061;transport=tls).
      - Checked before any request. Required to create a URI.
    type: str
  authentication_needed:
    description:
      - Whether Plivo must authenticate (SIP digest) to your PBX when it delivers calls.
      - When V(true), O(username) is required, and so is O(password) when authentication is being turned on.
      - Turning it off makes Plivo forget the username and password.
    type: bool
  username:
    description:
      - The username Plivo authenticates with. Only with O(authentication_needed=true).
    type: str
  password:
    description:
      - The password Plivo authenticates with. Only with O(authentication_needed=true).
      - Write-only - the API never returns it, so it is never compared, returned or shown in a diff.
        It is sent on create, when O(authentication_needed) is turned on, and on every run with
        O(update_password=always).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when needed (create, or turning authentication on), so a
        re-run is unchanged.
      - V(always) sends O(password) on every run; the task then always reports a change.
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(present) creates or updates the URI; V(absent) deletes it.
      - A URI that a trunk still uses is not deleted; the error names the trunk. Point the trunk elsewhere,
        or delete it, first.
    type: str
    choices: [present, absent]
    default: present
  origination_uris:
    description:
      - Many URIs in one task (the list form, whose rules are in the notes). Each item is one origination URI, named by
        O(origination_uris[].name) or O(origination_uris[].uri_uuid), and takes the per-URI options below; O(name) and
        O(uri_uuid) are then not set at task level.
      - For fewer requests than one task per URI, one listing of the URIs serves every lookup.
      - The result has RV(results) and RV(origination_uris) instead of RV(origination_uri), and the diff has
        one entry per changed item.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name).
        type: str
      uri_uuid:
        description: As O(uri_uuid).
        type: str
      uri:
        description: As O(uri).
        type: str
      authentication_needed:
        description: As O(authentication_needed).
        type: bool
      username:
        description: As O(username).
        type: str
      password:
        description: As O(password); write-only.
        type: str
      update_password:
        description: As O(update_password).
        type: str
        choices: [always, on_create]
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
  - plivo.provisioning.plivo.LIST_FORM
seealso:
  - module: plivo.provisioning.plivo_origination_uri_info
  - module: plivo.provisioning.plivo_trunk
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: The office PBX, over TLS
  plivo.provisioning.plivo_origination_uri:
    name: office-pbx-primary
    uri: sip:pbx.example.com:5061;transport=tls

- name: The standby SBC, which wants Plivo to authenticate
  plivo.provisioning.plivo_origination_uri:
    name: office-pbx-standby
    uri: 203.0.113.20:5060
    authentication_needed: true
    username: plivo
    password: "{{ vault_standby_sbc_password }}"

- name: The PBXs of two sites in one task
  plivo.provisioning.plivo_origination_uri:
    origination_uris:
      - name: paris-pbx
        uri: sip:pbx.paris.example.com:5061;transport=tls
      - name: berlin-pbx
        uri: 198.51.100.30:5060

- name: Remove a URI once no trunk uses it
  plivo.provisioning.plivo_origination_uri:
    name: office-pbx-standby
    state: absent
'''

RETURN = r'''
origination_uri:
  description:
    - The URI as the API reports it (the password is never returned). Empty after a deletion.
    - In check mode, for a URI not created yet, the predicted fields with RV(origination_uri.uri_uuid) null.
  returned: when O(origination_uris) is not used
  type: dict
  contains:
    uri_uuid:
      description: The URI's uuid.
      type: str
      sample: 5b1e7c3a-2d4f-4e8b-9a6c-1f0d3e5b7a92
    name:
      description: The URI's name.
      type: str
      sample: office-pbx-primary
    uri:
      description: Where Plivo sends the calls.
      type: str
      sample: sip:pbx.example.com:5061;transport=tls
    authentication_needed:
      description: Whether Plivo authenticates to the PBX.
      type: bool
    username:
      description: The username Plivo authenticates with, or null.
      type: str
password_updated:
  description: Whether this run sends the password (or would, in check mode).
  returned: when O(origination_uris) is not used (each of RV(results) has its own)
  type: bool
  sample: false
results:
  description:
    - With O(origination_uris), one result per item, in item order, as the single form's (C(changed) and the
      origination URI under C(origination_uri), C(password_updated)).
  returned: when O(origination_uris) is used
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
origination_uris:
  description:
    - With O(origination_uris), the URIs in item order, with the same fields as RV(origination_uri) (empty for
      a deleted one).
    - In check mode the predicted fields, with a null id for an origination URI not created yet.
  returned: when O(origination_uris) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(origination_uris) that failed, each with C(item) (such as V(origination_uris[3] (name
      'paris-pbx'\))), C(msg), C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other
      items converged.
  returned: when an item of O(origination_uris) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import ORIGINATION_URI
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import BOOL, SECRET
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError


def check_authentication(desired, state, current):
    """Username and password go with authentication_needed=true, and only with it."""
    if not state.get('authentication_needed'):
        given = [o for o in ('username', 'password') if desired.get(o)]
        if given:
            raise UserError('%s applies only with authentication_needed=true' % ' and '.join(given))
        return
    if not state.get('username'):
        raise UserError('username is required when authentication_needed is true')
    was_on = current is not None and BOOL.current(current.get('authentication_needed'), None)
    if not was_on and desired.get('password') is None:
        raise UserError('password is required to turn authentication_needed on')


RESOURCE = ORIGINATION_URI.with_fields(
    [
        Field('name', validate=validate.resource_name),
        Field('uri', validate=validate.sip_target),
        Field('authentication_needed', kind=BOOL),
        Field('username'),
        Field('password', kind=SECRET, send_with=['authentication_needed']),
    ],
    create_requires=['name', 'uri'],
    check=check_authentication,
)


def main():
    spec = dict(
        name=dict(type='str'),
        uri_uuid=dict(type='str'),
        uri=dict(type='str'),
        authentication_needed=dict(type='bool'),
        username=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', choices=['always', 'on_create'], default='on_create',
                             no_log=False),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    module = PlivoModule(**list_form('origination_uris', spec, required_one_of=[('name', 'uri_uuid')]))
    run_resources(module, RESOURCE, 'origination_uris')


if __name__ == '__main__':
    main()
