"""parse_error on real-shaped SES error bodies: every wire variant SES (or its neighbours) sends."""

from __future__ import annotations

import copy
import pickle

import pytest

import ses_errors
from conftest import fixture_bytes

NS = "http://ses.amazonaws.com/doc/2010-12-01/"


def test_default_namespace_pretty_printed() -> None:
    """A pretty-printed body in the SES namespace gives the message's class and every wire fact."""
    exc = ses_errors.parse_error(fixture_bytes("message_rejected.xml"), http_status=400)
    assert type(exc) is ses_errors.AddressNotVerified
    assert isinstance(exc, ses_errors.MessageRejected)
    assert exc.code == "MessageRejected"
    assert exc.message.startswith("Email address is not verified.")
    assert exc.request_id == "5a7c1e3f-2b6d-4c8e-9f01-23456789abcd"
    assert exc.fault == "Sender"
    assert exc.http_status == 400


def test_xml_declaration_and_receiver_fault() -> None:
    """A body with an XML declaration parses; a Receiver fault is kept as sent."""
    exc = ses_errors.parse_error(fixture_bytes("internal_failure.xml"), http_status=500)
    assert type(exc) is ses_errors.InternalFailure
    assert exc.fault == "Receiver"
    assert exc.is_retryable


def test_compact_body_with_extra_member_detail_and_escapes() -> None:
    """Extra members become details, <Detail/> is ignored, escaped entities are decoded."""
    exc = ses_errors.parse_error(fixture_bytes("configuration_set_compact.xml"))
    assert type(exc) is ses_errors.ConfigurationSetDoesNotExist
    assert exc.message == "Configuration set <marketing> does not exist."
    assert exc.details == {"ConfigurationSetName": "marketing"}


def test_prefixed_namespace_and_exception_spelling() -> None:
    """A prefixed SES namespace parses; the v1 model's spelling reaches the errors page's class."""
    exc = ses_errors.parse_error(fixture_bytes("prefixed_namespace.xml"))
    assert type(exc) is ses_errors.MailFromDomainNotVerified
    assert exc.code == "MailFromDomainNotVerifiedException"
    assert exc.request_id == "3d5f7b9a-1c2e-4f46-8a8c-0e2f4a6c8e0b"


def test_errors_wrapper_without_namespace() -> None:
    """<ErrorResponse><Errors><Error> without a namespace parses, members included."""
    exc = ses_errors.parse_error(fixture_bytes("no_namespace_errors_wrapper.xml"))
    assert type(exc) is ses_errors.TemplateDoesNotExist
    assert exc.details == {"TemplateName": "welcome"}
    assert exc.request_id == "4e6a8c0b-2d3f-4a57-9b9d-1f3b5d7f9a1c"


def test_ec2_style_response() -> None:
    """EC2-style <Response><Errors><Error> with <RequestID> parses."""
    exc = ses_errors.parse_error(fixture_bytes("ec2_style.xml"), http_status=403)
    assert type(exc) is ses_errors.InvalidClientTokenId
    assert exc.request_id == "5f7b9d1c-3e4a-4b68-8cae-2a4c6e8a0b2d"
    assert exc.fault is None


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ("<RequestID>b</RequestID><RequestId>a</RequestId>", "a"),
        ("<RequestId>a</RequestId><RequestID>b</RequestID>", "a"),
        ("<RequestId></RequestId><RequestID>b</RequestID>", "b"),
        ("<RequestId>a</RequestId><RequestId>c</RequestId>", "a"),
    ],
)
def test_a_request_id_inside_error_prefers_the_ses_spelling(members: str, expected: str) -> None:
    """Inside <Error>, the first <RequestId> counts; the first <RequestID> only if it is empty."""
    body = f"<ErrorResponse><Error><Code>Throttling</Code>{members}</Error></ErrorResponse>"
    assert ses_errors.parse_error(body).request_id == expected


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ("<RequestID>b</RequestID><RequestId>a</RequestId>", "b"),
        ("<RequestId> </RequestId><RequestID>b</RequestID>", "b"),
        ("<RequestId><x/></RequestId><RequestId>a</RequestId>", "a"),
    ],
)
def test_the_roots_request_id_is_its_first_non_empty_leaf(members: str, expected: str) -> None:
    """Beside <Error>, the first non-empty leaf <RequestId> or <RequestID> is the request id."""
    body = f"<ErrorResponse><Error><Code>Throttling</Code></Error>{members}</ErrorResponse>"
    assert ses_errors.parse_error(body).request_id == expected


def test_missing_type_and_message_use_the_table() -> None:
    """Without <Type>, <Message> or a status, fault is None, message empty, status the table's."""
    exc = ses_errors.parse_error(fixture_bytes("minimal_no_type_no_message.xml"))
    assert type(exc) is ses_errors.InvalidParameterValue
    assert (exc.message, exc.fault, exc.request_id, exc.http_status) == ("", None, None, 400)


