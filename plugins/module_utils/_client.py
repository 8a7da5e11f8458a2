# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for the Plivo REST API.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
It knows HTTP, authentication, retries and pagination, and nothing about Ansible.
"""

import random
import threading
import time
from urllib.parse import parse_qs, urlsplit

from ansible_collections.plivo.provisioning.plugins.module_utils._workers import first_error, run_bounded

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without requests
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

DEFAULT_API_URL = 'https://api.plivo.com'
PAGE_SIZE = 20  # the largest page the Plivo API serves

# The retry policy, written down in one place:
# - 429 means the API did not process the request, so every method is retried, after the
#   server's Retry-After (capped, so a hostile or broken header cannot stall a play).
# - 5xx and connection errors are retried only for requests that are safe to repeat
#   (reads, deletes, updates that set fields). A create is never re-sent blindly: the
#   caller gets an AmbiguousWriteError and re-reads by natural key instead.
# - A connection that could not even be opened never reached the server: always safe.
# - Backoff is exponential with full jitter so parallel runs do not retry in lockstep,
#   and everything is bounded by the attempt count (``retries``, per request) and a total
#   time budget (``retry_budget``, per client, so per module run): the seconds spent on
#   failed attempts and on waiting between them, across all requests. A run that meets a
#   long outage gives up after about that long instead of retrying each of its requests.
# - A response slower than ``timeout`` is a connection error like any other: a read is
#   retried, a create is ambiguous.
RETRY_AFTER_CAP = 30.0
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0

STATUS_ADVICE = {
    400: 'the API refused the request as invalid: correct the value it names',
    401: 'Plivo rejected the credentials: check auth_id and auth_token (or PLIVO_AUTH_ID and '
         'PLIVO_AUTH_TOKEN); a subaccount\'s credentials only work on that subaccount',
    403: 'the credentials are valid but not allowed to do this: a subaccount cannot manage the '
         'main account\'s resources',
    404: 'the API does not know this object or path: check the id, and that api_url points at '
         'the Plivo API',
    405: 'the API does not allow this method here: check that api_url points at the Plivo API',
    422: 'the API is missing a required parameter: set the option it names, and if the module '
         'should have asked for it, report this with the api_id',
    429: 'Plivo is rate limiting this account and retries ran out: lower the number of forks or '
         'raise retries',
    500: 'Plivo had an internal error and retries ran out: try again later',
}


class PlivoError(Exception):
    """An API or transport failure, with what a user needs to act on it."""

    def __init__(self, message, status=None, api_id=None, method=None, path=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.api_id = api_id
        self.method = method
        self.path = path

    def as_fail_kwargs(self):
        """The keyword arguments for AnsibleModule.fail_json()."""
        return {'msg': self.message, 'status': self.status, 'api_id': self.api_id}


class AmbiguousWriteError(PlivoError):
    """A write whose outcome is unknown: the server may or may not have applied it."""


def _describe(status, api_message, method, path, advice=None):
    advice = advice or STATUS_ADVICE.get(status)
    if advice is None and status is not None and status >= 500:
        advice = STATUS_ADVICE[500]
    parts = ['%s %s failed with HTTP %s' % (method, path, status)]
    if advice:
        parts.append(advice)
    if api_message:
        parts.append('API said: %s' % api_message)
    return ': '.join(parts)


def _connection_failure(exc, timeout):
    """What went wrong with the connection, in words; never the URL's query or any header."""
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return 'no answer within timeout=%gs' % timeout
    if isinstance(exc, requests.exceptions.SSLError):
        return ('TLS failed (%s): check the certificate, or set validate_certs=false only for a '
                'test endpoint you trust' % _short_reason(exc))
    return 'connection error (%s)' % type(exc).__name__


def _short_reason(exc):
    text = str(exc)
    for marker in ('CERTIFICATE_VERIFY_FAILED', 'certificate verify failed', 'WRONG_VERSION_NUMBER'):
        if marker in text:
            return marker
    return type(exc).__name__


