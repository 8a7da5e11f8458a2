# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How a resource is described to the shared reconcile loop: data, not code paths.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A module describes its resource with a ``Resource`` (where it lives, its id and natural
key, how a lookup by key is narrowed server-side) and a list of ``Field`` objects (which
option maps to which API field and which ``Kind`` of value it holds). A Kind knows how a
value is normalised on both sides, compared, sent, and shown in a diff.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value)


class Pending:
    """A reference, in check mode, to something an earlier task of the run would create."""

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return False

    def __ne__(self, other):
        return True

    __hash__ = None

    def __repr__(self):
        return '%s (not created yet)' % self.value


class Text:
    """A string; None and '' are the same (the API reports unset strings either way)."""

    write_only = False

    def desired(self, value, ctx, field):
        return '' if value is None else str(value)

    def current(self, raw, ctx):
        return '' if raw is None else str(raw)

    def read(self, obj, field, ctx):
        """The field's current value in an object the API returned, normalised."""
        return self.current(obj.get(field.read), ctx)

    def same(self, before, after, ctx):
        """Whether the current value ``before`` already is the wanted ``after``."""
        return before == after

    def write(self, obj, field, value, ctx):
        """Put ``value`` into ``obj`` as the API would report it after the write."""
        obj[field.read] = value if isinstance(value, Pending) else self.to_object(value, ctx)

    def to_api(self, value, ctx):
        return value

    def to_object(self, value, ctx):
        return value

    def show(self, value):
        return value


class Bool(Text):
    """A boolean; the API sometimes reports booleans as 'true'/'false' strings."""

    def desired(self, value, ctx, field):
        return bool(value)

    def current(self, raw, ctx):
        if isinstance(raw, str):
            return raw.strip().lower() == 'true'
        return bool(raw)


class Choice(Text):
    """A string from a fixed set where the API folds case (methods such as GET/POST)."""

    def desired(self, value, ctx, field):
        return '' if value is None else str(value).upper()

    def current(self, raw, ctx):
        return '' if raw is None else str(raw).upper()


class StringSet(Text):
    """An order- and duplicate-insensitive set of strings.

    ``csv=True``: sent as one comma-separated string (the carrier's ``ip_set``); otherwise
    sent as a JSON list. Read back from either form; ``read_as`` normalises each entry the
    API returns as the field's validator normalises what the user gives (an IP ACL's
    ``10.0.0.5/32`` is ``10.0.0.5``).
    """

    def __init__(self, csv=True, read_as=None):
        self.csv = csv
        self.read_as = read_as or (lambda entry: entry)

    def desired(self, value, ctx, field):
        return sorted(set(str(v).strip() for v in value or []))

    def current(self, raw, ctx):
        if raw is None:
            return []
        items = raw.split(',') if isinstance(raw, str) else raw
        return sorted(set(self.read_as(str(v).strip()) for v in items if str(v).strip()))

    def to_api(self, value, ctx):
        return ','.join(value) if self.csv else list(value)

    def to_object(self, value, ctx):
        return self.to_api(value, ctx)


class Ref(Text):
    """A reference to another resource, given by id or by name, compared by id.

    The API reports references as resource URIs (``/v1/Account/X/Application/123/``) or
    bare ids; both are reduced to the id. ``''`` means 'unlink'. ``as_uri``: whether the
    object the API returns holds the reference as a resource URI (else as the bare id).
    ``accept``: ``accept(obj)`` returns why the object found cannot be referenced here (a
    sentence: 'is an outbound trunk; ...'), or None; refused before any write.
    """

    def __init__(self, target, as_uri=True, accept=None):
        self.target = target
        self.as_uri = as_uri
        self.accept = accept

    def desired(self, value, ctx, field):
        if value is None or value == '':
            return ''
        resolved = ctx.resolve(self.target, value, field.option)
        linked = getattr(ctx, 'linked', None)  # what the object refers to already was accepted
        if self.accept is not None and not isinstance(resolved, Pending) and not (
                linked and linked(field.option) == resolved):
            reason = self.accept(ctx.resolver.lookup(self.target, value))
            if reason:
                raise UserError('%s %s %s' % (field.option, describe_value(value), reason))
        return resolved

    def current(self, raw, ctx):
        if not raw:
            return ''
        text = str(raw).rstrip('/')
        return text.rsplit('/', 1)[-1]

    def to_object(self, value, ctx):
        if not value:
            return None
        return ctx.client.uri(self.target.path, value) if self.as_uri else value


class UncertainLink(str):
    """A link read from an Application URI, which may carry an inbound trunk's id instead of
    an application's (Plivo's docs: "Zentrunk customers can pass the inbound trunk_id as the
    app_id", and production may read it back that way)."""


# The newer number API reports a link as object_type/object_id beside a null application.
LINK_OBJECT_TYPES = {'application': 'Application/', 'trunk': 'Zentrunk/Trunk/'}


