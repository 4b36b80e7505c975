"""The SES error code table: the single source of truth for ses-errors.

One row per SES error code. The exception classes in ``_generated.py``, the README's code
table, the CLI's ``codes`` and ``explain`` output and the typing surface are all derived from
these rows; nothing else in the package states a code, a status or a description.

Facts come from four places, recorded per row in ``sources``: the SES "API error codes" page
(18 codes of the Query API, with that page's statuses), botocore's SES v1 and SES v2 service
models, and the AWS common-errors list. Codes that are only seen on the wire say so in ``note``.
Descriptions are our own words.

This module is plain data; the only module it imports, ``_operations``, holds the long lists of
operations the rows refer to. Its records are named tuples: immutable and compared by value, and
unlike attrs classes they generate no code when the package is imported.
"""

from __future__ import annotations

import enum
from typing import Literal, NamedTuple

from ses_errors import _operations as ops


class Family(enum.Enum):
    """The family a code belongs to; it picks the intermediate base class of its exception."""

    GENERAL = "SESError"
    SERVER = "ServerSideError"
    THROTTLING = "ThrottlingError"
    AUTH = "AuthError"
    VALIDATION = "InvalidRequestError"
    SENDING = "SendingRefusedError"
    NOT_FOUND = "ResourceNotFoundError"
    CONFLICT = "ResourceConflictError"


class Scope(enum.Enum):
    """How far a failure reaches: what else fails, for the same reason, until it is dealt with."""

    SERVICE = "service"  # SES itself
    ACCOUNT = "account"  # the AWS account in its region: credentials, opt-in, quota, rate, pauses
    SENDER = "sender"  # a sending identity or MAIL FROM domain
    CONFIGURATION_SET = "configuration-set"  # one configuration set
    CONNECTION = "connection"  # one SMTP session
    REQUEST = "request"  # every request built the same way (a malformed one, a missing resource)
    MESSAGE = "message"  # this message
    RECIPIENT = "recipient"  # one destination


class Action(enum.Enum):
    """What to do with the message (or request) that failed."""

    RETRY = "retry"  # send it again after the wait
    RECONNECT = "reconnect"  # open a new SMTP connection, then send it
    DEFER = "defer"  # keep it, and hold sending in its scope until the condition lifts by itself
    FIX = "fix"  # keep it: a person must change the setup first
    DROP = "drop"  # it can never be sent as it is
    NONE = "none"  # nothing failed (an event after SES accepted: a delivery, an open, a click)


class Decision(NamedTuple):
    """How far an error reaches and what to do about it; retryable when RETRY or RECONNECT."""

    scope: Scope
    action: Action

    @property
    def is_retryable(self) -> bool:
        """Whether sending again after a wait can succeed.

        That is SES's 5xx and throttling, and SMTP's 4xx replies that end the session, which
        SMTP's rule says may be sent again (RECONNECT: on a new connection).
        """
        return self.action in _RETRYABLE_ACTIONS


_RETRYABLE_ACTIONS = frozenset({Action.RETRY, Action.RECONNECT})


# Shorthands for the table below.
SERVICE_RETRY = Decision(Scope.SERVICE, Action.RETRY)
ACCOUNT_RETRY = Decision(Scope.ACCOUNT, Action.RETRY)
ACCOUNT_FIX = Decision(Scope.ACCOUNT, Action.FIX)
ACCOUNT_DEFER = Decision(Scope.ACCOUNT, Action.DEFER)
SENDER_FIX = Decision(Scope.SENDER, Action.FIX)
CONFIGURATION_SET_FIX = Decision(Scope.CONFIGURATION_SET, Action.FIX)
CONNECTION_RETRY = Decision(Scope.CONNECTION, Action.RETRY)
CONNECTION_RECONNECT = Decision(Scope.CONNECTION, Action.RECONNECT)
REQUEST_RETRY = Decision(Scope.REQUEST, Action.RETRY)
REQUEST_FIX = Decision(Scope.REQUEST, Action.FIX)
REQUEST_DROP = Decision(Scope.REQUEST, Action.DROP)
MESSAGE_DROP = Decision(Scope.MESSAGE, Action.DROP)
RECIPIENT_DROP = Decision(Scope.RECIPIENT, Action.DROP)

# SES's guidance on how to retry: waits of 5, 10 and 30 seconds; when the retry after the 30 s
# wait fails too, wait 20 minutes and run the set again. Two rounds in all, then give up.
RETRY_WAITS = (5.0, 10.0, 30.0)
RETRY_ROUND_PAUSE = 1200.0
RETRY_ROUNDS = 2

# How long to hold what is deferred (the daily quota is a rolling 24 hours): a quarter of an
# hour lets the quota free up without a sender asking SES every few seconds.
DEFER_SECONDS = 900.0


class Source(enum.Enum):
    """Where a row's facts were taken from."""

    ERRORS_PAGE = "SES API error codes page"
    V1_MODEL = "botocore SES v1 model (Query API)"
    V2_MODEL = "botocore SES v2 model (JSON API)"
    COMMON_ERRORS = "AWS common errors list"
    OBSERVED = "seen on the wire"


