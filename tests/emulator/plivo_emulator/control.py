# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only machinery behind ``/__emulator__/``: request log, faults, rate limit.

None of these take the lock themselves; the server calls them while holding
``Emulator.lock``.
"""

import math
import re
import time

SECRET_KEYS = ("password", "auth_token", "new_auth_token")
MASK = "********"
DROP_MODES = ("before", "after")


def mask_secrets(value):
    if isinstance(value, dict):
        return {k: (MASK if k in SECRET_KEYS and v is not None else mask_secrets(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_secrets(item) for item in value]
    return value


class RequestLog:
    def __init__(self):
        self.entries = []
        self._seq = 0

    def next_seq(self):
        self._seq += 1
        return self._seq

    def add(self, entry):
        self.entries.append(entry)

    def snapshot(self):
        return sorted(self.entries, key=lambda e: e["seq"])

    def clear(self):
        self.entries = []


class FaultSpecError(ValueError):
    pass


class Faults:
    """Pending faults, consumed first-registered-first by matching requests."""

    def __init__(self):
        self.pending = []
        self._ids = 0

    def add(self, spec):
        if not isinstance(spec, dict):
            raise FaultSpecError("fault must be a JSON object")
        method = spec.get("method", "*")
        if not isinstance(method, str) or not method:
            raise FaultSpecError("method must be an HTTP method or *")
        pattern = spec.get("path", ".*")
        try:
            compiled = re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise FaultSpecError("path is not a valid regular expression: %s" % exc) from None
        count = spec.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise FaultSpecError("count must be a positive integer")
        kinds = [k for k in ("status", "delay_ms", "drop") if k in spec]
        if len(kinds) != 1:
            raise FaultSpecError("give exactly one of status, delay_ms, drop")
        fault = {"method": method.upper(), "path": pattern, "count": count}
        if "status" in spec:
            status = spec["status"]
            if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
                raise FaultSpecError("status must be an HTTP status code")
            fault["status"] = status
            if "retry_after" in spec:
                retry_after = spec["retry_after"]
                if not isinstance(retry_after, (int, float)) or isinstance(retry_after, bool) or retry_after < 0:
                    raise FaultSpecError("retry_after must be a number of seconds")
                fault["retry_after"] = retry_after
            if "body" in spec:
                fault["body"] = spec["body"]
        elif "delay_ms" in spec:
            delay = spec["delay_ms"]
            if not isinstance(delay, (int, float)) or isinstance(delay, bool) or delay < 0:
                raise FaultSpecError("delay_ms must be a non-negative number")
            fault["delay_ms"] = delay
        else:
            if spec["drop"] not in DROP_MODES:
                raise FaultSpecError("drop must be before or after")
            fault["drop"] = spec["drop"]
        self._ids += 1
        fault["id"] = self._ids
        self.pending.append((compiled, fault))
        return dict(fault)

    def take(self, method, path):
        """The first pending fault matching the request, with one use consumed."""
        for index, (compiled, fault) in enumerate(self.pending):
            if fault["method"] not in ("*", method) or not compiled.search(path):
                continue
            fault["count"] -= 1
            if fault["count"] == 0:
                del self.pending[index]
            applied = {k: v for k, v in fault.items() if k not in ("count",)}
            return applied
        return None

    def list(self):
        return [dict(fault) for _unused, fault in self.pending]

    def clear(self):
        self.pending = []


class RateLimiter:
    """A token bucket per account: ``rps`` tokens a second, bursts of ``rps``."""

    def __init__(self):
        self.rps = 0
        self.buckets = {}

    def configure(self, rps):
        self.rps = rps
        self.buckets = {}

    def check(self, key, now=None):
        """None when allowed, else the seconds to wait (for Retry-After)."""
        if not self.rps:
            return None
        now = time.monotonic() if now is None else now
        capacity = max(1.0, float(self.rps))
        tokens, last = self.buckets.get(key, (capacity, now))
        tokens = min(capacity, tokens + (now - last) * self.rps)
        if tokens >= 1.0:
            self.buckets[key] = (tokens - 1.0, now)
            return None
        self.buckets[key] = (tokens, now)
        return max(1, math.ceil((1.0 - tokens) / self.rps))
