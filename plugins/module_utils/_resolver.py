# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads that name objects: references resolved to ids, lookups by natural key, and the
one ``Context`` that kinds see.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
"""

import threading

from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import Pending, Ref
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value)

# Up to this many lookups by a key the API filters on are sent as filtered reads; more are
# answered from one listing of the resource.
FILTERED_UP_TO = 3


class TaskReads:
    """Reads shared by the loop items of one task, when the module runs in the controller's
    process (``plugins/plugin_utils/_in_process.py`` turns it on for a task; a module process
    never sees it on).

    Every loop item of a task runs in the same worker process, so what one item read can
    serve the next: the application that 20 looped endpoints link to is read once. A read is
    kept per account and API (``client.api_url``, ``client.auth_id``) and per kind; once the
    task writes to a kind (``wrote``), what it kept of that kind is forgotten and read again,
    so reads of the kind a task writes stay as current as without sharing, and reads of the
    kinds it only refers to are served once. A task that polls (``until:``) keeps nothing.
    """

    def __init__(self):
        self.lock = threading.RLock()
        self.task = None
        self.active = False
        self.entries = {}
        self.stale = {}  # full listings set aside by a write until its outcome is known

    def begin(self, task):
        with self.lock:
            if task != self.task:
                self.task, self.entries, self.stale = task, {}, {}
            self.active = True

    def end(self):
        self.active = False

    def read(self, client, key, fetch, keep=lambda value: True):
        """``fetch()``, or what it returned for ``key`` earlier in this task; a value that
        ``keep`` refuses is returned but not kept."""
        if not self.active:
            return fetch()
        scoped = (client.api_url, client.auth_id) + tuple(key)
        with self.lock:
            if scoped in self.entries:
                return self.entries[scoped]
            value = fetch()
            if keep(value):
                self.entries[scoped] = value
            return value

    def wrote(self, client, path):
        """The task writes to ``path`` (``IncomingCarrier/`` or ``Zentrunk/Trunk/12/``): forget
        what it kept of that kind. ``client.write_listeners`` calls it before each write."""
        with self.lock:
            account = (client.api_url, client.auth_id)
            for key in [k for k in self.entries if k[:2] == account and path.startswith(k[3])]:
                if key[2] == 'find' and key[4] is None:
                    self.stale[key] = self.entries[key]
                del self.entries[key]

    def settled(self, client, resource, created=None, gone=None):
        """The engine's write to ``resource`` is done and its outcome known: ``created`` (or
        updated) is the object as read back, ``gone`` the id of one deleted. A listing of the
        kind that the write set aside comes back with that change, instead of being read
        again; without this call (a failed or unclear write) it is read again."""
        with self.lock:
            key = (client.api_url, client.auth_id, 'find', resource.path, None)
            listing = self.stale.pop(key, None)
            if listing is None or not self.active:
                return
            replaced = set(str(v) for v in (gone, (created or {}).get(resource.id_field)) if v is not None)
            patched = [obj for obj in listing if str(obj.get(resource.id_field)) not in replaced]
            self.entries[key] = patched + ([created] if created else [])

    def watch(self, client):
        """Tell this cache of every write ``client`` sends."""
        client.write_listeners.append(lambda path: self.wrote(client, path))


TASK_READS = TaskReads()


class Context:
    """What a kind sees of the object being converged: the client, the resolver, the fields,
    and the object as found (``current``, None before the lookup or when creating).

    One per object: the engine makes it, kinds receive it as ``ctx``.
    """

    def __init__(self, client, resolver, fields=(), current=None):
        self.client = client
        self.resolver = resolver
        self.fields = dict((f.option, f) for f in fields)
        self.current = current

    def resolve(self, target, value, option):
        """The id a reference names (``Pending`` in check mode for an object not there yet)."""
        if self.linked(option) == str(value) and target.looks_like_id(value):
            # Already referred to by that id, and the API keeps references valid (it refuses
            # to delete what a trunk uses, and unlinks what it deletes): no read needed.
            return str(value)
        return self.resolver.resolve(target, value, option)

    def linked(self, option):
        """The id the current object refers to through a reference ``option``, or None."""
        field = self.fields.get(option)
        if self.current is None or field is None or not isinstance(field.kind, Ref):
            return None
        return field.kind.read(self.current, field, self) or None


class Resolver:
    """Resolves references (``app: name-or-id``) to ids, once per module invocation.

    A value that looks like an id is read by id; when that finds nothing, or the value does
    not look like an id, it is looked up by exact name. More than one match fails with the
    candidates listed. In check mode an unknown name is assumed to be created by an earlier
    task of the same run: a warning, and a ``Pending`` value that compares unequal.
    """

    def __init__(self, client, check_mode=False, warn=None):
        self.client = client
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)
        self._cache = {}
        self._lists = {}

    def task_read(self, kind, resource, key, fetch):
        """A read, shared with the task's other loop items where that is on (``TaskReads``)."""
        return TASK_READS.read(self.client, (kind, resource.path, key), fetch)

    def settled(self, resource, created=None, gone=None):
        """Tell the task's shared reads the outcome of a write (``TaskReads.settled``)."""
        TASK_READS.settled(self.client, resource, created, gone)

    def find_by_key(self, resource, key):
        params = {resource.key_filter: key} if resource.key_filter else None
        found = self.task_read('find', resource, str(key) if params else None,
                               lambda: list(self.client.paginate(resource.path, params)))
        return [obj for obj in found if resource.key_match(key, obj)]

    def single(self, resource, key, candidates):
        if len(candidates) > 1:
            ids = ', '.join(str(obj.get(resource.id_field)) for obj in candidates)
            raise UserError('%d %ss match %s %s (%s %s): address the one you mean by %s'
                            % (len(candidates), resource.label, resource.key_option,
                               describe_value(key), resource.id_field, ids, resource.id_option))
        return candidates[0] if candidates else None

    def lookup(self, resource, value):
        """The object a reference names, or None."""
        cache_key = (resource.path, str(value))
        if cache_key not in self._cache:
            found = None
            if resource.looks_like_id(value):
                found = self.task_read('id', resource, str(value),
                                       lambda: self.client.get_or_none(resource.object_path(value)))
            if found is None:
                found = self.single(resource, value, self._candidates(resource, str(value)))
            self._cache[cache_key] = found
        return self._cache[cache_key]

    def _candidates(self, resource, key):
        """Objects named ``key``; without a server-side filter one listing serves every name."""
        if resource.key_filter:
            return self.find_by_key(resource, key)
        return [obj for obj in self.listing(resource) if resource.key_match(key, obj)]

    def listing(self, resource):
        """Every object of a resource, read once per run."""
        if resource.path not in self._lists:
            self._lists[resource.path] = self.task_read(
                'find', resource, None, lambda: list(self.client.paginate(resource.path)))
        return self._lists[resource.path]

    def listed(self, resource):
        """The listing of a resource this resolver has read already, or None: no request."""
        return self._lists.get(resource.path)

    def get_by_id(self, resource, object_id):
        """One object by its id (None when it does not exist), read at most once."""
        key = ('id', resource.path, str(object_id))
        if key not in self._cache:
            self._cache[key] = self.task_read(
                'id', resource, str(object_id), lambda: self.client.get_or_none(resource.object_path(object_id)))
        return self._cache[key]

    def resolve(self, resource, value, option):
        found = self.lookup(resource, value)
        if found is not None:
            return str(found[resource.id_field])
        if self.check_mode:
            self.warn('%s %s does not match any %s yet; assuming an earlier task of this run '
                      'creates it (check mode)' % (option, describe_value(value), resource.label))
            return Pending(value)
        raise UserError('%s %s does not match any %s by %s or %s'
                        % (option, describe_value(value), resource.label, resource.id_field,
                           resource.key_field))


