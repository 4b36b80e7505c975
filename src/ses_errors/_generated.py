"""Exception classes generated from the code table in ``_table.py``.

Do not edit by hand: run ``python scripts/generate.py``. A test fails when this file and
the table disagree.
"""

from ses_errors._base import SESError

# The families: intermediate base classes that also stand for a code-less response. A
# class without a code binds to the table's entry of its own name.


class ServerSideError(SESError):
    """SES failed on its side (HTTP 5xx); worth retrying."""


class ThrottlingError(SESError):
    """A rate or quota limit refused the request."""


class AuthError(SESError):
    """Credentials, signature, subscription or permissions were refused."""


class InvalidRequestError(SESError):
    """The request itself is malformed or holds values SES does not accept."""


class SendingRefusedError(SESError):
    """SES will not send this message, or this account may not send."""


class ResourceNotFoundError(SESError):
    """A resource named in the request does not exist."""


class ResourceConflictError(SESError):
    """A resource already exists or is in a state that blocks the request."""


# One class per code, named by its wire code.


class AccessDenied(AuthError, code="AccessDenied"):
    """Access to the operation was denied, by an IAM policy or a sending-authorization policy.

    HTTP 403; scope account, action fix.
    """


class AccessDeniedException(AuthError, code="AccessDeniedException"):
    """The caller lacks the permissions the operation needs.

    HTTP 400; scope account, action fix.
    """


class AccountSendingPausedException(SendingRefusedError, code="AccountSendingPausedException"):
    """Sending is switched off for the whole account, so nothing can be sent until it is switched back on (UpdateAccountSendingEnabled).

    HTTP 400; scope account, action fix.
    """


class AccountSuspendedException(SendingRefusedError, code="AccountSuspendedException"):
    """Sending is blocked because the account has been permanently barred from sending email.

    HTTP 400; scope account, action fix.
    """


class AlreadyExists(ResourceConflictError, code="AlreadyExists"):
    """A resource with the requested name already exists, so it was not created again.

    HTTP 400; scope request, action drop.
    """


class BadRequestException(InvalidRequestError, code="BadRequestException"):
    """The request input was judged invalid.

    HTTP 400; scope request, action fix.
    """


class CannotDelete(ResourceConflictError, code="CannotDelete"):
    """The requested deletion could not be carried out.

    HTTP 400; scope request, action fix.
    """


class ConcurrentModificationException(ServerSideError, code="ConcurrentModificationException"):
    """Another operation or thread is changing the same resource at the moment.

    HTTP 500; scope request, action retry.
    """


class ConfigurationSetAlreadyExists(ResourceConflictError, code="ConfigurationSetAlreadyExists"):
    """A configuration set with the requested name is already defined, so a new one was not created.

    HTTP 400; scope request, action drop.
    """


class ConfigurationSetDoesNotExist(ResourceNotFoundError, code="ConfigurationSetDoesNotExist"):
    """The configuration set named in the request could not be found.

    HTTP 400; scope configuration-set, action fix.
    """


class ConfigurationSetSendingPausedException(
    SendingRefusedError, code="ConfigurationSetSendingPausedException"
):
    """Sending is switched off for the configuration set the request uses (UpdateConfigurationSetSendingEnabled turns it back on).

    HTTP 400; scope configuration-set, action fix.
    """


class ConflictException(ResourceConflictError, code="ConflictException"):
    """The request conflicts with an earlier change that is still being processed, such as account details under review.

    HTTP 409; scope request, action fix.
    """


class CustomVerificationEmailInvalidContent(
    InvalidRequestError, code="CustomVerificationEmailInvalidContent"
):
    """The content given for a custom verification email template was judged invalid.

    HTTP 400; scope request, action fix.
    """


class CustomVerificationEmailTemplateAlreadyExists(
    ResourceConflictError, code="CustomVerificationEmailTemplateAlreadyExists"
):
    """A custom verification email template under that name is already defined.

    HTTP 400; scope request, action drop.
    """


class CustomVerificationEmailTemplateDoesNotExist(
    ResourceNotFoundError, code="CustomVerificationEmailTemplateDoesNotExist"
):
    """No custom verification email template is stored under the given name.

    HTTP 400; scope request, action fix.
    """


class EventDestinationAlreadyExists(ResourceConflictError, code="EventDestinationAlreadyExists"):
    """The configuration set already holds an event destination with that name.

    HTTP 400; scope request, action drop.
    """


class EventDestinationDoesNotExist(ResourceNotFoundError, code="EventDestinationDoesNotExist"):
    """The named event destination is not present in the configuration set.

    HTTP 400; scope configuration-set, action fix.
    """


