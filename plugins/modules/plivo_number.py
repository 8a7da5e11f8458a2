#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: plivo_number
short_description: Manage many Plivo phone numbers at once
version_added: 0.1.0
description:
  - Make a list of phone numbers present on the account with the given settings, or remove them.
  - Numbers not yet on the account are added from your incoming carrier (O(carrier)), or bought from Plivo's
    inventory when O(buy=true); the module never buys without that explicit opt-in.
  - Only the settings you set are compared, per number, and only numbers whose value differs are updated.
    Numbers already on the account are never re-added; their carrier, region and type are not compared.
  - Built for fleets. Reads take the fewest requests the account allows; adds go in as few calls as the API
    allows; one failing number does not stop the others (see RV(failures)).
options:
  numbers:
    description:
      - The phone numbers, with country code. C(+1 415-555-0100), C(+1 (415) 555 0100) and C(14155550100)
        are the same number; spaces, dots, hyphens, brackets and a leading C(+) are removed.
      - An entry that is not a number in international form fails the task, naming the entry, before any
        request is sent. Repeats are ignored.
      - One of O(numbers) or O(groups) is required.
    type: list
    elements: str
  groups:
    description:
      - Many lists of numbers, each with its own settings, in one task (a fleet of PBX hosts, each host's
        numbers linked to its own inbound trunk). Each group takes the options below; an option a group
        leaves unset takes the task's value (O(region) once at task level serves every group with a
        O(carrier)). A group that sets O(app) or O(trunk) takes neither from the task.
      - Every group is checked before any request, and a number listed in two groups fails the task,
        naming both groups (V(groups[1]) and V(groups[3]), counted from 0) and the number.
      - The numbers of all groups are read at once, each reference is looked up once (a kind named by
        more than 3 different carriers, trunks or applications is listed once instead), and every group
        is planned before the first write. The writes of all groups then run O(concurrency) at a time, so
        a fleet's add calls flow together; a failing number does not stop the others.
      - 1,000 new numbers of 20 hosts from 10 carriers take 4 reads (the numbers, whether an empty page of
        them means absent, the carriers, the trunks) and 60 add calls (3 per host). Run again with the trunks given by id, they take the 50 pages
        of the numbers and nothing else (a trunk named by name takes one listing of the trunks).
      - Results are also given per group in RV(groups).
    type: list
    elements: dict
    suboptions:
      numbers:
        description: As O(numbers).
        type: list
        elements: str
        required: true
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
      carrier:
        description: As O(carrier).
        type: str
      region:
        description: As O(region).
        type: str
      number_type:
        description: As O(number_type).
        type: str
        choices: [local, national, mobile, tollfree, fixed]
      buy:
        description: As O(buy).
        type: bool
      app:
        description: As O(app).
        type: str
      trunk:
        description: As O(trunk).
        type: str
      alias:
        description: As O(alias).
        type: str
      subaccount:
        description: As O(subaccount).
        type: str
  state:
    description:
      - V(present) adds missing numbers and converges the settings; V(absent) removes the listed numbers that
        are on the account (numbers from a carrier are removed, bought numbers are released).
    type: str
    choices: [present, absent]
    default: present
  carrier:
    description:
      - The incoming carrier, by name or id, that missing numbers are added from.
      - Numbers are added in calls of up to 20 numbers each (the API adds a call's numbers all or nothing,
        so 20 bounds what one refused call leaves to a re-run); 60 numbers take 3 calls.
      - Only used when a listed number is not on the account. Cannot be combined with O(buy).
    type: str
  region:
    description:
      - The region the numbers added from O(carrier) are in (the API requires it), such as C(California).
    type: str
  number_type:
    description:
      - The type of the numbers added from O(carrier). The API's default is V(local).
    type: str
    choices: [local, national, mobile, tollfree, fixed]
  buy:
    description:
      - Buy the listed numbers that are not on the account from Plivo's inventory, one request each. This
        costs money, so nothing is bought unless this is V(true).
      - Without O(buy) or O(carrier), a missing number fails the task, listing every missing number, before
        any write.
      - Use M(plivo.provisioning.plivo_phone_number_info) to find numbers that are for sale.
    type: bool
    default: false
  app:
    description:
      - The application, by name or id, that the numbers are linked to. V('') unlinks them.
      - Missing numbers get the link in the add or buy call itself. Added or bought without a link (O(app)
        and O(trunk) unset or V('')), Plivo links them to the account's default application
        (C(default_number_app)), if it has one; such numbers are read back, so the result shows that link,
        and with V('') they are unlinked in the same run.
      - In check mode an application that does not exist yet is assumed to be created by an earlier task.
      - Cannot be combined with O(trunk).
    type: str
  trunk:
    description:
      - The inbound Zentrunk trunk, by name or id, that delivers the numbers' calls to your PBX; the
        alternative to O(app). V('') unlinks them from a trunk (a link to an application is left alone).
      - An outbound trunk cannot receive calls and is refused, before any write.
      - Missing numbers get the link in the add or buy call itself. See M(plivo.provisioning.plivo_trunk).
    type: str
  alias:
    description:
      - A label for every listed number. V('') clears it.
      - The API's add and buy calls do not take an alias, so a fresh number with an alias takes one more
        request.
    type: str
  subaccount:
    description:
      - The subaccount, by Auth ID (C(SA...)) or name, that owns the numbers. V('') (or the main account's
        Auth ID) gives them back to the main account.
      - Numbers added from O(carrier) get it in the add call; bought numbers take one more request each.
    type: str