class FamilyRow(NamedTuple):
    """An intermediate base class: what it groups, and the status it stands for in a fallback."""

    family: Family
    description: str
    http_status: int
    decision: Decision  # its codes', unless a row states another

    @property
    def is_retryable(self) -> bool:
        """Whether errors of this family are worth retrying at all."""
        return self.decision.is_retryable


# Each family's exception class also stands in for a response that carried no readable code:
# parse_error picks the family from the HTTP status (5xx, 429, 401/403) and keeps that status.
FAMILIES = (
    FamilyRow(Family.GENERAL, "Base class of every error SES can return.", 400, REQUEST_FIX),
    FamilyRow(
        Family.SERVER, "SES failed on its side (HTTP 5xx); worth retrying.", 500, SERVICE_RETRY
    ),
    FamilyRow(Family.THROTTLING, "A rate or quota limit refused the request.", 429, ACCOUNT_RETRY),
    FamilyRow(
        Family.AUTH,
        "Credentials, signature, subscription or permissions were refused.",
        403,
        ACCOUNT_FIX,
    ),
    FamilyRow(
        Family.VALIDATION,
        "The request itself is malformed or holds values SES does not accept.",
        400,
        REQUEST_FIX,
    ),
    FamilyRow(
        Family.SENDING,
        "SES will not send this message, or this account may not send.",
        400,
        MESSAGE_DROP,
    ),
    FamilyRow(
        Family.NOT_FOUND, "A resource named in the request does not exist.", 400, REQUEST_FIX
    ),
    FamilyRow(
        Family.CONFLICT,
        "A resource already exists or is in a state that blocks the request.",
        400,
        REQUEST_DROP,
    ),
)
# SESError's own decision, an unknown code's, keeps the message: nothing yet says it can never be
# sent, so a person should look before anything is dropped.
_FAMILY_DECISION = {row.family: row.decision for row in FAMILIES}


class ErrorRow(NamedTuple):
    """One SES error code and the facts that hold for it whichever request returned it."""

    code: str
    http_status: int
    family: Family
    sources: tuple[Source, ...]
    operations: frozenset[str]
    description: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    note: str = ""
    decision: Decision | None = None  # when it is not the family's, with the reason in why
    why: str = ""

    @property
    def decided(self) -> Decision:
        """The row's decision: its own, else its family's."""
        return self.decision or _FAMILY_DECISION[self.family]

    @property
    def is_retryable(self) -> bool:
        """SES's guidance: retry server-side failures (5xx) and throttling, nothing else."""
        return self.decided.is_retryable

    @property
    def fault(self) -> Literal["Sender", "Receiver"]:
        """Whose fault the error is, as the ``<Type>`` element of an error response says it."""
        return "Receiver" if self.http_status >= 500 else "Sender"

    @property
    def apis(self) -> frozenset[Literal["v1", "v2"]]:
        """Which SES APIs return the code: v1 (Query, XML) and/or v2 (JSON).

        The errors page documents the Query API (v1); the AWS common errors apply to both.
        """
        apis: set[Literal["v1", "v2"]] = set()
        if Source.ERRORS_PAGE in self.sources or Source.V1_MODEL in self.sources:
            apis.add("v1")
        if Source.V2_MODEL in self.sources:
            apis.add("v2")
        return frozenset(apis or {"v1", "v2"})


