# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's tool-driven checks as pytest tests, so that one pytest session (`make
test`) runs and counts everything: ansible-test sanity and integration, ansible-lint,
ansible-doc on every module and role, antsibull-changelog and the collection build.

Modules, roles and integration targets are discovered, so new ones are covered without
editing this file."""

from __future__ import annotations

import glob
import json
import os
import tarfile

import pytest

from harness import (
    COLLECTIONS_PATH,
    FQCN_PREFIX,
    PYTHON_VERSION,
    ROOT,
    discover_modules,
    run_tool,
    tool_environment,
)

SKIPPED_TARGET_ALIASES = {'disabled', 'hidden', 'unsupported', 'unstable'}
NOT_IN_BUILD = ('.venv/', '.venv-cores/', '.collections/', '.ansible/', '.git/', '.ci/', '.pytest_cache/', 'tests/output/',
                '__pycache__/', 'changelogs/.plugin-cache.yaml')


def discover_roles():
    paths = glob.glob(os.path.join(ROOT, 'roles', '*', 'meta', 'argument_specs.y*ml'))
    return sorted(path.split(os.sep)[-3] for path in paths)


def target_aliases(target_dir):
    path = os.path.join(target_dir, 'aliases')
    if not os.path.exists(path):
        return set()
    with open(path, encoding='utf-8') as handle:
        return {line.split('#', 1)[0].strip() for line in handle} - {''}


def discover_integration_targets():
    targets = []
    for target_dir in sorted(glob.glob(os.path.join(ROOT, 'tests', 'integration', 'targets', '*', ''))):
        name = os.path.basename(os.path.dirname(target_dir))
        if name.startswith(('setup_', 'prepare_')) or target_aliases(target_dir) & SKIPPED_TARGET_ALIASES:
            continue
        targets.append(name)
    return targets


def ansible_test(installed_collection, name, *arguments, timeout=1200):
    """Run ansible-test from the installed copy. ANSIBLE_TEST_CONTENT_ROOT makes it list the
    copy's files itself: left to search upwards it finds this repository's .git, asks git
    for the files under .collections/ (ignored) and skips every test."""
    env = tool_environment(ANSIBLE_TEST_CONTENT_ROOT=installed_collection)
    return run_tool(name, ['ansible-test'] + list(arguments) + ['--color', 'no'],
                    cwd=installed_collection, env=env, timeout=timeout)


def test_sanity_has_no_ignore_entries():
    """Sanity findings are fixed, never silenced: ignore files stay empty."""
    entries = []
    for path in glob.glob(os.path.join(ROOT, 'tests', 'sanity', 'ignore-*.txt')):
        with open(path, encoding='utf-8') as handle:
            entries += ['%s: %s' % (os.path.relpath(path, ROOT), line.strip()) for line in handle
                        if line.strip() and not line.startswith('#')]
    assert not entries, 'sanity ignore entries are not allowed:\n' + '\n'.join(entries)


def test_sanity(installed_collection):
    """Every ansible-test sanity test, each linter in its own pinned virtual environment."""
    ansible_test(installed_collection, 'sanity', 'sanity', '--venv', '--python', PYTHON_VERSION, timeout=1800)


@pytest.mark.parametrize('target', discover_integration_targets())
def test_integration(installed_collection, target):
    """One integration target; its runme.sh starts its own emulator (see tests/integration/README.md)."""
    ansible_test(installed_collection, 'integration-' + target, 'integration', target, '--local',
                 '--python', PYTHON_VERSION, timeout=900)


def test_ansible_lint(installed_collection):
    """ansible-lint's production profile over the playbooks and roles (settings: .ansible-lint)."""
    paths = [name for name in ('playbooks', 'roles') if glob.glob(os.path.join(ROOT, name, '*'))]
    if not paths:
        pytest.skip('no playbooks or roles yet')
    env = tool_environment(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH)
    run_tool('ansible-lint', ['ansible-lint', '--nocolor', '--profile', 'production'] + paths, env=env, timeout=600)


@pytest.mark.parametrize('module', discover_modules())
def test_module_documentation_renders(installed_collection, module):
    """ansible-doc renders the module's page, and its documentation has every part."""
    env = tool_environment(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH)
    fqcn = FQCN_PREFIX + module
    text = run_tool('ansible-doc-' + module, ['ansible-doc', '-t', 'module', fqcn], env=env, timeout=120)
    assert fqcn in text
    assert '[WARNING]' not in text and 'ERROR' not in text, text
    rendered = json.loads(run_tool('ansible-doc-json-' + module, ['ansible-doc', '--json', '-t', 'module', fqcn],
                                   env=env, timeout=120))[fqcn]
    assert rendered['doc'].get('short_description'), 'DOCUMENTATION has no short_description'
    assert rendered['doc'].get('description'), 'DOCUMENTATION has no description'
    assert (rendered.get('examples') or '').strip(), 'EXAMPLES is empty'
    assert rendered.get('return'), 'RETURN is empty'


@pytest.mark.parametrize('role', discover_roles())
def test_role_documentation_renders(installed_collection, role):
    """ansible-doc renders the role's argument specification."""
    env = tool_environment(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH)
    fqcn = FQCN_PREFIX + role
    text = run_tool('ansible-doc-role-' + role, ['ansible-doc', '-t', 'role', fqcn], env=env, timeout=120)
    assert fqcn in text


def shebang_interpreter(line):
    words = line[2:].split() or [b'']
    program = os.path.basename(words[0])
    return words[1] if program == b'env' and len(words) > 1 else program


def discover_shell_scripts():
    """Shell scripts by extension or shebang, outside local state and the copies of the tree."""
    skipped = {'.git', '.venv', '.venv-cores', '.collections', 'output', '__pycache__', 'node_modules'}
    scripts = []
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = sorted(name for name in subdirectories if name not in skipped)
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.endswith('.sh'):
                scripts.append(path)
                continue
            with open(path, 'rb') as handle:
                first_line = handle.readline(100)
            if first_line.startswith(b'#!') and shebang_interpreter(first_line) in (b'bash', b'sh'):
                scripts.append(path)
    return [os.path.relpath(path, ROOT) for path in scripts]


def test_shell_scripts():
    """shellcheck, following sourced files, on every shell script (ansible-test checks *.sh only)."""
    scripts = discover_shell_scripts()
    assert scripts, 'no shell scripts found: the discovery is broken'
    run_tool('shellcheck', ['shellcheck', '-x', '-P', 'SCRIPTDIR'] + scripts, timeout=120)


def test_changelog_fragments():
    """antsibull-changelog accepts the configuration and every fragment."""
    run_tool('antsibull-changelog', ['antsibull-changelog', 'lint'], timeout=120)


def test_collection_builds_clean(collection_artifact):
    """The collection builds, and the artifact carries none of the local working state."""
    with tarfile.open(collection_artifact) as tar:
        names = [member.name + ('/' if member.isdir() else '') for member in tar.getmembers()]
    stray = [name for name in names if any(name.startswith(prefix) or '/' + prefix in name for prefix in NOT_IN_BUILD)]
    assert not stray, 'the build carries local state: %s' % stray[:20]
    assert 'MANIFEST.json' in names and 'FILES.json' in names
