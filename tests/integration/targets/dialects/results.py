#!/usr/bin/env python
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dialects target's bookkeeping, for runme.sh.

    python results.py secrets RESULTS        print the secrets scenario.yml handed over in
                                             RESULTS, one a line, and remove them from it
    python results.py matrix SUMMARY MATRIX  print the matrix (reading x module family) and
                                             each failure, write it to MATRIX too; exit 1
                                             when any cell failed

RESULTS is what scenario.yml writes: {"reading", "failures": [{"family", "task", "msg"}],
"stopped": [family, ...] (the families of a chain that stopped early), "secrets": [...]}.
SUMMARY has one line per reading, tab-separated: reading, the playbook's exit status, the
secrets search's exit status, seconds, the run's log (RESULTS is the log's name with .json
for .log).
"""

from __future__ import annotations

import json
import os
import sys

FAMILIES = ['account', 'subaccount', 'carrier', 'application', 'endpoint', 'origination_uri',
            'credential', 'ip_acl', 'trunk', 'number']


def take_secrets(path):
    with open(path, encoding='utf-8') as handle:
        results = json.load(handle)
    secrets = results.pop('secrets', [])
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(results, handle, indent=2)
        handle.write('\n')
    for secret in secrets:
        print(secret)
    return 0


def reading_failures(status, log):
    try:
        with open(log[:-len('.log')] + '.json', encoding='utf-8') as handle:
            results = json.load(handle)
        failures = results['failures'] + [
            {'family': family, 'task': '-',
             'msg': 'its chain stopped before the end, see %s' % os.path.basename(log)}
            for family in results.get('stopped', [])]
    except (OSError, ValueError, KeyError, TypeError):
        return [{'family': family, 'task': '-',
                 'msg': 'no results: the run stopped early (exit status %s), see %s' % (status, os.path.basename(log))}
                for family in FAMILIES]
    if status != '0' and not failures:
        return [{'family': family, 'task': '-',
                 'msg': 'the playbook failed (exit status %s) though no family did, see %s'
                        % (status, os.path.basename(log))}
                for family in FAMILIES]
    return failures


def matrix(summary, path):
    rows, details = [], []
    with open(summary, encoding='utf-8') as handle:
        lines = [line.rstrip('\n').split('\t') for line in handle if line.strip()]
    for reading, status, secrets_status, seconds, log in lines:
        cells = dict.fromkeys(FAMILIES, 'pass')
        for failure in reading_failures(status, log):
            family = failure.get('family')
            cells[family if family in cells else FAMILIES[0]] = 'FAIL'
            details.append('%s / %s / %s: %s' % (reading, family, failure.get('task'), failure.get('msg')))
        cells['no_secrets'] = 'pass' if secrets_status == '0' else 'FAIL'
        if secrets_status != '0':
            details.append('%s / no_secrets: a secret appeared in the -v output, or too few secrets were '
                           'checked; see the end of %s' % (reading, os.path.basename(log)))
        rows.append((reading, seconds, cells))
    columns = FAMILIES + ['no_secrets']
    width = max([len('reading')] + [len(row[0]) for row in rows])
    text = ['%-*s  %7s  %s' % (width, 'reading', 'seconds', '  '.join(columns))]
    for reading, seconds, cells in rows:
        text.append('%-*s  %7s  %s' % (width, reading, seconds,
                                       '  '.join('%-*s' % (len(column), cells[column]) for column in columns)))
    failed = [row for row in rows if 'FAIL' in row[2].values()]
    text += ['', '%d of %d readings converged in every family' % (len(rows) - len(failed), len(rows))]
    if details:
        text += ['', 'failures (reading / family / task: message):'] + ['  ' + detail for detail in details]
    output = '\n'.join(text) + '\n'
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(output)
    sys.stdout.write(output)
    return 1 if failed or not rows else 0


def main():
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == 'secrets':
        return take_secrets(*arguments)
    if command == 'matrix':
        return matrix(*arguments)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
