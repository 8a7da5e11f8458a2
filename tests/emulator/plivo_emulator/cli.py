# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: start the server, announce its URL, serve until SIGTERM/SIGINT."""

import argparse
import ipaddress
import re
import signal
import sys
import threading

from .dialects import DIALECTS, KNOWN, DialectError, resolve
from .server import make_server

AUTH_ID = re.compile(r"^MA[A-Z0-9]{18}$")


def loopback_host(value):
    if value == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise argparse.ArgumentTypeError("%s is not an IP address" % value) from None
    if not address.is_loopback:
        raise argparse.ArgumentTypeError("the emulator binds loopback addresses only, not %s" % value)
    return value


def auth_id(value):
    if not AUTH_ID.match(value):
        raise argparse.ArgumentTypeError("an auth id is MA followed by 18 upper-case letters or digits")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python tests/emulator", description="Plivo REST API emulator")
    parser.add_argument("--host", type=loopback_host, default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one")
    parser.add_argument("--auth-id", type=auth_id, default="MAPLIVOEMULATOR00001")
    parser.add_argument("--auth-token", default="emulator-token")
    parser.add_argument("--latency-ms", type=float, default=0, help="added to every API response")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    parser.add_argument("--dialect", action="append", default=[], choices=list(KNOWN), metavar="NAME",
                        help="speak an open reading of the API (repeatable; see --list-dialects): %s"
                        % ", ".join(KNOWN))
    parser.add_argument("--list-dialects", action="store_true", help="print the known dialects and exit")
    args = parser.parse_args(argv)
    try:
        resolve(args.dialect)
    except DialectError as exc:
        parser.error(str(exc))
    return args


def list_dialects():
    for dialect in DIALECTS:
        sys.stdout.write("%s\t%s\n" % (dialect.name, dialect.description))
    sys.stdout.flush()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.list_dialects:
        list_dialects()
        return 0
    server = make_server(args.host, args.port, args.auth_id, args.auth_token, args.latency_ms, args.verbose,
                         args.dialect)
    stop = threading.Event()

    def request_stop(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    sys.stdout.write("PLIVO_API_URL=%s\n" % server.url)
    sys.stdout.flush()
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
    return 0
