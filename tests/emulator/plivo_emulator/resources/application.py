# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Applications: ``Application/``.

Deleting one unlinks its numbers (number.py) and deletes or re-links its
endpoints (endpoint.py), both through the ``deleted`` hook.  Each account
has at most one ``default_app`` and one ``default_endpoint_app``; this module
answers ``default_application`` so numbers and endpoints created without an
``app_id`` land on them.
"""

from .. import validate as v
from ..errors import bad_request, not_found

KIND = "application"
URLS = ("answer_url", "hangup_url", "fallback_answer_url", "message_url")
METHODS = ("answer_method", "hangup_method", "fallback_method", "message_method")
# request parameter -> object field
FLAGS = {
    "default_number_app": "default_app",
    "default_endpoint_app": "default_endpoint_app",
    "public_uri": "public_uri",
    "log_incoming_messages": "log_incoming_messages",
}
DEFAULTS = {
    "answer_method": "POST", "hangup_method": "POST", "fallback_method": "POST", "message_method": "POST",
    "fallback_answer_url": "", "message_url": "",
    "default_app": False, "default_endpoint_app": False, "enabled": True,
    "public_uri": False, "log_incoming_messages": True,
}
FIELDS = ("app_name", "answer_url", "answer_method", "hangup_url", "hangup_method", "fallback_answer_url",
          "fallback_method", "message_url", "message_method", "default_app", "default_endpoint_app",
          "enabled", "public_uri", "log_incoming_messages")


def register(api):
    api.table(KIND)
    api.route("Application/", GET=list_applications, POST=create_application)
    api.route("Application/{app_id}/", GET=get_application, POST=update_application, DELETE=delete_application)
    api.on("resolve_number_link", resolve_number_link)
    api.on("default_application", default_application)


def render(call, record):
    obj = {field: record[field] for field in FIELDS}
    obj.update({
        "app_id": record["app_id"],
        "sip_uri": "sip:%s@app.plivo.com" % record["app_id"],
        "sub_account": call.sub_account_field(record),
        "resource_uri": call.base + "Application/%s/" % record["app_id"],
    })
    return obj


def resolve_number_link(call, app_id):
    if call.find(KIND, app_id) is None:
        return None
    return {"kind": KIND, "id": app_id, "path": "Application/%s/" % app_id}


def default_application(call, owner, flag):
    for record in call.store.table(KIND).values():
        if record["_owner"] == owner and record[flag]:
            return record["app_id"]
    return None


def _read(call, creating):
    """The object fields a create or update request sets."""
    body = call.body
    changes = {}
    name = v.string(body, "app_name", required=creating, allow_empty=False)
    if isinstance(name, str):
        changes["app_name"] = name
    for key in URLS:
        value = v.url(body, key, required=creating and key == "answer_url")
        if value == "" and key == "answer_url":
            raise bad_request("answer_url must not be empty")
        if isinstance(value, str):
            changes[key] = value
    for key in METHODS:
        value = v.http_method(body, key)
        if isinstance(value, str):
            changes[key] = value
    for param, field in FLAGS.items():
        value = v.boolean(body, param)
        if isinstance(value, bool):
            changes[field] = value
    return changes


def _clear_other_defaults(call, record):
    """One default number app and one default endpoint app per account."""
    for other in call.store.table(KIND).values():
        if other is record or other["_owner"] != record["_owner"]:
            continue
        for flag in ("default_app", "default_endpoint_app"):
            if record[flag]:
                other[flag] = False


def list_applications(call):
    rows = call.records(KIND)
    owner = call.query.get("subaccount")
    if owner:
        rows = [r for r in rows if r["_owner"] == owner]
    name = call.query.get("app_name")
    if name:
        rows = [r for r in rows if r["app_name"] == name]
    return 200, call.paginate(rows, lambda r: render(call, r))


def get_application(call):
    return 200, render(call, call.get(KIND, call.params["app_id"]))


def create_application(call):
    changes = _read(call, creating=True)
    owner = call.owner_from(call.body.get("subaccount"))
    fields = dict(DEFAULTS, **changes)
    if not fields.get("hangup_url"):
        fields["hangup_url"] = fields["answer_url"]
    app_id = call.store.new_digits(17)
    fields["app_id"] = app_id
    record = call.new_record(KIND, app_id, fields, owner=owner)
    _clear_other_defaults(call, record)
    return 201, {"app_id": app_id, "message": "created"}


def update_application(call):
    record = call.get(KIND, call.params["app_id"])
    changes = _read(call, creating=False)
    if call.body.get("subaccount") is not None:
        record["_owner"] = call.owner_from(call.body["subaccount"])
    record.update(changes)
    if changes.get("hangup_url") == "":
        record["hangup_url"] = record["answer_url"]
    _clear_other_defaults(call, record)
    return 202, {"message": "changed"}


def delete_application(call):
    app_id = call.params["app_id"]
    call.get(KIND, app_id)
    params = dict(call.query, **call.body)
    cascade = v.boolean(params, "cascade")
    if cascade in (v.MISSING, None):
        cascade = True
    successor = v.string(params, "new_endpoint_application")
    successor = successor if isinstance(successor, str) and successor else None
    if successor and not cascade:
        if successor == app_id or call.find(KIND, successor) is None:
            raise not_found("new_endpoint_application %s not found" % successor)
    call.delete(KIND, app_id, options={"cascade": cascade, "new_endpoint_application": successor})
    return 204, None
