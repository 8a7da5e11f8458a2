# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zentrunk IP access control lists: ``Zentrunk/IPAccessControlList/``.

``ip_addresses`` is read as a JSON array or one comma-separated string and
always answered as an array; an update replaces the whole list.  Entries are
IPv4 addresses or CIDR networks (``10.0.0.0/8``, host bits clear), answered
as given.  A single read is flat (the zentrunk-nested dialect nests it).
Deleting one a trunk still uses is refused by zentrunk_trunk.py.
"""

from .. import validate as v

KIND = "zentrunk_ipacl"


def register(api):
    api.table(KIND)
    api.route("Zentrunk/IPAccessControlList/", GET=list_ipacls, POST=create_ipacl)
    api.route("Zentrunk/IPAccessControlList/{ipacl_uuid}/", GET=get_ipacl, POST=update_ipacl, DELETE=delete_ipacl)


def render(record):
    return {"ipacl_uuid": record["ipacl_uuid"], "name": record["name"], "ip_addresses": list(record["ip_addresses"])}


def _read(body, creating):
    changes = {}
    name = v.string(body, "name")
    if isinstance(name, str):
        changes["name"] = name
    addresses = v.ipv4_list(body, "ip_addresses", required=creating, missing_status=422, networks=True)
    if isinstance(addresses, list):
        changes["ip_addresses"] = addresses
    return changes


def list_ipacls(call):
    return 200, call.paginate(call.records(KIND), render)


def get_ipacl(call):
    obj = render(call.get(KIND, call.params["ipacl_uuid"]))
    return 200, {"object": obj} if call.dialect("zentrunk-nested") else obj


def create_ipacl(call):
    fields = dict({"name": None}, **_read(call.body, creating=True))
    ipacl_uuid = call.store.new_uuid()
    fields["ipacl_uuid"] = ipacl_uuid
    call.new_record(KIND, ipacl_uuid, fields)
    return 201, {"message": "IP Access Control List created successfully.", "ipacl_uuid": ipacl_uuid}


def update_ipacl(call):
    record = call.get(KIND, call.params["ipacl_uuid"])
    record.update(_read(call.body, creating=False))
    return 202, {"message": "IP Access Control List updated successfully.", "ipacl_uuid": record["ipacl_uuid"]}


def delete_ipacl(call):
    call.get(KIND, call.params["ipacl_uuid"])
    call.delete(KIND, call.params["ipacl_uuid"])
    return 204, None
