#!/usr/bin/env bash
# The carrier_onboarding role through the collection's own playbooks (onboard_carrier.yml,
# drift_report.yml, teardown.yml): bad input stops before any write, the dry run predicts
# the real run task by task, a re-run writes nothing, changes converge the same way, and the
# teardown leaves the account exactly as it was.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_plan/plan.sh

playbooks=$PLAN_COLLECTION/playbooks
inventory=(-i inventory.yml)
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
# ansible-test makes an unmatched host pattern an error; drift_report.yml and teardown.yml
# have a play for PBXs, which this inventory does not have (as a user's may not).
export ANSIBLE_HOST_PATTERN_MISMATCH=warning

ansible-playbook seed.yml "$@"
plan state "$PLAN_OUTPUT/seeded.json"

# Bad input: the role stops before it writes anything; the message names the option and
# the value, never a password.
for bad in bad/*.yml; do
  name=bad-$(basename "$bad" .yml)
  plan_fails "$name" "$playbooks/onboard_carrier.yml" "${inventory[@]}" --limit carrier-east,carrier-legacy \
    -e "@$bad" "$@"
  plan no-writes "$PLAN_OUTPUT/$name.calls.json"
  while read -r expected; do
    grep -qF -- "$expected" "$PLAN_OUTPUT/$name.out" || { cat "$PLAN_OUTPUT/$name.out"; echo "no '$expected' in the output" >&2; exit 1; }
  done < <(sed -n 's/^# expect: //p' "$bad")
  if grep -qE 'It-Secret-77|Ab1!|It-reception-1|It-Token-Secret' "$PLAN_OUTPUT/$name.out"; then
    echo "$name: a password is in the output" >&2
    exit 1
  fi
done
plan state "$PLAN_OUTPUT/after-bad-input.json"
plan same-state "$PLAN_OUTPUT/seeded.json" "$PLAN_OUTPUT/after-bad-input.json"

# The dry run on an account without any of it, then the real run: the same changes.
plan_run check "$playbooks/onboard_carrier.yml" "${inventory[@]}" --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/check.calls.json"
plan_run apply "$playbooks/onboard_carrier.yml" "${inventory[@]}" --diff "$@"
plan compare "$PLAN_OUTPUT/check.json" "$PLAN_OUTPUT/apply.json"

# Converged: a re-run (the role again, then checks of its facts and of the account) changes
# nothing and writes nothing.
plan_run again verify.yml "${inventory[@]}" "$@"
plan unchanged "$PLAN_OUTPUT/again.json"
plan no-writes "$PLAN_OUTPUT/again.calls.json"

# The inventory changes (a carrier address, two numbers, an alias, a new phone): the dry run
# predicts, the real run does the same, and the drift report then finds nothing.
plan_run check-changes "$playbooks/onboard_carrier.yml" "${inventory[@]}" -i changes.yml --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/check-changes.calls.json"
test "$(plan changed "$PLAN_OUTPUT/check-changes.json")" = 3
plan_run apply-changes "$playbooks/onboard_carrier.yml" "${inventory[@]}" -i changes.yml --diff "$@"
plan compare "$PLAN_OUTPUT/check-changes.json" "$PLAN_OUTPUT/apply-changes.json"
plan_run drift "$playbooks/drift_report.yml" "${inventory[@]}" -i changes.yml "$@"
plan no-writes "$PLAN_OUTPUT/drift.calls.json"
grep -q 'No drift: the account matches the inventory.' "$PLAN_OUTPUT/drift.out"

# Teardown, dry then real: the same deletions, and the account is back to the seeded state.
plan_run teardown-check "$playbooks/teardown.yml" "${inventory[@]}" -i changes.yml --check --diff "$@"
plan no-writes "$PLAN_OUTPUT/teardown-check.calls.json"
plan_run teardown "$playbooks/teardown.yml" "${inventory[@]}" -i changes.yml --diff "$@"
plan compare "$PLAN_OUTPUT/teardown-check.json" "$PLAN_OUTPUT/teardown.json"
plan state "$PLAN_OUTPUT/torn-down.json"
plan same-state "$PLAN_OUTPUT/seeded.json" "$PLAN_OUTPUT/torn-down.json"

# The role from include_role on localhost, its vars given per include (not in hostvars),
# one carrier using the existing application by name: converged, then unchanged, then gone.
plan_run loop-apply include_role.yml "$@"
plan_run loop-again include_role.yml "$@"
plan unchanged "$PLAN_OUTPUT/loop-again.json"
plan no-writes "$PLAN_OUTPUT/loop-again.calls.json"
plan_run loop-teardown include_role.yml -e loop_state=absent "$@"
plan state "$PLAN_OUTPUT/loop-torn-down.json"
plan same-state "$PLAN_OUTPUT/seeded.json" "$PLAN_OUTPUT/loop-torn-down.json"

# No password of the inventory in any output, --diff included.
if grep -lE 'It-(reception-1|sales-2|legacy-3|support-4|loop-[01])' "$PLAN_OUTPUT"/*.out; then
  echo "a password is in the output of the runs above" >&2
  exit 1
fi
