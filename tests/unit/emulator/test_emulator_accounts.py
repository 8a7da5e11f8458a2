# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Account, subaccounts, and what subaccount credentials may see."""

import re

import pytest

from emulator_support import AUTH_ID

SUBACCOUNT_ID = re.compile(r"^SA[A-Z0-9]{18}$")


def test_account_get_and_update(api):
    account = api.get().json()
    for key in ("account_type", "address", "auth_id", "auto_recharge", "billing_mode", "cash_credits", "city",
                "name", "resource_uri", "state", "timezone"):
        assert key in account
    assert account["auth_id"] == AUTH_ID and account["resource_uri"] == "/v1/Account/%s/" % AUTH_ID
    response = api.post("", {"name": "Acme", "city": "Paris", "address": None})
    assert response.status_code == 202 and response.json()["message"] == "changed"
    account = api.get().json()
    assert (account["name"], account["city"], account["address"]) == ("Acme", "Paris", "")
    assert api.post("", {"city": 12}).status_code == 400


def test_subaccount_lifecycle(api):
    response = api.post("Subaccount/", {"name": "Team A"})
    assert response.status_code == 201
    created = response.json()
    assert created["message"] == "created"
    assert SUBACCOUNT_ID.match(created["auth_id"]) and len(created["auth_token"]) == 40
    path = "Subaccount/%s/" % created["auth_id"]
    sub = api.get(path).json()
    assert sub["enabled"] is False and sub["name"] == "Team A" and sub["modified"] is None
    assert sub["auth_token"] == created["auth_token"]
    assert sub["account"] == "/v1/Account/%s/" % AUTH_ID
    assert sub["resource_uri"] == "/v1/Account/%s/%s" % (AUTH_ID, path)
    assert api.post(path, {"enabled": True}).status_code == 400  # name is required
    assert api.post(path, {"name": "Team B", "enabled": True}).status_code == 202
    sub = api.get(path).json()
    assert (sub["name"], sub["enabled"]) == ("Team B", True) and sub["modified"]
    assert api.post(path, {"name": "Team C"}).status_code == 202
    assert api.get(path).json()["enabled"] is True
    assert [s["auth_id"] for s in api.get("Subaccount/").json()["objects"]] == [created["auth_id"]]
    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404


def test_subaccount_reads_carry_new_auth_token_and_the_log_masks_it(api, control):
    sub = api.subaccount()
    got = api.get("Subaccount/%s/" % sub.auth_id).json()
    assert got["new_auth_token"] == got["auth_token"] == sub.auth_token
    listed = api.get("Subaccount/").json()["objects"]
    assert [(s["auth_token"], s["new_auth_token"]) for s in listed] == [(sub.auth_token, sub.auth_token)]
    api.post("Subaccount/%s/" % sub.auth_id, {"name": "team", "new_auth_token": "echoed-back"})
    assert control.log()[-1]["body"] == {"name": "team", "new_auth_token": "********"}
    assert "echoed-back" not in str(control.log())


def test_subaccount_create_validation(api):
    assert api.post("Subaccount/", {}).status_code == 400
    assert api.post("Subaccount/", {"name": ""}).status_code == 400
    assert api.post("Subaccount/", {"name": "x", "enabled": "maybe"}).status_code == 400


def test_subaccount_credentials_work_on_own_path_only(api):
    sub = api.subaccount()
    assert sub.get().status_code == 200
    assert sub.get().json()["auth_id"] == sub.auth_id
    other = sub.session.get(api.base, timeout=5)
    assert other.status_code == 401
    wrong = api.as_account(sub.auth_id, "not-the-token")
    assert wrong.get().status_code == 401
    assert sub.get("Subaccount/").status_code == 403
    assert sub.post("", {"name": "mine now"}).status_code == 403


def test_subaccount_sees_only_its_own_resources(api):
    sub = api.subaccount()
    main_app = api.application("main-app")
    sub_app = sub.application("sub-app")
    assert [a["app_id"] for a in sub.get("Application/").json()["objects"]] == [sub_app]
    assert sub.get("Application/%s/" % main_app).status_code == 404
    seen_by_main = {a["app_id"]: a for a in api.get("Application/").json()["objects"]}
    assert set(seen_by_main) == {main_app, sub_app}
    assert seen_by_main[sub_app]["sub_account"] == "/v1/Account/%s/" % sub.auth_id
    assert seen_by_main[main_app]["sub_account"] is None
    assert api.get("Application/", subaccount=sub.auth_id).json()["meta"]["total_count"] == 1
    # a subaccount cannot touch what it cannot see
    assert sub.post("Application/%s/" % main_app, {"app_name": "mine"}).status_code == 404
    assert sub.delete("Application/%s/" % main_app).status_code == 404


