# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The wire rules every resource shares: process, auth, errors, bodies, lists."""

import base64
import re
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests

from emulator_support import AUTH_ID, AUTH_TOKEN, EMULATOR_DIR, start_emulator, stop_emulator

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_process_announces_loopback_url_and_exits_cleanly_on_sigterm():
    process = start_emulator("--latency-ms", "0")
    try:
        parts = urlsplit(process.url)
        assert parts.scheme == "http" and parts.hostname == "127.0.0.1" and parts.port > 0
        response = requests.get(process.url + "/v1/Account/%s/" % AUTH_ID, auth=(AUTH_ID, AUTH_TOKEN), timeout=5)
        assert response.status_code == 200
    finally:
        assert stop_emulator(process) == 0


def test_sigint_also_exits_cleanly():
    process = start_emulator()
    process.popen.send_signal(signal.SIGINT)
    try:
        assert process.popen.wait(timeout=10) == 0
    finally:
        process.popen.stdout.close()
        process.popen.stderr.close()


def test_concurrent_requests_keep_state_consistent(api):
    def make(index):
        session = requests.Session()
        session.auth = (AUTH_ID, AUTH_TOKEN)
        results = []
        for item in range(10):
            response = session.post(api.base + "Endpoint/", json={"username": "t%d" % index, "password": "secret",
                                                                  "alias": "%d-%d" % (index, item)}, timeout=10)
            results.append((response.status_code, response.json()["username"]))
        return results

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for batch in pool.map(make, range(8)) for r in batch]
    assert {status for status, _unused in results} == {201}
    assert len({name for _unused, name in results}) == 80
    assert api.get("Endpoint/").json()["meta"]["total_count"] == 80


def test_refuses_non_loopback_host():
    result = subprocess.run([sys.executable, str(EMULATOR_DIR), "--host", "0.0.0.0", "--port", "0"],
                            capture_output=True, text=True, timeout=10, check=False)
    assert result.returncode != 0
    assert "loopback" in result.stderr


def test_every_json_response_has_a_fresh_api_id(api):
    first, second = api.get(), api.get()
    assert UUID.match(first.json()["api_id"]) and UUID.match(second.json()["api_id"])
    assert first.json()["api_id"] != second.json()["api_id"]
    assert api.get("Nope/").json()["api_id"]


@pytest.mark.parametrize("auth", [None, (AUTH_ID, "wrong"), ("MAUNKNOWNACCOUNT0001", AUTH_TOKEN)])
def test_wrong_or_missing_credentials_get_401(api, auth):
    response = requests.get(api.base, auth=auth, timeout=5)
    assert response.status_code == 401
    assert set(response.json()) == {"api_id", "error"}


def test_credentials_for_another_accounts_path_get_401(api):
    response = api.session.get(api.url + "/v1/Account/MAOTHERACCOUNT000001/Application/", timeout=5)
    assert response.status_code == 401


