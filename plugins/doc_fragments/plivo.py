# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment(object):

    # The connection options every module takes, documented once.
    DOCUMENTATION = r'''
options:
  auth_id:
    description:
      - The Plivo Auth ID of the account (C(MA...)) or subaccount (C(SA...)) to act as.
      - With a subaccount's Auth ID the module acts inside that subaccount and sees only its resources.
      - If not set, the E(PLIVO_AUTH_ID) environment variable is used, as the official Plivo SDK does.
    type: str
  auth_token:
    description:
      - The Auth Token that goes with O(auth_id). It is never logged or returned.
      - If not set, the E(PLIVO_AUTH_TOKEN) environment variable is used.
    type: str
  api_url:
    description:
      - Base URL of the Plivo API.
      - If not set, the E(PLIVO_API_URL) environment variable is used, and then V(https://api.plivo.com).
      - Plain C(http://) is refused except for loopback addresses (a local API emulator), so the token never
        crosses a network unencrypted.
    type: str
  validate_certs:
    description:
      - Whether to verify the API's TLS certificate. Only turn this off for a test endpoint you trust.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP response before treating the request as failed.
      - A read, update or delete that gets no answer in time is retried (see O(retries)). A create that gets
        no answer in time may still be applied by the API, so it is not sent again; the module reads the
        resource by its natural key to learn whether it happened.
    type: float
    default: 30
  retries:
    description:
      - How many times a request is retried after HTTP 429 (rate limited, honouring C(Retry-After), capped
        at 30 seconds), a 5xx answer, a dropped connection or a timeout, with jittered exponential backoff.
      - Reads, updates and deletes are retried; a create is never re-sent blindly. When a create fails
        without a clear answer, the module reads the resource by its natural key to learn whether it
        happened, so a retry never makes a duplicate. Numbers are the exception, safely so. The
        API keeps each number once, so the numbers of an unclear add or buy that did not arrive are sent
        again.
    type: int
    default: 5
  retry_budget:
    description:
      - The most seconds one task spends on retries, across all its requests, counting the failed attempts
        and the waits between them. When the next retry would pass it, the task fails with the last error.
      - Bounds a task during a long outage or rate limit, where O(retries) alone would let each of its
        requests wait its full backoff.
    type: float
    default: 120
  concurrency:
    description:
      - How many independent writes one task may send at the same time, from 1 to 10. Used where one task
        writes many objects, such as M(plivo.provisioning.plivo_number) (its add calls of 20 numbers, and the
        update, delete or buy of each number); modules that write one object send one request at a time.
      - Each request still follows O(retries), O(retry_budget) and the rate-limit policy; when the API answers
        HTTP 429, every request of the task waits for its C(Retry-After). Results are the same at every value,
        in the same order.
      - V(1) sends one request after another. Lower it when several playbooks share an account's rate limit.
    type: int
    default: 4
requirements:
  - requests
notes:
  - Module options and C(module_defaults) for C(group/plivo.provisioning.plivo) take precedence over
    environment variables.
  - Retries are listed in the result as RV(ignore:api_retries) (visible with C(-v)), one line per retry with
    the method, the path, the reason and the wait; never a secret.
  - "Where the task runs on the controller anyway (a local connection, as with C(delegate_to: localhost)), the
    module's work runs in the controller's process through the collection's action plugin, without starting a
    module process for each task and loop item; the loop items of one task then share their reads of the kinds
    the task does not write. Set the variable C(plivo_execution) to V(module) (for a task, a host or C(-e)), or the
    environment variable C(PLIVO_EXECUTION) of C(ansible-playbook), to run it as a module process instead, as it
    always runs on another host, with C(become), with C(async), or when the controller's Python lacks C(requests)."
'''

    # Attributes of modules that change things.
    ATTRIBUTES = r'''
attributes:
  check_mode:
    description: Can run in check mode and report what would change without changing anything; no write request is sent.
    support: full
  diff_mode:
    description: Reports the fields that would change or did change as C(before) and C(after); secrets are never shown.
    support: full
  action_group:
    description: Use C(group/plivo.provisioning.plivo) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - plivo.provisioning.plivo
'''

    # The list form of a resource module (carriers, trunks, ...).
    LIST_FORM = r'''
options: {}
notes:
  - "The list form (the option named after the kind in the plural, such as C(trunks)): an option an item leaves
    unset takes the task's value, its default included, so O(state=absent) beside a list of items that name only
    their objects deletes them all. Every item is planned before the first write, so bad input in any item fails
    the task before anything is written, naming the item (such as C(trunks[2]) and its name), the option and
    the value. The writes run O(concurrency) at a time; a failure of one item leaves the others converged and fails
    the task with RV(failures), and a re-run converges what is left."
'''

    # Attributes of the read-only _info modules.
    INFO_ATTRIBUTES = r'''
attributes:
  check_mode:
    description: Reads only, so it runs the same in check mode.
    support: full
  diff_mode:
    description: Reads only; there is nothing to diff.
    support: N/A
  action_group:
    description: Use C(group/plivo.provisioning.plivo) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - plivo.provisioning.plivo
'''
