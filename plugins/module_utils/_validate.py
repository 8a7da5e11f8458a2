# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input validation and normalisation, run before any API call.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
Each validator takes a value and returns it normalised, or raises ValueError with a
sentence that says what is wrong; the caller names the option and the value.
"""

import ipaddress
import re

from urllib.parse import urlsplit


class UserError(Exception):
    """Bad input or an impossible request, reported before any write."""


NAME_RE = re.compile(r'^[A-Za-z0-9_-]+$')
DIGITS_RE = re.compile(r'^[0-9]+$')


def resource_name(value):
    """Names of carriers, applications and trunk objects: letters, digits, hyphen, underscore."""
    value = '' if value is None else str(value)
    if not NAME_RE.match(value):
        raise ValueError('use only letters, digits, hyphens and underscores')
    return value


def ipv4(value):
    """A single dotted-quad IPv4 address: no CIDR, no hostname, no leading zeros."""
    text = str(value).strip()
    if '/' in text:
        raise ValueError('is a network (CIDR), but a single IPv4 address is required')
    parts = text.split('.')
    if len(parts) != 4 or not all(DIGITS_RE.match(p) for p in parts):
        raise ValueError('is not an IPv4 address (dotted quad such as 203.0.113.10)')
    for part in parts:
        if len(part) > 1 and part.startswith('0') or int(part) > 255:
            raise ValueError('is not an IPv4 address: each part must be 0 to 255 without '
                             'leading zeros')
    return text


def phone_number(value):
    """E.164 digits with country code, no '+': accepts '+1 415-555-1234' style input."""
    text = str(value).strip()
    cleaned = re.sub(r'[\s().-]', '', text)
    if cleaned.startswith('+'):
        cleaned = cleaned[1:]
    if not DIGITS_RE.match(cleaned) or not 8 <= len(cleaned) <= 15 or cleaned.startswith('0'):
        raise ValueError('is not a phone number in international form (country code and '
                         'digits, such as +1 415 555 1234)')
    return cleaned


def url(value):
    """An http or https URL with a host; '' is allowed and means 'unset'."""
    text = '' if value is None else str(value).strip()
    if text == '':
        return text
    parts = urlsplit(text)
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise ValueError('is not an http(s) URL with a host')
    return text


SIP_USERNAME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9]*$')


def sip_username(value):
    """An endpoint's SIP username as Plivo accepts it: a letter, then letters and digits."""
    text = '' if value is None else str(value)
    if not SIP_USERNAME_RE.match(text):
        raise ValueError('must start with a letter and contain only letters and digits')
    return text


def sip_password(value):
    """An endpoint's password: at least 5 characters. The message never quotes it."""
    text = '' if value is None else str(value)
    if len(text) < 5:
        raise ValueError('must be at least 5 characters long')
    return text


# A SIP target as Zentrunk takes it: an optional sip:/sips: scheme and user@, an IPv4
# address or a fully qualified domain name, an optional port, an optional transport.
SIP_TARGET_RE = re.compile(
    r'^(?:sips?:)?(?:[A-Za-z0-9._~+-]+@)?'
    r'(?P<host>[0-9]+(?:\.[0-9]+){3}|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})'
    r'(?::(?P<port>[0-9]{1,5}))?(?:;transport=(?:udp|tcp|tls))?$', re.IGNORECASE)
# Plivo's docs give `sip_user_1` as a credential username: underscores are allowed.
TRUNK_USERNAME_RE = re.compile(r'^[A-Za-z0-9_]{5,20}$')
TRUNK_PASSWORD_SPECIALS = '~!@#$%^&*()_+'
TRUNK_PASSWORD_LENGTH = (5, 20)