class LinkRef(Ref):
    """A reference held in an API field that can point at one of several kinds.

    A number's ``application`` is the URI of an application or of an inbound Zentrunk trunk,
    and both are set through ``app_id``. Each kind gets its own option (``app``, ``trunk``),
    each a LinkRef to its target: a link to another kind reads as unset for this option, so
    ``app: ''`` leaves a linked trunk alone while ``app: name`` replaces it.

    The API may report the link three ways, and each is read: the linked object's URI in
    ``application``; ``object_type``/``object_id``, which win over ``application`` where
    both are there (Plivo's one sample of the newer number list shows a trunk's
    ``object_id`` beside an unrelated Application URI); or, for a
    trunk, an Application URI carrying the trunk's id. That last one is uncertain: where it
    decides the outcome (the option asks for no link of this kind), the id is read as this
    option's kind once (``same``) to tell an application from a trunk.
    """

    def read(self, obj, field, ctx):
        object_type, object_id = obj.get('object_type'), obj.get('object_id')
        if object_type and object_id:  # authoritative: the one sample shows another app beside it
            linked = LINK_OBJECT_TYPES.get(str(object_type).lower())
            return str(object_id) if linked == self.target.path else ''
        return self.current(obj.get(field.read), ctx)

    def current(self, raw, ctx):
        if not raw:
            return ''
        text = '/%s/' % str(raw).strip('/')
        object_id = Ref.current(self, raw, ctx)
        if '/%s' % LINK_OBJECT_TYPES['application'] in text:
            return UncertainLink(object_id)
        return object_id if '/%s' % self.target.path in text else ''

    def write(self, obj, field, value, ctx):
        Ref.write(self, obj, field, value, ctx)
        for key in ('object_type', 'object_id'):
            if key in obj:  # the link is now in ``application``, as this write reports it
                obj[key] = None

    def same(self, before, after, ctx):
        if before == after or not isinstance(before, UncertainLink) or after != '':
            return before == after
        # Asked for no link of this kind, and an Application URI is there: is it one?
        return ctx is not None and ctx.resolver.get_by_id(self.target, before) is None


class AccountRef(Ref):
    """Which account owns an object: a subaccount by auth id or by name, '' for the main one.

    Objects report it as ``sub_account``: null for the main account, else the subaccount's
    account URI ``/v1/Account/SA.../``; both reduce to the auth id ('' for the main account).
    An auth id is taken as given, without a read (a subaccount's own credentials may not
    read ``Subaccount/``; the API refuses unknown ids); the main account's auth id means ''.
    """

    def desired(self, value, ctx, field):
        text = '' if value is None else str(value).strip()
        if text in ('', ctx.client.auth_id) or self.target.looks_like_id(text):
            return '' if text == ctx.client.auth_id else text
        return ctx.resolve(self.target, text, field.option)

    def to_object(self, value, ctx):
        return '/v1/Account/%s/' % value if value else None


class Secret(Text):
    """A write-only value (passwords): sent, never read, compared or shown."""

    write_only = True

    def show(self, value):
        return '********'


TEXT = Text()
BOOL = Bool()
CHOICE = Choice()
SECRET = Secret()


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


class Resource:
    """Where a resource lives and how it is identified.

    ``name``: the result key and the word used in messages' keys (``carrier``);
    ``label``: how messages call it (``incoming carrier``); ``path``: relative to the
    account (``IncomingCarrier/``); ``id_field`` / ``id_option``: its id in objects and in
    the module's options; ``key_field`` / ``key_option``: its natural key; ``key_filter``:
    the list filter that narrows a lookup by key server-side (None: page through all);
    ``id_pattern``: what an id looks like, so references can be told from names;
    ``key_match``: how an object's key matches the requested one (default: exactly);
    ``create_requires``: options needed to create; ``update_always``: fields every update
    must carry (the API requires them), sent with their current value when unchanged;
    ``delete_options``: options sent in the DELETE body (names, or Fields whose kind
    normalises the value, such as a reference resolved to an id); ``decorate``: adds derived keys to
    returned objects.
    ``create_defaults``: {option: other option} for options that, when unset, take another
    option's value on create only (an endpoint's ``alias`` defaults to its ``username``);
    ``returned_secrets``: object fields that hold secrets the API returns and a user may ask
    for (a subaccount's ``auth_token`` and ``new_auth_token``): kept in results only when the
    module's ``return_<first of them>`` option is true, otherwise removed (as any other
    returned field named like a token or password always is);
    ``singleton``: the object exists once and lives at ``path`` itself (the account): no
    lookup by key, no create, no delete;
    ``check``: ``check(desired, state, current)`` raises UserError when a combination of
    options cannot work, before any write (``desired``: the options the user set; ``state``:
    every field as it would be afterwards; ``current``: the API object, None when creating);
    ``in_use_by``: ``(resource, list filter)`` pairs naming the objects that refer to this
    one; they make a delete fail before it is sent (in check mode: a warning);
    ``dependents``: ``Dependents`` naming what a delete takes with it or detaches, listed
    in the diff and the result, and refused without consent where it would destroy them.
    """

    def __init__(self, name, label, path, id_field, key_field, fields=(), id_option=None,
                 key_option=None, key_filter=None, id_pattern=r'^[0-9]+$', key_match=None,
                 create_requires=(), update_always=(), delete_options=(), decorate=None,
                 plural=None, create_defaults=None, returned_secrets=(), singleton=False,
                 check=None, in_use_by=(), dependents=()):
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
        self.fields = list(fields)
        self.create_requires = tuple(create_requires)
        self.update_always = tuple(update_always)
        self.delete_options = tuple(delete_options)
        self.decorate = decorate or (lambda obj: obj)
        self.plural = plural or name + 's'
        self.create_defaults = dict(create_defaults or {})
        self.returned_secrets = tuple(returned_secrets)
        self.singleton = singleton
        self.check = check
        self.in_use_by = tuple(in_use_by)
        self.dependents = tuple(dependents)

    def with_fields(self, fields, **settings):
        """A copy of this identity with the module's fields (and any other settings)."""
        clone = copy.copy(self)
        clone.fields = list(fields)
        for name, value in settings.items():
            setattr(clone, name, tuple(value) if isinstance(value, list) else value)
        return clone

    def object_path(self, object_id):
        return '%s%s/' % (self.path, object_id)

    def looks_like_id(self, value):
        return bool(self.id_re.match(str(value)))
