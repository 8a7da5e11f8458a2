# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection as it ships: the built tarball runs the demo, an execution environment can
be built from it, its changelog is released and current, its documentation passes the
docsite linter, and every module is wired into the action group and the doc fragments.

Modules are discovered, so a new module is covered without editing this file."""

from __future__ import annotations

import collections
import difflib
import glob
import os
import shutil

import pytest
import yaml
from packaging.requirements import Requirement

from harness import (
    FQCN_PREFIX,
    ROOT,
    WRITE_METHODS,
    Emulator,
    discover_modules,
    module_source_strings,
    play_recap,
    playbook_environment,
    run_tool,
    tool_environment,
)

COLLECTION_SUBPATH = os.path.join('ansible_collections', 'plivo', 'provisioning')
ACTION_GROUP = 'plivo'
CONNECTION_FRAGMENT = 'plivo.provisioning.plivo'
# Left out of the scratch copy in which the changelog is regenerated.
SCRATCH_IGNORE = shutil.ignore_patterns('.git', '.venv', '.venv-cores', '.collections', '.pytest_cache', '.ansible', 'output',
                                        '__pycache__', '.plugin-cache.yaml')


def load_yaml(*parts):
    with open(os.path.join(ROOT, *parts), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def requirement_lines(path):
    """The requirements in a pip requirements file, following `-r` includes as pip does."""
    lines = []
    with open(path, encoding='utf-8') as handle:
        for line in handle:
            line = line.split(' #', 1)[0].strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith(('-r ', '--requirement ')):
                lines += requirement_lines(os.path.join(os.path.dirname(path), line.split(None, 1)[1]))
            else:
                lines.append(line)
    return lines


def normalised(requirements):
    """Requirements compared by meaning: name (case-insensitive), specifier set and markers."""
    parsed = [Requirement(line) for line in requirements]
    return sorted((req.name.lower(), str(req.specifier), str(req.marker or '')) for req in parsed)


# -- the built artifact ------------------------------------------------------------------

def test_demo_runs_from_the_built_artifact(tmp_path, artifact_collections_path):
    """The tarball, installed into an empty collections path, runs its own demo playbook (by
    its FQCN, from a directory outside the source tree, with the demo inventory it ships)
    against a fresh emulator; the first run provisions, the second changes and writes nothing."""
    command = ['ansible-playbook', FQCN_PREFIX + 'demo']
    inventory = os.path.join(artifact_collections_path, COLLECTION_SUBPATH, 'playbooks', 'inventory', 'demo.yml')
    if os.path.exists(inventory):
        command[1:1] = ['-i', inventory]
    runs = {}
    with Emulator() as emulator:
        env = playbook_environment(artifact_collections_path, emulator)
        for run in ('apply', 're-apply'):
            emulator.clear_requests()
            output = run_tool('artifact-demo-' + run, command, cwd=str(tmp_path), env=env, timeout=300)
            runs[run] = (play_recap(output), emulator.requests())
    recap, calls = runs['apply']
    assert recap and all(host['failed'] == 0 and host['unreachable'] == 0 for host in recap.values()), recap
    assert any(call['method'] in WRITE_METHODS for call in calls), \
        'the first demo run sent no write request: it did not provision anything'
    recap, calls = runs['re-apply']
    assert recap and all(host['changed'] == 0 and host['failed'] == 0 for host in recap.values()), \
        'the second demo run was not idempotent: %s' % recap
    writes = ['%s %s' % (call['method'], call['path']) for call in calls if call['method'] in WRITE_METHODS]
    assert not writes, 'the second demo run wrote to the API: %s' % writes


# -- execution environment ---------------------------------------------------------------

def test_execution_environment_declares_the_controller_requirements():
    """meta/execution-environment.yml (the collection metadata ansible-builder reads) names a
    Python requirements file holding exactly requirements.txt's packages and bounds."""
    meta = load_yaml('meta', 'execution-environment.yml')
    assert meta.get('version') == 1, 'collection-level EE metadata is schema version 1: %r' % meta.get('version')
    dependencies = meta.get('dependencies') or {}
    assert 'python' in dependencies, 'meta/execution-environment.yml declares no Python requirements'
    assert set(dependencies) <= {'python', 'system'}, 'unknown dependency kinds: %s' % sorted(dependencies)
    for kind, relative in dependencies.items():
        assert not os.path.isabs(relative), 'ansible-builder needs paths relative to the collection root'
        assert os.path.isfile(os.path.join(ROOT, relative)), 'the %s dependency file %s is missing' % (kind, relative)
    declared = normalised(requirement_lines(os.path.join(ROOT, dependencies['python'])))
    controller = normalised(requirement_lines(os.path.join(ROOT, 'requirements.txt')))
    assert declared == controller, 'EE python requirements %s differ from requirements.txt %s' % (declared, controller)
    # Certified-collection rules: no ansible-core (the EE brings its own), no upper bounds.
    for name, specifier, _marker in declared:
        assert name not in ('ansible', 'ansible-core'), 'requirements.txt must not list %s' % name
        assert not any(op in specifier for op in ('<', '==', '~=')), \
            '%s %s: an upper bound or pin breaks EEs that combine collections' % (name, specifier)


