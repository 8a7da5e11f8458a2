#!/usr/bin/env python
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn the bad-input table into one playbook: one task per row, then the checks.

    python table_to_playbook.py TABLE > PLAYBOOK

A module row becomes the module task with the row's args (ignore_errors, registered as
``bad_input_<n>``); a role row becomes include_role in a block whose rescue registers the
failure the same way. The rows stay data: the checks (tasks/check.yml) read the table again.
A module's name cannot be templated in a task, hence the generated playbook.
"""

from __future__ import annotations

import json
import sys

import yaml

FQCN = 'plivo.provisioning.'


def task_for(number, row):
    name = 'Row %d, %s: %s' % (number, row.get('module') or row['role'], row['kind'])
    register = 'bad_input_%d' % number
    if 'module' in row:
        return {'name': name, FQCN + row['module']: row.get('args') or {}, 'register': register,
                'ignore_errors': True}
    return {'name': name, 'block': [
        {'name': 'Run the role', 'ansible.builtin.include_role': {'name': FQCN + row['role']},
         'vars': row.get('vars') or {}},
        {'name': 'The role did not fail', 'ansible.builtin.set_fact': {register: {'failed': False}}},
    ], 'rescue': [
        {'name': 'Keep the failure', 'ansible.builtin.set_fact': {
            register: '{{ ansible_failed_result | combine({"failed": true}) }}'}},
    ]}


def main():
    with open(sys.argv[1], encoding='utf-8') as handle:
        rows = yaml.safe_load(handle)['bad_inputs']
    play = {
        'name': 'Bad input fails before any write, naming the option and the value, never a secret',
        'hosts': 'testhost',
        'gather_facts': False,
        'vars_files': ['files/bad_inputs.yml'],
        'module_defaults': {'group/plivo.provisioning.plivo': {
            'api_url': '{{ emulator_url }}', 'auth_id': '{{ emulator_auth_id }}',
            'auth_token': '{{ emulator_auth_token }}'}},
        'tasks': [{'name': 'Make what the rows refer to', 'ansible.builtin.import_tasks': 'tasks/setup.yml'}]
        + [task_for(number, row) for number, row in enumerate(rows, 1)]
        + [{'name': 'Check every row', 'ansible.builtin.import_tasks': 'tasks/check.yml'}],
    }
    json.dump([play], sys.stdout, indent=1)
    print()


if __name__ == '__main__':
    main()