def test_status_seen_wins_over_the_table() -> None:
    """The status the response came with is the one kept, even where the table says otherwise."""
    exc = ses_errors.parse_error(fixture_bytes("throttling_rate.xml"), http_status=403)
    assert type(exc) is ses_errors.MaxSendRateExceeded
    assert exc.http_status == 403


def test_request_id_header_used_when_body_has_none() -> None:
    """The x-amzn-RequestId header (any case) supplies the request id the body lacks."""
    exc = ses_errors.parse_error(
        fixture_bytes("minimal_no_type_no_message.xml"), headers={"X-Amzn-RequestId": "hdr-1"}
    )
    assert exc.request_id == "hdr-1"


def test_body_request_id_wins_over_header() -> None:
    """When both carry a request id, the body's is kept."""
    exc = ses_errors.parse_error(
        fixture_bytes("message_rejected.xml"), headers={"x-amzn-requestid": "hdr-1"}
    )
    assert exc.request_id == "5a7c1e3f-2b6d-4c8e-9f01-23456789abcd"


def test_str_body_parses_like_bytes() -> None:
    """A str body, even one whose declaration names another encoding, parses like its bytes."""
    text = fixture_bytes("internal_failure.xml").decode().replace("UTF-8", "ISO-8859-1")
    exc = ses_errors.parse_error(text)
    assert type(exc) is ses_errors.InternalFailure


def test_message_with_child_elements_keeps_all_its_text() -> None:
    """A Message with child elements reads as all its text, the blanks between them included."""
    body = b"<ErrorResponse><Error><Code>X</Code><Message>To <b>a</b> <i>b</i>.</Message></Error>"
    body += b"<Error><Code>Y</Code></Error></ErrorResponse>"
    assert ses_errors.parse_error(body).message == "To a b."
    body = body.replace(b"To ", b"")
    assert ses_errors.parse_error(body).message == "a b."


def test_utf16_body_parses() -> None:
    """A UTF-16 body with a BOM parses."""
    body = fixture_bytes("message_rejected.xml").decode().encode("utf-16")
    assert type(ses_errors.parse_error(body)) is ses_errors.AddressNotVerified


@pytest.mark.parametrize(
    ("status", "family"),
    [
        (None, "SESError"),
        (400, "SESError"),
        (404, "SESError"),
        (429, "ThrottlingError"),
        (401, "AuthError"),
        (403, "AuthError"),
        (500, "ServerSideError"),
        (503, "ServerSideError"),
    ],
)
def test_unknown_code_keeps_the_code_and_follows_the_status(
    status: int | None, family: str
) -> None:
    """An unknown code gives the status's family class and keeps the exact code."""
    exc = ses_errors.parse_error(fixture_bytes("unknown_code.xml"), http_status=status)
    assert type(exc) is getattr(ses_errors, family)
    assert exc.code == "BrandNewSesCondition"
    assert exc.message == "A condition this library has never heard of."
    assert exc.http_status == (status or 400)
    assert exc.is_retryable == (status is not None and (status >= 500 or status == 429))


def test_unknown_receiver_code_without_status_is_a_500() -> None:
    """An unknown code with a Receiver fault and no status is a retryable server-side 500."""
    body = (
        b"<ErrorResponse><Error><Type>Receiver</Type><Code>NewFault</Code></Error></ErrorResponse>"
    )
    exc = ses_errors.parse_error(body)
    assert type(exc) is ses_errors.ServerSideError
    assert (exc.code, exc.http_status, exc.is_retryable) == ("NewFault", 500, True)


@pytest.mark.parametrize(
    ("status", "family"),
    [(502, "ServerSideError"), (429, "ThrottlingError"), (403, "AuthError"), (400, "SESError")],
)
def test_non_ses_body_with_status_follows_the_status(status: int, family: str) -> None:
    """An HTML proxy page with a status gives the status's family with code None."""
    exc = ses_errors.parse_error(
        fixture_bytes("proxy_502.html"), http_status=status, headers={"x-amzn-RequestId": "r-9"}
    )
    assert type(exc) is getattr(ses_errors, family)
    assert exc.code is None
    assert exc.http_status == status
    assert exc.request_id == "r-9"
    assert exc.is_retryable == (status in (502, 429))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"Service Unavailable", "not-xml"),
        (b"<html><body>Bad Gateway</body></html>", "not-an-error-document"),
        (b"<ErrorResponse><RequestId>x</RequestId></ErrorResponse>", "not-an-error-document"),
        (b"<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>", "no-code"),
        (b"<ErrorResponse><Error><Code> </Code></Error></ErrorResponse>", "no-code"),
        (b"[1, 2]", "not-json"),
        (b"{not json", "not-json"),
        (b'{"message": "no code"}', "no-code"),
    ],
)
def test_unreadable_body_without_status_raises_the_parse_error(body: bytes, reason: str) -> None:
    """Without a status, a body with no readable SES error raises ResponseParseError, not lxml's."""
    with pytest.raises(ses_errors.ResponseParseError) as info:
        ses_errors.parse_error(body)
    assert info.value.reason == reason
    assert info.value.size == len(body)
    assert isinstance(info.value, ValueError)


