# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module wrapper: connection options, client creation and error reporting, once.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
"""

import ipaddress

from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.plivo.provisioning.plugins.module_utils._client import (
    DEFAULT_API_URL, HAS_REQUESTS, REQUESTS_IMPORT_ERROR, PlivoClient, PlivoError)
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import TASK_READS
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value)
from ansible_collections.plivo.provisioning.plugins.module_utils._workers import (
    DEFAULT_CONCURRENCY, MAX_CONCURRENCY)


def connection_argument_spec():
    """The connection options every module takes (documented in the plivo doc fragment).

    Task options and module_defaults win; environment variables are the last resort. That
    is why ``api_url`` has no default here: a default would shadow ``PLIVO_API_URL``.
    """
    return dict(
        auth_id=dict(type='str', no_log=False, fallback=(env_fallback, ['PLIVO_AUTH_ID'])),
        auth_token=dict(type='str', no_log=True, fallback=(env_fallback, ['PLIVO_AUTH_TOKEN'])),
        api_url=dict(type='str', fallback=(env_fallback, ['PLIVO_API_URL'])),
        validate_certs=dict(type='bool', default=True),
        timeout=dict(type='float', default=30.0),
        retries=dict(type='int', default=5),
        retry_budget=dict(type='float', default=120.0),
        concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
    )


def _is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PlivoModule:
    """An AnsibleModule with the connection options, a client, and one way to fail."""

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        kwargs.setdefault('supports_check_mode', True)
        self.ansible = AnsibleModule(argument_spec=spec, **kwargs)
        self.params = self.ansible.params
        self.check_mode = self.ansible.check_mode
        self.diff_mode = self.ansible._diff
        # The task's no_log keyword: whether Ansible hides this task's result from output.
        self.task_no_log = bool(self.ansible.no_log)
        self.client = None
        if not HAS_REQUESTS:
            self.ansible.fail_json(msg=missing_required_lib('requests'),
                                   exception=str(REQUESTS_IMPORT_ERROR))
        self.client = self._make_client()
        TASK_READS.watch(self.client)

    def _make_client(self):
        p = self.params
        for option, env in (('auth_id', 'PLIVO_AUTH_ID'), ('auth_token', 'PLIVO_AUTH_TOKEN')):
            if not p.get(option):
                self.fail('%s is required: set the %s option (or module_defaults for '
                          'group/plivo.provisioning.plivo) or the %s environment variable'
                          % (option, option, env))
        api_url = (p.get('api_url') or DEFAULT_API_URL).rstrip('/')
        parts = urlsplit(api_url)
        if '@' in parts.netloc:
            # Never quoted, and masked in the echoed options too: the part before '@' may be a
            # password.
            self.ansible.no_log_values.update(
                v for v in (parts.netloc.rsplit('@', 1)[0], parts.password) if v)
            self.fail('api_url must not hold credentials before the host (user:password@): set '
                      'auth_id and auth_token instead')
        if parts.scheme not in ('http', 'https') or not parts.hostname:
            self.fail('api_url %s is not an http(s) URL' % describe_value(api_url))
        if parts.query or parts.fragment:
            self.fail('api_url %s must not have a query or fragment: the modules add '
                      '/v1/Account/... to it' % describe_value(api_url))
        if parts.scheme == 'http' and not _is_loopback(parts.hostname):
            self.fail('api_url %s uses plain http, which would send the auth token unencrypted; '
                      'use https (plain http is allowed only for loopback test servers)'
                      % describe_value(api_url))
        if p['timeout'] <= 0:
            self.fail('timeout %s must be a positive number of seconds' % p['timeout'])
        if p['retries'] < 0:
            self.fail('retries %s must be 0 or more' % p['retries'])
        if p['retry_budget'] < 0:
            self.fail('retry_budget %s must be 0 or more seconds' % p['retry_budget'])
        if not 1 <= p['concurrency'] <= MAX_CONCURRENCY:
            self.fail('concurrency %s must be from 1 to %d' % (p['concurrency'], MAX_CONCURRENCY))
        return PlivoClient(p['auth_id'], p['auth_token'], api_url=api_url, timeout=p['timeout'],
                           retries=p['retries'], validate_certs=p['validate_certs'],
                           retry_budget=p['retry_budget'], concurrency=p['concurrency'])

    def warn(self, message):
        self.ansible.warn(message)

    def fail(self, msg, **kwargs):
        self.ansible.fail_json(msg=msg, **self._extras(kwargs))

    def fail_from(self, exc):
        if isinstance(exc, PlivoError):
            self.fail(**exc.as_fail_kwargs())
        self.fail(str(exc))

    def exit(self, **result):
        self.ansible.exit_json(**self._extras(result))

    def _extras(self, result):
        if self.client is not None and self.client.retry_log:
            result['api_retries'] = list(self.client.retry_log)
        return result

    def run(self, action):
        """Run ``action()`` (which returns the result dict) and report API errors uniformly."""
        try:
            result = action()
        except (PlivoError, UserError) as exc:
            self.fail_from(exc)
        self.exit(**result)