ROWS = (
    # The SES API error codes page: the 18 codes of the Query API, with that page's statuses.
    ErrorRow(
        code="ConfigurationSetDoesNotExist",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.ERRORS_PAGE, Source.V1_MODEL),
        operations=ops.CONFIGURATION_SET_DOES_NOT_EXIST,
        description="The configuration set named in the request could not be found.",
        members=("ConfigurationSetName",),
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="IncompleteSignature",
        http_status=400,
        family=Family.AUTH,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The request signature is incomplete or does not follow the AWS signing rules.",
        decision=REQUEST_FIX,
        why="The signing code builds the signature wrongly; the credentials themselves may be fine.",
    ),
    ErrorRow(
        code="InternalFailure",
        http_status=500,
        family=Family.SERVER,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="SES failed while handling the request because of a problem on its own side; a later retry can succeed.",
    ),
    ErrorRow(
        code="InvalidAction",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The Action in the request is not an operation this API offers (check its spelling and the API version).",
    ),
    ErrorRow(
        code="InvalidClientTokenId",
        http_status=403,
        family=Family.AUTH,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="AWS has no record of the access key ID the request was signed with.",
    ),
    ErrorRow(
        code="InvalidParameterCombination",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The request combines parameters that may not be used together.",
    ),
    ErrorRow(
        code="InvalidParameterValue",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="A parameter holds a value that is malformed, out of range or otherwise not accepted.",
    ),
    ErrorRow(
        code="InvalidQueryParameter",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The query string breaks the AWS query syntax.",
    ),
    ErrorRow(
        code="MailFromDomainNotVerified",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.ERRORS_PAGE, Source.V1_MODEL, Source.V2_MODEL),
        operations=ops.MAIL_FROM_DOMAIN_NOT_VERIFIED,
        description="The custom MAIL FROM domain cannot be used: it is not verified, or SES could not read the MX record it depends on.",
        aliases=("MailFromDomainNotVerifiedException",),
        decision=SENDER_FIX,
    ),
    ErrorRow(
        code="MalformedQueryString",
        http_status=404,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The query string contains a syntax error.",
    ),
    ErrorRow(
        code="MessageRejected",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.ERRORS_PAGE, Source.V1_MODEL, Source.V2_MODEL),
        operations=ops.MESSAGE_REJECTED,
        description="SES would not send the message; the error message names the reason, such as an unverified address or paused sending.",
    ),
    ErrorRow(
        code="MissingAction",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The request does not name an Action (operation) to perform.",
    ),
    ErrorRow(
        code="MissingAuthenticationToken",
        http_status=403,
        family=Family.AUTH,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The request carries neither an access key ID nor an X.509 certificate, so it cannot be authenticated.",
    ),
    ErrorRow(
        code="MissingParameter",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="A parameter the operation requires was left out.",
    ),
    ErrorRow(
        code="OptInRequired",
        http_status=403,
        family=Family.AUTH,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The access key ID belongs to an account that is not subscribed to SES.",
    ),
    ErrorRow(
        code="RequestExpired",
        http_status=400,
        family=Family.AUTH,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="The request reached SES too long after its timestamp or past its expiry, usually because of clock skew; sign it anew.",
        decision=REQUEST_FIX,
        why="Usually the sending machine's clock is off: every request it signs fails until the clock is set.",
    ),
    ErrorRow(
        code="ServiceUnavailable",
        http_status=503,
        family=Family.SERVER,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="SES could not take the request because of a passing failure on its side; retry after a pause.",
    ),
    ErrorRow(
        code="Throttling",
        http_status=400,
        family=Family.THROTTLING,
        sources=(Source.ERRORS_PAGE,),
        operations=ops.EVERY,
        description="SES refused the request because a rate or quota was exceeded (the message says whether it is the sending rate or the daily quota).",
    ),
    # The AWS common errors that SES can answer with, beyond the 18 above.
    ErrorRow(
        code="AccessDenied",
        http_status=403,
        family=Family.AUTH,
        sources=(Source.OBSERVED,),
        operations=ops.EVERY,
        description="Access to the operation was denied, by an IAM policy or a sending-authorization policy.",
        note="SES documents no status; 403 is what the wire shows.",
    ),
    ErrorRow(
        code="AccessDeniedException",
        http_status=400,
        family=Family.AUTH,
        sources=(Source.COMMON_ERRORS,),
        operations=ops.EVERY,
        description="The caller lacks the permissions the operation needs.",
    ),
    ErrorRow(
        code="NotAuthorized",
        http_status=400,
        family=Family.AUTH,
        sources=(Source.COMMON_ERRORS,),
        operations=ops.EVERY,
        description="The caller is not allowed to perform this operation.",
    ),
    ErrorRow(
        code="SignatureDoesNotMatch",
        http_status=403,
        family=Family.AUTH,
        sources=(Source.OBSERVED,),
        operations=ops.EVERY,
        description="The signature SES computed differs from the one sent: check the secret key and how the request was signed.",
        note="SES documents no status; 403 is what the wire shows.",
    ),
    ErrorRow(
        code="ThrottlingException",
        http_status=400,
        family=Family.THROTTLING,
        sources=(Source.COMMON_ERRORS,),
        operations=ops.EVERY,
        description="The request was throttled; this is the spelling used by the JSON protocol.",
    ),
    ErrorRow(
        code="UnrecognizedClientException",
        http_status=403,
        family=Family.AUTH,
        sources=(Source.OBSERVED,),
        operations=ops.EVERY,
        description="The security token in the request is not valid, for example an unknown or deleted access key.",
        note="SES documents no status; 403 is what the wire shows.",
    ),
    ErrorRow(
        code="ValidationError",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.COMMON_ERRORS,),
        operations=ops.EVERY,
        description="The input breaks a constraint that the service sets.",
    ),
    # The SES v1 (Query API) model's other error shapes, by wire code.
    ErrorRow(
        code="AccountSendingPausedException",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.V1_MODEL,),
        operations=ops.ACCOUNT_SENDING_PAUSED,
        description="Sending is switched off for the whole account, so nothing can be sent until it is switched back on (UpdateAccountSendingEnabled).",
        decision=ACCOUNT_FIX,
        why="Sending was switched off for the account; nothing is sent until someone switches it on.",
    ),
    ErrorRow(
        code="AlreadyExists",
        http_status=400,
        family=Family.CONFLICT,
        sources=(Source.V1_MODEL, Source.V2_MODEL),
        operations=ops.ALREADY_EXISTS,
        description="A resource with the requested name already exists, so it was not created again.",
        aliases=("AlreadyExistsException",),
        members=("Name",),
    ),
    ErrorRow(
        code="CannotDelete",
        http_status=400,
        family=Family.CONFLICT,
        sources=(Source.V1_MODEL,),
        operations=ops.CANNOT_DELETE,
        description="The requested deletion could not be carried out.",
        members=("Name",),
        decision=REQUEST_FIX,
        why="The resource is in use (an active rule set, say) and must be released first.",
    ),
    ErrorRow(
        code="ConfigurationSetAlreadyExists",
        http_status=400,
        family=Family.CONFLICT,
        sources=(Source.V1_MODEL,),
        operations=ops.CONFIGURATION_SET_ALREADY_EXISTS,
        description="A configuration set with the requested name is already defined, so a new one was not created.",
        aliases=("ConfigurationSetAlreadyExistsException",),
        members=("ConfigurationSetName",),
        note="The alias is moto's spelling on SES v2 (SES itself sends AlreadyExistsException there), kept so that a suite run on moto gets the class production gets.",
    ),
    ErrorRow(
        code="ConfigurationSetSendingPausedException",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.V1_MODEL,),
        operations=ops.CONFIGURATION_SET_SENDING_PAUSED,
        description="Sending is switched off for the configuration set the request uses (UpdateConfigurationSetSendingEnabled turns it back on).",
        members=("ConfigurationSetName",),
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="CustomVerificationEmailInvalidContent",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.CUSTOM_VERIFICATION_EMAIL_INVALID_CONTENT,
        description="The content given for a custom verification email template was judged invalid.",
    ),
    ErrorRow(
        code="CustomVerificationEmailTemplateAlreadyExists",
        http_status=400,
        family=Family.CONFLICT,
        sources=(Source.V1_MODEL,),
        operations=ops.CUSTOM_VERIFICATION_EMAIL_TEMPLATE_ALREADY_EXISTS,
        description="A custom verification email template under that name is already defined.",
        members=("CustomVerificationEmailTemplateName",),
    ),
    ErrorRow(
        code="CustomVerificationEmailTemplateDoesNotExist",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.V1_MODEL,),
        operations=ops.CUSTOM_VERIFICATION_EMAIL_TEMPLATE_DOES_NOT_EXIST,
        description="No custom verification email template is stored under the given name.",
        members=("CustomVerificationEmailTemplateName",),
    ),
    ErrorRow(
        code="EventDestinationAlreadyExists",
        http_status=400,
        family=Family.CONFLICT,
        sources=(Source.V1_MODEL,),
        operations=ops.EVENT_DESTINATION_ALREADY_EXISTS,
        description="The configuration set already holds an event destination with that name.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
    ),
    ErrorRow(
        code="EventDestinationDoesNotExist",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.V1_MODEL,),
        operations=ops.EVENT_DESTINATION_DOES_NOT_EXIST,
        description="The named event destination is not present in the configuration set.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="FromEmailAddressNotVerified",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.V1_MODEL,),
        operations=ops.FROM_EMAIL_ADDRESS_NOT_VERIFIED,
        description="The sender address for a custom verification email has not been verified, so SES will not use it.",
        members=("FromEmailAddress",),
        decision=SENDER_FIX,
    ),
    ErrorRow(
        code="InvalidCloudWatchDestination",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_CLOUD_WATCH_DESTINATION,
        description="The CloudWatch event-destination settings were refused; the error message carries the specifics.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="InvalidConfigurationSet",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_CONFIGURATION_SET,
        description="The configuration set definition supplied is not acceptable; the message explains why.",
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="InvalidDeliveryOptions",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_DELIVERY_OPTIONS,
        description="The delivery options given for a configuration set are not acceptable.",
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="InvalidFirehoseDestination",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_FIREHOSE_DESTINATION,
        description="The Kinesis Firehose event-destination settings were refused; the message carries the specifics.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="InvalidLambdaFunction",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_LAMBDA_FUNCTION,
        description="The Lambda function in a receipt rule cannot be used, for example because SES is not permitted to invoke it.",
        members=("FunctionArn",),
    ),
    ErrorRow(
        code="InvalidPolicy",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_POLICY,
        description="The sending-authorization policy document was refused as malformed or invalid.",
        decision=SENDER_FIX,
        why="The policy is the one attached to a sending identity.",
    ),
    ErrorRow(
        code="InvalidRenderingParameter",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_RENDERING_PARAMETER,
        description="One or more template replacement values are unusable, e.g. the template data is not valid JSON.",
        members=("TemplateName",),
        decision=MESSAGE_DROP,
        why="This message's template data is unusable; other messages, with other data, still render.",
    ),
    ErrorRow(
        code="InvalidS3Configuration",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_S3_CONFIGURATION,
        description="The S3 bucket or KMS key in a receipt rule cannot be used, or SES could not write to the bucket (often a permissions issue).",
        members=("Bucket",),
    ),
    ErrorRow(
        code="InvalidSNSDestination",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_SNS_DESTINATION,
        description="The SNS event-destination settings were refused; the message carries the specifics.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="InvalidSnsTopic",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_SNS_TOPIC,
        description="The SNS topic in a receipt rule cannot be used, or publishing to it failed (often a permissions issue).",
        members=("Topic",),
    ),
    ErrorRow(
        code="InvalidTemplate",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_TEMPLATE,
        description="The template could not be rendered, for instance because it points at a partial that is missing.",
        members=("TemplateName",),
    ),
    ErrorRow(
        code="InvalidTrackingOptions",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.INVALID_TRACKING_OPTIONS,
        description="The custom open/click-tracking redirect domain is unusable, typically because it is unverified or is not a well-formed domain/subdomain.",
        decision=CONFIGURATION_SET_FIX,
    ),
    ErrorRow(
        code="LimitExceeded",
        http_status=400,
        family=Family.GENERAL,
        sources=(Source.V1_MODEL, Source.V2_MODEL),
        operations=ops.LIMIT_EXCEEDED,
        description="The request would take the account past an SES limit on how many resources of a kind it may hold.",
        aliases=("LimitExceededException",),
        decision=ACCOUNT_FIX,
        why="A cap on how many resources of a kind the account holds: delete some, or have it raised.",
    ),
    ErrorRow(
        code="MissingRenderingAttribute",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V1_MODEL,),
        operations=ops.MISSING_RENDERING_ATTRIBUTE,
        description="The template data lacks a value for at least one replacement tag that the template uses.",
        members=("TemplateName",),
        decision=MESSAGE_DROP,
        why="This message's template data lacks a value; other messages, with other data, still render.",
    ),
    ErrorRow(
        code="ProductionAccessNotGranted",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.V1_MODEL,),
        operations=ops.PRODUCTION_ACCESS_NOT_GRANTED,
        description="The account lacks production access, which this request needs.",
        decision=ACCOUNT_FIX,
    ),
    ErrorRow(
        code="RuleDoesNotExist",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.V1_MODEL,),
        operations=ops.RULE_DOES_NOT_EXIST,
        description="The receipt rule named in the request could not be found.",
        members=("Name",),
    ),
    ErrorRow(
        code="RuleSetDoesNotExist",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.V1_MODEL,),
        operations=ops.RULE_SET_DOES_NOT_EXIST,
        description="The receipt rule set named in the request could not be found.",
        members=("Name",),
    ),
    ErrorRow(
        code="TemplateDoesNotExist",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.V1_MODEL,),
        operations=ops.TEMPLATE_DOES_NOT_EXIST,
        description="No email template with the given name is stored in the account.",
        members=("TemplateName",),
    ),
    ErrorRow(
        code="TrackingOptionsAlreadyExistsException",
        http_status=400,
        family=Family.CONFLICT,
        sources=(Source.V1_MODEL,),
        operations=ops.TRACKING_OPTIONS_ALREADY_EXISTS,
        description="The configuration set already has a TrackingOptions object attached.",
        members=("ConfigurationSetName",),
    ),
    ErrorRow(
        code="TrackingOptionsDoesNotExistException",
        http_status=400,
        family=Family.NOT_FOUND,
        sources=(Source.V1_MODEL,),
        operations=ops.TRACKING_OPTIONS_DOES_NOT_EXIST,
        description="The configuration set has no TrackingOptions object to act on.",
        members=("ConfigurationSetName",),
        decision=CONFIGURATION_SET_FIX,
    ),
    # The SES v2 (JSON API) model's error shapes that the v1 rows above do not already cover.
    ErrorRow(
        code="AccountSuspendedException",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.V2_MODEL,),
        operations=ops.ACCOUNT_SUSPENDED,
        description="Sending is blocked because the account has been permanently barred from sending email.",
        decision=ACCOUNT_FIX,
    ),
    ErrorRow(
        code="BadRequestException",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V2_MODEL,),
        operations=ops.V2,
        description="The request input was judged invalid.",
    ),
    ErrorRow(
        code="ConcurrentModificationException",
        http_status=500,
        family=Family.SERVER,
        sources=(Source.V2_MODEL,),
        operations=ops.CONCURRENT_MODIFICATION,
        description="Another operation or thread is changing the same resource at the moment.",
        decision=REQUEST_RETRY,
        why="Another change to the same resource is under way; SES itself is fine.",
    ),
    ErrorRow(
        code="ConflictException",
        http_status=409,
        family=Family.CONFLICT,
        sources=(Source.V2_MODEL,),
        operations=ops.CONFLICT,
        description="The request conflicts with an earlier change that is still being processed, such as account details under review.",
        decision=REQUEST_FIX,
        why="An earlier change is still being processed; SES's guidance does not retry a 409.",
    ),
    ErrorRow(
        code="InternalServiceErrorException",
        http_status=500,
        family=Family.SERVER,
        sources=(Source.V2_MODEL,),
        operations=ops.INTERNAL_SERVICE_ERROR,
        description="The SES v2 API hit an internal error while handling the request.",
    ),
    ErrorRow(
        code="InvalidNextTokenException",
        http_status=400,
        family=Family.VALIDATION,
        sources=(Source.V2_MODEL,),
        operations=ops.INVALID_NEXT_TOKEN,
        description="The pagination token supplied is malformed or has expired.",
    ),
    ErrorRow(
        code="NotFoundException",
        http_status=404,
        family=Family.NOT_FOUND,
        sources=(Source.V2_MODEL,),
        operations=ops.NOT_FOUND,
        description="The resource the request refers to does not exist.",
    ),
    ErrorRow(
        code="SendingPausedException",
        http_status=400,
        family=Family.SENDING,
        sources=(Source.V2_MODEL,),
        operations=ops.SENDING_PAUSED,
        description="Sending is blocked because the account's sending is paused for now.",
        decision=ACCOUNT_FIX,
    ),
    ErrorRow(
        code="TooManyRequestsException",
        http_status=429,
        family=Family.THROTTLING,
        sources=(Source.V2_MODEL,),
        operations=ops.V2,
        description="The operation has been called too often (request-rate throttling).",
    ),
)


