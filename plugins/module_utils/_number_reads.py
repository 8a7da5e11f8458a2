# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Numbers as options give them and as the account holds them: validators, and the reader
that learns which listed numbers exist in the fewest requests.

Private to the plivo.provisioning collection: not a public API, it may change without notice.
"""

import os
import re

from ansible_collections.plivo.provisioning.plugins.module_utils._catalog import NUMBER
from ansible_collections.plivo.provisioning.plugins.module_utils._client import PAGE_SIZE
from ansible_collections.plivo.provisioning.plugins.module_utils._resolver import TASK_READS
from ansible_collections.plivo.provisioning.plugins.module_utils._validate import (
    UserError, describe_value, phone_number)

# Up to this many numbers are read with one GET each; more are read from the filtered list.
GET_EACH_UP_TO = 3
INVENTORY_PATH = 'PhoneNumber/'
# What TaskReads keeps the number filter's reading under: not a path, so no write forgets it.
FILTER_PROBE_KEY = '(number_startswith matches whole numbers)'
PATTERN_RE = re.compile(r'^[0-9*]+$')


def normalise_numbers(values, option='numbers'):
    """The listed numbers as digits with country code, in order, without repeats."""
    numbers, seen = [], set()
    for entry in values or []:
        try:
            number = phone_number(entry)
        except ValueError as exc:
            raise UserError('%s entry %s %s' % (option, describe_value(entry), exc))
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    return numbers


def number_pattern(value):
    """A search pattern: digits and '*' (one '*' stands for one digit)."""
    text = str(value).strip()
    if not PATTERN_RE.match(text):
        raise ValueError('may contain only digits and * (one * is one digit)')
    return text


def number_prefix(value):
    """The start of a number, with country code: '+1 415' is '1415'."""
    text = re.sub(r'[\s().-]', '', str(value)).lstrip('+')
    if not re.match(r'^[1-9][0-9]*$', text):
        raise ValueError('is not the start of a number with country code, such as 1415')
    return text


def country_iso(value):
    """A two-letter ISO 3166 country code, upper-cased."""
    text = str(value).strip()
    if not re.match(r'^[A-Za-z]{2}$', text):
        raise ValueError('is not a two-letter country code such as US or GB')
    return text.upper()


class NumberReader:
    """Learns which of the listed numbers are on the account, in the fewest requests.

    Up to ``GET_EACH_UP_TO`` numbers: one GET each. More: one page of the list filtered by
    ``number_startswith`` = the numbers' longest common prefix. If that page shows the list
    goes on, the rest is read whichever way takes fewer requests: the remaining pages, or
    one GET per listed number that page did not show.

    The API's docs say only that ``number_startswith`` matches numbers that "begin with this
    pattern"; Plivo's number search matches the national number, without the country code.
    So a number the filtered page does not show is taken as absent only once the filter is
    known to match whole numbers: the page itself shows numbers that start with the prefix,
    or, when it shows none, a filtered read of a number on the account finds that number
    (``filter_matches_whole``: two reads, once per reader, or once per task for the loop items
    of a task run in the controller's process; one read that finds the account
    without numbers). Otherwise each unseen number is confirmed with a GET of its own. A
    block of 60 fresh numbers costs 2 or 3 requests; 60 present ones cost 3.
    """

    def __init__(self, client):
        self.client = client
        self._whole = None  # whether number_startswith matches whole numbers (None: not known)

    def read(self, numbers):
        """{number: object} for the listed numbers that exist."""
        wanted = list(numbers)
        if len(wanted) <= GET_EACH_UP_TO:
            return self._get_each(wanted)
        prefix = os.path.commonprefix(wanted)
        query = {'number_startswith': prefix} if prefix else {}
        data = self.client.request('GET', NUMBER.path,
                                   params=dict(query, limit=PAGE_SIZE, offset=0))[1]
        objects = data.get('objects') or []
        meta = data.get('meta') or {}
        wanted_set = set(wanted)
        found = dict((o['number'], o) for o in objects if o.get('number') in wanted_set)
        shown = set(o.get('number') for o in objects)
        unseen = [n for n in wanted if n not in shown]
        if not unseen:
            return found
        total = meta.get('total_count')
        if objects and meta.get('next') and (total is None or int(total) > len(objects)):
            if not self._trust(prefix, objects):
                return dict(found, **self._get_each(unseen))
            pages_left = None if total is None else -(-(int(total) - len(objects)) // PAGE_SIZE)
            if pages_left is not None and pages_left <= len(unseen):
                rest = self.client.paginate(NUMBER.path, dict(query, offset=len(objects)))
                found.update((o['number'], o) for o in rest if o.get('number') in wanted_set)
                return found
            found.update(self._get_each(unseen))
            return found
        if self._trust(prefix, objects):
            return found
        return dict(found, **self._get_each(unseen))

    def _trust(self, prefix, objects):
        """Whether numbers a filtered page did not show are absent (see the class docstring)."""
        if not prefix:
            return True
        if any(str(o.get('number', '')).startswith(prefix) for o in objects):
            return True
        if objects:  # it matched something else: the national number
            return False
        return self.filter_matches_whole()

    def filter_matches_whole(self):
        """Does ``number_startswith`` match numbers by their whole number, country code
        included? Learnt once from a number on the account (two reads); an account with no
        number at all has nothing to miss, and is asked again next time."""
        if self._whole is None:
            # How the API's filter reads does not change with the task's writes: the loop
            # items of one task learn it once (TaskReads; the key is no kind it writes).
            self._whole = TASK_READS.read(self.client, ('probe', FILTER_PROBE_KEY, None), self._probe,
                                          keep=lambda whole: whole is not None)
        return self._whole if self._whole is not None else True

    def _probe(self):
        """True or False as the filter matches whole numbers; None while the account has no
        number to learn it from (then nothing can be missed, and it is asked again)."""
        data = self.client.request('GET', NUMBER.path, params={'limit': 1, 'offset': 0})[1]
        objects = data.get('objects') or []
        if not objects:
            return None
        sample = objects[0]['number']
        probe = self.client.request('GET', NUMBER.path, params={
            'number_startswith': sample, 'limit': 1, 'offset': 0})[1]
        return any(o.get('number') == sample for o in probe.get('objects') or [])

    def _get_each(self, numbers):
        found = {}
        for number in numbers:
            obj = self.client.get_or_none(NUMBER.object_path(number))
            if obj is not None:
                found[number] = obj
        return found
