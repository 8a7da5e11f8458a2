# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kinds of values: how an option's value is normalised, compared, sent and shown.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

Every ``Field`` has a ``Kind``. The engine calls a kind's methods with the field and one
``Context`` (``_context``): the client, the resolver that turns names into ids, and the
object as found. The methods every kind implements are those of ``Kind``; a kind
overrides the ones where its values differ from plain strings.
"""

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


class Kind:
    """What every kind of value implements; the defaults treat values as plain strings.

    ``value``: an option as the user set it; ``raw``: a field as the API reports it;
    ``ctx``: the ``Context`` of the object being converged; ``field``: the ``Field``.
    ``write_only``: the value is sent but never read back or compared (a password).
    """

    write_only = False

    def desired(self, value, ctx, field):
        """The user's option, normalised to compare with ``current`` (a name resolved to an
        id, a list sorted)."""
        return '' if value is None else str(value)

    def current(self, raw, ctx):
        """A field as the API reports it, normalised the same way."""
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
        """The normalised value as a request sends it."""
        return value

    def to_object(self, value, ctx):
        """The normalised value as an object the API returns holds it."""
        return value

    def show(self, value):
        """The value as a diff shows it."""
        return value


class Text(Kind):
    """A string; None and '' are the same (the API reports unset strings either way)."""


class Bool(Kind):
    """A boolean; the API sometimes reports booleans as 'true'/'false' strings."""

    def desired(self, value, ctx, field):
        return bool(value)

    def current(self, raw, ctx):
        if isinstance(raw, str):
            return raw.strip().lower() == 'true'
        return bool(raw)


class Choice(Kind):
    """A string from a fixed set where the API folds case (methods such as GET/POST)."""

    def desired(self, value, ctx, field):
        return '' if value is None else str(value).upper()

    def current(self, raw, ctx):
        return '' if raw is None else str(raw).upper()


class StringSet(Kind):
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


class Ref(Kind):
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
        # What the object refers to already was accepted when it was linked.
        if self.accept is not None and not isinstance(resolved, Pending) and (
                ctx.linked(field.option) != resolved):
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
        return ctx.resolver.get_by_id(self.target, before) is None


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


class Secret(Kind):
    """A write-only value (passwords): sent, never read, compared or shown."""

    write_only = True

    def show(self, value):
        return '********'


TEXT = Text()
BOOL = Bool()
CHOICE = Choice()
SECRET = Secret()
