# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dialects: readings of the Plivo API that the evidence leaves open.

The default speaks what the evidence confirms; each dialect switches one open
reading on (``--dialect NAME``).  This is the one registry: a name, a
one-line description, and the evidence for the reading.  Backends ask
``call.dialect(name)``.
"""

from collections import namedtuple

Dialect = namedtuple("Dialect", "name description evidence")

DIALECTS = (
    Dialect(
        "zentrunk-flat",
        "every single Zentrunk GET, the trunk included, answers flat",
        "Plivo's Zentrunk reference pages show single reads flat, and plivo-cli's unwrapSIPTrunk "
        "(cmd/sip_test.go TestUnwrapSIPTrunk) accepts a flat trunk body as well as a nested one.",
    ),
    Dialect(
        "zentrunk-nested",
        "every single Zentrunk GET, credential, ACL and URI included, answers nested under \"object\"",
        "A verbatim production trunk read is nested (plivo-cli cmd/sip_test.go "
        "TestSIPTrunksGet_decodesTheRealNestedResponse); one service may answer every kind that way.",
    ),
    Dialect(
        "number-trunk-object",
        "a number reads object_type/object_id; a trunk-linked number has application null",
        "Plivo's newer number-list page (docs/privatebeta/numbers/api/account-phone-number/"
        "list-all-my-numbers) shows numbers with object_type \"trunk\" and object_id <trunk_id>.",
    ),
    Dialect(
        "number-trunk-app-uri",
        "a trunk-linked number reads application /v1/Account/{auth_id}/Application/{trunk_id}/",
        "Plivo's docs, as quoted in plivo-api.md: \"Zentrunk customers can pass the inbound trunk_id "
        "as the app_id\", so the trunk id may come back in an Application URI.",
    ),
    Dialect(
        "number-startswith-national",
        "the Number/ filter number_startswith matches the number without its country code",
        "Plivo's docs say only \"begin with this pattern\"; the number-pool starts_with filter "
        "(docs/messaging/api/numberpool/list-all-numbers) excludes the country code.",
    ),
    Dialect(
        "carrier-update-both",
        "POST IncomingCarrier/{id}/ needs both name and ip_set",
        "The legacy reference page (docs/numbers/api/incoming-carrier/update-an-incoming-carrier) "
        "marks name and ip_set Required on update; the newer page does not.",
    ),
    Dialect(
        "number-add-partial",
        "adding several numbers adds all but the last and answers 206 partial success",
        "Plivo's numbers response page (docs/numbers/api/response) lists \"206 Partial success\", and "
        "plivo-python (plivo/rest/client.py) and plivo-ruby (lib/plivo/base_client.rb) accept 206; "
        "no SDK fixture or docs page shows a 206 body, so its shape is a choice.",
    ),
    Dialect(
        "trunk-unique-names",
        "a trunk name is unique per account (create and rename)",
        "A third-party project's changelog quotes Plivo refusing a trunk create with "
        "\"A trunk with the same name ... already exists\"; Plivo's reference pages are silent.",
    ),
)

KNOWN = {dialect.name: dialect for dialect in DIALECTS}

CONTRADICTIONS = (
    ("zentrunk-flat", "zentrunk-nested"),
    ("number-trunk-object", "number-trunk-app-uri"),
)


class DialectError(ValueError):
    pass


def resolve(names):
    """The dialects to speak, as a frozenset; unknown or contradictory names raise DialectError."""
    chosen = frozenset(names or ())
    unknown = sorted(chosen - set(KNOWN))
    if unknown:
        raise DialectError("unknown dialect %s; known dialects: %s"
                           % (", ".join(unknown), ", ".join(KNOWN)))
    for first, second in CONTRADICTIONS:
        if first in chosen and second in chosen:
            raise DialectError("dialects %s and %s contradict each other; choose one" % (first, second))
    return chosen


def ordered(names):
    """``names`` in registry order."""
    return [dialect.name for dialect in DIALECTS if dialect.name in names]
