# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Numbers on the account: ``Number/``.

Numbers come from an incoming carrier (``POST Number/``) or from the Plivo
inventory (phone_number.py raises ``number_bought``).  ``app_id`` links an
application or an inbound trunk, whichever backend answers
``resolve_number_link``; when that target or the carrier is deleted, the
``deleted`` hook below unlinks or deletes the numbers.  A number added or
bought without ``app_id`` is linked to its owner's ``default_app``
application.  Dialects: number-trunk-object and number-trunk-app-uri (how a
trunk link reads), number-startswith-national, number-add-partial.
"""

import re

from .. import validate as v
from ..errors import bad_request, not_found
from ..state import today

KIND = "number"
CARRIER_KIND = "carrier"
TRUNK_KIND = "zentrunk_trunk"
TYPES = ("local", "national", "mobile", "tollfree", "fixed")
SERVICES = ("voice", "sms", "mms")
TENDLC_STATUSES = ("unregistered", "in_progress", "registered")
TOLL_FREE_STATUSES = ("unverified", "pending_verification", "verified")
NUMBER = re.compile(r"^[1-9]\d{5,14}$")
COUNTRIES = (
    ("1", "United States"), ("44", "United Kingdom"), ("49", "Germany"), ("33", "France"),
    ("34", "Spain"), ("39", "Italy"), ("31", "Netherlands"), ("61", "Australia"), ("65", "Singapore"),
    ("81", "Japan"), ("91", "India"), ("52", "Mexico"), ("55", "Brazil"),
)
PUBLIC = ("number", "alias", "added_on", "number_type", "region", "monthly_rental_rate", "sms_enabled",
          "sms_rate", "voice_enabled", "voice_rate", "mms_enabled", "mms_rate", "active", "city", "country",
          "cnam_lookup", "renewal_date", "compliance_application_id", "compliance_status",
          "tendlc_campaign_id", "tendlc_registration_status", "toll_free_sms_verification")


def register(api):
    api.table(KIND)
    api.route("Number/", GET=list_numbers, POST=add_from_carrier)
    api.route("Number/{number}/", GET=get_number, POST=update_number, DELETE=delete_number)
    api.on("number_bought", add_bought_number)
    api.on("deleted", on_deleted)


def render(call, record):
    obj = {field: record[field] for field in PUBLIC}
    link = record["_link"]
    carrier = call.store.table(CARRIER_KIND).get(record["_carrier_id"]) if record["_carrier_id"] else None
    obj.update({
        "application": _application(call, link),
        "carrier": carrier["name"] if carrier else "Plivo",
        "sub_account": call.sub_account_field(record),
        # plivo-go/plivo-ruby recorded reads carry these three (CONTRACT.md, "Object fields").
        "sub_account_name": (call.store.subaccount(record["_owner"]) or {}).get("name"),
        "toll_free_sms_verification_id": None,
        "toll_free_sms_verification_order_status": None,
        "resource_uri": call.base + "Number/%s/" % record["number"],
    })
    if call.dialect("number-trunk-object"):
        obj["object_type"] = ("trunk" if link["kind"] == TRUNK_KIND else "application") if link else None
        obj["object_id"] = link["id"] if link else None
    return obj


def _application(call, link):
    if not link:
        return None
    if link["kind"] == TRUNK_KIND:
        if call.dialect("number-trunk-object"):
            return None
        if call.dialect("number-trunk-app-uri"):
            return call.base + "Application/%s/" % link["id"]
    return call.base + link["path"]


def resolve_link(call, app_id):
    """The link ``app_id`` names: None to unlink, else what a backend answered."""
    if app_id is None or app_id == "":
        return None
    if not isinstance(app_id, str):
        raise bad_request("app_id must be a string")
    for link in call.emit("resolve_number_link", app_id=app_id):
        if link:
            return link
    raise not_found("application %s not found" % app_id)


def link_or_default(call, app_id, owner):
    """The link ``app_id`` names; absent, null or "" means ``owner``'s default number application."""
    if app_id is None or app_id == "":
        app_id = call.default_app_id(owner, "default_app")
    return resolve_link(call, app_id)


def _calling_code(number):
    """The longest calling code in COUNTRIES that ``number`` starts with, and its country."""
    for prefix, name in sorted(COUNTRIES, key=lambda c: -len(c[0])):
        if number.startswith(prefix):
            return prefix, name
    return "", ""


def _national(number):
    return number[len(_calling_code(number)[0]):]


