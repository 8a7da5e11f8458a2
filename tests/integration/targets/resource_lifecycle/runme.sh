#!/usr/bin/env bash
# The generic lifecycle, driven by the table in resources.yml: every resource module through
# create (check mode first), re-run, its _info twin, update (check mode first), re-run, the
# list form keyed by name, rename by id where the API allows it, bad input before any write,
# delete (check mode first) and delete again, in one -vvv run whose output is then searched
# for every secret the run handled. render.py turns the table into the playbook.
# numbers.yml takes the numbers' family through the same steps. It all runs twice, each
# against a fresh emulator: on the in-process path (the default for a
# local connection) and on the module path (plivo_execution=module); each run's -vvv output
# must show that every module task took that path.
set -euo pipefail
source ../setup_emulator/emulator.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/lifecycle.XXXXXX")
cleanup() {
  emulator_stop
  rm -rf "$work"
}
trap cleanup EXIT

python=$(emulator_python)
"$python" render.py resources.yml lifecycle.yml.j2 >lifecycle.yml
# The table's own secrets, besides every password and token the emulator holds.
mapfile -t also < <("$python" - <<'PY'
import yaml
for row in yaml.safe_load(open('resources.yml'))['resources']:
    for secret in row.get('secrets', []):
        print(secret)
PY
)
args=()
for secret in "${also[@]}"; do
  args+=(--also "$secret")
done

# run_path PATH [ARGS...]: a fresh emulator, the table and numbers.yml on that path, the
# checks of its log; the exit status of the first check that failed in $work/status-PATH.
run_path() {
  local path=$1 log status=0 in_process module
  shift
  log=$work/lifecycle-$path.log
  : >"$log"
  emulator_start >>"$log" 2>&1 || status=$?
  if [[ $status -eq 0 ]]; then
    emulator_playbook lifecycle.yml -vvv -e "plivo_execution=$path" "$@" >>"$log" 2>&1 || status=$?
  fi
  if [[ $status -eq 0 ]]; then
    emulator_playbook numbers.yml -vvv -e "plivo_execution=$path" "$@" >>"$log" 2>&1 || status=$?
  fi
  if [[ $status -ne 0 ]]; then
    grep -E '^(TASK|fatal|failed)|"msg":|assertion' "$log" | tail -n 40 >&2 || true
    cp "$log" "${OUTPUT_DIR:-/tmp}/lifecycle-$path.log" 2>/dev/null || true
  else
    echo "plivo_execution=$path:"
    grep -E '^PLAY RECAP' -A 1 "$log"
    in_process=$(grep -c "runs in the controller's process" "$log" || true)
    module=$(grep -c 'runs as a module process' "$log" || true)
    echo "  module tasks in the controller's process: $in_process, as module processes: $module"
    if [[ $path == auto && ($in_process -lt 100 || $module -ne 0) ]] ||
      [[ $path == module && ($module -lt 100 || $in_process -ne 0) ]]; then
      echo "the tasks did not all take the $path path" >&2
      status=1
    fi
  fi
  if [[ $status -eq 0 ]]; then
    # The objects are deleted by now: the table's secrets and the account token at least.
    "$python" ../setup_emulator/assert_no_secrets.py "$log" --min $((${#also[@]} + 1)) "${args[@]}" || status=$?
  fi
  emulator_stop
  echo "$status" >"$work/status-$path"
}

# The two paths at once, each with its own emulator (the runs wait on the API and on
# Ansible's workers more than on the CPU).
for path in auto module; do
  run_path "$path" "$@" &
done
wait || true
for path in auto module; do
  status=$(cat "$work/status-$path" 2>/dev/null || echo 1)
  if [[ $status -ne 0 ]]; then
    echo "resource_lifecycle: the $path path failed (exit $status)" >&2
    exit "$status"
  fi
done
