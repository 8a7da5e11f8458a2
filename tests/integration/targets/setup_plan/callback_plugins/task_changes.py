# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helper, not shipped as a plugin: records, per host and in order, whether each task
changed (and each loop item), so that a --check run's prediction can be compared with the
real run that follows, task by task. Enabled by the integration targets and `make demo`:

    ANSIBLE_CALLBACK_PLUGINS=<this directory> ANSIBLE_CALLBACKS_ENABLED=task_changes \
    TASK_CHANGES_FILE=run.json ansible-playbook ...

The file is written when the playbook ends:
{"check_mode": bool, "hosts": {host: [{"task", "status", "items"}, ...]}}, where
status is changed, ok, skipped, failed or unreachable, and items lists each loop item's
status (empty for a task without a loop). Results carry no values, so no secret either.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from ansible import context
from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
name: task_changes
type: aggregate
short_description: Record per host and task whether it changed (test helper)
description:
  - Writes a JSON file named by the TASK_CHANGES_FILE environment variable when the playbook ends.
'''


def _status(result, default):
    if result.get('failed'):
        return 'failed'
    if result.get('skipped'):
        return 'skipped'
    if result.get('changed'):
        return 'changed'
    return default


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'task_changes'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.path = os.environ.get('TASK_CHANGES_FILE')
        self.hosts = {}

    def v2_playbook_on_start(self, playbook):
        self.hosts = {}

    def _record(self, result, status):
        raw = result._result
        items = [_status(item, 'ok') for item in raw.get('results', []) if isinstance(item, dict)]
        self.hosts.setdefault(result._host.get_name(), []).append(
            {'task': result._task.get_name(), 'status': _status(raw, status), 'items': items})

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')

    def v2_playbook_on_stats(self, stats):
        if not self.path:
            return
        with open(self.path, 'w') as handle:
            json.dump({'check_mode': bool(context.CLIARGS.get('check')), 'hosts': self.hosts}, handle, indent=1, sort_keys=True)
