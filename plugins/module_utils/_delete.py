# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The delete half of the plan for one object: what stops a delete (objects that use it),
what it takes with it (``Behaviour.dependents``), and the DELETE itself.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
"""

from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value)


def some_names(names, shown=5):
    """Up to ``shown`` names for a message, and how many more there are."""
    more = len(names) - shown
    return ', '.join(names[:shown]) + (' and %d more' % more if more > 0 else '')


class DeletePlan:
    """The delete steps of ``_reconcile.Reconciler``, which it inherits: they use its
    ``resource``, ``params``, ``module``, ``client``, ``resolver``, ``ctx`` and ``result``."""

    def absent(self, current):
        r = self.resource
        if current is None:
            result = self.result(False, None)
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
        body = self.delete_body()
        if not self.module.check_mode:
            self.client.delete(r.object_path(current[r.id_field]), body or None)
            self.resolver.settled(r, gone=current[r.id_field])
        result = self.result(True, None, before, after)
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
            found = [obj for obj in self.resolver.listing(target) if spec.belongs(obj, current, self.ctx)]
            if not found:
                continue
            names = [str(obj.get(target.key_field) or obj.get(target.id_field)) for obj in found]
            if spec.destroys(self.params) and spec.consent and not self.params.get(spec.consent):
                message = ('deleting %s %s (%s %s) would also delete its %d %s (%s)'
                           % (r.label, describe_value(current.get(r.key_field)), r.id_field,
                              current.get(r.id_field), len(found), target.plural, some_names(names)))
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

    def delete_body(self):
        """The DELETE body: ``delete_options`` are option names sent as given, or Fields
        whose kind normalises the value (a reference resolved to an id) before any write."""
        body = {}
        for entry in self.resource.delete_options:
            option = getattr(entry, 'option', entry)
            value = self.params.get(option)
            if value is None:
                continue
            if hasattr(entry, 'kind'):
                value = entry.kind.to_api(entry.kind.desired(value, self.ctx, entry), self.ctx)
            body[getattr(entry, 'api', option)] = value
        return body
