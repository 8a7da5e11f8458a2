# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the tool-driven suites."""

from __future__ import annotations

import glob
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


@pytest.fixture(scope='session')
def collection_artifact(tmp_path_factory):
    """The collection as `ansible-galaxy collection build` makes it from the working tree: the
    path of the tarball, built once per session."""
    output = tmp_path_factory.mktemp('build')
    run_tool('galaxy-build', ['ansible-galaxy', 'collection', 'build', '--output-path', str(output), ROOT],
             timeout=300)
    (artifact,) = glob.glob(str(output / '*.tar.gz'))
    return artifact


@pytest.fixture(scope='session')
def artifact_collections_path(tmp_path_factory, collection_artifact):
    """A fresh collections path holding only the collection installed from the built tarball
    (what a user gets from Galaxy), not from the source tree; returns the path."""
    path = tmp_path_factory.mktemp('artifact-collections')
    run_tool('galaxy-install-artifact', ['ansible-galaxy', 'collection', 'install', '--offline', '-p', str(path),
                                         collection_artifact], timeout=300)
    return str(path)
