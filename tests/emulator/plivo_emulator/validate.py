# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parameter readers shared by the backends.

Each reader takes the parsed JSON body (a dict), a key, and raises ApiError
with a message naming the parameter when the value is unusable.  ``MISSING``
distinguishes "not sent" from an explicit null.
"""

import ipaddress
import re
from urllib.parse import urlsplit

from .errors import bad_request, unprocessable

MISSING = object()
_PREFIX_LENGTH = re.compile(r"^(?:[0-9]|[12][0-9]|3[0-2])$")

_URI_HOST = r"(?:\d{1,3}(?:\.\d{1,3}){3}|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
_SIP_URI = re.compile(
    r"^(?:sips?:)?(?:[A-Za-z0-9._~+-]+@)?(?P<host>" + _URI_HOST + r")(?::(?P<port>\d{1,5}))?"
    r"(?:;transport=(?:udp|tcp|tls))?$",
    re.IGNORECASE,
)


def present(body, key):
    """True when the key was sent with a non-null value."""
    return body.get(key) is not None


def string(body, key, required=False, missing_status=400, allow_empty=True):
    value = body.get(key, MISSING)
    if value is MISSING or value is None:
        if required:
            raise _missing(key, missing_status)
        return value
    if not isinstance(value, str):
        raise bad_request("%s must be a string" % key)
    if not allow_empty and not value.strip():
        if required:
            raise _missing(key, missing_status)
        raise bad_request("%s must not be empty" % key)
    return value


def boolean(body, key):
    """A JSON boolean, or the strings true/false the API also accepts."""
    value = body.get(key, MISSING)
    if value is MISSING or value is None:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise bad_request("%s must be a boolean" % key)


def choice(body, key, choices, default=MISSING, normalise=str.lower):
    value = string(body, key)
    if value is MISSING or value is None:
        return default
    folded = normalise(value)
    if folded not in choices:
        raise bad_request("%s must be one of %s" % (key, ", ".join(choices)))
    return folded


def http_method(body, key):
    return choice(body, key, ("GET", "POST"), normalise=str.upper)


def url(body, key, required=False):
    value = string(body, key, required=required)
    if value is MISSING or value is None or value == "":
        if required and value == "":
            raise bad_request("%s is required" % key)
        return value
    if not is_url(value):
        raise bad_request("%s must be a valid http or https URL" % key)
    return value


def is_url(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def is_ipv4(value):
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def ipv4_list(body, key, required=False, missing_status=400, networks=False):
    """IPv4 addresses (with ``networks``, also CIDR networks) sent as a JSON array or one comma-separated string.

    Entries are trimmed and de-duplicated, and otherwise kept as given.
    """
    value = body.get(key, MISSING)
    if value is MISSING or value is None:
        if required:
            raise _missing(key, missing_status)
        return value
    what = "IPv4 addresses or CIDR networks" if networks else "IPv4 addresses"
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise bad_request("%s must be a list of %s or a comma-separated string" % (key, what))
    addresses = []
    for item in (item.strip() for item in items):
        problem = _ipv4_problem(item, networks)
        if problem:
            raise bad_request("%s: %r %s" % (key, item, problem))
        if item not in addresses:
            addresses.append(item)
    if not addresses:
        raise bad_request("%s must contain at least one entry" % key)
    return addresses


def _ipv4_problem(item, networks):
    address, slash, prefix = item.partition("/")
    if not slash:
        return None if is_ipv4(item) else "is not a valid IPv4 address"
    if not networks:
        return "is not a valid IPv4 address (networks are not accepted here)"
    if not is_ipv4(address) or not _PREFIX_LENGTH.match(prefix):
        return "is not a valid IPv4 address or CIDR network"
    network = ipaddress.IPv4Network(item, strict=False)
    if str(network.network_address) != address:
        return "has host bits set; did you mean %s?" % network
    return None


def sip_uri(value):
    match = _SIP_URI.match(value)
    if not match:
        return False
    host = match.group("host")
    if re.match(r"^[\d.]+$", host) and not is_ipv4(host):
        return False
    port = match.group("port")
    return port is None or 1 <= int(port) <= 65535


def _missing(key, status):
    if status == 422:
        return unprocessable("%s is required" % key)
    return bad_request("%s is required" % key)
