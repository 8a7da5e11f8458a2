# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bodies of the _info modules: reads only, by id, by natural key, or a filtered list.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
"""

import itertools

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import NUMBER
from ansible_collections.plivo.provisioning.plugins.module_utils._client import PAGE_SIZE
from ansible_collections.plivo.provisioning.plugins.module_utils._kinds import Pending
from ansible_collections.plivo.provisioning.plugins.module_utils._number_reads import (
    INVENTORY_PATH, NumberReader, normalise_numbers)
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import Context, Resolver
from ansible_collections.plivo.provisioning.plugins.module_utils._results import returned_objects
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, validate_options)


def run_info(module, resource, filters=()):
    """The whole body of an _info module's main(): by id, by natural key, or a filtered list.

    ``filters``: option names passed to the list API as server-side filters, or
    ``(option, api filter)`` pairs where the names differ.
    """
    def action():
        params = module.params
        if resource.singleton:
            return {'changed': False, resource.name: returned_objects(
                module, resource, [module.client.get(resource.path)])[0]}
        if params.get(resource.id_option):
            found = module.client.get_or_none(resource.object_path(params[resource.id_option]))
            objects = [found] if found else []
        elif params.get(resource.key_option):
            objects = Resolver(module.client).find_by_key(resource, params[resource.key_option])
        else:
            pairs = [f if isinstance(f, tuple) else (f, f) for f in filters]
            query = dict((api, params[o]) for o, api in pairs if params.get(o) is not None)
            objects = list(module.client.paginate(resource.path, query))
        return {'changed': False, resource.plural: returned_objects(module, resource, objects)}
    module.run(action)


def filter_query(module, fields):
    """The list filters a module's options ask for, as the API takes them.

    ``fields``: Field objects (option -> API name; the kind normalises the value, a
    reference is resolved to its id). Options left unset, or set to '' or [], are not sent.
    None when, in check mode, a reference names an object that an earlier task of the run
    would create (the Resolver warns): nothing can match it yet.
    """
    params = module.params
    validate_options(params, fields)
    ctx = Context(module.client, Resolver(module.client, module.check_mode, module.warn))
    query = {}
    for field in fields:
        value = params.get(field.option)
        if value is None or value == '' or value == []:
            continue
        value = field.kind.to_api(field.kind.desired(value, ctx, field), ctx)
        if isinstance(value, Pending):
            return None
        if value not in ('', []):
            query[field.api] = value
    return query


def run_number_info(module, filters):
    """The whole body of plivo_number_info: listed numbers (cheapest reads) or a filtered list."""
    def action():
        if module.params.get('numbers'):
            numbers = normalise_numbers(module.params['numbers'])
            found = NumberReader(module.client).read(numbers)
            objects = [found[n] for n in numbers if n in found]
        else:
            query = filter_query(module, filters)
            objects = [] if query is None else list(module.client.paginate(NUMBER.path, query))
        return {'changed': False, 'numbers': objects}
    module.run(action)


def run_inventory_search(module, filters):
    """The whole body of plivo_phone_number_info: search Plivo's inventory, up to ``limit``."""
    def action():
        limit = module.params['limit']
        if limit < 1:
            raise UserError('limit %s must be 1 or more' % limit)
        query = filter_query(module, filters)
        if query is None:
            return {'changed': False, 'phone_numbers': []}
        pages = module.client.paginate(INVENTORY_PATH, query, page_size=min(limit, PAGE_SIZE), whole=False)
        return {'changed': False, 'phone_numbers': list(itertools.islice(pages, limit))}
    module.run(action)
