# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zentrunk origination URIs: ``Zentrunk/URI/``; the password is write-only.

``username``/``password`` are required while ``authentication_needed`` is
true and forgotten when it is turned off.  A single read is flat (the
zentrunk-nested dialect nests it).  Deleting a URI a trunk still uses is
refused by zentrunk_trunk.py.
"""

from .. import validate as v
from ..errors import bad_request, unprocessable

KIND = "zentrunk_uri"


def register(api):
    api.table(KIND)
    api.route("Zentrunk/URI/", GET=list_uris, POST=create_uri)
    api.route("Zentrunk/URI/{uri_uuid}/", GET=get_uri, POST=update_uri, DELETE=delete_uri)


def render(record):
    return {key: record[key] for key in ("uri_uuid", "name", "uri", "sip_user", "authentication_needed", "username")}


def _read(body, creating):
    changes = {}
    for key in ("name", "sip_user", "username", "password"):
        value = v.string(body, key)
        if isinstance(value, str):
            changes["_password" if key == "password" else key] = value
    uri = v.string(body, "uri", required=creating, missing_status=422)
    if isinstance(uri, str):
        if not v.sip_uri(uri):
            raise bad_request("uri must be an IP, IP:port, FQDN, FQDN:port or sip: URI, "
                              "optionally with ;transport=udp|tcp|tls")
        changes["uri"] = uri
    needed = v.boolean(body, "authentication_needed")
    if isinstance(needed, bool):
        changes["authentication_needed"] = needed
    return changes


def _check_authentication(uri):
    if uri["authentication_needed"]:
        for key in ("username", "_password"):
            if not uri.get(key):
                raise unprocessable("%s is required when authentication_needed is true" % key.lstrip("_"))
    else:
        uri["username"] = None
        uri["_password"] = None


def list_uris(call):
    return 200, call.paginate(call.records(KIND), render)


def get_uri(call):
    obj = render(call.get(KIND, call.params["uri_uuid"]))
    return 200, {"object": obj} if call.dialect("zentrunk-nested") else obj


def create_uri(call):
    fields = {"name": None, "sip_user": None, "authentication_needed": False, "username": None, "_password": None}
    fields.update(_read(call.body, creating=True))
    _check_authentication(fields)
    uri_uuid = call.store.new_uuid()
    fields["uri_uuid"] = uri_uuid
    call.new_record(KIND, uri_uuid, fields)
    return 201, {"message": "URI created successfully.", "uri_uuid": uri_uuid}


def update_uri(call):
    record = call.get(KIND, call.params["uri_uuid"])
    updated = dict(record, **_read(call.body, creating=False))
    _check_authentication(updated)
    record.update(updated)
    return 202, {"message": "URI updated successfully.", "uri_uuid": record["uri_uuid"]}


def delete_uri(call):
    call.get(KIND, call.params["uri_uuid"])
    call.delete(KIND, call.params["uri_uuid"])
    return 204, None
