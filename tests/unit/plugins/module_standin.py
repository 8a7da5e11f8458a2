# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one stand-in for a module that unit tests hand to the shared loops.

The loops under test (reconcile, numbers, bulk, workers) are real; this only supplies what
they read from a PlivoModule: options, check and diff mode, a real client against the test's
emulator, warnings, and run() keeping the result instead of exiting.
"""

from ansible_collections.plivo.provisioning.plugins.module_utils._client import PlivoClient


def no_sleep(seconds):
    """Retry waits are recorded by the client but not slept in unit tests."""
    return seconds


class ModuleStandIn:
    """What the shared loops need of a module."""

    def __init__(self, api, params, check_mode=False, diff_mode=True, task_no_log=False,
                 client=None, auth=None, **client_options):
        self.params = dict(params)
        self.check_mode = check_mode
        self.diff_mode = diff_mode
        self.task_no_log = task_no_log
        if client is None:
            auth_id, auth_token = auth or (api.auth_id, api.auth_token)
            client_options.setdefault('timeout', 5)
            client_options.setdefault('sleep', no_sleep)
            client = PlivoClient(auth_id, auth_token, api_url=api.url, **client_options)
        self.client = client
        self.warnings = []
        self.result = None

    def warn(self, message):
        self.warnings.append(message)

    def run(self, action):
        """What PlivoModule.run does, keeping the result instead of exiting."""
        self.result = action()