class Match(enum.Enum):
    """How a message case's texts are compared with the message SES sent.

    Both compare without regard to case or to runs of white space, the way SES's own texts,
    moto's and those of SMTP replies differ.
    """

    EXACT = "exact"  # the message's first sentence (up to . ! : or ;), whatever ends it
    PREFIX = "prefix"  # its fixed beginning; SES appends names, regions or addresses after it


class MessageCase(NamedTuple):
    """A meaning SES tells apart only by the message text under a code (or several codes).

    Each case becomes a subclass of every class in ``parents`` (codes, or SMTP classes whose
    replies carry the same texts), so ``except Throttling`` still catches the daily quota, while
    ``is_retryable`` follows the case, not the parent. ``texts`` are every wording known for
    the meaning: SES's own first, then those of its other surfaces and of moto, so that a suite
    run against moto decides as production does. ``source`` says where each was seen.
    """

    name: str
    parents: tuple[str, ...]
    texts: tuple[str, ...]
    match: Match
    decision: Decision
    description: str
    source: str
    why: str = ""

    @property
    def is_retryable(self) -> bool:
        """Whether the case is worth retrying, which may differ from its parents'."""
        return self.decision.is_retryable


# The SMTP interface's "554 Transaction failed:" replies carry the API's InvalidParameterValue
# texts (an address, a header, the size), so those cases are its subclasses too.
_PARAMETER_PARENTS = ("InvalidParameterValue", "BadRequestException", "SmtpTransactionFailed")

