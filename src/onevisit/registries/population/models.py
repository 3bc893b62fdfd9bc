"""Population and hukou registry (人口库, public security): people, households and members."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class Sex(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class PersonStatus(models.TextChoices):
    ALIVE = "alive", _("正常")
    DECEASED = "deceased", _("死亡注销")


class Person(RegistryRecord):
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True)
    name = models.CharField(_("姓名"), max_length=64)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("出生日期"))
    ethnicity = models.CharField(_("民族"), max_length=16, default="汉族")
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    status = models.CharField(_("人口状态"), max_length=16, choices=PersonStatus.choices, default=PersonStatus.ALIVE)

    class Meta:
        verbose_name = _("人口")
        verbose_name_plural = _("人口")

    def __str__(self) -> str:
        return f"{self.name} {self.id_number}"


class Household(RegistryRecord):
    household_number = models.CharField(_("户号"), max_length=20, unique=True)
    address = models.CharField(_("户籍地址"), max_length=255)
    division_code = models.CharField(_("户籍地区划代码"), max_length=6)
    head_id_number = models.CharField(_("户主身份号码"), max_length=18, db_index=True)

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("户")

    def __str__(self) -> str:
        return self.household_number


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    SON = "son", pgettext_lazy("relation to the household head", "子")
    DAUGHTER = "daughter", pgettext_lazy("relation to the household head", "女")
    FATHER = "father", _("父亲")
    MOTHER = "mother", _("母亲")


class HouseholdMember(RegistryRecord):
    household = models.ForeignKey(Household, verbose_name=_("户"), to_field="household_number",
                                  on_delete=models.CASCADE, related_name="members")
    person = models.OneToOneField(Person, verbose_name=_("成员"), to_field="id_number", on_delete=models.CASCADE,
                                  related_name="membership")
    relation = models.CharField(_("与户主关系"), max_length=16, choices=Relation.choices)

    class Meta:
        verbose_name = _("户成员")
        verbose_name_plural = _("户成员")


class SyntheticLoad(SyntheticLoadBase):
    pass
