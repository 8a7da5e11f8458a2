#!/usr/bin/env bash
# The modules converge under every reading of the Plivo API. scenario.yml (every module family:
# create, the same task again without a write, update, check mode without a write, delete,
# delete again) runs once against the emulator's default reading and once per dialect alone,
# as `python tests/emulator --list-dialects` names them (a new dialect is covered by itself),
# each against a fresh emulator (DIALECTS_JOBS of them at a time). Each run is -v, and its output is searched for every secret
# the run handled. Every reading runs even when one fails; then the matrix (reading x module
# family, with each reading's seconds) is printed and written to
# $OUTPUT_DIR/dialects-matrix.txt with each failure's task and message, and the script fails
# when any cell failed. $OUTPUT_DIR/dialects-<reading>.log keeps each run's output, and
# dialects-<reading>.json the failures scenario.yml recorded.
set -euo pipefail
source ../setup_emulator/emulator.sh

out=${OUTPUT_DIR:-/tmp}
mkdir -p "$out"
# The runs write to a directory of their own, copied to $out at the end: $OUTPUT_DIR lies
# inside the installed collection, whose tests/output a concurrent `make install` moves
# away for a moment.
work=$(mktemp -d "${TMPDIR:-/tmp}/dialects.XXXXXX")
cleanup() {
  emulator_stop
  rm -rf "$work"
}
trap cleanup EXIT
summary=$work/dialects-summary.tsv
: >"$summary"

readings=(default)
if listing=$(emulator_list_dialects 2>"$work/dialects-list.err"); then
  mapfile -t listed < <(printf '%s\n' "$listing" | cut -f1 | sed '/^[[:space:]]*$/d')
  if [[ ${#listed[@]} -eq 0 ]]; then
    echo "dialects: the emulator's --list-dialects names no dialect" >&2
    exit 1
  fi
  readings+=("${listed[@]}")
elif "$(emulator_python)" "$(emulator_find)" --help 2>&1 | grep -q -- '--list-dialects'; then
  echo "dialects: the emulator's --list-dialects failed:" >&2
  cat "$work/dialects-list.err" >&2
  exit 1
else
  echo "dialects: WARNING: this emulator has no --list-dialects; only the default reading runs" >&2
fi

# Test data, not credentials: the passwords in vars.yml.
passwords=(Dl-Desk-1-pw Dl-Desk-2-pw Dl-Desk-3-pw "Dl#Cred1pw")

# run_reading NAME DIALECTS [ARGS...]: a fresh emulator speaking DIALECTS, the scenario, the
# secrets search; one line in $summary.
run_reading() {
  local reading=$1 reading_dialects=$2 log results status=0 secrets_status=0 start seconds secret
  local also=()
  log=$work/dialects-$reading.log
  results=$work/dialects-$reading.json
  rm -f "$results"
  : >"$log"
  start=$EPOCHREALTIME
  if EMULATOR_DIALECTS=$reading_dialects emulator_start >>"$log" 2>&1; then
    emulator_playbook scenario.yml -v -e "dl_reading=$reading" -e "dl_dialects=$reading_dialects" \
      -e "dl_results=$results" "${@:3}" \
      >>"$log" 2>&1 || status=$?
    # The main token, the passwords and the subaccount's token (deleted from the emulator by
    # now; the scenario hands it over in the results, which keep only the failures then).
    for secret in "${passwords[@]}"; do
      also+=(--also "$secret")
    done
    if [[ -s $results ]]; then
      while IFS= read -r secret; do
        if [[ -n $secret ]]; then
          also+=(--also "$secret")
        fi
      done < <(python results.py secrets "$results")
    fi
    python ../setup_emulator/assert_no_secrets.py "$log" --min $((${#passwords[@]} + 2)) "${also[@]}" \
      >"$log.secrets" 2>&1 || secrets_status=$?
    cat "$log.secrets" >>"$log"
    rm -f "$log.secrets"
  else
    status=$?
    secrets_status=$status
  fi
  emulator_stop
  seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  printf '%s\t%s\t%s\t%s\t%s\n' "$reading" "$status" "$secrets_status" "$seconds" "$log" \
    >"$work/summary-$reading.tsv"
  printf 'dialects: %-28s playbook exit %s, secrets search exit %s, %ss\n' \
    "$reading" "$status" "$secrets_status" "$seconds"
}

# DIALECTS_JOBS readings at a time (default 2, this machine's cores), each in a subshell with
# its own emulator; the summary keeps the order of the readings.
max_jobs=${DIALECTS_JOBS:-2}
for reading in "${readings[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $max_jobs ]]; do
    wait -n || true
  done
  (
    trap emulator_stop EXIT
    if [[ $reading == default ]]; then
      run_reading default "" "$@"
    else
      run_reading "$reading" "$reading" "$@"
    fi
  ) &
done
wait || true
for reading in "${readings[@]}"; do
  if [[ -s $work/summary-$reading.tsv ]]; then
    cat "$work/summary-$reading.tsv" >>"$summary"
  else  # its subshell died before writing a line: a failed reading, never a missing row
    printf '%s\t1\t1\t0\t%s\n' "$reading" "$work/dialects-$reading.log" >>"$summary"
  fi
done

status=0
python results.py matrix "$summary" "$work/dialects-matrix.txt" || status=$?
mkdir -p "$out"
cp "$work"/dialects-*.log "$work"/dialects-*.json "$work/dialects-matrix.txt" "$out"/ 2>/dev/null || true
echo "dialects: the matrix and each reading's log and results are in $out (dialects-*)"
[[ $status -eq 0 ]]
