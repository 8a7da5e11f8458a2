# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers the emulator tests share: start/stop the process, raw HTTP and control clients."""

import signal
import subprocess
import sys
import threading
from pathlib import Path

import requests

EMULATOR_DIR = Path(__file__).resolve().parents[2] / "emulator"
AUTH_ID = "MAEMULATORTESTS00001"
AUTH_TOKEN = "unit-test-token"


class Api:
    """Raw HTTP against ``/v1/Account/{auth_id}/`` with one keep-alive session."""

    def __init__(self, url, auth_id, auth_token):
        self.url = url
        self.auth_id = auth_id
        self.auth_token = auth_token
        self.base = "%s/v1/Account/%s/" % (url, auth_id)
        self.session = requests.Session()
        self.session.auth = (auth_id, auth_token)

    def get(self, path="", **params):
        return self.session.get(self.base + path, params=params, timeout=10)

    def post(self, path="", json=None, **kwargs):
        return self.session.post(self.base + path, json={} if json is None and "data" not in kwargs else json,
                                 timeout=10, **kwargs)

    def delete(self, path, json=None, **kwargs):
        return self.session.delete(self.base + path, json=json, timeout=10, **kwargs)

    def request(self, method, path, **kwargs):
        return self.session.request(method, self.base + path, timeout=10, **kwargs)

    def as_account(self, auth_id, auth_token):
        return Api(self.url, auth_id, auth_token)

    def list_all(self, path, **params):
        """Every object, following meta.next."""
        objects = []
        response = self.get(path, **params)
        while True:
            assert response.status_code == 200, response.text
            body = response.json()
            objects.extend(body["objects"])
            if not body["meta"]["next"]:
                return objects
            response = self.session.get(self.url + body["meta"]["next"], timeout=10)

    # ---- shortcuts used by many tests ------------------------------------------
    def create(self, path, json, id_field):
        response = self.post(path, json)
        assert response.status_code == 201, response.text
        return response.json()[id_field]

    def carrier(self, name="acme", ip_set="192.0.2.10"):
        return self.create("IncomingCarrier/", {"name": name, "ip_set": ip_set}, "carrier_id")

    def application(self, name="app", **fields):
        body = dict({"app_name": name, "answer_url": "https://example.com/answer"}, **fields)
        return self.create("Application/", body, "app_id")

    def numbers_from_carrier(self, numbers, carrier_id=None, **fields):
        carrier_id = carrier_id or self.carrier()
        body = dict({"numbers": ",".join(numbers), "carrier": carrier_id, "region": "California"}, **fields)
        response = self.post("Number/", body)
        assert response.status_code == 202, response.text
        return carrier_id

    def subaccount(self, name="team"):
        response = self.post("Subaccount/", {"name": name, "enabled": True})
        assert response.status_code == 201, response.text
        body = response.json()
        return self.as_account(body["auth_id"], body["auth_token"])


class Control:
    def __init__(self, url):
        self.url = url
        self.session = requests.Session()

    def __call__(self, method, name, json=None):
        return self.session.request(method, "%s/__emulator__/%s" % (self.url, name), json=json, timeout=10)

    def log(self):
        response = self("GET", "requests")
        assert response.status_code == 200
        return response.json()["requests"]

    def fault(self, **spec):
        response = self("POST", "faults", spec)
        assert response.status_code == 201, response.text
        return response.json()["fault"]

    def state(self):
        return self("GET", "state").json()


class Process:
    def __init__(self, popen, url):
        self.popen = popen
        self.url = url


def start_emulator(*extra):
    command = [sys.executable, str(EMULATOR_DIR), "--port", "0", "--auth-id", AUTH_ID,
               "--auth-token", AUTH_TOKEN] + list(extra)
    popen = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first_line = []
    reader = threading.Thread(target=lambda: first_line.append(popen.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=15)
    if not first_line or not first_line[0].startswith("PLIVO_API_URL="):
        popen.kill()
        raise RuntimeError("emulator did not start: %r %s" % (first_line, popen.stderr.read()))
    return Process(popen, first_line[0].strip().split("=", 1)[1])


def stop_emulator(process):
    process.popen.send_signal(signal.SIGTERM)
    try:
        return process.popen.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.popen.kill()
        raise
    finally:
        process.popen.stdout.close()
        process.popen.stderr.close()
