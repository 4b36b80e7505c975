"""Message cases: the meanings SES tells apart by message, as subclasses with their own decision."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ses_errors
from conftest import fixture_bytes
from ses_errors._table import CASES, FAMILIES, ROWS, Match, MessageCase
from ses_errors.integrations import celery as celery_hooks

ALL_CODES = {code for row in ROWS for code in (row.code, *row.aliases)}
EVERY_CLASS = [
    *(getattr(ses_errors, row.code) for row in ROWS),
    *(getattr(ses_errors, family.family.value) for family in FAMILIES),
    *(getattr(ses_errors, case.name) for case in CASES),
]


def _parent_spellings(case: MessageCase) -> list[str]:
    """Return every wire code of the case's parents that are codes (not SMTP classes)."""
    rows = {row.code: row for row in ROWS}
    return [
        code
        for parent in case.parents
        if parent in rows
        for code in (parent, *rows[parent].aliases)
    ]


CASE_TEXTS = [(case, text) for case in CASES for text in case.texts]
_IDS = [f"{case.name}-{text}" for case, text in CASE_TEXTS]


@pytest.mark.parametrize(("case", "text"), CASE_TEXTS, ids=_IDS)
def test_case_text_under_each_parent_code_gives_the_case_class(
    case: MessageCase, text: str
) -> None:
    """Each of the case's texts under any spelling of any parent code picks the case class."""
    cls = getattr(ses_errors, case.name)
    for code in _parent_spellings(case):
        assert ses_errors.lookup.class_for_code(code, text) is cls
        assert issubclass(cls, ses_errors.lookup.class_for_code(code))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_class_keeps_every_parent_catchable(case: MessageCase) -> None:
    """An instance of the case is caught by `except` of each parent's class."""
    cls = getattr(ses_errors, case.name)
    for parent in case.parents:
        with pytest.raises(getattr(ses_errors, parent)):
            raise cls(case.texts[0], parent)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_decision_comes_from_the_case(case: MessageCase) -> None:
    """is_retryable and retry_after follow the case's row, not its parents'."""
    cls = getattr(ses_errors, case.name)
    exc = cls(case.texts[0], case.parents[0])
    assert cls.is_retryable is case.is_retryable
    assert ses_errors.is_retryable(exc) is case.is_retryable
    assert exc.retry_after == (5.0 if case.is_retryable else None)
    assert cls.description == case.description
    assert cls.case is case


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_name_is_camel_case_and_not_a_wire_code(case: MessageCase) -> None:
    """Case class names are CamelCase without underscores and never a code SES sends."""
    assert re.fullmatch(r"(?:[A-Z][a-z]+)+", case.name)
    assert case.name not in ALL_CODES


PREFIX_TEXTS = [(case, text) for case, text in CASE_TEXTS if case.match is Match.PREFIX]
EXACT_TEXTS = [(case, text) for case, text in CASE_TEXTS if case.match is Match.EXACT]


@pytest.mark.parametrize(("case", "text"), PREFIX_TEXTS, ids=str)
def test_prefix_case_matches_the_text_ses_appends(case: MessageCase, text: str) -> None:
    """A prefix case matches its text followed by what SES appends (names, regions, addresses)."""
    message = text + " The following identities failed the check in region US-EAST-1: a@b.c"
    assert ses_errors.lookup.class_for_code(case.parents[0], message) is getattr(
        ses_errors, case.name
    )


@pytest.mark.parametrize(("case", "text"), EXACT_TEXTS, ids=str)
def test_exact_case_does_not_match_a_longer_first_sentence(case: MessageCase, text: str) -> None:
    """An exact case does not match when the message's first sentence says more than its text."""
    parent = ses_errors.lookup.class_for_code(case.parents[0])
    longer = text.removesuffix(".") + " for identity x."
    assert ses_errors.lookup.class_for_code(case.parents[0], longer) is parent


@pytest.mark.parametrize(("case", "text"), EXACT_TEXTS, ids=str)
def test_exact_case_matches_its_first_sentence_however_it_ends(
    case: MessageCase, text: str
) -> None:
    """An exact case matches in any case, ended by . ! : ; or nothing, with more sentences after."""
    cls = getattr(ses_errors, case.name)
    bare = text.removesuffix(".")
    for message in (
        bare,
        bare + ".",
        bare + "!",
        bare.lower(),
        bare.upper() + ".",
        bare + ". Please try again tomorrow.",
        bare + ": contact support",
    ):
        assert ses_errors.lookup.class_for_code(case.parents[0], message) is cls, message


