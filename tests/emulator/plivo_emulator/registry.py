# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every emulated resource; adding one is a new module in ``resources/`` plus one line below.

Order matters twice: hooks run in this order, and a subaccount's cascade
delete walks the tables in this order (carriers before their numbers,
applications before their endpoints, trunks before what they reference).
"""

import importlib

RESOURCE_MODULES = (
    "account",
    "subaccount",
    "carrier",
    "application",
    "number",
    "phone_number",
    "endpoint",
    "zentrunk_trunk",
    "zentrunk_credential",
    "zentrunk_ipacl",
    "zentrunk_uri",
)

RESOURCES = [importlib.import_module(".resources." + name, __package__) for name in RESOURCE_MODULES]
