# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How a resource is described to the engine: data, not code paths.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A ``Resource`` is three named parts:

- its ``Identity`` (``_catalog``): where it lives, its id and natural key, how a lookup by
  key is narrowed server-side; shared by the module, its _info twin and every reference;
- its ``Field`` list: which option maps to which API field, holding which ``Kind`` of
  value (``_kinds``: how a value is normalised on both sides, compared, sent and shown);
- its ``Behaviour``: the rules its API adds (what a create requires, what every update
  must carry, what a delete takes with it, secrets it returns, a batch create).

A module builds its own with ``IDENTITY_RESOURCE.with_fields(fields, **behaviour)``.
"""

import re

from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import TEXT


class Field:
    """One option of a module and the API field behind it.

    ``api``: the request field (default: the option's name); ``read``: the field that holds
    it in objects the API returns (default: ``api``); ``validate``: a function from
    ``_validate`` applied to the option (to each entry of a list); ``immutable``: a sentence
    explaining why an existing object's value cannot be changed in place (refused unless
    the module's ``force`` option is true, which replaces the object: delete, then create);
    ``send_with``: for a write-only field, options whose change makes an update carry it
    whatever ``update_password`` says (the API needs the secret again then);
    ``allow_empty``: False when the API refuses ``''`` for the field (an endpoint's alias),
    so the option is refused before any write instead of meaning 'unset'.
    """

    def __init__(self, option, kind=TEXT, api=None, read=None, validate=None, immutable=None,
                 send_with=(), allow_empty=True):
        self.option = option
        self.kind = kind
        self.api = api or option
        self.read = read or self.api
        self.validate = validate
        self.immutable = immutable
        self.send_with = tuple(send_with)
        self.allow_empty = allow_empty


class Dependents:
    """What deleting an object of a resource does to the objects that depend on it.

    ``resource``: their kind (every one of them is read, so a delete costs one listing of
    that kind); ``belongs(obj, deleted, ctx)``: whether ``obj`` depends on the object being
    deleted; ``effect(params)``: what the delete does to them with the module's options, a
    short phrase (``deleted with it``, ``unlinked; they stay on the account``);
    ``destroys(params)``: whether that effect deletes them; ``consent``: the option, off by
    default, without which a delete that would destroy dependents is refused before any
    write (None where the option that makes it destroy them is itself the consent, as
    ``cascade``); ``when(deleted)``: whether the deleted object can have such dependents at
    all (an outbound trunk has no numbers), so that no listing is read for nothing.
    """

    def __init__(self, resource, belongs, effect, destroys=lambda params: False, consent=None,
                 when=lambda deleted: True):
        self.resource = resource
        self.belongs = belongs
        self.effect = effect
        self.destroys = destroys
        self.consent = consent
        self.when = when


class Identity:
    """Where a resource lives and how its objects are told apart.

    ``name``: the result key and the word used in messages' keys (``carrier``);
    ``label``: how messages call it (``incoming carrier``); ``path``: relative to the
    account (``IncomingCarrier/``); ``id_field`` / ``id_option``: its id in objects and in
    the module's options; ``key_field`` / ``key_option``: its natural key; ``key_filter``:
    the list filter that narrows a lookup by key server-side (None: page through all);
    ``id_pattern``: what an id looks like, so references can be told from names;
    ``key_match``: how an object's key matches the requested one (default: exactly);
    ``plural``: the list-form and _info result key; ``singleton``: the object exists once
    and lives at ``path`` itself (the account): no lookup by key, no create, no delete.
    """

    def __init__(self, name, label, path, id_field, key_field, id_option=None, key_option=None,
                 key_filter=None, id_pattern=r'^[0-9]+$', key_match=None, plural=None,
                 singleton=False):
        self.name = name
        self.label = label
        self.path = path
        self.id_field = id_field
        self.id_option = id_option or id_field
        self.key_field = key_field
        self.key_option = key_option or key_field
        self.key_filter = key_filter
        self.id_re = re.compile(id_pattern)
        self.key_match = key_match or (lambda wanted, obj: obj.get(self.key_field) == wanted)
        self.plural = plural or name + 's'
        self.singleton = singleton

    def object_path(self, object_id):
        return '%s%s/' % (self.path, object_id)

    def looks_like_id(self, value):
        return bool(self.id_re.match(str(value)))


class Behaviour:
    """The rules a resource's API adds to plain create, update and delete.

    ``create_requires``: options needed to create; ``update_always``: fields every update
    must carry (the API requires them), sent with their current value when unchanged;
    ``delete_options``: options sent in the DELETE body (names, or Fields whose kind
    normalises the value, such as a reference resolved to an id); ``create_defaults``:
    {option: other option} for options that, when unset, take another option's value on
    create only (an endpoint's ``alias`` defaults to its ``username``); ``check``:
    ``check(desired, state, current)`` raises UserError when a combination of options cannot
    work, before any write (``desired``: the options the user set; ``state``: every field as
    it would be afterwards; ``current``: the API object, None when creating);
    ``in_use_by``: ``(resource, list filter)`` pairs naming the objects that refer to this
    one; they make a delete fail before it is sent (in check mode: a warning);
    ``dependents``: ``Dependents`` naming what a delete takes with it or detaches, listed
    in the diff and the result, and refused without consent where it would destroy them;
    ``returned_secrets``: object fields that hold secrets the API returns and a user may ask
    for (a subaccount's ``auth_token`` and ``new_auth_token``): kept in results only when the
    module's ``return_<first of them>`` option is true (``_results.returned_objects``);
    ``decorate``: adds derived keys to returned objects; ``batch_create``: a
    ``_batch.BatchCreate`` when the API creates many objects in one call.
    """

    SETTINGS = ('create_requires', 'update_always', 'delete_options', 'create_defaults', 'check',
                'in_use_by', 'dependents', 'returned_secrets', 'decorate', 'batch_create')

    def __init__(self, create_requires=(), update_always=(), delete_options=(),
                 create_defaults=None, check=None, in_use_by=(), dependents=(),
                 returned_secrets=(), decorate=None, batch_create=None):
        self.create_requires = tuple(create_requires)
        self.update_always = tuple(update_always)
        self.delete_options = tuple(delete_options)
        self.create_defaults = dict(create_defaults or {})
        self.check = check
        self.in_use_by = tuple(in_use_by)
        self.dependents = tuple(dependents)
        self.returned_secrets = tuple(returned_secrets)
        self.decorate = decorate or (lambda obj: obj)
        self.batch_create = batch_create

    def but(self, **settings):
        """A copy with some settings replaced."""
        unknown = sorted(set(settings) - set(self.SETTINGS))
        if unknown:
            raise TypeError('unknown resource behaviour: %s' % ', '.join(unknown))
        merged = dict((name, getattr(self, name)) for name in self.SETTINGS)
        merged.update(settings)
        return Behaviour(**merged)


class Resource:
    """A resource as the engine sees it: its ``identity``, its ``fields`` and its
    ``behaviour`` (see the module docstring). The parts' attributes read through
    (``resource.path``, ``resource.update_always``), so the engine names what it uses."""

    def __init__(self, identity, fields=(), behaviour=None):
        self.identity = identity
        self.fields = list(fields)
        self.behaviour = behaviour or Behaviour()

    def __getattr__(self, name):
        # Only reached for names the instance lacks: those of its two parts.
        if name in ('identity', 'behaviour'):
            raise AttributeError(name)
        if name in Behaviour.SETTINGS:
            return getattr(self.behaviour, name)
        return getattr(self.identity, name)

    def with_fields(self, fields, **behaviour):
        """This resource with a module's fields, and any behaviour settings replaced."""
        return Resource(self.identity, fields, self.behaviour.but(**behaviour))

    def field(self, option):
        """The Field for ``option``, or None."""
        return next((f for f in self.fields if f.option == option), None)
