#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_trunk_credential
short_description: Manage Plivo Zentrunk credentials
version_added: 0.1.0
description:
  - Create, update and delete a Zentrunk credential, the SIP digest username and password a PBX presents
    when it sends calls through an outbound (termination) trunk. This is how a credential-based SIP trunk
    is built on Plivo; combine it with an IP access control list to require both.
  - Attach it to an outbound trunk with the O(plivo.provisioning.plivo_trunk#module:credential) option of
    M(plivo.provisioning.plivo_trunk).
  - The credential is found by its exact O(name), or by O(credential_uuid), which also allows renaming it.
  - The password is write-only; see O(update_password).
options:
  name:
    description:
      - The credential's name, its natural key. Letters, digits, hyphens and underscores.
      - The Zentrunk API cannot filter by name, so the module pages through every credential (20 per
        request) and matches the name exactly. Two credentials with this name are an error that lists
        their uuids.
      - With O(credential_uuid), the name to give the credential (a rename).
    type: str
  credential_uuid:
    description:
      - Address the credential by its uuid instead of by name. It must exist when O(state=present).
    type: str
  username:
    description:
      - The SIP digest username, 5 to 20 letters, digits and underscores (V(sip_user_1)).
      - Required to create a credential.
    type: str
  password:
    description:
      - The SIP digest password, 5 to 20 characters of letters, digits and C(~!@#$%^&*()_+), with at least
        one of those special characters. Checked before any request; the error names the rule or the
        character that broke it, never the password.
      - Required to create a credential.
      - Write-only - the API never returns it, so it is never compared, returned or shown in a diff.
        O(update_password) decides whether it is sent to an existing credential.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the credential is created, so a re-run is unchanged.
      - V(always) sends O(password) on every run; the task then always reports a change
        (RV(password_updated) is true, and the diff shows C(password_updated)).
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(present) creates or updates the credential; V(absent) deletes it.
      - A credential that a trunk still uses is not deleted; the error names the trunk. Remove it from the
        trunk, or delete the trunk, first.
    type: str
    choices: [present, absent]
    default: present
  credentials:
    description:
      - Many credentials in one task (the list form, whose rules are in the notes). Each item is one credential, named
        by O(credentials[].name) or O(credentials[].credential_uuid), and takes the per-credential options below;
        O(name) and O(credential_uuid) are then not set at task level.
      - For fewer requests than one task per credential, one listing of the credentials serves every lookup.
      - The result has RV(results) and RV(credentials) instead of RV(credential), and the diff has one entry
        per changed item.
    type: list
    elements: dict
    suboptions:
      name:
        description: As O(name).
        type: str
      credential_uuid:
        description: As O(credential_uuid).
        type: str
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
  - module: plivo.provisioning.plivo_trunk_credential_info
  - module: plivo.provisioning.plivo_trunk
  - module: plivo.provisioning.plivo_trunk_ip_acl
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: The digest username and password the office PBX presents on its outbound calls
  plivo.provisioning.plivo_trunk_credential:
    name: office-pbx
    username: officepbx01
    password: "{{ vault_office_pbx_trunk_password }}"

- name: Rotate the password (reported as changed on every run while this task stays)
  plivo.provisioning.plivo_trunk_credential:
    name: office-pbx
    password: "{{ vault_office_pbx_trunk_password_2025 }}"
    update_password: always

- name: Remove the credential once no trunk uses it
  plivo.provisioning.plivo_trunk_credential:
    name: office-pbx
    state: absent

- name: The credentials of two sites' PBXs in one task
  plivo.provisioning.plivo_trunk_credential:
    credentials:
      - name: paris-pbx
        username: parispbx01
        password: "{{ vault_site_trunk_passwords.paris }}"
      - name: berlin-pbx
        username: berlinpbx01
        password: "{{ vault_site_trunk_passwords.berlin }}"
'''

RETURN = r'''
credential:
  description:
    - The credential as the API reports it (the password is never returned). Empty after a deletion.
    - In check mode, for a credential not created yet, the predicted fields with
      RV(credential.credential_uuid) null.
  returned: when O(credentials) is not used
  type: dict
  contains:
    credential_uuid:
      description: The credential's uuid.
      type: str
      sample: 2f0c7f5e-8d3b-4b1e-a7a4-0c5a7d9e6b21
    name:
      description: The credential's name.
      type: str
      sample: office-pbx
    username:
      description: The SIP digest username.
      type: str
      sample: officepbx01
password_updated:
  description:
    - Whether this run sends the password (or would, in check mode) - on create, or with
      O(update_password=always).
  returned: when O(credentials) is not used (each of RV(results) has its own)
  type: bool
  sample: false
results:
  description:
    - With O(credentials), one result per item, in item order, as the single form's (C(changed) and the
      credential under C(credential), C(password_updated)).
  returned: when O(credentials) is used
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
credentials:
  description:
    - With O(credentials), the credentials in item order, with the same fields as RV(credential) (empty for a
      deleted one).
    - In check mode the predicted fields, with a null id for a credential not created yet.
  returned: when O(credentials) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(credentials) that failed, each with C(item) (such as V(credentials[1] (name
      'berlin-pbx'\))), C(msg), C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other
      items converged.
  returned: when an item of O(credentials) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import TRUNK_CREDENTIAL
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import SECRET
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field

RESOURCE = TRUNK_CREDENTIAL.with_fields(
    [
        Field('name', validate=validate.resource_name),
        Field('username', validate=validate.trunk_username),
        Field('password', kind=SECRET, validate=validate.trunk_password),
    ],
    create_requires=['name', 'username', 'password'],
)


def main():
    spec = dict(
        name=dict(type='str'),
        credential_uuid=dict(type='str'),
        username=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', choices=['always', 'on_create'], default='on_create',
                             no_log=False),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    module = PlivoModule(**list_form('credentials', spec, required_one_of=[('name', 'credential_uuid')]))
    run_resources(module, RESOURCE, 'credentials')


if __name__ == '__main__':
    main()
