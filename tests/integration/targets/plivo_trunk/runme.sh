#!/usr/bin/env bash
set -euo pipefail
source ../setup_emulator/emulator.sh
emulator_run_role "$@"
