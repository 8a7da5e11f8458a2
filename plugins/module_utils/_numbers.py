# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many phone numbers at once: the bulk loop behind plivo_number and the number _info modules.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A fleet converges hundreds of numbers per task, so this loop works on the whole list:
read the state of every listed number in as few requests as the account allows
(``NumberReader``), decide per number, then write in as few requests as the API allows:
one add call per chunk of ``ADD_CHUNK_SIZE`` numbers from an incoming carrier, one POST
per number whose settings differ, one DELETE per number to remove.

The per-number settings are ordinary ``Field`` objects handed in by the module, compared
and sent by the shared ``Reconciler`` (so references go through the one ``Resolver``, and
check-mode ``Pending`` works as everywhere else). The API's add and buy calls accept some
settings directly (``ADD_CALL_FIELDS``, ``BUY_CALL_FIELDS``, by API field name); a fresh
number is returned as built from what that call sent (no read-back), and whatever it still
lacks afterwards (an alias) is read back and set by the same per-number update, so a module
only lists fields.

``groups`` converges many such lists in one task, each with its own settings (a fleet of
PBX hosts: each host's numbers linked to its own trunk): the numbers of every group are
read at once, references resolved through one Resolver (a kind named by more than
``FILTERED_UP_TO`` objects is listed once, ``ListingResolver.list_where_cheaper``), and the
writes of all groups share one pool; each group sees the module as a list-form item does
(``_bulk.ItemModule``).

A second kind of link (an inbound Zentrunk trunk, set through the same ``app_id``) is one
more ``Field(..., kind=LinkRef(TRUNK), api='app_id', read='application')`` in the module,
mutually exclusive with ``app``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import itertools
import os
import re

from ansible_collections.plivo.provisioning.plugins.module_utils._bulk import (
    ItemModule, ListingResolver)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    CARRIER, NUMBER, SUBACCOUNT)
from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    PAGE_SIZE, AmbiguousWriteError, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import (
    Reconciler, Resolver, validate_options)
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import (
    AccountRef, LinkRef, Pending, Ref)
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value, phone_number)
from ansible_collections.plivo.provisioning.plugins.module_utils._workers import (
    first_error, run_bounded)

# Numbers per add call. The API documents no limit; 20 numbers (about 300 characters) keep
# each request small and quick to process, and the add is all or nothing (one number
# already on the account refuses the whole call), so a refused chunk leaves at most 20
# numbers for the re-run. 60 numbers: 3 calls, where linking them one by one takes 60.
ADD_CHUNK_SIZE = 20
# Up to this many numbers are read with one GET each; more are read from the filtered list.
GET_EACH_UP_TO = 3
# What the API's add-from-carrier and buy calls accept besides the numbers themselves.
ADD_CALL_FIELDS = ('app_id', 'subaccount')
BUY_CALL_FIELDS = ('app_id',)
# Statuses that concern one request's items, not the connection or the account: the loop
# records them and goes on with the other numbers; anything else stops the writes.
ITEM_STATUSES = (400, 404, 422)
INVENTORY_PATH = 'PhoneNumber/'
# What a group of ``groups`` may set; an option it leaves unset takes the task's value.
GROUP_OPTIONS = ('state', 'carrier', 'region', 'number_type', 'buy', 'app', 'trunk', 'alias',
                 'subaccount')
# Options that set the same thing (a number's one link): a group that sets one of them
# takes neither from the task.
SAME_SETTING = (('app', 'trunk'),)
PATTERN_RE = re.compile(r'^[0-9*]+$')


def normalise_numbers(values, option='numbers'):
    """The listed numbers as digits with country code, in order, without repeats."""
    numbers, seen = [], set()
    for entry in values or []:
        try:
            number = phone_number(entry)
        except ValueError as exc:
            raise UserError('%s entry %s %s' % (option, describe_value(entry), exc))
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    return numbers