def test_no_exact_text_and_prefix_of_a_parent_begin_with_one_another() -> None:
    """Under one parent no exact text and prefix text begin alike, so lookup order is moot."""
    for parent in {parent for case in CASES for parent in case.parents}:
        cases = [case for case in CASES if parent in case.parents]
        prefixes = [_fold(t) for c in cases if c.match is Match.PREFIX for t in c.texts]
        exact = [_fold(t) for c in cases if c.match is Match.EXACT for t in c.texts]
        clashes = [(e, p) for e in exact for p in prefixes if e.startswith(p) or p.startswith(e)]
        assert not clashes, parent


def test_no_two_prefixes_of_a_parent_begin_with_one_another() -> None:
    """Under one parent no prefix text begins with another case's, so no case hides another."""
    for parent in {parent for case in CASES for parent in case.parents}:
        texts = [
            (c.name, _fold(t))
            for c in CASES
            if parent in c.parents and c.match is Match.PREFIX
            for t in c.texts
        ]
        clashes = [(a, b) for a, x in texts for b, y in texts if a != b and x.startswith(y)]
        assert not clashes, parent


def test_no_exact_text_ends_a_sentence_before_its_end() -> None:
    """An exact text holds no sentence end but a final period: it is one first sentence."""
    for case, text in EXACT_TEXTS:
        assert not re.search("[.!:;]", text.removesuffix(".")), case.name


def test_whitespace_runs_do_not_hide_a_case() -> None:
    """Runs of whitespace and line breaks in the message are collapsed before matching."""
    message = "  Daily message\n   quota exceeded.  "
    assert ses_errors.lookup.class_for_code("Throttling", message) is ses_errors.DailyQuotaExceeded
    message = "Sending paused\tfor this account. For more information, see the console."
    assert ses_errors.lookup.class_for_code("MessageRejected", message) is (
        ses_errors.SendingPausedForAccount
    )


