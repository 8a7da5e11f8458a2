# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What results hold, in one shape for every module: objects without the secrets they must
not show, values without check mode's Pending references, and keyed item results.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
"""

import re

from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import Pending


def plain(value):
    """A result without Pending references (check mode), which cannot be serialised."""
    if isinstance(value, Pending):
        return str(value)
    if isinstance(value, dict):
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def keyed_item(key_option, key, result, diff_mode, diff=None, failure=None):
    """One item of a list-form result (a list form's object, one of plivo_number's numbers):
    the item's own result fields, its ``key`` as given and the option it is (``key_option``),
    ``failed`` and ``msg`` when it failed, and in diff mode its own ``diff``."""
    item = dict(result, key=key, key_option=key_option)
    if failure is not None:
        item.update(failed=True, msg=failure['msg'])
    if diff_mode:
        item['diff'] = diff or {'before': {}, 'after': {}}
    return item


# Fields that hold a secret by their name, whatever the resource: a token or a password the
# API returns is never put in a result unless the resource names it as one the user may ask
# for (``Resource.returned_secrets``, revealed by its ``return_<first secret>`` option).
SECRET_FIELD_RE = re.compile(r'token|password|secret', re.IGNORECASE)


def returned_objects(module, resource, objects):
    """Objects as results show them: decorated, without the secrets they must not reveal.

    A secret the API returns (``resource.returned_secrets``, such as a subaccount's
    ``auth_token`` and ``new_auth_token``) stays only when the module's ``return_<first
    secret>`` option (``return_auth_token``) is true, on every run, the one that creates the
    object included; then a task without ``no_log`` gets one warning, since -v output would
    show it. Any other field whose name says it holds a token or password is removed always.
    """
    reveal_option = 'return_' + resource.returned_secrets[0] if resource.returned_secrets else None
    reveal = bool(reveal_option and module.params.get(reveal_option))
    shown, revealed = [], set()
    for obj in objects:
        obj = dict(resource.decorate(obj)) if obj else {}
        for field in [k for k in obj if SECRET_FIELD_RE.search(k) or k in resource.returned_secrets]:
            if reveal and field in resource.returned_secrets:
                revealed.add(field)
            else:
                del obj[field]
        shown.append(obj)
    if revealed and not getattr(module, 'task_no_log', False):
        module.warn('%s holds a secret that -v output shows: set no_log: true on this task'
                    % ' and '.join('%s.%s' % (resource.name, f) for f in sorted(revealed)))
    return shown
