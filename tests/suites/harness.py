# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared machinery for the tool-driven suites: where things are, and running a tool so that
a failure shows the end of its output."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

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