class ListingResolver(Resolver):
    """A Resolver that reads a resource's whole list once and answers every lookup from it."""

    def __init__(self, client, check_mode=False, warn=None, listed=()):
        super().__init__(client, check_mode, warn)
        self.from_listing = set(r.path for r in listed)  # resources looked up by key from a listing
        self._lock = threading.RLock()

    def listing(self, resource):
        with self._lock:
            return super().listing(resource)

    def list_where_cheaper(self, wanted):
        """List once each kind that more than ``FILTERED_UP_TO`` lookups would read
        (``wanted``: {path: (resource, the names or ids to look up)}); lookups of the other
        kinds stay one filtered read each."""
        for target, values in wanted.values():
            if len(values) > FILTERED_UP_TO:
                self.from_listing.add(target.path)
                self.listing(target)

    def find_by_key(self, resource, key):
        if resource.path in self.from_listing or not resource.key_filter:
            return [obj for obj in self.listing(resource) if resource.key_match(key, obj)]
        # A filtered read, once per key: the plan and the write of an item share it.
        with self._lock:
            cache_key = ('key', resource.path, str(key))
            if cache_key not in self._cache:
                self._cache[cache_key] = super().find_by_key(resource, key)
            return list(self._cache[cache_key])

    def get_by_id(self, resource, object_id):
        """One object by its id, from a listing already read when it holds it."""
        with self._lock:
            key = ('id', resource.path, str(object_id))
            if key not in self._cache:
                listed = [o for o in self._lists.get(resource.path, ())
                          if str(o.get(resource.id_field)) == str(object_id)]
                if listed:
                    self._cache[key] = listed[0]
            return super().get_by_id(resource, object_id)

    def lookup(self, resource, value):
        with self._lock:
            if resource.path in self._lists and resource.looks_like_id(value):
                for obj in self._lists[resource.path]:
                    if str(obj.get(resource.id_field)) == str(value):
                        return obj
            return super().lookup(resource, value)