def test_main_account_assigns_resources_to_a_subaccount(api):
    sub = api.subaccount()
    app_id = api.application("for-sub", subaccount=sub.auth_id)
    assert sub.get("Application/%s/" % app_id).status_code == 200
    unknown = {"app_name": "x", "answer_url": "https://e.com/", "subaccount": "SANOSUCHSUBACCOUNT01"}
    assert api.post("Application/", unknown).status_code == 404
    # a subaccount cannot assign to others
    other = api.subaccount("other")
    foreign = {"app_name": "x", "answer_url": "https://e.com/", "subaccount": other.auth_id}
    assert sub.post("Application/", foreign).status_code == 403


def test_delete_subaccount_without_cascade_moves_resources_to_main(api):
    sub = api.subaccount()
    app_id = sub.application("sub-app")
    sub.numbers_from_carrier(["14155550111"])
    endpoint = sub.create("Endpoint/", {"username": "desk", "password": "secret", "alias": "Desk"}, "endpoint_id")
    assert api.delete("Subaccount/%s/" % sub.auth_id).status_code == 204
    assert sub.get().status_code == 401
    assert api.get("Application/%s/" % app_id).json()["sub_account"] is None
    assert api.get("Number/14155550111/").json()["sub_account"] is None
    assert api.get("Endpoint/%s/" % endpoint).json()["sub_account"] is None


def test_delete_subaccount_with_cascade_deletes_its_resources(api):
    sub = api.subaccount()
    keep = api.application("main-app")
    app_id = sub.application("sub-app")
    sub.numbers_from_carrier(["14155550112"])
    api.numbers_from_carrier(["14155550113"], app_id=app_id)
    endpoint = sub.create("Endpoint/", {"username": "desk", "password": "secret", "alias": "Desk"}, "endpoint_id")
    assert api.delete("Subaccount/%s/" % sub.auth_id, {"cascade": True}).status_code == 204
    assert api.get("Application/%s/" % app_id).status_code == 404
    assert api.get("Number/14155550112/").status_code == 404
    assert api.get("Endpoint/%s/" % endpoint).status_code == 404
    assert api.get("Application/%s/" % keep).status_code == 200
    # the main account's number lost its link to the deleted application
    assert api.get("Number/14155550113/").json()["application"] is None


def test_cascade_covers_carriers_and_zentrunk_objects(api):
    sub = api.subaccount()
    carrier_id = sub.numbers_from_carrier(["14155550114"])
    response = sub.post("Zentrunk/Credential/", {"username": "subuser1", "password": "s3cret!x"})
    credential = response.json()["credential_uuid"]
    trunk = sub.create("Zentrunk/Trunk/", {"trunk_direction": "outbound", "credential_uuid": credential}, "trunk_id")
    assert api.delete("Subaccount/%s/" % sub.auth_id, {"cascade": True}).status_code == 204
    for path in ("IncomingCarrier/%s/" % carrier_id, "Number/14155550114/", "Zentrunk/Trunk/%s/" % trunk,
                 "Zentrunk/Credential/%s/" % credential):
        assert api.get(path).status_code == 404, path


class TestSdk:
    def test_account(self, sdk):
        account = sdk.account.get()
        assert account.auth_id == sdk.session.auth[0]
        sdk.account.update(name="Via SDK")
        assert sdk.account.get().name == "Via SDK"

    def test_subaccounts(self, sdk):
        created = sdk.subaccounts.create(name="sdk-team")
        assert created.message == "created"
        fetched = sdk.subaccounts.get(created.auth_id)
        assert fetched.name == "sdk-team" and fetched.enabled is False
        sdk.subaccounts.update(created.auth_id, name="sdk-team-2", enabled=True)
        assert sdk.subaccounts.get(created.auth_id).enabled is True
        listed = sdk.subaccounts.list(limit=5)
        assert [s.auth_id for s in listed] == [created.auth_id]
        sdk.subaccounts.delete(created.auth_id, cascade=True)
        exceptions = pytest.importorskip("plivo.exceptions")
        with pytest.raises(exceptions.ResourceNotFoundError):
            sdk.subaccounts.get(created.auth_id)

    def test_subaccount_client(self, sdk):
        import plivo  # pylint: disable=import-outside-toplevel
        created = sdk.subaccounts.create(name="own-client", enabled=True)
        sub_client = plivo.RestClient(created.auth_id, created.auth_token)
        assert sub_client.account.get().auth_id == created.auth_id
        sub_client.applications.create(app_name="sub-app", answer_url="https://example.com/a")
        assert len(sub_client.applications.list()) == 1
        assert len(sdk.applications.list(subaccount=created.auth_id)) == 1

    def test_subaccount_new_auth_token(self, sdk):
        created = sdk.subaccounts.create(name="tokens")
        assert sdk.subaccounts.get(created.auth_id).new_auth_token == created.auth_token
        assert [s.new_auth_token for s in sdk.subaccounts.list()] == [created.auth_token]
