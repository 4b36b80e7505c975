"""The SES error code table: the single source of truth for ses-errors.

One row per SES error code. The exception classes in ``_generated.py``, the README's code
table, the CLI's ``codes`` and ``explain`` output and the typing surface are all derived from
these rows; nothing else in the package states a code, a status or a description.

Facts come from four places, recorded per row in ``sources``: the SES "API error codes" page
(18 codes of the Query API, with that page's statuses), botocore's SES v1 and SES v2 service
models, and the AWS common-errors list. Codes that are only seen on the wire say so in ``note``.
Descriptions are our own words.

This module is plain data with no imports from the rest of the package.
"""

from __future__ import annotations

import enum
from typing import Literal

import attrs


class Kind(enum.Enum):
    """The family a code belongs to; it picks the intermediate base class of its exception."""

    GENERAL = "SESError"
    SERVER = "ServerSideError"
    THROTTLING = "ThrottlingError"
    AUTH = "AuthError"
    VALIDATION = "InvalidRequestError"
    SENDING = "SendingRefusedError"
    NOT_FOUND = "ResourceNotFoundError"
    CONFLICT = "ResourceConflictError"


# SES's guidance: retry server-side failures (5xx) and throttling, nothing else.
RETRYABLE_KINDS = frozenset({Kind.SERVER, Kind.THROTTLING})

# SES's guidance on how to retry: waits of 5, 10 and 30 seconds; when the retry after the 30 s
# wait fails too, wait 20 minutes and run the set again. Two rounds in all, then give up.
RETRY_WAITS = (5.0, 10.0, 30.0)
RETRY_ROUND_PAUSE = 1200.0
RETRY_ROUNDS = 2


class Source(enum.Enum):
    """Where a row's facts were taken from."""

    ERRORS_PAGE = "SES API error codes page"
    V1_MODEL = "botocore SES v1 model (Query API)"
    V2_MODEL = "botocore SES v2 model (JSON API)"
    COMMON_ERRORS = "AWS common errors list"
    OBSERVED = "seen on the wire"


@attrs.frozen
class FamilyRow:
    """An intermediate base class: what it groups, and the status it stands for in a fallback."""

    kind: Kind
    description: str
    http_status: int

    @property
    def retryable(self) -> bool:
        """Whether errors of this family are worth retrying at all."""
        return self.kind in RETRYABLE_KINDS


# Each family's exception class also stands in for a response that carried no readable code:
# parse_error picks the family from the HTTP status (5xx, 429, 401/403) and keeps that status.
FAMILIES = (
    FamilyRow(Kind.GENERAL, "Base class of every error SES can return.", 400),
    FamilyRow(Kind.SERVER, "SES failed on its side (HTTP 5xx); worth retrying.", 500),
    FamilyRow(Kind.THROTTLING, "A rate or quota limit refused the request.", 429),
    FamilyRow(Kind.AUTH, "Credentials, signature, subscription or permissions were refused.", 403),
    FamilyRow(
        Kind.VALIDATION, "The request itself is malformed or holds values SES does not accept.", 400
    ),
    FamilyRow(Kind.SENDING, "SES will not send this message, or this account may not send.", 400),
    FamilyRow(Kind.NOT_FOUND, "A resource named in the request does not exist.", 400),
    FamilyRow(
        Kind.CONFLICT, "A resource already exists or is in a state that blocks the request.", 400
    ),
)


@attrs.frozen
class ErrorRow:
    """One SES error code and the facts that hold for it whichever request returned it."""

    code: str
    http_status: int
    kind: Kind
    sources: tuple[Source, ...]
    actions: frozenset[str]
    description: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    note: str = ""

    @property
    def retryable(self) -> bool:
        """SES's guidance: retry server-side failures (5xx) and throttling, nothing else."""
        return self.kind in RETRYABLE_KINDS

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


# Every operation of the SES v1 and SES v2 APIs (from the two botocore models).
V1_ACTIONS = frozenset(
    (
        "CloneReceiptRuleSet",
        "CreateConfigurationSet",
        "CreateConfigurationSetEventDestination",
        "CreateConfigurationSetTrackingOptions",
        "CreateCustomVerificationEmailTemplate",
        "CreateReceiptFilter",
        "CreateReceiptRule",
        "CreateReceiptRuleSet",
        "CreateTemplate",
        "DeleteConfigurationSet",
        "DeleteConfigurationSetEventDestination",
        "DeleteConfigurationSetTrackingOptions",
        "DeleteCustomVerificationEmailTemplate",
        "DeleteIdentity",
        "DeleteIdentityPolicy",
        "DeleteReceiptFilter",
        "DeleteReceiptRule",
        "DeleteReceiptRuleSet",
        "DeleteTemplate",
        "DeleteVerifiedEmailAddress",
        "DescribeActiveReceiptRuleSet",
        "DescribeConfigurationSet",
        "DescribeReceiptRule",
        "DescribeReceiptRuleSet",
        "GetAccountSendingEnabled",
        "GetCustomVerificationEmailTemplate",
        "GetIdentityDkimAttributes",
        "GetIdentityMailFromDomainAttributes",
        "GetIdentityNotificationAttributes",
        "GetIdentityPolicies",
        "GetIdentityVerificationAttributes",
        "GetSendQuota",
        "GetSendStatistics",
        "GetTemplate",
        "ListConfigurationSets",
        "ListCustomVerificationEmailTemplates",
        "ListIdentities",
        "ListIdentityPolicies",
        "ListReceiptFilters",
        "ListReceiptRuleSets",
        "ListTemplates",
        "ListVerifiedEmailAddresses",
        "PutConfigurationSetDeliveryOptions",
        "PutIdentityPolicy",
        "ReorderReceiptRuleSet",
        "SendBounce",
        "SendBulkTemplatedEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
        "SetActiveReceiptRuleSet",
        "SetIdentityDkimEnabled",
        "SetIdentityFeedbackForwardingEnabled",
        "SetIdentityHeadersInNotificationsEnabled",
        "SetIdentityMailFromDomain",
        "SetIdentityNotificationTopic",
        "SetReceiptRulePosition",
        "TestRenderTemplate",
        "UpdateAccountSendingEnabled",
        "UpdateConfigurationSetEventDestination",
        "UpdateConfigurationSetReputationMetricsEnabled",
        "UpdateConfigurationSetSendingEnabled",
        "UpdateConfigurationSetTrackingOptions",
        "UpdateCustomVerificationEmailTemplate",
        "UpdateReceiptRule",
        "UpdateTemplate",
        "VerifyDomainDkim",
        "VerifyDomainIdentity",
        "VerifyEmailAddress",
        "VerifyEmailIdentity",
    )
)

