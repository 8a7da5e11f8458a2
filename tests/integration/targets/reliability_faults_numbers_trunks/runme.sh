#!/usr/bin/env bash
# Zentrunk credentials and trunks through the fault plan in setup_reliability, numbers through
# the bulk loop's own faults, then two playbooks adding the same 40 numbers at the same time.
# Everything runs with -vvv; afterwards the whole output is searched for every secret.
set -euo pipefail
source ../setup_emulator/emulator.sh
source ../setup_reliability/reliability.sh

reliability_run_role "$@"

# Two runs at once: each must succeed, each number must be added by exactly one of them, and
# the account must hold each number once with the alias both asked for. The first add call of
# each run is held for 3 s before the API applies it, so unless the runs start more than 3 s
# apart, both read the numbers as missing and the later add is refused as a whole (400): the
# run that meets the refusal reads which numbers arrived, and adds only the rest.
curl -fsS -X POST -H 'Content-Type: application/json' "$PLIVO_API_URL/__emulator__/faults" \
  -d '{"method": "POST", "path": "/Number/$", "delay_ms": 3000, "count": 2}' >/dev/null
results=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/concurrent.XXXXXX")
pids=()
for run in a b; do
  emulator_playbook concurrent.yml -vvv -e "result_file=$results/$run.json" >"$results/$run.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=$?
done
reliability_append "$results/a.log" "$results/b.log"
reliability_show "$status"
python - "$results" "$PLIVO_API_URL" <<'PYTHON'
import json, sys, urllib.request
results, url = sys.argv[1], sys.argv[2]
added = [json.load(open('%s/%s.json' % (results, run))) for run in 'ab']
wanted = [str(n) for n in range(19175550300, 19175550340)]
assert sorted(added[0] + added[1]) == wanted, 'each number added by exactly one run: %s' % added
state = json.load(urllib.request.urlopen(url + '/__emulator__/state', timeout=10))
numbers = [n for n in state['tables']['number'].values() if n['number'] in wanted]
assert sorted(n['number'] for n in numbers) == wanted and all(n['alias'] == 'both' for n in numbers)
log = json.load(urllib.request.urlopen(url + '/__emulator__/requests', timeout=10))['requests']
refused = [r for r in log if r['method'] == 'POST' and r['path'].endswith('/Number/') and r['status'] == 400
           and 'status' not in r.get('fault', {})]  # refused by the API, not an injected 400
assert refused, 'the runs did not collide: no add call was refused'
print('concurrent runs: %d and %d numbers added, %d add calls refused and settled, %d on the account'
      % (len(added[0]), len(added[1]), len(refused), len(numbers)))
PYTHON

reliability_check_secrets 2