def _connection_never_opened(exc):
    """True when the request cannot have reached the server (refused, DNS, connect timeout)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], 'reason', None) if exc.args else None
    name = type(reason).__name__
    return name in ('NewConnectionError', 'NameResolutionError', 'ConnectTimeoutError')


class Answer(dict):
    """A decoded JSON object answer, with the HTTP status it came with."""

    def __init__(self, data, status):
        super().__init__(data)
        self.status = status


class PlivoClient:
    """A session against one account: ``/v1/Account/{auth_id}/`` is the root of every path."""

    def __init__(self, auth_id, auth_token, api_url=DEFAULT_API_URL, timeout=30.0, retries=5,
                 validate_certs=True, retry_budget=120.0, sleep=time.sleep, clock=time.monotonic,
                 concurrency=1):
        if not HAS_REQUESTS:
            raise PlivoError('the Python library requests is required: %s' % REQUESTS_IMPORT_ERROR)
        self.auth_id = auth_id
        self.api_url = api_url.rstrip('/')
        self.timeout = timeout
        self.retries = retries
        self.retry_budget = retry_budget
        self.retry_spent = 0.0  # seconds of failed attempts and waits, against retry_budget
        self.session = requests.Session()
        self.session.auth = (auth_id, auth_token)
        self.session.verify = validate_certs
        self.session.headers.update({'Accept': 'application/json',
                                     'User-Agent': 'plivo.provisioning-ansible-collection'})
        self._sleep = sleep
        self._clock = clock
        self.calls = {}  # method -> count of HTTP requests sent, retries included
        self.retry_log = []  # one line per retry, for -v output; never holds secrets
        self.write_listeners = []  # callables told the relative path of every write, before it is sent
        # Independent writes a module may send at once (_workers.run_bounded). The session is
        # shared (its pool keeps 10 connections per host, _workers.MAX_CONCURRENCY); so is a
        # 429's Retry-After: every worker holds until it has passed.
        self.concurrency = concurrency
        self._lock = threading.Lock()
        self._hold = (0.0, None)  # (clock time, thread that got the 429)

    # -- paths ---------------------------------------------------------------------------
    @property
    def account_path(self):
        return '/v1/Account/%s/' % self.auth_id

    def path(self, relative=''):
        """The absolute API path of a resource path relative to the account."""
        if relative.startswith('/'):
            return relative
        return self.account_path + relative

    def uri(self, relative, object_id):
        """The resource URI the API uses to refer to an object (e.g. in ``application``)."""
        return '%s%s/' % (self.path(relative), object_id)

    # -- transport -----------------------------------------------------------------------
    def request(self, method, path, params=None, body=None, idempotent=None):
        """Send one logical request, retrying as the policy above allows.

        Returns ``(status, data)`` where data is the decoded JSON body (``{}`` when empty).
        Raises PlivoError for API errors, AmbiguousWriteError when a non-idempotent write
        may or may not have happened.
        """
        if idempotent is None:
            idempotent = method in ('GET', 'DELETE', 'HEAD')
        if method not in ('GET', 'HEAD'):
            for listener in self.write_listeners:  # reads kept of that kind are stale now
                listener(path)
        full_path = self.path(path)
        url = self.api_url + full_path
        attempt = 0
        while True:
            attempt += 1
            self._hold_for_other_workers()
            with self._lock:
                self.calls[method] = self.calls.get(method, 0) + 1
            attempt_started = self._clock()
            try:
                # verify per request: a session's verify=False loses to REQUESTS_CA_BUNDLE.
                response = self.session.request(
                    method, url, params=params, json=body if method != 'GET' else None,
                    timeout=self.timeout, verify=self.session.verify)
            except requests.exceptions.RequestException as exc:
                safe = idempotent or _connection_never_opened(exc)
                reason = _connection_failure(exc, self.timeout)
                if isinstance(exc, requests.exceptions.SSLError):
                    # No request left the client, and another handshake would fail the same way.
                    raise PlivoError('%s %s failed: %s' % (method, full_path, reason),
                                     method=method, path=full_path)
                if not safe:
                    raise AmbiguousWriteError(
                        '%s %s: %s; the write may or may not have been applied'
                        % (method, full_path, reason), method=method, path=full_path)
                wait = self._backoff(attempt)
                give_up = self._give_up(attempt, attempt_started, wait)
                if give_up:
                    raise PlivoError('%s %s failed: %s%s' % (method, full_path, reason, give_up),
                                     method=method, path=full_path)
            else:
                status = response.status_code
                if status < 400:
                    return status, self._decode(response)
                data = self._decode(response, tolerant=True)
                api_id = data.get('api_id') if isinstance(data, dict) else None
                api_message = self._api_message(data, response)
                if status >= 500 and not idempotent:
                    raise AmbiguousWriteError(
                        _describe(status, api_message, method, full_path, 'Plivo had an error')
                        + '; the write may or may not have been applied',
                        status=status, api_id=api_id, method=method, path=full_path)
                retryable = status == 429 or (status >= 500 and idempotent)
                wait = self._retry_after(response) if status == 429 else None
                if wait is None:
                    wait = self._backoff(attempt)
                if status == 429:
                    self._hold = (self._clock() + wait, threading.current_thread())
                give_up = self._give_up(attempt, attempt_started, wait) if retryable else ''
                if not retryable or give_up:
                    raise PlivoError(_describe(status, api_message, method, full_path) + give_up,
                                     status=status, api_id=api_id, method=method, path=full_path)
                reason = 'HTTP %d' % status + (' (api_id %s)' % api_id if api_id else '')
            with self._lock:  # workers share the budget
                self.retry_spent += self._clock() - attempt_started + wait
            self.retry_log.append('retry %d of %d for %s %s after %s, waiting %.2fs'
                                  % (attempt, self.retries, method, full_path, reason, wait))
            self._sleep(wait)

    def _hold_for_other_workers(self):
        """Wait out a Retry-After another worker thread was given: the account is rate limited."""
        until, holder = self._hold
        if holder is not None and holder is not threading.current_thread():
            wait = until - self._clock()
            if wait > 0:
                self._sleep(wait)

    def pause_before_resend(self, attempt, description):
        """Back off before the caller sends a write again that it knows cannot duplicate anything
        (numbers: the API keeps each once). False when ``retries`` or ``retry_budget`` are used up."""
        wait = self._backoff(attempt)
        with self._lock:  # workers share the budget
            if attempt > self.retries or self.retry_spent + wait > self.retry_budget:
                return False
            self.retry_spent += wait
        self.retry_log.append('retry %d of %d: %s, waiting %.2fs'
                              % (attempt, self.retries, description, wait))
        self._sleep(wait)
        return True

    def _give_up(self, attempt, attempt_started, wait):
        """Why no retry follows (a clause for the error message), or '' when one may."""
        if attempt > self.retries:
            return ' (%d attempts, retries=%d)' % (attempt, self.retries)
        spent = self.retry_spent + self._clock() - attempt_started
        if spent + wait > self.retry_budget:
            return (' (%d attempts; retrying again would take the %.0fs spent on retries in this '
                    'task past retry_budget=%g)' % (attempt, spent + wait, self.retry_budget))
        return ''

    @staticmethod
    def _backoff(attempt):
        return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1))))

    @staticmethod
    def _retry_after(response):
        value = response.headers.get('Retry-After')
        try:
            return min(max(float(value), 0.0), RETRY_AFTER_CAP)
        except (TypeError, ValueError):
            return None

    @staticmethod
    def _decode(response, tolerant=False):
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            if tolerant:
                return {}
            raise PlivoError('%s %s answered HTTP %s with a body that is not JSON: check api_url'
                             % (response.request.method, urlsplit(response.url).path,
                                response.status_code), status=response.status_code)

    @staticmethod
    def _api_message(data, response):
        if isinstance(data, dict):
            for key in ('error', 'message', 'detail'):
                if data.get(key):
                    value = data[key]
                    return value if isinstance(value, str) else repr(value)
        return (response.reason or '').strip() or None

    # -- verbs ---------------------------------------------------------------------------
    def get(self, path, params=None):
        """Read one object; unwraps ``{"object": {...}}`` (how Zentrunk answers in production)."""
        data = self.request('GET', path, params=params)[1]
        if isinstance(data, dict) and isinstance(data.get('object'), dict):
            return data['object']
        return data

    def get_or_none(self, path):
        """Read one object, or None when the API answers 404 (it does not exist)."""
        try:
            return self.get(path)
        except PlivoError as exc:
            if exc.status == 404:
                return None
            raise

    def create(self, path, body):
        """POST a new object; never re-sent blindly (see AmbiguousWriteError). The answer is
        the decoded body, which also tells its HTTP ``status`` (``206``: partial success)."""
        status, data = self.request('POST', path, body=body, idempotent=False)
        return Answer(data, status) if isinstance(data, dict) else data

    def update(self, path, body):
        """POST field changes to an existing object; setting fields is safe to repeat."""
        return self.request('POST', path, body=body, idempotent=True)[1]

    def delete(self, path, body=None):
        """DELETE an object. Returns False when it was already gone (404), True otherwise."""
        try:
            self.request('DELETE', path, body=body)
        except PlivoError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def paginate(self, path, params=None, page_size=PAGE_SIZE, whole=True):
        """Yield every object of a list, page by page, with the largest page the API allows.

        Filters in ``params`` are sent with every page; the next offset comes from
        ``meta.next`` when present, and the walk stops at ``total_count``. Once the first
        page has given ``total_count``, the offsets of the other pages are known: a caller
        that reads the ``whole`` list has them fetched ``concurrency`` at a time (each
        request inside the retry policy, as any other) and still gets the objects in list
        order. ``whole=False`` (a caller that may stop early) reads one page after another.
        """
        query = dict((k, v) for k, v in (params or {}).items() if v is not None)
        query['limit'] = page_size
        query['offset'] = int(query.get('offset') or 0)
        while True:
            data = self.request('GET', path, params=query)[1]
            objects = data.get('objects') or []
            yield from objects
            meta = data.get('meta') or {}
            next_link = meta.get('next')
            if not objects or not next_link:
                return
            next_offset = parse_qs(urlsplit(next_link).query).get('offset')
            query['offset'] = int(next_offset[0]) if next_offset else query['offset'] + len(objects)
            total = meta.get('total_count')
            if total is not None and query['offset'] >= int(total):
                return
            if whole and total is not None and self.concurrency > 1:
                yield from self._pages(path, query, range(query['offset'], int(total), page_size))
                return

    def _pages(self, path, query, offsets):
        """The objects of the pages at ``offsets``, fetched concurrently, in offset order."""
        outcomes = run_bounded(lambda offset: self.request('GET', path, params=dict(query, offset=offset))[1],
                               offsets, self.concurrency, stop_on=Exception)
        error = first_error(outcomes)
        if error is not None:
            raise error
        for outcome in outcomes:
            yield from outcome.result.get('objects') or []