CASES = (
    MessageCase(
        "MaxSendRateExceeded",
        ("Throttling", "ThrottlingException", "TooManyRequestsException"),
        ("Maximum sending rate exceeded.",),
        Match.EXACT,
        decision=ACCOUNT_RETRY,
        description="More messages per second than the account's sending rate; retry shortly.",
        source="SES Query API responses and SMTP 454 replies (Throttling failure: ...)",
    ),
    MessageCase(
        "DailyQuotaExceeded",
        ("Throttling", "ThrottlingException", "TooManyRequestsException", "LimitExceeded"),
        ("Daily message quota exceeded.",),
        Match.EXACT,
        decision=ACCOUNT_DEFER,
        why="The rolling 24-hour quota frees up by itself as the day's sends age out.",
        description="The rolling 24-hour sending quota is used up; retrying within minutes fails.",
        source="SES Query API responses and SMTP 454 replies (Throttling failure: ...)",
    ),
    MessageCase(
        "AddressNotVerified",
        ("MessageRejected",),
        (
            "Email address is not verified.",
            "Email address not verified",  # moto
            "Did not have authority to send from email",  # moto, SendRawEmail
        ),
        Match.PREFIX,
        decision=SENDER_FIX,
        why="In the sandbox the address may be a recipient's; either way an identity needs verifying.",
        description="A sender, or in the sandbox a recipient, is not a verified identity.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: ...); moto's MessageRejected",
    ),
    MessageCase(
        "SendingPausedForAccount",
        ("MessageRejected",),
        ("Sending paused for this account.",),
        Match.PREFIX,
        decision=ACCOUNT_FIX,
        description="SES has paused the account's sending (a review is open); nothing is sent.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: ...)",
    ),
    MessageCase(
        "SendingSuspendedForAccount",
        ("MessageRejected",),
        ("Sending suspended for this account.",),
        Match.PREFIX,
        decision=ACCOUNT_FIX,
        description="SES has suspended the account's sending; nothing is sent until AWS lifts it.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: ...)",
    ),
    MessageCase(
        "RecipientSuppressed",
        ("MessageRejected",),
        ("Address blacklisted.",),
        Match.PREFIX,
        decision=RECIPIENT_DROP,
        why="SES refuses this one address (it bounced or complained before); other recipients still get mail.",
        description="SES refuses to send to this recipient: the address is on its suppression list.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: Address blacklisted.), as posted publicly",
    ),
    MessageCase(
        "InvalidAddress",
        _PARAMETER_PARENTS,
        (
            "Missing final '@domain'",
            "Missing domain",  # moto's one wording too
            "Missing local name",
            "Local address contains control or whitespace",
            "Local address contains illegal character",
            "Local address contains dot-dot",
            "Local address starts with dot",
            "Local address ends with dot",
            "Domain contains control or whitespace",
            "Domain contains illegal character",
            "Domain contains dot-dot",
            "Domain starts with dot",
            "Domain ends with dot",
            "Illegal address",
            "Invalid email address",
        ),
        Match.PREFIX,
        decision=RECIPIENT_DROP,
        why="This address cannot be reached as written; drop it and send the rest.",
        description="An address in the message is not a well-formed email address.",
        source=(
            "InvalidParameterValue (v1) and BadRequestException (v2) responses and SMTP 554 "
            "replies (Transaction failed: ...), as posted publicly; the other wordings of the "
            "same address check"
        ),
    ),
    MessageCase(
        "MessageTooLong",
        _PARAMETER_PARENTS,
        ("Message length is more than",),
        Match.PREFIX,
        decision=MESSAGE_DROP,
        why="This message is over SES's size limit; smaller messages built the same way go out.",
        description="The message is larger than SES accepts (10 MB by default, with its attachments).",
        source="InvalidParameterValue responses (Message length is more than 10485760 bytes long: ...) and the SMTP 552 reply",
    ),
    MessageCase(
        "InvalidHeader",
        _PARAMETER_PARENTS,
        (
            "Duplicate header",
            "Illegal header",
            "Empty header names are illegal",
            "Missing required header",
            "Empty required header",
            "Header section too long",
        ),
        Match.PREFIX,
        decision=REQUEST_FIX,
        why="The code that builds the messages writes the header wrongly: every message built that way fails.",
        description="A header of the message is duplicated, malformed, missing or too long.",
        source="InvalidParameterValue responses and SMTP 554 replies (Transaction failed: ...), as posted publicly",
    ),
    MessageCase(
        "TooManyRecipients",
        (*_PARAMETER_PARENTS, "MessageRejected"),
        (
            "Recipient count exceeds",
            "Too many recipients",  # moto
            "Too many destinations",  # moto, bulk sends
        ),
        Match.PREFIX,
        decision=REQUEST_FIX,
        why="The code put more than 50 recipients in one message; every such message fails until it splits them.",
        description="The message has more recipients (To, Cc and Bcc together) than SES takes in one send.",
        source="InvalidParameterValue responses and SMTP 554 replies (Transaction failed: Recipient count exceeds 50.); moto's MessageRejected",
    ),
)


