#!/usr/bin/env bash
# Carriers, applications, endpoints and subaccounts through every fault of the plan in
# setup_reliability/defaults/main.yml, run with -vvv: afterwards the whole output is searched
# for every password and auth token the emulator holds.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_reliability/reliability.sh

reliability_run_role "$@"
reliability_check_secrets 7
