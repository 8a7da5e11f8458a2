# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Incoming carriers: ``IncomingCarrier/``.  Deleting one deletes its numbers (see number.py).

With the carrier-update-both dialect an update must carry both ``name`` and ``ip_set``.
"""

import re

from .. import validate as v
from ..errors import bad_request

KIND = "carrier"
NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def register(api):
    api.table(KIND)
    api.route("IncomingCarrier/", GET=list_carriers, POST=create_carrier)
    api.route("IncomingCarrier/{carrier_id}/", GET=get_carrier, POST=update_carrier, DELETE=delete_carrier)


def render(call, record):
    return {
        "carrier_id": record["carrier_id"],
        "name": record["name"],
        "ip_set": ",".join(record["ip_set"]),
        "voice": record["voice"],
        "sms": record["sms"],
        "resource_uri": call.base + "IncomingCarrier/%s/" % record["carrier_id"],
    }


def _name(body, required):
    name = v.string(body, "name", required=required, allow_empty=False)
    if isinstance(name, str) and not NAME.match(name):
        raise bad_request("name may contain only letters, digits, hyphens and underscores")
    return name


def list_carriers(call):
    rows = call.records(KIND)
    phrase = call.query.get("name")
    if phrase:
        rows = [r for r in rows if phrase.lower() in r["name"].lower()]
    return 200, call.paginate(rows, lambda r: render(call, r))


def get_carrier(call):
    return 200, render(call, call.get(KIND, call.params["carrier_id"]))


def create_carrier(call):
    name = _name(call.body, required=True)
    ip_set = v.ipv4_list(call.body, "ip_set", required=True)
    carrier_id = call.store.new_digits(14)
    call.new_record(KIND, carrier_id, {
        "carrier_id": carrier_id, "name": name, "ip_set": ip_set, "voice": True, "sms": False,
    })
    return 201, {"carrier_id": carrier_id, "message": "created"}


def update_carrier(call):
    record = call.get(KIND, call.params["carrier_id"])
    if call.dialect("carrier-update-both"):
        missing = [key for key in ("name", "ip_set") if call.body.get(key) is None]
        if missing:
            raise bad_request("an update needs both name and ip_set; missing: %s" % " and ".join(missing))
    name = _name(call.body, required=False)
    ip_set = v.ipv4_list(call.body, "ip_set")
    if isinstance(name, str):
        record["name"] = name
    if isinstance(ip_set, list):
        record["ip_set"] = ip_set
    return 202, {"message": "changed"}


def delete_carrier(call):
    call.get(KIND, call.params["carrier_id"])
    call.delete(KIND, call.params["carrier_id"])
    return 204, None
