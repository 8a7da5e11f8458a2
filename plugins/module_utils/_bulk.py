# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many objects of one resource in one task: the list form of a resource module.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A resource module's per-object options (``name``, ``direction``, ...) can also be given as a
list of such objects (``trunks: [{name: ..., direction: ...}, ...]``, declared with
``type='list', elements='dict', options=<the same per-object spec>``). One task then
converges them all, each exactly as the single form would (the same Reconciler, rules,
check mode, diff and result), for far fewer requests and one module start-up.

An option an item leaves unset takes the task's value, the option's default included:
``state: absent`` beside ``trunks: [{name: a}, {name: b}]`` deletes both, and
``app: ivr`` beside a list of endpoints links each to ivr. The natural key and the id are
per item only (a task converges one object or a list). The items' options keep their
``no_log``, so a password in an item is masked as the task-level one is.

Where the requests go:

- one listing of the resource serves every lookup by natural key (one lookup per object
  otherwise; Zentrunk and endpoint lists have no name filter, so each lookup pages the
  whole list), and references share one resolver cache (one listing per referenced kind);
- every object is planned before anything is written (check mode, internally): bad input
  or an unknown reference in any item fails the task before the first write;
- the writes are independent, so they run ``concurrency`` at a time (_workers), each
  inside the client's retry policy;
- objects created are read back with one listing (``ceil(n/20)`` requests) instead of one
  GET each, when that is cheaper: the create answers lack fields users need
  (``trunk_domain``, ``sip_uri``, server defaults).

A failure that concerns one item (400, 404, 422, a rule of the resource) is recorded and
the other items go on; anything else (credentials, rate limit after retries, outage) stops
the writes. The task then fails with every item's result and ``failures``, and a re-run
converges what is left.