V2_ACTIONS = frozenset(
    (
        "AssociateEmailIdentityCertificate",
        "BatchGetMetricData",
        "CancelExportJob",
        "CreateConfigurationSet",
        "CreateConfigurationSetEventDestination",
        "CreateContact",
        "CreateContactList",
        "CreateCustomVerificationEmailTemplate",
        "CreateDedicatedIpPool",
        "CreateDeliverabilityTestReport",
        "CreateEmailIdentity",
        "CreateEmailIdentityPolicy",
        "CreateEmailTemplate",
        "CreateExportJob",
        "CreateImportJob",
        "CreateMultiRegionEndpoint",
        "CreateTenant",
        "CreateTenantResourceAssociation",
        "DeleteConfigurationSet",
        "DeleteConfigurationSetEventDestination",
        "DeleteContact",
        "DeleteContactList",
        "DeleteCustomVerificationEmailTemplate",
        "DeleteDedicatedIpPool",
        "DeleteEmailIdentity",
        "DeleteEmailIdentityPolicy",
        "DeleteEmailTemplate",
        "DeleteMultiRegionEndpoint",
        "DeleteSuppressedDestination",
        "DeleteTenant",
        "DeleteTenantResourceAssociation",
        "DisassociateEmailIdentityCertificate",
        "GetAccount",
        "GetBlacklistReports",
        "GetConfigurationSet",
        "GetConfigurationSetEventDestinations",
        "GetContact",
        "GetContactList",
        "GetCustomVerificationEmailTemplate",
        "GetDedicatedIp",
        "GetDedicatedIpPool",
        "GetDedicatedIps",
        "GetDeliverabilityDashboardOptions",
        "GetDeliverabilityTestReport",
        "GetDomainDeliverabilityCampaign",
        "GetDomainStatisticsReport",
        "GetEmailAddressInsights",
        "GetEmailIdentity",
        "GetEmailIdentityPolicies",
        "GetEmailTemplate",
        "GetExportJob",
        "GetImportJob",
        "GetMessageInsights",
        "GetMultiRegionEndpoint",
        "GetReputationEntity",
        "GetSuppressedDestination",
        "GetTenant",
        "ListConfigurationSets",
        "ListContactLists",
        "ListContacts",
        "ListCustomVerificationEmailTemplates",
        "ListDedicatedIpPools",
        "ListDeliverabilityTestReports",
        "ListDomainDeliverabilityCampaigns",
        "ListEmailIdentities",
        "ListEmailIdentityCertificates",
        "ListEmailTemplates",
        "ListExportJobs",
        "ListImportJobs",
        "ListMultiRegionEndpoints",
        "ListRecommendations",
        "ListReputationEntities",
        "ListResourceTenants",
        "ListSuppressedDestinations",
        "ListTagsForResource",
        "ListTenantResources",
        "ListTenants",
        "PutAccountDedicatedIpWarmupAttributes",
        "PutAccountDeliveryAttributes",
        "PutAccountDetails",
        "PutAccountPricingAttributes",
        "PutAccountSendingAttributes",
        "PutAccountSuppressionAttributes",
        "PutAccountVdmAttributes",
        "PutConfigurationSetArchivingOptions",
        "PutConfigurationSetDeliveryOptions",
        "PutConfigurationSetReputationOptions",
        "PutConfigurationSetSendingOptions",
        "PutConfigurationSetSuppressionOptions",
        "PutConfigurationSetTrackingOptions",
        "PutConfigurationSetVdmOptions",
        "PutDedicatedIpInPool",
        "PutDedicatedIpPoolScalingAttributes",
        "PutDedicatedIpWarmupAttributes",
        "PutDeliverabilityDashboardOption",
        "PutEmailIdentityConfigurationSetAttributes",
        "PutEmailIdentityDkimAttributes",
        "PutEmailIdentityDkimSigningAttributes",
        "PutEmailIdentityFeedbackAttributes",
        "PutEmailIdentityMailFromAttributes",
        "PutSuppressedDestination",
        "PutTenantSuppressionAttributes",
        "SendBulkEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "TagResource",
        "TestRenderEmailTemplate",
        "UntagResource",
        "UpdateConfigurationSet",
        "UpdateConfigurationSetEventDestination",
        "UpdateContact",
        "UpdateContactList",
        "UpdateCustomVerificationEmailTemplate",
        "UpdateEmailIdentityPolicy",
        "UpdateEmailTemplate",
        "UpdateReputationEntityCustomerManagedStatus",
        "UpdateReputationEntityPolicy",
    )
)

# The operations that can return each code, where that is not every operation.
_CONFIGURATION_SET_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "CreateConfigurationSetTrackingOptions",
        "DeleteConfigurationSet",
        "DeleteConfigurationSetEventDestination",
        "DeleteConfigurationSetTrackingOptions",
        "DescribeConfigurationSet",
        "PutConfigurationSetDeliveryOptions",
        "SendBulkTemplatedEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
        "UpdateConfigurationSetEventDestination",
        "UpdateConfigurationSetReputationMetricsEnabled",
        "UpdateConfigurationSetSendingEnabled",
        "UpdateConfigurationSetTrackingOptions",
    )
)

