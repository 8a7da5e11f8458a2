#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_endpoint
short_description: Manage Plivo SIP endpoints
version_added: 0.1.0
description:
  - Create, update and delete a SIP endpoint, the credentials a phone, softphone or PBX registers with
    at C(phone.plivo.com).
  - Plivo appends 12 digits (the creation time, C(yymmddHHMMSS)) to the username it is asked for, so
    C(alice) becomes C(alice240501093000). The module finds the endpoint whose username is exactly
    O(username) or O(username) followed by 12 digits, so C(alice) never matches C(alice2...).
    RV(endpoint.username) and RV(endpoint.sip_uri) hold the real SIP username.
  - The password is write-only; see O(update_password).
  - With a subaccount's O(auth_id) and O(auth_token), the endpoint lives in that subaccount.
options:
  username:
    description:
      - The SIP username as you ask for it, without Plivo's suffix; a letter, then letters and digits.
        The full suffixed username is accepted too.
      - Two endpoints matching it are an error that lists their ids; address one with O(endpoint_id).
      - Required unless O(endpoint_id) is set. With O(endpoint_id), it must match that endpoint (an
        endpoint cannot be renamed).
    type: str
  endpoint_id:
    description:
      - Address the endpoint by its id instead of by username. It must exist when O(state=present).
    type: str
  password:
    description:
      - The SIP password, at least 5 characters. Required to create an endpoint.
      - Write-only - the API never returns it, so it is never compared, returned or shown in a diff.
        O(update_password) decides whether it is sent to an existing endpoint.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the endpoint is created, so a re-run is unchanged.
      - V(always) sends O(password) on every run; the task then always reports a change
        (RV(password_updated) is true, and the diff shows C(password_updated)).
    type: str
    choices: [always, on_create]
    default: on_create
  alias:
    description:
      - A friendly name for the endpoint. Must not be empty.
      - When a new endpoint is created without it, it defaults to O(username) (the API requires one).
    type: str
  app:
    description:
      - The application that answers the endpoint's calls, by name or by app id.
      - V('') unlinks the endpoint from its application.
      - Plivo links an endpoint created without an application to the account's default one
        (C(default_endpoint_app)), if it has one. With O(app) unset the result shows that link; with V('') the
        module removes it in the same run (one more request), so the endpoint stays unlinked.
      - In check mode, an application that does not exist yet is assumed to be created by an earlier
        task (a warning says so).
    type: str
  state:
    description:
      - V(present) creates or updates the endpoint; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  endpoints:
    description:
      - Many endpoints in one task (the list form, whose rules are in the notes). Each item is one endpoint, named by
        O(endpoints[].username) or O(endpoints[].endpoint_id), and takes the per-endpoint options below; O(username) and
        O(endpoint_id) are then not set at task level.
      - For fewer requests than one task per endpoint, one listing of the endpoints serves every lookup; each
        reference (O(app)) is resolved once for the whole list.
      - The result has RV(results) and RV(endpoints) instead of RV(endpoint), and the diff has one entry per
        changed item.
    type: list
    elements: dict
    suboptions:
      username:
        description: As O(username).
        type: str
      endpoint_id:
        description: As O(endpoint_id).
        type: str
      password:
        description: As O(password); write-only.
        type: str
      update_password:
        description: As O(update_password).
        type: str
        choices: [always, on_create]
      alias:
        description: As O(alias).
        type: str
      app:
        description: As O(app).
        type: str
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
  - plivo.provisioning.plivo.LIST_FORM
notes:
  - Ansible hides O(password) wherever the module's output shows it, but not in a loop's items, which C(-v)
    output prints in full. When looping over phones, keep the passwords out of the loop items and look them
    up by username (see the examples), or use O(endpoints), where an item's O(endpoints[].password) is masked as
    O(password) is.
seealso:
  - module: plivo.provisioning.plivo_endpoint_info
  - module: plivo.provisioning.plivo_application
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: A desk phone that rings the support application
  plivo.provisioning.plivo_endpoint:
    username: frontdesk
    password: "{{ vault_frontdesk_sip_password }}"
    alias: Front desk
    app: support-line
  register: frontdesk

- name: Give the phone provisioning template the real SIP username
  ansible.builtin.debug:
    msg: "Register as {{ frontdesk.endpoint.username }} ({{ frontdesk.endpoint.sip_uri }})"

