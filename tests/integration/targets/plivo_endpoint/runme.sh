#!/usr/bin/env bash
# plivo_endpoint and plivo_endpoint_info against the target's own emulator, run with -vvv so
# that the output can be searched for every password the run used: none may appear.
set -euo pipefail
source ../setup_emulator/emulator.sh

# Test data, not credentials: the SIP passwords the tasks set (see tasks/main.yml).
passwords=(alice-Pw-4711 alice2-Pw-0815 alice-Rotated-9 desk-Pw-31337)
log=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/plivo_endpoint-vvv.XXXXXX")
status=0
emulator_run_role -vvv -e "{\"endpoint_passwords\": [\"${passwords[0]}\", \"${passwords[1]}\", \"${passwords[2]}\", \"${passwords[3]}\"]}" \
  "$@" >"$log" 2>&1 || status=$?
grep -E '^(PLAY RECAP|testhost|fatal|FAILED)' "$log" || true
if [[ $status -ne 0 ]]; then
  cat "$log"
  exit "$status"
fi
also=()
for password in "${passwords[@]}"; do
  also+=(--also "$password")
done
python ../setup_emulator/assert_no_secrets.py "$log" --min 5 "${also[@]}"