extends_documentation_fragment:
  - plivo.provisioning.plivo
  - plivo.provisioning.plivo.ATTRIBUTES
notes:
  - "Reads: up to 3 numbers are read with one request each. More are read from the account's list of
    numbers that start with the numbers' longest common prefix, 20 a page; when that list is longer than
    the numbers not found on its first page, those numbers are read one by one instead."
  - "Plivo documents that filter (C(number_startswith)) only as numbers that 'begin with this pattern',
    and its number search matches the national number, without the country code. So a number the filtered
    list does not show counts as absent only once the filter is known to match whole numbers: the page
    shows numbers starting with the prefix, or else one read of the account finds it has no numbers, or
    two reads show the filter finding a number on the account by its whole number (once per task). Where
    it does not, each number not shown is read with a request of its own. 60 new numbers cost 2 or 3
    reads, 60 existing ones three."
  - "Writes: one add call per 20 numbers from a carrier, one request per number bought, updated or removed."
  - "Numbers added or bought with a link are not read back: the add or buy call carries the link and the
    subaccount, so the result is built from what it sent. Numbers that need one more request (an alias) or
    were added without a link (see O(app)) are read back first. 60 new numbers from a carrier linked to an
    application take 4 reads (the numbers, the empty account, the carrier, the application) and 3 add calls."
  - "An add answered C(206 Partial success) is settled like an unclear answer: the numbers are read back,
    those not on the account are sent again (within O(retries)), and any still missing are reported in
    RV(failures); a re-run adds only those."
seealso:
  - module: plivo.provisioning.plivo_number_info
  - module: plivo.provisioning.plivo_phone_number_info
  - module: plivo.provisioning.plivo_incoming_carrier
  - module: plivo.provisioning.plivo_application
  - module: plivo.provisioning.plivo_trunk
author:
  - plivo.provisioning contributors (@plivo-provisioning)
'''

EXAMPLES = r'''
- name: Bring 60 numbers from our carrier and route them to the IVR
  plivo.provisioning.plivo_number:
    numbers: "{{ range(14155550100, 14155550160) | map('string') | list }}"
    carrier: acme-telecom
    region: California
    app: main-ivr
  register: fleet

- name: Show what changed
  ansible.builtin.debug:
    msg: "added {{ fleet.added | length }}, updated {{ fleet.updated | length }}"

- name: Label two support lines, written as people write them
  plivo.provisioning.plivo_number:
    numbers:
      - +1 415-555-0100
      - +1 (415) 555-0101
    alias: support

