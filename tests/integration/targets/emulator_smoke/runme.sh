#!/usr/bin/env bash
# The harness itself: a target's own emulator starts, answers authenticated reads, refuses
# a wrong token, and records every call in its request log.
set -euo pipefail
source ../setup_emulator/emulator.sh
emulator_playbook playbook.yml "$@"
