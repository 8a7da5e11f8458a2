#!/usr/bin/env bash
# The pbx_trunk role through the collection's own playbooks (pbx_fleet.yml, drift_report.yml,
# teardown.yml), three PBXs in parallel: bad input stops before any write, the dry run
# predicts the real run task by task, a re-run writes nothing, objects no longer wanted are
# deleted once unused, and the teardown leaves the account exactly as it was.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_plan/plan.sh

playbooks=$PLAN_COLLECTION/playbooks
inventory=(-i inventory.yml)
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
# ansible-test makes an unmatched host pattern an error; drift_report.yml and teardown.yml
# have a play for carriers, which this inventory does not have (as a user's may not).
export ANSIBLE_HOST_PATTERN_MISMATCH=warning
secrets='Pbxa!secret1|Pbxb!secret2|Nospecial12345'

ansible-playbook seed.yml "$@"
plan state "$PLAN_OUTPUT/seeded.json"

# Bad input: the role stops before it sends anything; the message names the option and the
# value, never a password.
for bad in bad/*.yml; do
  name=bad-$(basename "$bad" .yml)
  limit=$(sed -n 's/^# limit: //p' "$bad")
  plan_fails "$name" "$playbooks/pbx_fleet.yml" "${inventory[@]}" --limit "${limit:-all}" -e "@$bad" "$@"
  plan no-writes "$PLAN_OUTPUT/$name.calls.json"
  test "$(python -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$PLAN_OUTPUT/$name.calls.json")" = 0
  while read -r expected; do
    grep -qF -- "$expected" "$PLAN_OUTPUT/$name.out" || { cat "$PLAN_OUTPUT/$name.out"; echo "no '$expected' in the output" >&2; exit 1; }
  done < <(sed -n 's/^# expect: //p' "$bad")
done

# The dry run, then the real run, with forks: the same changes.
plan_run check "$playbooks/pbx_fleet.yml" "${inventory[@]}" --forks 3 --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/check.calls.json"
plan_run apply "$playbooks/pbx_fleet.yml" "${inventory[@]}" --forks 3 --diff "$@"
plan compare "$PLAN_OUTPUT/check.json" "$PLAN_OUTPUT/apply.json"

# Converged: a re-run (the role again, then checks of its facts and of the account) changes
# nothing and writes nothing.
plan_run again verify.yml "${inventory[@]}" --forks 3 "$@"
plan unchanged "$PLAN_OUTPUT/again.json"
plan no-writes "$PLAN_OUTPUT/again.calls.json"

# pbx-a drops its fallback and IP ACL, pbx-b adds an ACL: predicted, done, then no drift.
plan_run check-changes "$playbooks/pbx_fleet.yml" "${inventory[@]}" -i changes.yml --forks 3 --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/check-changes.calls.json"
plan_run apply-changes "$playbooks/pbx_fleet.yml" "${inventory[@]}" -i changes.yml --forks 3 --diff "$@"
plan compare "$PLAN_OUTPUT/check-changes.json" "$PLAN_OUTPUT/apply-changes.json"
python - "$PLAN_OUTPUT/apply-changes.calls.json" <<'PYTHON'
import json, sys
deletes = sorted(c['path'].split('/')[-3] for c in json.load(open(sys.argv[1])) if c['method'] == 'DELETE')
assert deletes == ['IPAccessControlList', 'URI'], 'the fallback URI and the IP ACL are deleted, nothing else: %s' % deletes
PYTHON
plan_run drift "$playbooks/drift_report.yml" "${inventory[@]}" -i changes.yml "$@"
plan no-writes "$PLAN_OUTPUT/drift.calls.json"
grep -q 'No drift: the account matches the inventory.' "$PLAN_OUTPUT/drift.out"

# Teardown, dry then real: the same deletions, and the account is back to the seeded state
# (pbx-b's number, which the role did not add, stays, unlinked as it was).
plan_run teardown-check "$playbooks/teardown.yml" "${inventory[@]}" -i changes.yml --forks 3 --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/teardown-check.calls.json"
plan_run teardown "$playbooks/teardown.yml" "${inventory[@]}" -i changes.yml --forks 3 --diff "$@"
plan compare "$PLAN_OUTPUT/teardown-check.json" "$PLAN_OUTPUT/teardown.json"
plan state "$PLAN_OUTPUT/torn-down.json"
plan same-state "$PLAN_OUTPUT/seeded.json" "$PLAN_OUTPUT/torn-down.json"

if grep -lE "$secrets" "$PLAN_OUTPUT"/*.out; then
  echo "a password is in the output of the runs above" >&2
  exit 1
fi
