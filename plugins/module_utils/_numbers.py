# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many phone numbers at once: the bulk loop behind plivo_number and the number _info modules.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A fleet converges hundreds of numbers per task, so this loop works on the whole list:
read the state of every listed number in as few requests as the account allows
(``NumberReader``), decide per number, then write in as few requests as the API allows:
one add call per chunk of numbers from an incoming carrier (the resource's ``BatchCreate``),
one POST per number whose settings differ, one DELETE per number to remove. This file
plans; ``_number_writes`` writes, through the engine's apply core (``_batch``).

The per-number settings are ordinary ``Field`` objects handed in by the module, compared
and sent by the shared ``Reconciler`` (so references go through the one ``Resolver``, and
check-mode ``Pending`` works as everywhere else). The API's add and buy calls accept some
settings directly (``BatchCreate.carries``, ``BUY_CALL_FIELDS``, by API field name); a fresh
number is returned as built from what that call sent (no read-back), and whatever it still
lacks afterwards (an alias) is read back and set by the same per-number update, so a module
only lists fields.

``groups`` converges many such lists in one task, each with its own settings (a fleet of
PBX hosts: each host's numbers linked to its own trunk): the numbers of every group are
read at once, references resolved through one Resolver (a kind named by more than
``FILTERED_UP_TO`` objects is listed once, ``ListingResolver.list_where_cheaper``), and the
writes of all groups share one pool; each group sees the module as a list-form item does
(``_batch.ItemModule``).

A second kind of link (an inbound Zentrunk trunk, set through the same ``app_id``) is one
more ``Field(..., kind=LinkRef(TRUNK), api='app_id', read='application')`` in the module,
mutually exclusive with ``app``.
"""

import functools

from ansible_collections.plivo.provisioning.plugins.module_utils._batch import ItemModule
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import CARRIER
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import AccountRef, Ref
from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import (
    NumberReader, normalise_numbers)
from ansible_collections.plivo.provisioning.plugins.module_utils._number_writes import NumberWrites
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import (
    Context, ListingResolver)
from ansible_collections.plivo.provisioning.plugins.module_utils._results import keyed_item, plain
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, validate_options)

# What a group of ``groups`` may set; an option it leaves unset takes the task's value.
GROUP_OPTIONS = ('state', 'carrier', 'region', 'number_type', 'buy', 'app', 'trunk', 'alias',
                 'subaccount')
# Options that set the same thing (a number's one link): a group that sets one of them
# takes neither from the task.
SAME_SETTING = (('app', 'trunk'),)


class NumberGroup:
    """Numbers that share settings: ``groups[i]``, or the task's ``numbers`` (``label`` None).

    ``reconciler``: the shared Reconciler over the group's options, which normalises,
    compares and sends the per-number fields (one Resolver for all groups).
    """

    def __init__(self, label, params, numbers, module, resource, resolver):
        self.label = label
        self.params = params
        self.numbers = numbers
        self.reconciler = Reconciler(ItemModule(module, params), resource, resolver)
        self.desired = {}
        self.carried = []  # the options the add or buy call carries
        self.template = {}  # what a fresh number shows besides them (carrier, region, type)
        self.done = []  # numbers this run added or bought
        self.found = set()  # numbers on the account before any write

    def error(self, exc):
        return UserError('%s: %s' % (self.label, exc)) if self.label else exc


def _check_options(params, own):
    """Rules on options that a group may take from the task, checked once both are merged.

    ``own``: the options set where the numbers are listed (the task for ``numbers``, the
    group's entry for ``groups``): a task-level ``region`` serves the groups with a carrier
    and is ignored by the others.
    """
    if params.get('buy') and params.get('carrier'):
        raise UserError('carrier and buy: true cannot be combined: missing numbers are either '
                        'added from your incoming carrier or bought from Plivo')
    if params.get('carrier') is not None and params.get('region') is None or (
            own.get('region') is not None and params.get('carrier') is None):
        raise UserError('parameters are required together: carrier, region (numbers are added '
                        'from the carrier in that region)')
    if own.get('number_type') is not None and params.get('carrier') is None:
        raise UserError("missing parameter(s) required by 'number_type': carrier")


class NumberSet(NumberWrites):
    """Converges the listed numbers to the module's options: add or buy, update, remove.

    ``resource``: NUMBER with the module's per-number fields (``app``, ``trunk``, ``alias``,
    ``subaccount``). Module options it reads: ``numbers`` or ``groups`` (lists of numbers
    with their own ``GROUP_OPTIONS``, unset ones taken from the task), ``state``,
    ``carrier``, ``region``, ``number_type``, ``buy``.

    Every group is validated before any request; the numbers of all groups are read at once;
    references go through one Resolver that lists a kind once when more than
    ``FILTERED_UP_TO`` of its objects need a lookup; every group is planned before the first
    write, then the writes of all groups run in one pool, ``concurrency`` at a time.
    """

    def __init__(self, module, resource):
        super().__init__()
        self.module = module
        self.params = module.params
        self.client = module.client
        self.check_mode = module.check_mode
        self.resolver = ListingResolver(module.client, module.check_mode, module.warn)
        self.resource = resource
        self.reader = NumberReader(module.client)
        self.groups = []

    # -- the plan ------------------------------------------------------------------------
    def run(self):
        self.groups = self.parse()
        current = self.reader.read([n for group in self.groups for n in group.numbers])
        self.objects.update(current)
        self.prefetch(current)
        jobs = []
        for group in self.groups:  # every group planned (references resolved) before any write
            group.found = set(n for n in group.numbers if n in current)
            try:
                jobs.extend(self.plan(group, current))
            except UserError as exc:
                raise group.error(exc)
        if self.concurrently(jobs).stopped:
            self.record_fresh()
            return self.result()
        self.concurrently(self.follow_ups(self.record_fresh(), current))
        return self.result()

    def parse(self):
        """The groups, validated, without a request: ``groups``, or ``numbers`` as one group."""
        if self.params.get('groups') is None:
            return [self._group(None, dict(self.params), self.params.get('numbers'), 'numbers',
                                self.params)]
        task = dict((k, v) for k, v in self.params.items() if k not in ('groups', 'numbers'))
        groups, owner = [], {}
        for index, entry in enumerate(self.params['groups']):
            label = 'groups[%d]' % index
            own = dict((k, v) for k, v in entry.items() if k in GROUP_OPTIONS and v is not None)
            params = dict(task)
            for options in SAME_SETTING:  # a group's trunk replaces the task's app, and back
                if any(o in own for o in options):
                    params.update(dict.fromkeys(options))
            params.update(own)
            group = self._group(label, params, entry.get('numbers'), label + '.numbers', own)
            for number in group.numbers:
                if number in owner:
                    raise UserError('number %s is listed in %s and in %s: list each number in one '
                                    'group' % (number, owner[number], label))
                owner[number] = label
            groups.append(group)
        return groups

    def _group(self, label, params, values, option, own):
        group = NumberGroup(label, params, normalise_numbers(values, option), self.module,
                            self.resource, self.resolver)
        try:
            validate_options(params, self.resource.fields)
            _check_options(params, own)
        except UserError as exc:
            raise group.error(exc)
        return group

    def _alike(self, group, current):
        """A number standing for the whole group when all are on the account and linked alike:
        a reference by the id they already use needs no read (Reconciler.resolve), as for any
        object that already refers to it."""
        references = [f for f in self.resource.fields if isinstance(f.kind, Ref)]
        ctx = Context(self.client, self.resolver)
        found = [current[n] for n in group.numbers if n in current]
        if found and len(found) == len(group.numbers) and len(set(
                tuple(f.kind.read(o, f, ctx) for f in references) for o in found)) == 1:
            return found[0]
        return None

    def prefetch(self, current):
        """List a referenced kind once when the groups name more than ``FILTERED_UP_TO`` of its
        objects that need a lookup (one lookup each otherwise): 10 carriers and 20 trunks take
        one listing each. References the numbers already use by id need no lookup at all."""
        wanted, ctx = {}, Context(self.client, self.resolver)
        for group in self.groups:
            params = group.params
            if params.get('state') == 'absent':
                continue
            alike = self._alike(group, current)
            for field in self.resource.fields:
                value = params.get(field.option)
                if not isinstance(field.kind, Ref) or value is None or value == '':
                    continue
                target, text = field.kind.target, str(value).strip()
                if isinstance(field.kind, AccountRef) and (
                        text == self.client.auth_id or target.looks_like_id(text)):
                    continue  # taken as given (AccountRef)
                if alike is not None and target.looks_like_id(text) and field.kind.read(
                        alike, field, ctx) == text:
                    continue
                wanted.setdefault(target.path, (target, set()))[1].add(text)
            if params.get('carrier') and any(n not in current for n in group.numbers):
                wanted.setdefault(CARRIER.path, (CARRIER, set()))[1].add(str(params['carrier']))
        self.resolver.list_where_cheaper(wanted)

    def plan(self, group, current):
        """The group's writes, as jobs for the pool; check mode records them instead."""
        params = group.params
        if params.get('state') == 'absent':
            return [functools.partial(self.remove, n) for n in group.numbers if n in current]
        group.reconciler.current = self._alike(group, current)
        desired = group.desired = group.reconciler.desired()
        missing = [n for n in group.numbers if n not in current]
        carrier, buy = params.get('carrier'), params.get('buy')
        if missing and not carrier and not buy:
            raise UserError(
                '%d of the listed numbers %s not on the account: %s. Set carrier (with region) to '
                'add them from your incoming carrier, or buy: true to buy them from Plivo'
                % (len(missing), 'is' if len(missing) == 1 else 'are', ', '.join(missing)))
        jobs = []
        if missing and carrier:
            carrier_id = self.resolver.resolve(CARRIER, carrier, 'carrier')
            jobs.extend(self.add_from_carrier(group, missing, carrier_id, current))
        elif missing:
            jobs.extend(self.buy(group, missing, current))
        jobs.extend(functools.partial(self.update, group, n, current[n]) for n in group.numbers
                    if n in current and group.reconciler.changes(current[n], desired))
        return jobs

    # -- the result ----------------------------------------------------------------------
    def keyed(self, numbers):
        """One result per listed number, in order, in the list form's shape: its ``key`` (the
        number), ``changed``, what happened to it (``outcome``), the number object (None once
        removed), and in diff mode its own ``diff``."""
        outcome = dict((n, name) for name, listed in self.lists.items() for n in listed)
        failed = dict((f['number'], f) for f in reversed(self.failures))
        items = []
        for number in numbers:
            result = {'changed': number in outcome, 'number': self.objects.get(number),
                      'outcome': outcome.get(number, 'failed' if number in failed else 'unchanged')}
            diff = {'before': self.before.get(number, {}), 'after': self.after.get(number, {})}
            items.append(keyed_item('number', number, result, self.module.diff_mode, diff,
                                    failed.get(number)))
        return items

    def result(self):
        # Concurrent writes finish in any order; results follow the order of the numbers.
        numbers = [n for group in self.groups for n in group.numbers]
        order = dict((n, i) for i, n in enumerate(numbers))
        result = dict((name, sorted(listed, key=order.get)) for name, listed in self.lists.items())
        self.failures.sort(key=lambda failure: order.get(failure['number'], len(order)))
        for failure in self.failures:
            failure['key'] = failure['number']
        result['changed'] = any(self.lists.values())
        result['numbers'] = [self.objects[n] for n in numbers if n in self.objects]
        result['results'] = self.keyed(numbers)
        if self.failures:
            result['failures'] = self.failures
        if self.params.get('groups') is not None:
            result['groups'] = []
            for group in self.groups:
                mine = set(group.numbers)
                entry = dict((name, [n for n in result[name] if n in mine]) for name in self.lists)
                entry['changed'] = any(entry.values())
                entry['numbers'] = [self.objects[n] for n in group.numbers if n in self.objects]
                entry['results'] = [item for item in result['results'] if item['key'] in mine]
                entry['failures'] = [f for f in self.failures if f['number'] in mine]
                result['groups'].append(entry)
        if self.module.diff_mode:
            result['diff'] = dict((side, dict(sorted(values.items(), key=lambda i: order.get(i[0]))))
                                  for side, values in (('before', self.before), ('after', self.after)))
        return plain(result)


def run_numbers(module, resource):
    """The whole body of plivo_number's main(); fails, with the partial result, on failures."""
    def action():
        result = NumberSet(module, resource).run()
        failures = result.get('failures')
        if failures:
            first = failures[0]
            module.fail('%d of the listed numbers failed (first: %s: %s); the others converged, '
                        'and a re-run retries only what is left'
                        % (len(failures), first['number'], first['msg']), **result)
        return result
    module.run(action)
