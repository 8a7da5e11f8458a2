"""`make demo`: run playbooks/demo.yml with its inventory against the bundled Plivo API emulator.

1. ``--check --diff``: what would change, on an empty account; must send no write to the API.
2. for real (``--diff``): makes the changes, and must change exactly what step 1 predicted,
   host by host and task by task.
3. again: must report changed=0 and send no write (idempotence).
4. playbooks/drift_report.yml: must find no drift, and send no write.
With ``--teardown`` (`make demo-teardown`), then:
5. playbooks/teardown.yml ``--check --diff``: what would be removed; no write.
6. playbooks/teardown.yml for real: must remove exactly what step 5 predicted, and leave the
   account as it was before step 2.

Then a summary: each run's play recap, wall time and API calls, and what the phones and
PBXs are to be configured with (SIP usernames, trunk domains, credential usernames), as the
API holds them. The emulator runs on a free loopback port and is stopped however the demo ends.

Usage: .venv/bin/python tools/demo.py [--teardown] [--playbook PATH] [--inventory PATH]
                                      [--auth-id ID] [--auth-token TOKEN]
(run by `make demo` and `make demo-teardown`, after `make install` has put the collection
under .collections/).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
BIN = os.path.dirname(os.path.abspath(sys.executable))
WRITE_METHODS = {'POST', 'PUT', 'PATCH', 'DELETE'}
PLAYBOOKS = os.path.join(ROOT, 'playbooks')
# (name, playbook, options): the demo's runs, in order; the teardown runs with --teardown.
RUNS = (
    ('check', 'demo.yml', ['--check', '--diff']),
    ('apply', 'demo.yml', ['--diff']),
    ('re-apply', 'demo.yml', []),
    ('drift report', 'drift_report.yml', []),
)
TEARDOWN_RUNS = (
    ('teardown check', 'teardown.yml', ['--check', '--diff']),
    ('teardown', 'teardown.yml', ['--diff']),
)
# The integration tests' helpers: a callback that records, per host and task, whether it
# changed, and the comparison of a dry run with the real run that follows.
PLAN_DIR = os.path.join(ROOT, 'tests', 'integration', 'targets', 'setup_plan')


def load_plan():
    spec = importlib.util.spec_from_file_location('plan', os.path.join(PLAN_DIR, 'plan.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


plan = load_plan()
RECAP_LINE = re.compile(r'^(\S+)\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)')


def stop_process(process):
    """Terminate a child that is still running, killing it if it does not stop in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class DemoError(Exception):
    """The demo cannot go on, or what it showed is wrong."""


