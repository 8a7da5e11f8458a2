# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dialects: the command line around them, and each one switched on in an emulator of its own."""

import subprocess
import sys

import pytest

from emulator_support import AUTH_ID, EMULATOR_DIR, start_emulator, stop_emulator

sys.path.insert(0, str(EMULATOR_DIR))

from plivo_emulator import DialectError, make_server  # noqa: E402  pylint: disable=wrong-import-position

NAMES = ["zentrunk-flat", "zentrunk-nested", "number-trunk-object", "number-trunk-app-uri",
         "number-startswith-national", "carrier-update-both", "number-add-partial", "trunk-unique-names"]


def run_cli(*args):
    return subprocess.run([sys.executable, str(EMULATOR_DIR), "--port", "0"] + list(args),
                          capture_output=True, text=True, timeout=15, check=False)


class Speaking:
    """A test class speaking DIALECTS: one emulator process for the class, started with them."""

    DIALECTS = ()

    @pytest.fixture(scope="class", name="emulator")
    @classmethod
    def class_emulator(cls):
        process = start_emulator(*[arg for name in cls.DIALECTS for arg in ("--dialect", name)])
        yield process
        assert stop_emulator(process) == 0


def make_trunk(api, direction="inbound", **body):
    if direction == "inbound":
        ref = api.create("Zentrunk/URI/", {"uri": "sip.example.com"}, "uri_uuid")
        body.setdefault("primary_uri_uuid", ref)
    else:
        ref = api.create("Zentrunk/Credential/", {"username": "trunkuser", "password": "s3cret!x"},
                         "credential_uuid")
        body.setdefault("credential_uuid", ref)
    return api.create("Zentrunk/Trunk/", dict(body, trunk_direction=direction), "trunk_id")


def zentrunk_objects(api):
    """One of each Zentrunk kind: {path of its single read: its id}."""
    cred = api.create("Zentrunk/Credential/", {"username": "sip_user_1", "password": "s3cret!x"}, "credential_uuid")
    acl = api.create("Zentrunk/IPAccessControlList/", {"ip_addresses": ["10.0.0.0/8"]}, "ipacl_uuid")
    ref = api.create("Zentrunk/URI/", {"uri": "sip.example.com"}, "uri_uuid")
    trunk_id = make_trunk(api, "outbound", credential_uuid=cred)
    return {"Zentrunk/Trunk/%s/" % trunk_id: ("trunk_id", trunk_id),
            "Zentrunk/Credential/%s/" % cred: ("credential_uuid", cred),
            "Zentrunk/IPAccessControlList/%s/" % acl: ("ipacl_uuid", acl),
            "Zentrunk/URI/%s/" % ref: ("uri_uuid", ref)}


class TestCommandLine:
    def test_list_dialects_prints_name_tab_description_and_exits_0(self):
        result = run_cli("--list-dialects")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert [line.split("\t")[0] for line in lines] == NAMES
        assert all(len(line.split("\t")) == 2 and line.split("\t")[1].strip() for line in lines)

    def test_an_unknown_dialect_is_refused_listing_the_known_ones(self):
        result = run_cli("--dialect", "zentrunk-flat", "--dialect", "klingon")
        assert result.returncode == 2 and "PLIVO_API_URL" not in result.stdout
        assert "klingon" in result.stderr and all(name in result.stderr for name in NAMES)

    @pytest.mark.parametrize("pair", [("zentrunk-flat", "zentrunk-nested"),
                                      ("number-trunk-object", "number-trunk-app-uri")])
    def test_contradictory_dialects_are_refused(self, pair):
        result = run_cli("--dialect", pair[0], "--dialect", pair[1])
        assert result.returncode == 2 and "PLIVO_API_URL" not in result.stdout
        assert "contradict" in result.stderr and pair[0] in result.stderr and pair[1] in result.stderr

    def test_make_server_refuses_unknown_and_contradictory_dialects(self):
        with pytest.raises(DialectError, match="klingon"):
            make_server(dialects=["klingon"])
        with pytest.raises(DialectError, match="contradict"):
            make_server(dialects=["zentrunk-nested", "zentrunk-flat"])