_MAIL_FROM_DOMAIN_NOT_VERIFIED_ACTIONS = frozenset(
    (
        "CreateDeliverabilityTestReport",
        "SendBulkEmail",
        "SendBulkTemplatedEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
    )
)

_MESSAGE_REJECTED_ACTIONS = frozenset(
    (
        "CreateDeliverabilityTestReport",
        "SendBounce",
        "SendBulkEmail",
        "SendBulkTemplatedEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
    )
)

_ACCOUNT_SENDING_PAUSED_ACTIONS = frozenset(
    (
        "SendBulkTemplatedEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
    )
)

_ALREADY_EXISTS_ACTIONS = frozenset(
    (
        "AssociateEmailIdentityCertificate",
        "CloneReceiptRuleSet",
        "CreateConfigurationSet",
        "CreateConfigurationSetEventDestination",
        "CreateContact",
        "CreateContactList",
        "CreateCustomVerificationEmailTemplate",
        "CreateDedicatedIpPool",
        "CreateEmailIdentity",
        "CreateEmailIdentityPolicy",
        "CreateEmailTemplate",
        "CreateMultiRegionEndpoint",
        "CreateReceiptFilter",
        "CreateReceiptRule",
        "CreateReceiptRuleSet",
        "CreateTemplate",
        "CreateTenant",
        "CreateTenantResourceAssociation",
        "PutDeliverabilityDashboardOption",
    )
)

_CANNOT_DELETE_ACTIONS = frozenset(("DeleteReceiptRuleSet",))

_CONFIGURATION_SET_ALREADY_EXISTS_ACTIONS = frozenset(("CreateConfigurationSet",))

_CONFIGURATION_SET_SENDING_PAUSED_ACTIONS = frozenset(
    (
        "SendBulkTemplatedEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
    )
)

_CUSTOM_VERIFICATION_EMAIL_INVALID_CONTENT_ACTIONS = frozenset(
    (
        "CreateCustomVerificationEmailTemplate",
        "UpdateCustomVerificationEmailTemplate",
    )
)

_CUSTOM_VERIFICATION_EMAIL_TEMPLATE_ALREADY_EXISTS_ACTIONS = frozenset(
    ("CreateCustomVerificationEmailTemplate",)
)

_CUSTOM_VERIFICATION_EMAIL_TEMPLATE_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "GetCustomVerificationEmailTemplate",
        "SendCustomVerificationEmail",
        "UpdateCustomVerificationEmailTemplate",
    )
)

_EVENT_DESTINATION_ALREADY_EXISTS_ACTIONS = frozenset(("CreateConfigurationSetEventDestination",))

_EVENT_DESTINATION_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "DeleteConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

_FROM_EMAIL_ADDRESS_NOT_VERIFIED_ACTIONS = frozenset(
    (
        "CreateCustomVerificationEmailTemplate",
        "SendCustomVerificationEmail",
        "UpdateCustomVerificationEmailTemplate",
    )
)

_INVALID_CLOUD_WATCH_DESTINATION_ACTIONS = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

_INVALID_CONFIGURATION_SET_ACTIONS = frozenset(("CreateConfigurationSet",))

_INVALID_DELIVERY_OPTIONS_ACTIONS = frozenset(("PutConfigurationSetDeliveryOptions",))

_INVALID_FIREHOSE_DESTINATION_ACTIONS = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

_INVALID_LAMBDA_FUNCTION_ACTIONS = frozenset(
    (
        "CreateReceiptRule",
        "UpdateReceiptRule",
    )
)

_INVALID_POLICY_ACTIONS = frozenset(("PutIdentityPolicy",))

_INVALID_RENDERING_PARAMETER_ACTIONS = frozenset(("TestRenderTemplate",))

_INVALID_S3_CONFIGURATION_ACTIONS = frozenset(
    (
        "CreateReceiptRule",
        "UpdateReceiptRule",
    )
)

_INVALID_SNS_DESTINATION_ACTIONS = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

_INVALID_SNS_TOPIC_ACTIONS = frozenset(
    (
        "CreateReceiptRule",
        "UpdateReceiptRule",
    )
)

_INVALID_TEMPLATE_ACTIONS = frozenset(
    (
        "CreateTemplate",
        "UpdateTemplate",
    )
)

_INVALID_TRACKING_OPTIONS_ACTIONS = frozenset(
    (
        "CreateConfigurationSetTrackingOptions",
        "UpdateConfigurationSetTrackingOptions",
    )
)

_LIMIT_EXCEEDED_ACTIONS = frozenset(
    (
        "CloneReceiptRuleSet",
        "CreateConfigurationSet",
        "CreateConfigurationSetEventDestination",
        "CreateContactList",
        "CreateCustomVerificationEmailTemplate",
        "CreateDedicatedIpPool",
        "CreateDeliverabilityTestReport",
        "CreateEmailIdentity",
        "CreateEmailIdentityPolicy",
        "CreateEmailTemplate",
        "CreateExportJob",
        "CreateImportJob",
        "CreateMultiRegionEndpoint",
        "CreateReceiptFilter",
        "CreateReceiptRule",
        "CreateReceiptRuleSet",
        "CreateTemplate",
        "CreateTenant",
        "GetDeliverabilityDashboardOptions",
        "PutDeliverabilityDashboardOption",
        "SendBulkEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "UpdateReceiptRule",
    )
)

_MISSING_RENDERING_ATTRIBUTE_ACTIONS = frozenset(("TestRenderTemplate",))

_PRODUCTION_ACCESS_NOT_GRANTED_ACTIONS = frozenset(("SendCustomVerificationEmail",))