class FromEmailAddressNotVerified(SendingRefusedError, code="FromEmailAddressNotVerified"):
    """The sender address for a custom verification email has not been verified, so SES will not use it.

    HTTP 400; scope sender, action fix.
    """


class IncompleteSignature(AuthError, code="IncompleteSignature"):
    """The request signature is incomplete or does not follow the AWS signing rules.

    HTTP 400; scope request, action fix.
    """


class InternalFailure(ServerSideError, code="InternalFailure"):
    """SES failed while handling the request because of a problem on its own side; a later retry can succeed.

    HTTP 500; scope service, action retry.
    """


class InternalServiceErrorException(ServerSideError, code="InternalServiceErrorException"):
    """The SES v2 API hit an internal error while handling the request.

    HTTP 500; scope service, action retry.
    """


class InvalidAction(InvalidRequestError, code="InvalidAction"):
    """The Action in the request is not an operation this API offers (check its spelling and the API version).

    HTTP 400; scope request, action fix.
    """


class InvalidClientTokenId(AuthError, code="InvalidClientTokenId"):
    """AWS has no record of the access key ID the request was signed with.

    HTTP 403; scope account, action fix.
    """


class InvalidCloudWatchDestination(InvalidRequestError, code="InvalidCloudWatchDestination"):
    """The CloudWatch event-destination settings were refused; the error message carries the specifics.

    HTTP 400; scope configuration-set, action fix.
    """


class InvalidConfigurationSet(InvalidRequestError, code="InvalidConfigurationSet"):
    """The configuration set definition supplied is not acceptable; the message explains why.

    HTTP 400; scope configuration-set, action fix.
    """


class InvalidDeliveryOptions(InvalidRequestError, code="InvalidDeliveryOptions"):
    """The delivery options given for a configuration set are not acceptable.

    HTTP 400; scope configuration-set, action fix.
    """


class InvalidFirehoseDestination(InvalidRequestError, code="InvalidFirehoseDestination"):
    """The Kinesis Firehose event-destination settings were refused; the message carries the specifics.

    HTTP 400; scope configuration-set, action fix.
    """


class InvalidLambdaFunction(InvalidRequestError, code="InvalidLambdaFunction"):
    """The Lambda function in a receipt rule cannot be used, for example because SES is not permitted to invoke it.

    HTTP 400; scope request, action fix.
    """


class InvalidNextTokenException(InvalidRequestError, code="InvalidNextTokenException"):
    """The pagination token supplied is malformed or has expired.

    HTTP 400; scope request, action fix.
    """


class InvalidParameterCombination(InvalidRequestError, code="InvalidParameterCombination"):
    """The request combines parameters that may not be used together.

    HTTP 400; scope request, action fix.
    """


class InvalidParameterValue(InvalidRequestError, code="InvalidParameterValue"):
    """A parameter holds a value that is malformed, out of range or otherwise not accepted.

    HTTP 400; scope request, action fix.
    """


class InvalidPolicy(InvalidRequestError, code="InvalidPolicy"):
    """The sending-authorization policy document was refused as malformed or invalid.

    HTTP 400; scope sender, action fix.
    """


class InvalidQueryParameter(InvalidRequestError, code="InvalidQueryParameter"):
    """The query string breaks the AWS query syntax.

    HTTP 400; scope request, action fix.
    """


class InvalidRenderingParameter(InvalidRequestError, code="InvalidRenderingParameter"):
    """One or more template replacement values are unusable, e.g. the template data is not valid JSON.

    HTTP 400; scope message, action drop.
    """


class InvalidS3Configuration(InvalidRequestError, code="InvalidS3Configuration"):
    """The S3 bucket or KMS key in a receipt rule cannot be used, or SES could not write to the bucket (often a permissions issue).

    HTTP 400; scope request, action fix.
    """


class InvalidSNSDestination(InvalidRequestError, code="InvalidSNSDestination"):
    """The SNS event-destination settings were refused; the message carries the specifics.

    HTTP 400; scope configuration-set, action fix.
    """


class InvalidSnsTopic(InvalidRequestError, code="InvalidSnsTopic"):
    """The SNS topic in a receipt rule cannot be used, or publishing to it failed (often a permissions issue).

    HTTP 400; scope request, action fix.
    """


class InvalidTemplate(InvalidRequestError, code="InvalidTemplate"):
    """The template could not be rendered, for instance because it points at a partial that is missing.

    HTTP 400; scope request, action fix.
    """


class InvalidTrackingOptions(InvalidRequestError, code="InvalidTrackingOptions"):
    """The custom open/click-tracking redirect domain is unusable, typically because it is unverified or is not a well-formed domain/subdomain.

    HTTP 400; scope configuration-set, action fix.
    """


