# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only callback: the wall time of each task, written as JSON to $BENCH_TIMER_FILE.

Used by bench/run.py to split a run's time into tasks that run a plivo.provisioning module
and the rest (role argument checks, set_fact, assert, debug), the remainder being
ansible-playbook's own start-up. Not part of the collection.
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
name: bench_timer
type: aggregate
short_description: per-task wall time for make bench
description: Writes each task's wall time, as JSON, to the file named by BENCH_TIMER_FILE.
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.started = time.monotonic()
        self.tasks = []

    def _close(self):
        if self.tasks and self.tasks[-1].get('seconds') is None:
            self.tasks[-1]['seconds'] = time.monotonic() - self.tasks[-1].pop('start')

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self.tasks.append({'name': task.get_name(), 'action': task.action, 'start': time.monotonic(), 'seconds': None,
                           'ran': False})

    def v2_runner_on_ok(self, result):
        if self.tasks:
            self.tasks[-1]['ran'] = True

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.v2_runner_on_ok(result)

    def v2_playbook_on_play_start(self, play):
        self._close()

    def v2_playbook_on_stats(self, stats):
        self._close()
        path = os.environ.get('BENCH_TIMER_FILE')
        if path:
            with open(path, 'w', encoding='utf-8') as handle:
                json.dump({'total': time.monotonic() - self.started, 'tasks': self.tasks}, handle, indent=1)
