# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The account itself: ``/v1/Account/{auth_id}/``."""

from ..errors import bad_request, forbidden

UPDATABLE = ("name", "city", "address")


def register(api):
    api.route("", GET=get_account, POST=update_account)


def get_account(call):
    account = dict(call.store.account, auth_id=call.caller.auth_id, resource_uri=call.base)
    if not call.caller.is_main:
        account["name"] = call.store.subaccount(call.caller.auth_id)["name"]
    return 200, account


def update_account(call):
    if not call.caller.is_main:
        raise forbidden("a subaccount cannot modify the account")
    changes = {}
    for key in UPDATABLE:
        value = call.body.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise bad_request("%s must be a string" % key)
        changes[key] = value
    call.store.account.update(changes)
    return 202, {"message": "changed"}