def test_unknown_message_falls_back_to_the_code_and_its_flag() -> None:
    """A message no case knows keeps the code's class and the table's decision."""
    assert ses_errors.lookup.class_for_code("Throttling", "Rate exceeded") is ses_errors.Throttling
    assert ses_errors.lookup.class_for_code("Throttling") is ses_errors.Throttling
    assert ses_errors.lookup.class_for_code("MessageRejected", "Illegal header.") is (
        ses_errors.MessageRejected
    )
    assert ses_errors.lookup.class_for_code("LimitExceededException", "Too many identities.") is (
        ses_errors.LimitExceeded
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().removesuffix(".")


def _case_by_the_rule(code: str, message: str) -> type[ses_errors.SESError]:
    """Apply the table's rule plainly: fold, then take the first matching case in table order."""
    parent = ses_errors.lookup.class_for_code(code)
    folded = " ".join(message.split()).casefold()
    first_sentence = re.split("[.!:;]", folded, maxsplit=1)[0].strip(" ")
    for case in CASES:
        if parent.__name__ not in case.parents:
            continue
        for text in map(_fold, case.texts):
            exact = case.match is Match.EXACT
            if first_sentence == text if exact else folded.startswith(text):
                found = ses_errors.lookup.class_for_name(case.name)
                assert found is not None
                return found
    return parent


_CASE_CODES = sorted({code for case in CASES for code in _parent_spellings(case)})
_CASE_TEXTS = [text for case in CASES for text in case.texts]


@st.composite
def _messages_near_the_cases(draw: st.DrawFn) -> str:
    """Draw a case text with whitespace, case, periods or words added, removed or changed."""
    words = draw(st.sampled_from(_CASE_TEXTS)).split(" ")
    spaces = st.sampled_from([" ", "  ", "\n", "\t", " \r\n "])
    message = draw(spaces) if draw(st.booleans()) else ""
    for word in words:
        word = word.upper() if draw(st.integers(0, 9)) == 0 else word  # noqa: PLW2901
        message += word if draw(st.integers(0, 9)) else draw(st.sampled_from(["", "X", word + "."]))
        message += draw(spaces)
    return message.rstrip() if draw(st.booleans()) else message + draw(st.text(max_size=8))


@given(code=st.sampled_from(_CASE_CODES), message=_messages_near_the_cases())
def test_class_for_code_follows_the_rule_for_any_message(code: str, message: str) -> None:
    """The indexed lookup picks what the plain rule picks, for messages near every case text."""
    assert ses_errors.lookup.class_for_code(code, message) is _case_by_the_rule(code, message)


def test_case_text_under_an_unrelated_code_is_not_the_case() -> None:
    """A case's text matters only under its parent codes."""
    cls = ses_errors.lookup.class_for_code("InvalidParameterValue", "Daily message quota exceeded.")
    assert cls is ses_errors.InvalidParameterValue


def test_v1_daily_quota_body_is_not_retryable() -> None:
    """The v1 Throttling body with the daily-quota message is DailyQuotaExceeded, not retryable."""
    exc = ses_errors.parse_error(fixture_bytes("throttling_daily_quota.xml"), http_status=400)
    assert type(exc) is ses_errors.DailyQuotaExceeded
    assert isinstance(exc, ses_errors.Throttling)
    assert exc.code == "Throttling"
    assert not ses_errors.is_retryable(exc)
    assert exc.retry_after is None


def test_v1_rate_body_is_retryable() -> None:
    """The v1 Throttling body with the sending-rate message is retryable after 5 s."""
    exc = ses_errors.parse_error(fixture_bytes("throttling_rate.xml"), http_status=400)
    assert type(exc) is ses_errors.MaxSendRateExceeded
    assert ses_errors.is_retryable(exc)
    assert exc.retry_after == 5.0


def _v2(code: str, message: str, status: int) -> ses_errors.SESError:
    body = json.dumps({"message": message}).encode()
    return ses_errors.parse_error(body, http_status=status, headers={"x-amzn-ErrorType": code})


QUOTA_TEXT = "Daily message quota exceeded."
UNVERIFIED = (
    "Email address is not verified. The following identities failed the check in region X: a@b"
)
V2_MEANINGS = [
    # (code, message, status, expected class, retryable)
    ("TooManyRequestsException", "Too Many Requests", 429, "TooManyRequestsException", True),
    ("LimitExceededException", QUOTA_TEXT, 400, "DailyQuotaExceeded", False),
    ("TooManyRequestsException", QUOTA_TEXT, 429, "DailyQuotaExceeded", False),
    ("LimitExceededException", "Maximum number of identities.", 400, "LimitExceeded", False),
    ("SendingPausedException", "Sending paused.", 400, "SendingPausedException", False),
    ("AccountSuspendedException", "Account suspended.", 400, "AccountSuspendedException", False),
    ("MessageRejected", UNVERIFIED, 400, "AddressNotVerified", False),
]


@pytest.mark.parametrize(("code", "message", "status", "expected", "retryable"), V2_MEANINGS)
def test_v2_meanings_get_the_same_decisions(
    code: str, message: str, status: int, expected: str, retryable: bool
) -> None:
    """SES v2 JSON errors reach the same classes and decisions as their v1 meanings."""
    exc = _v2(code, message, status)
    assert type(exc) is getattr(ses_errors, expected)
    assert ses_errors.is_retryable(exc) is retryable
    assert exc.code == code


@pytest.mark.parametrize("cls", EVERY_CLASS, ids=lambda cls: cls.__name__)
def test_retry_after_is_the_first_wait_or_none(cls: type[ses_errors.SESError]) -> None:
    """retry_after is 5 s for every retryable class and None for every other class."""
    assert cls.retry_after == (5.0 if cls.is_retryable else None)
    assert cls().retry_after == cls.retry_after


def test_celery_exclusions_are_the_unretryable_classes_below_the_retryable_ones() -> None:
    """DONT_AUTORETRY_FOR names exactly the non-retryable classes under AUTORETRY_FOR."""
    below = {cls for cls in EVERY_CLASS if issubclass(cls, celery_hooks.AUTORETRY_FOR)}
    assert set(celery_hooks.DONT_AUTORETRY_FOR) == {cls for cls in below if not cls.is_retryable}
    assert ses_errors.DailyQuotaExceeded in celery_hooks.DONT_AUTORETRY_FOR
    assert all(cls.is_retryable for cls in celery_hooks.AUTORETRY_FOR)