_RULE_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "CreateReceiptRule",
        "DescribeReceiptRule",
        "ReorderReceiptRuleSet",
        "SetReceiptRulePosition",
        "UpdateReceiptRule",
    )
)

_RULE_SET_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "CloneReceiptRuleSet",
        "CreateReceiptRule",
        "DeleteReceiptRule",
        "DescribeReceiptRule",
        "DescribeReceiptRuleSet",
        "ReorderReceiptRuleSet",
        "SetActiveReceiptRuleSet",
        "SetReceiptRulePosition",
        "UpdateReceiptRule",
    )
)

_TEMPLATE_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "GetTemplate",
        "SendBulkTemplatedEmail",
        "SendTemplatedEmail",
        "TestRenderTemplate",
        "UpdateTemplate",
    )
)

_TRACKING_OPTIONS_ALREADY_EXISTS_ACTIONS = frozenset(("CreateConfigurationSetTrackingOptions",))

_TRACKING_OPTIONS_DOES_NOT_EXIST_ACTIONS = frozenset(
    (
        "DeleteConfigurationSetTrackingOptions",
        "UpdateConfigurationSetTrackingOptions",
    )
)

_ACCOUNT_SUSPENDED_ACTIONS = frozenset(
    (
        "CreateDeliverabilityTestReport",
        "SendBulkEmail",
        "SendEmail",
    )
)

_CONCURRENT_MODIFICATION_ACTIONS = frozenset(
    (
        "CreateConfigurationSet",
        "CreateDedicatedIpPool",
        "CreateDeliverabilityTestReport",
        "CreateEmailIdentity",
        "DeleteConfigurationSet",
        "DeleteContactList",
        "DeleteDedicatedIpPool",
        "DeleteEmailIdentity",
        "DeleteMultiRegionEndpoint",
        "PutDedicatedIpPoolScalingAttributes",
        "TagResource",
        "UntagResource",
        "UpdateContact",
        "UpdateContactList",
    )
)

_CONFLICT_ACTIONS = frozenset(
    (
        "PutAccountDetails",
        "PutAccountPricingAttributes",
        "UpdateReputationEntityCustomerManagedStatus",
        "UpdateReputationEntityPolicy",
    )
)

_INTERNAL_SERVICE_ERROR_ACTIONS = frozenset(("BatchGetMetricData",))

_INVALID_NEXT_TOKEN_ACTIONS = frozenset(("ListSuppressedDestinations",))

_NOT_FOUND_ACTIONS = frozenset(
    (
        "AssociateEmailIdentityCertificate",
        "BatchGetMetricData",
        "CancelExportJob",
        "CreateConfigurationSet",
        "CreateConfigurationSetEventDestination",
        "CreateContact",
        "CreateCustomVerificationEmailTemplate",
        "CreateDeliverabilityTestReport",
        "CreateEmailIdentity",
        "CreateEmailIdentityPolicy",
        "CreateExportJob",
        "CreateTenantResourceAssociation",
        "DeleteConfigurationSet",
        "DeleteConfigurationSetEventDestination",
        "DeleteContact",
        "DeleteContactList",
        "DeleteCustomVerificationEmailTemplate",
        "DeleteDedicatedIpPool",
        "DeleteEmailIdentity",
        "DeleteEmailIdentityPolicy",
        "DeleteEmailTemplate",
        "DeleteMultiRegionEndpoint",
        "DeleteSuppressedDestination",
        "DeleteTenant",
        "DeleteTenantResourceAssociation",
        "DisassociateEmailIdentityCertificate",
        "GetBlacklistReports",
        "GetConfigurationSet",
        "GetConfigurationSetEventDestinations",
        "GetContact",
        "GetContactList",
        "GetCustomVerificationEmailTemplate",
        "GetDedicatedIp",
        "GetDedicatedIpPool",
        "GetDedicatedIps",
        "GetDeliverabilityTestReport",
        "GetDomainDeliverabilityCampaign",
        "GetDomainStatisticsReport",
        "GetEmailIdentity",
        "GetEmailIdentityPolicies",
        "GetEmailTemplate",
        "GetExportJob",
        "GetImportJob",
        "GetMessageInsights",
        "GetMultiRegionEndpoint",
        "GetReputationEntity",
        "GetSuppressedDestination",
        "GetTenant",
        "ListContacts",
        "ListDeliverabilityTestReports",
        "ListDomainDeliverabilityCampaigns",
        "ListEmailIdentityCertificates",
        "ListRecommendations",
        "ListResourceTenants",
        "ListSuppressedDestinations",
        "ListTagsForResource",
        "ListTenantResources",
        "PutConfigurationSetArchivingOptions",
        "PutConfigurationSetDeliveryOptions",
        "PutConfigurationSetReputationOptions",
        "PutConfigurationSetSendingOptions",
        "PutConfigurationSetSuppressionOptions",
        "PutConfigurationSetTrackingOptions",
        "PutConfigurationSetVdmOptions",
        "PutDedicatedIpInPool",
        "PutDedicatedIpPoolScalingAttributes",
        "PutDedicatedIpWarmupAttributes",
        "PutDeliverabilityDashboardOption",
        "PutEmailIdentityConfigurationSetAttributes",
        "PutEmailIdentityDkimAttributes",
        "PutEmailIdentityDkimSigningAttributes",
        "PutEmailIdentityFeedbackAttributes",
        "PutEmailIdentityMailFromAttributes",
        "PutSuppressedDestination",
        "PutTenantSuppressionAttributes",
        "SendBulkEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "TagResource",
        "TestRenderEmailTemplate",
        "UntagResource",
        "UpdateConfigurationSet",
        "UpdateConfigurationSetEventDestination",
        "UpdateContact",
        "UpdateContactList",
        "UpdateCustomVerificationEmailTemplate",
        "UpdateEmailIdentityPolicy",
        "UpdateEmailTemplate",
    )
)

