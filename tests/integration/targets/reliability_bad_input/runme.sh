#!/usr/bin/env bash
# The bad-input table (files/bad_inputs.yml) as one playbook, run with -vvv; then the whole
# output and the emulator's request log are searched for every secret of the table.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_reliability/reliability.sh

python files/table_to_playbook.py files/bad_inputs.yml >bad_inputs_play.yml
# Once as module processes, then (a fresh emulator) in the controller's process, the default
# for a local connection: the same refusals, before any write, on both paths.
reliability_playbook bad_inputs_play.yml -e plivo_execution=module "$@"
emulator_start
reliability_playbook bad_inputs_play.yml "$@"
mapfile -t secrets < <(python -c 'import sys, yaml
print("\n".join(sorted({r["secret"] for r in yaml.safe_load(open(sys.argv[1]))["bad_inputs"] if "secret" in r})))' files/bad_inputs.yml)
reliability_check_secrets 5 "${secrets[@]}"
