"""Seed ansible-test's pip bootstrap script so that ``--venv`` works without general internet.

ansible-test fills each virtual environment it creates by running a get-pip script that it
downloads once from ci-files.testing.ansible.com and caches as
``~/.ansible/test/cache/get_pip_<version>.py``. Machines that reach only a package index
cannot download it. This writes a stand-in at that path which bootstraps the pip bundled
with the interpreter (``ensurepip``, no network) and then, as get-pip does, installs the
packages ansible-test asked for (``pip==<version>``) from the configured index, keeping the
bundled pip if the index cannot be reached.

Run it with the interpreter that has ansible-test installed:
``.venv/bin/python tools/seed_ansible_test_cache.py``.
"""

from __future__ import annotations

import os
import sys
import types

MARKER = '# plivo.provisioning: offline stand-in for get-pip.py'

STAND_IN = MARKER + '''
# Written by tools/seed_ansible_test_cache.py; delete it to have ansible-test download the real one.
import ensurepip
import os
import subprocess
import sys

GET_PIP_ONLY_OPTIONS = {'--no-setuptools': 'setuptools', '--no-wheel': 'wheel'}

args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
unwanted = [GET_PIP_ONLY_OPTIONS[arg] for arg in sys.argv[1:] if arg in GET_PIP_ONLY_OPTIONS]

# ensurepip removes every PIP_* variable from os.environ and points pip at an empty config
# file; the follow-up install must see the user's pip settings (index, certificates).
environment = dict(os.environ)
ensurepip.bootstrap(upgrade=True)

if any(not arg.startswith('-') for arg in args):
    if subprocess.call([sys.executable, '-m', 'pip', 'install'] + args, env=environment) != 0:
        sys.stderr.write('get-pip stand-in: could not install %s; keeping the bundled pip\\n' % ' '.join(args))

if unwanted:
    subprocess.call([sys.executable, '-m', 'pip', 'uninstall', '--yes', '--quiet'] + unwanted,
                    env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
'''


def pip_version() -> str:
    """Return the pip version whose get-pip script ansible-test looks for with this Python."""
    # pylint: disable-next=import-outside-toplevel
    from ansible_test._internal.python_requirements import get_venv_packages

    python = types.SimpleNamespace(version='%d.%d' % sys.version_info[:2])
    return get_venv_packages(python)['pip']


def main() -> int:
    """Write the stand-in unless a real get-pip script (or this very stand-in) is there."""
    version = pip_version()
    cache = os.path.expanduser('~/.ansible/test/cache/get_pip_%s.py' % version.replace('.', '_'))

    if os.path.exists(cache):
        with open(cache, encoding='utf-8') as handle:
            current = handle.read()
        if current == STAND_IN:
            return 0
        if not current.startswith(MARKER) and 'ensurepip' not in current:
            print('seed-ansible-test-cache: keeping the downloaded %s' % cache)
            return 0

    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(cache + '.tmp', 'w', encoding='utf-8') as handle:
        handle.write(STAND_IN)
    os.replace(cache + '.tmp', cache)
    print('seed-ansible-test-cache: wrote %s (pip %s)' % (cache, version))
    return 0


if __name__ == '__main__':
    sys.exit(main())