def sip_target(value):
    """A Zentrunk origination URI: 'pbx.example.com', '203.0.113.5:5060;transport=tcp',
    'sip:pbx@pbx.example.com;transport=tls'. Bare hostnames without a domain are refused."""
    text = '' if value is None else str(value).strip()
    match = SIP_TARGET_RE.match(text)
    if not match:
        raise ValueError('is not an IPv4 address or fully qualified domain name with an optional '
                         ':port and ;transport=udp|tcp|tls, nor a sip: URI')
    host = match.group('host')
    if host.replace('.', '').isdigit():
        ipv4(host)
    if match.group('port') and not 1 <= int(match.group('port')) <= 65535:
        raise ValueError('has a port outside 1-65535')
    return text


def trunk_username(value):
    """A Zentrunk credential's username: 5 to 20 letters, digits and underscores."""
    text = '' if value is None else str(value)
    if not TRUNK_USERNAME_RE.match(text):
        raise ValueError('must be 5 to 20 letters, digits and underscores')
    return text


def trunk_password(value):
    """A Zentrunk credential's password. The message names the rule or the character that
    broke it, never the password."""
    text = '' if value is None else str(value)
    shortest, longest = TRUNK_PASSWORD_LENGTH
    if not shortest <= len(text) <= longest:
        raise ValueError('must be %d to %d characters long (it has %d)' % (shortest, longest, len(text)))
    for char in text:
        if not (char.isascii() and char.isalnum()) and char not in TRUNK_PASSWORD_SPECIALS:
            shown = "'%s'" % char if char.isprintable() and not char.isspace() else 'U+%04X' % ord(char)
            raise ValueError('must not contain %s: use letters, digits and %s'
                             % (shown, TRUNK_PASSWORD_SPECIALS))
    if not set(TRUNK_PASSWORD_SPECIALS) & set(text):
        raise ValueError('needs at least one of the special characters %s' % TRUNK_PASSWORD_SPECIALS)
    return text


def ipv4_or_network(value):
    """A Zentrunk IP ACL entry: an IPv4 address, or an IPv4 network in CIDR form (Plivo's CLI
    documents "IPs/CIDRs"). Normalised so that equal entries compare equal: a /32 is the
    address itself. A network with host bits set is refused rather than guessed at."""
    text = str(value).strip()
    if '/' not in text:
        return ipv4(text)
    address, _sep, length = text.partition('/')
    ipv4(address)
    if not DIGITS_RE.match(length) or int(length) > 32 or (len(length) > 1 and length.startswith('0')):
        raise ValueError('has a prefix length outside /0 to /32')
    network = ipaddress.ip_network(text, strict=False)
    if str(network.network_address) != address:
        raise ValueError('has host bits set: the network is %s' % network)
    return address if network.prefixlen == 32 else str(network)


def ipv4_or_network_as_read(value):
    """An IP ACL entry as the API returns it, normalised as ``ipv4_or_network`` does; an entry
    that does not parse is kept as it is (it then differs from anything asked for)."""
    try:
        return ipv4_or_network(value)
    except ValueError:
        return str(value).strip()


def describe_value(value):
    """How a rejected value is quoted in an error message."""
    return repr(value) if not isinstance(value, str) else "'%s'" % value


def validate_options(params, fields):
    """Run each field's validator on the option the user set; normalise in place."""
    for field in fields:
        value = params.get(field.option)
        if value == '' and not field.allow_empty:
            raise UserError("%s must not be empty" % field.option)
        if field.validate is None or value is None:
            continue
        if isinstance(value, list):
            cleaned = []
            for entry in value:
                try:
                    cleaned.append(field.validate(entry))
                except ValueError as exc:
                    raise UserError('%s entry %s %s' % (field.option, describe_value(entry), exc))
            params[field.option] = cleaned
        elif value != '' or field.kind.write_only:  # '' unsets a field, never a secret
            try:
                params[field.option] = field.validate(value)
            except ValueError as exc:
                if field.kind.write_only:  # a secret is named, never quoted
                    raise UserError('%s: %s' % (field.option, exc))
                raise UserError('%s %s: %s' % (field.option, describe_value(value), exc))
