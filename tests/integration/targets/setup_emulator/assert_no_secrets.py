#!/usr/bin/env python
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fail when ansible-playbook output shows a secret the emulator holds.

    python ../setup_emulator/assert_no_secrets.py LOG [--min N] [--also SECRET ...]

Reads every secret from the emulator's state dump (``/__emulator__/state`` at
``$PLIVO_API_URL``): write-only passwords (``_password``) and subaccount ``auth_token``s,
plus the main account's ``$PLIVO_AUTH_TOKEN`` and any ``--also`` values; then looks for each
in LOG (typically the output of ``ansible-playbook -vvv``). A finding names the kind of secret,
where it lives and the log line number, never the secret. ``--min N`` fails when fewer than N
secrets were checked, so a run that created none cannot pass by accident.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.request

SECRET_KEYS = ('_password', 'auth_token')


def emulator_secrets(url):
    """{secret: description} for every secret in the emulator's state."""
    with urllib.request.urlopen('%s/__emulator__/state' % url, timeout=10) as response:
        state = json.load(response)
    found = {}
    for kind, table in state.get('tables', {}).items():
        for key, record in table.items():
            for field in SECRET_KEYS:
                value = record.get(field) if isinstance(record, dict) else None
                if isinstance(value, str) and value:
                    found[value] = '%s %s %s' % (kind, key, field.lstrip('_'))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('log')
    parser.add_argument('--min', type=int, default=1, help='fewest secrets that must be checked')
    parser.add_argument('--also', action='append', default=[], help='another secret to look for')
    args = parser.parse_args()
    secrets = emulator_secrets(os.environ['PLIVO_API_URL'])
    for value in [os.environ.get('PLIVO_AUTH_TOKEN')] + args.also:
        if value:
            secrets.setdefault(value, 'a secret given to the test')
    with open(args.log, encoding='utf-8', errors='replace') as handle:
        lines = handle.readlines()
    leaks = ['%s appears on line %d' % (what, number)
             for secret, what in sorted(secrets.items(), key=lambda item: item[1])
             for number, line in enumerate(lines, 1) if secret in line]
    if leaks:
        print('secrets leaked into %s:\n  %s' % (args.log, '\n  '.join(leaks)), file=sys.stderr)
        return 1
    if len(secrets) < args.min:
        print('only %d secrets to look for, expected at least %d' % (len(secrets), args.min),
              file=sys.stderr)
        return 1
    print('%d secrets checked against %d lines of %s: none found'
          % (len(secrets), len(lines), os.path.basename(args.log)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
