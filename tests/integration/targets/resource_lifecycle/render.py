#!/usr/bin/env python
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render the lifecycle playbook from the table: one block of tasks per row of
resources.yml, from lifecycle.yml.j2.

    python render.py resources.yml lifecycle.yml.j2 [ROW,ROW...] > lifecycle.yml

ROW names rows to render (all of them by default), as a smoke subset does.

A task's module cannot be a variable in Ansible, so the table is turned into tasks here;
the template uses [[ ]] and [% %] so that Ansible's own {{ }} pass through untouched.
"""

import json
import sys

import jinja2
import yaml


def main(table_path, template_path, only=None):
    with open(table_path, encoding='utf-8') as handle:
        rows = yaml.safe_load(handle)['resources']
    if only:
        wanted = only.split(',')
        unknown = sorted(set(wanted) - set(row['name'] for row in rows))
        if unknown:
            sys.exit('render.py: no row named %s' % ', '.join(unknown))
        rows = [row for row in rows if row['name'] in wanted]
    for row in rows:
        row.setdefault('id_field', row.get('id'))

        for option in ('key', 'id', 'info', 'plural', 'list_option'):
            row.setdefault(option, None)
        row.setdefault('singleton', False)
        for option in ('setup', 'teardown', 'bad', 'secrets'):
            row.setdefault(option, [])
        for option in ('created', 'updated', 'rename', 'delete'):
            row.setdefault(option, {})
        row['updated_options'] = dict(row['create'], **row['update'])
        # The rename addresses the object by id; the other options stay as updated.
        row['renamed_options'] = dict(row['updated_options'], **row['rename'])
        key = row.get('key')
        row['final_key'] = row['renamed_options'].get(key) if key else None
    env = jinja2.Environment(variable_start_string='[[', variable_end_string=']]',
                             block_start_string='[%', block_end_string='%]',
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters['json'] = lambda value: json.dumps(value, sort_keys=True)
    with open(template_path, encoding='utf-8') as handle:
        template = env.from_string(handle.read())
    sys.stdout.write(template.render(rows=rows))


if __name__ == '__main__':
    main(*sys.argv[1:4])
