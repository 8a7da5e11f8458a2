#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_application
short_description: Manage Plivo applications
version_added: 0.1.0
description:
  - Create, update and delete an application, the set of URLs Plivo calls when a call or message reaches a
    number or endpoint linked to it.
  - The application is found by its exact O(app_name), or by O(app_id), which also allows renaming it.
  - Only the options you set are compared, and an update sends only the fields that differ.
options:
  app_name:
    description:
      - The application's name, its natural key. Letters, digits, hyphens and underscores.
      - Two applications with exactly this name are an error that lists their ids.
      - With O(app_id), the name to give the application (a rename).
    type: str
  app_id:
    description:
      - Address the application by its id instead of by name. It must exist when O(state=present).
    type: str
  answer_url:
    description:
      - The URL Plivo fetches call instructions (XML) from when a call is answered. An http or https URL.
      - Required to create an application, and cannot be empty.
    type: str
  answer_method:
    description: The HTTP method for O(answer_url). The API's default is V(POST).
    type: str
    choices: [GET, POST]
  hangup_url:
    description:
      - The URL Plivo notifies when a call ends. When not set on create, the API uses O(answer_url).
      - Cannot be empty (the API would replace an empty one with the answer URL).
    type: str
  hangup_method:
    description: The HTTP method for O(hangup_url). The API's default is V(POST).
    type: str
    choices: [GET, POST]
  fallback_answer_url:
    description: The URL Plivo tries when O(answer_url) fails. V('') removes it.
    type: str
  fallback_method:
    description: The HTTP method for O(fallback_answer_url). The API's default is V(POST).
    type: str
    choices: [GET, POST]
  message_url:
    description: The URL Plivo posts incoming messages to. V('') removes it.
    type: str
  message_method:
    description: The HTTP method for O(message_url). The API's default is V(POST).
    type: str
    choices: [GET, POST]
  default_number_app:
    description:
      - Make this the application of numbers that have none (RV(application.default_app) in the result).
        Only one application per account is the default; setting it on this one clears it on the others.
    type: bool
  default_endpoint_app:
    description:
      - Make this the application of endpoints that have none. Only one per account, as O(default_number_app).
    type: bool
  log_incoming_messages:
    description: Whether Plivo logs the content of incoming messages. The API's default is V(true).
    type: bool
  public_uri:
    description: Whether the application's SIP URI (RV(application.sip_uri)) accepts calls from anyone.
    type: bool
  subaccount:
    description:
      - The subaccount, by Auth ID (C(SA...)) or name, that owns the application. V('') (or the main account's
        Auth ID) gives it back to the main account.
    type: str
  cascade:
    description:
      - With O(state=absent), V(true) also deletes the endpoints linked to the application; V(false)
        keeps them, linked to O(new_endpoint_application) or to none.
      - Off by default, and sent as V(false), although the API's own default is to delete them; a delete
        takes the endpoints with it only when asked. The diff and RV(dependents) name the endpoints and
        numbers the delete touches (one listing of each, also in check mode).
      - Numbers linked to the application always just lose the link.
    type: bool
    default: false
  new_endpoint_application:
    description:
      - With O(state=absent) and O(cascade=false), the application, by name or id, that the endpoints move to.
    type: str
  state:
    description:
      - V(present) creates or updates the application; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  applications:
    description:
      - Many applications in one task (the list form, whose rules are in the notes). Each item is one application, named
        by O(applications[].app_name) or O(applications[].app_id), and takes the per-application options below;
        O(app_name) and O(app_id) are then not set at task level.
      - For fewer requests than one task per application, one listing of the applications (for up to 3 names,
        one filtered read each) serves every lookup; each reference (O(subaccount) and
        O(new_endpoint_application)) is resolved once for the whole list.
      - The result has RV(results) and RV(applications) instead of RV(application), and the diff has one entry
        per changed item.
    type: list
    elements: dict
    suboptions:
      app_name:
        description: As O(app_name).
        type: str
      app_id:
        description: As O(app_id).
        type: str
      default_number_app:
        description: As O(default_number_app).
        type: bool
      default_endpoint_app:
        description: As O(default_endpoint_app).
        type: bool
      log_incoming_messages:
        description: As O(log_incoming_messages).
        type: bool
      public_uri:
        description: As O(public_uri).
        type: bool
      subaccount:
        description: As O(subaccount).
        type: str
      cascade:
        description: As O(cascade).
        type: bool
      new_endpoint_application:
        description: As O(new_endpoint_application).
        type: str
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
      answer_url:
        description: As O(answer_url).
        type: str
      hangup_url:
        description: As O(hangup_url).
        type: str
      fallback_answer_url:
        description: As O(fallback_answer_url).
        type: str
      message_url:
        description: As O(message_url).
        type: str
      answer_method:
        description: As O(answer_method).
        type: str
        choices: [GET, POST]
      hangup_method:
        description: As O(hangup_method).
        type: str
        choices: [GET, POST]
      fallback_method:
        description: As O(fallback_method).
        type: str
        choices: [GET, POST]
      message_method:
        description: As O(message_method).
        type: str
        choices: [GET, POST]
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
  - plivo.provisioning.plivo.LIST_FORM
