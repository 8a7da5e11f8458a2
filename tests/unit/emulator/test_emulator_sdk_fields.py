# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator's objects against the recorded responses of Plivo's official SDKs and CLI.

``sdk_fixture_fields.json`` holds the field names (no values) of the recorded GET and list
responses that plivo-python, plivo-go and plivo-ruby keep as test fixtures, of the production
trunk read Plivo's CLI keeps in its tests, and of the reference pages' example objects where
nothing was recorded. For every entry this module creates the object in the emulator, reads it
(single read and list) and fails

* when a field the entry shows is missing from the emulator's object (unless the entry's kind
  lists it under ``absent_by_design``, with the reason), and
* when the emulator emits a field that no entry of that kind shows (unless it is in the kind's
  ``allow_extra``, with the reason).

So a field added to or dropped from an emulator ``render()``, or a fixture re-transcribed from a
newer SDK, cannot drift unnoticed. The contract section is "Object fields and the SDK fixtures"
in tests/emulator/CONTRACT.md.
"""

import json
from pathlib import Path

import pytest

FIELDS = json.loads((Path(__file__).with_name("sdk_fixture_fields.json")).read_text())["objects"]
ENVELOPE = {"api_id"}


def _entry_id(kind, entry):
    where = entry.get("repo") or entry.get("url")
    return "%s:%s:%s" % (kind, where.rsplit("/", 1)[-1], (entry.get("path") or entry["response"]).rsplit("/", 1)[-1])


ENTRIES = [pytest.param(kind, entry, id=_entry_id(kind, entry))
           for kind, spec in FIELDS.items() for entry in spec["fixtures"]]


def _ok(response):
    assert response.status_code in (200, 201, 202), "%s %s -> %s %s" % (
        response.request.method, response.request.url, response.status_code, response.text)
    return response.json()


# ---- how each kind is made and read in the emulator -----------------------------------------
# Each maker creates one object (with its links filled in, so no field is absent for want of a
# link) and returns (single read or None, list response).

def _account(api):
    return _ok(api.get()), None


def _subaccount(api):
    sub = api.subaccount("fields")
    return _ok(api.get("Subaccount/%s/" % sub.auth_id)), _ok(api.get("Subaccount/"))


def _application(api):
    app_id = api.application("fields", message_url="https://example.com/message")
    return _ok(api.get("Application/%s/" % app_id)), _ok(api.get("Application/"))


def _endpoint(api):
    app_id = api.application("endpoint-app")
    endpoint_id = api.create("Endpoint/", {"username": "fields", "password": "secret", "alias": "fields",
                                           "app_id": app_id}, "endpoint_id")
    return _ok(api.get("Endpoint/%s/" % endpoint_id)), _ok(api.get("Endpoint/"))


def _number(api):
    app_id = api.application("number-app")
    api.numbers_from_carrier(["14155550100"], app_id=app_id)
    return _ok(api.get("Number/14155550100/")), _ok(api.get("Number/"))


def _bought_number(api):
    """A number bought from the inventory is rendered from other fields than a carrier's one."""
    item = _ok(api.get("PhoneNumber/", country_iso="US", type="local"))["objects"][0]
    assert api.post("PhoneNumber/%s/" % item["number"], {}).status_code == 201
    return _ok(api.get("Number/%s/" % item["number"])), _ok(api.get("Number/"))


def _phone_number(api):
    return None, _ok(api.get("PhoneNumber/", country_iso="US"))


def _carrier(api):
    carrier_id = api.carrier("fields")
    return _ok(api.get("IncomingCarrier/%s/" % carrier_id)), _ok(api.get("IncomingCarrier/"))


def _uri_uuid(api, **extra):
    return api.create("Zentrunk/URI/", dict({"uri": "sip.example.com"}, **extra), "uri_uuid")


def _zentrunk_trunk(api):
    primary, fallback = _uri_uuid(api), _uri_uuid(api, uri="sip2.example.com")
    trunk_id = api.create("Zentrunk/Trunk/", {"name": "fields", "trunk_direction": "inbound",
                                              "primary_uri_uuid": primary, "fallback_uri_uuid": fallback},
                          "trunk_id")
    return _ok(api.get("Zentrunk/Trunk/%s/" % trunk_id)), _ok(api.get("Zentrunk/Trunk/"))


def _zentrunk_credential(api):
    uuid = api.create("Zentrunk/Credential/", {"name": "fields", "username": "fieldsuser", "password": "s3cret!x"},
                      "credential_uuid")
    return _ok(api.get("Zentrunk/Credential/%s/" % uuid)), _ok(api.get("Zentrunk/Credential/"))


def _zentrunk_ipacl(api):
    uuid = api.create("Zentrunk/IPAccessControlList/", {"name": "fields", "ip_addresses": ["192.0.2.1"]},
                      "ipacl_uuid")
    return _ok(api.get("Zentrunk/IPAccessControlList/%s/" % uuid)), _ok(api.get("Zentrunk/IPAccessControlList/"))


def _zentrunk_uri(api):
    uuid = _uri_uuid(api, name="fields", authentication_needed=True, username="plivo", password="s3cret!x")
    return _ok(api.get("Zentrunk/URI/%s/" % uuid)), _ok(api.get("Zentrunk/URI/"))


