# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Applications and the endpoints attached to them."""

import re

import pytest

from emulator_support import AUTH_ID


class TestApplications:
    def test_defaults(self, api):
        response = api.post("Application/", {"app_name": "ivr", "answer_url": "https://example.com/answer"})
        assert response.status_code == 201 and response.json()["message"] == "created"
        app_id = response.json()["app_id"]
        app = api.get("Application/%s/" % app_id).json()
        assert app == dict(app, **{
            "app_id": app_id, "app_name": "ivr", "answer_url": "https://example.com/answer",
            "answer_method": "POST", "hangup_url": "https://example.com/answer", "hangup_method": "POST",
            "fallback_answer_url": "", "fallback_method": "POST", "message_url": "", "message_method": "POST",
            "default_app": False, "default_endpoint_app": False, "enabled": True, "public_uri": False,
            "log_incoming_messages": True, "sip_uri": "sip:%s@app.plivo.com" % app_id, "sub_account": None,
            "resource_uri": "/v1/Account/%s/Application/%s/" % (AUTH_ID, app_id),
        })
        assert "default_number_app" not in app

    def test_every_field_on_create_and_update(self, api):
        app_id = api.application(
            "full", answer_method="GET", hangup_url="https://example.com/hangup", hangup_method="GET",
            fallback_answer_url="https://example.com/fallback", fallback_method="GET",
            message_url="https://example.com/sms", message_method="GET", default_number_app=True,
            default_endpoint_app=True, public_uri=True, log_incoming_messages=False)
        app = api.get("Application/%s/" % app_id).json()
        assert (app["hangup_url"], app["fallback_answer_url"], app["message_url"]) == (
            "https://example.com/hangup", "https://example.com/fallback", "https://example.com/sms")
        assert {app[k] for k in ("answer_method", "hangup_method", "fallback_method", "message_method")} == {"GET"}
        assert app["default_app"] and app["default_endpoint_app"] and app["public_uri"]
        assert app["log_incoming_messages"] is False
        response = api.post("Application/%s/" % app_id, {"app_name": "renamed", "message_url": "",
                                                         "default_number_app": False, "answer_method": "post"})
        assert response.status_code == 202 and response.json()["message"] == "changed"
        app = api.get("Application/%s/" % app_id).json()
        assert (app["app_name"], app["message_url"], app["default_app"], app["answer_method"]) == (
            "renamed", "", False, "POST")
        assert app["default_endpoint_app"] is True and app["hangup_url"] == "https://example.com/hangup"

    def test_only_one_default_app(self, api):
        first = api.application("one", default_number_app=True)
        second = api.application("two", default_number_app=True)
        assert api.get("Application/%s/" % first).json()["default_app"] is False
        assert api.get("Application/%s/" % second).json()["default_app"] is True

    @pytest.mark.parametrize("body", [
        {"answer_url": "https://example.com/"},
        {"app_name": "x"},
        {"app_name": "x", "answer_url": "not a url"},
        {"app_name": "x", "answer_url": "ftp://example.com/"},
        {"app_name": "x", "answer_url": "https://example.com/", "answer_method": "PUT"},
        {"app_name": "x", "answer_url": "https://example.com/", "public_uri": "sometimes"},
        {"app_name": "x", "answer_url": "https://example.com/", "hangup_url": "nope"},
        {"app_name": 5, "answer_url": "https://example.com/"},
    ])
    def test_create_validation(self, api, body):
        assert api.post("Application/", body).status_code == 400

    def test_update_validation(self, api):
        app_id = api.application()
        assert api.post("Application/%s/" % app_id, {"answer_url": ""}).status_code == 400
        assert api.post("Application/%s/" % app_id, {"message_method": "HEAD"}).status_code == 400
        assert api.post("Application/999/", {"app_name": "x"}).status_code == 404

    def test_filters(self, api):
        sub = api.subaccount()
        api.application("alpha")
        api.application("alpha-2")
        api.application("beta", subaccount=sub.auth_id)
        assert [a["app_name"] for a in api.get("Application/", app_name="alpha").json()["objects"]] == ["alpha"]
        assert [a["app_name"] for a in api.get("Application/", subaccount=sub.auth_id).json()["objects"]] == [
            "beta"]
        assert api.get("Application/").json()["meta"]["total_count"] == 3

    def test_delete_cascades_to_endpoints_by_default(self, api):
        app_id = api.application()
        endpoint = api.create("Endpoint/", {"username": "u", "password": "secret", "alias": "a", "app_id": app_id},
                              "endpoint_id")
        api.numbers_from_carrier(["14155550401"], app_id=app_id)
        assert api.delete("Application/%s/" % app_id).status_code == 204
        assert api.get("Application/%s/" % app_id).status_code == 404
        assert api.get("Endpoint/%s/" % endpoint).status_code == 404
        assert api.get("Number/14155550401/").json()["application"] is None

    def test_delete_without_cascade_moves_or_unlinks_endpoints(self, api):
        doomed, successor = api.application("doomed"), api.application("successor")
        endpoint = api.create("Endpoint/", {"username": "u", "password": "secret", "alias": "a", "app_id": doomed},
                              "endpoint_id")
        assert api.delete("Application/%s/" % doomed,
                          {"cascade": False, "new_endpoint_application": successor}).status_code == 204
        assert api.get("Endpoint/%s/" % endpoint).json()["application"].endswith("/Application/%s/" % successor)
        assert api.delete("Application/%s/" % successor, {"cascade": False}).status_code == 204
        assert api.get("Endpoint/%s/" % endpoint).json()["application"] is None

    def test_delete_with_unknown_successor_changes_nothing(self, api):
        app_id = api.application()
        response = api.delete("Application/%s/" % app_id, {"cascade": False, "new_endpoint_application": "123"})
        assert response.status_code == 404
        assert api.get("Application/%s/" % app_id).status_code == 200


