# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one reconcile loop every resource module uses, the reference resolver, and _info.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

find (by id or natural key) -> validate and normalise the options the user set -> compare
-> stop in check mode -> create / update / delete -> one result shape:
``changed``, the object under the resource's name, and ``diff`` (before/after) in diff mode.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    AmbiguousWriteError, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import Pending, Ref
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value)


def validate_options(params, fields):
    """Run each field's validator on the option the user set; normalise in place."""
    for field in fields:
        value = params.get(field.option)
        if value == '' and not field.allow_empty:
            raise UserError("%s must not be empty" % field.option)
        if field.validate is None or value is None:
            continue
        if isinstance(value, list):
            cleaned = []
            for entry in value:
                try:
                    cleaned.append(field.validate(entry))
                except ValueError as exc:
                    raise UserError('%s entry %s %s' % (field.option, describe_value(entry), exc))
            params[field.option] = cleaned
        elif value != '' or field.kind.write_only:  # '' unsets a field, never a secret
            try:
                params[field.option] = field.validate(value)
            except ValueError as exc:
                if field.kind.write_only:  # a secret is named, never quoted
                    raise UserError('%s: %s' % (field.option, exc))
                raise UserError('%s %s: %s' % (field.option, describe_value(value), exc))


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

    def find_by_key(self, resource, key):
        params = {resource.key_filter: key} if resource.key_filter else None
        return [obj for obj in self.client.paginate(resource.path, params)
                if resource.key_match(key, obj)]

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
                found = self.client.get_or_none(resource.object_path(value))
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
            self._lists[resource.path] = list(self.client.paginate(resource.path))
        return self._lists[resource.path]

    def get_by_id(self, resource, object_id):
        """One object by its id (None when it does not exist), read at most once."""
        key = ('id', resource.path, str(object_id))
        if key not in self._cache:
            self._cache[key] = self.client.get_or_none(resource.object_path(object_id))
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


def _shown_values(fields, values):
    """Values as a diff shows them: secrets masked."""
    return dict((o, fields[o].kind.show(v) if o in fields else v) for o, v in values.items())


