# -*- coding: utf-8 -*-
# Copyright: contributors to the plivo.provisioning collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs plivo_endpoint in the controller's process when it would run on the controller anyway
(plugins/plugin_utils/_in_process.py), else as a module process."""

from ansible_collections.plivo.provisioning.plugins.plugin_utils._in_process import InProcessAction


class ActionModule(InProcessAction):
    """The in-process action of plivo_endpoint."""