def test_by_default_no_dialect_is_spoken(control):
    body = control("GET", "dialects").json()
    assert body["dialects"] == [] and list(body["known"]) == NAMES


class TestZentrunkFlat(Speaking):
    DIALECTS = ("zentrunk-flat", "trunk-unique-names")

    def test_every_single_read_is_flat_and_lists_are_unchanged(self, api):
        for path, (id_field, value) in zentrunk_objects(api).items():
            body = api.get(path).json()
            assert "object" not in body and body[id_field] == value and body["api_id"], path
            listed = api.get(path.rsplit("/", 2)[0] + "/").json()
            assert set(listed) == {"api_id", "meta", "objects"}
            assert value in [obj[id_field] for obj in listed["objects"]]

    def test_dialects_are_reported_and_survive_reset(self, control):
        assert control("POST", "reset").status_code == 200
        body = control("GET", "dialects").json()
        assert body["dialects"] == ["zentrunk-flat", "trunk-unique-names"]
        assert body["known"]["zentrunk-flat"]


class TestZentrunkNested(Speaking):
    DIALECTS = ("zentrunk-nested",)

    def test_every_single_read_is_nested(self, api):
        for path, (id_field, value) in zentrunk_objects(api).items():
            body = api.get(path).json()
            assert set(body) == {"api_id", "object"} and body["object"][id_field] == value, path


class TestNumberTrunkObject(Speaking):
    DIALECTS = ("number-trunk-object",)

    def test_links_read_as_object_type_and_id(self, api):
        trunk_id = make_trunk(api)
        app_id = api.application()
        api.numbers_from_carrier(["14155550701", "14155550702", "14155550703"])
        api.post("Number/14155550701/", {"app_id": trunk_id})
        api.post("Number/14155550702/", {"app_id": app_id})
        expected = {
            "14155550701": (None, "trunk", trunk_id),
            "14155550702": ("/v1/Account/%s/Application/%s/" % (AUTH_ID, app_id), "application", app_id),
            "14155550703": (None, None, None),
        }
        for number, reading in expected.items():
            got = api.get("Number/%s/" % number).json()
            assert (got["application"], got["object_type"], got["object_id"]) == reading, number
        listed = {n["number"]: (n["application"], n["object_type"], n["object_id"])
                  for n in api.get("Number/").json()["objects"]}
        assert listed == expected


class TestNumberTrunkAppUri(Speaking):
    DIALECTS = ("number-trunk-app-uri",)

    def test_a_trunk_link_reads_as_an_application_uri(self, api):
        trunk_id = make_trunk(api)
        app_id = api.application()
        api.numbers_from_carrier(["14155550711", "14155550712"])
        api.post("Number/14155550711/", {"app_id": trunk_id})
        api.post("Number/14155550712/", {"app_id": app_id})
        got = api.get("Number/14155550711/").json()
        assert got["application"] == "/v1/Account/%s/Application/%s/" % (AUTH_ID, trunk_id)
        assert "object_type" not in got and "object_id" not in got
        listed = {n["number"]: n["application"] for n in api.get("Number/").json()["objects"]}
        assert listed == {"14155550711": "/v1/Account/%s/Application/%s/" % (AUTH_ID, trunk_id),
                          "14155550712": "/v1/Account/%s/Application/%s/" % (AUTH_ID, app_id)}


class TestNumberStartswithNational(Speaking):
    DIALECTS = ("number-startswith-national",)

    def test_the_prefix_is_matched_without_the_country_code(self, api):
        api.numbers_from_carrier(["14155550100", "442079460100", "18005550100", "8613800000000"])

        def found(prefix):
            return sorted(n["number"] for n in api.list_all("Number/", number_startswith=prefix))
        assert found("415") == ["14155550100"]
        assert found("1415") == []
        assert found("2079") == ["442079460100"]
        assert found("44") == []
        assert found("800") == ["18005550100"]
        assert found("86138") == ["8613800000000"]