class SmtpClassRow(NamedTuple):
    """An SMTP reply with no SES API code of the same meaning gets a class of its own."""

    name: str
    family: Family
    decision: Decision
    description: str
    why: str = ""
    source: str = "SES's SMTP response codes"

    @property
    def is_retryable(self) -> bool:
        """Whether sending again after a wait (on a new connection, to RECONNECT) can succeed."""
        return self.decision.is_retryable

    @property
    def http_status(self) -> int:
        """No HTTP response exists; the family's status stands in, as for a code-less response."""
        return next(family.http_status for family in FAMILIES if family.family is self.family)


SMTP_CLASSES = (
    SmtpClassRow(
        "SmtpTooManyConnections",
        Family.THROTTLING,
        decision=ACCOUNT_RETRY,
        description="Too many SMTP connections are open to SES at once; retry on fewer.",
        why="The limit on open connections is the account's, not this connection's.",
    ),
    SmtpClassRow(
        "SmtpClientTimeout",
        Family.GENERAL,
        decision=CONNECTION_RECONNECT,
        description="SES closed the connection because the client was idle too long.",
    ),
    SmtpClassRow(
        "SmtpTemporaryAuthFailure",
        Family.AUTH,
        decision=SERVICE_RETRY,
        description="SES could not check the SMTP credentials this time.",
        why="SES could not check them this time; nothing says they are wrong.",
    ),
    SmtpClassRow(
        "SmtpCredentialsInvalid",
        Family.AUTH,
        decision=ACCOUNT_FIX,
        description="The SMTP user name or password is wrong (they are not the AWS keys).",
    ),
    SmtpClassRow(
        "SmtpInvalidMailFrom",
        Family.VALIDATION,
        decision=SENDER_FIX,
        description="SES refused the envelope sender (MAIL FROM): it is no usable address.",
        why="Every message sent with that envelope sender fails until it is set right.",
        source="SES's 501 reply to MAIL FROM, as posted publicly",
    ),
    SmtpClassRow(
        "SmtpSessionLimit",
        Family.GENERAL,
        decision=CONNECTION_RECONNECT,
        description="SES closed the SMTP session after the most messages it carries in one.",
        why="The session is closed; the message goes out on a new connection.",
        source="SES's 421 reply after a session's last message, as posted publicly",
    ),
    SmtpClassRow(
        "SmtpTransactionFailed",
        Family.VALIDATION,
        decision=MESSAGE_DROP,
        description="SES refused the message's content or envelope (a header, an address).",
    ),
    SmtpClassRow(
        "SmtpTransientFailure",
        Family.GENERAL,
        decision=CONNECTION_RETRY,
        description="An SMTP 4xx reply SES does not document: temporary by SMTP's rule.",
        why="SMTP's own rule makes a 4xx temporary; what it reaches is not known past the session.",
    ),
    SmtpClassRow(
        "SmtpPermanentFailure",
        Family.GENERAL,
        decision=MESSAGE_DROP,
        description="An SMTP 5xx reply SES does not document: permanent by SMTP's rule.",
    ),
    SmtpClassRow(
        "SmtpUnreadableReply",
        Family.GENERAL,
        decision=CONNECTION_RECONNECT,
        description="No SMTP error reply could be read (smtplib's code -1, or a code outside 400-599).",
        why="The session is in an unknown state; only a new connection is sure to be clean.",
    ),
)

