# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`: the fleet scenario against the emulator, the collection against two baselines.

The emulator runs with --latency-ms 50 (every API answer takes at least 50 ms, as a
remote API does) on a free loopback port. Runs, each on a freshly reset account:

1. the collection, first run: playbooks onboard_carrier.yml and pbx_fleet.yml (the roles,
   as users run them) over a generated inventory of 10 carriers and 20 PBX hosts;
2. the collection, converged re-run (must change nothing);
3. baseline (a): a sequential script using the official plivo SDK (bench/sdk_baseline.py);
4. baseline (b): a playbook of ansible.builtin.uri tasks (bench/uri_baseline.yml), on a
   scaled-down fleet and extrapolated linearly when --uri-scale < 1;
5. the collection's first and re-run again with latency 0, to split Ansible's own time
   from API time.

Each run records its wall time and the API calls by method from the emulator's request
log; bench/scenario.py computes the fewest calls the scenario can take. Writes
bench/results/bench-<time>.md and .json (and latest.md / latest.json).

Usage: .venv/bin/python bench/run.py [--forks 20] [--uri-scale 1] [--collections-path DIR]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.dirname(os.path.abspath(sys.executable))
sys.path.insert(0, HERE)

import scenario  # noqa: E402  pylint: disable=wrong-import-position

AUTH_ID = 'MABENCHMARK000000001'
AUTH_TOKEN = 'bench-token-000000001'
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')
RECAP = re.compile(r'^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)'
                   r'\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)')


class BenchError(Exception):
    """A run failed, or did not do what it must (a re-run that changed something)."""


