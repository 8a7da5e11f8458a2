# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""In-memory state: one table per resource kind, guarded by one lock.

A record is a plain dict.  Keys starting with ``_`` are internal (``_owner``:
the auth id of the account owning it, ``_seq``: creation order, secrets);
backends render the public object from it.  ``dialects`` (the open readings
the emulator speaks, see dialects.py) is fixed at start and survives reset.
"""

import datetime
import itertools
import random
import string
import threading
import uuid

DEFAULT_ACCOUNT = {
    "account_type": "standard",
    "address": "",
    "auto_recharge": False,
    "billing_mode": "prepaid",
    "cash_credits": "100.00000",
    "city": "",
    "name": "Emulator Account",
    "state": "",
    "timezone": "Etc/UTC",
}


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def today():
    return utcnow().strftime("%Y-%m-%d")


class Store:
    def __init__(self, auth_id, auth_token, kinds, dialects=frozenset()):
        self.lock = threading.RLock()
        self.auth_id = auth_id
        self.auth_token = auth_token
        self.kinds = list(kinds)
        self.dialects = frozenset(dialects)
        self._random = random.SystemRandom()
        self.reset()

    def reset(self):
        self.tables = {kind: {} for kind in self.kinds}
        self.account = dict(DEFAULT_ACCOUNT)
        self._seq = itertools.count(1)
        self._issued = set()
        self.clock_marks = {}

    def table(self, kind):
        return self.tables[kind]

    def next_seq(self):
        return next(self._seq)

    def new_digits(self, length):
        """A numeric id, unique among the ids this store has issued."""
        while True:
            value = str(self._random.randint(1, 9)) + "".join(
                self._random.choice(string.digits) for _unused in range(length - 1))
            if value not in self._issued:
                self._issued.add(value)
                return value

    def new_token(self, length, alphabet=string.ascii_letters + string.digits):
        return "".join(self._random.choice(alphabet) for _unused in range(length))

    def new_subaccount_id(self):
        while True:
            value = "SA" + self.new_token(18, string.ascii_uppercase + string.digits)
            if value not in self._issued:
                self._issued.add(value)
                return value

    @staticmethod
    def new_uuid():
        return str(uuid.uuid4())

    def unique_second(self, name):
        """The current second, moved forward past the last one handed out under ``name``."""
        now = utcnow().replace(microsecond=0)
        last = self.clock_marks.get(name)
        if last is not None and now <= last:
            now = last + datetime.timedelta(seconds=1)
        self.clock_marks[name] = now
        return now

    def subaccount(self, auth_id):
        return self.tables.get("subaccount", {}).get(auth_id)

    def dump(self):
        return {"account": dict(self.account, auth_id=self.auth_id), "tables": self.tables}
