# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet scenario of `make bench`, and the fewest API calls it can be done in.

The scenario is data (``fleet()``); every runner (the roles, the SDK script, the uri
playbook) reads the same data, and ``minimum_calls()`` derives the floor from it and the
API's rules in plivo-api.md. Nothing here talks to the API.

Fleet: 10 incoming carriers, 5 applications (two carriers share each), 50 SIP endpoints
(5 per carrier, linked to its application), and 20 PBX hosts. Each host has an inbound
trunk (primary and fallback origination URI) and an outbound trunk (an IP ACL of its two
public addresses, and a digest credential), and 50 numbers added from one carrier (two
hosts per carrier, so 100 numbers per carrier, 1,000 in all) and linked to its inbound
trunk. ``scale`` shrinks every count (for the slow uri baseline); ``scale=1`` is the
scenario of the issue.
"""

from __future__ import annotations

import math

PAGE = 20          # the API's largest list page (limit=20)
ADD_CHUNK = 20     # numbers per add-from-carrier call that plivo_number sends
REGION = 'California'

FULL = dict(carriers=10, applications=5, endpoints_per_carrier=5, hosts=20, numbers_per_host=50)


def fleet(scale=1.0):
    """The scenario's data; every list is in the order a sequential script creates it."""
    counts = dict((k, max(1, int(round(v * scale)))) for k, v in FULL.items())
    counts['endpoints_per_carrier'] = FULL['endpoints_per_carrier']
    counts['numbers_per_host'] = FULL['numbers_per_host']
    if scale < 1:  # keep two hosts per carrier and two carriers per application
        counts['carriers'] = max(1, int(round(FULL['carriers'] * scale)))
        counts['hosts'] = 2 * counts['carriers']
        counts['applications'] = max(1, (counts['carriers'] + 1) // 2)
    applications = [
        {'name': 'fleet-app-%d' % a, 'answer_url': 'https://ivr.example.com/fleet/%d/answer' % a}
        for a in range(1, counts['applications'] + 1)]
    carriers = []
    for c in range(1, counts['carriers'] + 1):
        carriers.append({
            'name': 'fleet-carrier-%02d' % c,
            'ip_set': ['198.51.100.%d' % (2 * c), '198.51.100.%d' % (2 * c + 1)],
            'application': applications[(c - 1) * counts['applications'] // counts['carriers']]['name'],
            'endpoints': [
                {'username': 'fleetphone%02d%d' % (c, e), 'alias': 'Fleet phone %d of carrier %d' % (e, c),
                 'password': 'Phone-%02d-%d-secret' % (c, e)}
                for e in range(1, counts['endpoints_per_carrier'] + 1)],
        })
    hosts = []
    for h in range(1, counts['hosts'] + 1):
        hosts.append({
            'host': 'pbx%02d' % h,
            'address': '192.0.2.%d' % h,
            'fallback_address': '192.0.2.%d' % (100 + h),
            'public_addresses': ['203.0.113.%d' % h, '203.0.113.%d' % (100 + h)],
            'credential': {'username': 'fleetpbx%02d' % h, 'password': 'Trunk#pass%02d' % h},
            'carrier': carriers[(h - 1) * counts['carriers'] // counts['hosts']]['name'],
            'region': REGION,
            # 1415 + host + 4 digits: each host's block shares a prefix no other host has.
            'numbers': ['1415%03d%04d' % (h, n) for n in range(counts['numbers_per_host'])],
        })
    return {'scale': scale, 'carriers': carriers, 'applications': applications, 'hosts': hosts}


def object_counts(data):
    """How many objects of each kind the scenario has."""
    hosts = data['hosts']
    return {
        'carrier': len(data['carriers']),
        'application': len(data['applications']),
        'endpoint': sum(len(c['endpoints']) for c in data['carriers']),
        'ip_acl': sum(1 for h in hosts if h['public_addresses']),
        'credential': sum(1 for h in hosts if h['credential']),
        'origination_uri': sum(1 + bool(h['fallback_address']) for h in hosts),
        'trunk': 2 * len(hosts),
        'number': sum(len(h['numbers']) for h in hosts),
    }


def pages(n):
    """List requests needed to see n objects: ceil(n/20), and one (an empty page) for none."""
    return max(1, math.ceil(n / PAGE))


def minimum_calls(data):
    """The fewest API calls that converge the scenario, first on an empty account, then again.

    The floor of any tool that is idempotent (it must learn the current state before
    writing) and uses the API as plivo-api.md describes it, however it is structured:

    First run, on an empty account (K = kinds with at least one object, here 8):
      reads  = K                       one list page per kind shows it is empty
                                       (total_count 0); nothing needs more to be known
             + ceil(T_out / 20)        the create answer has no trunk_domain, and the PBX
                                       needs its outbound trunk's: one list filtered by
                                       trunk_direction=outbound after the creates
      writes = sum over kinds of n_k   one create per carrier, application, endpoint, ACL,
               (numbers excepted)      credential, origination URI and trunk (the create
                                       answers carry every id later calls need, and an
                                       endpoint's answer its suffixed username)
             + sum over hosts of ceil(numbers_h / 20)
                                       numbers are added 20 per call with app_id set to
                                       the host's inbound trunk, which links them in the
                                       same call (no update per number)
    Converged re-run (everything exists and matches):
      reads  = sum over kinds of ceil(n_k / 20)
                                       every object must be seen to be compared, 20 per
                                       page; numbers too (1,000 numbers: 50 pages); the
                                       trunk list carries trunk_domain, the endpoint list
                                       the suffixed usernames
      writes = 0
    """
    counts = object_counts(data)
    kinds = [k for k, n in counts.items() if n]
    number_adds = sum(math.ceil(len(h['numbers']) / ADD_CHUNK) for h in data['hosts'])
    first_reads = len(kinds) + pages(len(data['hosts']))
    first_writes = sum(n for k, n in counts.items() if k != 'number') + number_adds
    converged_reads = sum(pages(counts[k]) for k in kinds)
    return {
        'counts': counts,
        'first': {'GET': first_reads, 'POST': first_writes, 'total': first_reads + first_writes},
        'converged': {'GET': converged_reads, 'POST': 0, 'total': converged_reads},
        'formula': {
            'first': 'K + ceil(T_out/20) reads + sum(n_k, k != number) creates + '
                     'sum_h ceil(numbers_h/20) number adds = %d + %d + %d + %d'
                     % (len(kinds), pages(len(data['hosts'])),
                        first_writes - number_adds, number_adds),
            'converged': 'sum_k ceil(n_k/20) reads = ' + ' + '.join(
                '%d (%s)' % (pages(counts[k]), k) for k in kinds),
        },
    }


if __name__ == '__main__':
    import json
    print(json.dumps(minimum_calls(fleet()), indent=2))