def test_execution_environment_introspects_the_artifact(artifact_collections_path):
    """ansible-builder's own introspection (the step that runs inside the image build) finds
    the installed tarball's Python requirements: exactly requirements.txt."""
    output = run_tool('ansible-builder-introspect', ['ansible-builder', 'introspect', '--sanitize',
                                                     artifact_collections_path], timeout=120)
    document = yaml.safe_load(output[max(output.find('---'), 0):])
    found = [line.split('#', 1)[0].strip() for line in document['python'] if 'plivo.provisioning' in line]
    assert found, 'ansible-builder found no Python requirement of plivo.provisioning:\n' + output
    assert normalised(found) == normalised(requirement_lines(os.path.join(ROOT, 'requirements.txt')))


def test_execution_environment_build_context(tmp_path, collection_artifact):
    """`ansible-builder create` (offline: it only writes the build context; the image build
    itself needs podman or docker and network) accepts examples/execution-environment.yml,
    and the air-gapped variant that installs the built tarball carries that tarball."""
    example = os.path.join(ROOT, 'examples', 'execution-environment.yml')
    context = tmp_path / 'from-galaxy'
    run_tool('ansible-builder-create', ['ansible-builder', 'create', '-f', example, '-c', str(context)], timeout=120)
    requirements = yaml.safe_load((context / '_build' / 'requirements.yml').read_text())
    assert [item['name'] for item in requirements['collections']] == ['plivo.provisioning']
    (containerfile,) = [path for path in glob.glob(str(context / '*file')) if os.path.basename(path) in
                        ('Containerfile', 'Dockerfile')]
    with open(containerfile, encoding='utf-8') as handle:
        text = handle.read()
    assert 'introspect' in text and 'ansible-galaxy collection install' in text, text

    with open(example, encoding='utf-8') as handle:
        local = yaml.safe_load(handle)
    tarball = os.path.basename(collection_artifact)
    shutil.copy(collection_artifact, tmp_path / tarball)
    local['additional_build_files'] = [{'src': tarball, 'dest': 'collections'}]
    local['dependencies']['galaxy'] = {'collections': [{'name': 'collections/' + tarball, 'type': 'file'}]}
    (tmp_path / 'local.yml').write_text(yaml.safe_dump(local))
    context = tmp_path / 'from-artifact'
    run_tool('ansible-builder-create-local', ['ansible-builder', 'create', '-f', str(tmp_path / 'local.yml'),
                                              '-c', str(context)], cwd=str(tmp_path), timeout=120)
    assert (context / '_build' / 'collections' / tarball).is_file()


# -- changelog ---------------------------------------------------------------------------

def test_changelog_yaml_is_valid():
    """changelogs/changelog.yaml passes antsibull-changelog's schema check."""
    run_tool('antsibull-changelog-yaml', ['antsibull-changelog', 'lint-changelog-yaml',
                                          os.path.join(ROOT, 'changelogs', 'changelog.yaml')], timeout=120)


