# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zentrunk over raw HTTP (the SDK has no helpers for it).

A single trunk read is nested under "object"; single credential, IP ACL and URI reads are flat.
"""

import pytest

from emulator_support import AUTH_ID


def credential(api, username="trunkuser", password="s3cret!x", **extra):
    response = api.post("Zentrunk/Credential/", dict({"username": username, "password": password}, **extra))
    assert response.status_code == 201, response.text
    assert response.json()["message"] == "Credential created successfully."
    return response.json()["credential_uuid"]


def ipacl(api, ip_addresses=("192.0.2.1",), **extra):
    response = api.post("Zentrunk/IPAccessControlList/", dict({"ip_addresses": list(ip_addresses)}, **extra))
    assert response.status_code == 201, response.text
    assert response.json()["message"] == "IP Access Control List created successfully."
    return response.json()["ipacl_uuid"]


def uri(api, value="sip.example.com", **extra):
    response = api.post("Zentrunk/URI/", dict({"uri": value}, **extra))
    assert response.status_code == 201, response.text
    assert response.json()["message"] == "URI created successfully."
    return response.json()["uri_uuid"]


def trunk(api, **body):
    response = api.post("Zentrunk/Trunk/", body)
    assert response.status_code == 201, response.text
    return response.json()["trunk_id"]


def read(api, path):
    """A flat single read, without its api_id."""
    response = api.get(path)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "object" not in body and body.pop("api_id")
    return body


class TestTrunks:
    def test_outbound_lifecycle(self, api):
        cred = credential(api)
        response = api.post("Zentrunk/Trunk/", {"name": "out", "trunk_direction": "outbound", "credential_uuid": cred})
        assert response.status_code == 201
        body = response.json()
        assert body["message"] == "Trunk created successfully." and "trunk_domain" not in body
        trunk_id = body["trunk_id"]
        got = api.get("Zentrunk/Trunk/%s/" % trunk_id).json()
        assert set(got) == {"api_id", "object"}
        obj = got["object"]
        assert obj == dict(obj, trunk_id=trunk_id, trunk_domain="%s.zt.plivo.com" % trunk_id, name="out",
                           trunk_status="enabled", trunk_direction="outbound", secure=False, ipacl_uuid=None,
                           credential_uuid=cred, primary_uri_uuid=None, fallback_uri_uuid=None)
        assert obj["created_at"] and obj["updated_at"]
        acl = ipacl(api)
        response = api.post("Zentrunk/Trunk/%s/" % trunk_id, {"ipacl_uuid": acl, "secure": True,
                                                              "trunk_status": "disabled"})
        assert response.status_code == 202
        assert response.json() == dict(response.json(), message="Trunk updated successfully.", trunk_id=trunk_id)
        obj = api.get("Zentrunk/Trunk/%s/" % trunk_id).json()["object"]
        assert (obj["ipacl_uuid"], obj["secure"], obj["trunk_status"]) == (acl, True, "disabled")
        assert api.delete("Zentrunk/Trunk/%s/" % trunk_id).status_code == 204
        assert api.get("Zentrunk/Trunk/%s/" % trunk_id).status_code == 404

    def test_inbound_requires_primary_uri(self, api):
        primary, fallback = uri(api), uri(api, "192.0.2.5:5060")
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "inbound"}).status_code == 422
        trunk_id = trunk(api, trunk_direction="inbound", primary_uri_uuid=primary, fallback_uri_uuid=fallback)
        obj = api.get("Zentrunk/Trunk/%s/" % trunk_id).json()["object"]
        assert (obj["primary_uri_uuid"], obj["fallback_uri_uuid"]) == (primary, fallback)
        assert api.post("Zentrunk/Trunk/%s/" % trunk_id, {"primary_uri_uuid": None}).status_code == 400

    def test_missing_required_parameters_are_422(self, api):
        assert api.post("Zentrunk/Trunk/", {"name": "x"}).status_code == 422
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "outbound"}).status_code == 422
        assert api.post("Zentrunk/Credential/", {"username": "someone"}).status_code == 422
        assert api.post("Zentrunk/Credential/", {"password": "s3cret!x"}).status_code == 422
        assert api.post("Zentrunk/IPAccessControlList/", {"name": "x"}).status_code == 422
        assert api.post("Zentrunk/URI/", {"name": "x"}).status_code == 422
        assert api.post("Zentrunk/URI/", {"uri": "sip.example.com", "authentication_needed": True,
                                          "username": "u"}).status_code == 422

    def test_invalid_values_are_400_and_unknown_references_404(self, api):
        cred, primary = credential(api), uri(api)
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "sideways"}).status_code == 400
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "outbound", "credential_uuid": cred,
                                            "trunk_status": "paused"}).status_code == 400
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "outbound",
                                            "credential_uuid": "nope"}).status_code == 404
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "inbound",
                                            "primary_uri_uuid": "nope"}).status_code == 404
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "inbound", "primary_uri_uuid": primary,
                                            "credential_uuid": cred}).status_code == 400
        assert api.post("Zentrunk/Trunk/", {"trunk_direction": "outbound", "credential_uuid": cred,
                                            "primary_uri_uuid": primary}).status_code == 400
        assert api.get("Zentrunk/Trunk/").json()["meta"]["total_count"] == 0

    def test_direction_cannot_change(self, api):
        trunk_id = trunk(api, trunk_direction="outbound", credential_uuid=credential(api))
        path = "Zentrunk/Trunk/%s/" % trunk_id
        assert api.post(path, {"trunk_direction": "inbound"}).status_code == 400
        assert api.post(path, {"trunk_direction": "outbound", "name": "same"}).status_code == 202
        assert api.post(path, {"credential_uuid": ""}).status_code == 400

    def test_list_is_flat_and_filters(self, api):
        cred, acl, primary = credential(api), ipacl(api), uri(api)
        out = trunk(api, name="out", trunk_direction="outbound", credential_uuid=cred, secure=True)
        out2 = trunk(api, name="out2", trunk_direction="outbound", ipacl_uuid=acl, trunk_status="disabled")
        inbound = trunk(api, name="in", trunk_direction="inbound", primary_uri_uuid=primary)
        listed = api.get("Zentrunk/Trunk/").json()
        assert listed["meta"]["total_count"] == 3 and "trunk_id" in listed["objects"][0]

        def ids(**params):
            return {t["trunk_id"] for t in api.get("Zentrunk/Trunk/", **params).json()["objects"]}
        assert ids(trunk_direction="outbound") == {out, out2}
        assert ids(trunk_direction="inbound") == {inbound}
        assert ids(trunk_status="disabled") == {out2}
        assert ids(secure="true") == {out}
        assert ids(secure="false") == {out2, inbound}
        assert ids(credential_uuid=cred) == {out}
        assert ids(ipacl_uuid=acl) == {out2}
        assert ids(primary_uri_uuid=primary) == {inbound}
        assert ids(fallback_uri_uuid=primary) == set()
        assert api.get("Zentrunk/Trunk/", trunk_direction="sideways").status_code == 400


class TestReferencedObjects:
    @pytest.mark.parametrize("kind", ["credential", "ipacl", "uri"])
    def test_delete_while_used_by_a_trunk_is_400_naming_it(self, api, kind):
        if kind == "uri":
            ref = uri(api)
            trunk_id = trunk(api, name="users-trunk", trunk_direction="inbound", primary_uri_uuid=ref)
            path = "Zentrunk/URI/%s/" % ref
        elif kind == "ipacl":
            ref = ipacl(api)
            trunk_id = trunk(api, name="users-trunk", trunk_direction="outbound", ipacl_uuid=ref)
            path = "Zentrunk/IPAccessControlList/%s/" % ref
        else:
            ref = credential(api)
            trunk_id = trunk(api, name="users-trunk", trunk_direction="outbound", credential_uuid=ref)
            path = "Zentrunk/Credential/%s/" % ref
        response = api.delete(path)
        assert response.status_code == 400
        assert trunk_id in response.json()["error"] and "users-trunk" in response.json()["error"]
        assert api.get(path).status_code == 200
        assert api.delete("Zentrunk/Trunk/%s/" % trunk_id).status_code == 204
        assert api.delete(path).status_code == 204

    def test_credential_crud_and_validation(self, api):
        cred = credential(api, name="main")
        assert read(api, "Zentrunk/Credential/%s/" % cred) == {"credential_uuid": cred, "name": "main",
                                                               "username": "trunkuser"}
        response = api.post("Zentrunk/Credential/%s/" % cred, {"username": "sip_user_1", "password": "n3w*pass"})
        assert response.status_code == 202
        assert response.json()["message"] == "Credential updated successfully."
        assert read(api, "Zentrunk/Credential/%s/" % cred)["username"] == "sip_user_1"
        for body in ({"username": "abc", "password": "s3cret!x"},
                     {"username": "has space", "password": "s3cret!x"},
                     {"username": "dash-ed", "password": "s3cret!x"},
                     {"username": "u" * 21, "password": "s3cret!x"},
                     {"username": "valid1", "password": "nospecial1"},
                     {"username": "valid1", "password": "sh!"},
                     {"username": "valid1", "password": "bad-char!"}):
            assert api.post("Zentrunk/Credential/", body).status_code == 400, body
        assert len(api.get("Zentrunk/Credential/").json()["objects"]) == 1

    @pytest.mark.parametrize("password, words", [
        ("s3!", ["too short", "5 to 20"]),
        ("Lo0ng!Secret+" * 2, ["too long", "5 to 20"]),
        ("Kx7-q9!z", ["'-' is not allowed", "use letters, digits and ~!@#$%^&*()_+"]),
        ("Kx7 q9!z", ["' ' is not allowed"]),
        ("Kx7q9zTw", ["needs at least one of ~!@#$%^&*()_+"]),
    ])
    def test_refused_password_names_the_rule_and_never_the_password(self, api, password, words):
        cred = credential(api)
        for response in (api.post("Zentrunk/Credential/", {"username": "trunkuser2", "password": password}),
                         api.post("Zentrunk/Credential/%s/" % cred, {"password": password})):
            assert response.status_code == 400
            message = response.json()["error"]
            assert all(word in message for word in words), message
            assert password not in response.text

    def test_ipacl_accepts_cidr_networks_as_given(self, api):
        acl = ipacl(api, ["10.0.0.0/8", " 192.0.2.7 ", "198.51.100.0/24", "203.0.113.5/32", "10.0.0.0/8"])
        assert read(api, "Zentrunk/IPAccessControlList/%s/" % acl)["ip_addresses"] == [
            "10.0.0.0/8", "192.0.2.7", "198.51.100.0/24", "203.0.113.5/32"]
        response = api.post("Zentrunk/IPAccessControlList/%s/" % acl, {"ip_addresses": "0.0.0.0/0, 192.0.2.0/25"})
        assert response.status_code == 202
        assert read(api, "Zentrunk/IPAccessControlList/%s/" % acl)["ip_addresses"] == ["0.0.0.0/0", "192.0.2.0/25"]

    @pytest.mark.parametrize("entry, words", [
        ("10.0.0.1/8", ["'10.0.0.1/8'", "host bits", "10.0.0.0/8"]),
        ("192.0.2.0/33", ["'192.0.2.0/33'"]),
        ("192.0.2.0/08", ["'192.0.2.0/08'"]),
        ("192.0.2.0/255.255.255.0", ["'192.0.2.0/255.255.255.0'"]),
        ("2001:db8::/32", ["'2001:db8::/32'"]),
        ("192.0.2.300", ["'192.0.2.300'"]),
    ])
    def test_ipacl_refuses_bad_entries_naming_them(self, api, entry, words):
        response = api.post("Zentrunk/IPAccessControlList/", {"ip_addresses": ["192.0.2.1", entry]})
        assert response.status_code == 400
        assert all(word in response.json()["error"] for word in words), response.json()["error"]

    def test_carrier_ip_set_stays_single_addresses(self, api):
        assert api.post("IncomingCarrier/", {"name": "acme", "ip_set": "10.0.0.0/8"}).status_code == 400

    def test_single_reads_flat_except_the_trunk(self, api):
        cred, acl, ref = credential(api), ipacl(api), uri(api)
        trunk_id = trunk(api, trunk_direction="outbound", credential_uuid=cred)
        assert set(api.get("Zentrunk/Trunk/%s/" % trunk_id).json()) == {"api_id", "object"}
        assert read(api, "Zentrunk/Credential/%s/" % cred)["credential_uuid"] == cred
        assert read(api, "Zentrunk/IPAccessControlList/%s/" % acl)["ipacl_uuid"] == acl
        assert read(api, "Zentrunk/URI/%s/" % ref)["uri_uuid"] == ref

    def test_ipacl_accepts_array_or_comma_string_and_update_replaces(self, api):
        as_array = ipacl(api, ["192.0.2.1", "192.0.2.2"], name="a")
        response = api.post("Zentrunk/IPAccessControlList/", {"ip_addresses": "198.51.100.1, 198.51.100.2"})
        as_string = response.json()["ipacl_uuid"]
        assert read(api, "Zentrunk/IPAccessControlList/%s/" % as_array)["ip_addresses"] == [
            "192.0.2.1", "192.0.2.2"]
        assert read(api, "Zentrunk/IPAccessControlList/%s/" % as_string)["ip_addresses"] == [
            "198.51.100.1", "198.51.100.2"]
        response = api.post("Zentrunk/IPAccessControlList/%s/" % as_array, {"ip_addresses": ["203.0.113.9"]})
        assert response.status_code == 202
        assert response.json()["message"] == "IP Access Control List updated successfully."
        assert read(api, "Zentrunk/IPAccessControlList/%s/" % as_array)["ip_addresses"] == ["203.0.113.9"]
        assert api.post("Zentrunk/IPAccessControlList/", {"ip_addresses": ["300.1.1.1"]}).status_code == 400

    @pytest.mark.parametrize("value", ["192.0.2.10", "192.0.2.10:5060", "sip.example.com", "sip.example.com:5080",
                                       "sip:pbx@sip.example.com", "sip:sip.example.com;transport=tls",
                                       "192.0.2.10:5060;transport=TCP"])
    def test_uri_forms_accepted(self, api, value):
        obj = read(api, "Zentrunk/URI/%s/" % uri(api, value))
        assert obj["uri"] == value and obj["authentication_needed"] is False

    @pytest.mark.parametrize("value", ["", "http://example.com", "192.0.2.300", "host:99999", "x;transport=ws",
                                       "bad host"])
    def test_uri_forms_refused(self, api, value):
        assert api.post("Zentrunk/URI/", {"uri": value}).status_code in (400, 422)

    def test_uri_authentication(self, api):
        ref = uri(api, authentication_needed=True, username="pbx", password="pw12345")
        obj = read(api, "Zentrunk/URI/%s/" % ref)
        assert obj["authentication_needed"] is True and obj["username"] == "pbx" and "password" not in obj
        response = api.post("Zentrunk/URI/%s/" % ref, {"authentication_needed": False})
        assert response.status_code == 202 and response.json()["message"] == "URI updated successfully."
        assert read(api, "Zentrunk/URI/%s/" % ref)["username"] is None
        assert api.post("Zentrunk/URI/%s/" % ref, {"authentication_needed": True}).status_code == 422


class TestNumbersAndTrunks:
    def test_numbers_link_inbound_trunks_only(self, api):
        inbound = trunk(api, trunk_direction="inbound", primary_uri_uuid=uri(api))
        outbound = trunk(api, trunk_direction="outbound", credential_uuid=credential(api))
        api.numbers_from_carrier(["14155550501"])
        path = "Number/14155550501/"
        assert api.post(path, {"app_id": inbound}).status_code == 202
        assert api.get(path).json()["application"] == "/v1/Account/%s/Zentrunk/Trunk/%s/" % (AUTH_ID, inbound)
        response = api.post(path, {"app_id": outbound})
        assert response.status_code == 400 and "outbound" in response.json()["error"]
        assert api.get(path).json()["application"].endswith("/Zentrunk/Trunk/%s/" % inbound)
        assert api.delete("Zentrunk/Trunk/%s/" % inbound).status_code == 204
        assert api.get(path).json()["application"] is None

    def test_subaccount_isolation(self, api):
        sub = api.subaccount()
        cred = credential(sub)
        assert api.get("Zentrunk/Credential/%s/" % cred).status_code == 200
        mine = credential(api, username="mainuser")
        assert sub.get("Zentrunk/Credential/%s/" % mine).status_code == 404
        assert sub.post("Zentrunk/Trunk/", {"trunk_direction": "outbound", "credential_uuid": mine}).status_code == 404
