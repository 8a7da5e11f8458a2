# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input validation and normalisation, run before any API call.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
Each validator takes a value and returns it normalised, or raises ValueError with a
sentence that says what is wrong; the caller names the option and the value.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover
    from urlparse import urlsplit


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
TRUNK_USERNAME_RE = re.compile(r'^[A-Za-z0-9]{5,20}$')
TRUNK_PASSWORD_RE = re.compile(r'^[A-Za-z0-9~!@#$%^&*()_+]{5,20}$')
TRUNK_PASSWORD_SPECIALS = '~!@#$%^&*()_+'


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
    """A Zentrunk credential's username: 5 to 20 letters and digits."""
    text = '' if value is None else str(value)
    if not TRUNK_USERNAME_RE.match(text):
        raise ValueError('must be 5 to 20 letters and digits')
    return text


def trunk_password(value):
    """A Zentrunk credential's password. The message never quotes it."""
    text = '' if value is None else str(value)
    if not TRUNK_PASSWORD_RE.match(text) or not set(TRUNK_PASSWORD_SPECIALS) & set(text):
        raise ValueError('must be 5 to 20 characters of letters, digits and %s, with at least one '
                         'of those special characters' % TRUNK_PASSWORD_SPECIALS)
    return text


def describe_value(value):
    """How a rejected value is quoted in an error message."""
    return repr(value) if not isinstance(value, str) else "'%s'" % value