def test_changelog_is_released_and_current(tmp_path):
    """changelog.yaml and CHANGELOG.rst hold the release galaxy.yml names, with every fragment
    and every module: regenerating them in a scratch copy (`make changelog`) changes nothing."""
    version = load_yaml('galaxy.yml')['version']
    changes = load_yaml('changelogs', 'changelog.yaml')
    assert version in (changes.get('releases') or {}), 'changelog.yaml has no release %s: run make changelog' % version
    fragments = sorted(os.path.basename(path) for path in glob.glob(os.path.join(ROOT, 'changelogs', 'fragments',
                                                                                 '*.y*ml')))
    released = {name for release in changes['releases'].values() for name in release.get('fragments', [])}
    assert not set(fragments) - released, \
        'fragments in no release: %s; run make changelog' % sorted(set(fragments) - released)

    scratch = tmp_path / 'collection'
    shutil.copytree(ROOT, scratch, ignore=SCRATCH_IGNORE)
    run_tool('release-changelog', ['bash', os.path.join(str(scratch), 'tools', 'release-changelog')],
             cwd=str(scratch), timeout=300)
    stale = []
    for relative in (os.path.join('changelogs', 'changelog.yaml'), 'CHANGELOG.rst'):
        with open(os.path.join(ROOT, relative), encoding='utf-8') as handle:
            committed = handle.read().splitlines()
        with open(os.path.join(scratch, relative), encoding='utf-8') as handle:
            regenerated = handle.read().splitlines()
        stale += list(difflib.unified_diff(committed, regenerated, relative, relative + ' (regenerated)',
                                           lineterm=''))
    assert not stale, 'the changelog is not current; run make changelog. Difference:\n' + '\n'.join(stale)


# -- documentation -----------------------------------------------------------------------

def test_collection_docs_lint(artifact_collections_path):
    """antsibull-docs lint-collection-docs --plugin-docs, the docsite build's checks: every
    module's documentation renders to RST, and every O(), RV() and M() reference resolves."""
    collection = os.path.join(artifact_collections_path, COLLECTION_SUBPATH)
    env = tool_environment(ANSIBLE_COLLECTIONS_PATH=artifact_collections_path,
                           ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false')
    run_tool('antsibull-docs-lint', ['antsibull-docs', 'lint-collection-docs', '--plugin-docs',
                                     '--validate-collection-refs', 'all', collection],
             cwd=collection, env=env, timeout=600)


def test_action_group_lists_exactly_the_modules():
    """meta/runtime.yml's action group names every module once and nothing else, so
    module_defaults for group/plivo.provisioning.plivo reaches every module."""
    group = (load_yaml('meta', 'runtime.yml').get('action_groups') or {}).get(ACTION_GROUP) or []
    duplicates = [name for name, count in collections.Counter(group).items() if count > 1]
    assert not duplicates, 'listed twice in the action group: %s' % duplicates
    modules = set(discover_modules())
    missing, stale = sorted(modules - set(group)), sorted(set(group) - modules)
    assert not missing, 'missing from action group %s: %s' % (ACTION_GROUP, missing)
    assert not stale, 'in action group %s without a module: %s' % (ACTION_GROUP, stale)


@pytest.mark.parametrize('module', discover_modules())
def test_module_uses_the_connection_fragment(module):
    """Every module documents the connection options through the shared fragment, and its
    attributes through ATTRIBUTES (modules that change things) or INFO_ATTRIBUTES (_info)."""
    documentation = module_source_strings(module).get('DOCUMENTATION')
    assert documentation, '%s has no DOCUMENTATION' % module
    fragments = yaml.safe_load(documentation).get('extends_documentation_fragment') or []
    fragments = [fragments] if isinstance(fragments, str) else fragments
    attributes = CONNECTION_FRAGMENT + ('.INFO_ATTRIBUTES' if module.endswith('_info') else '.ATTRIBUTES')
    assert CONNECTION_FRAGMENT in fragments, '%s does not extend %s: %s' % (module, CONNECTION_FRAGMENT, fragments)
    assert attributes in fragments, '%s does not extend %s: %s' % (module, attributes, fragments)