def test_unknown_id_is_404_not_found(api):
    for path in ("Application/123/", "IncomingCarrier/999/", "Number/14155550000/", "Endpoint/1/",
                 "Subaccount/SAXXXXXXXXXXXXXXXXXX/", "Zentrunk/Trunk/1/", "Zentrunk/URI/x/"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"] == "not found"


def test_unknown_path_and_missing_trailing_slash_are_404(api):
    assert api.get("Nothing/").status_code == 404
    assert api.session.get(api.base + "Application", timeout=5).status_code == 404
    assert requests.get(api.url + "/v2/whatever/", timeout=5).status_code == 404


def test_wrong_method_on_known_path_is_405(api):
    assert api.request("PUT", "Application/").status_code == 405
    assert api.request("DELETE", "Application/").status_code == 405
    assert api.request("DELETE", "").status_code == 405
    assert api.request("GET", "PhoneNumber/14155550100/").status_code == 405
    app_id = api.application()
    response = api.request("PATCH", "Application/%s/" % app_id, json={})
    assert response.status_code == 405
    assert "error" in response.json()


def test_form_encoded_and_malformed_bodies_are_400(api):
    form = api.session.post(api.base + "IncomingCarrier/", data={"name": "x", "ip_set": "192.0.2.1"}, timeout=5)
    assert form.status_code == 400
    broken = api.session.post(api.base + "IncomingCarrier/", data=b'{"name": "x",',
                              headers={"Content-Type": "application/json"}, timeout=5)
    assert broken.status_code == 400
    not_object = api.session.post(api.base + "IncomingCarrier/", data=b"[1, 2]",
                                  headers={"Content-Type": "application/json"}, timeout=5)
    assert not_object.status_code == 400
    assert api.get("IncomingCarrier/").json()["meta"]["total_count"] == 0


def test_delete_accepts_empty_body_and_empty_object(api):
    first, second = api.carrier("one"), api.carrier("two")
    empty = api.session.delete(api.base + "IncomingCarrier/%s/" % first, timeout=5)
    assert empty.status_code == 204 and empty.content == b""
    assert api.delete("IncomingCarrier/%s/" % second, json={}).status_code == 204
    assert api.get("IncomingCarrier/%s/" % second).status_code == 404


def test_ids_repeated_in_body_and_undocumented_query_params_are_ignored(api):
    app_id = api.application()
    response = api.post("Application/%s/" % app_id, {"app_id": "somethingelse", "app_name": "renamed"})
    assert response.status_code == 202
    assert api.get("Application/%s/" % app_id, app_id="zzz", callback_url="x").json()["app_name"] == "renamed"


def test_keep_alive_reuses_one_connection(api):
    for _unused in range(5):
        assert api.get().status_code == 200
    connections = {id(conn) for pool in api.session.adapters["http://"].poolmanager.pools._container.values()
                   for conn in list(pool.pool.queue) if conn is not None}
    assert len(connections) == 1


def test_raw_http11_keep_alive_with_content_length(emulator):
    host, port = urlsplit(emulator.url).hostname, urlsplit(emulator.url).port
    token = base64.b64encode(("%s:%s" % (AUTH_ID, AUTH_TOKEN)).encode()).decode()
    with socket.create_connection((host, port), timeout=5) as sock:
        stream = sock.makefile("rb")
        for _unused in range(2):
            sock.sendall(("GET /v1/Account/%s/ HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s\r\n\r\n"
                          % (AUTH_ID, token)).encode())
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 200")
            headers = {}
            while True:
                line = stream.readline().strip()
                if not line:
                    break
                name, _colon, value = line.decode().partition(":")
                headers[name.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            assert body.startswith(b"{") and body.endswith(b"}")
            assert headers["content-type"] == "application/json"


class TestPagination:
    def test_pages_through_25_objects_with_next_and_previous(self, api):
        for index in range(25):
            api.carrier("carrier%02d" % index)
        first = api.get("IncomingCarrier/").json()
        assert first["meta"] == {
            "limit": 20, "offset": 0, "total_count": 25, "previous": None,
            "next": "/v1/Account/%s/IncomingCarrier/?limit=20&offset=20" % AUTH_ID,
        }
        assert len(first["objects"]) == 20
        second = api.session.get(api.url + first["meta"]["next"], timeout=5).json()
        assert len(second["objects"]) == 5 and second["meta"]["next"] is None
        assert second["meta"]["previous"] == "/v1/Account/%s/IncomingCarrier/?limit=20&offset=0" % AUTH_ID
        ids = [o["carrier_id"] for o in first["objects"] + second["objects"]]
        assert len(set(ids)) == 25

    def test_small_pages_preserve_filters(self, api):
        for index in range(7):
            api.carrier("match%d" % index)
        api.carrier("other")
        page = api.get("IncomingCarrier/", name="match", limit=3, offset=3).json()
        assert page["meta"]["total_count"] == 7
        assert page["meta"]["next"] == "/v1/Account/%s/IncomingCarrier/?limit=3&offset=6&name=match" % AUTH_ID
        assert page["meta"]["previous"] == "/v1/Account/%s/IncomingCarrier/?limit=3&offset=0&name=match" % AUTH_ID
        assert len(api.list_all("IncomingCarrier/", name="match", limit=3)) == 7

    @pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 21}, {"limit": "x"}, {"offset": -1}])
    def test_out_of_range_limit_or_offset_is_400(self, api, params):
        assert api.get("Application/", **params).status_code == 400

    def test_offset_beyond_the_end_is_an_empty_page(self, api):
        api.carrier()
        body = api.get("IncomingCarrier/", offset=40).json()
        assert body["objects"] == [] and body["meta"]["total_count"] == 1 and body["meta"]["next"] is None
