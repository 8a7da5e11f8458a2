# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the tool-driven suites."""

from __future__ import annotations

import os
import sys

import pytest

from harness import COLLECTION, ROOT, run_tool


@pytest.fixture(scope='session')
def installed_collection():
    """Install the working tree under .collections/ (as `make install` does) and seed
    ansible-test's pip bootstrap, once per session; return the installed copy's path."""
    run_tool('install-collection', ['bash', os.path.join(ROOT, 'tools', 'install-collection')], timeout=300)
    run_tool('seed-ansible-test-cache', [sys.executable, os.path.join(ROOT, 'tools', 'seed_ansible_test_cache.py')],
             timeout=60)
    return COLLECTION
