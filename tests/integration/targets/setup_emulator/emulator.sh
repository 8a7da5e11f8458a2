# shellcheck shell=bash
# Sourced by an integration target's runme.sh: start the target's own Plivo API emulator on
# a free loopback port, export the connection settings the modules read, and stop the
# emulator when runme.sh exits. A target opts in with `needs/target/setup_emulator` in its
# aliases file (ansible-test then copies this directory beside the target) and
#
#     source ../setup_emulator/emulator.sh
#
# Exports PLIVO_API_URL, PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN (set the last two before sourcing
# to use other credentials) and EMULATOR_PID, and defines
#   emulator_playbook PLAYBOOK [ARGS...]  ansible-playbook with ansible-test's inventory and
#                                         the extra vars emulator_url, emulator_auth_id and
#                                         emulator_auth_token
#   emulator_run_role [ARGS...]           the same for a role-style target: runs this
#                                         target's own tasks/main.yml on testhost
#   emulator_stop                         stop the emulator now (the EXIT trap calls it)
#   emulator_start                        start a fresh one (empty state, a new port; a
#                                         running one is stopped first) and export its
#                                         PLIVO_API_URL; sourcing this file calls it once
#   emulator_list_dialects                the emulator's `--list-dialects`: one
#                                         `name<TAB>description` line per dialect (fails
#                                         when the emulator has no such option)
# EMULATOR_DIALECTS (space-separated dialect names, read by each emulator_start; unset or
# empty: the default reading) starts the emulator with one `--dialect NAME` per name, e.g.
#     EMULATOR_DIALECTS=zentrunk-flat emulator_start
# (the Dialects section of tests/emulator/README.md describes them).
# The helper owns the EXIT trap; a target that needs its own cleanup calls `emulator_stop`
# from its trap.

export PLIVO_AUTH_ID=${PLIVO_AUTH_ID:-MAPLIVOEMULATOR00001}
export PLIVO_AUTH_TOKEN=${PLIVO_AUTH_TOKEN:-emulator-token}

# ansible-test runs a target from a temporary copy inside the collection
# (<collection>/tests/output/.tmp/integration/<target>-*/tests/integration/targets/<target>),
# so the emulator is found by walking up to the collection root.
emulator_find() {
  local dir
  dir=$(pwd -P)
  while [[ $dir != / ]]; do
    if [[ -f $dir/galaxy.yml || -f $dir/MANIFEST.json ]] && [[ -f $dir/tests/emulator/__main__.py ]]; then
      echo "$dir/tests/emulator"
      return 0
    fi
    dir=$(dirname "$dir")
  done
  echo "emulator.sh: no tests/emulator/__main__.py above $(pwd)" >&2
  return 1
}

emulator_stop() {
  if [[ -n ${EMULATOR_PID:-} ]] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill -TERM "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
  EMULATOR_PID=
}

# ansible-test puts its python wrapper first on PATH: the interpreter running the test.
emulator_python() {
  command -v python || command -v python3
}

emulator_list_dialects() {
  local emulator python
  emulator=$(emulator_find) || return 1
  python=$(emulator_python) || return 1
  "$python" "$emulator" --list-dialects
}

emulator_start() {
  local emulator python output line name _
  local dialects=() args=()
  emulator_stop
  emulator=$(emulator_find) || return 1
  python=$(emulator_python) || return 1
  read -r -a dialects <<<"${EMULATOR_DIALECTS:-}"
  for name in "${dialects[@]}"; do
    args+=(--dialect "$name")
  done
  mkdir -p "${OUTPUT_DIR:-${TMPDIR:-/tmp}}"
  output=$(mktemp "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/emulator.XXXXXX")
  PYTHONUNBUFFERED=1 "$python" "$emulator" --port 0 \
    --auth-id "$PLIVO_AUTH_ID" --auth-token "$PLIVO_AUTH_TOKEN" "${args[@]}" >"$output" 2>"$output.err" &
  EMULATOR_PID=$!
  for _ in $(seq 1 300); do
    line=$(head -n 1 "$output" 2>/dev/null || true)
    if [[ $line == PLIVO_API_URL=* ]]; then
      export PLIVO_API_URL=${line#PLIVO_API_URL=}
      export EMULATOR_PID
      return 0
    fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  echo "emulator.sh: the emulator did not announce its URL; its output:" >&2
  cat "$output" "$output.err" >&2
  emulator_stop
  return 1
}

emulator_playbook() {
  local playbook=$1
  shift
  ansible-playbook -i "$INVENTORY_PATH" "$playbook" \
    -e "emulator_url=$PLIVO_API_URL" -e "emulator_auth_id=$PLIVO_AUTH_ID" \
    -e "emulator_auth_token=$PLIVO_AUTH_TOKEN" "$@"
}

emulator_run_role() {
  local target playbook status=0
  target=$(pwd -P)
  # The playbook sits in the target's (temporary) directory, as ansible-test places its own,
  # so that paths such as ../setup_emulator/read_requests.yml resolve from the role too.
  playbook=$target/.emulator-run-$$.yml
  printf -- '- name: Run the %s target against its emulator\n  hosts: testhost\n  gather_facts: false\n  roles:\n    - %s\n' \
    "${target##*/}" "${target##*/}" >"$playbook"
  ANSIBLE_ROLES_PATH=$(dirname "$target") emulator_playbook "$playbook" "$@" || status=$?
  rm -f "$playbook"
  return "$status"
}

trap emulator_stop EXIT
emulator_start
