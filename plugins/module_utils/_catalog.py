# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where each Plivo resource lives and how it is identified.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
One identity per resource, shared by the module that manages it, its _info twin, and every
module that refers to it (``carrier: name-or-id``, ``app: name-or-id``). Modules add their
fields with ``Resource.with_fields()``; the
behaviour here is what every module that shows such objects needs (the _info twin too).
"""

from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import AccountRef, LinkRef
from ansible_collections.plivo.provisioning.plugins.module_utils._resource import (
    Behaviour, Field, Identity, Resource)


def _sorted_ip_list(obj):
    """Carriers also carry their ip_set as a sorted list, which templates can loop over."""
    obj = dict(obj)
    raw = obj.get('ip_set') or ''
    items = raw.split(',') if isinstance(raw, str) else raw
    obj['ip_set_list'] = sorted(set(i.strip() for i in items if i.strip()))
    return obj


CARRIER = Resource(Identity(
    name='carrier', label='incoming carrier', path='IncomingCarrier/',
    id_field='carrier_id', key_field='name', key_filter='name', plural='carriers'),
    behaviour=Behaviour(decorate=_sorted_ip_list))


UUID_PATTERN = r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'


def _endpoint_username_match(wanted, obj):
    """Plivo appends 12 digits (yymmddHHMMSS) to the username it was asked for."""
    username = obj.get('username') or ''
    suffix = username[len(wanted):]
    return username == wanted or (username.startswith(wanted) and len(suffix) == 12
                                  and suffix.isdigit())


APPLICATION = Resource(Identity(
    name='application', label='application', path='Application/',
    id_field='app_id', key_field='app_name', key_filter='app_name'))

NUMBER = Resource(Identity(
    name='number', label='number', path='Number/',
    id_field='number', key_field='number'))

ENDPOINT = Resource(Identity(
    name='endpoint', label='endpoint', path='Endpoint/',
    id_field='endpoint_id', key_field='username', key_match=_endpoint_username_match))

SUBACCOUNT = Resource(Identity(
    name='subaccount', label='subaccount', path='Subaccount/',
    id_field='auth_id', id_option='subaccount_id', key_field='name',
    id_pattern=r'^SA[A-Z0-9]{18}$'),
    behaviour=Behaviour(returned_secrets=['auth_token', 'new_auth_token']))

# The account the credentials belong to (a subaccount's credentials: that subaccount).
ACCOUNT = Resource(Identity(
    name='account', label='account', path='', id_field='auth_id', key_field=None,
    singleton=True))

# Zentrunk: none of the four list APIs filters by name, so a lookup by name pages through
# the list. Trunk ids are digits (trunk_domain is {trunk_id}.zt.plivo.com); the objects a
# trunk refers to have UUIDs, and a trunk's list filters tell which trunks use one of them.
TRUNK = Resource(Identity(
    name='trunk', label='Zentrunk trunk', path='Zentrunk/Trunk/',
    id_field='trunk_id', key_field='name', id_pattern=r'^[0-9]+$|' + UUID_PATTERN))

ORIGINATION_URI = Resource(Identity(
    name='origination_uri', label='Zentrunk origination URI', path='Zentrunk/URI/',
    id_field='uri_uuid', key_field='name', id_pattern=UUID_PATTERN),
    behaviour=Behaviour(in_use_by=[(TRUNK, 'primary_uri_uuid'), (TRUNK, 'fallback_uri_uuid')]))

TRUNK_CREDENTIAL = Resource(Identity(
    name='credential', label='Zentrunk credential', path='Zentrunk/Credential/',
    id_field='credential_uuid', key_field='name', id_pattern=UUID_PATTERN),
    behaviour=Behaviour(in_use_by=[(TRUNK, 'credential_uuid')]))

TRUNK_IP_ACL = Resource(Identity(
    name='ip_acl', label='Zentrunk IP access control list', path='Zentrunk/IPAccessControlList/',
    id_field='ipacl_uuid', key_field='name', id_pattern=UUID_PATTERN),
    behaviour=Behaviour(in_use_by=[(TRUNK, 'ipacl_uuid')]))


def linked_to(target, read='application'):
    """``Dependents.belongs`` for objects whose ``read`` field links to the deleted ``target``
    (numbers and endpoints to an application; numbers to a trunk), however the API reports
    the link (``LinkRef``)."""
    field = Field(target.name, kind=LinkRef(target), read=read)

    def belongs(obj, deleted, ctx):
        return field.kind.read(obj, field, ctx) == str(deleted.get(target.id_field))
    return belongs


def owned_by_subaccount(obj, deleted, ctx):
    """``Dependents.belongs`` for objects a deleted subaccount owns (``sub_account``)."""
    return AccountRef(SUBACCOUNT).current(obj.get('sub_account'), ctx) == str(deleted.get('auth_id'))