class LimitExceeded(SESError, code="LimitExceeded"):
    """The request would take the account past an SES limit on how many resources of a kind it may hold.

    HTTP 400; scope account, action fix.
    """


class MailFromDomainNotVerified(SendingRefusedError, code="MailFromDomainNotVerified"):
    """The custom MAIL FROM domain cannot be used: it is not verified, or SES could not read the MX record it depends on.

    HTTP 400; scope sender, action fix.
    """


class MalformedQueryString(InvalidRequestError, code="MalformedQueryString"):
    """The query string contains a syntax error.

    HTTP 404; scope request, action fix.
    """


class MessageRejected(SendingRefusedError, code="MessageRejected"):
    """SES would not send the message; the error message names the reason, such as an unverified address or paused sending.

    HTTP 400; scope message, action drop.
    """


class MissingAction(InvalidRequestError, code="MissingAction"):
    """The request does not name an Action (operation) to perform.

    HTTP 400; scope request, action fix.
    """


class MissingAuthenticationToken(AuthError, code="MissingAuthenticationToken"):
    """The request carries neither an access key ID nor an X.509 certificate, so it cannot be authenticated.

    HTTP 403; scope account, action fix.
    """


class MissingParameter(InvalidRequestError, code="MissingParameter"):
    """A parameter the operation requires was left out.

    HTTP 400; scope request, action fix.
    """


class MissingRenderingAttribute(InvalidRequestError, code="MissingRenderingAttribute"):
    """The template data lacks a value for at least one replacement tag that the template uses.

    HTTP 400; scope message, action drop.
    """


class NotAuthorized(AuthError, code="NotAuthorized"):
    """The caller is not allowed to perform this operation.

    HTTP 400; scope account, action fix.
    """


class NotFoundException(ResourceNotFoundError, code="NotFoundException"):
    """The resource the request refers to does not exist.

    HTTP 404; scope request, action fix.
    """


class OptInRequired(AuthError, code="OptInRequired"):
    """The access key ID belongs to an account that is not subscribed to SES.

    HTTP 403; scope account, action fix.
    """


class ProductionAccessNotGranted(SendingRefusedError, code="ProductionAccessNotGranted"):
    """The account lacks production access, which this request needs.

    HTTP 400; scope account, action fix.
    """


class RequestExpired(AuthError, code="RequestExpired"):
    """The request reached SES too long after its timestamp or past its expiry, usually because of clock skew; sign it anew.

    HTTP 400; scope request, action fix.
    """


class RuleDoesNotExist(ResourceNotFoundError, code="RuleDoesNotExist"):
    """The receipt rule named in the request could not be found.

    HTTP 400; scope request, action fix.
    """


class RuleSetDoesNotExist(ResourceNotFoundError, code="RuleSetDoesNotExist"):
    """The receipt rule set named in the request could not be found.

    HTTP 400; scope request, action fix.
    """


class SendingPausedException(SendingRefusedError, code="SendingPausedException"):
    """Sending is blocked because the account's sending is paused for now.

    HTTP 400; scope account, action fix.
    """


class ServiceUnavailable(ServerSideError, code="ServiceUnavailable"):
    """SES could not take the request because of a passing failure on its side; retry after a pause.

    HTTP 503; scope service, action retry.
    """


class SignatureDoesNotMatch(AuthError, code="SignatureDoesNotMatch"):
    """The signature SES computed differs from the one sent: check the secret key and how the request was signed.

    HTTP 403; scope account, action fix.
    """


class TemplateDoesNotExist(ResourceNotFoundError, code="TemplateDoesNotExist"):
    """No email template with the given name is stored in the account.

    HTTP 400; scope request, action fix.
    """


class Throttling(ThrottlingError, code="Throttling"):
    """SES refused the request because a rate or quota was exceeded (the message says whether it is the sending rate or the daily quota).

    HTTP 400; scope account, action retry.
    """


class ThrottlingException(ThrottlingError, code="ThrottlingException"):
    """The request was throttled; this is the spelling used by the JSON protocol.

    HTTP 400; scope account, action retry.
    """


class TooManyRequestsException(ThrottlingError, code="TooManyRequestsException"):
    """The operation has been called too often (request-rate throttling).

    HTTP 429; scope account, action retry.
    """


class TrackingOptionsAlreadyExistsException(
    ResourceConflictError, code="TrackingOptionsAlreadyExistsException"
):
    """The configuration set already has a TrackingOptions object attached.

    HTTP 400; scope request, action drop.
    """


class TrackingOptionsDoesNotExistException(
    ResourceNotFoundError, code="TrackingOptionsDoesNotExistException"
):
    """The configuration set has no TrackingOptions object to act on.

    HTTP 400; scope configuration-set, action fix.
    """


