# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Incoming carriers, numbers added from them, and the Plivo inventory."""

import pytest

from emulator_support import AUTH_ID


class TestCarriers:
    def test_crud(self, api):
        response = api.post("IncomingCarrier/", {"name": "acme-1", "ip_set": "192.0.2.1, 192.0.2.2"})
        assert response.status_code == 201 and response.json()["message"] == "created"
        carrier_id = response.json()["carrier_id"]
        assert carrier_id.isdigit()
        carrier = api.get("IncomingCarrier/%s/" % carrier_id).json()
        assert carrier == dict(carrier, carrier_id=carrier_id, name="acme-1", ip_set="192.0.2.1,192.0.2.2",
                               voice=True, sms=False,
                               resource_uri="/v1/Account/%s/IncomingCarrier/%s/" % (AUTH_ID, carrier_id))
        assert api.post("IncomingCarrier/%s/" % carrier_id, {"ip_set": "198.51.100.7"}).status_code == 202
        carrier = api.get("IncomingCarrier/%s/" % carrier_id).json()
        assert carrier["ip_set"] == "198.51.100.7" and carrier["name"] == "acme-1"
        assert api.post("IncomingCarrier/%s/" % carrier_id, {"name": "acme_2"}).json()["message"] == "changed"
        assert api.get("IncomingCarrier/%s/" % carrier_id).json()["name"] == "acme_2"
        assert api.delete("IncomingCarrier/%s/" % carrier_id).status_code == 204
        assert api.get("IncomingCarrier/%s/" % carrier_id).status_code == 404

    @pytest.mark.parametrize("body", [
        {"ip_set": "192.0.2.1"},
        {"name": "acme"},
        {"name": "has space", "ip_set": "192.0.2.1"},
        {"name": "dot.ted", "ip_set": "192.0.2.1"},
        {"name": "acme", "ip_set": "192.0.2.300"},
        {"name": "acme", "ip_set": "2001:db8::1"},
        {"name": "acme", "ip_set": "example.com"},
        {"name": "acme", "ip_set": ""},
    ])
    def test_create_validation(self, api, body):
        assert api.post("IncomingCarrier/", body).status_code == 400

    def test_update_validation(self, api):
        carrier_id = api.carrier()
        assert api.post("IncomingCarrier/%s/" % carrier_id, {"ip_set": "1.2.3"}).status_code == 400
        assert api.post("IncomingCarrier/%s/" % carrier_id, {"name": "bad name"}).status_code == 400
        assert api.get("IncomingCarrier/%s/" % carrier_id).json()["ip_set"] == "192.0.2.10"

    def test_name_filter_matches_exact_or_containing(self, api):
        for name in ("acme", "acme-east", "big_acme", "other"):
            api.carrier(name)
        names = {c["name"] for c in api.get("IncomingCarrier/", name="acme").json()["objects"]}
        assert names == {"acme", "acme-east", "big_acme"}
        assert [c["name"] for c in api.get("IncomingCarrier/", name="other").json()["objects"]] == ["other"]
        assert api.get("IncomingCarrier/", name="zzz").json()["objects"] == []

    def test_deleting_a_carrier_deletes_its_numbers(self, api):
        doomed = api.numbers_from_carrier(["14155550120", "14155550121"])
        api.numbers_from_carrier(["14155550122"], carrier_id=api.carrier("keeper"))
        assert api.delete("IncomingCarrier/%s/" % doomed).status_code == 204
        assert [n["number"] for n in api.get("Number/").json()["objects"]] == ["14155550122"]


