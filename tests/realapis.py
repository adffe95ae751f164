"""Test catalogues shaped like real public APIs, generated from public facts about them.

Each function below builds one catalogue as the loader reads it (a dict, written out as YAML
by :func:`write_catalogues`) from what the providers publish about their errors: the shape of
their error bodies, a sample of their codes, statuses and operations. They are small (a few
groups, 10-40 reasons) and are not copies of the providers' pages; each exercises one part of
the format real APIs need:

- ``aws``, ``aws-rest`` and ``aws-xml``: AWS, scoped by service (``scopes: {level: 1}``),
  with operations bound to HTTP by method, path, query and ``X-Amz-Target``, and the codes
  every service repeats (``ResourceNotFoundException``, ``ValidationException``, …);
- ``twilio``: integer codes, a provider page per code in every body (``more_info``), a status
  the schema requires but some codes never have, warnings, titles and Markdown notes;
- ``stripe``: long lower_snake codes, ``doc_url`` from ``api.reason_url``, and the
  ``decline_code`` sub-code;
- ``jsonrpc``: negative integer codes (JSON-RPC 2.0 and EIP-1474) and RPC methods as
  operations;
- ``signalwire``: a code sent with either of two statuses.

:data:`BODIES` are error bodies as each API sends them, one or more per form its envelope
takes, with the reason (or the reasons, when the body cannot tell) they stand for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Data = dict[str, Any]


def _reason(code: str | int, status: int | list[int] | None, cause: str, **more: Any) -> Data:
    """A reason as a catalogue writes it; ``None`` values are left out."""
    data: Data = {"code": code, "status": status, "cause": cause, **more}
    return {key: value for key, value in data.items() if value is not None and value != []}


# -- AWS ---------------------------------------------------------------------------------------
#
# One catalogue reads one envelope dialect, and a location is either a path in the body or a
# response header, never "this, else that". AWS has three families of error responses:
#
# - the JSON protocols (awsJson1_0, awsJson1_1: DynamoDB, Kinesis, SQS) put the code in the
#   body's ``__type``, bare (``ResourceNotFoundException``), after a namespace
#   (``com.amazonaws.dynamodb.v20120810#ResourceNotFoundException``) or with a URL after it
#   (``ThrottlingException:http://internal.amazon.com/coral/...``);
# - REST-JSON (Lambda, API Gateway, EKS) puts it in the ``X-Amzn-ErrorType`` header, whose
#   body holds only the message;
# - the XML protocols put it in the body: REST-XML (S3) as ``<Error><Code>``, the query
#   protocol (IAM) as ``<ErrorResponse><Error><Code>``, EC2 as ``<Response><Errors><Error>``.
#
# A client reads whichever place the response uses (botocore does); a dialect cannot say "the
# body's ``__type``, else the header", and one dialect reads either JSON or XML. So AWS is
# three scoped catalogues, one per family: ``aws`` (whose slug the cross-references
# ``aws:DynamoDB/ResourceNotFoundException`` use), ``aws-rest`` and ``aws-xml``. Within a
# family one dialect reads several places with JMESPath's ``||``: ``message || Message``, and
# the three XML roots (``Error.Code || ErrorResponse.Error.Code || Response.Errors.Error.Code``).

#: The AWS codes every service may answer with (from the common errors pages): code, status,
#: cause.
AWS_COMMON = {
    "AccessDeniedException": (400, "You do not have sufficient access to perform this action."),
    "ThrottlingException": (400, "The request was denied due to request throttling."),
    "ValidationException": (400, "The input fails to satisfy the constraints of the operation."),
}


def _common(service: str, codes: list[str]) -> Data:
    """A service's group of the codes any of its operations may return."""
    return {
        "id": f"{service}-common",
        "title": "Common errors",
        "generic": True,
        "reasons": [_reason(code, *AWS_COMMON[code]) for code in codes],
    }


def _target(prefix: str, names: list[str], summaries: dict[str, str]) -> list[Data]:
    """JSON-protocol operations: each ``POST /`` with its ``X-Amz-Target``."""
    return [
        {
            "name": name,
            "http": "POST /",
            "headers": {"X-Amz-Target": f"{prefix}.{name}"},
            "summary": summaries[name],
        }
        for name in names
    ]