- name: One endpoint per phone, passwords kept out of the loop items
  plivo.provisioning.plivo_endpoint:
    username: "{{ item.username }}"
    alias: "{{ item.alias }}"
    password: "{{ vault_sip_passwords[item.username] }}"
    app: support-line
  loop:
    - {username: reception, alias: Reception}
    - {username: sales, alias: Sales}
  loop_control:
    label: "{{ item.username }}"

- name: Many phones in one task, each ringing the support application (the passwords stay masked)
  plivo.provisioning.plivo_endpoint:
    app: support-line
    endpoints:
      - username: support1
        alias: Support 1
        password: "{{ vault_sip_passwords.support1 }}"
      - username: support2
        alias: Support 2
        password: "{{ vault_sip_passwords.support2 }}"
  register: support_phones

- name: Their real SIP usernames, in the order listed
  ansible.builtin.debug:
    msg: "{{ support_phones.endpoints | map(attribute='username') | list }}"

- name: Rotate the password (reported as changed on every run)
  plivo.provisioning.plivo_endpoint:
    username: frontdesk
    password: "{{ vault_frontdesk_sip_password_2025 }}"
    update_password: always

- name: Unlink the endpoint from its application
  plivo.provisioning.plivo_endpoint:
    username: frontdesk
    app: ""

- name: Create an endpoint inside a subaccount, with its credentials
  plivo.provisioning.plivo_endpoint:
    auth_id: "{{ team_subaccount_auth_id }}"
    auth_token: "{{ vault_team_subaccount_auth_token }}"
    username: teamphone
    password: "{{ vault_teamphone_sip_password }}"

- name: Remove the endpoint
  plivo.provisioning.plivo_endpoint:
    username: frontdesk
    state: absent
'''

RETURN = r'''
endpoint:
  description:
    - The endpoint as the API reports it (the password is never returned).
    - Empty after a deletion. In check mode, for an endpoint not created yet, the predicted fields with
      RV(endpoint.endpoint_id) null and the username as asked for.
  returned: when O(endpoints) is not used
  type: dict
  contains:
    endpoint_id:
      description: The endpoint's id.
      type: str
      sample: '39452475478853'
    username:
      description: The SIP username, with the 12 digits Plivo appended.
      type: str
      sample: frontdesk240501093000
    sip_uri:
      description: The SIP URI phones register as.
      type: str
      sample: sip:frontdesk240501093000@phone.plivo.com
    alias:
      description: The endpoint's friendly name.
      type: str
      sample: Front desk
    application:
      description: The resource URI of the linked application, or null.
      type: str
      sample: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Application/20372631212782780/
    sip_registered:
      description: Whether a device is registered, as the string C(true) or C(false).
      type: str
      sample: 'false'
    sub_account:
      description: The owning subaccount's account URI, or null for the main account.
      type: str
    resource_uri:
      description: The endpoint's API path.
      type: str
password_updated:
  description:
    - Whether this run sends the password (or would, in check mode) - on create, or with
      O(update_password=always).
  returned: when O(endpoints) is not used (each of RV(results) has its own)
  type: bool
  sample: false
results:
  description:
    - With O(endpoints), one result per item, in item order, as the single form's (C(changed) and the endpoint
      under C(endpoint), C(password_updated)).
  returned: when O(endpoints) is used
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
endpoints:
  description:
    - With O(endpoints), the endpoints in item order, with the same fields as RV(endpoint) (empty for a
      deleted one).
    - In check mode the predicted fields, with a null id for an endpoint not created yet.
  returned: when O(endpoints) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(endpoints) that failed, each with C(item) (such as V(endpoints[7] (username 'desk07'\))),
      C(msg), C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other items converged.
  returned: when an item of O(endpoints) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    APPLICATION, ENDPOINT)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import Ref, SECRET
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field

RESOURCE = ENDPOINT.with_fields(
    [
        Field('username', validate=validate.sip_username,
              immutable='Plivo cannot rename an endpoint; create a new one instead'),
        Field('password', kind=SECRET, validate=validate.sip_password),
        Field('alias', allow_empty=False),
        Field('app', kind=Ref(APPLICATION), api='app_id', read='application'),
    ],
    create_requires=['username', 'password', 'alias'],
    create_defaults={'alias': 'username'},
)


def main():
    spec = dict(
        username=dict(type='str'),
        endpoint_id=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', choices=['always', 'on_create'], default='on_create',
                             no_log=False),
        alias=dict(type='str'),
        app=dict(type='str'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    module = PlivoModule(**list_form('endpoints', spec, required_one_of=[('username', 'endpoint_id')]))
    run_resources(module, RESOURCE, 'endpoints')


if __name__ == '__main__':
    main()