class TestNumbersFromCarrier:
    def test_add_and_read(self, api):
        carrier_id = api.carrier("acme")
        response = api.post("Number/", {"numbers": "14155550130,442079460131", "carrier": carrier_id,
                                        "region": "California", "number_type": "fixed"})
        assert response.status_code == 202 and response.json()["message"] == "changed"
        number = api.get("Number/14155550130/").json()
        assert number["carrier"] == "acme" and number["number_type"] == "fixed"
        assert number["region"] == "California" and number["country"] == "United States"
        assert number["application"] is None and number["sub_account"] is None and number["alias"] is None
        assert number["voice_enabled"] is True and number["sms_enabled"] is False
        assert number["resource_uri"] == "/v1/Account/%s/Number/14155550130/" % AUTH_ID
        assert len(number["added_on"]) == 10
        for key in ("monthly_rental_rate", "sms_rate", "voice_rate", "mms_enabled", "mms_rate", "active", "city",
                    "cnam_lookup", "renewal_date", "compliance_application_id", "compliance_status",
                    "tendlc_campaign_id", "tendlc_registration_status", "toll_free_sms_verification"):
            assert key in number
        assert api.get("Number/442079460131/").json()["country"] == "United Kingdom"
        api.post("IncomingCarrier/%s/" % carrier_id, {"name": "renamed"})
        assert api.get("Number/14155550130/").json()["carrier"] == "renamed"

    def test_all_or_nothing_when_a_number_is_already_there(self, api):
        carrier_id = api.numbers_from_carrier(["14155550140"])
        response = api.post("Number/", {"numbers": "14155550141,14155550140", "carrier": carrier_id,
                                        "region": "CA"})
        assert response.status_code == 400 and "14155550140" in response.json()["error"]
        assert api.get("Number/14155550141/").status_code == 404

    def test_add_validation(self, api):
        carrier_id = api.carrier()
        base = {"numbers": "14155550150", "carrier": carrier_id, "region": "CA"}
        assert api.post("Number/", dict(base, carrier="999999")).status_code == 404
        for broken in ({"numbers": ""}, {"numbers": "+14155550150"}, {"numbers": "1415abc"},
                       {"region": None}, {"number_type": "premium"}, {"carrier": None}):
            assert api.post("Number/", dict(base, **broken)).status_code == 400, broken
        assert api.post("Number/", dict(base, app_id="424242")).status_code == 404
        assert api.get("Number/").json()["meta"]["total_count"] == 0

    def test_add_with_app_and_subaccount(self, api):
        sub = api.subaccount()
        app_id = api.application()
        api.numbers_from_carrier(["14155550160"], app_id=app_id, subaccount=sub.auth_id)
        number = api.get("Number/14155550160/").json()
        assert number["application"] == "/v1/Account/%s/Application/%s/" % (AUTH_ID, app_id)
        assert number["sub_account"] == "/v1/Account/%s/" % sub.auth_id
        assert sub.get("Number/14155550160/").status_code == 200

    def test_update_links_and_unlinks(self, api):
        api.numbers_from_carrier(["14155550170"])
        app_id = api.application()
        path = "Number/14155550170/"
        assert api.post(path, {"number": "14155550170", "app_id": app_id, "alias": "front"}).status_code == 202
        number = api.get(path).json()
        assert number["application"].endswith("/Application/%s/" % app_id) and number["alias"] == "front"
        assert api.post(path, {"app_id": ""}).status_code == 202
        assert api.get(path).json()["application"] is None
        api.post(path, {"app_id": app_id})
        assert api.post(path, {"app_id": None}).status_code == 202
        assert api.get(path).json()["application"] is None
        assert api.post(path, {"app_id": "31337"}).status_code == 404
        assert api.post(path, {"alias": ""}).status_code == 202
        assert api.get(path).json()["alias"] is None

    def test_update_moves_between_accounts(self, api):
        sub = api.subaccount()
        api.numbers_from_carrier(["14155550175"])
        path = "Number/14155550175/"
        assert api.post(path, {"subaccount": sub.auth_id}).status_code == 202
        assert api.get(path).json()["sub_account"] == "/v1/Account/%s/" % sub.auth_id
        assert api.post(path, {"subaccount": ""}).status_code == 202
        assert api.get(path).json()["sub_account"] is None
        assert sub.get(path).status_code == 404

    def test_deleting_the_application_unlinks_numbers(self, api):
        app_id = api.application()
        api.numbers_from_carrier(["14155550180"], app_id=app_id)
        api.delete("Application/%s/" % app_id, {"cascade": False})
        assert api.get("Number/14155550180/").json()["application"] is None

    def test_delete(self, api):
        api.numbers_from_carrier(["14155550190"])
        assert api.delete("Number/14155550190/").status_code == 204
        assert api.get("Number/14155550190/").status_code == 404
        assert api.delete("Number/14155550190/").status_code == 404