class TestCarrierUpdateBoth(Speaking):
    DIALECTS = ("carrier-update-both",)

    @pytest.mark.parametrize("body, missing", [
        ({"name": "renamed"}, "ip_set"),
        ({"ip_set": "192.0.2.20"}, "name"),
        ({"name": None, "ip_set": "192.0.2.20"}, "name"),
        ({}, "name and ip_set"),
    ])
    def test_an_update_needs_both_name_and_ip_set(self, api, body, missing):
        carrier_id = api.carrier()
        response = api.post("IncomingCarrier/%s/" % carrier_id, body)
        assert response.status_code == 400 and response.json()["error"].endswith("missing: %s" % missing)
        assert api.get("IncomingCarrier/%s/" % carrier_id).json()["name"] == "acme"
        both = {"name": "renamed", "ip_set": "192.0.2.20"}
        assert api.post("IncomingCarrier/%s/" % carrier_id, both).status_code == 202
        assert api.get("IncomingCarrier/%s/" % carrier_id).json()["ip_set"] == "192.0.2.20"


class TestNumberAddPartial(Speaking):
    DIALECTS = ("number-add-partial",)

    def test_several_numbers_add_all_but_the_last_with_206(self, api):
        carrier_id = api.carrier()
        response = api.post("Number/", {"numbers": "14155550721,14155550722,14155550721,14155550723",
                                        "carrier": carrier_id, "region": "California"})
        assert response.status_code == 206
        body = response.json()
        assert set(body) == {"api_id", "message", "numbers"} and body["message"] == "partial success"
        assert body["numbers"] == [{"number": "14155550721", "status": "Success"},
                                   {"number": "14155550722", "status": "Success"},
                                   {"number": "14155550723", "status": "Failed"}]
        assert [n["number"] for n in api.get("Number/").json()["objects"]] == ["14155550721", "14155550722"]
        again = api.post("Number/", {"numbers": "14155550723", "carrier": carrier_id, "region": "California"})
        assert again.status_code == 202 and again.json()["message"] == "changed"
        assert api.get("Number/14155550723/").status_code == 200

    def test_one_number_after_dedup_is_a_plain_202(self, api):
        carrier_id = api.carrier()
        response = api.post("Number/", {"numbers": ["14155550731", "14155550731"], "carrier": carrier_id,
                                        "region": "California"})
        assert response.status_code == 202

    def test_refusals_still_add_nothing(self, api):
        carrier_id = api.numbers_from_carrier(["14155550741"])
        response = api.post("Number/", {"numbers": "14155550742,14155550741", "carrier": carrier_id,
                                        "region": "California"})
        assert response.status_code == 400
        assert api.get("Number/14155550742/").status_code == 404

    def test_the_sdk_accepts_206(self, sdk, api):
        carrier_id = api.carrier()
        response = sdk.numbers.create(numbers="14155550751,14155550752", carrier=carrier_id, region="California")
        assert response.message == "partial success"
        assert [n.number for n in sdk.numbers.list()] == ["14155550751"]


class TestTrunkUniqueNames(Speaking):
    DIALECTS = ("trunk-unique-names",)

    def test_create_and_rename_refuse_a_taken_name(self, api):
        first = make_trunk(api, name="alpha")
        second = make_trunk(api, "outbound", name="beta")
        ref = api.create("Zentrunk/URI/", {"uri": "sip.example.com"}, "uri_uuid")
        duplicate = api.post("Zentrunk/Trunk/", {"name": "alpha", "trunk_direction": "inbound",
                                                 "primary_uri_uuid": ref})
        renamed = api.post("Zentrunk/Trunk/%s/" % second, {"name": "alpha"})
        for response in (duplicate, renamed):
            assert response.status_code == 400
            assert response.json()["error"] == "A trunk with the same name 'alpha' already exists"
        assert api.post("Zentrunk/Trunk/%s/" % first, {"name": "alpha", "secure": True}).status_code == 202
        assert api.post("Zentrunk/Trunk/%s/" % second, {"name": "gamma"}).status_code == 202
        assert sorted(t["name"] for t in api.get("Zentrunk/Trunk/").json()["objects"]) == ["alpha", "gamma"]

    def test_names_are_unique_per_account_and_unnamed_trunks_do_not_clash(self, api):
        sub = api.subaccount()
        make_trunk(api, name="shared")
        make_trunk(sub, name="shared")
        make_trunk(api)
        make_trunk(api)
        assert api.get("Zentrunk/Trunk/").json()["meta"]["total_count"] == 4
