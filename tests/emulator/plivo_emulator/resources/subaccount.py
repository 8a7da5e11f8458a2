# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Subaccounts: ``Subaccount/``; their credentials authenticate on their own path only.

Reads carry ``new_auth_token`` beside ``auth_token``, with the same value, as
Plivo's recorded responses do.
"""

from .. import validate as v
from ..errors import forbidden
from ..state import today

KIND = "subaccount"


def register(api):
    api.table(KIND)
    api.route("Subaccount/", GET=list_subaccounts, POST=create_subaccount)
    api.route("Subaccount/{auth_id}/", GET=get_subaccount, POST=update_subaccount, DELETE=delete_subaccount)


def render(call, record):
    return {
        "account": "/v1/Account/%s/" % call.store.auth_id,
        "auth_id": record["auth_id"],
        "auth_token": record["auth_token"],
        "created": record["created"],
        "enabled": record["enabled"],
        "modified": record["modified"],
        "name": record["name"],
        "new_auth_token": record["auth_token"],
        "resource_uri": call.base + "Subaccount/%s/" % record["auth_id"],
    }


def _main_only(call):
    if not call.caller.is_main:
        raise forbidden("subaccounts cannot manage subaccounts")


def list_subaccounts(call):
    _main_only(call)
    return 200, call.paginate(call.records(KIND), lambda r: render(call, r))


def get_subaccount(call):
    _main_only(call)
    return 200, render(call, call.get(KIND, call.params["auth_id"]))


def create_subaccount(call):
    _main_only(call)
    name = v.string(call.body, "name", required=True, allow_empty=False)
    enabled = v.boolean(call.body, "enabled")
    auth_id = call.store.new_subaccount_id()
    record = call.new_record(KIND, auth_id, {
        "auth_id": auth_id,
        "auth_token": call.store.new_token(40),
        "name": name,
        "enabled": bool(enabled) if enabled is not v.MISSING else False,
        "created": today(),
        "modified": None,
    })
    return 201, {"auth_id": auth_id, "auth_token": record["auth_token"], "message": "created"}


def update_subaccount(call):
    _main_only(call)
    record = call.get(KIND, call.params["auth_id"])
    name = v.string(call.body, "name", required=True, allow_empty=False)
    enabled = v.boolean(call.body, "enabled")
    record["name"] = name
    if enabled not in (v.MISSING, None):
        record["enabled"] = enabled
    record["modified"] = today()
    return 202, {"message": "changed"}


def delete_subaccount(call):
    """Cascade deletes everything the subaccount owns; otherwise the main account inherits it."""
    _main_only(call)
    auth_id = call.params["auth_id"]
    call.get(KIND, auth_id)
    cascade = v.boolean(call.body, "cascade")
    if cascade in (v.MISSING, None):
        cascade = (call.query.get("cascade") or "false").lower() == "true"
    call.delete(KIND, auth_id, options={"cascade": cascade})
    for kind in call.api.kinds:
        table = call.store.table(kind)
        for key in [k for k, r in table.items() if r.get("_owner") == auth_id]:
            if cascade:
                # Forced: what referenced these goes too, or is unlinked by the owning backend's hook.
                call.delete(kind, key, options={"cascade": False}, force=True)
            else:
                table[key]["_owner"] = call.store.auth_id
    return 204, None