def aws_json() -> Data:
    """AWS's JSON protocols: DynamoDB (JSON 1.0), Kinesis (JSON 1.1) and SQS (JSON 1.0)."""
    dynamodb_ops = ["PutItem", "GetItem", "DescribeTable", "Query", "UpdateItem"]
    summaries = {
        "PutItem": "Creates a new item, or replaces an old item with a new item.",
        "GetItem": "Returns a set of attributes for the item with the given primary key.",
        "DescribeTable": "Returns information about the table.",
        "Query": "Finds items based on primary key values.",
        "UpdateItem": "Edits an existing item's attributes, or adds a new item.",
        "PutRecord": "Writes a single data record into a data stream.",
        "DescribeStream": "Describes the specified Kinesis data stream.",
        "GetRecords": "Gets data records from a shard.",
        "SendMessage": "Delivers a message to the specified queue.",
        "ReceiveMessage": "Retrieves one or more messages from the specified queue.",
        "GetQueueUrl": "Returns the URL of an existing queue.",
    }
    return {
        "format": 1,
        "api": {
            "name": "AWS (JSON protocols)",
            "slug": "aws",
            "docs_url": "https://docs.aws.amazon.com/",
            "description": "Services that speak the AWS JSON 1.0 and 1.1 protocols: every "
            "call is `POST /` with an `X-Amz-Target` header naming the operation.",
        },
        "code_style": {"case": "PascalCase"},
        "scopes": {"level": 1, "name": "service"},
        "envelope": {
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
                # The three forms of __type: Code, namespace#Code, Code:http://… (botocore
                # strips the namespace and the URL alike).
                "code": {"path": "__type", "pattern": r"^(?:[^#]*#)?(?P<value>[^#:]+)"},
                "message": "message || Message",
                # Only a service namespace names the service; com.amazon.coral.validate#… and
                # bare codes do not.
                "scope": {
                    "path": "__type",
                    "pattern": r"^com\.amazonaws\.(?P<value>[A-Za-z0-9]+)[.#]",
                    "scopes": {"dynamodb": "DynamoDB", "kinesis": "Kinesis", "sqs": "SQS"},
                },
            },
            "template": {"__type": "com.amazonaws.{scope}#{code}", "message": "{message}"},
        },
        "groups": [
            {
                "id": "DynamoDB",
                "title": "Amazon DynamoDB",
                "intro": "JSON 1.0; operations are `POST /` with "
                "`X-Amz-Target: DynamoDB_20120810.<Operation>`.",
                "operations": _target("DynamoDB_20120810", dynamodb_ops, summaries),
                "reasons": [
                    _reason(
                        "ResourceNotFoundException",
                        400,
                        "The operation tried to access a nonexistent table or index. The "
                        "resource might not be specified correctly, or its status might not "
                        "be `ACTIVE`.",
                        fix="Check the table name, and wait for a new table to become active "
                        "(`DescribeTable`).",
                        operations=dynamodb_ops,
                        message="Requested resource not found",
                    ),
                    _reason(
                        "ConditionalCheckFailedException",
                        400,
                        "A condition specified in the operation failed to be evaluated.",
                        operations=["PutItem", "UpdateItem"],
                        message="The conditional request failed",
                    ),
                    _reason(
                        "ProvisionedThroughputExceededException",
                        400,
                        "The request rate is too high for the table's provisioned throughput.",
                        fix="Retry with exponential backoff; the AWS SDKs do so.",
                        operations=["PutItem", "GetItem", "Query", "UpdateItem"],
                    ),
                    _reason(
                        "ItemCollectionSizeLimitExceededException",
                        400,
                        "An item collection is too large (local secondary indexes only).",
                        operations=["PutItem", "UpdateItem"],
                    ),
                    _reason(
                        "TransactionConflictException",
                        400,
                        "The operation was rejected because of an ongoing transaction on the item.",
                        operations=["PutItem", "UpdateItem"],
                    ),
                    _reason(
                        "InternalServerError",
                        500,
                        "An error occurred on the server side.",
                        fix="Retry the request.",
                    ),
                ],
                "groups": [
                    _common(
                        "DynamoDB",
                        ["AccessDeniedException", "ThrottlingException", "ValidationException"],
                    )
                ],
            },
            {
                "id": "Kinesis",
                "title": "Amazon Kinesis Data Streams",
                "intro": "JSON 1.1; `__type` carries the bare code.",
                "operations": _target(
                    "Kinesis_20131202", ["PutRecord", "DescribeStream", "GetRecords"], summaries
                ),
                "reasons": [
                    _reason(
                        "ResourceNotFoundException",
                        400,
                        "The requested resource could not be found. The stream might not be "
                        "specified correctly.",
                        operations=["PutRecord", "DescribeStream", "GetRecords"],
                    ),
                    _reason(
                        "ResourceInUseException",
                        400,
                        "The resource is not available for this operation.",
                        operations=["PutRecord"],
                    ),
                    _reason(
                        "ProvisionedThroughputExceededException",
                        400,
                        "The request rate for the stream is too high, or the requested data "
                        "is too large for the available throughput.",
                        operations=["PutRecord", "GetRecords"],
                    ),
                    _reason(
                        "ExpiredIteratorException",
                        400,
                        "The provided iterator exceeds the maximum age allowed.",
                        operations=["GetRecords"],
                    ),
                    _reason(
                        "KMSThrottlingException",
                        400,
                        "The request was denied due to request throttling by AWS KMS.",
                        operations=["PutRecord", "GetRecords"],
                    ),
                ],
                "groups": [
                    _common(
                        "Kinesis",
                        ["AccessDeniedException", "ThrottlingException", "ValidationException"],
                    )
                ],
            },
            {
                "id": "SQS",
                "title": "Amazon Simple Queue Service",
                "intro": "JSON 1.0 since 2023; `__type` is `com.amazonaws.sqs#<Code>`.",
                "operations": _target(
                    "AmazonSQS", ["SendMessage", "ReceiveMessage", "GetQueueUrl"], summaries
                ),
                "reasons": [
                    _reason(
                        "QueueDoesNotExist",
                        400,
                        "The specified queue does not exist.",
                        operations=["SendMessage", "ReceiveMessage", "GetQueueUrl"],
                        message="The specified queue does not exist.",
                    ),
                    _reason(
                        "InvalidMessageContents",
                        400,
                        "The message contains characters outside the allowed set.",
                        operations=["SendMessage"],
                    ),
                    _reason(
                        "OverLimit",
                        403,
                        "The specified action violates a limit, such as the number of "
                        "in-flight messages.",
                        operations=["ReceiveMessage"],
                    ),
                ],
                "groups": [_common("SQS", ["AccessDeniedException", "ThrottlingException"])],
            },
        ],
    }


def _rest(name: str, http: str, summary: str) -> Data:
    return {"name": name, "http": http, "summary": summary}


