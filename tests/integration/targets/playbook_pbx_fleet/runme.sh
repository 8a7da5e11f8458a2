#!/usr/bin/env bash
# The collection's playbooks as a user runs them on a fleet: demo.yml (onboard_carrier.yml,
# then pbx_fleet.yml) on the demo inventory plus three PBXs, five PBXs with --forks 5. The
# dry run predicts the real run task by task; a re-run writes nothing; every PBX has exactly
# its own objects (no duplicates from parallel hosts); the teardown leaves the account empty,
# as it was.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_plan/plan.sh

playbooks=$PLAN_COLLECTION/playbooks
inventory=(-i "$playbooks/inventory/demo.yml" -i fleet.yml)
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false

plan state "$PLAN_OUTPUT/empty.json"

plan_run check "$playbooks/demo.yml" "${inventory[@]}" --forks 5 --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/check.calls.json"
plan_run apply "$playbooks/demo.yml" "${inventory[@]}" --forks 5 --diff "$@"
plan compare "$PLAN_OUTPUT/check.json" "$PLAN_OUTPUT/apply.json"

plan_run again "$playbooks/demo.yml" "${inventory[@]}" --forks 5 "$@"
plan unchanged "$PLAN_OUTPUT/again.json"
plan no-writes "$PLAN_OUTPUT/again.calls.json"

# Five PBXs in parallel: each has exactly its own objects, and its numbers are on its trunk.
plan state "$PLAN_OUTPUT/fleet.json"
python - "$PLAN_OUTPUT/fleet.json" <<'PYTHON'
import collections, json, sys
tables = json.load(open(sys.argv[1]))
pbxs = ['pbx1', 'pbx2', 'pbx03-branch-example-com', 'pbx04-branch-example-com', 'pbx05-branch-example-com']
names = dict((kind, collections.Counter(r['name'] for r in tables[kind].values()))
             for kind in ('zentrunk_trunk', 'zentrunk_uri', 'zentrunk_ipacl', 'zentrunk_credential'))
duplicates = dict((kind, [n for n, c in counts.items() if c > 1]) for kind, counts in names.items())
assert not any(duplicates.values()), 'duplicate objects: %s' % duplicates
assert sorted(names['zentrunk_trunk']) == sorted(p + s for p in pbxs for s in ('-in', '-out')), names['zentrunk_trunk']
assert sorted(names['zentrunk_uri']) == sorted([p + '-primary' for p in pbxs] + ['pbx1-fallback', 'pbx04-branch-example-com-fallback'])
assert sorted(names['zentrunk_ipacl']) == sorted(p + '-acl' for p in pbxs if p != 'pbx04-branch-example-com')
assert sorted(names['zentrunk_credential']) == sorted(['pbx1-cred', 'pbx04-branch-example-com-cred', 'pbx05-branch-example-com-cred'])
trunk_of = dict((r['trunk_id'], r['name']) for r in tables['zentrunk_trunk'].values())
linked = collections.defaultdict(list)
for number, record in tables['number'].items():
    link = record.get('_link') or {}
    linked[trunk_of.get(link.get('id')) if link.get('kind') != 'application' else 'application'].append(number)
assert len(linked['application']) == 16, linked
for pbx, first in zip(pbxs, (116, 118, 120, 122, 124)):
    assert sorted(linked[pbx + '-in']) == ['14155550%d' % first, '14155550%d' % (first + 1)], (pbx, linked)
assert len(tables['endpoint']) == 3 and len(tables['application']) == 1 and len(tables['carrier']) == 1
print('five PBXs, each with exactly its own trunks, URIs, ACL or credential and numbers')
PYTHON

# teardown.yml removes it all (its dry run is compared with the real one in the role
# targets and by `make demo-teardown`).
plan_run teardown "$playbooks/teardown.yml" "${inventory[@]}" --forks 5 "$@"
plan state "$PLAN_OUTPUT/torn-down.json"
plan same-state "$PLAN_OUTPUT/empty.json" "$PLAN_OUTPUT/torn-down.json"

if grep -lE 'Pbx0[45]!fleet|Pbx1!demo|Demo-(reception-1|sales-2|support-3)' "$PLAN_OUTPUT"/*.out; then
  echo "a password is in the output of the runs above" >&2
  exit 1
fi