class Reconciler:
    """Converges one object of a described resource to the module's options."""

    def __init__(self, module, resource, resolver=None):
        self.module = module
        self.resource = resource
        self.client = module.client
        self.params = module.params
        self.resolver = resolver or Resolver(module.client, module.check_mode, module.warn)
        self.current = None  # the object as found, once run() has looked
        self.created_desired = None  # what a create of this run asked for

    # -- the context kinds need --------------------------------------------------------
    def resolve(self, target, value, option):
        if self.linked(option) == str(value) and target.looks_like_id(value):
            # Already referred to by that id, and the API keeps references valid (it refuses
            # to delete what a trunk uses, and unlinks what it deletes): no read needed.
            return str(value)
        return self.resolver.resolve(target, value, option)

    def linked(self, option):
        """The id the current object refers to through a reference ``option``, or None."""
        field = next((f for f in self.resource.fields if f.option == option), None)
        if self.current is None or field is None or not isinstance(field.kind, Ref):
            return None
        return field.kind.read(self.current, field, self) or None

    # -- steps ---------------------------------------------------------------------------
    def find(self):
        r = self.resource
        if r.singleton:
            return self.client.get(r.path)
        object_id = self.params.get(r.id_option)
        if object_id:
            return self.client.get_or_none(r.object_path(object_id))
        key = self.params.get(r.key_option)
        return self.resolver.single(r, key, self.resolver.find_by_key(r, key))

    def desired(self):
        """The options the user set, normalised: {option: value}."""
        return dict((f.option, f.kind.desired(self.params[f.option], self, f))
                    for f in self.resource.fields if self.params.get(f.option) is not None)

    def changes(self, current, desired):
        """{option: (before, after)} for the fields whose normalised values differ."""
        result = {}
        for f in self.resource.fields:
            if f.option not in desired or f.kind.write_only:
                continue
            if f.option == self.resource.key_option and self.resource.key_match(desired[f.option], current):
                continue  # the key as asked for (an endpoint's username without Plivo's suffix)
            before = f.kind.read(current, f, self)
            if not f.kind.same(before, desired[f.option], self):
                result[f.option] = (before, desired[f.option])
        return result

    def run(self):
        validate_options(self.params, self.resource.fields)
        r = self.resource
        if r.singleton:
            return self.update(self.find(), self.desired())
        if not self.params.get(r.id_option) and not self.params.get(r.key_option):
            raise UserError('one of %s or %s is required' % (r.key_option, r.id_option))
        current = self.current = self.find()
        if self.params.get('state') == 'absent':
            return self.absent(current)
        if current is None and self.params.get(r.id_option):
            raise UserError('%s %s %s does not exist; leave %s out to create a new %s'
                            % (r.label, r.id_option, describe_value(self.params[r.id_option]),
                               r.id_option, r.label))
        desired = self.desired()
        if current is None:
            return self.create(desired)
        return self.update(current, desired)

    def _shown(self, desired):
        return dict((f.option, f.kind.show(desired[f.option]))
                    for f in self.resource.fields if f.option in desired)

    def _result(self, changed, obj, before=None, after=None, sent=()):
        r = self.resource
        result = {'changed': changed,
                  r.name: _plain(returned_objects(self.module, r, [obj])[0])}
        for f in r.fields:
            if f.kind.write_only:
                result[f.option + '_updated'] = f.option in sent
        if self.module.diff_mode:
            result['diff'] = {'before': _plain(before or {}), 'after': _plain(after or {})}
        return result

    def _payload(self, desired, options):
        fields = dict((f.option, f) for f in self.resource.fields)
        return dict((fields[o].api, fields[o].kind.to_api(desired[o], self)) for o in options)

    def check(self, desired, current):
        """The resource's own rules on the combination of options (``Resource.check``)."""
        r = self.resource
        if r.check is None:
            return
        state = {}
        for f in r.fields:
            if f.option in desired:
                state[f.option] = desired[f.option]
            elif current is not None and not f.kind.write_only:
                state[f.option] = f.kind.read(current, f, self)
            else:
                state[f.option] = None
        r.check(desired, state, current)

    def create(self, desired, replacing=None, before=None):
        """Create; with ``replacing`` (force=true on an immutable field) delete that first."""
        r = self.resource
        for option, source in r.create_defaults.items():
            if option not in desired and source in desired:
                desired[option] = desired[source]
        missing = [o for o in r.create_requires if o not in desired]
        if missing:
            raise UserError('%s is required to create %s %s'
                            % (' and '.join(missing), r.label,
                               describe_value(self.params.get(r.key_option))))
        self.check(desired, None)
        if replacing is not None:
            self.refuse_if_in_use(replacing)
        before = before or {'state': 'absent'}
        after = dict(self._shown(desired), state='present')
        if self.module.check_mode:
            predicted = dict((f.read, desired[f.option]) for f in r.fields
                             if f.option in desired and not f.kind.write_only)
            predicted[r.id_field] = None
            return self._result(True, predicted, before, after, sent=desired)
        # A reference set to '' (no link) is what a new object has anyway: not sent, as the
        # API may take '' for an id it does not know.
        payload = self._payload(desired, [f.option for f in r.fields if f.option in desired and not (
            isinstance(f.kind, Ref) and desired[f.option] == '')])
        if replacing is not None:
            self.client.delete(r.object_path(replacing[r.id_field]))
        try:
            response = self.client.create(r.path, payload)
            obj = self.read_created(response)
        except AmbiguousWriteError as exc:
            obj = self.settle(exc, desired, replacing)
        self.created_desired = desired
        return self._result(True, self.unlink_defaults(obj, desired), before, after, sent=desired)

    def unlink_defaults(self, obj, desired):
        """Remove the links the API made by itself on create where the user asked for none.

        Plivo links a new endpoint to the account's ``default_endpoint_app`` application (and
        a new number to its ``default_number_app``) when the create names none; ``app: ''``
        means no link, so it is removed with one update. ``obj`` is the object read back
        (an object without the field, a list-form item read later, is left for later)."""
        r = self.resource
        unlink = [f.option for f in r.fields if isinstance(f.kind, Ref) and desired.get(f.option) == ''
                  and f.read in obj and not f.kind.same(f.kind.read(obj, f, self), '', self)]
        if not unlink:
            return obj
        self.client.update(r.object_path(obj[r.id_field]), self._payload(desired, unlink))
        return self._merged(obj, desired, unlink)

    def read_created(self, response):
        """The object just created, as the API reports it: the create answer holds its id only."""
        return self.client.get(self.resource.object_path(response[self.resource.id_field]))

    def settle(self, exc, desired, replacing=None):
        """After a create whose answer was lost (5xx, dropped connection, timeout): look it up
        by natural key, never send it again. Before the create the lookup found none (and a
        replaced object is excluded by id), so what the lookup finds now is the create's work;
        an endpoint is matched by the username asked for plus Plivo's 12-digit suffix."""
        r = self.resource
        key = desired.get(r.key_option, self.params.get(r.key_option))
        gone = str((replacing or {}).get(r.id_field))
        try:
            found = [obj for obj in self.resolver.find_by_key(r, key)
                     if str(obj.get(r.id_field)) != gone]
        except PlivoError as read_exc:
            raise AmbiguousWriteError(
                '%s; reading %s %s back failed too (%s): run the task again, it looks the %s up '
                'by %s before creating it' % (exc.message, r.label, describe_value(key),
                                              read_exc.message, r.label, r.key_option),
                status=exc.status, api_id=exc.api_id, method=exc.method, path=exc.path)
        if not found:
            raise AmbiguousWriteError(
                '%s; no %s %s exists now, so it was not created, or the API is still creating it: '
                'run the task again, it looks the %s up by %s before creating it, never twice'
                % (exc.message, r.label, describe_value(key), r.label, r.key_option),
                status=exc.status, api_id=exc.api_id, method=exc.method, path=exc.path)
        if len(found) > 1:
            raise UserError(
                'the answer to creating %s %s was lost, and now %d %ss have that %s (%s %s): '
                'another run created the same %s at the same time; keep one and delete the others'
                % (r.label, describe_value(key), len(found), r.label, r.key_option, r.id_field,
                   ', '.join(str(obj.get(r.id_field)) for obj in found), r.key_option))
        self.module.warn('the answer to creating %s %s was lost (%s); reading it back by %s found '
                         'it, so the create was not sent again'
                         % (r.label, describe_value(key), exc.message, r.key_option))
        return found[0]

    def update(self, current, desired):
        r = self.resource
        changes = self.changes(current, desired)
        for f in r.fields:
            if f.option in changes and f.immutable and not self.params.get('force'):
                raise UserError('%s cannot change from %s to %s: %s%s'
                                % (f.option, describe_value(changes[f.option][0]),
                                   describe_value(changes[f.option][1]), f.immutable,
                                   '; set force=true to do it anyway' if 'force' in self.params
                                   else ''))
        if any(f.immutable for f in r.fields if f.option in changes):
            return self.replace(current, desired, changes)
        if r.key_option in changes:
            self.refuse_taken_key(current, desired[r.key_option])
        secrets = [f.option for f in r.fields if f.kind.write_only and f.option in desired
                   and (self.params.get('update_password') == 'always'
                        or any(o in changes for o in f.send_with))]
        if not changes and not secrets:
            return self._result(False, current)
        self.check(desired, current)
        before = dict((o, f_before) for o, (f_before, f_after) in changes.items())
        after = dict((o, f_after) for o, (f_before, f_after) in changes.items())
        for option in secrets:
            before[option + '_updated'] = False
            after[option + '_updated'] = True
        fields = dict((f.option, f) for f in r.fields)
        if self.module.check_mode:
            return self._result(True, self._merged(current, desired, changes), _shown_values(fields, before),
                                _shown_values(fields, after), sent=secrets)
        payload = self._payload(desired, list(changes) + secrets)
        for option in r.update_always:
            field = fields[option]
            if field.api not in payload:
                payload[field.api] = current.get(field.read)
        self.client.update(r.path if r.singleton else r.object_path(current[r.id_field]), payload)
        return self._result(True, self._merged(current, desired, changes), _shown_values(fields, before),
                            _shown_values(fields, after), sent=secrets)

    def refuse_taken_key(self, current, key):
        """A rename to a name another object already has is refused before any write: lookups
        by name would then be ambiguous, and the API may refuse it (Zentrunk trunk names may
        be unique per account)."""
        r = self.resource
        taken = [obj for obj in self.resolver.find_by_key(r, key)
                 if str(obj.get(r.id_field)) != str(current.get(r.id_field))]
        if taken:
            raise UserError('%s %s cannot be renamed to %s: %s %s (%s %s) already has that %s'
                            % (r.label, describe_value(current.get(r.key_field)), describe_value(key),
                               r.label, describe_value(key), r.id_field,
                               ', '.join(str(obj.get(r.id_field)) for obj in taken), r.key_option))

    def replace(self, current, desired, changes):
        """Delete and create again, the only way to change an immutable field (force=true)."""
        r = self.resource
        changed = sorted(o for o in changes if any(f.option == o and f.immutable for f in r.fields))
        self.module.warn('%s %s (%s %s) is replaced because %s changed: the new one gets a new %s, '
                         'and whatever referred to the old one loses that link'
                         % (r.label, describe_value(current.get(r.key_field)), r.id_field,
                            current.get(r.id_field), ' and '.join(changed), r.id_field))
        before = dict((o, changes[o][0]) for o in changed)
        before.update({'state': 'present', r.id_field: current.get(r.id_field)})
        for f in r.fields:  # addressed by id: the new object keeps the old one's key
            if f.option == r.key_option and f.option not in desired:
                desired[f.option] = f.kind.read(current, f, self)
        return self.create(desired, replacing=current, before=before)

    def _merged(self, current, desired, changes):
        obj = dict(current)
        for f in self.resource.fields:
            if f.option in changes:
                f.kind.write(obj, f, desired[f.option], self)
        return obj

    def absent(self, current):
        r = self.resource
        if current is None:
            result = self._result(False, None)
            if r.dependents:
                result['dependents'] = []
            return result
        self.refuse_if_in_use(current)
        before = {'state': 'present', r.id_field: current.get(r.id_field),
                  r.key_field: current.get(r.key_field)}
        after = {'state': 'absent'}
        taken = self.dependents(current)
        for entry in taken:
            before[entry['kind']] = entry['names']
            after[entry['kind']] = '%d %s' % (entry['count'], entry['effect'])
        body = self._delete_body()
        if not self.module.check_mode:
            self.client.delete(r.object_path(current[r.id_field]), body or None)
        result = self._result(True, None, before, after)
        if r.dependents:
            result['dependents'] = taken
        return result

    def dependents(self, current):
        """What deleting ``current`` takes with it or detaches (``Resource.dependents``), read
        from the API: ``[{kind, effect, count, names}]`` for each kind it touches. A delete
        that would destroy dependents without the user's consent is refused here, before any
        write. In check mode an earlier task of the run may remove them first (numbers before
        their carrier), as for ``refuse_if_in_use``: a warning instead."""
        r, taken = self.resource, []
        for spec in [d for d in r.dependents if d.when(current)]:
            target = spec.resource
            found = [obj for obj in self.resolver.listing(target) if spec.belongs(obj, current, self)]
            if not found:
                continue
            names = [str(obj.get(target.key_field) or obj.get(target.id_field)) for obj in found]
            if spec.destroys(self.params) and spec.consent and not self.params.get(spec.consent):
                message = ('deleting %s %s (%s %s) would also delete its %d %s (%s)'
                           % (r.label, describe_value(current.get(r.key_field)), r.id_field,
                              current.get(r.id_field), len(found), target.plural, _some(names)))
                if not self.module.check_mode:
                    raise UserError(message + ': set %s: true to delete them with it, or move '
                                    'them first' % spec.consent)
                self.module.warn(message + '; assuming an earlier task of this run removes them, '
                                 'else the real run is refused without %s: true (check mode)'
                                 % spec.consent)
            taken.append({'kind': target.plural, 'effect': spec.effect(self.params),
                          'count': len(found), 'names': names})
        return taken

    def refuse_if_in_use(self, current):
        """Objects still referring to this one (``Resource.in_use_by``) block its deletion.

        In check mode an earlier task of the run may remove the reference: a warning instead.
        """
        r = self.resource
        object_id = str(current[r.id_field])
        users = []
        for user, field in r.in_use_by:
            for obj in self.client.paginate(user.path, {field: object_id}):
                if str(obj.get(field) or '').rstrip('/').rsplit('/', 1)[-1] == object_id:
                    users.append('%s %s (%s %s) as %s'
                                 % (user.label, describe_value(obj.get(user.key_field)),
                                    user.id_field, obj.get(user.id_field), field))
        if not users:
            return
        message = ('%s %s (%s %s) is in use by %s'
                   % (r.label, describe_value(current.get(r.key_field)), r.id_field, object_id,
                      ', '.join(users)))
        if self.module.check_mode:
            self.module.warn(message + '; assuming an earlier task of this run removes that '
                             'reference (check mode)')
            return
        raise UserError(message + ': remove it from there first')

    def _delete_body(self):
        """The DELETE body: ``delete_options`` are option names sent as given, or Fields
        whose kind normalises the value (a reference resolved to an id) before any write."""
        body = {}
        for entry in self.resource.delete_options:
            option = getattr(entry, 'option', entry)
            value = self.params.get(option)
            if value is None:
                continue
            if hasattr(entry, 'kind'):
                value = entry.kind.to_api(entry.kind.desired(value, self, entry), self)
            body[getattr(entry, 'api', option)] = value
        return body


