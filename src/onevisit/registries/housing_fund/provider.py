"""Provider API of the housing provident fund: a person's account."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.housing_fund.models import FundAccount
from onevisit.registries.items import SENSITIVE, f, person_subject, record

CODE = "housing_fund"
PROVIDER = RegistryProvider(code=CODE, name="住房公积金库（公积金中心）")

ACCOUNT = ItemSpec(
    code="housing_fund.account", name="住房公积金账户信息", name_en="Housing provident fund account",
    subject_type=SubjectType.PERSON, update_frequency="monthly",
    fields=(
        f("account_number", T.STRING, "个人账号", "Account number", SENSITIVE),
        f("employer_uscc", T.USCC, "单位代码", "Employer's USCC"),
        f("employer_name", T.STRING, "单位名称", "Employer"),
        f("balance", T.DECIMAL, "账户余额（元）", "Balance (yuan)", SENSITIVE),
        f("monthly_deposit", T.DECIMAL, "月缴存额（元）", "Monthly deposit (yuan)", SENSITIVE),
        f("opened_on", T.DATE, "开户日期", "Opened on"),
        f("status", T.STRING, "账户状态", "Status (active / frozen)"),
    ),
)


def account(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(ACCOUNT.code, number, a, {
        "account_number": a.account_number, "employer_uscc": a.employer_uscc, "employer_name": a.employer_name,
        "balance": a.balance, "monthly_deposit": a.monthly_deposit, "opened_on": a.opened_on, "status": a.status,
    }, source=CODE, record_id=a.account_number) for a in FundAccount.objects.filter(id_number=number)]


PROVIDER.register(ACCOUNT, account)
