# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zentrunk SIP trunks: ``Zentrunk/Trunk/``.

A trunk references credentials, IP ACLs and origination URIs; this module
owns those rules: it refuses to let a referenced object be deleted
(``deleting`` hook), and answers ``resolve_number_link`` for inbound trunks
only.  A single read is nested under ``object`` (the zentrunk-flat dialect
flattens it); the trunk-unique-names dialect refuses a name another trunk of
the same account has.
"""

from .. import validate as v
from ..errors import bad_request, not_found, unprocessable
from ..state import utcnow

KIND = "zentrunk_trunk"
DIRECTIONS = ("inbound", "outbound")
STATUSES = ("enabled", "disabled")
# trunk field -> (kind of the referenced object, how messages name it)
REFERENCES = {
    "ipacl_uuid": ("zentrunk_ipacl", "IP access control list"),
    "credential_uuid": ("zentrunk_credential", "Credential"),
    "primary_uri_uuid": ("zentrunk_uri", "URI"),
    "fallback_uri_uuid": ("zentrunk_uri", "URI"),
}
OUTBOUND_ONLY = ("ipacl_uuid", "credential_uuid")
INBOUND_ONLY = ("primary_uri_uuid", "fallback_uri_uuid")
PUBLIC = ("trunk_id", "trunk_domain", "name", "trunk_status", "trunk_direction", "secure", "ipacl_uuid",
          "credential_uuid", "primary_uri_uuid", "fallback_uri_uuid", "created_at", "updated_at")


def register(api):
    api.table(KIND)
    api.route("Zentrunk/Trunk/", GET=list_trunks, POST=create_trunk)
    api.route("Zentrunk/Trunk/{trunk_id}/", GET=get_trunk, POST=update_trunk, DELETE=delete_trunk)
    api.on("resolve_number_link", resolve_number_link)
    api.on("deleting", refuse_deleting_referenced)
    api.on("deleted", forget_deleted_reference)


def render(record):
    return {field: record[field] for field in PUBLIC}


def timestamp():
    return utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")


def resolve_number_link(call, app_id):
    trunk = call.find(KIND, app_id)
    if trunk is None:
        return None
    if trunk["trunk_direction"] != "inbound":
        raise bad_request("trunk %s is an outbound trunk; only inbound trunks can be linked to a number" % app_id)
    return {"kind": KIND, "id": app_id, "path": "Zentrunk/Trunk/%s/" % app_id}


def _users(call, kind, key):
    return [t for t in call.store.table(KIND).values()
            if any(t[field] == key for field, (ref_kind, _unused) in REFERENCES.items() if ref_kind == kind)]


def refuse_deleting_referenced(call, kind, key, record):  # pylint: disable=unused-argument
    users = _users(call, kind, key)
    if users:
        label = next(label for ref_kind, label in REFERENCES.values() if ref_kind == kind)
        names = ", ".join("%s (%s)" % (t["trunk_id"], t["name"]) for t in users)
        raise bad_request("%s %s is in use by trunk %s; remove it from the trunk first" % (label, key, names))


def forget_deleted_reference(call, kind, key, record, options):  # pylint: disable=unused-argument
    for trunk in _users(call, kind, key):
        for field, (ref_kind, _unused) in REFERENCES.items():
            if ref_kind == kind and trunk[field] == key:
                trunk[field] = None


def _references(call, body):
    """The reference fields the request sets ("" or null clears), each checked to exist."""
    changes = {}
    for field, (kind, label) in REFERENCES.items():
        if field not in body:
            continue
        value = body[field]
        if value is None or value == "":
            changes[field] = None
            continue
        if not isinstance(value, str):
            raise bad_request("%s must be a string" % field)
        if call.find(kind, value) is None:
            raise not_found("%s %s not found" % (label, value))
        changes[field] = value
    return changes


def _check_shape(trunk, missing):
    """Direction rules; ``missing`` is the error for an absent required reference."""
    wrong = OUTBOUND_ONLY if trunk["trunk_direction"] == "inbound" else INBOUND_ONLY
    for field in wrong:
        if trunk.get(field):
            raise bad_request("%s does not apply to an %s trunk" % (field, trunk["trunk_direction"]))
    if trunk["trunk_direction"] == "outbound":
        if not (trunk.get("ipacl_uuid") or trunk.get("credential_uuid")):
            raise missing("an outbound trunk needs ipacl_uuid or credential_uuid")
    else:
        if not trunk.get("primary_uri_uuid"):
            raise missing("primary_uri_uuid is required for an inbound trunk")
        if trunk.get("fallback_uri_uuid") and trunk["fallback_uri_uuid"] == trunk["primary_uri_uuid"]:
            raise bad_request("fallback_uri_uuid must differ from primary_uri_uuid")


def _common(body):
    changes = {}
    name = v.string(body, "name")
    if isinstance(name, str):
        changes["name"] = name
    status = v.choice(body, "trunk_status", STATUSES)
    if isinstance(status, str):
        changes["trunk_status"] = status
    secure = v.boolean(body, "secure")
    if isinstance(secure, bool):
        changes["secure"] = secure
    return changes


def list_trunks(call):
    rows = call.records(KIND)
    for key, allowed in (("trunk_status", STATUSES), ("trunk_direction", DIRECTIONS)):
        if key in call.query:
            if call.query[key] not in allowed:
                raise bad_request("%s must be one of %s" % (key, ", ".join(allowed)))
            rows = [r for r in rows if r[key] == call.query[key]]
    secure = call.bool_param("secure")
    if secure is not None:
        rows = [r for r in rows if r["secure"] == secure]
    for field in REFERENCES:
        if field in call.query:
            rows = [r for r in rows if r[field] == call.query[field]]
    return 200, call.paginate(rows, render)


def get_trunk(call):
    obj = render(call.get(KIND, call.params["trunk_id"]))
    return 200, obj if call.dialect("zentrunk-flat") else {"object": obj}


def _check_unique_name(call, trunk, owner):
    if not call.dialect("trunk-unique-names") or trunk["name"] is None:
        return
    for other in call.store.table(KIND).values():
        if other["_owner"] == owner and other["trunk_id"] != trunk["trunk_id"] and other["name"] == trunk["name"]:
            raise bad_request("A trunk with the same name '%s' already exists" % trunk["name"])


def create_trunk(call):
    body = call.body
    if body.get("trunk_direction") in (None, ""):
        raise unprocessable("trunk_direction is required")
    direction = v.choice(body, "trunk_direction", DIRECTIONS)
    trunk_id = call.store.new_digits(14)
    now = timestamp()
    trunk = {"trunk_id": trunk_id, "trunk_domain": "%s.zt.plivo.com" % trunk_id, "name": None,
             "trunk_status": "enabled", "trunk_direction": direction, "secure": False,
             "created_at": now, "updated_at": now}
    trunk.update({field: None for field in REFERENCES})
    trunk.update(_common(body))
    trunk.update(_references(call, body))
    _check_shape(trunk, unprocessable)
    _check_unique_name(call, trunk, call.caller.auth_id)
    call.new_record(KIND, trunk_id, trunk)
    return 201, {"message": "Trunk created successfully.", "trunk_id": trunk_id}


def update_trunk(call):
    record = call.get(KIND, call.params["trunk_id"])
    body = call.body
    direction = body.get("trunk_direction")
    if direction not in (None, "", record["trunk_direction"]):
        raise bad_request("trunk_direction cannot be changed; create a new trunk instead")
    updated = dict(record)
    updated.update(_common(body))
    updated.update(_references(call, body))
    _check_shape(updated, bad_request)
    if updated["name"] != record["name"]:
        _check_unique_name(call, updated, record["_owner"])
    updated["updated_at"] = timestamp()
    record.update(updated)
    return 202, {"message": "Trunk updated successfully.", "trunk_id": record["trunk_id"]}


def delete_trunk(call):
    call.get(KIND, call.params["trunk_id"])
    call.delete(KIND, call.params["trunk_id"])
    return 204, None