class TestNumberFilters:
    @pytest.fixture
    def numbers(self, api):
        sub = api.subaccount()
        carrier = api.carrier()
        api.numbers_from_carrier(["14155550201", "14155550202"], carrier_id=carrier, number_type="local")
        api.numbers_from_carrier(["18005550203"], carrier_id=carrier, number_type="tollfree")
        api.numbers_from_carrier(["447700900204"], carrier_id=carrier, number_type="mobile",
                                 subaccount=sub.auth_id)
        api.post("Number/14155550202/", {"alias": "sales"})
        bought = api.get("PhoneNumber/", country_iso="US", services="voice,sms,mms", limit=1).json()["objects"][0]
        assert api.post("PhoneNumber/%s/" % bought["number"]).status_code == 201
        tollfree = api.get("PhoneNumber/", country_iso="US", type="tollfree", limit=1).json()["objects"][0]
        assert api.post("PhoneNumber/%s/" % tollfree["number"]).status_code == 201
        return {"sub": sub.auth_id, "bought": bought["number"], "tollfree": tollfree["number"]}

    def found(self, api, **params):
        return sorted(n["number"] for n in api.list_all("Number/", **params))

    def test_type_prefix_alias_subaccount(self, api, numbers):
        assert self.found(api, type="tollfree") == sorted(["18005550203", numbers["tollfree"]])
        assert self.found(api, number_startswith="1415555020") == ["14155550201", "14155550202"]
        assert self.found(api, alias="sales") == ["14155550202"]
        assert self.found(api, alias="sale") == []
        assert self.found(api, subaccount=numbers["sub"]) == ["447700900204"]
        assert api.get("Number/", type="premium").status_code == 400

    def test_services_means_all_of(self, api, numbers):
        assert self.found(api, services="voice,sms,mms") == [numbers["bought"]]
        assert self.found(api, services="sms") == sorted([numbers["bought"], numbers["tollfree"]])
        assert len(self.found(api, services="voice")) == 6
        assert api.get("Number/", services="fax").status_code == 400

    def test_tendlc_and_toll_free_verification(self, api, numbers):
        assert self.found(api, tendlc_registration_status="unregistered") == [numbers["bought"]]
        assert self.found(api, tendlc_registration_status="registered") == []
        assert self.found(api, toll_free_sms_verification="unverified") == [numbers["tollfree"]]
        assert self.found(api, tendlc_campaign_id="CMPXXXX") == []
        assert api.get("Number/", tendlc_registration_status="maybe").status_code == 400
        assert api.get("Number/", toll_free_sms_verification="maybe").status_code == 400


