# shellcheck shell=bash
# Sourced by an integration target's runme.sh, after ../setup_emulator/emulator.sh, to test
# playbook runs as a whole: what a --check run predicted against what the real run did, the
# API calls of each run, and the account's resources before and after. A target opts in with
# `needs/target/setup_plan` in its aliases file.
#
#   plan_run NAME ARGS...   ansible-playbook ARGS with the task_changes callback; writes
#                           $PLAN_OUTPUT/NAME.json (per host and task: changed, ok, skipped),
#                           $PLAN_OUTPUT/NAME.calls.json (the run's API calls) and
#                           $PLAN_OUTPUT/NAME.out (its output). runme.sh sets -o pipefail.
#   plan ARGS...            python plan.py ARGS (compare, unchanged, state, same-state,
#                           no-writes, count: see plan.py)
#   plan_fails NAME ARGS... the run must fail; its output is kept in $PLAN_OUTPUT/NAME.out
# Sets PLAN_COLLECTION, the root of the collection under test (its playbooks/ and roles/).

PLAN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
PLAN_OUTPUT=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/plan.XXXXXX")
export PLAN_DIR PLAN_OUTPUT

plan_find_collection() {
  local dir
  dir=$(pwd -P)
  while [[ $dir != / ]]; do
    if [[ -f $dir/galaxy.yml || -f $dir/MANIFEST.json ]] && [[ -d $dir/playbooks ]]; then
      echo "$dir"
      return 0
    fi
    dir=$(dirname "$dir")
  done
  echo "plan.sh: no collection root above $(pwd)" >&2
  return 1
}

PLAN_COLLECTION=$(plan_find_collection)
export PLAN_COLLECTION

plan() {
  python "$PLAN_DIR/plan.py" "$@"
}

plan_run() {
  local name=$1
  shift
  plan calls /dev/null --clear
  echo "== $name: ansible-playbook $*"
  TASK_CHANGES_FILE=$PLAN_OUTPUT/$name.json \
    ANSIBLE_CALLBACK_PLUGINS=$PLAN_DIR/callback_plugins${ANSIBLE_CALLBACK_PLUGINS:+:$ANSIBLE_CALLBACK_PLUGINS} \
    ANSIBLE_CALLBACKS_ENABLED=task_changes${ANSIBLE_CALLBACKS_ENABLED:+,$ANSIBLE_CALLBACKS_ENABLED} \
    ansible-playbook "$@" 2>&1 | tee "$PLAN_OUTPUT/$name.out"
  plan calls "$PLAN_OUTPUT/$name.calls.json"
  plan count "$PLAN_OUTPUT/$name.calls.json"
}

plan_fails() {
  local name=$1 status=0
  shift
  plan calls /dev/null --clear
  echo "== $name (must fail): ansible-playbook $*"
  ansible-playbook "$@" >"$PLAN_OUTPUT/$name.out" 2>&1 || status=$?
  plan calls "$PLAN_OUTPUT/$name.calls.json"
  if [[ $status == 0 ]]; then
    cat "$PLAN_OUTPUT/$name.out"
    echo "plan.sh: $name succeeded but must fail" >&2
    return 1
  fi
}