class UnrecognizedClientException(AuthError, code="UnrecognizedClientException"):
    """The security token in the request is not valid, for example an unknown or deleted access key.

    HTTP 403; scope account, action fix.
    """


class ValidationError(InvalidRequestError, code="ValidationError"):
    """The input breaks a constraint that the service sets.

    HTTP 400; scope request, action fix.
    """


# One class per SMTP reply that no API code has the meaning of.


class SmtpTooManyConnections(ThrottlingError):
    """Too many SMTP connections are open to SES at once; retry on fewer.

    SMTP interface only; scope account, action retry.
    """


class SmtpClientTimeout(SESError):
    """SES closed the connection because the client was idle too long.

    SMTP interface only; scope connection, action reconnect.
    """


class SmtpTemporaryAuthFailure(AuthError):
    """SES could not check the SMTP credentials this time.

    SMTP interface only; scope service, action retry.
    """


class SmtpCredentialsInvalid(AuthError):
    """The SMTP user name or password is wrong (they are not the AWS keys).

    SMTP interface only; scope account, action fix.
    """


class SmtpInvalidMailFrom(InvalidRequestError):
    """SES refused the envelope sender (MAIL FROM): it is no usable address.

    SMTP interface only; scope sender, action fix.
    """


class SmtpSessionLimit(SESError):
    """SES closed the SMTP session after the most messages it carries in one.

    SMTP interface only; scope connection, action reconnect.
    """


class SmtpTransactionFailed(InvalidRequestError):
    """SES refused the message's content or envelope (a header, an address).

    SMTP interface only; scope message, action drop.
    """


class SmtpTransientFailure(SESError):
    """An SMTP 4xx reply SES does not document: temporary by SMTP's rule.

    SMTP interface only; scope connection, action retry.
    """


class SmtpPermanentFailure(SESError):
    """An SMTP 5xx reply SES does not document: permanent by SMTP's rule.

    SMTP interface only; scope message, action drop.
    """


class SmtpUnreadableReply(SESError):
    """No SMTP error reply could be read (smtplib's code -1, or a code outside 400-599).

    SMTP interface only; scope connection, action reconnect.
    """


# One class per message case: a meaning SES tells apart only by the message.


class MaxSendRateExceeded(Throttling, ThrottlingException, TooManyRequestsException):
    """More messages per second than the account's sending rate; retry shortly.

    Message: 'Maximum sending rate exceeded.'; scope account, action retry.
    """


class DailyQuotaExceeded(Throttling, ThrottlingException, TooManyRequestsException, LimitExceeded):
    """The rolling 24-hour sending quota is used up; retrying within minutes fails.

    Message: 'Daily message quota exceeded.'; scope account, action defer.
    """


class AddressNotVerified(MessageRejected):
    """A sender, or in the sandbox a recipient, is not a verified identity.

    Message: 'Email address is not verified.' and 2 other wordings; scope sender, action fix.
    """


class SendingPausedForAccount(MessageRejected):
    """SES has paused the account's sending (a review is open); nothing is sent.

    Message: 'Sending paused for this account.'; scope account, action fix.
    """


class SendingSuspendedForAccount(MessageRejected):
    """SES has suspended the account's sending; nothing is sent until AWS lifts it.

    Message: 'Sending suspended for this account.'; scope account, action fix.
    """


class RecipientSuppressed(MessageRejected):
    """SES refuses to send to this recipient: the address is on its suppression list.

    Message: 'Address blacklisted.'; scope recipient, action drop.
    """


class InvalidAddress(InvalidParameterValue, BadRequestException, SmtpTransactionFailed):
    """An address in the message is not a well-formed email address.

    Message: "Missing final '@domain'" and 14 other wordings; scope recipient, action drop.
    """


class MessageTooLong(InvalidParameterValue, BadRequestException, SmtpTransactionFailed):
    """The message is larger than SES accepts (10 MB by default, with its attachments).

    Message: 'Message length is more than'; scope message, action drop.
    """


class InvalidHeader(InvalidParameterValue, BadRequestException, SmtpTransactionFailed):
    """A header of the message is duplicated, malformed, missing or too long.

    Message: 'Duplicate header' and 5 other wordings; scope request, action fix.
    """


class TooManyRecipients(
    InvalidParameterValue, BadRequestException, SmtpTransactionFailed, MessageRejected
):
    """The message has more recipients (To, Cc and Bcc together) than SES takes in one send.

    Message: 'Recipient count exceeds' and 2 other wordings; scope request, action fix.
    """


# The other wire spelling of a code: the same class under a second name.
AlreadyExistsException = AlreadyExists
ConfigurationSetAlreadyExistsException = ConfigurationSetAlreadyExists
LimitExceededException = LimitExceeded
MailFromDomainNotVerifiedException = MailFromDomainNotVerified
