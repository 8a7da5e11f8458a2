# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An in-memory emulator of the parts of the Plivo REST API the collection uses."""

from .dialects import DialectError
from .server import Emulator, make_server

__all__ = ["DialectError", "Emulator", "make_server"]