_SENDING_PAUSED_ACTIONS = frozenset(
    (
        "CreateDeliverabilityTestReport",
        "SendBulkEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
    )
)

EVERY_ACTION = V1_ACTIONS | V2_ACTIONS

ROWS = (
    # The SES API error codes page: the 18 codes of the Query API, with that page's statuses.
    ErrorRow(
        "ConfigurationSetDoesNotExist",
        400,
        Kind.NOT_FOUND,
        (Source.ERRORS_PAGE, Source.V1_MODEL),
        _CONFIGURATION_SET_DOES_NOT_EXIST_ACTIONS,
        "The configuration set named in the request could not be found.",
        members=("ConfigurationSetName",),
    ),
    ErrorRow(
        "IncompleteSignature",
        400,
        Kind.AUTH,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The request signature is incomplete or does not follow the AWS signing rules.",
    ),
    ErrorRow(
        "InternalFailure",
        500,
        Kind.SERVER,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "SES failed while handling the request because of a problem on its own side; a later retry can succeed.",
    ),
    ErrorRow(
        "InvalidAction",
        400,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The Action in the request is not an operation this API offers (check its spelling and the API version).",
    ),
    ErrorRow(
        "InvalidClientTokenId",
        403,
        Kind.AUTH,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "AWS has no record of the access key ID the request was signed with.",
    ),
    ErrorRow(
        "InvalidParameterCombination",
        400,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The request combines parameters that may not be used together.",
    ),
    ErrorRow(
        "InvalidParameterValue",
        400,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "A parameter holds a value that is malformed, out of range or otherwise not accepted.",
    ),
    ErrorRow(
        "InvalidQueryParameter",
        400,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The query string breaks the AWS query syntax.",
    ),
    ErrorRow(
        "MailFromDomainNotVerified",
        400,
        Kind.SENDING,
        (Source.ERRORS_PAGE, Source.V1_MODEL, Source.V2_MODEL),
        _MAIL_FROM_DOMAIN_NOT_VERIFIED_ACTIONS,
        "The custom MAIL FROM domain cannot be used: it is not verified, or SES could not read the MX record it depends on.",
        aliases=("MailFromDomainNotVerifiedException",),
    ),
    ErrorRow(
        "MalformedQueryString",
        404,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The query string contains a syntax error.",
    ),
    ErrorRow(
        "MessageRejected",
        400,
        Kind.SENDING,
        (Source.ERRORS_PAGE, Source.V1_MODEL, Source.V2_MODEL),
        _MESSAGE_REJECTED_ACTIONS,
        "SES would not send the message; the error message names the reason, such as an unverified address or paused sending.",
    ),
    ErrorRow(
        "MissingAction",
        400,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The request does not name an Action (operation) to perform.",
    ),
    ErrorRow(
        "MissingAuthenticationToken",
        403,
        Kind.AUTH,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The request carries neither an access key ID nor an X.509 certificate, so it cannot be authenticated.",
    ),
    ErrorRow(
        "MissingParameter",
        400,
        Kind.VALIDATION,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "A parameter the operation requires was left out.",
    ),
    ErrorRow(
        "OptInRequired",
        403,
        Kind.AUTH,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The access key ID belongs to an account that is not subscribed to SES.",
    ),
    ErrorRow(
        "RequestExpired",
        400,
        Kind.AUTH,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "The request reached SES too long after its timestamp or past its expiry, usually because of clock skew; sign it anew.",
    ),
    ErrorRow(
        "ServiceUnavailable",
        503,
        Kind.SERVER,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "SES could not take the request because of a passing failure on its side; retry after a pause.",
    ),
    ErrorRow(
        "Throttling",
        400,
        Kind.THROTTLING,
        (Source.ERRORS_PAGE,),
        EVERY_ACTION,
        "SES refused the request because a rate or quota was exceeded (the message says whether it is the sending rate or the daily quota).",
    ),
    # The AWS common errors that SES can answer with, beyond the 18 above.
    ErrorRow(
        "AccessDenied",
        403,
        Kind.AUTH,
        (Source.OBSERVED,),
        EVERY_ACTION,
        "Access to the operation was denied, by an IAM policy or a sending-authorization policy.",
        note="SES documents no status; 403 is what the wire shows.",
    ),
    ErrorRow(
        "AccessDeniedException",
        400,
        Kind.AUTH,
        (Source.COMMON_ERRORS,),
        EVERY_ACTION,
        "The caller lacks the permissions the operation needs.",
    ),
    ErrorRow(
        "NotAuthorized",
        400,
        Kind.AUTH,
        (Source.COMMON_ERRORS,),
        EVERY_ACTION,
        "The caller is not allowed to perform this operation.",
    ),
    ErrorRow(
        "SignatureDoesNotMatch",
        403,
        Kind.AUTH,
        (Source.OBSERVED,),
        EVERY_ACTION,
        "The signature SES computed differs from the one sent: check the secret key and how the request was signed.",
        note="SES documents no status; 403 is what the wire shows.",
    ),
    ErrorRow(
        "ThrottlingException",
        400,
        Kind.THROTTLING,
        (Source.COMMON_ERRORS,),
        EVERY_ACTION,
        "The request was throttled; this is the spelling used by the JSON protocol.",
    ),
    ErrorRow(
        "UnrecognizedClientException",
        403,
        Kind.AUTH,
        (Source.OBSERVED,),
        EVERY_ACTION,
        "The security token in the request is not valid, for example an unknown or deleted access key.",
        note="SES documents no status; 403 is what the wire shows.",
    ),
    ErrorRow(
        "ValidationError",
        400,
        Kind.VALIDATION,
        (Source.COMMON_ERRORS,),
        EVERY_ACTION,
        "The input breaks a constraint that the service sets.",
    ),
    # The SES v1 (Query API) model's other error shapes, by wire code.
    ErrorRow(
        "AccountSendingPausedException",
        400,
        Kind.SENDING,
        (Source.V1_MODEL,),
        _ACCOUNT_SENDING_PAUSED_ACTIONS,
        "Sending is switched off for the whole account, so nothing can be sent until it is switched back on (UpdateAccountSendingEnabled).",
    ),
    ErrorRow(
        "AlreadyExists",
        400,
        Kind.CONFLICT,
        (Source.V1_MODEL, Source.V2_MODEL),
        _ALREADY_EXISTS_ACTIONS,
        "A resource with the requested name already exists, so it was not created again.",
        aliases=("AlreadyExistsException",),
        members=("Name",),
    ),
    ErrorRow(
        "CannotDelete",
        400,
        Kind.CONFLICT,
        (Source.V1_MODEL,),
        _CANNOT_DELETE_ACTIONS,
        "The requested deletion could not be carried out.",
        members=("Name",),
    ),
    ErrorRow(
        "ConfigurationSetAlreadyExists",
        400,
        Kind.CONFLICT,
        (Source.V1_MODEL,),
        _CONFIGURATION_SET_ALREADY_EXISTS_ACTIONS,
        "A configuration set with the requested name is already defined, so a new one was not created.",
        members=("ConfigurationSetName",),
    ),
    ErrorRow(
        "ConfigurationSetSendingPausedException",
        400,
        Kind.SENDING,
        (Source.V1_MODEL,),
        _CONFIGURATION_SET_SENDING_PAUSED_ACTIONS,
        "Sending is switched off for the configuration set the request uses (UpdateConfigurationSetSendingEnabled turns it back on).",
        members=("ConfigurationSetName",),
    ),
    ErrorRow(
        "CustomVerificationEmailInvalidContent",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _CUSTOM_VERIFICATION_EMAIL_INVALID_CONTENT_ACTIONS,
        "The content given for a custom verification email template was judged invalid.",
    ),
    ErrorRow(
        "CustomVerificationEmailTemplateAlreadyExists",
        400,
        Kind.CONFLICT,
        (Source.V1_MODEL,),
        _CUSTOM_VERIFICATION_EMAIL_TEMPLATE_ALREADY_EXISTS_ACTIONS,
        "A custom verification email template under that name is already defined.",
        members=("CustomVerificationEmailTemplateName",),
    ),
    ErrorRow(
        "CustomVerificationEmailTemplateDoesNotExist",
        400,
        Kind.NOT_FOUND,
        (Source.V1_MODEL,),
        _CUSTOM_VERIFICATION_EMAIL_TEMPLATE_DOES_NOT_EXIST_ACTIONS,
        "No custom verification email template is stored under the given name.",
        members=("CustomVerificationEmailTemplateName",),
    ),
    ErrorRow(
        "EventDestinationAlreadyExists",
        400,
        Kind.CONFLICT,
        (Source.V1_MODEL,),
        _EVENT_DESTINATION_ALREADY_EXISTS_ACTIONS,
        "The configuration set already holds an event destination with that name.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
    ),
    ErrorRow(
        "EventDestinationDoesNotExist",
        400,
        Kind.NOT_FOUND,
        (Source.V1_MODEL,),
        _EVENT_DESTINATION_DOES_NOT_EXIST_ACTIONS,
        "The named event destination is not present in the configuration set.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
    ),
    ErrorRow(
        "FromEmailAddressNotVerified",
        400,
        Kind.SENDING,
        (Source.V1_MODEL,),
        _FROM_EMAIL_ADDRESS_NOT_VERIFIED_ACTIONS,
        "The sender address for a custom verification email has not been verified, so SES will not use it.",
        members=("FromEmailAddress",),
    ),
    ErrorRow(
        "InvalidCloudWatchDestination",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_CLOUD_WATCH_DESTINATION_ACTIONS,
        "The CloudWatch event-destination settings were refused; the error message carries the specifics.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
    ),
    ErrorRow(
        "InvalidConfigurationSet",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_CONFIGURATION_SET_ACTIONS,
        "The configuration set definition supplied is not acceptable; the message explains why.",
    ),
    ErrorRow(
        "InvalidDeliveryOptions",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_DELIVERY_OPTIONS_ACTIONS,
        "The delivery options given for a configuration set are not acceptable.",
    ),
    ErrorRow(
        "InvalidFirehoseDestination",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_FIREHOSE_DESTINATION_ACTIONS,
        "The Kinesis Firehose event-destination settings were refused; the message carries the specifics.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
    ),
    ErrorRow(
        "InvalidLambdaFunction",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_LAMBDA_FUNCTION_ACTIONS,
        "The Lambda function in a receipt rule cannot be used, for example because SES is not permitted to invoke it.",
        members=("FunctionArn",),
    ),
    ErrorRow(
        "InvalidPolicy",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_POLICY_ACTIONS,
        "The sending-authorization policy document was refused as malformed or invalid.",
    ),
    ErrorRow(
        "InvalidRenderingParameter",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_RENDERING_PARAMETER_ACTIONS,
        "One or more template replacement values are unusable, e.g. the template data is not valid JSON.",
        members=("TemplateName",),
    ),
    ErrorRow(
        "InvalidS3Configuration",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_S3_CONFIGURATION_ACTIONS,
        "The S3 bucket or KMS key in a receipt rule cannot be used, or SES could not write to the bucket (often a permissions issue).",
        members=("Bucket",),
    ),
    ErrorRow(
        "InvalidSNSDestination",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_SNS_DESTINATION_ACTIONS,
        "The SNS event-destination settings were refused; the message carries the specifics.",
        members=(
            "ConfigurationSetName",
            "EventDestinationName",
        ),
    ),
    ErrorRow(
        "InvalidSnsTopic",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_SNS_TOPIC_ACTIONS,
        "The SNS topic in a receipt rule cannot be used, or publishing to it failed (often a permissions issue).",
        members=("Topic",),
    ),
    ErrorRow(
        "InvalidTemplate",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_TEMPLATE_ACTIONS,
        "The template could not be rendered, for instance because it points at a partial that is missing.",
        members=("TemplateName",),
    ),
    ErrorRow(
        "InvalidTrackingOptions",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _INVALID_TRACKING_OPTIONS_ACTIONS,
        "The custom open/click-tracking redirect domain is unusable, typically because it is unverified or is not a well-formed domain/subdomain.",
    ),
    ErrorRow(
        "LimitExceeded",
        400,
        Kind.GENERAL,
        (Source.V1_MODEL, Source.V2_MODEL),
        _LIMIT_EXCEEDED_ACTIONS,
        "The request would take the account past an SES limit on how many resources of a kind it may hold.",
        aliases=("LimitExceededException",),
    ),
    ErrorRow(
        "MissingRenderingAttribute",
        400,
        Kind.VALIDATION,
        (Source.V1_MODEL,),
        _MISSING_RENDERING_ATTRIBUTE_ACTIONS,
        "The template data lacks a value for at least one replacement tag that the template uses.",
        members=("TemplateName",),
    ),
    ErrorRow(
        "ProductionAccessNotGranted",
        400,
        Kind.SENDING,
        (Source.V1_MODEL,),
        _PRODUCTION_ACCESS_NOT_GRANTED_ACTIONS,
        "The account lacks production access, which this request needs.",
    ),
    ErrorRow(
        "RuleDoesNotExist",
        400,
        Kind.NOT_FOUND,
        (Source.V1_MODEL,),
        _RULE_DOES_NOT_EXIST_ACTIONS,
        "The receipt rule named in the request could not be found.",
        members=("Name",),
    ),
    ErrorRow(
        "RuleSetDoesNotExist",
        400,
        Kind.NOT_FOUND,
        (Source.V1_MODEL,),
        _RULE_SET_DOES_NOT_EXIST_ACTIONS,
        "The receipt rule set named in the request could not be found.",
        members=("Name",),
    ),
    ErrorRow(
        "TemplateDoesNotExist",
        400,
        Kind.NOT_FOUND,
        (Source.V1_MODEL,),
        _TEMPLATE_DOES_NOT_EXIST_ACTIONS,
        "No email template with the given name is stored in the account.",
        members=("TemplateName",),
    ),
    ErrorRow(
        "TrackingOptionsAlreadyExistsException",
        400,
        Kind.CONFLICT,
        (Source.V1_MODEL,),
        _TRACKING_OPTIONS_ALREADY_EXISTS_ACTIONS,
        "The configuration set already has a TrackingOptions object attached.",
        members=("ConfigurationSetName",),
    ),
    ErrorRow(
        "TrackingOptionsDoesNotExistException",
        400,
        Kind.NOT_FOUND,
        (Source.V1_MODEL,),
        _TRACKING_OPTIONS_DOES_NOT_EXIST_ACTIONS,
        "The configuration set has no TrackingOptions object to act on.",
        members=("ConfigurationSetName",),
    ),
    # The SES v2 (JSON API) model's error shapes that the v1 rows above do not already cover.
    ErrorRow(
        "AccountSuspendedException",
        400,
        Kind.SENDING,
        (Source.V2_MODEL,),
        _ACCOUNT_SUSPENDED_ACTIONS,
        "Sending is blocked because the account has been permanently barred from sending email.",
    ),
    ErrorRow(
        "BadRequestException",
        400,
        Kind.VALIDATION,
        (Source.V2_MODEL,),
        V2_ACTIONS,
        "The request input was judged invalid.",
    ),
    ErrorRow(
        "ConcurrentModificationException",
        500,
        Kind.SERVER,
        (Source.V2_MODEL,),
        _CONCURRENT_MODIFICATION_ACTIONS,
        "Another operation or thread is changing the same resource at the moment.",
    ),
    ErrorRow(
        "ConflictException",
        409,
        Kind.CONFLICT,
        (Source.V2_MODEL,),
        _CONFLICT_ACTIONS,
        "The request conflicts with an earlier change that is still being processed, such as account details under review.",
    ),
    ErrorRow(
        "InternalServiceErrorException",
        500,
        Kind.SERVER,
        (Source.V2_MODEL,),
        _INTERNAL_SERVICE_ERROR_ACTIONS,
        "The SES v2 API hit an internal error while handling the request.",
    ),
    ErrorRow(
        "InvalidNextTokenException",
        400,
        Kind.VALIDATION,
        (Source.V2_MODEL,),
        _INVALID_NEXT_TOKEN_ACTIONS,
        "The pagination token supplied is malformed or has expired.",
    ),
    ErrorRow(
        "NotFoundException",
        404,
        Kind.NOT_FOUND,
        (Source.V2_MODEL,),
        _NOT_FOUND_ACTIONS,
        "The resource the request refers to does not exist.",
    ),
    ErrorRow(
        "SendingPausedException",
        400,
        Kind.SENDING,
        (Source.V2_MODEL,),
        _SENDING_PAUSED_ACTIONS,
        "Sending is blocked because the account's sending is paused for now.",
    ),
    ErrorRow(
        "TooManyRequestsException",
        429,
        Kind.THROTTLING,
        (Source.V2_MODEL,),
        V2_ACTIONS,
        "The operation has been called too often (request-rate throttling).",
    ),
)


