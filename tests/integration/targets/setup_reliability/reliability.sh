# shellcheck shell=bash
# Sourced by a reliability_* target's runme.sh after ../setup_emulator/emulator.sh. Every run
# goes through -vvv into one log, so that the secrets check sees everything a user could see.
#   reliability_run_role [ARGS...]       the target's role (tasks/main.yml), -vvv, into the log
#   reliability_playbook PLAYBOOK [ARGS...]  a playbook beside runme.sh, the same way
#   reliability_append FILE...           add other output (a run in the background) to the log
#   reliability_check_secrets MIN [SECRET...]  fail when the log, or the emulator's request
#                                        log, shows any password or token the emulator holds,
#                                        the main auth token, or a SECRET given; MIN: fewest
#                                        secrets that must have been looked for
# A failed run prints its whole log and exits with the run's status.

reliability_log=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/reliability-vvv.XXXXXX")

reliability_show() {
  local status=$1
  grep -E '^(PLAY RECAP|testhost|localhost|fatal|FAILED)' "$reliability_log" | tail -n 20 || true
  if [[ $status -ne 0 ]]; then
    cat "$reliability_log"
    exit "$status"
  fi
}

reliability_run_role() {
  local status=0
  emulator_run_role -vvv "$@" >>"$reliability_log" 2>&1 || status=$?
  reliability_show "$status"
}

reliability_playbook() {
  local status=0
  emulator_playbook "$@" -vvv >>"$reliability_log" 2>&1 || status=$?
  reliability_show "$status"
}

reliability_append() {
  cat "$@" >>"$reliability_log"
}

reliability_check_secrets() {
  local min=$1 requests also=()
  shift
  for secret in "$@"; do
    also+=(--also "$secret")
  done
  python ../setup_emulator/assert_no_secrets.py "$reliability_log" --min "$min" "${also[@]}"
  requests=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/reliability-requests.XXXXXX")
  python -c 'import json, sys, urllib.request
log = json.load(urllib.request.urlopen(sys.argv[1] + "/__emulator__/requests", timeout=10))
print("\n".join(json.dumps(entry) for entry in log["requests"]))' "$PLIVO_API_URL" >"$requests"
  python ../setup_emulator/assert_no_secrets.py "$requests" --min "$min" "${also[@]}"
}
