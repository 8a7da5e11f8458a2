# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The /__emulator__/ control API: request log, reset, latency, faults, rate limit."""

import time

import pytest
import requests

from emulator_support import AUTH_ID


class TestRequestLog:
    def test_records_api_requests_with_secrets_masked(self, api, control):
        sub = api.subaccount()
        api.post("Endpoint/", {"username": "desk", "password": "hunter22", "alias": "Desk"})
        api.get("Application/", limit=5, app_name="x")
        sub.get()
        requests.get(api.base, timeout=5)
        log = control.log()
        assert [e["seq"] for e in log] == sorted(e["seq"] for e in log)
        create_sub, endpoint, listing, as_sub, anonymous = log
        assert create_sub["method"] == "POST" and create_sub["status"] == 201
        assert create_sub["body"] == {"name": "team", "enabled": True}
        assert endpoint["path"] == "/v1/Account/%s/Endpoint/" % AUTH_ID
        assert endpoint["body"] == {"username": "desk", "password": "********", "alias": "Desk"}
        assert "hunter22" not in str(log)
        assert listing["query"] == {"limit": "5", "app_name": "x"} and listing["body"] is None
        assert listing["auth_id"] == AUTH_ID and as_sub["auth_id"] == sub.auth_id
        assert anonymous["status"] == 401 and anonymous["auth_id"] is None
        for entry in log:
            assert isinstance(entry["time"], float) and entry["duration_ms"] >= 0
            assert "fault" not in entry

    def test_masks_nested_auth_tokens_and_passwords(self, api, control):
        api.post("Zentrunk/URI/", {"uri": "sip.example.com", "authentication_needed": True, "username": "u",
                                   "password": "topsecret", "extra": [{"auth_token": "tok"}]})
        body = control.log()[-1]["body"]
        assert body["password"] == "********" and body["extra"] == [{"auth_token": "********"}]

    def test_clear(self, api, control):
        api.get()
        assert control("DELETE", "requests").status_code == 204
        assert control.log() == []
        api.get()
        assert len(control.log()) == 1

    def test_control_calls_are_not_logged(self, control):
        control("GET", "state")
        control("GET", "faults")
        assert control.log() == []


def test_reset_returns_to_a_fresh_main_account(api, control):
    sub = api.subaccount()
    api.carrier()
    api.post("", {"name": "changed"})
    control("POST", "latency", {"ms": 50})
    control("POST", "rate_limit", {"rps": 100})
    control.fault(path="Nothing", status=500)
    assert control("POST", "reset").status_code == 200
    assert control.log() == [] and control("GET", "faults").json()["faults"] == []
    assert control("GET", "latency").json()["ms"] == 0 and control("GET", "rate_limit").json()["rps"] == 0
    assert api.get("IncomingCarrier/").json()["meta"]["total_count"] == 0
    assert api.get().json()["name"] == "Emulator Account"
    assert sub.get().status_code == 401
    assert api.get("PhoneNumber/", country_iso="US").json()["meta"]["total_count"] == 40


def test_latency(api, control):
    started = time.monotonic()
    api.get()
    fast = time.monotonic() - started
    assert control("POST", "latency", {"ms": 300}).json()["ms"] == 300
    started = time.monotonic()
    assert api.get().status_code == 200
    assert time.monotonic() - started >= 0.3 > fast
    started = time.monotonic()
    control("GET", "faults")
    assert time.monotonic() - started < 0.3
    assert control("POST", "latency", {"ms": -1}).status_code == 400


