# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zentrunk credentials: ``Zentrunk/Credential/``; the password is write-only.

Usernames are 5-20 letters, digits and underscores (Plivo's example is
``sip_user_1``).  A refused password gets a message naming the rule it
breaks, never the password.  A single read is flat (the zentrunk-nested
dialect nests it).  Deleting one a trunk still uses is refused by
zentrunk_trunk.py.
"""

import re

from .. import validate as v
from ..errors import bad_request

KIND = "zentrunk_credential"
USERNAME = re.compile(r"^[A-Za-z0-9_]{5,20}$")
PASSWORD_LENGTH = (5, 20)
SPECIALS = "~!@#$%^&*()_+"


def register(api):
    api.table(KIND)
    api.route("Zentrunk/Credential/", GET=list_credentials, POST=create_credential)
    api.route("Zentrunk/Credential/{credential_uuid}/", GET=get_credential, POST=update_credential,
              DELETE=delete_credential)


def render(record):
    return {"credential_uuid": record["credential_uuid"], "name": record["name"], "username": record["username"]}


def password_problem(password):
    """Why ``password`` is refused, in words that never repeat it; None when it is acceptable."""
    shortest, longest = PASSWORD_LENGTH
    if not shortest <= len(password) <= longest:
        return "password is too %s: use %d to %d characters" % (
            "short" if len(password) < shortest else "long", shortest, longest)
    for char in password:
        if not (char.isascii() and char.isalnum()) and char not in SPECIALS:
            return "password: %r is not allowed; use letters, digits and %s" % (char, SPECIALS)
    if not set(SPECIALS).intersection(password):
        return "password needs at least one of %s" % SPECIALS
    return None


def _read(body, creating):
    changes = {}
    name = v.string(body, "name")
    if isinstance(name, str):
        changes["name"] = name
    username = v.string(body, "username", required=creating, missing_status=422)
    if isinstance(username, str):
        if not USERNAME.match(username):
            raise bad_request("username must be 5 to 20 letters, digits and underscores")
        changes["username"] = username
    password = v.string(body, "password", required=creating, missing_status=422)
    if isinstance(password, str):
        problem = password_problem(password)
        if problem:
            raise bad_request(problem)
        changes["_password"] = password
    return changes


def list_credentials(call):
    return 200, call.paginate(call.records(KIND), render)


def get_credential(call):
    obj = render(call.get(KIND, call.params["credential_uuid"]))
    return 200, {"object": obj} if call.dialect("zentrunk-nested") else obj


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
