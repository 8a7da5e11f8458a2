# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared machinery for the tool-driven suites: where things are, and running a tool so that
a failure shows the end of its output."""

from __future__ import annotations

import ast
import glob
import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
COLLECTIONS_PATH = os.path.join(ROOT, '.collections')
COLLECTION = os.path.join(COLLECTIONS_PATH, 'ansible_collections', 'plivo', 'provisioning')
FQCN_PREFIX = 'plivo.provisioning.'
PYTHON_VERSION = '%d.%d' % sys.version_info[:2]
BIN = os.path.dirname(os.path.abspath(sys.executable))
LOG_DIR = os.path.join(ROOT, 'tests', 'output', 'suites')
OUTPUT_TAIL_LINES = 150
# pip's chatter while ansible-test fills its virtual environments; kept in the log, left out
# of a failure's summary so that the tool's own findings show.
PIP_NOISE = re.compile(r'^\s*(WARNING: Location |Looking in |Collecting |Downloading |Processing |Installing collected |'
                       r'Successfully (installed|uninstalled) |Requirement already |Attempting uninstall|Found existing |'
                       r'Uninstalling |Using cached |Obtaining |Preparing metadata|Building wheel|Created wheel|Stored in |'
                       r'\S+ \d+(\.\d+)?/\d+(\.\d+)? [kM]B)')


def tool_environment(**extra):
    """The environment for a tool: this virtual environment's commands first, no colour,
    and none of the caller's Plivo credentials (tests use their own emulator)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith('PLIVO_')}
    env['PATH'] = BIN + os.pathsep + env.get('PATH', os.defpath)
    env.update(NO_COLOR='1', ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0', PY_COLORS='0')
    env.update(extra)
    return env


def run_tool(name, command, cwd=ROOT, timeout=900, env=None):
    """Run a command to completion in its own process group (so a timeout also ends what it
    started, emulators included); save its output under tests/output/suites/ and fail the
    test with the end of that output unless it exits 0. Returns the output."""
    log_path = os.path.join(LOG_DIR, re.sub(r'[^A-Za-z0-9_.-]+', '_', name) + '.log')
    os.makedirs(LOG_DIR, exist_ok=True)
    with subprocess.Popen(command, cwd=cwd, env=env or tool_environment(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors='replace', start_new_session=True) as process:
        try:
            output, _dummy = process.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _dummy = process.communicate()
            timed_out = True
    with open(log_path, 'w', encoding='utf-8') as log:
        log.write('$ %s\n(cwd %s)\n%s' % (' '.join(command), cwd, output))
    if timed_out or process.returncode != 0:
        tail = '\n'.join([line for line in output.splitlines() if not PIP_NOISE.match(line)][-OUTPUT_TAIL_LINES:])
        outcome = 'timed out after %ss' % timeout if timed_out else 'exited %s' % process.returncode
        pytest.fail('%s %s; last lines of its output (all of it: %s):\n%s'
                    % (' '.join(command), outcome, os.path.relpath(log_path, ROOT), tail), pytrace=False)
    return output


def discover_modules():
    """The module names under plugins/modules/, so that a new module is covered at once."""
    paths = glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py'))
    return sorted(os.path.splitext(os.path.basename(path))[0] for path in paths
                  if os.path.basename(path) != '__init__.py')


def module_source_strings(module):
    """A module's top-level string constants (DOCUMENTATION, EXAMPLES, RETURN), read with ast
    so that nothing is imported."""
    path = os.path.join(ROOT, 'plugins', 'modules', module + '.py')
    with open(path, encoding='utf-8') as handle:
        tree = ast.parse(handle.read(), path)
    strings = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            strings[node.targets[0].id] = node.value.value
    return strings


EMULATOR_AUTH_ID = 'MAPLIVOEMULATOR00001'
EMULATOR_AUTH_TOKEN = 'emulator-token'
WRITE_METHODS = frozenset(('POST', 'PUT', 'PATCH', 'DELETE'))
RECAP_LINE = re.compile(r'^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)


class Emulator:
    """A fresh Plivo API emulator from the source tree, on a free loopback port, for the
    length of a `with` block; `requests()` reads its request log."""

    def __init__(self):
        self.process = None
        self.url = None

    def __enter__(self):
        command = [sys.executable, os.path.join(ROOT, 'tests', 'emulator'), '--port', '0',
                   '--auth-id', EMULATOR_AUTH_ID, '--auth-token', EMULATOR_AUTH_TOKEN]
        # pylint: disable-next=consider-using-with
        self.process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, PYTHONUNBUFFERED='1'),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        first_line = []
        reader = threading.Thread(target=lambda: first_line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(30)
        line = first_line[0].strip() if first_line else ''
        if not line.startswith('PLIVO_API_URL='):
            self.__exit__()
            pytest.fail('the emulator did not start; its first line of output: %r' % line, pytrace=False)
        self.url = line.split('=', 1)[1]
        # Keep draining its output so that it never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()

    def _control(self, method, name):
        request = urllib.request.Request('%s/__emulator__/%s' % (self.url, name), method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def requests(self):
        return self._control('GET', 'requests')['requests']

    def clear_requests(self):
        self._control('DELETE', 'requests')


def playbook_environment(collections_path, emulator):
    """ansible-playbook's environment: only `collections_path` holds collections, and the
    modules find the emulator and its credentials where a user's playbook finds Plivo's."""
    return tool_environment(
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
        ANSIBLE_LOCALHOST_WARNING='false',
        ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
        ANSIBLE_RETRY_FILES_ENABLED='false',
        PLIVO_API_URL=emulator.url,
        PLIVO_AUTH_ID=EMULATOR_AUTH_ID,
        PLIVO_AUTH_TOKEN=EMULATOR_AUTH_TOKEN,
    )


def play_recap(output):
    """{host: {'ok', 'changed', 'unreachable', 'failed'}} from ansible-playbook's PLAY RECAP."""
    return {match.group(1): dict(zip(('ok', 'changed', 'unreachable', 'failed'), map(int, match.groups()[1:])))
            for match in RECAP_LINE.finditer(output)}
