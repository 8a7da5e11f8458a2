# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the Plivo API emulator: ``python tests/emulator --port 0``.

Running a directory executes this file with the directory itself as
``sys.path[0]``; inserting it explicitly keeps ``python -m`` and other
launchers working the same way.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from plivo_emulator.cli import main  # noqa: E402  pylint: disable=wrong-import-position

if __name__ == "__main__":
    sys.exit(main())
