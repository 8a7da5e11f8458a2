# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SIP endpoints: ``Endpoint/``.

The username gets a ``yymmddHHMMSS`` suffix, unique even for endpoints made
in the same second (the clock is moved on a second).  Emulated endpoints
never register, so ``sip_contact``/``sip_expires``/``sip_user_agent`` never
appear.  When their application is deleted, the ``deleted`` hook deletes
them (cascade) or moves them to ``new_endpoint_application`` or unlinks them.
An endpoint created without ``app_id`` is linked to the account's
``default_endpoint_app`` application; on update, ``app_id`` "" unlinks.
"""

import re

from .. import validate as v
from ..errors import bad_request, not_found

KIND = "endpoint"
APPLICATION_KIND = "application"
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
MIN_PASSWORD = 5


def register(api):
    api.table(KIND)
    api.route("Endpoint/", GET=list_endpoints, POST=create_endpoint)
    api.route("Endpoint/{endpoint_id}/", GET=get_endpoint, POST=update_endpoint, DELETE=delete_endpoint)
    api.on("deleted", on_deleted)


def render(call, record):
    app_id = record["_app_id"]
    return {
        "endpoint_id": record["endpoint_id"],
        "username": record["username"],
        "alias": record["alias"],
        "application": call.base + "Application/%s/" % app_id if app_id else None,
        "sip_uri": "sip:%s@phone.plivo.com" % record["username"],
        "sip_registered": "false",
        "sub_account": call.sub_account_field(record),
        "resource_uri": call.base + "Endpoint/%s/" % record["endpoint_id"],
    }


def _password(body, required):
    password = v.string(body, "password", required=required)
    if isinstance(password, str) and len(password) < MIN_PASSWORD:
        raise bad_request("password must be at least %d characters" % MIN_PASSWORD)
    return password


def _app_id(call):
    app_id = call.body.get("app_id")
    if app_id is None or app_id == "":
        return None
    if not isinstance(app_id, str):
        raise bad_request("app_id must be a string")
    if call.find(APPLICATION_KIND, app_id) is None:
        raise not_found("application %s not found" % app_id)
    return app_id


def list_endpoints(call):
    return 200, call.paginate(call.records(KIND), lambda r: render(call, r))


def get_endpoint(call):
    return 200, render(call, call.get(KIND, call.params["endpoint_id"]))


def create_endpoint(call):
    body = call.body
    username = v.string(body, "username", required=True, allow_empty=False)
    if not USERNAME.match(username):
        raise bad_request("username must start with a letter and contain only letters and digits")
    password = _password(body, required=True)
    alias = v.string(body, "alias", required=True, allow_empty=False)
    app_id = _app_id(call) or call.default_app_id(call.caller.auth_id, "default_endpoint_app")
    username += call.store.unique_second("endpoint-username").strftime("%y%m%d%H%M%S")
    endpoint_id = call.store.new_digits(14)
    call.new_record(KIND, endpoint_id, {
        "endpoint_id": endpoint_id, "username": username, "alias": alias,
        "_password": password, "_app_id": app_id,
    })
    return 201, {"username": username, "alias": alias, "endpoint_id": endpoint_id, "message": "created"}


def update_endpoint(call):
    record = call.get(KIND, call.params["endpoint_id"])
    password = _password(call.body, required=False)
    alias = v.string(call.body, "alias", allow_empty=False)
    if "app_id" in call.body:
        record["_app_id"] = _app_id(call)
    if isinstance(password, str):
        record["_password"] = password
    if isinstance(alias, str):
        record["alias"] = alias
    return 202, {"message": "changed"}


def delete_endpoint(call):
    call.get(KIND, call.params["endpoint_id"])
    call.delete(KIND, call.params["endpoint_id"])
    return 204, None


def on_deleted(call, kind, key, record, options):  # pylint: disable=unused-argument
    if kind != APPLICATION_KIND:
        return
    table = call.store.table(KIND)
    for endpoint_id, endpoint in list(table.items()):
        if endpoint["_app_id"] != key:
            continue
        if options.get("cascade", True):
            call.delete(KIND, endpoint_id)
        else:
            endpoint["_app_id"] = options.get("new_endpoint_application")