class TestFaults:
    def test_status_with_retry_after_for_the_next_n_matching(self, api, control):
        fault = control.fault(method="GET", path=r"/Application/$", status=429, retry_after=3, count=2)
        assert fault["status"] == 429 and fault["count"] == 2
        assert api.get("IncomingCarrier/").status_code == 200
        for _unused in range(2):
            response = api.get("Application/")
            assert response.status_code == 429 and response.headers["Retry-After"] == "3"
            assert "api_id" in response.json() and "error" in response.json()
        assert api.get("Application/").status_code == 200
        statuses = [(e["path"].rsplit("/", 2)[-2], e["status"], "fault" in e) for e in control.log()]
        assert statuses == [("IncomingCarrier", 200, False), ("Application", 429, True),
                            ("Application", 429, True), ("Application", 200, False)]

    def test_status_fault_replaces_processing_and_can_carry_a_body(self, api, control):
        control.fault(method="POST", path="IncomingCarrier", status=500, body={"error": "boom"})
        response = api.post("IncomingCarrier/", {"name": "acme", "ip_set": "192.0.2.1"})
        assert response.status_code == 500 and response.json()["error"] == "boom"
        assert api.get("IncomingCarrier/").json()["meta"]["total_count"] == 0

    def test_method_filter_and_registration_order(self, api, control):
        control.fault(method="POST", path=".*", status=503)
        control.fault(method="*", path=".*", status=502)
        assert api.get().status_code == 502
        assert api.post("", {"city": "x"}).status_code == 503
        assert api.get().status_code == 200
        assert control("GET", "faults").json()["faults"] == []

    def test_list_and_clear(self, api, control):
        control.fault(path="A", status=500, count=3)
        control.fault(path="B", drop="before")
        pending = control("GET", "faults").json()["faults"]
        assert [(f["path"], f["count"]) for f in pending] == [("A", 3), ("B", 1)]
        assert control("DELETE", "faults").status_code == 204
        assert control("GET", "faults").json()["faults"] == []

    @pytest.mark.parametrize("spec", [
        {"status": 500, "drop": "before"}, {"path": "("}, {"status": 99}, {"drop": "sideways"},
        {"status": 500, "count": 0}, {"delay_ms": -5},
    ])
    def test_invalid_specs_are_400(self, control, spec):
        assert control("POST", "faults", spec).status_code == 400

    def test_delay_then_normal_processing(self, api, control):
        control.fault(method="POST", path="IncomingCarrier", delay_ms=400)
        started = time.monotonic()
        response = api.post("IncomingCarrier/", {"name": "slow", "ip_set": "192.0.2.1"})
        assert time.monotonic() - started >= 0.4
        assert response.status_code == 201
        assert api.get("IncomingCarrier/").json()["meta"]["total_count"] == 1
        assert control.log()[0]["fault"]["delay_ms"] == 400

    def test_drop_before_applying(self, api, control):
        control.fault(method="POST", path="IncomingCarrier", drop="before")
        with pytest.raises(requests.ConnectionError):
            api.post("IncomingCarrier/", {"name": "lost", "ip_set": "192.0.2.1"})
        assert api.get("IncomingCarrier/").json()["meta"]["total_count"] == 0
        dropped = control.log()[0]
        assert dropped["status"] is None and dropped["fault"]["drop"] == "before"

    def test_drop_after_applying(self, api, control):
        control.fault(method="POST", path="IncomingCarrier", drop="after")
        with pytest.raises(requests.ConnectionError):
            api.post("IncomingCarrier/", {"name": "applied", "ip_set": "192.0.2.1"})
        names = [c["name"] for c in api.get("IncomingCarrier/").json()["objects"]]
        assert names == ["applied"]
        dropped = control.log()[0]
        assert dropped["status"] is None and dropped["fault"]["drop"] == "after"
        assert dropped["auth_id"] == AUTH_ID


class TestRateLimit:
    def test_429_with_retry_after_per_account(self, api, control):
        sub = api.subaccount()
        assert control("POST", "rate_limit", {"rps": 2}).json()["rps"] == 2
        statuses = [api.get().status_code for _unused in range(6)]
        assert statuses[:2] == [200, 200] and 429 in statuses
        limited = api.get()
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        assert limited.json()["error"]
        assert sub.get().status_code == 200  # its own bucket
        time.sleep(1.0)
        assert api.get().status_code == 200

    def test_zero_disables(self, api, control):
        control("POST", "rate_limit", {"rps": 1})
        api.get()
        assert api.get().status_code == 429
        control("POST", "rate_limit", {"rps": 0})
        assert all(api.get().status_code == 200 for _unused in range(10))
        assert control("POST", "rate_limit", {"rps": "fast"}).status_code == 400


def test_state_dump_and_unknown_control_paths(api, control):
    api.carrier("dumped")
    state = control.state()
    assert [c["name"] for c in state["tables"]["carrier"].values()] == ["dumped"]
    assert state["account"]["auth_id"] == AUTH_ID
    assert control("GET", "nothing").status_code == 404
    assert control("PUT", "reset").status_code == 405
