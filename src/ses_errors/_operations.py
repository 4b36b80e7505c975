"""The SES v1 and v2 operations, and the ones that can return each error code.

Taken from the two botocore service models; the code table refers to these by name, so that
each of its rows stays short.
"""

from __future__ import annotations

# Every operation of the SES v1 and SES v2 APIs (from the two botocore models).
V1 = frozenset(
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

V2 = frozenset(
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
CONFIGURATION_SET_DOES_NOT_EXIST = frozenset(
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

MAIL_FROM_DOMAIN_NOT_VERIFIED = frozenset(
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

MESSAGE_REJECTED = frozenset(
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

ACCOUNT_SENDING_PAUSED = frozenset(
    (
        "SendBulkTemplatedEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
    )
)

ALREADY_EXISTS = frozenset(
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

CANNOT_DELETE = frozenset(("DeleteReceiptRuleSet",))

CONFIGURATION_SET_ALREADY_EXISTS = frozenset(("CreateConfigurationSet",))

CONFIGURATION_SET_SENDING_PAUSED = frozenset(
    (
        "SendBulkTemplatedEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
    )
)

CUSTOM_VERIFICATION_EMAIL_INVALID_CONTENT = frozenset(
    (
        "CreateCustomVerificationEmailTemplate",
        "UpdateCustomVerificationEmailTemplate",
    )
)

CUSTOM_VERIFICATION_EMAIL_TEMPLATE_ALREADY_EXISTS = frozenset(
    ("CreateCustomVerificationEmailTemplate",)
)

CUSTOM_VERIFICATION_EMAIL_TEMPLATE_DOES_NOT_EXIST = frozenset(
    (
        "GetCustomVerificationEmailTemplate",
        "SendCustomVerificationEmail",
        "UpdateCustomVerificationEmailTemplate",
    )
)

EVENT_DESTINATION_ALREADY_EXISTS = frozenset(("CreateConfigurationSetEventDestination",))

EVENT_DESTINATION_DOES_NOT_EXIST = frozenset(
    (
        "DeleteConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

FROM_EMAIL_ADDRESS_NOT_VERIFIED = frozenset(
    (
        "CreateCustomVerificationEmailTemplate",
        "SendCustomVerificationEmail",
        "UpdateCustomVerificationEmailTemplate",
    )
)

INVALID_CLOUD_WATCH_DESTINATION = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

INVALID_CONFIGURATION_SET = frozenset(("CreateConfigurationSet",))

INVALID_DELIVERY_OPTIONS = frozenset(("PutConfigurationSetDeliveryOptions",))

INVALID_FIREHOSE_DESTINATION = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

INVALID_LAMBDA_FUNCTION = frozenset(
    (
        "CreateReceiptRule",
        "UpdateReceiptRule",
    )
)

INVALID_POLICY = frozenset(("PutIdentityPolicy",))

INVALID_RENDERING_PARAMETER = frozenset(("TestRenderTemplate",))

INVALID_S3_CONFIGURATION = frozenset(
    (
        "CreateReceiptRule",
        "UpdateReceiptRule",
    )
)

INVALID_SNS_DESTINATION = frozenset(
    (
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
    )
)

INVALID_SNS_TOPIC = frozenset(
    (
        "CreateReceiptRule",
        "UpdateReceiptRule",
    )
)

INVALID_TEMPLATE = frozenset(
    (
        "CreateTemplate",
        "UpdateTemplate",
    )
)

INVALID_TRACKING_OPTIONS = frozenset(
    (
        "CreateConfigurationSetTrackingOptions",
        "UpdateConfigurationSetTrackingOptions",
    )
)

LIMIT_EXCEEDED = frozenset(
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

MISSING_RENDERING_ATTRIBUTE = frozenset(("TestRenderTemplate",))

PRODUCTION_ACCESS_NOT_GRANTED = frozenset(("SendCustomVerificationEmail",))

RULE_DOES_NOT_EXIST = frozenset(
    (
        "CreateReceiptRule",
        "DescribeReceiptRule",
        "ReorderReceiptRuleSet",
        "SetReceiptRulePosition",
        "UpdateReceiptRule",
    )
)

RULE_SET_DOES_NOT_EXIST = frozenset(
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

TEMPLATE_DOES_NOT_EXIST = frozenset(
    (
        "GetTemplate",
        "SendBulkTemplatedEmail",
        "SendTemplatedEmail",
        "TestRenderTemplate",
        "UpdateTemplate",
    )
)

TRACKING_OPTIONS_ALREADY_EXISTS = frozenset(("CreateConfigurationSetTrackingOptions",))

TRACKING_OPTIONS_DOES_NOT_EXIST = frozenset(
    (
        "DeleteConfigurationSetTrackingOptions",
        "UpdateConfigurationSetTrackingOptions",
    )
)

ACCOUNT_SUSPENDED = frozenset(
    (
        "CreateDeliverabilityTestReport",
        "SendBulkEmail",
        "SendEmail",
    )
)

CONCURRENT_MODIFICATION = frozenset(
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

CONFLICT = frozenset(
    (
        "PutAccountDetails",
        "PutAccountPricingAttributes",
        "UpdateReputationEntityCustomerManagedStatus",
        "UpdateReputationEntityPolicy",
    )
)

INTERNAL_SERVICE_ERROR = frozenset(("BatchGetMetricData",))

INVALID_NEXT_TOKEN = frozenset(("ListSuppressedDestinations",))

NOT_FOUND = frozenset(
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

SENDING_PAUSED = frozenset(
    (
        "CreateDeliverabilityTestReport",
        "SendBulkEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
    )
)

EVERY = V1 | V2
