# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a backend sees: route registration, hooks, and the per-request ``Call``.

Backends register routes relative to ``/v1/Account/{auth_id}/`` and talk to
each other only through hooks:

``deleting(call, kind, key, record)``
    before a record is removed; raise ApiError to refuse (a credential still
    used by a trunk).
``deleted(call, kind, key, record, options)``
    after a record is removed; cascade or unlink dependants.
``resolve_number_link(call, app_id)``
    return ``{"kind", "id", "path"}`` when ``app_id`` names something a
    number may point at (an application, an inbound trunk), else None.
``number_bought(call, item, app_id)``
    a number from the Plivo inventory was bought; create it under ``Number/``.
``default_application(call, owner, flag)``
    the app_id of ``owner``'s application flagged ``flag`` (``default_app``
    or ``default_endpoint_app``), else None.
``reset(store)``
    after the store is cleared; seed fixed data.
"""

import re
from collections import defaultdict
from urllib.parse import urlencode

from .dialects import KNOWN as KNOWN_DIALECTS
from .errors import bad_request, forbidden, not_found

MAX_LIMIT = 20


class Api:
    def __init__(self):
        self.routes = []
        self.hooks = defaultdict(list)
        self.kinds = []

    def table(self, kind):
        """Declare a table; tables are also walked in this order on subaccount cascade."""
        if kind not in self.kinds:
            self.kinds.append(kind)

    def route(self, template, **handlers):
        pattern = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        self.routes.append((re.compile(pattern), handlers))

    def on(self, event, handler):
        self.hooks[event].append(handler)

    def emit(self, event, *args, **kwargs):
        return [handler(*args, **kwargs) for handler in self.hooks[event]]

    def match(self, subpath):
        for pattern, handlers in self.routes:
            found = pattern.match(subpath)
            if found:
                return handlers, found.groupdict()
        return None, None


class Caller:
    """The authenticated account: the main account or one subaccount."""

    def __init__(self, auth_id, main_auth_id):
        self.auth_id = auth_id
        self.main_auth_id = main_auth_id

    @property
    def is_main(self):
        return self.auth_id == self.main_auth_id


class Call:
    def __init__(self, api, store, caller, method, path, query_pairs, body, params):
        self.api = api
        self.store = store
        self.caller = caller
        self.method = method
        self.path = path
        self.query_pairs = query_pairs
        self.query = {}
        for key, value in query_pairs:
            if value != "":
                self.query.setdefault(key, value)
        self.body = body
        self.params = params
        self.base = "/v1/Account/%s/" % caller.auth_id

    def dialect(self, name):
        """True when the emulator was started with ``--dialect name``."""
        if name not in KNOWN_DIALECTS:
            raise KeyError("no dialect named %s" % name)
        return name in self.store.dialects

    # ---- ownership and visibility -------------------------------------------------
    def visible(self, record):
        return self.caller.is_main or record.get("_owner") == self.caller.auth_id

    def records(self, kind, newest_first=True):
        rows = [r for r in self.store.table(kind).values() if self.visible(r)]
        rows.sort(key=lambda r: r["_seq"], reverse=newest_first)
        return rows

    def find(self, kind, key):
        record = self.store.table(kind).get(key)
        if record is None or not self.visible(record):
            return None
        return record

    def get(self, kind, key):
        record = self.find(kind, key)
        if record is None:
            raise not_found()
        return record

    def sub_account_field(self, record):
        owner = record.get("_owner")
        if owner is None or owner == self.store.auth_id:
            return None
        return "/v1/Account/%s/" % owner

    def owner_from(self, value, default=None):
        """The owner a ``subaccount`` parameter names: absent -> ``default`` or the caller, "" -> the main account."""
        if value is None:
            return default or self.caller.auth_id
        if not isinstance(value, str):
            raise bad_request("subaccount must be a string")
        if not self.caller.is_main:
            if value == self.caller.auth_id:
                return value
            raise forbidden("a subaccount cannot assign resources to another account")
        if not value or value == self.store.auth_id:
            return self.store.auth_id
        if self.store.subaccount(value) is None:
            raise not_found("subaccount %s not found" % value)
        return value

    def new_record(self, kind, key, fields, owner=None):
        record = dict(fields)
        record["_owner"] = owner or self.caller.auth_id
        record["_seq"] = self.store.next_seq()
        self.store.table(kind)[key] = record
        return record

    # ---- cross-resource plumbing -------------------------------------------------
    def emit(self, event, **kwargs):
        return self.api.emit(event, self, **kwargs)

    def default_app_id(self, owner, flag):
        """The app_id of ``owner``'s default application for ``flag``, or None."""
        return next((found for found in self.emit("default_application", owner=owner, flag=flag) if found), None)

    def delete(self, kind, key, options=None, force=False):
        record = self.store.table(kind).get(key)
        if record is None:
            return None
        if not force:
            self.emit("deleting", kind=kind, key=key, record=record)
        del self.store.table(kind)[key]
        self.emit("deleted", kind=kind, key=key, record=record, options=options or {})
        return record

    # ---- lists ----------------------------------------------------------------
    def int_param(self, name, default):
        raw = self.query.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise bad_request("%s must be an integer" % name) from None

    def bool_param(self, name):
        raw = self.query.get(name)
        if raw is None:
            return None
        if raw.lower() not in ("true", "false"):
            raise bad_request("%s must be true or false" % name)
        return raw.lower() == "true"

    def paginate(self, rows, render):
        limit = self.int_param("limit", MAX_LIMIT)
        offset = self.int_param("offset", 0)
        if not 1 <= limit <= MAX_LIMIT:
            raise bad_request("limit must be between 1 and %d" % MAX_LIMIT)
        if offset < 0:
            raise bad_request("offset must be 0 or more")
        total = len(rows)
        filters = [(k, v) for k, v in self.query_pairs if k not in ("limit", "offset")]

        def link(to):
            return self.path + "?" + urlencode([("limit", limit), ("offset", to)] + filters)

        return {
            "meta": {
                "limit": limit,
                "offset": offset,
                "total_count": total,
                "previous": link(max(0, offset - limit)) if offset > 0 else None,
                "next": link(offset + limit) if offset + limit < total else None,
            },
            "objects": [render(row) for row in rows[offset:offset + limit]],
        }