class Emulator:
    """The emulator as a child process on a free port, and its control API."""

    def __init__(self, latency_ms):
        command = [sys.executable, os.path.join(ROOT, 'tests', 'emulator'), '--port', '0',
                   '--auth-id', AUTH_ID, '--auth-token', AUTH_TOKEN, '--latency-ms', str(latency_ms)]
        # pylint: disable-next=consider-using-with
        self.process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        text=True, env=dict(os.environ, PYTHONUNBUFFERED='1'))
        line = self.process.stdout.readline().strip()
        if not line.startswith('PLIVO_API_URL='):
            self.stop()
            raise BenchError('the emulator did not start: %r' % line)
        self.url = line.split('=', 1)[1]
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def control(self, method, name, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request('%s/__emulator__/%s' % (self.url, name), data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
        return json.loads(raw) if raw else {}

    def reset(self, latency_ms):
        self.control('POST', 'reset')
        self.control('POST', 'latency', {'ms': latency_ms})

    def requests(self):
        return self.control('GET', 'requests')['requests']

    def clear(self):
        self.control('DELETE', 'requests')

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def busy_seconds(log):
    """Seconds during which at least one API request was in flight (union of intervals)."""
    spans = sorted((e['time'], e['time'] + (e.get('duration_ms') or 0) / 1000.0) for e in log)
    total, end = 0.0, None
    for start, stop in spans:
        if end is None or start > end:
            total += stop - start
            end = stop
        elif stop > end:
            total += stop - end
            end = stop
    return total


def peak_concurrency(log):
    events = sorted([(e['time'], 1) for e in log]
                    + [(e['time'] + (e.get('duration_ms') or 0) / 1000.0, -1) for e in log])
    level = peak = 0
    for _moment, step in events:
        level += step
        peak = max(peak, level)
    return peak


def summarise(name, wall, log, recap=None, scale=1.0):
    methods = collections.Counter(e['method'] for e in log)
    statuses = collections.Counter(str(e.get('status')) for e in log)
    result = {
        'name': name, 'wall_s': round(wall, 2), 'calls': dict(sorted(methods.items())),
        'total': len(log), 'writes': sum(n for m, n in methods.items() if m in WRITES),
        'statuses': dict(sorted(statuses.items())), 'api_busy_s': round(busy_seconds(log), 2),
        'peak_concurrency': peak_concurrency(log), 'scale': scale,
    }
    if recap is not None:
        result['recap'] = recap
    if scale != 1:
        factor = 1.0 / scale
        result['measured'] = {'wall_s': result['wall_s'], 'calls': dict(result['calls']), 'total': result['total']}
        result['wall_s'] = round(wall * factor, 2)
        result['calls'] = dict((m, int(round(n * factor))) for m, n in result['calls'].items())
        result['total'] = int(round(len(log) * factor))
        result['writes'] = int(round(result['writes'] * factor))
        result['api_busy_s'] = round(result['api_busy_s'] * factor, 2)
    return result


def task_timing(path, wall):
    """A run's wall time split into tasks that run a plivo.provisioning module, the other
    tasks, and the rest (ansible-playbook start-up, inventory, plays), from bench_timer."""
    try:
        with open(path, encoding='utf-8') as handle:
            tasks = json.load(handle)['tasks']
    except (OSError, ValueError, KeyError):
        return None
    timed = [t for t in tasks if t.get('seconds') is not None]
    modules = [t for t in timed if t['action'].startswith('plivo.provisioning.') and t.get('ran')]
    others = [t for t in timed if t not in modules]
    return {'tasks': [dict(action=t['action'], seconds=round(t['seconds'], 3)) for t in timed],
            'module_tasks': len(modules), 'module_s': round(sum(t['seconds'] for t in modules), 2),
            'other_tasks': len(others), 'other_s': round(sum(t['seconds'] for t in others), 2),
            'startup_s': round(wall - sum(t['seconds'] for t in timed), 2)}


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = os.path.join(args.out, 'work')
        os.makedirs(self.work, exist_ok=True)
        self.emulator = None
        self.env = None
        self.cpu = None

    # -- inputs ----------------------------------------------------------------------------
    def write_inputs(self, tag, data):
        """The scenario as JSON (for the baselines) and as an inventory (for the roles)."""
        scenario_file = os.path.join(self.work, 'scenario-%s.json' % tag)
        with open(scenario_file, 'w', encoding='utf-8') as handle:
            json.dump(data, handle, indent=1)
        carriers = {}
        for carrier in data['carriers']:
            app = next(a for a in data['applications'] if a['name'] == carrier['application'])
            carriers[carrier['name']] = {
                'carrier_onboarding_carrier': {'name': carrier['name'], 'ip_set': carrier['ip_set']},
                'carrier_onboarding_application': {'name': app['name'], 'answer_url': app['answer_url']},
                'carrier_onboarding_endpoints': carrier['endpoints'],
            }
        pbx = {}
        for host in data['hosts']:
            pbx[host['host']] = {
                'pbx_trunk_address': host['address'],
                'pbx_trunk_fallback_address': host['fallback_address'],
                'pbx_trunk_public_addresses': host['public_addresses'],
                'pbx_trunk_credential': host['credential'],
                'pbx_trunk_numbers': host['numbers'],
                'pbx_trunk_number_source': {'carrier': host['carrier'], 'region': host['region']},
            }
        inventory = {'all': {
            'vars': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable},
            'children': {'plivo_carriers': {'hosts': carriers}, 'plivo_pbx': {'hosts': pbx}}}}
        inventory_file = os.path.join(self.work, 'inventory-%s.yml' % tag)
        with open(inventory_file, 'w', encoding='utf-8') as handle:
            json.dump(inventory, handle, indent=1)  # JSON is YAML
        return scenario_file, inventory_file

    # -- runners ---------------------------------------------------------------------------
    def timed(self, name, command, log_name, env=None):
        """Run a command with its output in a log file; (wall seconds, output)."""
        log_path = os.path.join(self.work, log_name + '.log')
        print('  %-34s' % name, end='', flush=True)
        started, cpu_before = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(log_path, 'w', encoding='utf-8') as log:
            returncode = subprocess.call(command, cwd=ROOT, env=env or self.env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT)
        wall = time.monotonic() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        with open(log_path, encoding='utf-8') as log:
            output = log.read()
        print('%7.1f s' % wall, flush=True)
        if returncode != 0:
            tail = '\n'.join(output.splitlines()[-30:])
            raise BenchError('%s failed (exit %d); see %s\n%s' % (name, returncode, log_path, tail))
        return wall, output

    def playbook(self, name, playbook, inventory, log_name, extra=()):
        command = [os.path.join(BIN, 'ansible-playbook'), '-i', inventory, '--forks', str(self.args.forks),
                   playbook] + list(extra)
        timer_file = os.path.join(self.work, 'timer-%s.json' % log_name)
        env = dict(self.env, ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, 'callback'),
                   ANSIBLE_CALLBACKS_ENABLED='bench_timer', BENCH_TIMER_FILE=timer_file)
        wall, output = self.timed(name, command, log_name, env)
        recap = {'hosts': 0, 'tasks': 0, 'changed': 0, 'failed': 0, 'timing': task_timing(timer_file, wall)}
        for line in output.splitlines():
            match = RECAP.match(re.sub(r'\x1b\[[0-9;]*m', '', line))
            if match:
                ok, changed, _unreachable, failed, skipped = (int(match.group(i)) for i in range(2, 7))
                recap['hosts'] += 1
                recap['tasks'] += ok + failed + skipped
                recap['changed'] += changed
                recap['failed'] += failed
        return wall, recap

    def phase(self, name, run, latency_ms, reset=True, scale=1.0):
        if reset:
            self.emulator.reset(latency_ms)
        else:
            self.emulator.control('POST', 'latency', {'ms': latency_ms})
        self.emulator.clear()
        self.cpu = None
        wall, recap = run()
        result = summarise(name, wall, self.emulator.requests(), recap, scale)
        result['cpu_s'] = round(self.cpu * (1.0 / scale), 2) if self.cpu is not None else None
        return result

    def run(self):
        args = self.args
        full = scenario.fleet()
        minimum = scenario.minimum_calls(full)
        scenario_file, inventory = self.write_inputs('full', full)
        fleet = args.playbook
        self.emulator = Emulator(args.latency_ms)
        self.env = dict(os.environ, PLIVO_API_URL=self.emulator.url, PLIVO_AUTH_ID=AUTH_ID,
                        PLIVO_AUTH_TOKEN=AUTH_TOKEN, ANSIBLE_COLLECTIONS_PATH=args.collections_path,
                        ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                        ANSIBLE_RETRY_FILES_ENABLED='false', ANSIBLE_NOCOLOR='1',
                        PATH=BIN + os.pathsep + os.environ.get('PATH', os.defpath))
        print('emulator at %s, latency %d ms, forks %d' % (self.emulator.url, args.latency_ms, args.forks))
        runs = {}

        def collection(tag):
            return lambda: self.playbook('collection (%s)' % tag, fleet, inventory, 'collection-' + tag)

        runs['first'] = self.phase('collection, first run', collection('first'), args.latency_ms)
        runs['converged'] = self.phase('collection, converged re-run', collection('re-run'), args.latency_ms,
                                       reset=False)
        if runs['converged']['recap']['changed'] or runs['converged']['writes']:
            raise BenchError('the re-run changed something: %s' % runs['converged'])
        if args.concurrency:
            # The same first run with the roles' connection option concurrency raised from
            # the modules' default (4): how much of the API time more parallel writes save.
            connection = json.dumps({'pbx_trunk_connection': {'concurrency': args.concurrency},
                                     'carrier_onboarding_connection': {'concurrency': args.concurrency}})
            runs['first_concurrent'] = self.phase(
                'collection, first run, concurrency %d' % args.concurrency, lambda: self.playbook(
                    'collection (first, concurrency %d)' % args.concurrency, fleet, inventory,
                    'collection-first-concurrency', ['-e', connection]), args.latency_ms)
        runs['sdk'] = self.phase('SDK script, first run', lambda: (self.timed(
            'SDK script', [sys.executable, os.path.join(HERE, 'sdk_baseline.py'), scenario_file], 'sdk')[0], None),
            args.latency_ms)
        if not args.skip_uri:
            uri_data = full if args.uri_scale == 1 else scenario.fleet(args.uri_scale)
            uri_scenario, uri_inventory = self.write_inputs('uri', uri_data)
            factor = len(full['hosts']) / len(uri_data['hosts'])
            runs['uri'] = self.phase(
                'uri playbook, first run', lambda: self.playbook(
                    'uri playbook', os.path.join(HERE, 'uri_baseline.yml'), uri_inventory, 'uri',
                    ['-e', 'scenario_file=' + uri_scenario]),
                args.latency_ms, scale=1.0 / factor)
        if not args.skip_loop:
            runs.update(self.loops())
        if not args.skip_overhead:
            runs['first_latency0'] = self.phase('collection, first run, latency 0', collection('first-latency0'), 0)
            runs['converged_latency0'] = self.phase('collection, re-run, latency 0', collection('re-run-latency0'),
                                                    0, reset=False)
        return {'latency_ms': args.latency_ms, 'forks': args.forks, 'minimum': minimum, 'runs': runs,
                'concurrency': args.concurrency,
                'python': sys.version.split()[0], 'cpus': os.cpu_count(),
                'load': '%.1f (1 min), %.1f (5 min) at the end' % os.getloadavg()[:2],
                'time': time.strftime('%Y-%m-%dT%H:%M:%S')}

    def loops(self):
        """The loop shape (bench/loop.yml, 61 objects, one task per kind with loop:) on both
        paths against the SDK script, and 100 _info reads in a loop at 0 ms latency."""
        args, runs = self.args, {}
        inventory = os.path.join(self.work, 'loop-inventory.yml')
        with open(inventory, 'w', encoding='utf-8') as handle:
            json.dump({'all': {'hosts': {'localhost': {
                'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}}, handle)
        for path in ('auto', 'module'):
            def loop(tag, playbook='loop.yml', path=path):
                return lambda: self.playbook('loop %s (%s)' % (tag, path), os.path.join(HERE, playbook),
                                             inventory, 'loop-%s-%s' % (tag, path), ['-e', 'plivo_execution=' + path])
            runs['loop_first_' + path] = self.phase('loop, first run, %s' % path, loop('first'), args.latency_ms)
            runs['loop_converged_' + path] = self.phase('loop, re-run, %s' % path, loop('re-run'), args.latency_ms,
                                                        reset=False)
            if runs['loop_converged_' + path]['writes']:
                raise BenchError('the loop re-run wrote: %s' % runs['loop_converged_' + path])
            runs['info_loop_' + path] = self.phase('100 _info reads, 0 ms, %s' % path,
                                                   loop('info', 'loop_info.yml'), 0)
        runs['loop_sdk'] = self.phase('loop, SDK script', lambda: (self.timed(
            'loop SDK script', [sys.executable, os.path.join(HERE, 'loop_sdk.py')], 'loop-sdk')[0], None),
            args.latency_ms)
        return runs

    def close(self):
        if self.emulator is not None:
            self.emulator.stop()


def ratio(a, b):
    return a / b if b else float('nan')


def markdown(report):
    runs, minimum = report['runs'], report['minimum']
    lines = ['| run | wall time | API calls | GET | POST | DELETE | minimum calls | calls / minimum |',
             '|---|---:|---:|---:|---:|---:|---:|---:|']
    rows = [('first', 'collection (roles), first run', minimum['first']['total']),
            ('converged', 'collection (roles), converged re-run', minimum['converged']['total']),
            ('first_concurrent', 'collection (roles), first run, concurrency %s' % report.get('concurrency'),
             minimum['first']['total']),
            ('sdk', 'plivo SDK script, first run', minimum['first']['total']),
            ('uri', 'ansible.builtin.uri playbook, first run', minimum['first']['total'])]
    for key, label, floor in rows:
        run = runs.get(key)
        if not run:
            continue
        if run.get('scale', 1) != 1:
            label += ' (measured at 1/%d scale, extrapolated x%d)' % (round(1 / run['scale']), round(1 / run['scale']))
        calls = run['calls']
        lines.append('| %s | %.1f s | %d | %d | %d | %d | %d | %.2fx |' % (
            label, run['wall_s'], run['total'], calls.get('GET', 0), calls.get('POST', 0), calls.get('DELETE', 0),
            floor, ratio(run['total'], floor)))
    first = runs['first']
    out = ['## Fleet benchmark', '',
           'Scenario: %s; emulator latency %d ms; forks %d; %d CPUs.' % (
               ', '.join('%d %s' % (n, k) for k, n in minimum['counts'].items()),
               report['latency_ms'], report['forks'], report['cpus']), '']
    out += lines + ['']
    checks = []
    converged = runs['converged']
    checks.append(('converged re-run: zero writes', converged['writes'] == 0, '%d writes' % converged['writes']))
    checks.append(('converged re-run: reads <= minimum (%d)' % minimum['converged']['total'],
                   converged['calls'].get('GET', 0) <= minimum['converged']['total'],
                   '%d reads' % converged['calls'].get('GET', 0)))
    checks.append(('first run: calls <= 1.1x minimum (%d)' % int(1.1 * minimum['first']['total']),
                   first['total'] <= 1.1 * minimum['first']['total'],
                   '%.2fx' % ratio(first['total'], minimum['first']['total'])))
    if 'sdk' in runs:
        value = ratio(first['wall_s'], runs['sdk']['wall_s'])
        checks.append(('first run wall time <= 0.5x SDK script', value <= 0.5, '%.2fx' % value))
    if 'uri' in runs:
        value = ratio(first['wall_s'], runs['uri']['wall_s'])
        checks.append(('first run wall time <= 0.1x uri playbook', value <= 0.1, '%.2fx' % value))
    concurrent = runs.get('first_concurrent')
    if concurrent and 'sdk' in runs:
        value = ratio(concurrent['wall_s'], runs['sdk']['wall_s'])
        checks.append(('(concurrency %s) first run wall time <= 0.5x SDK script' % report.get('concurrency'),
                       value <= 0.5, '%.2fx' % value))
    if concurrent and 'uri' in runs:
        value = ratio(concurrent['wall_s'], runs['uri']['wall_s'])
        checks.append(('(concurrency %s) first run wall time <= 0.1x uri playbook' % report.get('concurrency'),
                       value <= 0.1, '%.2fx' % value))
    out += ['| target | met | measured |', '|---|---|---|']
    out += ['| %s | %s | %s |' % (name, 'yes' if ok else 'NO', value) for name, ok, value in checks]
    out += ['', 'Minimum calls (bench/scenario.py, `minimum_calls`):', '',
            '- first run: %s = %d' % (minimum['formula']['first'], minimum['first']['total']),
            '- converged re-run: %s = %d' % (minimum['formula']['converged'], minimum['converged']['total'])]
    out += loop_markdown(report)
    if 'first_latency0' in runs:
        out += ['', 'Where the time goes (collection):', '',
                '| run | wall at %d ms | wall at 0 ms | waiting on the API (difference) | API busy (a request in flight) '
                '| CPU of ansible-playbook and its workers | task results |' % report['latency_ms'],
                '|---|---:|---:|---:|---:|---:|---:|']
        for key, zero, label in (('first', 'first_latency0', 'first run'),
                                 ('converged', 'converged_latency0', 're-run')):
            run, base = runs[key], runs[zero]
            out.append('| %s | %.1f s | %.1f s | %.1f s | %.1f s | %.1f s | %d |' % (
                label, run['wall_s'], base['wall_s'], run['wall_s'] - base['wall_s'], run['api_busy_s'],
                run['cpu_s'] or 0, run['recap']['tasks']))
        out += ['', 'At 0 ms the API answers at once, so that wall time is Ansible itself (forks, module start-up, '
                'templating) and the emulator\'s own work; the difference to %d ms is time spent waiting on the API. '
                'Load average during the run: %s.' % (report['latency_ms'], report.get('load', '?'))]
        out += ['', 'Where Ansible\'s time goes (per-task wall time, bench/callback/bench_timer.py; a module task that '
                'was skipped counts as another task):', '',
                '| run | ansible-playbook start-up and plays | tasks that run a plivo module | other tasks '
                '(argument specs, set_fact, assert, debug) |', '|---|---:|---:|---:|']
        for key, label in (('first', 'first run, %d ms' % report['latency_ms']), ('first_latency0', 'first run, 0 ms'),
                           ('converged', 're-run, %d ms' % report['latency_ms']),
                           ('converged_latency0', 're-run, 0 ms')):
            timing = (runs.get(key) or {}).get('recap', {}).get('timing')
            if timing:
                out.append('| %s | %.1f s | %.1f s (%d tasks) | %.1f s (%d tasks) |' % (
                    label, timing['startup_s'], timing['module_s'], timing['module_tasks'], timing['other_s'],
                    timing['other_tasks']))
    return '\n'.join(out) + '\n'


def info_overhead_ms(run):
    """Per-item time of the 100-read loop beyond the API's own time, in milliseconds."""
    timing = (run.get('recap') or {}).get('timing') or {}
    tasks = [t for t in timing.get('tasks', []) if t['action'].endswith('plivo_application_info')]
    seconds = tasks[0]['seconds'] if tasks else timing.get('module_s', run['wall_s'])
    return 1000.0 * (seconds - run['api_busy_s']) / 100


def loop_markdown(report):
    runs = report['runs']
    if 'loop_sdk' not in runs:
        return []
    sdk = runs['loop_sdk']
    out = ['', '## Loop benchmark', '',
           'bench/loop.yml: 61 objects (5 carriers, 1 application, 5 number adds of 40, 20 endpoints, '
           '10 origination URIs, 5 IP ACLs, 5 credentials, 10 trunks), one task per kind with `loop:`, '
           'against bench/loop_sdk.py making the same writes; latency %d ms.' % report['latency_ms'], '',
           '| run | wall time | API calls | writes | vs SDK time | vs SDK calls |', '|---|---:|---:|---:|---:|---:|']
    for key, label in (('loop_first_auto', 'first run, in-process'), ('loop_converged_auto', 're-run, in-process'),
                       ('loop_first_module', 'first run, module path'),
                       ('loop_converged_module', 're-run, module path'), ('loop_sdk', 'SDK script')):
        run = runs[key]
        out.append('| %s | %.1f s | %d | %d | %.2fx | %.2fx |' % (
            label, run['wall_s'], run['total'], run['writes'], ratio(run['wall_s'], sdk['wall_s']),
            ratio(run['total'], sdk['total'])))
    checks = []
    for path, label in (('auto', 'in-process'), ('module', 'module path')):
        first, again = runs['loop_first_' + path], runs['loop_converged_' + path]
        checks += [('%s: first run wall time <= 1.5x SDK' % label, ratio(first['wall_s'], sdk['wall_s']) <= 1.5,
                    '%.2fx' % ratio(first['wall_s'], sdk['wall_s'])),
                   ('%s: first run requests <= 2.2x SDK' % label, ratio(first['total'], sdk['total']) <= 2.2,
                    '%.2fx' % ratio(first['total'], sdk['total'])),
                   ('%s: re-run wall time <= 1.0x SDK first run' % label,
                    ratio(again['wall_s'], sdk['wall_s']) <= 1.0, '%.2fx' % ratio(again['wall_s'], sdk['wall_s'])),
                   ('%s: 100 _info reads at 0 ms, per-item overhead <= 15 ms' % label,
                    info_overhead_ms(runs['info_loop_' + path]) <= 15,
                    '%.1f ms' % info_overhead_ms(runs['info_loop_' + path]))]
    out += ['', '| target | met | measured |', '|---|---|---|']
    out += ['| %s | %s | %s |' % (name, 'yes' if ok else 'NO', value) for name, ok, value in checks]
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--latency-ms', type=int, default=50)
    parser.add_argument('--forks', type=int, default=20)
    parser.add_argument('--uri-scale', type=float, default=1.0,
                        help='run the uri baseline on this fraction of the fleet and extrapolate (e.g. 0.1)')
    parser.add_argument('--skip-uri', action='store_true')
    parser.add_argument('--concurrency', type=int, default=10,
                        help='also time the first run with this concurrency for the roles (0: do not)')
    parser.add_argument('--skip-overhead', action='store_true', help='skip the latency-0 runs')
    parser.add_argument('--skip-loop', action='store_true', help='skip the loop-shape benchmark')
    parser.add_argument('--collections-path', default=os.path.join(ROOT, '.collections'))
    parser.add_argument('--playbook', default=os.path.join(HERE, 'fleet.yml'),
                        help='the collection run: a playbook over the generated inventory')
    parser.add_argument('--out', default=os.path.join(HERE, 'results'))
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    bench = Bench(args)
    try:
        report = bench.run()
    finally:
        bench.close()
    text = markdown(report)
    stamp = time.strftime('%Y%m%d-%H%M%S')
    for name in ('bench-%s' % stamp, 'latest'):
        with open(os.path.join(args.out, name + '.json'), 'w', encoding='utf-8') as handle:
            json.dump(report, handle, indent=2)
        with open(os.path.join(args.out, name + '.md'), 'w', encoding='utf-8') as handle:
            handle.write(text)
    print('\n' + text)
    print('written: %s' % os.path.join(args.out, 'bench-%s.{md,json}' % stamp))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except BenchError as error:
        print('\nbench: FAILED: %s' % error, file=sys.stderr)
        sys.exit(1)