# Unknown replies fall back to these, by SMTP's own rule: 4xx is transient, 5xx permanent.
SMTP_TRANSIENT_FALLBACK = "SmtpTransientFailure"
SMTP_PERMANENT_FALLBACK = "SmtpPermanentFailure"
# A reply that is none of those: smtplib's -1 for one it could not read, or a code outside 400-599.
SMTP_UNREADABLE = "SmtpUnreadableReply"


class SmtpReplyRow(NamedTuple):
    """A reply SES's SMTP interface sends, and the class it stands for.

    ``target`` is an API code where one has the same meaning (the message after ``text`` then
    picks a message case, as in the API), a message case, or the name of an SMTP class above.
    ``text`` is the reply's fixed beginning, compared without regard to case; with
    ``anywhere`` it may stand anywhere in the reply.
    """

    smtp_code: int
    text: str
    target: str
    anywhere: bool = False


SMTP_REPLIES = (
    SmtpReplyRow(421, "Too many concurrent SMTP connections", "SmtpTooManyConnections"),
    # Seen as "421 Maximum message count per session reached." and with words before it.
    SmtpReplyRow(
        421, "Maximum message count per session reached", "SmtpSessionLimit", anywhere=True
    ),
    SmtpReplyRow(451, "Temporary service failure", "InternalFailure"),
    SmtpReplyRow(451, "Timeout waiting for data from client", "SmtpClientTimeout"),
    SmtpReplyRow(454, "Throttling failure:", "Throttling"),
    SmtpReplyRow(454, "Temporary authentication failure", "SmtpTemporaryAuthFailure"),
    SmtpReplyRow(454, "Temporary service failure", "ServiceUnavailable"),
    SmtpReplyRow(530, "Authentication required", "MissingAuthenticationToken"),
    SmtpReplyRow(501, "Invalid MAIL FROM address provided", "SmtpInvalidMailFrom"),
    SmtpReplyRow(501, "Invalid RCPT TO address provided", "InvalidAddress"),
    SmtpReplyRow(535, "Authentication Credentials Invalid", "SmtpCredentialsInvalid"),
    SmtpReplyRow(535, "Account not subscribed to SES", "OptInRequired"),
    SmtpReplyRow(552, "Message is too long", "MessageTooLong"),
    SmtpReplyRow(554, "Access denied:", "AccessDenied"),
    SmtpReplyRow(554, "Message rejected:", "MessageRejected"),
    SmtpReplyRow(554, "Transaction failed:", "SmtpTransactionFailed"),
)


