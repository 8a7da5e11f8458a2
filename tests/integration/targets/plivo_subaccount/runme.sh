#!/usr/bin/env bash
# plivo_subaccount, plivo_account (+ _info) and subaccount scope against the target's own
# emulator, run with -vvv; afterwards the output is searched for every subaccount auth token
# and endpoint password the emulator holds: none may appear.
set -euo pipefail
source ../setup_emulator/emulator.sh

log=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/plivo_subaccount-vvv.XXXXXX")
status=0
emulator_run_role -vvv "$@" >"$log" 2>&1 || status=$?
grep -E '^(PLAY RECAP|testhost|fatal|FAILED)' "$log" || true
if [[ $status -ne 0 ]]; then
  cat "$log"
  exit "$status"
fi
# The main token, the surviving subaccount's token and two endpoint passwords at least.
python ../setup_emulator/assert_no_secrets.py "$log" --min 4 --also desk-Pw-2718
