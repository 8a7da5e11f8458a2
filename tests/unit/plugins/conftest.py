# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for unit tests of the collection's Python code: an importable collection and a
fresh emulator on a free loopback port for each test module."""

import os
import subprocess
import sys
import tempfile

import pytest
import requests

COLLECTION_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
AUTH_ID = 'MAUNITTEST0000000001'
AUTH_TOKEN = 'unit-test-token-0001'


def _make_collection_importable():
    """Put ``ansible_collections.plivo.provisioning`` on sys.path, pointing at this tree."""
    parts = COLLECTION_ROOT.split(os.sep)
    if parts[-3:] == ['ansible_collections', 'plivo', 'provisioning']:
        sys.path.insert(0, os.sep.join(parts[:-3]) or os.sep)
        return
    top = tempfile.mkdtemp(prefix='plivo-unit-')
    os.makedirs(os.path.join(top, 'ansible_collections', 'plivo'))
    os.symlink(COLLECTION_ROOT, os.path.join(top, 'ansible_collections', 'plivo', 'provisioning'))
    sys.path.insert(0, top)


_make_collection_importable()
# module_standin.py, the stand-in module the unit tests share, is imported from here.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


class Emulator:
    """A running emulator process and its control API."""

    auth_id = AUTH_ID
    auth_token = AUTH_TOKEN

    def __init__(self, url, process):
        self.url = url
        self.process = process

    def control(self, verb, name, body=None):
        response = requests.request(verb, '%s/__emulator__/%s' % (self.url, name),
                                    json=body, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else {}

    def requests(self):
        return self.control('GET', 'requests')['requests']

    def clear_log(self):
        self.control('DELETE', 'requests')

    def reset(self):
        self.control('POST', 'reset')

    def fault(self, **spec):
        self.control('POST', 'faults', spec)


def start_emulator(*dialects):
    """An emulator process speaking the contract's reading, or the ``dialects`` named."""
    command = [sys.executable, os.path.join(COLLECTION_ROOT, 'tests', 'emulator'), '--port', '0',
               '--auth-id', AUTH_ID, '--auth-token', AUTH_TOKEN]
    for dialect in dialects:
        command += ['--dialect', dialect]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    assert line.startswith('PLIVO_API_URL='), line
    return Emulator(line.split('=', 1)[1], process)


def stop_emulator(emulator):
    emulator.process.terminate()
    emulator.process.wait(timeout=10)


@pytest.fixture(scope='module')
def emulator():
    started = start_emulator()
    try:
        yield started
    finally:
        stop_emulator(started)


@pytest.fixture
def api(emulator):
    """A clean emulator for one test."""
    emulator.reset()
    return emulator
