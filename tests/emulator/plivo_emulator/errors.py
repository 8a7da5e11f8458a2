# Copyright: (c) the plivo.provisioning contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one exception backends raise; the HTTP layer turns it into an error body."""


class ApiError(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def bad_request(message):
    return ApiError(400, message)


def forbidden(message):
    return ApiError(403, message)


def not_found(message="not found"):
    return ApiError(404, message)


def unprocessable(message):
    return ApiError(422, message)