- name: Buy a number found in the inventory
  plivo.provisioning.plivo_number:
    numbers: ["{{ for_sale.phone_numbers[0].number }}"]
    buy: true
    app: main-ivr

- name: Send the office DIDs' calls to the PBX through an inbound SIP trunk
  plivo.provisioning.plivo_number:
    numbers: [14155550120, 14155550121]
    trunk: office-in

- name: Unlink numbers from any application
  plivo.provisioning.plivo_number:
    numbers: [14155550100, 14155550101]
    app: ""

- name: Release numbers
  plivo.provisioning.plivo_number:
    numbers: [14155550158, 14155550159]
    state: absent

- name: Numbers of two sites in one task, each routed its own way, all from one carrier
  plivo.provisioning.plivo_number:
    carrier: acme-telecom
    region: California
    groups:
      - numbers: "{{ range(14155550200, 14155550225) | map('string') | list }}"
        trunk: office-in
      - numbers: "{{ range(14155550225, 14155550250) | map('string') | list }}"
        app: main-ivr
        alias: call-center
  register: sites

- name: Show what changed per site
  ansible.builtin.debug:
    msg: "{{ sites.groups | map(attribute='added') | map('length') | list }}"
'''

RETURN = r'''
numbers:
  description:
    - The listed numbers that are on the account after the run, in the order given (group after group
      with O(groups)), as the API reports them.
    - Numbers added by this run with a link carry the fields the add or buy call set (number, carrier,
      region, number_type, alias, application, sub_account), as a read would report them; they are not read
      back. Numbers added without a link are read back (see O(app)).
      M(plivo.provisioning.plivo_number_info) reads every field.
    - In check mode, numbers to be added are predicted from the options.
  returned: always
  type: list
  elements: dict
  sample:
    - number: '14155550100'
      alias: support
      application: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Application/29283719384756123/
      carrier: acme-telecom
      region: California
      number_type: local
      sub_account:
      voice_enabled: true
      resource_uri: /v1/Account/MAXXXXXXXXXXXXXXXXXX/Number/14155550100/
added:
  description: The numbers added from the carrier or bought (to be, in check mode).
  returned: always
  type: list
  elements: str
  sample: ['14155550100', '14155550101']
updated:
  description: The numbers already on the account whose settings were changed.
  returned: always
  type: list
  elements: str
  sample: ['14155550102']
removed:
  description: The numbers removed from the account.
  returned: always
  type: list
  elements: str
  sample: []
groups:
  description:
    - One result per group of O(groups), in order. RV(numbers), RV(added), RV(updated), RV(removed),
      RV(failures) and the diff hold those of every group.
  returned: when O(groups) is used
  type: list
  elements: dict
  contains:
    changed:
      description: Whether this group's numbers changed.
      type: bool
    numbers:
      description: This group's part of RV(numbers).
      type: list
      elements: dict
    added:
      description: This group's part of RV(added).
      type: list
      elements: str
    updated:
      description: This group's part of RV(updated).
      type: list
      elements: str
    removed:
      description: This group's part of RV(removed).
      type: list
      elements: str
    results:
      description: This group's part of RV(results).
      type: list
      elements: dict
    failures:
      description: This group's part of RV(failures); empty when none failed.
      type: list
      elements: dict
  sample:
    - changed: true
      numbers: []
      added: ['14155550200']
      updated: []
      removed: []
      failures: []
results:
  description:
    - One result per listed number, in the order given (group after group with O(groups)), in the shape that
      the other modules' list forms have (the number as its key, whether it changed, and its own diff).
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The number, as digits with country code.
      type: str
      returned: always
    key_option:
      description: Always V(number).
      type: str
      returned: always
    changed:
      description: Whether this number changed (would change, in check mode).
      type: bool
      returned: always
    outcome:
      description: What the run did to it, V(added) (from the carrier, or bought), V(updated), V(removed),
        V(unchanged) or V(failed).
      type: str
      returned: always
    number:
      description: The number as in RV(numbers), or null when it is not on the account after the run.
      type: dict
      returned: always
    diff:
      description: In diff mode, this number's part of the diff (C(before) and C(after)).
      type: dict
      returned: in diff mode
    failed:
      description: True when a write for this number failed; C(msg) then says why.
      type: bool
      returned: when it failed
  sample:
    - key: '14155550100'
      key_option: number
      changed: true
      outcome: added
      number: {number: '14155550100', alias: support}
