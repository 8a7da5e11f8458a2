"""`make demo`: run playbooks/demo.yml against the bundled Plivo API emulator, three times.

1. ``--check --diff``: what would change; must send no write to the API.
2. for real (``--diff``): makes the changes.
3. again: must report changed=0 (idempotence).

Then a summary: each run's play recap and the API calls the emulator saw during it. The
emulator runs on a free loopback port and is stopped however the demo ends.

Usage: .venv/bin/python tools/demo.py [--playbook PATH] [--auth-id ID] [--auth-token TOKEN]
(run by `make demo`, after `make install` has put the collection under .collections/).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
BIN = os.path.dirname(os.path.abspath(sys.executable))
WRITE_METHODS = {'POST', 'PUT', 'PATCH', 'DELETE'}
RUNS = (
    ('check', ['--check', '--diff']),
    ('apply', ['--diff']),
    ('re-apply', []),
)
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

    def stop(self):
        stop_process(self.process)


def run_playbook(playbook, options, env):
    """Run ansible-playbook, echoing its output; return (exit code, recap lines)."""
    command = [os.path.join(BIN, 'ansible-playbook'), playbook] + options
    print('\n$ ansible-playbook %s %s' % (os.path.relpath(playbook, ROOT), ' '.join(options)), flush=True)
    recap = []
    # pylint: disable-next=consider-using-with
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:
            sys.stdout.write(line)
            plain = re.sub(r'\x1b\[[0-9;]*m', '', line)
            if RECAP_LINE.match(plain):
                recap.append(plain.strip())
        process.wait()
    finally:
        # Interrupted (SIGTERM, Ctrl-C): end the playbook too rather than wait for it.
        stop_process(process)
        process.stdout.close()
        sys.stdout.flush()
    return process.returncode, recap


def describe_call(call):
    query = call.get('query')
    if isinstance(query, dict):
        query = '&'.join('%s=%s' % item for item in sorted(query.items()))
    return '%s %s%s' % (call.get('method'), call.get('path'), '?' + query if query else '')


def summarise(results):
    print('\n==== demo summary ' + '=' * 52)
    for name, options, recap, calls in results:
        methods = collections.Counter(call.get('method') for call in calls)
        print('\n%s (ansible-playbook %s)' % (name, ' '.join(options) or 'with no options'))
        for line in recap:
            print('  recap: ' + re.sub(r'\s+', ' ', line))
        print('  API calls: %d (%s)' % (len(calls), ', '.join('%s %d' % item for item in sorted(methods.items())) or 'none'))
        for call, count in collections.Counter(describe_call(call) for call in calls).items():
            print('    %3d x %s' % (count, call))


def check(results):
    """The demo's promises: check mode writes nothing, the second apply changes nothing."""
    problems = []
    by_name = {name: (recap, calls) for name, _options, recap, calls in results}
    check_writes = [call for call in by_name['check'][1] if call.get('method') in WRITE_METHODS]
    if check_writes:
        problems.append('--check sent %d write(s) to the API: %s'
                        % (len(check_writes), ', '.join(describe_call(call) for call in check_writes)))
    for line in by_name['re-apply'][0]:
        match = RECAP_LINE.match(line)
        if match and match.group(2) != '0':
            problems.append('the re-apply was not idempotent: %s' % re.sub(r'\s+', ' ', line))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--playbook', default=os.path.join(ROOT, 'playbooks', 'demo.yml'))
    parser.add_argument('--auth-id', default='MAPLIVOEMULATOR00001')
    parser.add_argument('--auth-token', default='emulator-token')
    args = parser.parse_args(argv)

    # Turn SIGTERM into an exception so that the emulator is stopped on every way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    emulator = Emulator(args.auth_id, args.auth_token)
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
        )
        results = []
        for name, options in RUNS:
            emulator.clear_requests()
            returncode, recap = run_playbook(args.playbook, options, env)
            if returncode != 0:
                raise DemoError('the %s run failed (ansible-playbook exited %d)' % (name, returncode))
            results.append((name, options, recap, emulator.requests()))
        summarise(results)
        problems = check(results)
    finally:
        emulator.stop()
    if problems:
        raise DemoError('; '.join(problems))
    print('\ndemo: OK (check mode wrote nothing; the second apply changed nothing)')
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except DemoError as error:
        print('\ndemo: FAILED: %s' % error, file=sys.stderr)
        sys.exit(1)
