"""The five families of the many-APIs site (:mod:`bench.manyapis`): their error bodies and codes.

Each envelope is the dialect ``tests/realapis.py`` writes for the real API the family is
shaped like; each table lists the codes most APIs of the family share, with their status,
the share of APIs that have them, and their cause.
"""

from __future__ import annotations

from typing import Any

Common = tuple[tuple[Any, int | None, float, str], ...]

AWS_COMMON: Common = (
    ("AccessDeniedException", 403, 0.9, "You do not have sufficient access for this action."),
    ("ValidationException", 400, 0.9, "The input fails to satisfy the constraints of the service."),
    ("ThrottlingException", 429, 0.85, "The request was denied due to request throttling."),
    ("ResourceNotFoundException", 404, 0.85, "The specified resource could not be found."),
    ("InternalServerException", 500, 0.75, "An unexpected error occurred during processing."),
    ("ConflictException", 409, 0.5, "The request conflicts with the current state of a resource."),
    ("ServiceQuotaExceededException", 402, 0.4, "The request would exceed a service quota."),
)
GOOGLE_COMMON: Common = (
    ("UNKNOWN", 500, 1.0, "The error code is not known in this version."),
    ("RESOURCE_NOT_FOUND", 404, 0.4, "The requested resource was not found."),
    ("QUOTA_EXCEEDED", 429, 0.3, "The project's quota for this method is exhausted."),
)
STRIPE_COMMON: Common = (
    ("resource_missing", 404, 0.8, "The ID provided is not valid: the resource does not exist."),
    ("parameter_missing", 400, 0.7, "One or more required values are missing."),
    ("rate_limit", 429, 0.6, "Too many requests hit the API too quickly."),
    ("api_key_expired", 401, 0.4, "The API key provided has expired."),
)
TWILIO_COMMON: Common = (
    (20003, 401, 0.9, "The credentials of the request are missing or incorrect."),
    (20404, 404, 0.9, "The requested resource was not found."),
    (20429, 429, 0.6, "Too many concurrent requests."),
    (20500, 500, 0.5, "An internal server error occurred."),
)
JSONRPC_COMMON: Common = (
    (-32700, None, 1.0, "Invalid JSON was received by the server."),
    (-32600, None, 1.0, "The JSON sent is not a valid Request object."),
    (-32601, None, 1.0, "The method does not exist or is not available."),
    (-32602, None, 1.0, "Invalid method parameters."),
    (-32603, None, 1.0, "Internal JSON-RPC error."),
)
TITLES: dict[Any, str] = {
    20003: "Permission Denied",
    20404: "Not Found",
    20429: "Too Many Requests",
    20500: "Internal Server Error",
    -32700: "Parse error",
    -32600: "Invalid Request",
    -32601: "Method not found",
    -32602: "Invalid params",
    -32603: "Internal error",
}


def aws(namespace: str) -> dict[str, Any]:
    """AWS's JSON protocols: the code in ``__type``, bare or after a namespace."""
    return {
        "schema": {
            "type": "object",
            "required": ["__type"],
            "properties": {
                "__type": {"type": "string", "minLength": 1},
                "message": {"type": "string"},
                "Message": {"type": "string"},
            },
        },
        "fields": {
            "code": {"path": "__type", "pattern": r"^(?:[^#]*#)?(?P<value>[^#:]+)"},
            "message": "message || Message",
        },
        "template": {"__type": f"com.amazonaws.{namespace}#{{code}}", "message": "{message}"},
    }


def google(domain: str) -> dict[str, Any]:
    """Google APIs: the reason in the ``ErrorInfo`` item of ``error.details``."""
    info = "type.googleapis.com/google.rpc.ErrorInfo"
    error = {
        "type": "object",
        "required": ["code", "message", "details"],
        "properties": {
            "code": {"type": "integer"},
            "message": {"type": "string"},
            "details": {"type": "array", "items": {"type": "object"}},
        },
    }
    return {
        "schema": {"type": "object", "required": ["error"], "properties": {"error": error}},
        "fields": {
            "code": f"error.details[?\"@type\"=='{info}'] | [0].reason",
            "status": "error.code",
            "message": "error.message",
        },
        "template": {
            "error": {
                "code": "{status}",
                "message": "{message}",
                "details": [{"@type": info, "reason": "{code}", "domain": domain}],
            }
        },
    }


def stripe() -> dict[str, Any]:
    """Stripe: ``error.code``, the group as the error's type, ``doc_url`` from ``reason_url``."""
    error = {"type": "object", "required": ["type", "message"]}
    return {
        "schema": {"type": "object", "required": ["error"], "properties": {"error": error}},
        "fields": {"code": "error.code", "message": "error.message", "field": "error.param"},
        "template": {
            "error": {
                "type": "{group}",
                "code": "{code}",
                "message": "{message}",
                "doc_url": "{reason_url}",
            }
        },
    }


def twilio() -> dict[str, Any]:
    """Twilio: integer codes, ``more_info``, and a status some codes never have."""
    return {
        "schema": {
            "type": "object",
            "required": ["code", "message", "more_info"],
            "properties": {"code": {"type": "integer"}, "status": {"type": "integer"}},
        },
        "fields": {"code": "code", "status": "status", "message": "message"},
        "template": {
            "code": "{code}",
            "message": "{message}",
            "more_info": "{reason_url}",
            "status": "{status?}",
        },
    }


def jsonrpc() -> dict[str, Any]:
    """JSON-RPC 2.0: ``error.code``, a (negative) integer."""
    return {
        "schema": {"type": "object", "required": ["jsonrpc", "error", "id"]},
        "fields": {"code": "error.code", "message": "error.message"},
        "template": {
            "jsonrpc": "2.0",
            "error": {"code": "{code}", "message": "{message}"},
            "id": 1,
        },
    }