class BulkStatusRow(NamedTuple):
    """A per-destination status of a bulk send (v1 and v2 spellings) and the class it means.

    ``target`` is an API code (its message cases apply to the entry's error text), a message
    case, or a family; None means the entry was sent.
    """

    v1: str
    v2: str
    target: str | None


BULK_STATUSES = (
    BulkStatusRow("Success", "SUCCESS", None),
    BulkStatusRow("MessageRejected", "MESSAGE_REJECTED", "MessageRejected"),
    BulkStatusRow(
        "MailFromDomainNotVerified", "MAIL_FROM_DOMAIN_NOT_VERIFIED", "MailFromDomainNotVerified"
    ),
    BulkStatusRow(
        "ConfigurationSetDoesNotExist",
        "CONFIGURATION_SET_NOT_FOUND",
        "ConfigurationSetDoesNotExist",
    ),
    BulkStatusRow("TemplateDoesNotExist", "TEMPLATE_NOT_FOUND", "TemplateDoesNotExist"),
    BulkStatusRow("AccountSuspended", "ACCOUNT_SUSPENDED", "AccountSuspendedException"),
    BulkStatusRow("AccountThrottled", "ACCOUNT_THROTTLED", "Throttling"),
    BulkStatusRow(
        "AccountDailyQuotaExceeded", "ACCOUNT_DAILY_QUOTA_EXCEEDED", "DailyQuotaExceeded"
    ),
    BulkStatusRow("InvalidSendingPoolName", "INVALID_SENDING_POOL_NAME", "InvalidParameterValue"),
    BulkStatusRow(
        "AccountSendingPaused", "ACCOUNT_SENDING_PAUSED", "AccountSendingPausedException"
    ),
    BulkStatusRow(
        "ConfigurationSetSendingPaused",
        "CONFIGURATION_SET_SENDING_PAUSED",
        "ConfigurationSetSendingPausedException",
    ),
    BulkStatusRow("InvalidParameterValue", "INVALID_PARAMETER", "InvalidParameterValue"),
    BulkStatusRow("TransientFailure", "TRANSIENT_FAILURE", "ServerSideError"),
    BulkStatusRow("Failed", "FAILED", "SESError"),
)
