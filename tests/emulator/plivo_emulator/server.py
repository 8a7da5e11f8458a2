# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The thin HTTP layer: parse, authenticate, route, serialise, log.

Backends never see HTTP; they get a ``Call`` and return ``(status, body)`` or
raise ``ApiError``.  Everything here that is not Plivo (faults, latency, rate
limit, request log) lives under ``/__emulator__/``.
"""

import base64
import binascii
import ipaddress
import json
import re
import socket
import sys
import time
import traceback
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from .api import Api, Call, Caller
from .control import Faults, FaultSpecError, RateLimiter, RequestLog, mask_secrets
from .dialects import DIALECTS, ordered, resolve
from .errors import ApiError
from .registry import RESOURCES
from .state import Store

ACCOUNT_PATH = re.compile(r"^/v1/Account/(?P<auth_id>[^/]+)/(?P<rest>.*)$")
CONTROL_PREFIX = "/__emulator__"
BODY_METHODS = ("POST", "DELETE", "PUT", "PATCH")


class Result:
    def __init__(self, status, body=None, headers=None, auth_id=None):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.auth_id = auth_id


def error(status, message, headers=None, auth_id=None):
    return Result(status, {"error": message}, headers, auth_id)


class Emulator:
    """The whole emulated service: routes, state and the control knobs, behind one lock."""

    def __init__(self, auth_id, auth_token, latency_ms=0, dialects=()):
        self.api = Api()
        for module in RESOURCES:
            module.register(self.api)
        self.store = Store(auth_id, auth_token, self.api.kinds, resolve(dialects))
        self.lock = self.store.lock
        self.log = RequestLog()
        self.faults = Faults()
        self.limiter = RateLimiter()
        self.initial_latency_ms = latency_ms
        self.latency_ms = latency_ms
        self.reset()

    def reset(self):
        with self.lock:
            self.store.reset()
            self.api.emit("reset", self.store)
            self.log.clear()
            self.faults.clear()
            self.limiter.configure(0)
            self.latency_ms = self.initial_latency_ms

    # ---- the Plivo API -----------------------------------------------------------
    def basic_credentials(self, header):
        if not header or not header.startswith("Basic "):
            return None, None
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        username, sep, password = decoded.partition(":")
        if not sep:
            return username or None, None
        return username, password

    def authenticate(self, username, password):
        store = self.store
        if username == store.auth_id and password == store.auth_token:
            return Caller(username, store.auth_id)
        sub = store.subaccount(username) if username else None
        if sub is not None and password == sub["auth_token"]:
            return Caller(username, store.auth_id)
        return None

    def dispatch(self, method, path, query_pairs, raw_body, content_type, auth_header):
        """Answer one API request; call with the lock held."""
        username, password = self.basic_credentials(auth_header)
        if not path.startswith("/v1/Account/"):
            return error(404, "not found", auth_id=username)
        caller = self.authenticate(username, password)
        if caller is None:
            message = "authentication credentials were not provided" if username is None else "authentication failed"
            return error(401, message, {"WWW-Authenticate": 'Basic realm="plivo"'}, username)
        found = ACCOUNT_PATH.match(path)
        if found is None:
            return error(404, "not found", auth_id=caller.auth_id)
        if found.group("auth_id") != caller.auth_id:
            return error(401, "these credentials are not valid for account %s" % found.group("auth_id"),
                         auth_id=caller.auth_id)
        wait = self.limiter.check(caller.auth_id)
        if wait is not None:
            return error(429, "too many requests", {"Retry-After": str(wait)}, caller.auth_id)
        handlers, params = self.api.match(found.group("rest"))
        if handlers is None:
            return error(404, "not found", auth_id=caller.auth_id)
        handler = handlers.get(method)
        if handler is None:
            return error(405, "method %s not allowed" % method, {"Allow": ", ".join(sorted(handlers))},
                         caller.auth_id)
        body = {}
        if method in BODY_METHODS and raw_body.strip():
            if (content_type or "").split(";")[0].strip().lower() != "application/json":
                return error(400, "request body must be JSON (Content-Type: application/json)", auth_id=caller.auth_id)
            try:
                body = json.loads(raw_body)
            except ValueError:
                return error(400, "request body is not valid JSON", auth_id=caller.auth_id)
            if not isinstance(body, dict):
                return error(400, "request body must be a JSON object", auth_id=caller.auth_id)
        call = Call(self.api, self.store, caller, method, path, query_pairs, body, params)
        try:
            status, payload = handler(call)
        except ApiError as exc:
            return error(exc.status, exc.message, exc.headers, caller.auth_id)
        except Exception as exc:  # pylint: disable=broad-except
            traceback.print_exc(file=sys.stderr)
            return error(500, "internal emulator error: %s" % exc, auth_id=caller.auth_id)
        return Result(status, payload, auth_id=caller.auth_id)

    # ---- the control API -----------------------------------------------------------
    def control(self, method, path, body):
        path = path.rstrip("/")
        actions = {
            "/__emulator__/requests": {"GET": self._get_requests, "DELETE": self._clear_requests},
            "/__emulator__/reset": {"POST": self._reset},
            "/__emulator__/latency": {"GET": self._get_latency, "POST": self._set_latency},
            "/__emulator__/faults": {"GET": self._get_faults, "POST": self._add_fault, "DELETE": self._clear_faults},
            "/__emulator__/rate_limit": {"GET": self._get_rate_limit, "POST": self._set_rate_limit},
            "/__emulator__/state": {"GET": self._get_state},
            "/__emulator__/dialects": {"GET": self._get_dialects},
        }
        handlers = actions.get(path)
        if handlers is None:
            return error(404, "not found")
        if method not in handlers:
            return error(405, "method %s not allowed" % method, {"Allow": ", ".join(sorted(handlers))})
        with self.lock:
            return handlers[method](body)

    def _get_requests(self, _body):
        return Result(200, {"requests": self.log.snapshot()})

    def _clear_requests(self, _body):
        self.log.clear()
        return Result(204)

    def _reset(self, _body):
        self.reset()
        return Result(200, {"reset": True})

    def _get_latency(self, _body):
        return Result(200, {"ms": self.latency_ms})

    def _set_latency(self, body):
        ms = body.get("ms")
        if not isinstance(ms, (int, float)) or isinstance(ms, bool) or ms < 0:
            return error(400, "ms must be a non-negative number")
        self.latency_ms = ms
        return Result(200, {"ms": ms})

    def _get_faults(self, _body):
        return Result(200, {"faults": self.faults.list()})

    def _add_fault(self, body):
        try:
            fault = self.faults.add(body)
        except FaultSpecError as exc:
            return error(400, str(exc))
        return Result(201, {"fault": fault})

    def _clear_faults(self, _body):
        self.faults.clear()
        return Result(204)

    def _get_rate_limit(self, _body):
        return Result(200, {"rps": self.limiter.rps})

    def _set_rate_limit(self, body):
        rps = body.get("rps")
        if not isinstance(rps, (int, float)) or isinstance(rps, bool) or rps < 0:
            return error(400, "rps must be a non-negative number (0 disables)")
        self.limiter.configure(rps)
        return Result(200, {"rps": rps})

    def _get_state(self, _body):
        return Result(200, json.loads(json.dumps(self.store.dump(), default=str)))

    def _get_dialects(self, _body):
        return Result(200, {"dialects": ordered(self.store.dialects),
                            "known": {dialect.name: dialect.description for dialect in DIALECTS}})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PlivoEmulator/1.0"
    sys_version = ""
    # Headers and body go out in separate writes; with Nagle on, delayed ACKs add ~40 ms per response.
    disable_nagle_algorithm = True

    def do_GET(self):  # noqa: N802 (the stdlib's naming)
        self._handle()

    do_POST = do_DELETE = do_PUT = do_PATCH = do_GET

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            super().log_message(format, *args)

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self):
        emulator = self.server.emulator
        started = time.time()
        split = urlsplit(self.path)
        path = split.path
        query_pairs = parse_qsl(split.query, keep_blank_values=True)
        try:
            raw = self._read_body().decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            self.close_connection = True
            self._send(error(400, "unreadable request body"))
            return
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            self._handle_control(emulator, path, raw)
            return

        with emulator.lock:
            seq = emulator.log.next_seq()
            fault = emulator.faults.take(self.command, path)
        entry = {
            "seq": seq,
            "method": self.command,
            "path": path,
            "query": dict(reversed(query_pairs)),
            "body": _loggable_body(raw),
            "status": None,
            "time": started,
            "duration_ms": None,
            "auth_id": None,
        }
        if fault is not None:
            entry["fault"] = fault
            if "delay_ms" in fault:
                time.sleep(fault["delay_ms"] / 1000.0)
            elif "status" in fault:
                entry["auth_id"] = emulator.basic_credentials(self.headers.get("Authorization"))[0]
                self._send(_fault_result(fault), entry)
                return
            elif fault["drop"] == "before":
                entry["auth_id"] = emulator.basic_credentials(self.headers.get("Authorization"))[0]
                self._record(entry)
                self._drop()
                return

        with emulator.lock:
            result = emulator.dispatch(self.command, path, query_pairs, raw,
                                       self.headers.get("Content-Type"), self.headers.get("Authorization"))
            latency = emulator.latency_ms
        entry["auth_id"] = result.auth_id
        if fault is not None and fault.get("drop") == "after":
            self._record(entry)
            self._drop()
            return
        if latency:
            time.sleep(latency / 1000.0)
        self._send(result, entry)

    def _handle_control(self, emulator, path, raw):
        if not ipaddress.ip_address(self.client_address[0]).is_loopback:
            self._send(error(403, "the control API answers loopback clients only"))
            return
        body = {}
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(error(400, "request body is not valid JSON"))
                return
        self._send(emulator.control(self.command, path, body if isinstance(body, dict) else {"": body}),
                   with_api_id=False)

    def _send(self, result, entry=None, with_api_id=True):
        """Write the response; the log entry is recorded first so a client reading the log sees it."""
        body = result.body
        if with_api_id and isinstance(body, dict) and result.status != 204:
            body = dict({"api_id": str(uuid.uuid4())}, **body) if "api_id" not in body else body
        if result.status == 204 or body is None:
            payload, content_type = b"", None
        elif isinstance(body, str):
            payload, content_type = body.encode("utf-8"), "text/plain; charset=utf-8"
        else:
            payload, content_type = json.dumps(body).encode("utf-8"), "application/json"
        if entry is not None:
            entry["status"] = result.status
            self._record(entry)
        self.send_response(result.status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in result.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def _drop(self):
        """Close the connection without a word, as a crashed proxy would."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _record(self, entry):
        entry["duration_ms"] = round((time.time() - entry["time"]) * 1000.0, 3)
        emulator = self.server.emulator
        with emulator.lock:
            emulator.log.add(entry)


