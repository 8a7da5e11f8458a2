#!/usr/bin/env bash
# The list form of the resource modules (one task per kind: 3 carriers, 2 applications, 25
# endpoints, 3 IP ACLs, 3 credentials, 6 origination URIs, 6 trunks) against the target's own
# emulator, run with -vvv so that the output can be searched for every password the run sent:
# none may appear.
set -euo pipefail
source ../setup_emulator/emulator.sh

# Test data, not credentials: the passwords in vars/main.yml.
passwords=()
for n in $(seq -w 1 25); do
  passwords+=("Lf-Desk-$n-pw")
done
passwords+=("Lf#Cred1pw" "Lf#Cred2pw" "Lf#Cred3pw" "Weak-password1")
log=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/plivo_list_form-vvv.XXXXXX")
status=0
emulator_run_role -vvv "$@" >"$log" 2>&1 || status=$?
grep -E '^(PLAY RECAP|testhost|fatal|FAILED)' "$log" || true
if [[ $status -ne 0 ]]; then
  cat "$log"
  exit "$status"
fi
# The endpoint and credential tasks ran at -vvv (their results and module arguments are in
# the log), so the search below is not vacuous.
grep -q 'plivo_endpoint' "$log" && grep -q 'plivo_trunk_credential' "$log"
also=()
for password in "${passwords[@]}"; do
  also+=(--also "$password")
done
python ../setup_emulator/assert_no_secrets.py "$log" --min ${#passwords[@]} "${also[@]}"