def aws_rest() -> Data:
    """AWS's REST-JSON protocol: the code in ``X-Amzn-ErrorType``, the body a message."""
    lambda_ops = ["Invoke", "GetFunction", "CreateFunction"]
    return {
        "format": 1,
        "api": {
            "name": "AWS (REST-JSON protocol)",
            "slug": "aws-rest",
            "docs_url": "https://docs.aws.amazon.com/",
        },
        "code_style": {"case": "PascalCase"},
        "scopes": {"level": 1, "name": "service"},
        "envelope": {
            "schema": {
                "type": "object",
                "properties": {
                    "message": {"type": "string"},
                    "Message": {"type": "string"},
                    "Type": {"enum": ["User", "Service"]},
                },
            },
            "fields": {
                "code": {"header": "X-Amzn-ErrorType", "pattern": "^(?P<value>[^:]+)"},
                "message": "message || Message",
                "request_id": {"header": "X-Amzn-RequestId"},
                # The coral URL after the code names the service, when the header has one.
                "scope": {
                    "header": "X-Amzn-ErrorType",
                    "pattern": r":http://internal\.amazon\.com/coral/com\.amazonaws\."
                    r"(?P<value>[A-Za-z]+)[./]",
                    "scopes": {"lambda": "Lambda", "backplane": "APIGateway", "eks": "EKS"},
                },
            },
            "headers": {
                "X-Amzn-ErrorType": "{code}:http://internal.amazon.com/coral/com.amazonaws.{scope}/",
                "X-Amzn-RequestId": "{request_id}",
            },
            "template": {"message": "{message}"},
        },
        "groups": [
            {
                "id": "Lambda",
                "title": "AWS Lambda",
                "operations": [
                    _rest(
                        "Invoke",
                        "POST /2015-03-31/functions/{FunctionName}/invocations",
                        "Invokes a Lambda function.",
                    ),
                    _rest(
                        "GetFunction",
                        "GET /2015-03-31/functions/{FunctionName}",
                        "Returns information about the function or function version.",
                    ),
                    _rest(
                        "CreateFunction",
                        "POST /2015-03-31/functions",
                        "Creates a Lambda function.",
                    ),
                ],
                "reasons": [
                    _reason(
                        "ResourceNotFoundException",
                        404,
                        "The resource specified in the request does not exist.",
                        operations=lambda_ops,
                        message="Function not found",
                    ),
                    _reason(
                        "TooManyRequestsException",
                        429,
                        "The request throughput limit was exceeded.",
                        operations=["Invoke"],
                    ),
                    _reason(
                        "InvalidParameterValueException",
                        400,
                        "One of the parameters in the request is not valid.",
                        operations=lambda_ops,
                    ),
                    _reason(
                        "ResourceConflictException",
                        409,
                        "The resource already exists, or another operation is in progress.",
                        operations=["CreateFunction"],
                    ),
                    _reason(
                        "CodeStorageExceededException",
                        400,
                        "Your AWS account has exceeded its maximum total code size.",
                        operations=["CreateFunction"],
                    ),
                    _reason(
                        "ServiceException",
                        500,
                        "The AWS Lambda service encountered an internal error.",
                        operations=lambda_ops,
                    ),
                ],
            },
            {
                "id": "APIGateway",
                "title": "Amazon API Gateway",
                "operations": [
                    _rest(
                        "GetRestApi", "GET /restapis/{restapi_id}", "Lists the RestApi resource."
                    ),
                    _rest(
                        "CreateDeployment",
                        "POST /restapis/{restapi_id}/deployments",
                        "Creates a Deployment resource.",
                    ),
                ],
                "reasons": [
                    _reason(
                        "NotFoundException",
                        404,
                        "The requested resource is not found.",
                        operations=["GetRestApi", "CreateDeployment"],
                    ),
                    _reason(
                        "BadRequestException",
                        400,
                        "The submitted request is not valid.",
                        operations=["CreateDeployment"],
                    ),
                    _reason(
                        "TooManyRequestsException",
                        429,
                        "The request has reached its throttling limit.",
                        operations=["GetRestApi", "CreateDeployment"],
                    ),
                    _reason(
                        "UnauthorizedException",
                        401,
                        "The request is denied because the caller has insufficient permissions.",
                    ),
                ],
            },
            {
                "id": "EKS",
                "title": "Amazon Elastic Kubernetes Service",
                "operations": [
                    _rest("DescribeCluster", "GET /clusters/{name}", "Describes a cluster."),
                    _rest("CreateCluster", "POST /clusters", "Creates a cluster."),
                ],
                "reasons": [
                    _reason(
                        "ResourceNotFoundException",
                        404,
                        "The specified resource could not be found.",
                        operations=["DescribeCluster"],
                    ),
                    _reason(
                        "InvalidParameterException",
                        400,
                        "The specified parameter is invalid.",
                        operations=["CreateCluster"],
                    ),
                    _reason(
                        "ResourceInUseException",
                        409,
                        "The specified resource is in use.",
                        operations=["CreateCluster"],
                    ),
                    _reason(
                        "AccessDeniedException",
                        403,
                        "You don't have permissions to perform the requested operation.",
                    ),
                ],
            },
        ],
    }


def iam_body(code: str, message: str, kind: str = "Sender") -> str:
    """An IAM (query protocol) error body."""
    return (
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n'
        f"  <Error>\n    <Type>{kind}</Type>\n    <Code>{code}</Code>\n"
        f"    <Message>{message}</Message>\n  </Error>\n"
        "  <RequestId>4a0e6c1b-8c7f-11e4-b116-123b93f75cba</RequestId>\n"
        "</ErrorResponse>\n"
    )


