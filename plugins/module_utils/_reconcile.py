# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's plan for one object: the reconcile loop every resource module uses.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

find (by id or natural key) -> validate and normalise the options the user set -> compare
-> stop in check mode -> create / update / delete -> one result shape:
``changed``, the object under the resource's name, and ``diff`` (before/after) in diff mode.
"""

from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    AmbiguousWriteError, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._delete import DeletePlan
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import Ref
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import Context, Resolver
from ansible_collections.plivo.provisioning.plugins.module_utils._results import (
    plain, returned_objects)
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value, validate_options)


def _shown_values(fields, values):
    """Values as a diff shows them: secrets masked."""
    return dict((o, fields[o].kind.show(v) if o in fields else v) for o, v in values.items())


class Reconciler(DeletePlan):
    """Converges one object of a described resource to the module's options."""

    def __init__(self, module, resource, resolver=None):
        self.module = module
        self.resource = resource
        self.client = module.client
        self.params = module.params
        self.ctx = Context(module.client,
                           resolver or Resolver(module.client, module.check_mode, module.warn),
                           resource.fields)
        self.created_desired = None  # what a create of this run asked for

    @property
    def resolver(self):
        """The resolver that kinds and lookups share (``ctx.resolver``)."""
        return self.ctx.resolver

    @resolver.setter
    def resolver(self, resolver):
        self.ctx.resolver = resolver

    @property
    def current(self):
        """The object as found, once run() has looked (None: not there)."""
        return self.ctx.current

    @current.setter
    def current(self, obj):
        self.ctx.current = obj

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
        return dict((f.option, f.kind.desired(self.params[f.option], self.ctx, f))
                    for f in self.resource.fields if self.params.get(f.option) is not None)

    def changes(self, current, desired):
        """{option: (before, after)} for the fields whose normalised values differ."""
        result = {}
        for f in self.resource.fields:
            if f.option not in desired or f.kind.write_only:
                continue
            if f.option == self.resource.key_option and self.resource.key_match(desired[f.option], current):
                continue  # the key as asked for (an endpoint's username without Plivo's suffix)
            before = f.kind.read(current, f, self.ctx)
            if not f.kind.same(before, desired[f.option], self.ctx):
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

    def result(self, changed, obj, before=None, after=None, sent=()):
        """The result of converging one object: ``changed``, the object, ``<secret>_updated``
        for each write-only field, and in diff mode the diff."""
        r = self.resource
        result = {'changed': changed,
                  r.name: plain(returned_objects(self.module, r, [obj])[0])}
        for f in r.fields:
            if f.kind.write_only:
                result[f.option + '_updated'] = f.option in sent
        if self.module.diff_mode:
            result['diff'] = {'before': plain(before or {}), 'after': plain(after or {})}
        return result

    def payload(self, desired, options):
        """The request fields that set ``options`` to their ``desired`` values."""
        fields = dict((f.option, f) for f in self.resource.fields)
        return dict((fields[o].api, fields[o].kind.to_api(desired[o], self.ctx)) for o in options)

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
                state[f.option] = f.kind.read(current, f, self.ctx)
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
            return self.result(True, predicted, before, after, sent=desired)
        # A reference set to '' (no link) is what a new object has anyway: not sent, as the
        # API may take '' for an id it does not know.
        payload = self.payload(desired, [f.option for f in r.fields if f.option in desired and not (
            isinstance(f.kind, Ref) and desired[f.option] == '')])
        if replacing is not None:
            self.client.delete(r.object_path(replacing[r.id_field]))
        try:
            response = self.client.create(r.path, payload)
            obj = self.read_created(response)
        except AmbiguousWriteError as exc:
            obj = self.settle(exc, desired, replacing)
        self.created_desired = desired
        obj = self.unlink_defaults(obj, desired)
        if r.key_field in obj:  # read back whole (the list form reads its creates back later)
            self.resolver.settled(r, created=obj, gone=(replacing or {}).get(r.id_field))
        return self.result(True, obj, before, after, sent=desired)

    def unlink_defaults(self, obj, desired):
        """Remove the links the API made by itself on create where the user asked for none.

        Plivo links a new endpoint to the account's ``default_endpoint_app`` application (and
        a new number to its ``default_number_app``) when the create names none; ``app: ''``
        means no link, so it is removed with one update. ``obj`` is the object read back
        (an object without the field, a list-form item read later, is left for later)."""
        r = self.resource
        unlink = [f.option for f in r.fields if isinstance(f.kind, Ref) and desired.get(f.option) == ''
                  and f.read in obj and not f.kind.same(f.kind.read(obj, f, self.ctx), '', self.ctx)]
        if not unlink:
            return obj
        self.client.update(r.object_path(obj[r.id_field]), self.payload(desired, unlink))
        return self.merged(obj, desired, unlink)

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
            return self.result(False, current)
        self.check(desired, current)
        before = dict((o, f_before) for o, (f_before, f_after) in changes.items())
        after = dict((o, f_after) for o, (f_before, f_after) in changes.items())
        for option in secrets:
            before[option + '_updated'] = False
            after[option + '_updated'] = True
        fields = dict((f.option, f) for f in r.fields)
        if self.module.check_mode:
            return self.result(True, self.merged(current, desired, changes),
                               _shown_values(fields, before), _shown_values(fields, after), sent=secrets)
        payload = self.payload(desired, list(changes) + secrets)
        for option in r.update_always:
            field = fields[option]
            if field.api not in payload:
                payload[field.api] = current.get(field.read)
        self.client.update(r.path if r.singleton else r.object_path(current[r.id_field]), payload)
        updated = self.merged(current, desired, changes)
        if not r.singleton:
            self.resolver.settled(r, created=updated)
        return self.result(True, updated, _shown_values(fields, before), _shown_values(fields, after),
                           sent=secrets)

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
                desired[f.option] = f.kind.read(current, f, self.ctx)
        return self.create(desired, replacing=current, before=before)

    def merged(self, current, desired, changes):
        """``current`` as the API reports it once ``changes`` (option names) are written."""
        obj = dict(current)
        for f in self.resource.fields:
            if f.option in changes:
                f.kind.write(obj, f, desired[f.option], self.ctx)
        return obj


def run_resource(module, resource):
    """The whole body of a resource module's main()."""
    module.run(Reconciler(module, resource).run)
