# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zentrunk credentials: ``Zentrunk/Credential/``; the password is write-only.

Deleting one a trunk still uses is refused by zentrunk_trunk.py.
"""

import re

from .. import validate as v
from ..errors import bad_request

KIND = "zentrunk_credential"
USERNAME = re.compile(r"^[A-Za-z0-9]{5,20}$")
PASSWORD = re.compile(r"^[A-Za-z0-9~!@#$%^&*()_+]{5,20}$")
SPECIALS = set("~!@#$%^&*()_+")


def register(api):
    api.table(KIND)
    api.route("Zentrunk/Credential/", GET=list_credentials, POST=create_credential)
    api.route("Zentrunk/Credential/{credential_uuid}/", GET=get_credential, POST=update_credential,
              DELETE=delete_credential)


def render(record):
    return {"credential_uuid": record["credential_uuid"], "name": record["name"], "username": record["username"]}


def _read(body, creating):
    changes = {}
    name = v.string(body, "name")
    if isinstance(name, str):
        changes["name"] = name
    username = v.string(body, "username", required=creating, missing_status=422)
    if isinstance(username, str):
        if not USERNAME.match(username):
            raise bad_request("username must be 5 to 20 letters and digits")
        changes["username"] = username
    password = v.string(body, "password", required=creating, missing_status=422)
    if isinstance(password, str):
        if not PASSWORD.match(password) or not SPECIALS.intersection(password):
            raise bad_request("password must be 5 to 20 letters, digits and ~!@#$%^&*()_+ "
                              "with at least one of those special characters")
        changes["_password"] = password
    return changes


def list_credentials(call):
    return 200, call.paginate(call.records(KIND), render)


def get_credential(call):
    return 200, {"object": render(call.get(KIND, call.params["credential_uuid"]))}


def create_credential(call):
    fields = dict({"name": None}, **_read(call.body, creating=True))
    credential_uuid = call.store.new_uuid()
    fields["credential_uuid"] = credential_uuid
    call.new_record(KIND, credential_uuid, fields)
    return 201, {"message": "Credential created successfully.", "credential_uuid": credential_uuid}


def update_credential(call):
    record = call.get(KIND, call.params["credential_uuid"])
    record.update(_read(call.body, creating=False))
    return 202, {"message": "Credential updated successfully.", "credential_uuid": record["credential_uuid"]}


def delete_credential(call):
    call.get(KIND, call.params["credential_uuid"])
    call.delete(KIND, call.params["credential_uuid"])
    return 204, None
