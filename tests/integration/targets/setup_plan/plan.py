# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks for dry runs and teardowns, on the files task_changes.py and the emulator write.

    python plan.py compare CHECK.json APPLY.json   the real run changed exactly what --check
                                                   predicted, host by host, task by task
    python plan.py unchanged RUN.json              no task changed (an idempotent re-run)
    python plan.py changed RUN.json                how many tasks changed (printed)
    python plan.py state FILE                      save the emulator's resources (PLIVO_API_URL)
    python plan.py same-state BEFORE AFTER         the account holds what it held before
    python plan.py calls FILE [--clear]            save (and clear) the emulator's request log
    python plan.py no-writes CALLS.json            the calls held no POST, PUT, PATCH or DELETE
    python plan.py count CALLS.json                the calls by method (printed)

Used by `source ../setup_plan/plan.sh` in a target's runme.sh and by tools/demo.py. Exits 1
with a readable explanation when a check fails.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import collections
import json
import os
import sys

from urllib.request import Request, urlopen

WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')


class CheckFailed(Exception):
    """What a check found wrong, said so that the reader can act on it."""


def load(path):
    with open(path) as handle:
        return json.load(handle)


def save(path, data):
    with open(path, 'w') as handle:
        json.dump(data, handle, indent=1, sort_keys=True)


def control(method, name):
    request = Request('%s/__emulator__/%s' % (os.environ['PLIVO_API_URL'], name), method=method)
    response = urlopen(request, timeout=10)
    try:
        body = response.read()
    finally:
        response.close()
    return json.loads(body) if body else {}


def describe(entry):
    items = entry.get('items') or []
    if not items:
        return entry['status']
    return '%s (items: %s)' % (entry['status'], ', '.join(items))


def differences(check, apply):
    """Lines naming each host and task where the real run did not do what check mode said."""
    lines = []
    for host in sorted(set(check['hosts']) | set(apply['hosts'])):
        predicted = check['hosts'].get(host, [])
        done = apply['hosts'].get(host, [])
        for index in range(max(len(predicted), len(done))):
            left = predicted[index] if index < len(predicted) else None
            right = done[index] if index < len(done) else None
            if left == right:
                continue
            if left is None or right is None or left['task'] != right['task']:
                lines.append('%s: task %d is %r in check mode but %r in the real run; the runs ran different tasks'
                             % (host, index + 1, left and left['task'], right and right['task']))
                break
            lines.append('%s: %r predicted %s, did %s' % (host, left['task'], describe(left), describe(right)))
    return lines


def changed_tasks(run):
    return [(host, entry['task']) for host, entries in sorted(run['hosts'].items())
            for entry in entries if entry['status'] == 'changed']


def compare(check_path, apply_path):
    check, apply = load(check_path), load(apply_path)
    if not check.get('check_mode') or apply.get('check_mode'):
        raise CheckFailed('%s must be a --check run and %s a real one' % (check_path, apply_path))
    lines = differences(check, apply)
    if lines:
        raise CheckFailed('the real run did not do what the dry run predicted:\n  ' + '\n  '.join(lines))
    tasks = sum(len(entries) for entries in apply['hosts'].values())
    print('dry run told the truth: %d tasks on %d hosts, %d predicted changes, %d made'
          % (tasks, len(apply['hosts']), len(changed_tasks(check)), len(changed_tasks(apply))))


def unchanged(path):
    changed = changed_tasks(load(path))
    if changed:
        raise CheckFailed('%d tasks changed: %s' % (len(changed), '; '.join('%s: %s' % c for c in changed)))
    print('no task changed')


def resources():
    """The emulator's tables: every object the account holds, with every field."""
    state = control('GET', 'state')
    return state['tables']


def same_state(before_path, after_path):
    after = load(after_path)
    compare_tables(load(before_path), after)
    print('the account holds exactly what it held before (%d objects)' % sum(len(t) for t in after.values()))


def compare_tables(before, after):
    """The emulator's tables hold the same objects with the same fields, or CheckFailed."""
    lines = []
    for kind in sorted(set(before) | set(after)):
        old, new = before.get(kind, {}), after.get(kind, {})
        for key in sorted(set(old) | set(new)):
            if key not in new:
                lines.append('%s %s is gone' % (kind, key))
            elif key not in old:
                lines.append('%s %s is left over: %s' % (kind, key, json.dumps(new[key], sort_keys=True)))
            elif old[key] != new[key]:
                lines.append('%s %s changed: %s -> %s'
                             % (kind, key, json.dumps(old[key], sort_keys=True), json.dumps(new[key], sort_keys=True)))
    if lines:
        raise CheckFailed('the account differs from before:\n  ' + '\n  '.join(lines))


def calls(path, clear):
    save(path, control('GET', 'requests')['requests'])
    if clear:
        control('DELETE', 'requests')


def no_writes(path):
    writes = ['%s %s' % (c['method'], c['path']) for c in load(path) if c['method'] in WRITE_METHODS]
    if writes:
        raise CheckFailed('%d write requests: %s' % (len(writes), ', '.join(writes)))
    print('no write request (%d reads)' % len(load(path)))


def count(path):
    methods = collections.Counter(c['method'] for c in load(path))
    print('%d API calls (%s)' % (sum(methods.values()),
                                 ', '.join('%s %d' % m for m in sorted(methods.items())) or 'none'))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    sub = parser.add_subparsers(dest='command')
    sub.required = True
    sub.add_parser('compare').add_argument('files', nargs=2)
    sub.add_parser('unchanged').add_argument('files', nargs=1)
    sub.add_parser('changed').add_argument('files', nargs=1)
    sub.add_parser('state').add_argument('files', nargs=1)
    sub.add_parser('same-state').add_argument('files', nargs=2)
    calls_parser = sub.add_parser('calls')
    calls_parser.add_argument('files', nargs=1)
    calls_parser.add_argument('--clear', action='store_true')
    sub.add_parser('no-writes').add_argument('files', nargs=1)
    sub.add_parser('count').add_argument('files', nargs=1)
    args = parser.parse_args(argv)
    files = args.files
    try:
        if args.command == 'compare':
            compare(*files)
        elif args.command == 'unchanged':
            unchanged(files[0])
        elif args.command == 'changed':
            print(len(changed_tasks(load(files[0]))))
        elif args.command == 'state':
            save(files[0], resources())
        elif args.command == 'same-state':
            same_state(*files)
        elif args.command == 'calls':
            calls(files[0], args.clear)
        elif args.command == 'no-writes':
            no_writes(files[0])
        else:
            count(files[0])
    except CheckFailed as exc:
        print('FAILED: %s' % exc, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
