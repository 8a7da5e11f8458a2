# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The writes of plivo_number: the batch create (numbers added from a carrier in chunks, or
bought one by one), the updates, the removals, and the record of what each did.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

``NumberWrites`` is the half of ``_numbers.NumberSet`` that writes: the plan (``_numbers``)
hands it jobs, and it runs them through the engine's apply core (``_batch``). The add call
is the resource's ``BatchCreate`` (``Behaviour.batch_create`` of plivo_number's resource):
how many numbers per request and which fields the call carries come from there.
"""

import functools

from ansible_collections.plivo.provisioning.plugins.module_utils._batch import (
    StopWrites, apply_writes, concerns_one_item)
from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import (
    CARRIER, NUMBER, SUBACCOUNT)
from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    AmbiguousWriteError, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import LinkRef, Pending
from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import INVENTORY_PATH

# What the API's buy call accepts besides the number itself.
BUY_CALL_FIELDS = ('app_id',)


class PartialAddError(AmbiguousWriteError):
    """An add of several numbers answered ``206 Partial success`` (the numbers page lists it):
    which of them arrived is read back, as after an unclear answer, and the rest sent again."""


class NumberWrites:
    """The writes of a NumberSet and their record: ``objects`` (number -> object as the run
    leaves it), ``lists`` (added, updated, removed), ``failures``, ``before``/``after``.

    Expects of the NumberSet: ``client``, ``check_mode``, ``resource`` (with its
    ``batch_create``), ``resolver``, ``reader`` and ``groups``.
    """

    def __init__(self):
        self.objects = {}
        self.lists = {'added': [], 'updated': [], 'removed': []}
        self.failures = []
        self.before, self.after = {}, {}

    def concurrently(self, jobs):
        """Independent writes, up to ``concurrency`` at a time, through the engine's apply
        core (``_batch.apply_writes``): as a loop would, the first failure that stops the
        writes starts no more of them. Check mode sends nothing."""
        return apply_writes(lambda job: job(), jobs,
                            1 if self.check_mode else self.client.concurrency)

    def attempt(self, numbers, write, *args):
        """Run one write; a failure is recorded against its numbers. True when it worked."""
        try:
            write(*args)
            return True
        except AmbiguousWriteError:
            raise
        except PlivoError as exc:
            for number in numbers:
                self.failures.append({'number': number, 'msg': exc.message, 'status': exc.status})
            if not concerns_one_item(exc):
                raise StopWrites(exc)
            return False

    def carried_options(self, desired, accepted):
        """The options an add or buy call can carry (unlinking or the main account: omitted,
        a fresh number has neither)."""
        return [f.option for f in self.resource.fields
                if f.api in accepted and desired.get(f.option) not in (None, '')]

    def shown_after(self, desired, **extra):
        fields = dict((f.option, f) for f in self.resource.fields)
        after = dict((o, fields[o].kind.show(v)) for o, v in desired.items())
        after.update(extra)
        return after

    def add_from_carrier(self, group, missing, carrier_id, current):
        params, desired = group.params, group.desired
        batch = self.resource.batch_create
        group.carried = self.carried_options(desired, batch.carries)
        base = dict(group.reconciler.payload(desired, group.carried), carrier=carrier_id,
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
            answer = self.client.create(NUMBER.path, dict(base, **{batch.keys_field: ','.join(numbers)}))
            if getattr(answer, 'status', None) == 206 and len(numbers) > 1:
                raise PartialAddError(
                    'POST %s answered HTTP 206 (partial success: API said: %s): some of the %d '
                    'numbers were not added' % (self.client.path(NUMBER.path),
                                                answer.get('message') or answer.get('error'),
                                                len(numbers)),
                    status=206, api_id=answer.get('api_id'), method='POST',
                    path=self.client.path(NUMBER.path))
            return answer
        return [functools.partial(self.deliver, chunk, send, current, group.done)
                for chunk in batch.chunks(missing)]

    def buy(self, group, missing, current):
        group.carried = self.carried_options(group.desired, BUY_CALL_FIELDS)
        body = group.reconciler.payload(group.desired, group.carried)
        group.template = {'carrier': 'Plivo'}
        if self.check_mode:
            group.done.extend(missing)
            return []

        def send(numbers):
            return self.client.create('%s%s/' % (INVENTORY_PATH, numbers[0]), body)
        return [functools.partial(self.deliver, [n], send, current, group.done) for n in missing]

    def deliver(self, numbers, send, current, done):
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
                if not concerns_one_item(exc):
                    self.fail_numbers(pending, exc)
                    raise StopWrites(exc)
                error = exc
            try:
                arrived = self.reader.read(pending)
            except PlivoError as read_exc:
                self.fail_numbers(pending, error, '; reading them back failed too (%s), so whether '
                                  'they arrived is unknown' % read_exc.message)
                raise StopWrites(read_exc)
            if not arrived and not isinstance(error, AmbiguousWriteError):
                self.fail_numbers(pending, error)
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
                self.fail_numbers(pending, error, '; still not on the account after %d attempts'
                                  % attempt)
                return

    def fail_numbers(self, numbers, exc, detail=''):
        for number in numbers:
            self.failures.append({'number': number, 'msg': exc.message + detail,
                                  'status': exc.status})

    def own_account(self):
        """``sub_account`` of a number added without ``subaccount``: the caller's account."""
        if SUBACCOUNT.looks_like_id(self.client.auth_id):  # a subaccount's credentials
            return '/v1/Account/%s/' % self.client.auth_id
        return None

    def record_fresh(self):
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
                            sub_account=self.own_account(), **group.template)
                obj = self.objects[number] = group.reconciler.merged(base, desired, carried)
                self.lists['added'].append(number)
                self.before[number] = {'state': 'absent'}
                self.after[number] = self.shown_after(desired, state='present')
                if not self.check_mode and (not linked_by_call or group.reconciler.changes(obj, desired)):
                    follow.append((group, number))
        return follow

    def follow_ups(self, follow, current):
        """The second round of writes: what fresh numbers still lack (read back first, the
        cheapest way, so the update compares what the API really set), and the update of the
        numbers another run added meanwhile (``deliver``)."""
        jobs = []
        if follow:
            numbers = [number for group, number in follow]
            try:
                fresh = self.reader.read(numbers)
            except PlivoError as exc:  # added all the same; what the call could not carry waits
                self.fail_numbers(numbers, exc, '; the number was added, and a re-run sets what '
                                  'the add call could not')
                fresh = {}
            for group, number in follow:
                if number in fresh:
                    self.objects[number] = fresh[number]
                    jobs.append(functools.partial(self.follow_up, group, number, fresh[number]))
        for group in self.groups:
            jobs.extend(functools.partial(self.update, group, n, current[n]) for n in group.numbers
                        if n in current and n not in group.found)
        return jobs

    def follow_up(self, group, number, fresh):
        changes = group.reconciler.changes(fresh, group.desired)
        if changes and self.attempt([number], self.client.update, NUMBER.object_path(number),
                                    group.reconciler.payload(group.desired, changes)):
            self.objects[number] = group.reconciler.merged(fresh, group.desired, changes)

    def update(self, group, number, current):
        changes = group.reconciler.changes(current, group.desired)
        if not changes:
            return
        payload = group.reconciler.payload(group.desired, list(changes))
        if not self.check_mode and not self.attempt(
                [number], self.client.update, NUMBER.object_path(number), payload):
            return
        fields = dict((f.option, f) for f in self.resource.fields)
        self.objects[number] = group.reconciler.merged(current, group.desired, changes)
        self.lists['updated'].append(number)
        self.before[number] = dict((o, fields[o].kind.show(b)) for o, (b, a) in changes.items())
        self.after[number] = dict((o, fields[o].kind.show(a)) for o, (b, a) in changes.items())

    def remove(self, number):
        if self.check_mode or self.attempt([number], self.client.delete, NUMBER.object_path(number)):
            del self.objects[number]
            self.lists['removed'].append(number)
            self.before[number] = {'state': 'present'}
            self.after[number] = {'state': 'absent'}