A module adopts it in two lines and one documented option:
``module = PlivoModule(**list_form('trunks', spec, required_one_of=[('name', 'trunk_id')]))``
and ``run_resources(module, RESOURCE, 'trunks')``; ``trunks`` is documented as a list of
dicts whose suboptions are the per-object options.
"""

from ansible_collections.plivo.provisioning.plugins.module_utils._batch import (
    ItemFailed, ItemModule, StopWrites, apply_writes, concerns_one_item)
from ansible_collections.plivo.provisioning.plugins.module_utils._client import PAGE_SIZE, PlivoError
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import AccountRef, Ref
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import (
    Reconciler, run_resource)
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import (
    FILTERED_UP_TO, Context, ListingResolver, Resolver)
from ansible_collections.plivo.provisioning.plugins.module_utils._results import (
    keyed_item, returned_objects)
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value)


class _ItemReconciler(Reconciler):
    """The shared Reconciler, with the read-back of a created object left to the caller."""

    defer_read = False
    created_id = None

    def find(self):
        object_id = self.params.get(self.resource.id_option)
        if object_id and not self.resource.singleton:
            return self.resolver.get_by_id(self.resource, object_id)
        return super().find()

    def read_created(self, response):
        if not self.defer_read:
            return super().read_created(response)
        self.created_id = str(response[self.resource.id_field])
        return {self.resource.id_field: response[self.resource.id_field]}

    def settle(self, exc, desired, replacing=None):
        # After an unclear create the listing taken before it is stale: look again.
        listed, self.resolver = self.resolver, Resolver(self.client, warn=self.module.warn)
        try:
            return super().settle(exc, desired, replacing)
        finally:
            self.resolver = listed


class BulkRun:
    """Converges every item of ``module.params[option]`` (see the module docstring)."""

    def __init__(self, module, resource, option):
        self.module = module
        self.resource = resource
        self.option = option
        self.client = module.client
        self.items = [item_params(module.params, item, option)
                      for item in module.params.get(option) or []]
        self.failures = {}

    def label(self, index):
        params, r = self.items[index], self.resource
        value = params.get(r.key_option) or params.get(r.id_option)
        return '%s[%d] (%s %s)' % (self.option, index, r.key_option if params.get(r.key_option)
                                   else r.id_option, describe_value(value))

    def _keys(self):
        r, seen = self.resource, {}
        for index, params in enumerate(self.items):
            for option in (r.id_option, r.key_option):
                value = params.get(option)
                if value in (None, ''):
                    continue
                if (option, str(value)) in seen:
                    raise UserError('%s and %s name the same %s: list each object once'
                                    % (self.label(seen[(option, str(value))]), self.label(index),
                                       r.label))
                seen[(option, str(value))] = index
        return [k for (option, k) in seen if option == r.key_option]

    def run(self):
        r = self.resource
        keys = self._keys()
        listed = [r] if len(keys) > FILTERED_UP_TO or not r.key_filter else []
        self.resolver = ListingResolver(self.client, self.module.check_mode, self.module.warn, listed)
        self.prefetch_references()
        # Plan every item before any write: bad input anywhere fails the task untouched.
        quiet = (lambda message: None) if not self.module.check_mode else self.module.warn
        plans = []
        for index, params in enumerate(self.items):
            try:
                plans.append(_ItemReconciler(ItemModule(self.module, dict(params), True, quiet), r,
                                             self.resolver).run())
            except UserError as exc:
                raise UserError('%s: %s' % (self.label(index), exc))
        if self.module.check_mode:
            return self.result(plans)
        results = list(plans)
        writes = apply_writes(self.apply, [i for i, plan in enumerate(plans) if plan['changed']],
                              self.client.concurrency)
        created = {}
        for index, (result, reconciler) in writes.done():
            results[index] = result
            if reconciler.created_id is not None:
                created[index] = reconciler
        for index in writes.not_started():
            self.failures[index] = {'msg': 'not sent: an earlier failure stopped the writes (%s)'
                                           % writes.stopped.error.message, 'status': None}
        for index in self.failures:
            results[index] = dict(plans[index], changed=False)
            results[index].pop('diff', None)
        self.read_back(results, created)
        return self.result(results)

    def prefetch_references(self):
        """List each referenced kind once when many items refer to objects of it they do not
        use yet; references an object already uses by id need no read at all (Reconciler)."""
        r, wanted = self.resource, {}
        # A subaccount's auth id is taken as given, without a read (AccountRef).
        refs = [f for f in r.fields if isinstance(f.kind, Ref) and not isinstance(f.kind, AccountRef)]
        ctx = Context(self.client, self.resolver)
        for params in self.items:
            values = [(f, params.get(f.option)) for f in refs if params.get(f.option) not in (None, '')]
            if not values:
                continue
            try:
                if params.get(r.id_option):
                    current = self.resolver.get_by_id(r, params[r.id_option])
                else:
                    current = self.resolver.single(r, params.get(r.key_option),
                                                   self.resolver.find_by_key(r, params.get(r.key_option)))
            except UserError:
                current = None  # the plan reports it
            for field, value in values:
                if current is None or field.kind.read(current, field, ctx) != str(value):
                    wanted.setdefault(field.kind.target.path, (field.kind.target, set()))[1].add(str(value))
        self.resolver.list_where_cheaper(wanted)

    def apply(self, index):
        reconciler = _ItemReconciler(ItemModule(self.module, dict(self.items[index]), False),
                                     self.resource, self.resolver)
        reconciler.defer_read = True
        try:
            return reconciler.run(), reconciler
        except UserError as exc:
            self.failures[index] = {'msg': str(exc), 'status': None}
            raise ItemFailed()
        except PlivoError as exc:
            self.failures[index] = {'msg': exc.message, 'status': exc.status}
            if concerns_one_item(exc):
                raise ItemFailed()
            raise StopWrites(exc)

    def read_back(self, results, created):
        """Objects created, as the API reports them: one listing, or one GET each if fewer."""
        if not created:
            return
        r = self.resource
        listed = self.resolver.listed(r)
        pages = -(-(len(listed or ()) + len(created)) // PAGE_SIZE)
        if listed is not None and pages < len(created):
            fresh = dict((str(o.get(r.id_field)), o) for o in self.client.paginate(r.path))
        else:
            fresh = {}
        for index, reconciler in created.items():
            obj = fresh.get(reconciler.created_id) or self.client.get(r.object_path(reconciler.created_id))
            obj = reconciler.unlink_defaults(obj, reconciler.created_desired)
            results[index] = dict(results[index])
            results[index][r.name] = returned_objects(self.module, r, [obj])[0]

    def key(self, index):
        """The option that identifies item ``index`` and its value as given: the id where the
        item gives one (it is looked up by it, a name beside it renames it), else the natural
        key: ``('name', 'pbx-in')``."""
        params, r = self.items[index], self.resource
        option = r.id_option if params.get(r.id_option) not in (None, '') else r.key_option
        return option, params.get(option)

    def result(self, results):
        """One result per item, in item order, each with its key and (in diff mode) its own
        diff; the task's ``diff`` lists the changed items' diffs, once each, headed by item."""
        r = self.resource
        items = []
        for index, res in enumerate(results):
            option, value = self.key(index)
            items.append(keyed_item(option, value, dict((k, v) for k, v in res.items() if k != 'diff'),
                                    self.module.diff_mode, res.get('diff'), self.failures.get(index)))
        result = {'changed': any(res['changed'] for res in results), 'results': items,
                  r.plural: [res.get(r.name) for res in results]}
        if self.module.diff_mode:
            result['diff'] = [dict(item['diff'], before_header=self.label(index),
                                   after_header=self.label(index))
                              for index, item in enumerate(items) if item['changed']]
        if self.failures:
            result['failures'] = [dict(item=self.label(i), key=self.key(i)[1], **self.failures[i])
                                  for i in sorted(self.failures)]
        return result


def item_params(params, item, option):
    """One item's options: the item's value where it sets one, else the task's value."""
    merged = dict((k, v) for k, v in params.items() if k != option)
    merged.update((k, v) for k, v in item.items() if v is not None)
    return merged