seealso:
  - module: plivo.provisioning.plivo_application_info
  - module: plivo.provisioning.plivo_number
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: The IVR that answers the support numbers
  plivo.provisioning.plivo_application:
    app_name: support-ivr
    answer_url: https://ivr.example.com/answer
    answer_method: GET
    hangup_url: https://ivr.example.com/hangup
    message_url: https://ivr.example.com/sms
    default_number_app: true
  register: ivr

- name: Rename it by id
  plivo.provisioning.plivo_application:
    app_id: "{{ ivr.application.app_id }}"
    app_name: support-ivr-v2

- name: Retire an application, moving its endpoints to another one
  plivo.provisioning.plivo_application:
    app_name: old-ivr
    state: absent
    new_endpoint_application: support-ivr-v2

- name: Delete a test application and the endpoints linked to it
  plivo.provisioning.plivo_application:
    app_name: lab-ivr
    state: absent
    cascade: true
  register: lab_ivr_deleted   # lab_ivr_deleted.dependents names what went with it

- name: The IVRs of two regions in one task, both fetching their instructions with GET
  plivo.provisioning.plivo_application:
    answer_method: GET
    applications:
      - app_name: ivr-us
        answer_url: https://ivr.example.com/us/answer
      - app_name: ivr-eu
        answer_url: https://ivr.example.com/eu/answer
        message_url: https://ivr.example.com/eu/sms
  register: regional_ivrs
'''

RETURN = r'''
application:
  description:
    - The application as the API reports it. Empty after a deletion.
    - In check mode, for an application not created yet, the predicted fields with RV(application.app_id) null.
  returned: when O(applications) is not used
  type: dict
  contains:
    app_id:
      description: The application's id.
      type: str
      sample: '29283719384756123'
    app_name:
      description: The application's name.
      type: str
      sample: support-ivr
    answer_url:
      description: The answer URL.
      type: str
      sample: https://ivr.example.com/answer
    answer_method:
      description: The answer URL's method.
      type: str
      sample: GET
    hangup_url:
      description: The hangup URL.
      type: str
    fallback_answer_url:
      description: The fallback answer URL, or an empty string.
      type: str
    message_url:
      description: The message URL, or an empty string.
      type: str
    default_app:
      description: Whether this is the default application of numbers (the option O(default_number_app)).
      type: bool
    default_endpoint_app:
      description: Whether this is the default application of endpoints.
      type: bool
    log_incoming_messages:
      description: Whether incoming messages are logged.
      type: bool
    public_uri:
      description: Whether the SIP URI accepts calls from anyone.
      type: bool
    sip_uri:
      description: The application's SIP URI.
      type: str
      sample: sip:29283719384756123@app.plivo.com
    sub_account:
      description: The owning subaccount's API path, or null for the main account.
      type: str
    resource_uri:
      description: The application's API path.
      type: str
dependents:
  description:
    - With O(state=absent), what the delete takes with it or detaches, from reads made before it (in check
      mode, what it would), one entry per kind, with C(kind) (V(endpoints), V(numbers)), C(effect) (such as
      V(deleted with it) or V(unlinked; they stay on the account)), C(count) and C(names) (endpoint usernames,
      numbers). Empty when nothing depends on it. The diff lists the same.
  returned: when O(state=absent) and O(applications) is not used
  type: list
  elements: dict
  sample:
    - {kind: endpoints, effect: unlinked; they stay, count: 2, names: [alice250101120000, bob250101120001]}
    - {kind: numbers, effect: unlinked; they stay on the account, count: 1, names: ['14155550100']}