def number_pattern(value):
    """A search pattern: digits and '*' (one '*' stands for one digit)."""
    text = str(value).strip()
    if not PATTERN_RE.match(text):
        raise ValueError('may contain only digits and * (one * is one digit)')
    return text


def number_prefix(value):
    """The start of a number, with country code: '+1 415' is '1415'."""
    text = re.sub(r'[\s().-]', '', str(value)).lstrip('+')
    if not re.match(r'^[1-9][0-9]*$', text):
        raise ValueError('is not the start of a number with country code, such as 1415')
    return text


def country_iso(value):
    """A two-letter ISO 3166 country code, upper-cased."""
    text = str(value).strip()
    if not re.match(r'^[A-Za-z]{2}$', text):
        raise ValueError('is not a two-letter country code such as US or GB')
    return text.upper()


def _plain(value):
    """Results without Pending references (check mode), which cannot be serialised."""
    if isinstance(value, Pending):
        return str(value)
    if isinstance(value, dict):
        return dict((k, _plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class NumberReader:
    """Learns which of the listed numbers are on the account, in the fewest requests.

    Up to ``GET_EACH_UP_TO`` numbers: one GET each. More: one page of the list filtered by
    ``number_startswith`` = the numbers' longest common prefix. If that page shows the list
    goes on, the rest is read whichever way takes fewer requests: the remaining pages, or
    one GET per listed number that page did not show.

    The API's docs say only that ``number_startswith`` matches numbers that "begin with this
    pattern"; Plivo's number search matches the national number, without the country code.
    So a number the filtered page does not show is taken as absent only once the filter is
    known to match whole numbers: the page itself shows numbers that start with the prefix,
    or, when it shows none, a filtered read of a number on the account finds that number
    (``filter_matches_whole``: two reads, once per reader; one read that finds the account
    without numbers). Otherwise each unseen number is confirmed with a GET of its own. A
    block of 60 fresh numbers costs 2 or 3 requests; 60 present ones cost 3.
    """

    def __init__(self, client):
        self.client = client
        self._whole = None  # whether number_startswith matches whole numbers (None: not known)

    def read(self, numbers):
        """{number: object} for the listed numbers that exist."""
        wanted = list(numbers)
        if len(wanted) <= GET_EACH_UP_TO:
            return self._get_each(wanted)
        prefix = os.path.commonprefix(wanted)
        query = {'number_startswith': prefix} if prefix else {}
        data = self.client.request('GET', NUMBER.path,
                                   params=dict(query, limit=PAGE_SIZE, offset=0))[1]
        objects = data.get('objects') or []
        meta = data.get('meta') or {}
        wanted_set = set(wanted)
        found = dict((o['number'], o) for o in objects if o.get('number') in wanted_set)
        shown = set(o.get('number') for o in objects)
        unseen = [n for n in wanted if n not in shown]
        if not unseen:
            return found
        total = meta.get('total_count')
        if objects and meta.get('next') and (total is None or int(total) > len(objects)):
            if not self._trust(prefix, objects):
                return dict(found, **self._get_each(unseen))
            pages_left = None if total is None else -(-(int(total) - len(objects)) // PAGE_SIZE)
            if pages_left is not None and pages_left <= len(unseen):
                rest = self.client.paginate(NUMBER.path, dict(query, offset=len(objects)))
                found.update((o['number'], o) for o in rest if o.get('number') in wanted_set)
                return found
            found.update(self._get_each(unseen))
            return found
        if self._trust(prefix, objects):
            return found
        return dict(found, **self._get_each(unseen))

    def _trust(self, prefix, objects):
        """Whether numbers a filtered page did not show are absent (see the class docstring)."""
        if not prefix:
            return True
        if any(str(o.get('number', '')).startswith(prefix) for o in objects):
            return True
        if objects:  # it matched something else: the national number
            return False
        return self.filter_matches_whole()

    def filter_matches_whole(self):
        """Does ``number_startswith`` match numbers by their whole number, country code
        included? Learnt once from a number on the account (two reads); an account with no
        number at all has nothing to miss, and is asked again next time."""
        if self._whole is None:
            data = self.client.request('GET', NUMBER.path, params={'limit': 1, 'offset': 0})[1]
            objects = data.get('objects') or []
            if not objects:
                return True
            sample = objects[0]['number']
            probe = self.client.request('GET', NUMBER.path, params={
                'number_startswith': sample, 'limit': 1, 'offset': 0})[1]
            self._whole = any(o.get('number') == sample for o in probe.get('objects') or [])
        return self._whole

    def _get_each(self, numbers):
        found = {}
        for number in numbers:
            obj = self.client.get_or_none(NUMBER.object_path(number))
            if obj is not None:
                found[number] = obj
        return found


class PartialAddError(AmbiguousWriteError):
    """An add of several numbers answered ``206 Partial success`` (the numbers page lists it):
    which of them arrived is read back, as after an unclear answer, and the rest sent again."""


class _Stop(Exception):
    """A failure that is not about one number (credentials, rate limit, outage): stop writing."""


class _Group:
    """Numbers that share settings: ``groups[i]``, or the task's ``numbers`` (``label`` None).

    ``fields``: the shared Reconciler over the group's options (one Resolver for all groups).
    """

    def __init__(self, label, params, numbers, module, resource, resolver):
        self.label = label
        self.params = params
        self.numbers = numbers
        self.fields = Reconciler(ItemModule(module, params), resource, resolver)
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


class NumberSet:
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
        self.module = module
        self.params = module.params
        self.client = module.client
        self.check_mode = module.check_mode
        self.resolver = ListingResolver(module.client, module.check_mode, module.warn)
        self.resource = resource
        self.reader = NumberReader(module.client)
        self.objects = {}
        self.lists = {'added': [], 'updated': [], 'removed': []}
        self.failures = []
        self.before, self.after = {}, {}
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
        try:
            self._concurrently(jobs)
        except _Stop:
            self._record_fresh()
            return self.result()
        try:
            self._concurrently(self.follow_ups(self._record_fresh(), current))
        except _Stop:
            pass
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
        group = _Group(label, params, normalise_numbers(values, option), self.module,
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
        found = [current[n] for n in group.numbers if n in current]
        if found and len(found) == len(group.numbers) and len(set(
                tuple(f.kind.read(o, f, None) for f in references) for o in found)) == 1:
            return found[0]
        return None

    def prefetch(self, current):
        """List a referenced kind once when the groups name more than ``FILTERED_UP_TO`` of its
        objects that need a lookup (one lookup each otherwise): 10 carriers and 20 trunks take
        one listing each. References the numbers already use by id need no lookup at all."""
        wanted = {}
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
                        alike, field, None) == text:
                    continue
                wanted.setdefault(target.path, (target, set()))[1].add(text)
            if params.get('carrier') and any(n not in current for n in group.numbers):
                wanted.setdefault(CARRIER.path, (CARRIER, set()))[1].add(str(params['carrier']))
        self.resolver.list_where_cheaper(wanted)

    def plan(self, group, current):
        """The group's writes, as jobs for the pool; check mode records them instead."""
        params = group.params
        if params.get('state') == 'absent':
            return [functools.partial(self._remove, n) for n in group.numbers if n in current]
        group.fields.current = self._alike(group, current)
        desired = group.desired = group.fields.desired()
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
                    if n in current and group.fields.changes(current[n], desired))
        return jobs

    # -- writes --------------------------------------------------------------------------
    def _concurrently(self, jobs):
        """Independent writes, up to ``concurrency`` at a time (see _workers); as a loop would,
        the first failure that stops the writes (``_Stop``, or anything unexpected) starts no more
        of them, and is raised once those already sent are done. Check mode sends nothing."""
        outcomes = run_bounded(lambda job: job(), jobs,
                               1 if self.check_mode else self.client.concurrency, stop_on=Exception)
        error = first_error(outcomes, BaseException)
        if error is not None:
            raise error

    def _attempt(self, numbers, write, *args):
        """Run one write; a failure is recorded against its numbers. True when it worked."""
        try:
            write(*args)
            return True
        except AmbiguousWriteError:
            raise
        except PlivoError as exc:
            for number in numbers:
                self.failures.append({'number': number, 'msg': exc.message, 'status': exc.status})
            if exc.status not in ITEM_STATUSES:
                raise _Stop()
            return False

    def _carried(self, desired, accepted):
        """The options an add or buy call can carry (unlinking or the main account: omitted,
        a fresh number has neither)."""
        return [f.option for f in self.resource.fields
                if f.api in accepted and desired.get(f.option) not in (None, '')]

    def _shown_after(self, desired, **extra):
        fields = dict((f.option, f) for f in self.resource.fields)
        after = dict((o, fields[o].kind.show(v)) for o, v in desired.items())
        after.update(extra)
        return after

    def add_from_carrier(self, group, missing, carrier_id, current):
        params, desired = group.params, group.desired
        group.carried = self._carried(desired, ADD_CALL_FIELDS)
        base = dict(group.fields._payload(desired, group.carried), carrier=carrier_id,
                    region=params.get('region'))
        if params.get('number_type'):
            base['number_type'] = params['number_type']
        known = self.resolver.lookup(CARRIER, params['carrier']) if not isinstance(
            carrier_id, Pending) else None
        group.template = {'carrier': known['name'] if known else str(params['carrier']),
                          'region': base['region'], 'number_type': base.get('number_type', 'local')}
        if self.check_mode:
            group.done.extend(missing)
            return []

        def send(numbers):
            answer = self.client.create(NUMBER.path, dict(base, numbers=','.join(numbers)))
            if getattr(answer, 'status', None) == 206 and len(numbers) > 1:
                raise PartialAddError(
                    'POST %s answered HTTP 206 (partial success: API said: %s): some of the %d '
                    'numbers were not added' % (self.client.path(NUMBER.path),
                                                answer.get('message') or answer.get('error'),
                                                len(numbers)),
                    status=206, api_id=answer.get('api_id'), method='POST',
                    path=self.client.path(NUMBER.path))
            return answer
        return [functools.partial(self._deliver, chunk, send, current, group.done)
                for chunk in _chunks(missing, ADD_CHUNK_SIZE)]

    def buy(self, group, missing, current):
        group.carried = self._carried(group.desired, BUY_CALL_FIELDS)
        body = group.fields._payload(group.desired, group.carried)
        group.template = {'carrier': 'Plivo'}
        if self.check_mode:
            group.done.extend(missing)
            return []

        def send(numbers):
            return self.client.create('%s%s/' % (INVENTORY_PATH, numbers[0]), body)
        return [functools.partial(self._deliver, [n], send, current, group.done) for n in missing]

    def _deliver(self, numbers, send, current, done):
        """Add or buy ``numbers`` with ``send(numbers)``; those this run put there join ``done``.

        The API keeps each number once: an add naming a number already on the account is
        refused whole (400), a bought number leaves the inventory (404). So, unlike other
        creates, sending again what did not arrive can never make a duplicate. An unclear
        answer (5xx, dropped connection, timeout) is settled by reading which numbers arrived
        and sending the rest again. A refusal is settled the same way when the read shows that
        some arrived meanwhile, from another run adding the same numbers: those join
        ``current`` (the update that follows converges them), the rest are sent again. A
        ``206 Partial success`` is settled as an unclear answer is.
        """
        pending, unclear, attempt = list(numbers), False, 0
        while True:
            attempt += 1
            try:
                send(pending)
                done.extend(pending)
                return
            except AmbiguousWriteError as exc:
                error, unclear = exc, True
            except PlivoError as exc:
                if exc.status not in ITEM_STATUSES:
                    self._fail_numbers(pending, exc)
                    raise _Stop()
                error = exc
            try:
                arrived = self.reader.read(pending)
            except PlivoError as read_exc:
                self._fail_numbers(pending, error, '; reading them back failed too (%s), so whether '
                                   'they arrived is unknown' % read_exc.message)
                raise _Stop()
            if not arrived and not isinstance(error, AmbiguousWriteError):
                self._fail_numbers(pending, error)
                return
            if unclear:  # arrived after this run's unclear write: its doing
                done.extend(n for n in pending if n in arrived)
            else:
                current.update(arrived)
                self.objects.update(arrived)
            pending = [n for n in pending if n not in arrived]
            if not pending:
                return
            answer = 'HTTP %s' % error.status if error.status else 'no answer'
            if not self.client.pause_before_resend(
                    attempt, 'sending again the %d numbers that had not arrived after %s %s got %s'
                    % (len(pending), error.method, error.path, answer)):
                self._fail_numbers(pending, error, '; still not on the account after %d attempts'
                                   % attempt)
                return

    def _fail_numbers(self, numbers, exc, detail=''):
        for number in numbers:
            self.failures.append({'number': number, 'msg': exc.message + detail,
                                  'status': exc.status})

    def _own_account(self):
        """``sub_account`` of a number added without ``subaccount``: the caller's account."""
        if SUBACCOUNT.looks_like_id(self.client.auth_id):  # a subaccount's credentials
            return '/v1/Account/%s/' % self.client.auth_id
        return None

    def _record_fresh(self):
        """Record the numbers added or bought, as the add or buy call left them.

        The add call sets the carrier, region, type and whatever it carried (``carried``); a
        fresh number has no alias. So its object is built from what was sent (as check mode
        predicts it) instead of being read back; the fields the call could not carry (an
        alias; a subaccount for a bought number) are left to ``follow_ups``. A number added
        or bought without a link is linked by the API to the account's default application
        (``default_number_app``), if it has one: those are read back too, so that the result
        shows that link and ``app: ''`` removes it. Returns ``(group, number)`` for the
        numbers that need such a read and update.
        """
        follow = []
        links = [f.option for f in self.resource.fields if isinstance(f.kind, LinkRef)]
        for group in self.groups:
            desired = group.desired
            carried = list(desired) if self.check_mode else group.carried
            linked_by_call = any(option in carried for option in links)
            for number in group.done:
                base = dict(dict.fromkeys(('alias', 'application')), number=number,
                            sub_account=self._own_account(), **group.template)
                obj = self.objects[number] = group.fields._merged(base, desired, carried)
                self.lists['added'].append(number)
                self.before[number] = {'state': 'absent'}
                self.after[number] = self._shown_after(desired, state='present')
                if not self.check_mode and (not linked_by_call or group.fields.changes(obj, desired)):
                    follow.append((group, number))
        return follow

    def follow_ups(self, follow, current):
        """The second round of writes: what fresh numbers still lack (read back first, the
        cheapest way, so the update compares what the API really set), and the update of the
        numbers another run added meanwhile (``_deliver``)."""
        jobs = []
        if follow:
            numbers = [number for group, number in follow]
            try:
                fresh = self.reader.read(numbers)
            except PlivoError as exc:  # added all the same; what the call could not carry waits
                self._fail_numbers(numbers, exc, '; the number was added, and a re-run sets what '
                                   'the add call could not')
                fresh = {}
            for group, number in follow:
                if number in fresh:
                    self.objects[number] = fresh[number]
                    jobs.append(functools.partial(self._follow_up, group, number, fresh[number]))
        for group in self.groups:
            jobs.extend(functools.partial(self.update, group, n, current[n]) for n in group.numbers
                        if n in current and n not in group.found)
        return jobs

    def _follow_up(self, group, number, fresh):
        changes = group.fields.changes(fresh, group.desired)
        if changes and self._attempt([number], self.client.update, NUMBER.object_path(number),
                                     group.fields._payload(group.desired, changes)):
            self.objects[number] = group.fields._merged(fresh, group.desired, changes)

    def update(self, group, number, current):
        changes = group.fields.changes(current, group.desired)
        if not changes:
            return
        payload = group.fields._payload(group.desired, list(changes))
        if not self.check_mode and not self._attempt(
                [number], self.client.update, NUMBER.object_path(number), payload):
            return
        fields = dict((f.option, f) for f in self.resource.fields)
        self.objects[number] = group.fields._merged(current, group.desired, changes)
        self.lists['updated'].append(number)
        self.before[number] = dict((o, fields[o].kind.show(b)) for o, (b, a) in changes.items())
        self.after[number] = dict((o, fields[o].kind.show(a)) for o, (b, a) in changes.items())

    def _remove(self, number):
        if self.check_mode or self._attempt([number], self.client.delete, NUMBER.object_path(number)):
            del self.objects[number]
            self.lists['removed'].append(number)
            self.before[number] = {'state': 'present'}
            self.after[number] = {'state': 'absent'}

    # -- the result ----------------------------------------------------------------------
    def keyed(self, numbers):
        """One result per listed number, in order, in the list form's shape: its ``key`` (the
        number), ``changed``, what happened to it (``outcome``), the number object (None once
        removed), and in diff mode its own ``diff``."""
        outcome = dict((n, name) for name, listed in self.lists.items() for n in listed)
        failed = dict((f['number'], f) for f in reversed(self.failures))
        items = []
        for number in numbers:
            item = {'key': number, 'key_option': 'number', 'changed': number in outcome,
                    'outcome': outcome.get(number, 'failed' if number in failed else 'unchanged'),
                    'number': self.objects.get(number)}
            if number in failed:
                item.update(failed=True, msg=failed[number]['msg'])
            if self.module.diff_mode:
                item['diff'] = {'before': self.before.get(number, {}),
                                'after': self.after.get(number, {})}
            items.append(item)
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
        return _plain(result)


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


def filter_query(module, fields):
    """The list filters a module's options ask for, as the API takes them.

    ``fields``: Field objects (option -> API name; the kind normalises the value, a
    reference is resolved to its id). Options left unset, or set to '' or [], are not sent.
    None when, in check mode, a reference names an object that an earlier task of the run
    would create (the Resolver warns): nothing can match it yet.
    """
    params = module.params
    validate_options(params, fields)
    ctx = Resolver(module.client, module.check_mode, module.warn)
    query = {}
    for field in fields:
        value = params.get(field.option)
        if value is None or value == '' or value == []:
            continue
        value = field.kind.to_api(field.kind.desired(value, ctx, field), ctx)
        if isinstance(value, Pending):
            return None
        if value not in ('', []):
            query[field.api] = value
    return query


def run_number_info(module, filters):
    """The whole body of plivo_number_info: listed numbers (cheapest reads) or a filtered list."""
    def action():
        if module.params.get('numbers'):
            numbers = normalise_numbers(module.params['numbers'])
            found = NumberReader(module.client).read(numbers)
            objects = [found[n] for n in numbers if n in found]
        else:
            query = filter_query(module, filters)
            objects = [] if query is None else list(module.client.paginate(NUMBER.path, query))
        return {'changed': False, 'numbers': objects}
    module.run(action)


def run_inventory_search(module, filters):
    """The whole body of plivo_phone_number_info: search Plivo's inventory, up to ``limit``."""
    def action():
        limit = module.params['limit']
        if limit < 1:
            raise UserError('limit %s must be 1 or more' % limit)
        query = filter_query(module, filters)
        if query is None:
            return {'changed': False, 'phone_numbers': []}
        pages = module.client.paginate(INVENTORY_PATH, query, page_size=min(limit, PAGE_SIZE), whole=False)
        return {'changed': False, 'phone_numbers': list(itertools.islice(pages, limit))}
    module.run(action)