class Match(enum.Enum):
    """How a message case's text is compared with the message SES sent."""

    EXACT = "exact"  # the whole message, once runs of whitespace are collapsed
    PREFIX = "prefix"  # its fixed beginning; SES appends names, regions or addresses after it


@attrs.frozen
class MessageCase:
    """A meaning SES tells apart only by the message text under a code (or several codes).

    Each case becomes a subclass of every class in ``parents``, so ``except Throttling`` still
    catches the daily quota, while ``is_retryable`` follows the case, not the parent.
    """

    name: str
    parents: tuple[str, ...]
    text: str
    match: Match
    retryable: bool
    description: str
    source: str


CASES = (
    MessageCase(
        "MaxSendRateExceeded",
        ("Throttling", "TooManyRequestsException"),
        "Maximum sending rate exceeded.",
        Match.EXACT,
        retryable=True,
        description="More messages per second than the account's sending rate; retry shortly.",
        source="SES Query API responses and SMTP 454 replies (Throttling failure: ...)",
    ),
    MessageCase(
        "DailyQuotaExceeded",
        ("Throttling", "TooManyRequestsException", "LimitExceeded"),
        "Daily message quota exceeded.",
        Match.EXACT,
        retryable=False,
        description="The rolling 24-hour sending quota is used up; retrying within minutes fails.",
        source="SES Query API responses and SMTP 454 replies (Throttling failure: ...)",
    ),
    MessageCase(
        "AddressNotVerified",
        ("MessageRejected",),
        "Email address is not verified.",
        Match.PREFIX,
        retryable=False,
        description="A sender, or in the sandbox a recipient, is not a verified identity.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: ...)",
    ),
    MessageCase(
        "SendingPausedForAccount",
        ("MessageRejected",),
        "Sending paused for this account.",
        Match.PREFIX,
        retryable=False,
        description="SES has paused the account's sending (a review is open); nothing is sent.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: ...)",
    ),
    MessageCase(
        "SendingSuspendedForAccount",
        ("MessageRejected",),
        "Sending suspended for this account.",
        Match.PREFIX,
        retryable=False,
        description="SES has suspended the account's sending; nothing is sent until AWS lifts it.",
        source="MessageRejected responses and SMTP 554 replies (Message rejected: ...)",
    ),
)


