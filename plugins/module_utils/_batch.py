# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The apply half of the engine, shared by the list form and plivo_number: independent
writes run ``concurrency`` at a time, a failure that concerns one item is recorded and the
others go on, anything else stops the writes not yet started.

Private to the plivo.provisioning collection: not a public API, it may change without notice.

A resource whose API creates many objects in one call describes that call with a
``BatchCreate`` (the numbers' add from an incoming carrier: 20 numbers per request).
"""

from ansible_collections.plivo.provisioning.plugins.module_utils._workers import run_bounded

# Statuses that concern one item (its request was refused), not the connection or the
# account: recorded against the item, and the other items go on.
ITEM_STATUSES = (400, 404, 422)


class StopWrites(Exception):
    """A failure that is not about one item (credentials, rate limit after retries, outage):
    no further writes are started. ``error``: the PlivoError, or None when it was recorded."""

    def __init__(self, error=None):
        super().__init__(error)
        self.error = error


class ItemFailed(Exception):
    """One item failed (its failure is recorded); the other items go on."""


def concerns_one_item(exc):
    """Whether a PlivoError is about the request's items only (see ``ITEM_STATUSES``)."""
    return exc.status in ITEM_STATUSES


class ItemModule:
    """The module as one item sees it (a list-form item, a group of plivo_number's
    ``groups``): its own options, the module's client and context. ``check_mode`` and
    ``warn`` default to the module's."""

    def __init__(self, module, params, check_mode=None, warn=None):
        self.params = params
        self.client = module.client
        self.check_mode = module.check_mode if check_mode is None else check_mode
        self.diff_mode = module.diff_mode
        self.task_no_log = getattr(module, 'task_no_log', False)
        self.warn = module.warn if warn is None else warn


class Writes:
    """The outcome of ``apply_writes``: each job's ``Outcome`` (``_workers``) in job order,
    and ``stopped``, the StopWrites that stopped the pool, or None."""

    def __init__(self, outcomes, stopped):
        self.outcomes = outcomes
        self.stopped = stopped

    def done(self):
        """(job, result) for every job that ran to the end."""
        return [(o.item, o.result) for o in self.outcomes if o.started and o.error is None]

    def not_started(self):
        return [o.item for o in self.outcomes if not o.started]


def apply_writes(job, items, concurrency):
    """Run ``job(item)`` for each item, up to ``concurrency`` at a time, in item order.

    A job raising ``ItemFailed`` has recorded its failure; the others go on. ``StopWrites``,
    or any other exception (a defect), starts no further jobs: those already running finish,
    then the first unexpected exception is raised, else the result tells what stopped it.
    """
    outcomes = run_bounded(job, items, concurrency, stop_on=Exception, go_on=ItemFailed)
    stopped = None
    for outcome in outcomes:
        error = outcome.error
        if error is None or isinstance(error, ItemFailed):
            continue
        if not isinstance(error, StopWrites):
            raise error
        stopped = stopped or error
    return Writes(outcomes, stopped)


class BatchCreate:
    """A create call that takes many objects at once: how a resource description says so.

    ``chunk_size``: objects per request; ``carries``: the API fields the call sets besides
    the objects themselves (the others are set by an update of each object afterwards);
    ``keys_field``: the request field that lists the objects' keys, comma-separated.
    The API keeps each key once, so a chunk whose answer was lost is settled by reading
    which keys arrived and sending the rest again (never a duplicate).
    """

    def __init__(self, chunk_size, carries, keys_field):
        self.chunk_size = chunk_size
        self.carries = tuple(carries)
        self.keys_field = keys_field

    def chunks(self, keys):
        for start in range(0, len(keys), self.chunk_size):
            yield keys[start:start + self.chunk_size]
