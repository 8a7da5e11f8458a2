# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module's EXAMPLES, run verbatim, in order, against a fresh emulator: the examples
users copy are known to work.

The examples run from the collection installed from the built tarball. What an example refers
to without creating it (a carrier, an application, a vaulted password) is created or defined
by the module's setup file, tests/examples/setup/<module>.yml (see tests/examples/README.md);
a module without one runs its examples with no setup. Modules are discovered, so a new module
is covered at once, and a module whose examples cannot run fails: it is never skipped."""

from __future__ import annotations

import os

import pytest
import yaml

from harness import (
    ROOT,
    Emulator,
    discover_modules,
    module_source_strings,
    playbook_environment,
    run_tool,
)

SETUP_DIR = os.path.join(ROOT, 'tests', 'examples', 'setup')
SETUP_KEYS = {'vars', 'tasks'}


def discover_setups():
    return sorted(os.path.splitext(name)[0] for name in os.listdir(SETUP_DIR) if name.endswith('.yml'))


def module_examples(module):
    """The module's EXAMPLES as a list of tasks, or a test failure saying why not."""
    text = module_source_strings(module).get('EXAMPLES', '')
    if not text.strip():
        pytest.fail('%s has no EXAMPLES' % module, pytrace=False)
    try:
        tasks = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        pytest.fail('the EXAMPLES of %s are not valid YAML: %s' % (module, exc), pytrace=False)
    if not isinstance(tasks, list) or not all(isinstance(task, dict) for task in tasks):
        pytest.fail('the EXAMPLES of %s are not a list of tasks' % module, pytrace=False)
    return tasks


def module_setup(module):
    """The module's setup ({'vars': {...}, 'tasks': [...]}), empty when it has no file."""
    path = os.path.join(SETUP_DIR, module + '.yml')
    if not os.path.exists(path):
        return {'vars': {}, 'tasks': []}
    with open(path, encoding='utf-8') as handle:
        setup = yaml.safe_load(handle) or {}
    unknown = set(setup) - SETUP_KEYS
    assert not unknown, '%s: unknown keys %s (allowed: %s)' % (os.path.relpath(path, ROOT), sorted(unknown),
                                                               sorted(SETUP_KEYS))
    return {'vars': setup.get('vars') or {}, 'tasks': setup.get('tasks') or []}


def examples_playbook(module):
    """One play for the setup (when there is one), one for the examples: the same variables in
    both, and what the setup registers stays visible to the examples (same host)."""
    setup = module_setup(module)
    play = {'hosts': 'localhost', 'connection': 'local', 'gather_facts': False, 'vars': setup['vars']}
    plays = []
    if setup['tasks']:
        plays.append(dict(play, name='Set up what the EXAMPLES of %s refer to' % module, tasks=setup['tasks']))
    plays.append(dict(play, name='EXAMPLES of %s, verbatim' % module, tasks=module_examples(module)))
    return plays


def test_example_setups_belong_to_modules():
    """A setup file for a module that does not exist is stale data (a renamed module)."""
    stale = sorted(set(discover_setups()) - set(discover_modules()))
    assert not stale, 'tests/examples/setup/ has files for no module: %s' % stale


@pytest.mark.parametrize('module', discover_modules())
def test_module_examples_run(tmp_path, artifact_collections_path, module):
    """The module's EXAMPLES run without a failed task, after its setup, on a fresh emulator."""
    playbook = tmp_path / ('examples-%s.yml' % module)
    playbook.write_text(yaml.safe_dump(examples_playbook(module), sort_keys=False, width=1000))
    with Emulator() as emulator:
        run_tool('examples-' + module, ['ansible-playbook', str(playbook)], cwd=str(tmp_path),
                 env=playbook_environment(artifact_collections_path, emulator), timeout=300)