MAKERS = {
    "account": [_account],
    "subaccount": [_subaccount],
    "application": [_application],
    "endpoint": [_endpoint],
    "number": [_number, _bought_number],
    "phone_number": [_phone_number],
    "carrier": [_carrier],
    "zentrunk_trunk": [_zentrunk_trunk],
    "zentrunk_credential": [_zentrunk_credential],
    "zentrunk_ipacl": [_zentrunk_ipacl],
    "zentrunk_uri": [_zentrunk_uri],
}


def _unwrap(body):
    """The object of a single read, flat or nested under "object" (which one is a dialect question)."""
    if set(body) - ENVELOPE == {"object"}:
        return body["object"]
    return {key: value for key, value in body.items() if key not in ENVELOPE}


def _emulator_objects(api, kind):
    """[(label, fields of one emulated object)] for every read of every maker of ``kind``."""
    objects = []
    for maker in MAKERS[kind]:
        single, listed = maker(api)
        name = maker.__name__.lstrip("_")
        if single is not None:
            objects.append(("%s single read" % name, set(_unwrap(single))))
        if listed is not None:
            assert listed["objects"], "%s list is empty" % name
            objects.append(("%s list item" % name, set(listed["objects"][0])))
    return objects


def _shown(entry):
    """The object fields an entry shows on every object, and on some."""
    if entry["response"] == "list":
        return set(entry["object_fields"]), set(entry.get("object_fields_on_some", ()))
    fields = set(entry.get("object_fields") or set(entry["top_level"]) - ENVELOPE)
    return fields, set()


# ---- the checks ------------------------------------------------------------------------------

def test_every_kind_has_a_maker():
    assert set(FIELDS) == set(MAKERS)


@pytest.mark.parametrize("kind, entry", ENTRIES)
def test_entry_names_its_source(kind, entry):
    if entry["source"] in ("sdk_fixture", "cli_test"):
        assert entry["repo"] and entry["path"] and len(entry["commit"]) == 40, entry
    else:
        assert entry["source"] == "reference_page" and entry["url"].startswith("https://") and entry["page"], entry
    assert entry["response"] in ("get", "list"), entry


@pytest.mark.parametrize("kind, entry", ENTRIES)
def test_emulator_has_every_field_the_fixture_shows(api, kind, entry):
    required, _unused = _shown(entry)
    required -= set(FIELDS[kind].get("absent_by_design", {}))
    problems = []
    for label, fields in _emulator_objects(api, kind):
        missing = sorted(required - fields)
        if missing:
            problems.append("%s lacks %s" % (label, ", ".join(missing)))
    assert not problems, "emulator %s objects lack fields that %s shows:\n  %s" % (
        kind, _entry_id(kind, entry), "\n  ".join(problems))


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_emulator_emits_no_field_that_no_fixture_shows(api, kind):
    spec = FIELDS[kind]
    known = set(spec.get("allow_extra", {}))
    for entry in spec["fixtures"]:
        every, some = _shown(entry)
        known |= every | some
    problems = []
    for label, fields in _emulator_objects(api, kind):
        extra = sorted(fields - known)
        if extra:
            problems.append("%s emits %s" % (label, ", ".join(extra)))
    assert not problems, (
        "emulator %s objects carry fields no recorded response shows (record the evidence in "
        "sdk_fixture_fields.json allow_extra, or drop them):\n  %s" % (kind, "\n  ".join(problems)))


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_allow_lists_are_not_stale(api, kind):
    spec = FIELDS[kind]
    emitted = [fields for _label, fields in _emulator_objects(api, kind)]
    allowed_but_never_emitted = sorted(f for f in spec.get("allow_extra", {}) if not any(f in e for e in emitted))
    absent_but_emitted = sorted(f for f in spec.get("absent_by_design", {}) if any(f in e for e in emitted))
    assert not allowed_but_never_emitted, "allow_extra names fields the emulator no longer emits: %s" % (
        allowed_but_never_emitted)
    assert not absent_but_emitted, "absent_by_design names fields the emulator now emits: %s" % absent_but_emitted


@pytest.mark.parametrize("kind, entry", [p for p in ENTRIES if p.values[1]["response"] == "list"])
def test_list_envelope_matches(api, kind, entry):
    _single, listed = MAKERS[kind][0](api)
    missing_top = sorted(set(entry["top_level"]) - set(listed))
    missing_meta = sorted(set(entry["meta"]) - set(listed["meta"]))
    assert not missing_top, "list envelope lacks %s" % missing_top
    assert not missing_meta, "list meta lacks %s" % missing_meta


@pytest.mark.parametrize("kind, entry", [p for p in ENTRIES if p.values[1].get("nested_under")])
def test_recorded_nesting_is_the_default(api, kind, entry):
    """Where a production read was recorded nested, the emulator's default read is nested the same way."""
    single, _listed = MAKERS[kind][0](api)
    assert set(single) == set(entry["top_level"]), "single read top level %s, recorded %s" % (
        sorted(single), entry["top_level"])


def test_number_sub_account_name_follows_the_owner(api):
    sub = api.subaccount("Marketing")
    api.numbers_from_carrier(["14155550101"], subaccount=sub.auth_id)
    api.numbers_from_carrier(["14155550102"])
    assert api.get("Number/14155550101/").json()["sub_account_name"] == "Marketing"
    assert api.get("Number/14155550102/").json()["sub_account_name"] is None
