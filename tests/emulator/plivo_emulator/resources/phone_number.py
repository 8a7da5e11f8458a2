# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Plivo inventory: search ``GET PhoneNumber/`` and buy ``POST PhoneNumber/{number}/``.

The inventory is seeded on every reset from a fixed random seed, so the same
numbers are for sale in every run.  Numbers use ranges reserved for fiction
(NANP 555-01xx, Ofcom's drama ranges).  A bought number
leaves the inventory; ``number_bought`` makes number.py add it to ``Number/``.
"""

import datetime
import random
import re

from .. import validate as v
from ..errors import bad_request, not_found

KIND = "phone_inventory"
SEED = 20140717
TYPES = ("local", "national", "mobile", "tollfree", "fixed")
SERVICES = ("voice", "sms", "mms")

# iso, country, calling code, type, region, city, national prefix, rate center, lata, count,
# (voice, sms, mms), monthly rental
SEGMENTS = (
    ("US", "United States", "1", "local", "California", "San Francisco", "41555501", "SNFC CNTRL", 722, 12,
     (True, True, True), "0.50000"),
    ("US", "United States", "1", "local", "California", "Palo Alto", "65055501", "PALO ALTO", 722, 6,
     (True, True, False), "0.50000"),
    ("US", "United States", "1", "local", "New York", "New York", "21255501", "NWYRCYZN01", 132, 8,
     (True, True, True), "0.50000"),
    ("US", "United States", "1", "local", "Texas", "Austin", "51255501", "AUSTIN", 558, 6,
     (True, False, False), "0.50000"),
    ("US", "United States", "1", "tollfree", "", "", "80055501", None, None, 5,
     (True, True, False), "1.00000"),
    ("US", "United States", "1", "tollfree", "", "", "88855501", None, None, 3,
     (True, False, False), "1.00000"),
    ("CA", "Canada", "1", "local", "Ontario", "Toronto", "41655501", "TORONTO", None, 8,
     (True, True, False), "0.80000"),
    ("CA", "Canada", "1", "local", "British Columbia", "Vancouver", "60455501", "VANCOUVER", None, 6,
     (True, True, True), "0.80000"),
    ("CA", "Canada", "1", "tollfree", "", "", "83355501", None, None, 4,
     (True, False, False), "1.50000"),
    ("GB", "United Kingdom", "44", "local", "London", "London", "2079460", None, None, 8,
     (True, False, False), "1.20000"),
    ("GB", "United Kingdom", "44", "local", "Manchester", "Manchester", "1614960", None, None, 4,
     (True, False, False), "1.20000"),
    ("GB", "United Kingdom", "44", "mobile", "", "", "7700900", None, None, 6,
     (True, True, False), "4.00000"),
    ("GB", "United Kingdom", "44", "tollfree", "", "", "8081570", None, None, 3,
     (True, False, False), "6.00000"),
)
RATES = {"voice_rate": "0.00850", "sms_rate": "0.00500", "mms_rate": "0.01800", "setup_rate": "0.00000"}


def register(api):
    api.table(KIND)
    api.route("PhoneNumber/", GET=search_numbers)
    api.route("PhoneNumber/{number}/", POST=buy_number)
    api.on("reset", seed_inventory)


def seed_inventory(store):
    rng = random.Random(SEED)
    table = store.table(KIND)
    seq = 0
    for iso, country, code, kind, region, city, prefix, rate_center, lata, count, services, rental in SEGMENTS:
        width = 10 - len(prefix)
        suffixes = sorted(rng.sample(range(10 ** width), count))
        for suffix in suffixes:
            seq += 1
            national = prefix + str(suffix).zfill(width)
            number = code + national
            voice, sms, mms = services
            table[number] = dict(RATES, **{
                "number": number, "prefix": national[:3], "city": city, "country": country.upper(),
                "country_name": country, "country_iso": iso, "calling_code": code,
                "region": region, "rate_center": rate_center, "lata": lata, "type": kind,
                "sub_type": kind, "monthly_rental_rate": rental, "voice_enabled": voice,
                "sms_enabled": sms, "mms_enabled": mms, "restriction": None, "restriction_text": None,
                "_seq": seq,
            })


def render(call, item):
    keys = ("number", "prefix", "city", "country", "region", "rate_center", "lata", "type", "sub_type",
            "monthly_rental_rate", "setup_rate", "sms_enabled", "sms_rate", "voice_enabled", "voice_rate",
            "mms_enabled", "restriction", "restriction_text")
    obj = {key: item[key] for key in keys}
    obj["resource_uri"] = call.base + "PhoneNumber/%s/" % item["number"]
    # The SDKs' recorded searches carry prerequisites (CONTRACT.md, "Object fields"); here only GB
    # numbers need a proof of address, in the recorded entry's shape.
    obj["prerequisites"] = ([{"type": "address", "scope": "country", "proof_required": True, "proof_type": ["Any"]}]
                            if item["country_iso"] == "GB" else [])
    return obj


def search_numbers(call):
    query = call.query
    iso = query.get("country_iso", "")
    if not re.match(r"^[A-Za-z]{2}$", iso):
        raise bad_request("country_iso is required (two-letter ISO code)")
    rows = [i for i in call.store.table(KIND).values() if i["country_iso"] == iso.upper()]
    kind = query.get("type", "any").lower()
    if kind != "any":
        if kind not in TYPES:
            raise bad_request("type must be one of %s or any" % ", ".join(TYPES))
        rows = [i for i in rows if i["type"] == kind]
    if "pattern" in query:
        pattern = query["pattern"]
        if not re.match(r"^[0-9*]+$", pattern):
            raise bad_request("pattern may contain digits and * only")
        rows = [i for i in rows if re.match(re.escape(i["calling_code"]) + pattern.replace("*", r"\d"), i["number"])]
    if "region" in query:
        rows = [i for i in rows if query["region"].lower() in i["region"].lower()]
    if "city" in query:
        rows = [i for i in rows if query["city"].lower() == i["city"].lower()]
    if "services" in query:
        services = [s.strip().lower() for s in query["services"].split(",") if s.strip()]
        if any(s not in SERVICES for s in services):
            raise bad_request("services must be a comma-separated subset of voice, sms, mms")
        rows = [i for i in rows if all(i["%s_enabled" % s] for s in services)]
    rows.sort(key=lambda i: i["number"])
    return 200, call.paginate(rows, lambda i: render(call, i))


def _renewal(day):
    month = day.month % 12 + 1
    year = day.year + (1 if month == 1 else 0)
    return datetime.date(year, month, min(day.day, 28)).isoformat()


def buy_number(call):
    table = call.store.table(KIND)
    item = table.get(call.params["number"])
    if item is None:
        raise not_found()
    app_id = v.string(call.body, "app_id")
    region = item["region"]
    number = dict(item, **{
        "number_type": item["type"],
        "region": "%s, %s" % (region, item["country"]) if region else item["country"],
        "country": item["country_name"],
        "renewal_date": _renewal(datetime.date.today()),
        "tendlc_registration_status": (
            "UNREGISTERED" if item["calling_code"] == "1" and item["type"] != "tollfree" else None),
        "toll_free_sms_verification": (
            "unverified" if item["calling_code"] == "1" and item["type"] == "tollfree" else None),
    })
    call.emit("number_bought", item=number, app_id=app_id if app_id is not v.MISSING else None)
    del table[item["number"]]
    return 201, {
        "message": "created",
        "numbers": [{"number": item["number"], "status": "Success"}],
        "status": "fulfilled",
    }
