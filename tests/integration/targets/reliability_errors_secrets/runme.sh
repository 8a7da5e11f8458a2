#!/usr/bin/env bash
# Transport and errors (certificates verified by default, each HTTP status mapped to advice
# with status and api_id) and every module that handles a secret, all with -vvv; then the
# whole output and the emulator's request log are searched for every secret. It runs on both
# execution paths.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_reliability/reliability.sh

# A second emulator behind TLS with an untrusted certificate; stopped with the first one.
tls_output=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/tls-emulator.XXXXXX")
python files/tls_emulator.py "$(emulator_find)" "$PLIVO_AUTH_ID" "$PLIVO_AUTH_TOKEN" >"$tls_output" 2>&1 &
tls_pid=$!
stop_all() {
  kill -TERM "$tls_pid" 2>/dev/null || true
  wait "$tls_pid" 2>/dev/null || true
  emulator_stop
}
trap stop_all EXIT
tls_url=
for _ in $(seq 1 100); do
  line=$(head -n 1 "$tls_output")
  if [[ $line == PLIVO_TLS_URL=* ]]; then
    tls_url=${line#PLIVO_TLS_URL=}
    break
  fi
  sleep 0.1
done
[[ -n $tls_url ]] || { cat "$tls_output"; exit 1; }

# Once as module processes, then (a fresh emulator) in the controller's process, the default
# for a local connection: both outputs go into the one log the secrets check reads.
reliability_run_role -e "tls_url=$tls_url" -e plivo_execution=module "$@"
emulator_start
reliability_run_role -e "tls_url=$tls_url" "$@"
reliability_check_secrets 7 Wrong-Token-31337 Desk-Pw-Always-1 Desk-Pw-Always-2 "Cred!Pw+Always1" "Uri!Pw+Always1"