failures:
  description:
    - Only when some writes failed (the task then fails). The other numbers were converged, so a re-run
      retries only these.
    - A failure that is not about a number (credentials, rate limit, outage) stops the remaining writes.
  returned: on partial failure
  type: list
  elements: dict
  contains:
    number:
      description: The number.
      type: str
    key:
      description: The number too, as in RV(results[].key).
      type: str
    msg:
      description: What the API said.
      type: str
    status:
      description: The HTTP status, or null when the connection failed.
      type: int
'''

from ansible_collections.plivo.provisioning.plugins.module_utils._batch import BatchCreate
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    APPLICATION, NUMBER, SUBACCOUNT, TRUNK)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import AccountRef, LinkRef
from ansible_collections.plivo.provisioning.plugins.module_utils._module import PlivoModule
from ansible_collections.plivo.provisioning.plugins.module_utils._numbers import run_numbers
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Field


def inbound_only(trunk):
    if trunk.get('trunk_direction') != 'inbound':
        return ('is an outbound trunk; numbers can only be linked to an inbound trunk, which '
                'delivers their calls to your PBX')
    return None


RESOURCE = NUMBER.with_fields(
    [
        Field('app', kind=LinkRef(APPLICATION), api='app_id', read='application'),
        Field('trunk', kind=LinkRef(TRUNK, accept=inbound_only), api='app_id', read='application'),
        Field('alias'),
        Field('subaccount', kind=AccountRef(SUBACCOUNT), read='sub_account'),
    ],
    # Numbers are added from an incoming carrier many per call (POST Number/ with numbers=a,b,c).
    # The API documents no limit; 20 numbers (about 300 characters) keep each request small
    # and quick to process, and the add is all or nothing (one number already on the account
    # refuses the whole call), so a refused chunk leaves at most 20 numbers for the re-run.
    # The call also sets app_id and subaccount; an alias takes an update of each number.
    batch_create=BatchCreate(chunk_size=20, carries=('app_id', 'subaccount'), keys_field='numbers'),
)


GROUP_OPTIONS = dict(
    numbers=dict(type='list', elements='str', required=True),
    state=dict(type='str', choices=['present', 'absent']),
    carrier=dict(type='str'),
    region=dict(type='str'),
    number_type=dict(type='str', choices=['local', 'national', 'mobile', 'tollfree', 'fixed']),
    buy=dict(type='bool'),
    app=dict(type='str'),
    trunk=dict(type='str'),
    alias=dict(type='str'),
    subaccount=dict(type='str'),
)


def main():
    # carrier needs region, and number_type carrier: checked by run_numbers once a group's
    # options are merged with the task's (region may be set once for all groups).
    module = PlivoModule(
        argument_spec=dict(
            numbers=dict(type='list', elements='str'),
            groups=dict(type='list', elements='dict', options=GROUP_OPTIONS,
                        mutually_exclusive=[('app', 'trunk')]),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            carrier=dict(type='str'),
            region=dict(type='str'),
            number_type=dict(type='str', choices=['local', 'national', 'mobile', 'tollfree', 'fixed']),
            buy=dict(type='bool', default=False),
            app=dict(type='str'),
            trunk=dict(type='str'),
            alias=dict(type='str'),
            subaccount=dict(type='str'),
        ),
        required_one_of=[('numbers', 'groups')],
        mutually_exclusive=[('numbers', 'groups'), ('app', 'trunk')],
    )
    run_numbers(module, RESOURCE)


if __name__ == '__main__':
    main()