def _some(names, shown=5):
    """Up to ``shown`` names for a message, and how many more there are."""
    more = len(names) - shown
    return ', '.join(names[:shown]) + (' and %d more' % more if more > 0 else '')


def _plain(values):
    """A result dict without Pending references (check mode), which cannot be serialised."""
    return dict((k, str(v) if isinstance(v, Pending) else v) for k, v in values.items())


# Fields that hold a secret by their name, whatever the resource: a token or a password the
# API returns is never put in a result unless the resource names it as one the user may ask
# for (``Resource.returned_secrets``, revealed by its ``return_<first secret>`` option).
SECRET_FIELD_RE = re.compile(r'token|password|secret', re.IGNORECASE)


def returned_objects(module, resource, objects):
    """Objects as results show them: decorated, without the secrets they must not reveal.

    A secret the API returns (``resource.returned_secrets``, such as a subaccount's
    ``auth_token`` and ``new_auth_token``) stays only when the module's ``return_<first
    secret>`` option (``return_auth_token``) is true, on every run, the one that creates the
    object included; then a task without ``no_log`` gets one warning, since -v output would
    show it. Any other field whose name says it holds a token or password is removed always.
    """
    reveal_option = 'return_' + resource.returned_secrets[0] if resource.returned_secrets else None
    reveal = bool(reveal_option and module.params.get(reveal_option))
    shown, revealed = [], set()
    for obj in objects:
        obj = dict(resource.decorate(obj)) if obj else {}
        for field in [k for k in obj if SECRET_FIELD_RE.search(k) or k in resource.returned_secrets]:
            if reveal and field in resource.returned_secrets:
                revealed.add(field)
            else:
                del obj[field]
        shown.append(obj)
    if revealed and not getattr(module, 'task_no_log', False):
        module.warn('%s holds a secret that -v output shows: set no_log: true on this task'
                    % ' and '.join('%s.%s' % (resource.name, f) for f in sorted(revealed)))
    return shown


def run_resource(module, resource):
    """The whole body of a resource module's main()."""
    module.run(Reconciler(module, resource).run)


def run_info(module, resource, filters=()):
    """The whole body of an _info module's main(): by id, by natural key, or a filtered list.

    ``filters``: option names passed to the list API as server-side filters, or
    ``(option, api filter)`` pairs where the names differ.
    """
    def action():
        params = module.params
        if resource.singleton:
            return {'changed': False, resource.name: returned_objects(
                module, resource, [module.client.get(resource.path)])[0]}
        if params.get(resource.id_option):
            found = module.client.get_or_none(resource.object_path(params[resource.id_option]))
            objects = [found] if found else []
        elif params.get(resource.key_option):
            objects = Resolver(module.client).find_by_key(resource, params[resource.key_option])
        else:
            pairs = [f if isinstance(f, tuple) else (f, f) for f in filters]
            query = dict((api, params[o]) for o, api in pairs if params.get(o) is not None)
            objects = list(module.client.paginate(resource.path, query))
        return {'changed': False, resource.plural: returned_objects(module, resource, objects)}
    module.run(action)