class TestEndpoints:
    def test_create_suffixes_username_and_hides_password(self, api):
        response = api.post("Endpoint/", {"username": "zumba", "password": "secret", "alias": "Zumba"})
        assert response.status_code == 201
        body = response.json()
        assert body["message"] == "created" and body["alias"] == "Zumba"
        assert re.match(r"^zumba\d{12}$", body["username"])
        endpoint = api.get("Endpoint/%s/" % body["endpoint_id"], endpoint_id=body["endpoint_id"]).json()
        assert endpoint == dict(endpoint, **{
            "endpoint_id": body["endpoint_id"], "username": body["username"], "alias": "Zumba",
            "application": None, "sip_uri": "sip:%s@phone.plivo.com" % body["username"],
            "sip_registered": "false", "sub_account": None,
            "resource_uri": "/v1/Account/%s/Endpoint/%s/" % (AUTH_ID, body["endpoint_id"]),
        })
        assert "password" not in endpoint and "sip_contact" not in endpoint

    def test_usernames_made_in_the_same_second_stay_unique(self, api):
        names = [api.post("Endpoint/", {"username": "same", "password": "secret", "alias": "a"}).json()["username"]
                 for _unused in range(5)]
        assert len(set(names)) == 5

    @pytest.mark.parametrize("body", [
        {"password": "secret", "alias": "a"},
        {"username": "u", "alias": "a"},
        {"username": "u", "password": "secret"},
        {"username": "1abc", "password": "secret", "alias": "a"},
        {"username": "ab_c", "password": "secret", "alias": "a"},
        {"username": "abc", "password": "four", "alias": "a"},
    ])
    def test_create_validation(self, api, body):
        assert api.post("Endpoint/", body).status_code == 400

    def test_update_and_delete(self, api, control):
        app_id = api.application()
        endpoint = api.create("Endpoint/", {"username": "u", "password": "secret", "alias": "a"}, "endpoint_id")
        path = "Endpoint/%s/" % endpoint
        assert api.post(path, {"alias": "b", "app_id": app_id, "password": "longer-secret"}).status_code == 202
        got = api.get(path).json()
        assert got["alias"] == "b" and got["application"].endswith("/Application/%s/" % app_id)
        assert control.state()["tables"]["endpoint"][endpoint]["_password"] == "longer-secret"
        assert api.post(path, {"password": "abc"}).status_code == 400
        assert api.post(path, {"app_id": "404"}).status_code == 404
        assert api.post(path, {"app_id": ""}).status_code == 202
        assert api.get(path).json()["application"] is None
        assert api.delete(path).status_code == 204
        assert api.get(path).status_code == 404

    def test_pagination(self, api):
        for index in range(22):
            api.post("Endpoint/", {"username": "e%d" % index, "password": "secret", "alias": "a"})
        assert len(api.list_all("Endpoint/")) == 22


class TestSdk:
    def test_applications(self, sdk):
        created = sdk.applications.create(app_name="sdk-app", answer_url="https://example.com/answer",
                                          default_number_app=True)
        app = sdk.applications.get(created.app_id)
        assert app.app_name == "sdk-app" and app.default_app is True
        sdk.applications.update(created.app_id, answer_url="https://example.com/v2")
        app = sdk.applications.get(created.app_id)
        assert app.answer_url == "https://example.com/v2" and app.default_app is False
        assert [a.app_id for a in sdk.applications.list(app_name="sdk-app")] == [created.app_id]
        sdk.applications.delete(created.app_id, cascade=False)
        assert len(sdk.applications.list()) == 0

    def test_endpoints(self, sdk):
        app = sdk.applications.create(app_name="ep-app", answer_url="https://example.com/answer")
        created = sdk.endpoints.create(username="desk", password="secret", alias="Desk", app_id=app.app_id)
        assert created.username.startswith("desk")
        endpoint = sdk.endpoints.get(created.endpoint_id)
        assert endpoint.alias == "Desk" and endpoint.application.endswith("/%s/" % app.app_id)
        sdk.endpoints.update(created.endpoint_id, alias="Front desk")
        assert [e.alias for e in sdk.endpoints.list()] == ["Front desk"]
        sdk.endpoints.delete(created.endpoint_id)
        assert len(sdk.endpoints.list()) == 0