results:
  description:
    - With O(applications), one result per item, in item order, as the single form's (C(changed) and the
      application under C(application), and RV(dependents) for a deleted one).
  returned: when O(applications) is used
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
applications:
  description:
    - With O(applications), the applications in item order, with the same fields as RV(application) (empty for
      a deleted one).
    - In check mode the predicted fields, with a null id for an application not created yet.
  returned: when O(applications) is used
  type: list
  elements: dict
failures:
  description:
    - The items of O(applications) that failed, each with C(item) (such as V(applications[1] (app_name
      'ivr-eu'\))), C(msg), C(status), the API's HTTP status or null, and C(key), as in RV(results[].key). The task fails then; the other items
      converged.
  returned: when an item of O(applications) failed
  type: list
  elements: dict
'''

from ansible_collections.plivo.provisioning.plugins.module_utils import _validate as validate
from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    BulkRun, item_params, list_form, run_resources)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    APPLICATION, ENDPOINT, NUMBER, SUBACCOUNT, linked_to)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import (
    AccountRef, BOOL, CHOICE, Ref)
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Dependents, Field

URLS = ('answer_url', 'hangup_url', 'fallback_answer_url', 'message_url')
METHODS = ('answer_method', 'hangup_method', 'fallback_method', 'message_method')


def endpoints_effect(params):
    """What a delete does to the application's endpoints, as the options ask."""
    if params.get('cascade'):
        return 'deleted with it'
    if params.get('new_endpoint_application'):
        return 'moved to application %s' % params['new_endpoint_application']
    return 'unlinked; they stay'


RESOURCE = APPLICATION.with_fields(
    [Field('app_name', validate=validate.resource_name)]
    # An empty answer_url is refused by the API, an empty hangup_url replaced with answer_url.
    + [Field(o, validate=validate.url, allow_empty=o not in URLS[:2]) for o in URLS]
    + [Field(o, kind=CHOICE) for o in METHODS]
    + [Field('default_number_app', kind=BOOL, read='default_app'),
       Field('default_endpoint_app', kind=BOOL),
       Field('log_incoming_messages', kind=BOOL),
       Field('public_uri', kind=BOOL),
       Field('subaccount', kind=AccountRef(SUBACCOUNT), read='sub_account')],
    create_requires=['app_name', 'answer_url'],
    delete_options=['cascade', Field('new_endpoint_application', kind=Ref(APPLICATION))],
    dependents=[
        Dependents(ENDPOINT, linked_to(APPLICATION), effect=endpoints_effect,
                   destroys=lambda p: p.get('cascade')),
        Dependents(NUMBER, linked_to(APPLICATION), effect=lambda p: 'unlinked; they stay on the account'),
    ],
)


def main():
    spec = dict(
        app_name=dict(type='str'),
        app_id=dict(type='str'),
        default_number_app=dict(type='bool'),
        default_endpoint_app=dict(type='bool'),
        log_incoming_messages=dict(type='bool'),
        public_uri=dict(type='bool'),
        subaccount=dict(type='str'),
        cascade=dict(type='bool', default=False),
        new_endpoint_application=dict(type='str'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    spec.update((o, dict(type='str')) for o in URLS)
    spec.update((o, dict(type='str', choices=['GET', 'POST'])) for o in METHODS)
    module = PlivoModule(**list_form('applications', spec, required_one_of=[('app_name', 'app_id')]))
    items = module.params['applications'] or []
    for index, p in enumerate([item_params(module.params, i, 'applications') for i in items] or [module.params]):
        if p['state'] == 'absent' and p['new_endpoint_application'] and p['cascade']:
            where = BulkRun(module, RESOURCE, 'applications').label(index) + ': ' if items else ''
            module.fail('%snew_endpoint_application needs cascade: false; with cascade the application\'s '
                        'endpoints are deleted, not moved' % where)
    run_resources(module, RESOURCE, 'applications')


if __name__ == '__main__':
    main()
