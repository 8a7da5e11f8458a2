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
settings directly (``ADD_CALL_FIELDS``, ``BUY_CALL_FIELDS``, by API field name); whatever
a fresh number still lacks afterwards is set by the same per-number update, so a module
only lists fields. A second kind of link (an inbound Zentrunk trunk, set through the same
``app_id``) is one more ``Field(..., kind=LinkRef(TRUNK), api='app_id', read='application')``
in the module, mutually exclusive with ``app``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import itertools
import os
import re

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import CARRIER, NUMBER
from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    PAGE_SIZE, AmbiguousWriteError, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import (
    Reconciler, Resolver, validate_options)
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Pending, Ref
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
    one GET per listed number that page did not show. A read therefore costs at most one
    request more than the cheaper of "one GET per number" and "page the filtered list";
    a block of 60 fresh numbers costs one request, and 60 present ones three.
    """

    def __init__(self, client):
        self.client = client

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
        total = meta.get('total_count')
        if not objects or not meta.get('next') or (total is not None and int(total) <= len(objects)):
            return found
        shown = set(o.get('number') for o in objects)
        unseen = [n for n in wanted if n not in shown]
        pages_left = None if total is None else -(-(int(total) - len(objects)) // PAGE_SIZE)
        if pages_left is not None and pages_left <= len(unseen):
            rest = self.client.paginate(NUMBER.path, dict(query, offset=len(objects)))
            found.update((o['number'], o) for o in rest if o.get('number') in wanted_set)
            return found
        found.update(self._get_each(unseen))
        return found

    def _get_each(self, numbers):
        found = {}
        for number in numbers:
            obj = self.client.get_or_none(NUMBER.object_path(number))
            if obj is not None:
                found[number] = obj
        return found


class _Stop(Exception):
    """A failure that is not about one number (credentials, rate limit, outage): stop writing."""


class NumberSet:
    """Converges the listed numbers to the module's options: add or buy, update, remove.

    ``resource``: NUMBER with the module's per-number fields (``app``, ``alias``,
    ``subaccount``). Module options it reads: ``numbers``, ``state``, ``carrier``,
    ``region``, ``number_type``, ``buy``.
    """

    def __init__(self, module, resource):
        self.module = module
        self.params = module.params
        self.client = module.client
        self.check_mode = module.check_mode
        self.resolver = Resolver(module.client, module.check_mode, module.warn)
        self.fields = Reconciler(module, resource, self.resolver)
        self.resource = resource
        self.reader = NumberReader(module.client)
        self.objects = {}
        self.lists = {'added': [], 'updated': [], 'removed': []}
        self.failures = []
        self.before, self.after = {}, {}

    # -- the plan ------------------------------------------------------------------------
    def run(self):
        numbers = normalise_numbers(self.params.get('numbers'))
        validate_options(self.params, self.resource.fields)
        if self.params.get('buy') and self.params.get('carrier'):
            raise UserError('carrier and buy: true cannot be combined: missing numbers are either '
                            'added from your incoming carrier or bought from Plivo')
        current = self.reader.read(numbers)
        self.objects.update(current)
        try:
            if self.params.get('state') == 'absent':
                self.remove([n for n in numbers if n in current])
            else:
                self.present(numbers, current)
        except _Stop:
            pass
        return self.result(numbers)

    def present(self, numbers, current):
        references = [f.read for f in self.resource.fields if isinstance(f.kind, Ref)]
        if len(current) == len(numbers) and len(set(
                tuple(str(o.get(read)) for read in references) for o in current.values())) == 1:
            # All on the account and linked alike: a reference by the id they already use needs
            # no read (Reconciler.resolve), as for any object that already refers to it.
            self.fields.current = next(iter(current.values()))
        desired = self.fields.desired()
        missing = [n for n in numbers if n not in current]
        carrier, buy = self.params.get('carrier'), self.params.get('buy')
        if missing and not carrier and not buy:
            raise UserError(
                '%d of the listed numbers %s not on the account: %s. Set carrier (with region) to '
                'add them from your incoming carrier, or buy: true to buy them from Plivo'
                % (len(missing), 'is' if len(missing) == 1 else 'are', ', '.join(missing)))
        if missing and carrier:
            carrier_id = self.resolver.resolve(CARRIER, carrier, 'carrier')  # before any write
            self.add_from_carrier(missing, desired, carrier_id, current)
        elif missing:
            self.buy(missing, desired, current)
        self._concurrently(lambda number: self.update(number, current[number], desired),
                           [n for n in numbers if n in current])

    # -- writes --------------------------------------------------------------------------
    def _concurrently(self, job, items):
        """Independent writes, up to ``concurrency`` at a time (see _workers); as a loop would,
        the first failure that stops the writes (``_Stop``, or anything unexpected) starts no more
        of them, and is raised once those already sent are done. Check mode sends nothing."""
        outcomes = run_bounded(job, items, 1 if self.check_mode else self.client.concurrency,
                               stop_on=Exception)
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

    def _call_fields(self, desired, accepted):
        """The settings an add or buy call can carry (unlinking or the main account: omitted)."""
        options = [f.option for f in self.resource.fields
                   if f.api in accepted and desired.get(f.option) not in (None, '')]
        return self.fields._payload(desired, options)

    def _shown_after(self, desired, **extra):
        fields = dict((f.option, f) for f in self.resource.fields)
        after = dict((o, fields[o].kind.show(v)) for o, v in desired.items())
        after.update(extra)
        return after

    def add_from_carrier(self, missing, desired, carrier_id, current):
        base = dict(self._call_fields(desired, ADD_CALL_FIELDS), carrier=carrier_id,
                    region=self.params.get('region'))
        if self.params.get('number_type'):
            base['number_type'] = self.params['number_type']
        known = self.resolver.lookup(CARRIER, self.params['carrier']) if not isinstance(
            carrier_id, Pending) else None
        template = {'carrier': known['name'] if known else str(self.params['carrier']),
                    'region': base['region'], 'number_type': base.get('number_type', 'local')}
        done = []
        with self._recording(done, desired, template):
            if self.check_mode:
                done.extend(missing)
                return
            self._concurrently(lambda chunk: self._deliver(chunk, lambda numbers: self.client.create(
                NUMBER.path, dict(base, numbers=','.join(numbers))), current, done),
                list(_chunks(missing, ADD_CHUNK_SIZE)))

    def buy(self, missing, desired, current):
        body = self._call_fields(desired, BUY_CALL_FIELDS)
        done = []
        with self._recording(done, desired, {'carrier': 'Plivo'}):
            if self.check_mode:
                done.extend(missing)
                return
            self._concurrently(lambda number: self._deliver([number], lambda numbers: self.client.create(
                '%s%s/' % (INVENTORY_PATH, numbers[0]), body), current, done), missing)

    @contextlib.contextmanager
    def _recording(self, done, desired, template):
        """Record the numbers added or bought in the block, also when a failure stops it."""
        try:
            yield
        except _Stop:
            self._added(done, desired, template)
            raise
        self._added(done, desired, template)

    def _deliver(self, numbers, send, current, done):
        """Add or buy ``numbers`` with ``send(numbers)``; those this run put there join ``done``.

        The API keeps each number once: an add naming a number already on the account is
        refused whole (400), a bought number leaves the inventory (404). So, unlike other
        creates, sending again what did not arrive can never make a duplicate. An unclear
        answer (5xx, dropped connection, timeout) is settled by reading which numbers arrived
        and sending the rest again. A refusal is settled the same way when the read shows that
        some arrived meanwhile, from another run adding the same numbers: those join
        ``current`` (the update that follows converges them), the rest are sent again.
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

    def _added(self, numbers, desired, template):
        """Record fresh numbers, then set what the add or buy call could not carry (an alias).

        Real runs read the fresh numbers back (the cheapest way, as before), so the result holds
        the API's objects and the follow-up compares what the API really set.
        """
        if not numbers:
            return
        fresh = {}
        if not self.check_mode:
            try:
                fresh = self.reader.read(numbers)
            except PlivoError as exc:  # added all the same; what the call could not carry waits
                self._fail_numbers(numbers, exc, '; the number was added, and a re-run sets what '
                                   'the add call could not')
        for number in numbers:
            base = dict(dict.fromkeys(('alias', 'application', 'sub_account')), number=number,
                        **template)
            self.objects[number] = fresh.get(number) or self.fields._merged(base, desired, desired)
            self.lists['added'].append(number)
            self.before[number] = {'state': 'absent'}
            self.after[number] = self._shown_after(desired, state='present')

        def follow_up(number):
            changes = self.fields.changes(fresh[number], desired)
            if changes and self._attempt([number], self.client.update, NUMBER.object_path(number),
                                         self.fields._payload(desired, changes)):
                self.objects[number] = self.fields._merged(fresh[number], desired, changes)

        self._concurrently(follow_up, [n for n in numbers if n in fresh])

    def update(self, number, current, desired):
        changes = self.fields.changes(current, desired)
        if not changes:
            return
        payload = self.fields._payload(desired, list(changes))
        if not self.check_mode and not self._attempt(
                [number], self.client.update, NUMBER.object_path(number), payload):
            return
        fields = dict((f.option, f) for f in self.resource.fields)
        self.objects[number] = self.fields._merged(current, desired, changes)
        self.lists['updated'].append(number)
        self.before[number] = dict((o, fields[o].kind.show(b)) for o, (b, a) in changes.items())
        self.after[number] = dict((o, fields[o].kind.show(a)) for o, (b, a) in changes.items())

    def remove(self, numbers):
        self._concurrently(self._remove, numbers)

    def _remove(self, number):
        if self.check_mode or self._attempt([number], self.client.delete, NUMBER.object_path(number)):
            del self.objects[number]
            self.lists['removed'].append(number)
            self.before[number] = {'state': 'present'}
            self.after[number] = {'state': 'absent'}

    # -- the result ----------------------------------------------------------------------
    def result(self, numbers):
        # Concurrent writes finish in any order; results follow the order of ``numbers``.
        order = dict((n, i) for i, n in enumerate(numbers))
        result = dict((name, sorted(listed, key=order.get)) for name, listed in self.lists.items())
        self.failures.sort(key=lambda failure: order.get(failure['number'], len(order)))
        result['changed'] = any(self.lists.values())
        result['numbers'] = [self.objects[n] for n in numbers if n in self.objects]
        if self.failures:
            result['failures'] = self.failures
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
        pages = module.client.paginate(INVENTORY_PATH, query, page_size=min(limit, PAGE_SIZE))
        return {'changed': False, 'phone_numbers': list(itertools.islice(pages, limit))}
    module.run(action)