def test_parse_error_message_does_not_echo_the_body() -> None:
    """ResponseParseError says what was wrong without quoting the body."""
    with pytest.raises(ses_errors.ResponseParseError) as info:
        ses_errors.parse_error(b"<ErrorResponse><Error>secret-token-123")
    assert "secret-token-123" not in str(info.value)
    assert info.value.__cause__ is None
    assert info.value.__context__ is None


@pytest.mark.parametrize("status", [True, 99, 600, -1])
def test_bad_status_is_refused(status: int) -> None:
    """A status that is not an HTTP status is a programming error, refused at once."""
    with pytest.raises((TypeError, ValueError)):
        ses_errors.parse_error(fixture_bytes("message_rejected.xml"), http_status=status)


def test_v2_json_from_header_and_body() -> None:
    """SES v2 JSON: the code from x-amzn-ErrorType (cut at ':'), the message from the body."""
    exc = ses_errors.parse_error(
        fixture_bytes("v2_not_found.json"),
        http_status=404,
        headers={
            "x-amzn-ErrorType": "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.sesv2/",
            "x-amzn-RequestId": "v2-req",
        },
    )
    assert type(exc) is ses_errors.NotFoundException
    assert (exc.message, exc.request_id, exc.http_status) == (
        "Template welcome does not exist.",
        "v2-req",
        404,
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            b'{"__type": "com.amazonaws.sesv2#TooManyRequestsException", "message": "m"}',
            "TooManyRequestsException",
        ),
        (b'{"code": "LimitExceededException", "Message": "m"}', "LimitExceededException"),
        (b'{"Code": "BadRequestException", "message": "m"}', "BadRequestException"),
    ],
)
def test_v2_json_code_from_the_body(body: bytes, code: str) -> None:
    """Without the header, the code comes from __type (after '#'), code or Code."""
    exc = ses_errors.parse_error(body)
    assert exc.code == code
    assert exc.message == "m"
    assert type(exc) is ses_errors.lookup.class_for_code(code)


def test_v2_header_only_with_empty_body() -> None:
    """An empty body with an x-amzn-ErrorType header still gives the typed error."""
    exc = ses_errors.parse_error(
        b"", http_status=400, headers={"X-Amzn-ErrorType": "SendingPausedException"}
    )
    assert type(exc) is ses_errors.SendingPausedException
    assert exc.message == ""


def test_parse_error_pickles() -> None:
    """ResponseParseError survives pickling with its reason and size."""
    error = ses_errors.ResponseParseError("doctype", 12)
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(clone), clone.reason, clone.size, str(clone)) == (
        ses_errors.ResponseParseError,
        "doctype",
        12,
        str(error),
    )


def test_a_parse_error_copies_and_shows_its_fields_by_name() -> None:
    """copy.copy keeps reason and size; repr names them; equality is identity, as for exceptions."""
    error = ses_errors.ResponseParseError("not-xml", 40)
    clone = copy.copy(error)
    assert (clone.reason, clone.size) == ("not-xml", 40)
    assert repr(error) == "ResponseParseError(reason='not-xml', size=40)"
    assert clone != error


@pytest.mark.parametrize("page", [b"<html><body><br></body></html>", b"<HTML>\n<p>Bad</HTML>"])
def test_an_html_page_is_no_error_document_even_when_it_is_no_xml(page: bytes) -> None:
    """An HTML page, well-formed or not, is refused as no SES error document, never as not-XML."""
    with pytest.raises(ses_errors.ResponseParseError) as refused:
        ses_errors.parse_error(page)
    assert refused.value.reason == "not-an-error-document"


def test_doctype_text_inside_the_root_is_text_not_a_declaration() -> None:
    """A body whose root starts at its first byte has no DOCTYPE: "<!DOCTYPE" in CDATA is text."""
    body = (
        b"<ErrorResponse><Error><Code>MessageRejected</Code>"
        b"<Message><![CDATA[Rejected: <!DOCTYPE html> in the body]]></Message>"
        b"</Error></ErrorResponse>"
    )
    exc = ses_errors.parse_error(body)
    assert (type(exc), exc.message) == (
        ses_errors.MessageRejected,
        "Rejected: <!DOCTYPE html> in the body",
    )
