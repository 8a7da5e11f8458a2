# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection on the other supported ansible-core lines, besides the pinned 2.19 that
the rest of the suite runs on: the oldest supported line (2.16, on Python 3.11) and the
newest release (2.21, on Python 3.12). Each gets the sanity tests whose verdict depends on
the line, and a smoke run of the lifecycle table (endpoints, and trunks with their
origination URIs: every step) on both execution paths, in the controller's process and as
module processes. tools/ensure-core-venv installs each line into .venv-cores/ from the
package index."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from harness import COLLECTIONS_PATH, ROOT, Emulator, play_recap, playbook_environment, run_tool, tool_environment

CORES = ('2.16', '2.21')
LIFECYCLE = os.path.join(ROOT, 'tests', 'integration', 'targets', 'resource_lifecycle')
SMOKE_ROWS = 'endpoint,trunk'


@pytest.fixture(scope='module', params=CORES)
def core(request, installed_collection):
    """(line, bin directory, Python version) of an ansible-core line's virtual environment."""
    line = request.param
    output = run_tool('ensure-core-venv-%s' % line, ['bash', os.path.join(ROOT, 'tools', 'ensure-core-venv'), line],
                      timeout=900)
    bin_dir = output.strip().splitlines()[-1]
    version = subprocess.check_output([os.path.join(bin_dir, 'python'), '-c',
                                       'import sys; print("%d.%d" % sys.version_info[:2])'], text=True).strip()
    reported = subprocess.check_output([os.path.join(bin_dir, 'ansible'), '--version'], text=True)
    assert ('core %s.' % line) in reported.splitlines()[0], reported
    return line, bin_dir, version


def core_path(bin_dir):
    """The line's commands first; this suite's after them, for shellcheck."""
    return os.pathsep.join([bin_dir, os.path.dirname(os.path.abspath(shutil.which('shellcheck') or bin_dir)),
                            os.environ.get('PATH', os.defpath)])


# The sanity tests whose verdict depends on the ansible-core line: syntax on its Python,
# imports against its module_utils and plugin loader, the docs against its schema, the
# runtime metadata and the action plugins' docs. The linters (pylint, pep8, yamllint,
# shellcheck, ...) judge the code, not the line: the 2.19 run has them all (test_ansible.py),
# and every one of them was run clean on 2.16 and 2.21 too when this was written.
VERSION_SANITY = ('compile', 'import', 'validate-modules', 'ansible-doc', 'runtime-metadata', 'action-plugin-docs')


def test_sanity_on_other_core_lines(core, installed_collection):
    line, bin_dir, version = core
    env = tool_environment(ANSIBLE_TEST_CONTENT_ROOT=installed_collection, PATH=core_path(bin_dir))
    tests = [argument for name in VERSION_SANITY for argument in ('--test', name)]
    output = run_tool('sanity-core-%s' % line, [os.path.join(bin_dir, 'ansible-test'), 'sanity', '--venv', '--python',
                                                version, '--color', 'no'] + tests,
                      cwd=installed_collection, env=env, timeout=1800)
    ran = [name for name in VERSION_SANITY if 'Running sanity test "%s"' % name in output]
    assert ran == list(VERSION_SANITY), 'ansible-test %s ran %s of %s' % (line, ran, VERSION_SANITY)


@pytest.mark.parametrize('path', ['auto', 'module'])
def test_lifecycle_smoke_on_other_core_lines(core, path, tmp_path):
    line, bin_dir, _version = core
    shutil.copytree(os.path.join(LIFECYCLE, 'tasks'), tmp_path / 'tasks')
    playbook = tmp_path / 'lifecycle.yml'
    playbook.write_text(subprocess.check_output(
        [os.path.join(bin_dir, 'python'), os.path.join(LIFECYCLE, 'render.py'), os.path.join(LIFECYCLE, 'resources.yml'),
         os.path.join(LIFECYCLE, 'lifecycle.yml.j2'), SMOKE_ROWS], text=True))
    inventory = tmp_path / 'inventory'
    inventory.write_text('testhost ansible_connection=local ansible_python_interpreter=%s\n'
                         % os.path.join(bin_dir, 'python'))
    with Emulator() as emulator:
        env = playbook_environment(COLLECTIONS_PATH, emulator)
        env['PATH'] = core_path(bin_dir)
        output = run_tool('lifecycle-core-%s-%s' % (line, path), [
            os.path.join(bin_dir, 'ansible-playbook'), '-i', str(inventory), str(playbook), '-vvv',
            '-e', 'emulator_url=%s' % emulator.url, '-e', 'emulator_auth_id=%s' % env['PLIVO_AUTH_ID'],
            '-e', 'emulator_auth_token=%s' % env['PLIVO_AUTH_TOKEN'], '-e', 'plivo_execution=%s' % path],
            cwd=str(tmp_path), env=env, timeout=900)
    recap = play_recap(output)
    assert recap['testhost']['failed'] == 0 and recap['testhost']['ok'] > 50, recap
    in_process = output.count("runs in the controller's process")
    module = output.count('runs as a module process')
    if path == 'auto':
        assert in_process > 20 and module == 0, (in_process, module)
    else:
        assert module > 20 and in_process == 0, (in_process, module)
    with open(os.path.join(LIFECYCLE, 'resources.yml'), encoding='utf-8') as handle:
        rows = yaml.safe_load(handle)['resources']
    secrets = [env['PLIVO_AUTH_TOKEN']] + [secret for row in rows if row['name'] in SMOKE_ROWS.split(',')
                                           for secret in row.get('secrets', [])]
    assert len(secrets) >= 2 and not [secret for secret in secrets if secret in output], \
        'a secret appears in the -vvv output'