def ec2_body(code: str, message: str) -> str:
    """An EC2 error body."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error>"
        "</Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>\n"
    )


def _query(name: str, version: str, summary: str) -> Data:
    """A query-protocol operation: ``POST /`` with ``Action`` and ``Version``."""
    return {
        "name": name,
        "http": "POST /",
        "query": {"Action": name, "Version": version},
        "summary": summary,
    }


def aws_xml() -> Data:
    """AWS's XML protocols: S3 (REST-XML), IAM (query) and EC2 (its own query dialect).

    The template writes S3's shape; IAM's and EC2's reasons give their bodies as examples.
    """
    iam_ops = ["GetUser", "CreateUser", "DeleteUser", "AttachUserPolicy"]
    iam = [
        ("NoSuchEntity", 404, "The request referenced a resource entity that does not exist."),
        ("EntityAlreadyExists", 409, "The request was rejected: the entity already exists."),
        ("LimitExceeded", 409, "The request would exceed an account limit."),
        ("DeleteConflict", 409, "The resource cannot be deleted: it has subordinate entities."),
        ("MalformedPolicyDocument", 400, "The policy document is malformed."),
        ("ServiceFailure", 500, "The request failed because of an unknown error or failure."),
        ("AccessDeniedException", 400, AWS_COMMON["AccessDeniedException"][1]),
        ("ThrottlingException", 400, AWS_COMMON["ThrottlingException"][1]),
        ("ValidationError", 400, "The input fails to satisfy the constraints of the service."),
        ("InvalidAction", 400, "The action or operation requested is invalid."),
    ]
    ec2 = [
        ("InvalidInstanceID.NotFound", 400, "The specified instance does not exist."),
        ("UnauthorizedOperation", 403, "You are not authorized to perform this operation."),
        ("RequestLimitExceeded", 503, "The maximum request rate has been exceeded."),
        ("InvalidParameterValue", 400, "A value specified in a parameter is not valid."),
        ("InvalidAction", 400, "The action or operation requested is not valid."),
        ("InternalError", 500, "An internal error has occurred."),
    ]
    ec2_ops = ["RunInstances", "DescribeInstances", "TerminateInstances"]
    return {
        "format": 1,
        "api": {
            "name": "AWS (XML protocols)",
            "slug": "aws-xml",
            "docs_url": "https://docs.aws.amazon.com/",
        },
        # EC2's codes have dotted parts: InvalidInstanceID.NotFound.
        "code_style": {"pattern": r"^[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*$"},
        "scopes": {"level": 1, "name": "service"},
        "envelope": {
            "media_type": "application/xml",
            "schema": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "additionalProperties": False,
                "properties": {
                    "Error": {
                        "type": "object",
                        "required": ["Code", "Message"],
                        "properties": {"Code": {"type": "string"}, "Message": {"type": "string"}},
                    },
                    "ErrorResponse": {
                        "type": "object",
                        "required": ["Error"],
                        "properties": {
                            "Error": {
                                "type": "object",
                                "required": ["Type", "Code"],
                                "properties": {"Type": {"enum": ["Sender", "Receiver"]}},
                            }
                        },
                    },
                    "Response": {
                        "type": "object",
                        "required": ["Errors"],
                        "properties": {"Errors": {"type": "object", "required": ["Error"]}},
                    },
                },
            },
            "fields": {
                "code": "Error.Code || ErrorResponse.Error.Code || Response.Errors.Error.Code",
                "message": "Error.Message || ErrorResponse.Error.Message"
                " || Response.Errors.Error.Message",
                "request_id": "Error.RequestId || ErrorResponse.RequestId || Response.RequestID",
                # Each root belongs to one service of this catalogue (in all of AWS, the query
                # protocol's ErrorResponse is shared by IAM, STS, SNS…).
                "scope": "Error && 'S3' || ErrorResponse && 'IAM' || Response && 'EC2'",
            },
            "template": {
                "Error": {
                    "Code": "{code}",
                    "Message": "{message}",
                    "RequestId": "{request_id}",
                }
            },
        },
        "groups": [
            {
                "id": "S3",
                "title": "Amazon S3",
                "intro": "REST-XML: `<Error>` with `Code`, `Message`, `RequestId` and `HostId`.",
                "operations": [
                    {
                        "name": "GetObject",
                        "http": "GET /{Bucket}/{Key+}",
                        "summary": "Retrieves an object from Amazon S3.",
                    },
                    {
                        "name": "PutObject",
                        "http": "PUT /{Bucket}/{Key+}",
                        "summary": "Adds an object to a bucket.",
                    },
                    {
                        "name": "GetBucketAcl",
                        "http": "GET /{Bucket}",
                        "query": {"acl": ""},
                        "summary": "Returns the access control list of a bucket.",
                    },
                    {
                        "name": "ListObjectsV2",
                        "http": "GET /{Bucket}",
                        "query": {"list-type": "2"},
                        "summary": "Returns some or all of the objects in a bucket.",
                    },
                ],
                "reasons": [
                    _reason(
                        "NoSuchKey",
                        404,
                        "The specified key does not exist.",
                        operations=["GetObject"],
                        message="The specified key does not exist.",
                    ),
                    _reason(
                        "NoSuchBucket",
                        404,
                        "The specified bucket does not exist.",
                        operations=["GetObject", "PutObject", "GetBucketAcl", "ListObjectsV2"],
                    ),
                    _reason("AccessDenied", 403, "Access Denied.", operations=["GetObject"]),
                    _reason(
                        "InvalidBucketName",
                        400,
                        "The specified bucket is not valid.",
                        operations=["PutObject"],
                    ),
                    _reason(
                        "SignatureDoesNotMatch",
                        403,
                        "The request signature that the server calculated does not match the "
                        "signature that you provided.",
                    ),
                    _reason("SlowDown", 503, "Please reduce your request rate."),
                    _reason("InternalError", 500, "An internal error occurred. Try again."),
                ],
            },
            {
                "id": "IAM",
                "title": "AWS Identity and Access Management",
                "intro": "The query protocol: `<ErrorResponse>` around `<Error>` with `Type`.",
                "operations": [
                    _query(name, "2010-05-08", f"The {name} action.") for name in iam_ops
                ],
                "reasons": [
                    _reason(
                        code,
                        status,
                        cause,
                        operations=iam_ops if code in ("NoSuchEntity", "ServiceFailure") else [],
                        example=iam_body(code, cause, "Receiver" if status >= 500 else "Sender"),
                    )
                    for code, status, cause in iam
                ],
            },
            {
                "id": "EC2",
                "title": "Amazon EC2",
                "intro": "EC2's own XML: `<Response><Errors><Error>` and `RequestID`.",
                "operations": [
                    _query(name, "2016-11-15", f"The {name} action.") for name in ec2_ops
                ],
                "reasons": [
                    _reason(
                        code,
                        status,
                        cause,
                        operations=ec2_ops if code.startswith("Invalid") else [],
                        example=ec2_body(code, cause),
                    )
                    for code, status, cause in ec2
                ],
            },
        ],
    }


# -- Twilio ------------------------------------------------------------------------------------

#: An indented code block in a note, as Twilio's "Possible solutions" show requests.
_CURL = (
    "    curl -X POST https://api.twilio.com/2010-04-01/Accounts/$SID/Messages.json \\\n"
    '      --data-urlencode "To=+15558675310" -u $SID:$TOKEN'
)


def twilio() -> Data:
    """Twilio: integer codes, ``more_info`` from ``api.reason_url``, optional status."""
    possible = (
        "### Possible causes\n\n"
        "- The number is not in [E.164](glossary/what-e164) format.\n"
        "- The number has too many or too few digits for its country.\n\n"
        "### Possible solutions\n\n"
        "- Check the number with the [Lookup API](lookup/v2-api) first.\n"
        "- Send to the number in E.164 form.\n\n"
        "For example:\n\n" + _CURL
    )
    return {
        "format": 1,
        "api": {
            "name": "Twilio",
            "slug": "twilio",
            "docs_url": "https://www.twilio.com/docs/",
            "reason_url": "https://www.twilio.com/docs/errors/{code}",
        },
        "code_style": {"type": "integer", "case": "digits"},
        "envelope": {
            "schema": {
                "type": "object",
                "required": ["code", "message", "more_info", "status"],
                "properties": {
                    "code": {"type": "integer"},
                    "message": {"type": "string"},
                    "more_info": {"type": "string", "pattern": "^https://"},
                    "status": {"type": "integer", "minimum": 100, "maximum": 599},
                    "detail": {"type": "string"},
                },
            },
            "fields": {"code": "code", "status": "status", "message": "message"},
            "template": {
                "code": "{code}",
                "message": "{message}",
                "more_info": "{reason_url}",
                "status": "{status?}",
            },
        },
        "groups": [
            {
                "id": "rest",
                "title": "REST API",
                "reasons": [
                    _reason(
                        20003,
                        401,
                        "The credentials of the request are missing or incorrect.",
                        title="Permission Denied",
                        message="Authenticate",
                        fix="Use your Account SID and Auth Token, or an API key and its secret.",
                    ),
                    _reason(
                        20005,
                        403,
                        "The account is suspended or closed.",
                        title="Account not active",
                    ),
                    _reason(
                        20404,
                        404,
                        "The requested resource was not found.",
                        title="Not Found",
                        message="The requested resource was not found",
                    ),
                    _reason(
                        20429,
                        429,
                        "Too many concurrent requests.",
                        title="Too Many Requests",
                        fix="Retry with exponential backoff.",
                    ),
                    _reason(20500, 500, "An internal server error occurred.", title="Internal"),
                ],
            },
            {
                "id": "messaging",
                "title": "Programmable Messaging",
                "reasons": [
                    _reason(
                        21211,
                        400,
                        "The 'To' number is not a valid phone number.",
                        title="Invalid 'To' Phone Number",
                        notes=[possible],
                    ),
                    _reason(
                        21408,
                        400,
                        "Permission to send an SMS has not been enabled for the region "
                        "indicated by the 'To' number.",
                        title="Permission to send an SMS has not been enabled",
                    ),
                    _reason(
                        21610,
                        400,
                        "The recipient has replied STOP to your messages.",
                        title="Attempt to send to unsubscribed recipient",
                    ),
                    # Delivery failures: reported by status callbacks, never with a status.
                    _reason(
                        30003,
                        None,
                        "The destination handset is switched off or out of coverage.",
                        title="Unreachable destination handset",
                    ),
                    _reason(
                        30005,
                        None,
                        "The destination number is unknown or no longer exists.",
                        title="Unknown destination handset",
                    ),
                    _reason(
                        30007,
                        None,
                        "The carrier filtered the message.",
                        title="Message filtered",
                    ),
                ],
            },
            {
                "id": "voice",
                "title": "Programmable Voice",
                "reasons": [
                    _reason(
                        21215,
                        400,
                        "The account's geographic permissions do not allow calls to this number.",
                        title="Geo Permission configuration is not permitting call",
                    ),
                    _reason(
                        13227,
                        None,
                        "A `<Dial>` verb tried an international number without permission.",
                        title="Dial: No International Permission",
                    ),
                ],
            },
            {
                "id": "webhooks",
                "title": "Webhooks and TwiML",
                "intro": "Reported in the debugger; see [Debugging](usage/troubleshooting).",
                "reasons": [
                    _reason(
                        11200,
                        None,
                        "Twilio could not retrieve the webhook URL.",
                        title="HTTP retrieval failure",
                    ),
                    _reason(
                        12300,
                        None,
                        "The webhook answered with a `Content-Type` Twilio cannot read.",
                        title="Invalid Content-Type",
                        severity="warning",
                    ),
                    _reason(
                        15003,
                        None,
                        "The status callback URL answered with an HTTP error.",
                        title="Call Progress: Warning Response to Callback URL",
                        severity="warning",
                    ),
                ],
            },
        ],
    }


# -- Stripe ------------------------------------------------------------------------------------

#: The longest code: 65 characters (a real Stripe code).
STRIPE_LONGEST = "payment_method_microdeposit_verification_descriptor_code_mismatch"
#: One of our own making, of a real shape and the same length.
STRIPE_OWN = "financial_connections_account_numbers_unavailable_for_institution"


def stripe() -> Data:
    """Stripe: lower_snake codes up to 65 characters, ``doc_url``, ``decline_code``."""
    declines = [
        ("insufficient_funds", "The card has insufficient funds to complete the purchase."),
        ("lost_card", "The payment was declined because the card is reported lost."),
        ("stolen_card", "The payment was declined because the card is reported stolen."),
        ("generic_decline", "The card was declined for an unknown reason."),
        ("do_not_honor", "The card was declined for an unknown reason."),
    ]
    return {
        "format": 1,
        "api": {
            "name": "Stripe",
            "slug": "stripe",
            "docs_url": "https://docs.stripe.com/",
            "reason_url": "https://docs.stripe.com/error-codes/{code:kebab}",
        },
        "code_style": {"case": "lower_snake", "max_length": 65},
        "envelope": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["type", "message"],
                        "properties": {
                            "type": {
                                "enum": [
                                    "api_error",
                                    "card_error",
                                    "idempotency_error",
                                    "invalid_request_error",
                                ]
                            },
                            "code": {"type": "string"},
                            "decline_code": {"type": "string"},
                            "message": {"type": "string"},
                            "param": {"type": "string"},
                            "doc_url": {"type": "string"},
                            "request_log_url": {"type": "string"},
                        },
                    }
                },
            },
            "fields": {
                "code": "error.code",
                "message": "error.message",
                "field": "error.param",
                "sub_codes": {"decline_code": "error.decline_code"},
            },
            "template": {
                "error": {
                    "type": "{group}",
                    "code": "{code}",
                    "message": "{message}",
                    "param": "{field?}",
                    "doc_url": "{reason_url}",
                }
            },
        },
        "groups": [
            {
                "id": "card_error",
                "title": "Card errors",
                "status": 402,
                "reasons": [
                    _reason(
                        "card_declined",
                        None,
                        "The card has been declined.",
                        fix="The `decline_code` says why; ask the customer for another card.",
                        sub_codes={
                            "decline_code": [
                                {"code": code, "cause": cause} for code, cause in declines
                            ]
                        },
                        message="Your card was declined.",
                    ),
                    _reason("expired_card", None, "The card has expired."),
                    _reason("incorrect_cvc", None, "The card's security code is incorrect."),
                    _reason(
                        "processing_error", None, "An error occurred while processing the card."
                    ),
                    _reason(
                        "authentication_required",
                        None,
                        "The payment requires authentication to proceed.",
                    ),
                ],
            },
            {
                "id": "invalid_request_error",
                "title": "Invalid request errors",
                "status": 400,
                "reasons": [
                    _reason(
                        "parameter_missing",
                        None,
                        "One or more required values are missing.",
                        field="amount",
                    ),
                    _reason("resource_missing", 404, "The ID provided is not valid."),
                    _reason(
                        "payment_intent_invalid_parameter",
                        None,
                        "One or more provided parameters was not allowed for the given "
                        "operation on the PaymentIntent.",
                    ),
                    _reason(
                        "payment_intent_unexpected_state",
                        None,
                        "The PaymentIntent's state was incompatible with the operation.",
                    ),
                    _reason(
                        "payment_method_microdeposit_verification_amounts_mismatch",
                        None,
                        "The amounts provided do not match the amounts that were sent.",
                    ),
                    _reason(
                        STRIPE_LONGEST,
                        None,
                        "The statement descriptor code provided does not match the one sent.",
                    ),
                    _reason(
                        STRIPE_OWN,
                        None,
                        "The institution does not share account numbers for this account.",
                    ),
                    _reason("rate_limit", 429, "Too many requests hit the API too quickly."),
                ],
            },
            {
                "id": "idempotency_error",
                "title": "Idempotency errors",
                "reasons": [
                    _reason(
                        "idempotency_key_in_use",
                        409,
                        "The idempotency key is in use by another request.",
                    )
                ],
            },
        ],
    }


# -- JSON-RPC ----------------------------------------------------------------------------------


def _rpc(code: int, title: str, cause: str, **more: Any) -> Data:
    """A JSON-RPC reason: servers send its title as the message."""
    return _reason(code, None, cause, title=title, message=more.pop("message", title), **more)


def jsonrpc() -> Data:
    """An Ethereum node's JSON-RPC: JSON-RPC 2.0's codes, EIP-1474's, and ``3``."""
    methods = [
        ("eth_call", "POST /", "Executes a message call without creating a transaction."),
        ("eth_getBalance", None, "Returns the balance of the account at a given address."),
        ("eth_sendRawTransaction", "POST /", "Submits a signed transaction."),
        ("eth_getLogs", None, "Returns the logs matching a filter."),
        ("eth_estimateGas", None, "Estimates the gas a transaction needs."),
    ]
    all_methods = [name for name, _, _ in methods]
    return {
        "format": 1,
        "api": {
            "name": "Ethereum JSON-RPC",
            "slug": "jsonrpc",
            "docs_url": "https://ethereum.org/developers/docs/apis/json-rpc/",
        },
        "code_style": {"type": "integer", "pattern": "^-?[0-9]+$"},
        "envelope": {
            "schema": {
                "type": "object",
                "required": ["jsonrpc", "error", "id"],
                "properties": {
                    "jsonrpc": {"const": "2.0"},
                    "error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "integer"},
                            "message": {"type": "string"},
                        },
                    },
                    "id": {"type": ["integer", "string", "null"]},
                },
            },
            "fields": {"code": "error.code", "message": "error.message"},
            "template": {
                "jsonrpc": "2.0",
                "error": {"code": "{code}", "message": "{message}"},
                "id": 1,
            },
        },
        "groups": [
            {
                "id": "jsonrpc",
                "title": "JSON-RPC 2.0",
                "intro": "The codes the JSON-RPC 2.0 specification reserves.",
                "operations": [
                    {k: v for k, v in {"name": n, "http": h, "summary": s}.items() if v}
                    for n, h, s in methods
                ],
                "reasons": [
                    _rpc(-32700, "Parse error", "Invalid JSON was received."),
                    _rpc(-32600, "Invalid Request", "The JSON sent is not a valid Request object."),
                    _rpc(
                        -32601, "Method not found", "The method does not exist or is not available."
                    ),
                    _rpc(
                        -32602,
                        "Invalid params",
                        "Invalid method parameters.",
                        operations=all_methods,
                    ),
                    _rpc(-32603, "Internal error", "Internal JSON-RPC error."),
                ],
            },
            {
                "id": "eip1474",
                "title": "Server errors (EIP-1474)",
                "reasons": [
                    _rpc(
                        -32000,
                        "Invalid input",
                        "Missing or invalid parameters.",
                        operations=["eth_sendRawTransaction", "eth_call"],
                    ),
                    _rpc(
                        -32001,
                        "Resource not found",
                        "The requested resource was not found.",
                        operations=["eth_getBalance", "eth_getLogs"],
                    ),
                    _rpc(
                        -32002, "Resource unavailable", "The requested resource is not available."
                    ),
                    _rpc(
                        -32003,
                        "Transaction rejected",
                        "The transaction was created but could not be sent.",
                        operations=["eth_sendRawTransaction"],
                    ),
                    _rpc(-32004, "Method not supported", "The method is not implemented."),
                    _rpc(
                        -32005,
                        "Limit exceeded",
                        "The request exceeds a defined limit.",
                        operations=["eth_getLogs"],
                    ),
                ],
            },
            {
                "id": "execution",
                "title": "Execution errors",
                "reasons": [
                    _rpc(
                        3,
                        "Execution reverted",
                        "The contract call reverted; `error.data` holds the revert reason.",
                        message="execution reverted",
                        operations=["eth_call", "eth_estimateGas"],
                    )
                ],
            },
        ],
    }