def list_form(option, argument_spec, required_one_of=(), **rules):
    """PlivoModule's arguments for a module with a list form: its per-object options as they
    are, and ``option``, a list of dicts that take the same options under the same rules.

    The items' options have no defaults and none is required by itself: an option an item
    leaves unset takes the task's value (``state: absent`` once for the whole list), default
    included (item_params). ``no_log`` and every other setting is kept.
    ``option`` excludes the per-object options named in ``required_one_of`` (the natural key
    and the id): a task converges either one object or a list of them, and each item names
    its own object.
    """
    suboptions = dict((name, dict((k, v) for k, v in spec.items() if k not in ('default', 'required')))
                      for name, spec in argument_spec.items())
    items = dict(type='list', elements='dict', options=suboptions)
    for rule in ('required_one_of', 'mutually_exclusive', 'required_together', 'required_if',
                 'required_by'):
        value = required_one_of if rule == 'required_one_of' else rules.get(rule)
        if value:
            items[rule] = [tuple(entry) for entry in value] if rule != 'required_by' else value
    kwargs = dict(rules, argument_spec=dict(argument_spec, **{option: items}))
    if required_one_of:
        kwargs['required_one_of'] = [tuple(entry) + (option,) for entry in required_one_of]
        kwargs['mutually_exclusive'] = list(rules.get('mutually_exclusive') or []) + [
            (option, key) for key in required_one_of[0]]
    return kwargs


def run_resources(module, resource, option):
    """The whole body of a resource module's main() that also has a list form ``option``."""
    if not module.params.get(option):
        run_resource(module, resource)
        return

    def action():
        result = BulkRun(module, resource, option).run()
        failures = result.get('failures')
        if failures:
            module.fail('%d of the %d %s failed (first: %s: %s); the others converged, and a '
                        're-run converges only what is left'
                        % (len(failures), len(result['results']), option, failures[0]['item'],
                           failures[0]['msg']), **result)
        return result
    module.run(action)
