# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the roles' dry runs and real runs rely on from the shared loop: a new object is
created without the references it is asked to leave empty, and a filter that names an
object an earlier task of a check-mode run would create matches nothing instead of failing."""

import pytest

from ansible_collections.plivo.provisioning.plugins.module_utils._info import run_number_info
from ansible_collections.plivo.provisioning.plugins.module_utils._reconcile import Reconciler
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import UserError
from ansible_collections.plivo.provisioning.plugins.modules import (
    plivo_number_info, plivo_origination_uri, plivo_trunk, plivo_trunk_ip_acl)
from module_standin import ModuleStandIn as StandIn


class ModuleStandIn(StandIn):
    """A module with exactly the options given."""

    def __init__(self, api, check_mode=False, **params):
        super().__init__(api, params, check_mode=check_mode)


TRUNK_OPTIONS = dict(name=None, trunk_id=None, direction=None, status=None, secure=None, ip_acl=None,
                     credential=None, primary_uri=None, fallback_uri=None, force=False, state='present')


def converge(api, module, **params):
    return Reconciler(ModuleStandIn(api, **params), module.RESOURCE).run()


def trunk(api, **params):
    options = dict(TRUNK_OPTIONS)
    options.update(params)
    return converge(api, plivo_trunk, **options)


def trunk_creates(api):
    return [r['body'] for r in api.requests() if r['method'] == 'POST' and r['path'].endswith('/Zentrunk/Trunk/')]


def test_a_new_trunk_is_created_without_the_references_left_empty(api):
    converge(api, plivo_trunk_ip_acl, name='office-acl', ipacl_uuid=None, ip_addresses=['192.0.2.10'],
             state='present')
    converge(api, plivo_origination_uri, name='office-pbx', uri_uuid=None, uri='192.0.2.10', authentication_needed=None,
             username=None, password=None, update_password='on_create', state='present')
    api.clear_log()
    outbound = trunk(api, name='office-out', direction='outbound', ip_acl='office-acl', credential='')
    inbound = trunk(api, name='office-in', direction='inbound', primary_uri='office-pbx', fallback_uri='')
    assert outbound['changed'] and inbound['changed']
    out_body, in_body = trunk_creates(api)
    assert 'credential_uuid' not in out_body and out_body['ipacl_uuid']
    assert 'fallback_uri_uuid' not in in_body and in_body['primary_uri_uuid']
    assert outbound['trunk']['credential_uuid'] is None
    api.clear_log()
    again = trunk(api, name='office-out', direction='outbound', ip_acl='office-acl', credential='')
    assert again['changed'] is False
    assert [r for r in api.requests() if r['method'] != 'GET'] == []


def number_info(api, check_mode, **filters):
    options = dict((f.option, None) for f in plivo_number_info.FILTERS)
    options.update(numbers=None, **filters)
    module = ModuleStandIn(api, check_mode=check_mode, **options)
    run_number_info(module, plivo_number_info.FILTERS)
    return module


def test_number_info_filtered_by_a_subaccount_not_created_yet(api):
    dry = number_info(api, True, subaccount='team-west')
    assert dry.result == {'changed': False, 'numbers': []}
    assert any('team-west' in warning and 'check mode' in warning for warning in dry.warnings)
    assert not any(r['path'].endswith('/Number/') for r in api.requests()), 'no list of numbers is read'
    with pytest.raises(UserError, match='team-west'):
        number_info(api, False, subaccount='team-west')
