# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The code's shape, as docs/adding-a-resource.md promises it: small module_utils files with
explicit interfaces (no file reaches into another file's private names), and no Python 2
shims (the collection requires ansible-core 2.16 or later, whose controller and our
modules' python_requires are Python 3)."""

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
PLUGINS = sorted(p for p in (ROOT / 'plugins').rglob('*.py') if p.name != '__init__.py')
MODULE_UTILS = [p for p in PLUGINS if p.parent.name == 'module_utils']
MAX_LINES = 400


def private(name):
    return name.startswith('_') and not name.startswith('__')


def defined_private(tree):
    """Private names a file defines: top-level, in classes, and ``self._x`` attributes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and private(node.name):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and private(node.id):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and private(node.attr):
            names.add(node.attr)
    return names


def used_private(tree):
    """Private names a file reads as attributes or imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            names.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.name for a in node.names if private(a.name))
    return names


TREES = dict((p, ast.parse(p.read_text())) for p in PLUGINS)


@pytest.mark.parametrize('path', MODULE_UTILS, ids=lambda p: p.name)
def test_module_utils_files_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, '%s has %d lines; split it by what its parts do' % (path.name, lines)


@pytest.mark.parametrize('path', PLUGINS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_uses_another_files_private_names(path):
    own = defined_private(TREES[path])
    others = {}
    for other, tree in TREES.items():
        if other != path:
            for name in defined_private(tree):
                others.setdefault(name, other.name)
    crossing = sorted(n for n in used_private(TREES[path]) - own if n in others)
    assert not crossing, '%s uses private names of other files: %s' % (
        path.name, ', '.join('%s (%s)' % (n, others[n]) for n in crossing))


def test_the_private_name_check_finds_a_crossing():
    """The check above is only worth something if it catches what it looks for."""
    owner = ast.parse('class A:\n    def _hidden(self):\n        self._state = 1\n')
    user = ast.parse('def f(a):\n    return a._hidden(), a._state, a.public\n')
    assert defined_private(owner) == {'_hidden', '_state'}
    assert used_private(user) == {'_hidden', '_state'}


PY2_SHIMS = re.compile(r'from __future__ import|__metaclass__ = type|super\(\w+, self\)|'
                       r'except ImportError:  # pragma: no cover|\bsix\b')


@pytest.mark.parametrize('path', PLUGINS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_python2_shims(path):
    found = sorted(set(PY2_SHIMS.findall(path.read_text())))
    assert not found, '%s keeps Python 2 shims: %s' % (path.name, ', '.join(found))