@attrs.frozen
class SmtpClassRow:
    """An SMTP reply with no SES API code of the same meaning gets a class of its own."""

    name: str
    kind: Kind
    retryable: bool
    description: str

    @property
    def http_status(self) -> int:
        """No HTTP response exists; the family's status stands in, as for a code-less response."""
        return next(family.http_status for family in FAMILIES if family.kind is self.kind)


SMTP_CLASSES = (
    SmtpClassRow(
        "SmtpTooManyConnections",
        Kind.THROTTLING,
        retryable=True,
        description="Too many SMTP connections are open to SES at once; retry on fewer.",
    ),
    SmtpClassRow(
        "SmtpClientTimeout",
        Kind.GENERAL,
        retryable=True,
        description="SES closed the connection because the client was idle too long.",
    ),
    SmtpClassRow(
        "SmtpTemporaryAuthFailure",
        Kind.AUTH,
        retryable=True,
        description="SES could not check the SMTP credentials this time.",
    ),
    SmtpClassRow(
        "SmtpCredentialsInvalid",
        Kind.AUTH,
        retryable=False,
        description="The SMTP user name or password is wrong (they are not the AWS keys).",
    ),
    SmtpClassRow(
        "SmtpMessageTooLong",
        Kind.VALIDATION,
        retryable=False,
        description="The message is larger than SES accepts over SMTP.",
    ),
    SmtpClassRow(
        "SmtpTransactionFailed",
        Kind.VALIDATION,
        retryable=False,
        description="SES refused the message's content or envelope (a header, an address).",
    ),
    SmtpClassRow(
        "SmtpTransientFailure",
        Kind.GENERAL,
        retryable=True,
        description="An SMTP 4xx reply SES does not document: temporary by SMTP's rule.",
    ),
    SmtpClassRow(
        "SmtpPermanentFailure",
        Kind.GENERAL,
        retryable=False,
        description="An SMTP 5xx reply SES does not document: permanent by SMTP's rule.",
    ),
)