# -- SignalWire --------------------------------------------------------------------------------


def signalwire() -> Data:
    """SignalWire-like: ``errors[0].code``, and a code sent with 400 or 422."""
    return {
        "format": 1,
        "api": {"name": "SignalWire-like REST", "slug": "signalwire"},
        "code_style": {"case": "lower_snake"},
        "envelope": {
            "schema": {
                "type": "object",
                "required": ["errors"],
                "properties": {
                    "errors": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "type": {"type": "string"},
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "attribute": {"type": "string"},
                                "url": {"type": "string"},
                            },
                        },
                    }
                },
            },
            "fields": {
                "code": "errors[0].code",
                "message": "errors[0].message",
                "field": "errors[0].attribute",
            },
            "template": {
                "errors": [{"type": "validation_error", "code": "{code}", "message": "{message}"}]
            },
        },
        "groups": [
            {
                "id": "request",
                "title": "Request errors",
                "status": 422,
                "endpoints": ["/api/relay/rest/*"],
                "reasons": [
                    _reason(
                        "not_a_valid_json",
                        [400, 422],
                        "The body is not valid JSON: 400 when it cannot be parsed at all, "
                        "422 when it parses but is not an object.",
                    ),
                    _reason("missing_required_parameter", None, "A required parameter is missing."),
                    _reason("invalid_parameter_value", None, "A parameter's value is not valid."),
                    _reason("is_too_long", None, "The value is longer than allowed."),
                ],
            },
            {
                "id": "resources",
                "title": "Resources",
                "status": 404,
                "reasons": [
                    _reason(
                        "phone_number_not_found",
                        None,
                        "The phone number does not exist.",
                        endpoints=["GET /api/relay/rest/phone_numbers/{id}"],
                    ),
                    _reason("resource_not_found", None, "The resource does not exist."),
                ],
            },
            {
                "id": "account",
                "title": "Account",
                "status": 403,
                "reasons": [
                    _reason(
                        "account_limit_exceeded",
                        None,
                        "The account must be upgraded to perform this action.",
                    ),
                    _reason("auto_top_up_deactivated", None, "Auto top-up is not active."),
                    _reason("insufficient_balance", 402, "The account's balance is too low."),
                    _reason("rate_limit_exceeded", 429, "Too many requests."),
                ],
            },
        ],
    }