class TestInventory:
    def test_search_is_deterministic_and_paginated(self, api, control):
        first = api.get("PhoneNumber/", country_iso="US").json()
        assert first["meta"]["total_count"] == 40 and len(first["objects"]) == 20
        control("POST", "reset")
        assert api.get("PhoneNumber/", country_iso="US").json()["objects"] == [
            dict(o) for o in first["objects"]]
        item = first["objects"][0]
        for key in ("number", "prefix", "city", "country", "region", "rate_center", "lata", "type", "sub_type",
                    "monthly_rental_rate", "setup_rate", "sms_enabled", "sms_rate", "voice_enabled", "voice_rate",
                    "mms_enabled", "restriction", "restriction_text", "resource_uri"):
            assert key in item
        assert len(api.list_all("PhoneNumber/", country_iso="US")) == 40

    def test_search_filters(self, api):
        def numbers(**params):
            return list(api.list_all("PhoneNumber/", **params))
        assert {o["type"] for o in numbers(country_iso="GB")} == {"local", "mobile", "tollfree"}
        assert all(o["type"] == "mobile" for o in numbers(country_iso="GB", type="mobile"))
        assert all(o["number"].startswith("1415") for o in numbers(country_iso="US", pattern="415"))
        assert numbers(country_iso="US", pattern="415") and not numbers(country_iso="US", pattern="999")
        assert all(o["number"].startswith("1") and o["number"][2:4] == "15"
                   for o in numbers(country_iso="US", pattern="*15"))
        assert {o["region"] for o in numbers(country_iso="CA", region="ontario")} == {"Ontario"}
        assert all(o["mms_enabled"] and o["sms_enabled"] for o in numbers(country_iso="US", services="sms,mms"))
        assert numbers(country_iso="FR") == []
        assert api.get("PhoneNumber/").status_code == 400
        assert api.get("PhoneNumber/", country_iso="US", type="premium").status_code == 400
        assert api.get("PhoneNumber/", country_iso="US", pattern="41a").status_code == 400

    def test_buy(self, api):
        app_id = api.application()
        item = api.get("PhoneNumber/", country_iso="CA", type="local", limit=1).json()["objects"][0]
        response = api.post("PhoneNumber/%s/" % item["number"], {"app_id": app_id})
        assert response.status_code == 201
        body = response.json()
        assert body["message"] == "created" and body["status"] == "fulfilled"
        assert body["numbers"] == [{"number": item["number"], "status": "Success"}]
        number = api.get("Number/%s/" % item["number"]).json()
        assert number["carrier"] == "Plivo" and number["country"] == "Canada"
        assert number["application"].endswith("/Application/%s/" % app_id)
        assert number["monthly_rental_rate"] == item["monthly_rental_rate"]
        assert number["renewal_date"]
        remaining = [o["number"] for o in api.list_all("PhoneNumber/", country_iso="CA")]
        assert item["number"] not in remaining
        assert api.post("PhoneNumber/%s/" % item["number"]).status_code == 404

    def test_buy_with_unknown_app_buys_nothing(self, api):
        item = api.get("PhoneNumber/", country_iso="GB", limit=1).json()["objects"][0]
        assert api.post("PhoneNumber/%s/" % item["number"], {"app_id": "1"}).status_code == 404
        assert api.get("Number/%s/" % item["number"]).status_code == 404
        assert api.post("PhoneNumber/%s/" % item["number"]).status_code == 201

    def test_buy_as_subaccount(self, api):
        sub = api.subaccount()
        item = sub.get("PhoneNumber/", country_iso="US", limit=1).json()["objects"][0]
        assert sub.post("PhoneNumber/%s/" % item["number"]).status_code == 201
        assert api.get("Number/%s/" % item["number"]).json()["sub_account"] == "/v1/Account/%s/" % sub.auth_id


class TestSdk:
    def test_carrier_numbers(self, sdk, api):
        carrier_id = api.carrier("sdk-carrier")
        sdk.numbers.create(numbers="14155550301,14155550302", carrier=carrier_id, region="California")
        listed = sdk.numbers.list(number_startswith="1415555030")
        assert sorted(n.number for n in listed) == ["14155550301", "14155550302"]
        assert listed.meta.total_count == 2
        app = sdk.applications.create(app_name="sdk-app", answer_url="https://example.com/a")
        sdk.numbers.update("14155550301", app_id=app.app_id, alias="desk")
        number = sdk.numbers.get("14155550301")
        assert number.alias == "desk" and number.application.endswith("/%s/" % app.app_id)
        sdk.numbers.delete("14155550302")
        assert [n.number for n in sdk.numbers.list()] == ["14155550301"]

    def test_search_and_buy(self, sdk):
        found = sdk.numbers.search(country_iso="GB", type="mobile", limit=2)
        assert len(found.objects) == 2
        number = found.objects[0]["number"]
        bought = sdk.numbers.buy(number)
        assert bought.status == "fulfilled"
        assert sdk.numbers.get(number).carrier == "Plivo"