class TestDefaultApplications:
    """Per account, at most one application holds each default flag; new numbers and endpoints land on it."""

    def flags(self, api, app_id):
        app = api.get("Application/%s/" % app_id).json()
        return app["default_app"], app["default_endpoint_app"]

    def test_each_flag_is_held_by_one_application_per_account(self, api):
        sub = api.subaccount()
        first = api.application("first", default_number_app=True, default_endpoint_app=True)
        theirs = api.application("theirs", subaccount=sub.auth_id, default_number_app=True)
        second = api.application("second", default_number_app=True)
        assert self.flags(api, first) == (False, True)
        assert self.flags(api, second) == (True, False)
        assert self.flags(api, theirs) == (True, False)
        assert api.post("Application/%s/" % second, {"default_endpoint_app": True}).status_code == 202
        assert self.flags(api, first) == (False, False) and self.flags(api, second) == (True, True)
        assert self.flags(api, theirs) == (True, False)

    @pytest.mark.parametrize("app_id", [None, "", "absent"])
    def test_numbers_added_without_app_id_land_on_the_owners_default(self, api, app_id):
        sub = api.subaccount()
        default = api.application("default", default_number_app=True)
        sub_default = api.application("sub-default", subaccount=sub.auth_id, default_number_app=True)
        other = api.application("other")
        extra = {} if app_id == "absent" else {"app_id": app_id}
        carrier = api.carrier()
        api.numbers_from_carrier(["14155550601"], carrier_id=carrier, **extra)
        api.numbers_from_carrier(["14155550602"], carrier_id=carrier, subaccount=sub.auth_id, **extra)
        api.numbers_from_carrier(["14155550603"], carrier_id=carrier, app_id=other)
        sub.numbers_from_carrier(["14155550604"], **extra)
        linked = {n["number"]: n["application"] for n in api.get("Number/").json()["objects"]}
        assert linked == {
            "14155550601": "/v1/Account/%s/Application/%s/" % (AUTH_ID, default),
            "14155550602": "/v1/Account/%s/Application/%s/" % (AUTH_ID, sub_default),
            "14155550603": "/v1/Account/%s/Application/%s/" % (AUTH_ID, other),
            "14155550604": "/v1/Account/%s/Application/%s/" % (AUTH_ID, sub_default),
        }
        assert api.post("Number/14155550601/", {"app_id": ""}).status_code == 202
        assert api.get("Number/14155550601/").json()["application"] is None

    def test_without_a_default_a_new_number_is_unlinked(self, api):
        sub = api.subaccount()
        api.application("main-default", default_number_app=True)
        api.application("endpoint-default-only", subaccount=sub.auth_id, default_endpoint_app=True)
        api.numbers_from_carrier(["14155550611"], subaccount=sub.auth_id)
        assert api.get("Number/14155550611/").json()["application"] is None

    def test_bought_numbers_land_on_the_buyers_default(self, api):
        sub = api.subaccount()
        default = api.application("default", default_number_app=True)
        sub_default = sub.application("sub-default", default_number_app=True)
        found = api.get("PhoneNumber/", country_iso="US", limit=3).json()["objects"]
        first, second, third = [o["number"] for o in found]
        assert api.post("PhoneNumber/%s/" % first).status_code == 201
        assert api.post("PhoneNumber/%s/" % second, {"app_id": ""}).status_code == 201
        assert sub.post("PhoneNumber/%s/" % third).status_code == 201
        assert api.get("Number/%s/" % first).json()["application"].endswith("/Application/%s/" % default)
        assert api.get("Number/%s/" % second).json()["application"].endswith("/Application/%s/" % default)
        assert api.get("Number/%s/" % third).json()["application"].endswith("/Application/%s/" % sub_default)

    @pytest.mark.parametrize("app_id", [None, "", "absent"])
    def test_endpoints_created_without_app_id_land_on_the_default_endpoint_app(self, api, app_id):
        sub = api.subaccount()
        api.application("number-default", default_number_app=True)
        default = api.application("endpoint-default", default_endpoint_app=True)
        sub_default = sub.application("sub-endpoint-default", default_endpoint_app=True)
        body = {"username": "desk", "password": "secret", "alias": "Desk"}
        if app_id != "absent":
            body["app_id"] = app_id
        mine = api.create("Endpoint/", body, "endpoint_id")
        theirs = sub.create("Endpoint/", body, "endpoint_id")
        assert api.get("Endpoint/%s/" % mine).json()["application"].endswith("/Application/%s/" % default)
        assert api.get("Endpoint/%s/" % theirs).json()["application"].endswith("/Application/%s/" % sub_default)
        assert api.post("Endpoint/%s/" % mine, {"app_id": ""}).status_code == 202
        assert api.get("Endpoint/%s/" % mine).json()["application"] is None

    def test_sdk_buy_lands_on_the_default(self, sdk):
        app = sdk.applications.create(app_name="default", answer_url="https://example.com/a", default_number_app=True)
        number = sdk.numbers.search(country_iso="GB", type="mobile", limit=1).objects[0]["number"]
        sdk.numbers.buy(number)
        assert sdk.numbers.get(number).application.endswith("/Application/%s/" % app.app_id)
