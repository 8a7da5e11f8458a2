#!/usr/bin/env python
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Queue faults on the emulator in one process (one task instead of one per fault).

    python queue_faults.py EMULATOR_URL API_BASE_PATH FAULTS_JSON

FAULTS_JSON: a list of fault specs as in setup_reliability/defaults/main.yml, each with
``where``: ``collection`` (the path ``API_BASE_PATH`` itself: list reads and creates) or
``object`` (one object below it). Prints the faults as the emulator queued them.
"""

from __future__ import annotations

import json
import sys
import urllib.request


def main():
    url, base, faults = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    for fault in faults:
        spec = dict((k, v) for k, v in fault.items() if k != 'where')
        spec['path'] = base + ('$' if fault['where'] == 'collection' else '[^/]+/$')
        request = urllib.request.Request(url + '/__emulator__/faults', data=json.dumps(spec).encode(),
                                         headers={'Content-Type': 'application/json'}, method='POST')
        with urllib.request.urlopen(request, timeout=10) as response:
            print(response.read().decode())


if __name__ == '__main__':
    main()
