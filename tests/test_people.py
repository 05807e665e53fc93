"""Petitioners' ID numbers and phones: checking, normalising and masking (DOMAIN.md §8)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang.cases.intake import make_person, parse_person
from xinfang.cases.people import normalize_id, normalize_phone
from xinfang.errors import BadIdNumber, BadPerson, BadPhone
from xinfang.masking import mask_id, mask_phone, mask_phones_in

VALID_ID = "11010519491231002X"  # the example of DOMAIN.md §8
TODAY = dt.date(2026, 11, 23)
_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2, computed here independently of the library."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def with_check(first17: str) -> str:
    return first17 + check_digit(first17)


def refusal(text: str, **kwargs) -> BadIdNumber:
    with pytest.raises(BadIdNumber) as info:
        normalize_id(text, **kwargs)
    return info.value


# ID numbers --------------------------------------------------------------------------------


def test_the_domain_example_is_valid():
    assert check_digit(VALID_ID[:17]) == "X"
    assert normalize_id(VALID_ID, today=TODAY) == VALID_ID


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",  # lower-case x
        " 11010519491231002X ",  # stray spaces around it
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width, typed with an IME
    ],
)
def test_id_is_normalised(typed):
    assert normalize_id(typed, today=TODAY) == VALID_ID


def test_wrong_check_digit_names_the_18th_character_and_the_expected_digit():
    err = refusal("110105194912310021")
    zh, en = err.message("zh"), err.message("en")
    assert "第 18 位应为 X" in zh
    assert "实际为 1" in zh
    assert "18th character should be X" in en
    assert "110105194912310021" not in zh + en  # the number itself is masked
    assert "110105********0021" in zh


def test_letter_in_the_first_17_names_its_position():
    err = refusal("11010519491231A02X")
    assert "第 15 位“A”不是数字" in err.message("zh")
    assert "character 15" in err.message("en")


@pytest.mark.parametrize("text, length", [("1101051949123100", 16), ("1101051949123100212", 19)])
def test_wrong_length_says_how_many_characters(text, length):
    err = refusal(text)
    assert f"实际 {length} 位" in err.message("zh")
    assert f"{length} characters, not 18" in err.message("en")


@pytest.mark.parametrize("text", ["3.60803E+17", "3.60803e+17", "3.60803E17", "1.10105E+17"])
def test_excel_scientific_notation_is_refused(text):
    err = refusal(text)
    assert "科学计数法" in err.message("zh")
    assert "scientific notation" in err.message("en")


def test_impossible_birth_date_is_refused():
    err = refusal(with_check("11010519491331002"))  # month 13
    assert "出生日期 19491331 不存在" in err.message("zh")


def test_birth_date_after_today_is_refused():
    number = with_check("11010520301231002")
    err = refusal(number, today=TODAY)
    assert "出生日期" in err.message("zh")


def test_error_is_exit_code_1_not_a_usage_error():
    assert refusal("110105194912310021").exit_code == 1


# Hypothesis: any valid generated number passes; any one-digit slip is caught ---------------

areas = st.from_regex(r"\A[1-6][0-9]{5}\Z", fullmatch=True)
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31))
sequences = st.integers(min_value=0, max_value=999)


@st.composite
def valid_ids(draw) -> str:
    first17 = draw(areas) + draw(births).strftime("%Y%m%d") + f"{draw(sequences):03d}"
    return with_check(first17)


@settings(max_examples=200, deadline=None)
@given(number=valid_ids())
def test_any_valid_id_passes(number):
    assert normalize_id(number, today=TODAY) == number
    assert normalize_id(number.lower(), today=TODAY) == number


@settings(max_examples=300, deadline=None)
@given(
    number=valid_ids(),
    position=st.integers(min_value=0, max_value=16),
    delta=st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_change_in_the_first_17_is_refused(number, position, delta):
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert changed != number
    with pytest.raises(BadIdNumber):
        normalize_id(changed, today=TODAY)


@settings(max_examples=100, deadline=None)
@given(number=valid_ids())
def test_masked_id_keeps_only_the_first_six_and_last_four(number):
    masked = mask_id(number)
    assert masked == number[:6] + "********" + number[-4:]
    assert number[6:14] not in masked  # the birth date never shows


# Masking -----------------------------------------------------------------------------------


def test_masking_examples_of_the_domain():
    assert mask_id(VALID_ID) == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"


@pytest.mark.parametrize(
    "phone, masked",
    [
        ("13812345678", "138****5678"),
        ("0635-1234567", "0635-***4567"),
        ("010-12345678", "010-****5678"),
        ("0635-1234567-123", "0635-***4567-123"),
        ("1234567", "*******"),  # too short to keep a head and a tail
    ],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_masking_nothing_gives_nothing():
    assert mask_id(None) is None
    assert mask_phone(None) is None
    assert mask_id("") == ""


def test_short_values_are_fully_masked():
    assert mask_id("1234") == "****"
    assert set(mask_phone("5678")) == {"*"}


# Phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0635-1234567", "0635-1234567"),
        ("(0635)1234567", "0635-1234567"),
        ("010-12345678", "010-12345678"),
        ("0635-1234567-123", "0635-1234567-123"),
        ("1234567", "1234567"),
    ],
)
def test_phone_is_normalised(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["12345", "1381234567", "138123456789", "12812345678", "phone", "138-1234-567x"],
)
def test_phone_of_the_wrong_shape_is_refused(typed):
    with pytest.raises(BadPhone) as info:
        normalize_phone(typed)
    assert "11 位" in info.value.message("zh")
    # What was typed is shown, but for the middle of a run of digits long enough to be a
    # phone: `1381234567` → `138***4567`.
    assert mask_phones_in(typed) in info.value.message("en")
    assert (mask_phones_in(typed) == typed) == (sum(c.isdigit() for c in typed) < 8)


# Petitioners as typed on the command line -------------------------------------------------


def test_parse_person_all_fields():
    person = parse_person(f"张三,{VALID_ID.lower()},138 1234 5678,东村3组,老屋")
    assert person.name == "张三"
    assert person.id_number == VALID_ID
    assert person.phone == "13812345678"
    assert person.address == "东村3组,老屋"  # the rest of the line, commas and all


def test_parse_person_full_width_commas_and_blanks():
    person = parse_person("李四，，13900001111")
    assert (person.name, person.id_number, person.phone, person.address) == (
        "李四", None, "13900001111", None)


@pytest.mark.parametrize("text", ["", ",", " , , ", "，，，"])
def test_parse_person_with_nothing_in_it_is_refused(text):
    with pytest.raises(BadPerson):
        parse_person(text)


def test_parse_person_checks_the_id_number():
    with pytest.raises(BadIdNumber):
        parse_person("张三,110105194912310021")


def test_make_person_blanks_become_none():
    person = make_person("  王五  ", " ", "", "  ")
    assert (person.name, person.id_number, person.phone, person.address) == (
        "王五", None, None, None)