def _loggable_body(raw):
    if not raw.strip():
        return None
    try:
        return mask_secrets(json.loads(raw))
    except ValueError:
        return raw


def _fault_result(fault):
    headers = {}
    if "retry_after" in fault:
        retry_after = fault["retry_after"]
        headers["Retry-After"] = str(int(retry_after)) if float(retry_after).is_integer() else str(retry_after)
    if "body" in fault:
        return Result(fault["status"], fault["body"], headers)
    try:
        phrase = HTTPStatus(fault["status"]).phrase
    except ValueError:
        phrase = "error"
    return Result(fault["status"], {"error": "%s (injected fault)" % phrase.lower()}, headers)


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, emulator, verbose=False):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.emulator = emulator
        self.verbose = verbose
        super().__init__(address, Handler)

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout)):
            return  # the client went away; nothing to report
        super().handle_error(request, client_address)

    @property
    def url(self):
        host, port = self.server_address[:2]
        if ":" in host:
            host = "[%s]" % host
        return "http://%s:%d" % (host, port)


def make_server(host="127.0.0.1", port=0, auth_id="MAPLIVOEMULATOR00001", auth_token="emulator-token",
                latency_ms=0, verbose=False, dialects=()):
    """The server, not yet serving; unknown or contradictory ``dialects`` raise DialectError."""
    return EmulatorServer((host, port), Emulator(auth_id, auth_token, latency_ms, dialects), verbose)
