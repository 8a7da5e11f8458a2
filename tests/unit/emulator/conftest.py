# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures: one emulator process per test module, reset before every test."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from emulator_support import AUTH_ID, AUTH_TOKEN, Api, Control, start_emulator, stop_emulator  # noqa: E402

requests = pytest.importorskip("requests")


@pytest.fixture(scope="module")
def emulator():
    process = start_emulator()
    yield process
    assert stop_emulator(process) == 0


@pytest.fixture(autouse=True)
def _fresh_state(request):
    if "emulator" in request.fixturenames:
        response = requests.post(request.getfixturevalue("emulator").url + "/__emulator__/reset", timeout=10)
        assert response.status_code == 200


@pytest.fixture
def api(emulator):
    return Api(emulator.url, AUTH_ID, AUTH_TOKEN)


@pytest.fixture
def control(emulator):
    return Control(emulator.url)


@pytest.fixture
def sdk(emulator, monkeypatch):
    """The official SDK, pointed at the emulator by its module-level URL constants."""
    plivo = pytest.importorskip("plivo")
    from plivo.rest import client as rest_client  # pylint: disable=import-outside-toplevel

    base = emulator.url + "/v1/Account"
    for name in ("PLIVO_API", "API_VOICE", "API_VOICE_FALLBACK_1", "API_VOICE_FALLBACK_2"):
        monkeypatch.setattr(rest_client, name, emulator.url)
    for name in ("PLIVO_API_BASE_URI", "API_VOICE_BASE_URI", "API_VOICE_BASE_URI_FALLBACK_1",
                 "API_VOICE_BASE_URI_FALLBACK_2"):
        monkeypatch.setattr(rest_client, name, base)
    monkeypatch.delenv("PLIVO_AUTH_ID", raising=False)
    monkeypatch.delenv("PLIVO_AUTH_TOKEN", raising=False)
    return plivo.RestClient(AUTH_ID, AUTH_TOKEN)