def add_from_carrier(call):
    body = call.body
    raw = body.get("numbers")
    if raw is None or raw == "" or raw == []:
        raise bad_request("numbers is required")
    if isinstance(raw, str):
        numbers = [n.strip() for n in raw.split(",")]
    elif isinstance(raw, list) and all(isinstance(n, str) for n in raw):
        numbers = [n.strip() for n in raw]
    else:
        raise bad_request("numbers must be a comma-separated string")
    numbers = list(dict.fromkeys(n for n in numbers if n))
    for number in numbers:
        if not NUMBER.match(number):
            raise bad_request("%r is not a phone number (digits with country code, no +)" % number)
    carrier_id = body.get("carrier")
    if carrier_id is None or carrier_id == "":
        raise bad_request("carrier is required")
    if not isinstance(carrier_id, (str, int)) or isinstance(carrier_id, bool):
        raise bad_request("carrier must be a carrier id")
    carrier_id = str(carrier_id)
    if call.find(CARRIER_KIND, carrier_id) is None:
        raise not_found("carrier %s not found" % carrier_id)
    region = v.string(body, "region", required=True, allow_empty=False)
    number_type = v.choice(body, "number_type", TYPES, default="local")
    owner = call.owner_from(body.get("subaccount"))
    link = link_or_default(call, body.get("app_id"), owner)
    taken = [n for n in numbers if n in call.store.table(KIND)]
    if taken:
        raise bad_request("already on the account: %s; no number was added" % ", ".join(taken))
    added = numbers[:-1] if call.dialect("number-add-partial") and len(numbers) > 1 else numbers
    for number in added:
        call.new_record(KIND, number, {
            "number": number, "alias": None, "added_on": today(), "number_type": number_type,
            "region": region, "monthly_rental_rate": "0.00000", "sms_enabled": False, "sms_rate": "0.00000",
            "voice_enabled": True, "voice_rate": "0.00000", "mms_enabled": False, "mms_rate": "0.00000",
            "active": True, "city": "", "country": _calling_code(number)[1], "cnam_lookup": "disabled",
            "renewal_date": None, "compliance_application_id": None, "compliance_status": None,
            "tendlc_campaign_id": None, "tendlc_registration_status": None, "toll_free_sms_verification": None,
            "_carrier_id": carrier_id, "_link": link,
        }, owner=owner)
    if added != numbers:
        results = [{"number": n, "status": "Success"} for n in added] + [{"number": numbers[-1], "status": "Failed"}]
        return 206, {"message": "partial success", "numbers": results}
    return 202, {"message": "changed"}


def add_bought_number(call, item, app_id):
    link = link_or_default(call, app_id, call.caller.auth_id)
    fields = {key: item[key] for key in PUBLIC if key in item}
    fields.update({"alias": None, "added_on": today(), "active": True, "cnam_lookup": "disabled",
                   "compliance_application_id": None, "compliance_status": None, "tendlc_campaign_id": None,
                   "_carrier_id": None, "_link": link})
    return call.new_record(KIND, item["number"], fields)


def _filter(call, rows):
    query = call.query
    if "type" in query:
        wanted = query["type"].lower()
        if wanted not in TYPES:
            raise bad_request("type must be one of %s" % ", ".join(TYPES))
        rows = [r for r in rows if r["number_type"] == wanted]
    if "number_startswith" in query:
        shown = _national if call.dialect("number-startswith-national") else str
        rows = [r for r in rows if shown(r["number"]).startswith(query["number_startswith"])]
    if "subaccount" in query:
        rows = [r for r in rows if r["_owner"] == query["subaccount"]]
    if "alias" in query:
        rows = [r for r in rows if r["alias"] == query["alias"]]
    if "services" in query:
        services = [s.strip().lower() for s in query["services"].split(",") if s.strip()]
        if any(s not in SERVICES for s in services):
            raise bad_request("services must be a comma-separated subset of voice, sms, mms")
        rows = [r for r in rows if all(r["%s_enabled" % s] for s in services)]
    for key, allowed in (("tendlc_registration_status", TENDLC_STATUSES),
                         ("toll_free_sms_verification", TOLL_FREE_STATUSES)):
        if key in query:
            wanted = query[key].lower()
            if wanted not in allowed:
                raise bad_request("%s must be one of %s" % (key, ", ".join(allowed)))
            rows = [r for r in rows if (r[key] or "").lower() == wanted]
    if "tendlc_campaign_id" in query:
        rows = [r for r in rows if r["tendlc_campaign_id"] == query["tendlc_campaign_id"]]
    return rows


def list_numbers(call):
    rows = sorted(call.records(KIND), key=lambda r: r["number"])
    return 200, call.paginate(_filter(call, rows), lambda r: render(call, r))


def get_number(call):
    return 200, render(call, call.get(KIND, call.params["number"]))


def update_number(call):
    record = call.get(KIND, call.params["number"])
    body = call.body
    changes = {}
    if "app_id" in body:
        changes["_link"] = resolve_link(call, body["app_id"])
    if body.get("subaccount") is not None:
        changes["_owner"] = call.owner_from(body["subaccount"])
    if "alias" in body:
        alias = v.string(body, "alias")
        changes["alias"] = alias or None
    record.update(changes)
    return 202, {"message": "changed"}


def delete_number(call):
    call.get(KIND, call.params["number"])
    call.delete(KIND, call.params["number"])
    return 204, None


def on_deleted(call, kind, key, record, options):  # pylint: disable=unused-argument
    table = call.store.table(KIND)
    if kind == CARRIER_KIND:
        for number in [n for n, r in table.items() if r["_carrier_id"] == key]:
            call.delete(KIND, number)
        return
    for number in table.values():
        link = number["_link"]
        if link and link["kind"] == kind and link["id"] == key:
            number["_link"] = None