# Unknown replies fall back to these, by SMTP's own rule: 4xx is transient, 5xx permanent.
SMTP_TRANSIENT_FALLBACK = "SmtpTransientFailure"
SMTP_PERMANENT_FALLBACK = "SmtpPermanentFailure"


@attrs.frozen
class SmtpReplyRow:
    """A reply SES's SMTP interface sends, and the class it stands for.

    ``target`` is an API code where one has the same meaning (the message after ``text`` then
    picks a message case, as in the API), else the name of an SMTP class above. ``text`` is the
    reply's fixed beginning, compared without regard to case.
    """

    reply_code: int
    text: str
    target: str


SMTP_REPLIES = (
    SmtpReplyRow(421, "Too many concurrent SMTP connections", "SmtpTooManyConnections"),
    SmtpReplyRow(451, "Temporary service failure", "InternalFailure"),
    SmtpReplyRow(451, "Timeout waiting for data from client", "SmtpClientTimeout"),
    SmtpReplyRow(454, "Throttling failure:", "Throttling"),
    SmtpReplyRow(454, "Temporary authentication failure", "SmtpTemporaryAuthFailure"),
    SmtpReplyRow(454, "Temporary service failure", "ServiceUnavailable"),
    SmtpReplyRow(530, "Authentication required", "MissingAuthenticationToken"),
    SmtpReplyRow(535, "Authentication Credentials Invalid", "SmtpCredentialsInvalid"),
    SmtpReplyRow(535, "Account not subscribed to SES", "OptInRequired"),
    SmtpReplyRow(552, "Message is too long", "SmtpMessageTooLong"),
    SmtpReplyRow(554, "Access denied:", "AccessDenied"),
    SmtpReplyRow(554, "Message rejected:", "MessageRejected"),
    SmtpReplyRow(554, "Transaction failed:", "SmtpTransactionFailed"),
)


@attrs.frozen
class BulkStatusRow:
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
