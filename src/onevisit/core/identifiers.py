"""Resident ID numbers (GB 11643-1999) and Unified Social Credit Codes (GB 32100-2015).

python-stdnum does the arithmetic. We do not use its birth-place check: an ID keeps the division
code of the place it was first issued, and abolished codes (440524 in the standard's own sample)
stay valid for life; we only require a real province prefix.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from onevisit.core.errors import ValidationFailed

# First two digits of GB/T 2260 province-level codes (including 71 Taiwan, 81 Hong Kong, 82 Macao).
PROVINCE_PREFIXES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"]
)


@dataclass(frozen=True)
class ResidentId:
    number: str
    division_code: str
    birth_date: datetime.date
    sex: str  # "M" or "F": an odd sequence digit is male

    @property
    def masked(self) -> str:
        return mask_id_number(self.number)


def parse_resident_id(value: str, *, field: str = "id_number", today: datetime.date | None = None) -> ResidentId:
    """Return the normalised ID (upper-case X) or raise ValidationFailed naming ``field``."""
    value = value or ""
    # The common case, 18 plain characters, skips stdnum's Unicode clean-up (a tenth of a
    # gateway call's CPU): for such input compact() would only upper-case it.
    number = value.upper() if len(value) == 18 and value.isascii() and value.isalnum() else ric.compact(value)
    try:
        if len(number) != 18:
            raise InvalidLength()
        # isascii(): str.isdigit() also accepts "²", "١", "৩" ..., which are no part of an ID.
        if not number.isascii() or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
            raise InvalidFormat()
        if number[17] != ric.calc_check_digit(number):
            raise InvalidChecksum()
        try:  # ric.get_birth_date, without compacting the number again
            birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            raise InvalidComponent() from None
    except InvalidLength:
        raise ValidationFailed.for_field(field, _("身份证号码应为18位")) from None
    except InvalidFormat:
        raise ValidationFailed.for_field(field, _("身份证号码前17位应为数字，末位为数字或X")) from None
    except InvalidChecksum:
        raise ValidationFailed.for_field(field, _("身份证号码校验位不正确")) from None
    except InvalidComponent:
        raise ValidationFailed.for_field(field, _("身份证号码中的出生日期不存在")) from None
    if number[:2] not in PROVINCE_PREFIXES:
        raise ValidationFailed.for_field(field, _("身份证号码的行政区划代码无效"))
    if birth_date > (today or datetime.date.today()) or birth_date.year < 1850:
        raise ValidationFailed.for_field(field, _("身份证号码中的出生日期不合理"))
    return ResidentId(
        number=number,
        division_code=number[:6],
        birth_date=birth_date,
        sex="M" if int(number[16]) % 2 else "F",
    )


def normalize_resident_id(value: str, *, field: str = "id_number") -> str:
    return parse_resident_id(value, field=field).number


def normalize_uscc(value: str, *, field: str = "uscc") -> str:
    """Return the normalised USCC or raise ValidationFailed naming ``field``."""
    try:
        return uscc.validate(uscc.compact(value or ""))
    except InvalidLength:
        raise ValidationFailed.for_field(field, _("统一社会信用代码应为18位")) from None
    except InvalidFormat:
        raise ValidationFailed.for_field(
            field, _("统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）")
        ) from None
    except InvalidChecksum:
        raise ValidationFailed.for_field(field, _("统一社会信用代码校验位不正确")) from None


def resident_id_check_character(first17: str) -> str:
    return ric.calc_check_digit(first17 + "0")


def uscc_check_character(first17: str) -> str:
    return uscc.calc_check_digit(first17 + "0")


def mask_id_number(number: str) -> str:
    """330106********1234: division code and last four stay visible."""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