#: Every catalogue, by slug.
CATALOGUES: dict[str, Callable[[], Data]] = {
    "aws": aws_json,
    "aws-rest": aws_rest,
    "aws-xml": aws_xml,
    "twilio": twilio,
    "stripe": stripe,
    "jsonrpc": jsonrpc,
    "signalwire": signalwire,
}


def catalogue_text(data: Data) -> str:
    """A catalogue as YAML text, as an author would write it."""
    head = "# Generated by tests/realapis.py from public facts about the API.\n"
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_catalogues(folder: Path) -> list[Path]:
    """Write every catalogue into ``folder`` as ``<slug>.yaml``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for slug, build in CATALOGUES.items():
        path = folder / f"{slug}.yaml"
        path.write_text(catalogue_text(build()), encoding="utf-8")
        paths.append(path)
    return paths


# -- Bodies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """An error body (or whole response) as the API sends it, and what it stands for."""

    name: str
    api: str
    text: str
    code: str
    #: The keys (``scope/code`` in a scoped catalogue) of the reasons it may stand for: one
    #: when the body says enough, several when only its scope would tell them apart.
    keys: tuple[str, ...]
    status: int | None = None
    scope: str | None = None
    sub_codes: tuple[tuple[str, str], ...] = ()


def _response(status: str, headers: dict[str, str], body: str) -> str:
    head = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers.items())]
    return "\r\n".join(head) + "\r\n\r\n" + body


BODIES: tuple[Body, ...] = (
    # AWS JSON: the three forms of __type.
    Body(
        "dynamodb-namespaced",
        "aws",
        '{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", '
        '"message": "Requested resource not found: Table: Music not found"}',
        "ResourceNotFoundException",
        ("DynamoDB/ResourceNotFoundException",),
        scope="DynamoDB",
    ),
    Body(
        "kinesis-bare-shared",
        "aws",
        '{"__type": "ResourceNotFoundException", '
        '"message": "Stream orders under account 123456789012 not found."}',
        "ResourceNotFoundException",
        ("DynamoDB/ResourceNotFoundException", "Kinesis/ResourceNotFoundException"),
    ),
    Body(
        "kinesis-bare-unique",
        "aws",
        '{"__type": "ExpiredIteratorException", "message": "Iterator expired."}',
        "ExpiredIteratorException",
        ("Kinesis/ExpiredIteratorException",),
    ),
    Body(
        "coral-url-suffix",
        "aws",
        '{"__type": "ThrottlingException:http://internal.amazon.com/coral/'
        'com.amazon.coral.availability/", "message": "Rate exceeded"}',
        "ThrottlingException",
        (
            "DynamoDB/ThrottlingException",
            "Kinesis/ThrottlingException",
            "SQS/ThrottlingException",
        ),
    ),
    Body(
        "coral-validate",
        "aws",
        '{"__type": "com.amazon.coral.validate#ValidationException", '
        '"Message": "1 validation error detected"}',
        "ValidationException",
        ("DynamoDB/ValidationException", "Kinesis/ValidationException"),
    ),
    Body(
        "sqs-namespaced",
        "aws",
        '{"__type": "com.amazonaws.sqs#QueueDoesNotExist", '
        '"message": "The specified queue does not exist."}',
        "QueueDoesNotExist",
        ("SQS/QueueDoesNotExist",),
        scope="SQS",
    ),
    Body(
        "sqs-shared",
        "aws",
        '{"__type": "com.amazonaws.sqs#AccessDeniedException", '
        '"message": "Access to the resource https://sqs.us-east-1.amazonaws.com/ is denied."}',
        "AccessDeniedException",
        ("SQS/AccessDeniedException",),
        scope="SQS",
    ),
    # AWS REST-JSON: the code in the X-Amzn-ErrorType header.
    Body(
        "lambda-header",
        "aws-rest",
        _response(
            "404 Not Found",
            {
                "Content-Type": "application/json",
                "X-Amzn-RequestId": "7b1c9c4e-1a2b-4c3d-9e8f-0a1b2c3d4e5f",
                "X-Amzn-ErrorType": "ResourceNotFoundException:"
                "http://internal.amazon.com/coral/com.amazonaws.lambda/",
            },
            '{"Type": "User", "Message": "Function not found: '
            'arn:aws:lambda:us-west-2:123456789012:function:my-function"}',
        ),
        "ResourceNotFoundException",
        ("Lambda/ResourceNotFoundException",),
        status=404,
        scope="Lambda",
    ),
    Body(
        "rest-bare-shared",
        "aws-rest",
        _response(
            "429 Too Many Requests",
            {"x-amzn-ErrorType": "TooManyRequestsException"},
            '{"message": "Too Many Requests"}',
        ),
        "TooManyRequestsException",
        ("Lambda/TooManyRequestsException", "APIGateway/TooManyRequestsException"),
        status=429,
    ),
    # AWS XML: S3, IAM and EC2.
    Body(
        "s3-rest-xml",
        "aws-xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>'
        "<Message>The specified key does not exist.</Message><Key>photos/cat.jpg</Key>"
        "<RequestId>4442587FB7D0A2F9</RequestId><HostId>EXAMPLEHOSTID</HostId></Error>",
        "NoSuchKey",
        ("S3/NoSuchKey",),
        scope="S3",
    ),
    Body(
        "iam-query",
        "aws-xml",
        iam_body("NoSuchEntity", "The user with name bob cannot be found."),
        "NoSuchEntity",
        ("IAM/NoSuchEntity",),
        scope="IAM",
    ),
    Body(
        "ec2",
        "aws-xml",
        ec2_body("InvalidInstanceID.NotFound", "The instance ID 'i-1a2b3c4d' does not exist"),
        "InvalidInstanceID.NotFound",
        ("EC2/InvalidInstanceID.NotFound",),
        scope="EC2",
    ),
    Body(
        "ec2-shared",
        "aws-xml",
        ec2_body("InternalError", "An internal error has occurred."),
        "InternalError",
        ("EC2/InternalError",),
        scope="EC2",
    ),
    # Twilio.
    Body(
        "twilio-20003",
        "twilio",
        '{"code": 20003, "detail": "Your AccountSid or AuthToken was incorrect.", '
        '"message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", '
        '"status": 401}',
        "20003",
        ("20003",),
        status=401,
    ),
    Body(
        "twilio-21211",
        "twilio",
        '{"code": 21211, "message": "The \'To\' number +1555 is not a valid phone number.", '
        '"more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}',
        "21211",
        ("21211",),
        status=400,
    ),
    # Stripe.
    Body(
        "stripe-card-declined",
        "stripe",
        '{"error": {"type": "card_error", "code": "card_declined", '
        '"decline_code": "insufficient_funds", "message": "Your card has insufficient funds.", '
        '"doc_url": "https://docs.stripe.com/error-codes/card-declined", '
        '"request_log_url": "https://dashboard.stripe.com/test/logs/req_x?t=1"}}',
        "card_declined",
        ("card_declined",),
        sub_codes=(("decline_code", "insufficient_funds"),),
    ),
    Body(
        "stripe-longest",
        "stripe",
        '{"error": {"type": "invalid_request_error", "code": "' + STRIPE_LONGEST + '", '
        '"message": "The descriptor code does not match.", '
        '"doc_url": "https://docs.stripe.com/error-codes/'
        + STRIPE_LONGEST.replace("_", "-")
        + '"}}',
        STRIPE_LONGEST,
        (STRIPE_LONGEST,),
    ),
    # JSON-RPC.
    Body(
        "jsonrpc-method-not-found",
        "jsonrpc",
        '{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": 1}',
        "-32601",
        ("-32601",),
    ),
    Body(
        "jsonrpc-reverted",
        "jsonrpc",
        '{"jsonrpc": "2.0", "id": "call-7", "error": {"code": 3, '
        '"message": "execution reverted: Ownable: caller is not the owner", '
        '"data": "0x08c379a0"}}',
        "3",
        ("3",),
    ),
    # SignalWire.
    Body(
        "signalwire-body",
        "signalwire",
        '{"errors": [{"type": "validation_error", "code": "not_a_valid_json", '
        '"message": "The request body is not valid JSON."}]}',
        "not_a_valid_json",
        ("not_a_valid_json",),
    ),
    Body(
        "signalwire-response",
        "signalwire",
        _response(
            "422 Unprocessable Entity",
            {"Content-Type": "application/json"},
            '{"errors": [{"code": "not_a_valid_json", "message": "Expected an object."}]}',
        ),
        "not_a_valid_json",
        ("not_a_valid_json",),
        status=422,
    ),
)


def examples_page(bodies: tuple[Body, ...] = BODIES) -> str:
    """A page showing every body as a ``reason:example`` (a doctest of its first reason)."""
    parts = ["Real bodies\n===========\n"]
    for body in bodies:
        lines = "\n".join(f"   {line}" if line else "" for line in body.text.splitlines())
        parts.append(
            f".. reason:example:: {body.api}:{body.keys[0]}\n   :caption: {body.name}\n\n{lines}\n"
        )
    return "\n".join(parts)