class Emulator:
    """The emulator as a child process on a free loopback port, with its control API."""

    def __init__(self, auth_id, auth_token):
        command = [sys.executable, os.path.join(ROOT, 'tests', 'emulator'), '--port', '0',
                   '--auth-id', auth_id, '--auth-token', auth_token]
        env = dict(os.environ, PYTHONUNBUFFERED='1')
        # pylint: disable-next=consider-using-with
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, text=True)
        self.url = self._read_url(timeout=30)
        # Keep draining its output so that it never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def _read_url(self, timeout):
        first_line = []
        reader = threading.Thread(target=lambda: first_line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        line = first_line[0].strip() if first_line else ''
        if not line.startswith('PLIVO_API_URL='):
            self.stop()
            raise DemoError('the emulator did not start (first line of output: %r)' % line)
        return line.split('=', 1)[1]

    def control(self, method, name):
        request = urllib.request.Request('%s/__emulator__/%s' % (self.url, name), method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def requests(self):
        return self.control('GET', 'requests')['requests']

    def clear_requests(self):
        self.control('DELETE', 'requests')

    def tables(self):
        return self.control('GET', 'state')['tables']

    def stop(self):
        stop_process(self.process)


def run_playbook(playbook, options, env):
    """Run ansible-playbook, echoing its output; return (exit code, recap lines, wall seconds)."""
    command = [os.path.join(BIN, 'ansible-playbook'), playbook] + options
    print('\n$ ansible-playbook %s %s' % (os.path.relpath(playbook, ROOT), ' '.join(options)), flush=True)
    recap = []
    started = time.monotonic()
    # pylint: disable-next=consider-using-with
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:
            sys.stdout.write(line)
            plain = re.sub(r'\x1b\[[0-9;]*m', '', line)
            if RECAP_LINE.match(plain):
                recap.append(plain.strip())
            if 'No drift: the account matches the inventory.' in plain:
                recap.append('no drift')
        process.wait()
    finally:
        # Interrupted (SIGTERM, Ctrl-C): end the playbook too rather than wait for it.
        stop_process(process)
        process.stdout.close()
        sys.stdout.flush()
    return process.returncode, recap, time.monotonic() - started


def describe_call(call):
    query = call.get('query')
    if isinstance(query, dict):
        query = '&'.join('%s=%s' % item for item in sorted(query.items()))
    return '%s %s%s' % (call.get('method'), call.get('path'), '?' + query if query else '')


class Run:
    """One ansible-playbook run of the demo and what it did."""

    def __init__(self, name, options, recap, calls, seconds, changes):
        self.name = name
        self.options = options
        self.recap = [line for line in recap if line != 'no drift']
        self.no_drift = 'no drift' in recap
        self.calls = calls
        self.seconds = seconds
        self.changes = changes  # the task_changes callback's record (plan.py reads it)

    def changed_hosts(self):
        return [line for line in self.recap if RECAP_LINE.match(line) and RECAP_LINE.match(line).group(2) != '0']

    def writes(self):
        return [call for call in self.calls if call.get('method') in WRITE_METHODS]


def summarise(runs):
    print('\n==== demo summary ' + '=' * 52)
    for run in runs:
        methods = collections.Counter(call.get('method') for call in run.calls)
        print('\n%s (ansible-playbook %s): %.1f s' % (run.name, ' '.join(run.options) or 'with no options', run.seconds))
        for line in run.recap:
            print('  recap: ' + re.sub(r'\s+', ' ', line))
        print('  API calls: %d (%s)' % (len(run.calls), ', '.join('%s %d' % item for item in sorted(methods.items())) or 'none'))
        for call, count in collections.Counter(describe_call(call) for call in run.calls).items():
            print('    %3d x %s' % (count, call))


def show_configuration(tables):
    """What phones and PBXs are configured with, as the API holds it after the apply."""
    print('\n==== what to configure ' + '=' * 47)
    print('\nSIP phones (register at phone.plivo.com; Plivo appended 12 digits to each username):')
    for endpoint in sorted(tables.get('endpoint', {}).values(), key=lambda e: e.get('username', '')):
        print('  %-12s username %s' % (endpoint.get('alias'), endpoint.get('username')))
    credentials = dict((c['credential_uuid'], c['username']) for c in tables.get('zentrunk_credential', {}).values())
    print('\nPBXs (outbound proxy = trunk domain of the <name>-out trunk):')
    for trunk in sorted(tables.get('zentrunk_trunk', {}).values(), key=lambda t: t.get('name', '')):
        if trunk.get('trunk_direction') != 'outbound':
            continue
        auth = []
        if trunk.get('credential_uuid'):
            auth.append('digest username %s' % credentials.get(trunk['credential_uuid']))
        if trunk.get('ipacl_uuid'):
            auth.append('IP ACL')
        print('  %-10s %s (%s)' % (trunk['name'][:-len('-out')], trunk.get('trunk_domain') or '%s.zt.plivo.com' % trunk['trunk_id'],
                                   ' + '.join(auth)))


def show_predictions(runs):
    """How many changes each dry run predicted, and how many the real run that followed made."""
    by_name = dict((run.name, run) for run in runs)
    print()
    for dry, real in (('check', 'apply'), ('teardown check', 'teardown')):
        if dry in by_name and real in by_name:
            predicted, done = (plan.changed_tasks(by_name[name].changes) for name in (dry, real))
            print('%s predicted %d changed tasks on %d hosts; the %s changed %d, %s'
                  % (dry, len(predicted), len(set(host for host, _task in predicted)), real, len(done),
                     'the same, task by task' if predicted == done and not plan.differences(
                         by_name[dry].changes, by_name[real].changes) else 'NOT the same'))


def check(runs, before_apply, after_teardown):
    """The demo's promises, as a list of what went wrong."""
    problems = []
    by_name = dict((run.name, run) for run in runs)
    for name in ('check', 'drift report', 'teardown check'):
        writes = by_name[name].writes() if name in by_name else []
        if writes:
            problems.append('%s sent %d write(s) to the API: %s'
                            % (name, len(writes), ', '.join(describe_call(call) for call in writes)))
    for dry, real in (('check', 'apply'), ('teardown check', 'teardown')):
        if dry in by_name and real in by_name:
            lines = plan.differences(by_name[dry].changes, by_name[real].changes)
            if lines:
                problems.append('the %s did not do what the %s predicted: %s' % (real, dry, '; '.join(lines)))
    again = by_name['re-apply']
    if again.changed_hosts() or again.writes():
        problems.append('the re-apply was not idempotent: %s; %d write(s)'
                        % ('; '.join(again.changed_hosts()) or 'changed=0', len(again.writes())))
    drift = by_name['drift report']
    if not drift.no_drift or drift.changed_hosts():
        problems.append('the drift report found drift right after the apply')
    if after_teardown is not None:
        try:
            plan.compare_tables(before_apply, after_teardown)
        except plan.CheckFailed as exc:
            problems.append('the teardown did not leave the account as it was: %s' % exc)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--playbooks', default=PLAYBOOKS, help='the directory of demo.yml, drift_report.yml, teardown.yml')
    parser.add_argument('--inventory', default=os.path.join(PLAYBOOKS, 'inventory', 'demo.yml'))
    parser.add_argument('--teardown', action='store_true', help='then remove it all with teardown.yml')
    parser.add_argument('--auth-id', default='MAPLIVOEMULATOR00001')
    parser.add_argument('--auth-token', default='emulator-token')
    args = parser.parse_args(argv)

    # Turn SIGTERM into an exception so that the emulator is stopped on every way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    emulator = Emulator(args.auth_id, args.auth_token)
    work = tempfile.mkdtemp(prefix='plivo-demo-')
    try:
        print('Plivo API emulator at %s (auth id %s)' % (emulator.url, args.auth_id), flush=True)
        env = dict(os.environ)
        env.update(
            PATH=BIN + os.pathsep + env.get('PATH', os.defpath),
            PLIVO_API_URL=emulator.url,
            PLIVO_AUTH_ID=args.auth_id,
            PLIVO_AUTH_TOKEN=args.auth_token,
            ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'),
            ANSIBLE_LOCALHOST_WARNING='false',
            ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
            ANSIBLE_RETRY_FILES_ENABLED='false',
            ANSIBLE_CALLBACK_PLUGINS=os.path.join(PLAN_DIR, 'callback_plugins'),
            ANSIBLE_CALLBACKS_ENABLED='task_changes',
        )
        runs = []
        before_apply = emulator.tables()
        after_teardown = None
        for name, playbook, options in RUNS + (TEARDOWN_RUNS if args.teardown else ()):
            emulator.clear_requests()
            changes_file = os.path.join(work, re.sub(r'\W+', '-', name) + '.json')
            env['TASK_CHANGES_FILE'] = changes_file
            returncode, recap, seconds = run_playbook(os.path.join(args.playbooks, playbook),
                                                      ['-i', args.inventory] + options, env)
            if returncode != 0:
                raise DemoError('the %s run failed (ansible-playbook exited %d)' % (name, returncode))
            with open(changes_file, encoding='utf-8') as handle:
                changes = json.load(handle)
            runs.append(Run(name, options, recap, emulator.requests(), seconds, changes))
            if name == 'drift report':
                configured = emulator.tables()
        if args.teardown:
            after_teardown = emulator.tables()
        summarise(runs)
        show_configuration(configured)
        problems = check(runs, before_apply, after_teardown)
        show_predictions(runs)
    finally:
        emulator.stop()
    if problems:
        raise DemoError('; '.join(problems))
    print('\ndemo: OK (check mode wrote nothing and predicted the apply task by task; the second apply changed '
          'nothing; no drift%s)' % ('; the teardown removed it all' if args.teardown else ''))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except DemoError as error:
        print('\ndemo: FAILED: %s' % error, file=sys.stderr)
        sys.exit(1)
