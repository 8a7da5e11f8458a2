# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a plivo.provisioning module's work inside the controller's process.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

Every module of the collection has an action plugin of the same name (``plugins/action/``)
that is this class. When the task would run the module on the controller anyway (a
``local`` connection: ``delegate_to: localhost``, ``connection: local``, or the implicit
localhost), the module's ``main()`` runs here, in the worker process that Ansible already
started for the task, instead of in a new Python process per task and per loop item.
Everything else is the module's own code, unchanged: Ansible's argument validation and its
messages, ``module_defaults`` and the action group (applied to the task's arguments before
any action plugin runs), the task's ``environment:`` (applied to this process for the
module's run only, so the options' environment fallbacks see it), check mode and diff,
``no_log`` masking, warnings, and the result.

The module runs as an ordinary module process instead (the fallback) when the task runs
on another host, with ``become``, with ``async``, when the controller's Python lacks
``requests``, or when ``plivo_execution: module`` is set (a variable, so per task, host,
play or ``-e``; the ``PLIVO_EXECUTION`` environment variable of ``ansible-playbook`` sets
the default). ``-vvv`` says which path a task took and why.
"""

import contextlib
import importlib
import inspect
import io
import json
import os
import traceback

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

try:  # ansible-core 2.20 and earlier; 2.21 cleans its task results itself (remove_internal_keys())
    from ansible.vars.clean import remove_internal_keys
except ImportError:
    remove_internal_keys = None

from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import TASK_READS

from ansible.module_utils.common.json import AnsibleJSONEncoder

try:  # ansible-core 2.19 and later: results and arguments travel through a serialization profile
    from ansible.module_utils.common.json import Direction, get_module_encoder
    PROFILE = 'legacy'
except ImportError:  # ansible-core 2.16 to 2.18: plain JSON
    Direction = get_module_encoder = None
    PROFILE = None

try:
    import requests  # noqa: F401  # pylint: disable=unused-import
    HAS_REQUESTS = True
except ImportError:
    HAS_REQUESTS = False

display = Display()

EXECUTION_VAR = 'plivo_execution'
EXECUTION_ENV = 'PLIVO_EXECUTION'
EXECUTION_CHOICES = ('auto', 'module')
MODULES_PACKAGE = 'ansible_collections.plivo.provisioning.plugins.modules.'


class InProcessAction(ActionBase):
    """The action plugin of every plivo.provisioning module (see the module docstring)."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        module_name = self._task.resolved_action or self._task.action
        why = self.module_path_reason(task_vars)
        if why is not None:
            display.vvv('%s runs as a module process: %s' % (module_name, why))
            wrap_async = self._task.async_val and not self._connection.has_native_async
            result.update(self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
            if not wrap_async:
                self._remove_tmp_path(self._connection._shell.tmpdir)
            return result
        display.vvv("%s runs in the controller's process (plivo_execution: auto)" % module_name)
        result.update(self.run_here(module_name, task_vars))
        return result

    def module_path_reason(self, task_vars):
        """Why this task runs the module as a process of its own, or None to run it here."""
        setting = str(self._templar.template(task_vars.get(
            EXECUTION_VAR, os.environ.get(EXECUTION_ENV, 'auto')))).strip().lower()
        if setting not in EXECUTION_CHOICES:
            raise ValueError('%s %r must be one of %s' % (EXECUTION_VAR, setting,
                                                          ', '.join(EXECUTION_CHOICES)))
        if setting == 'module':
            return '%s: module' % EXECUTION_VAR
        if getattr(self._connection, 'transport', None) != 'local':
            return 'the task runs on %s over %s' % (
                task_vars.get('inventory_hostname'), getattr(self._connection, 'transport', '?'))
        if self._task.async_val:
            return 'async'
        if self._play_context.become:
            return 'become'
        if not HAS_REQUESTS:
            return "the controller's Python has no requests library"
        return None

    def run_here(self, module_name, task_vars):
        """The module's main() in this process; its result as the module path returns it."""
        module_args = dict(self._task.args)
        self._update_module_args(module_name, module_args, task_vars)
        environment = {}
        self._compute_environment_string(environment)
        payload = {'ANSIBLE_MODULE_ARGS': module_args}
        if PROFILE:
            buffer = json.dumps(payload, cls=get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE))
        else:
            buffer = json.dumps(payload, cls=AnsibleJSONEncoder)
        output = io.StringIO()
        rc = 0
        # Loop items of one task share the reads of kinds it does not write (TaskReads);
        # a task that polls with until: reads afresh each time.
        share = not self._task.until
        if share:
            TASK_READS.begin(self._task._uuid)
        with _module_globals(buffer.encode()), _environment(environment), _ending(share):
            try:
                module = importlib.import_module(MODULES_PACKAGE + module_name.rsplit('.', 1)[-1])
                with contextlib.redirect_stdout(output):
                    module.main()
            except SystemExit as exc:
                rc = exc.code if isinstance(exc.code, int) else 1
            except Exception:  # pylint: disable=broad-except  # a module crash, reported as one
                return {'failed': True, 'msg': 'MODULE FAILURE: %s raised in the controller process'
                        % module_name, 'exception': traceback.format_exc()}
        stdout = output.getvalue()
        res = {'stdout': stdout, 'stderr': '', 'rc': rc, 'stdout_lines': stdout.splitlines(), 'stderr_lines': []}
        # What _execute_module does with a module's output, on each ansible-core line.
        if 'profile' not in inspect.signature(self._parse_returned_data).parameters:  # 2.16 to 2.18
            data = self._parse_returned_data(res)
        else:
            data = self._parse_returned_data(res, PROFILE)
        if hasattr(data, 'as_result_dict'):  # 2.21: a task result object
            data.remove_internal_keys()
            return data.as_result_dict(for_round_trip=True)
        data.pop('_ansible_suppress_tmpdir_delete', None)
        remove_internal_keys(data)
        return data


@contextlib.contextmanager
def _module_globals(buffer):
    """AnsibleModule reads its arguments from module_utils.basic and collects warnings in
    module_utils.common.warnings: set for this run, and left clean for the next loop item."""
    saved = dict((name, getattr(basic, name)) for name in ('_ANSIBLE_ARGS', '_ANSIBLE_PROFILE')
                 if hasattr(basic, name))
    _clear_warnings()
    basic._ANSIBLE_ARGS = buffer
    if '_ANSIBLE_PROFILE' in saved:
        basic._ANSIBLE_PROFILE = PROFILE
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(basic, name, value)
        if hasattr(basic, '_PARSED_MODULE_ARGS'):
            basic._PARSED_MODULE_ARGS = None
        _clear_warnings()


@contextlib.contextmanager
def _ending(shared):
    try:
        yield
    finally:
        if shared:
            TASK_READS.end()


def _clear_warnings():
    for name in ('_global_warnings', '_global_deprecations'):
        collected = getattr(module_warnings, name, None)
        if collected is not None:
            collected.clear()


@contextlib.contextmanager
def _environment(values):
    """The task's ``environment:`` in this process's environment while the module runs."""
    saved = dict((name, os.environ.get(name)) for name in values)
    os.environ.update((str(name), str(value)) for name, value in values.items())
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
