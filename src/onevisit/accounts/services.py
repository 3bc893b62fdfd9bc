"""Writes for accounts: registration, one-time codes, TOTP, API tokens, enterprise mandates."""

import datetime
import secrets

import pyotp
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import (
    ApiToken,
    Department,
    Enterprise,
    EnterpriseMandate,
    MandateRole,
    OneTimeCode,
    StaffRole,
    StaffRoleAssignment,
    User,
    UserKind,
)
from onevisit.core import sql
from onevisit.core.errors import Conflict, NotFound, PermissionDenied, RateLimited, ValidationFailed
from onevisit.core.identifiers import normalize_resident_id, normalize_uscc
from onevisit.notifications.services import notification_send


def citizen_register(
    *, id_number: str, full_name: str, password: str | None = None, password_hash: str | None = None,
    phone: str = "", email: str = "",
) -> User:
    """Create a citizen account keyed by a valid resident ID number.

    Raises ValidationFailed (invalid ID, empty name) or Conflict (the ID already has an account).
    ``password_hash`` lets the demo seed reuse one pre-computed hash for many accounts.
    """
    number = normalize_resident_id(id_number)
    if not full_name.strip():
        raise ValidationFailed.for_field("full_name", _("请填写姓名"))
    if User.objects.filter(id_number=number).exists():
        raise Conflict(_("该身份证号码已注册"), details={"field": "id_number"})
    user = User(kind=UserKind.CITIZEN, username=number, id_number=number, full_name=full_name.strip(),
                phone=phone, email=email)
    user.password = password_hash or make_password(password)
    user.save()
    return user


def staff_create(
    *, username: str, full_name: str, department: Department, roles: list[str],
    password: str | None = None, password_hash: str | None = None, email: str = "",
) -> User:
    """Create a staff member in ``department`` holding ``roles``."""
    unknown = set(roles) - set(StaffRole.values)
    if unknown:
        raise ValidationFailed.for_field("roles", _("未知角色：%s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        user = User(kind=UserKind.STAFF, username=username, full_name=full_name, department=department, email=email,
                    is_staff=StaffRole.ADMINISTRATOR in roles, is_superuser=StaffRole.ADMINISTRATOR in roles)
        user.password = password_hash or make_password(password)
        user.save()
        StaffRoleAssignment.objects.bulk_create([StaffRoleAssignment(user=user, role=role) for role in roles])
    return user


@transaction.atomic
def enterprise_register(
    *, uscc: str, name: str, region, legal_representative_name: str, legal_representative_id_number: str,
    address: str = "",
) -> Enterprise:
    """Register an enterprise; if its legal representative has an account, give them a mandate."""
    code = normalize_uscc(uscc)
    rep_id = normalize_resident_id(legal_representative_id_number, field="legal_representative_id_number")
    enterprise = Enterprise.objects.create(
        uscc=code, name=name, region=region, address=address,
        legal_representative_name=legal_representative_name, legal_representative_id_number=rep_id,
    )
    representative = User.objects.filter(id_number=rep_id).first()
    if representative:
        EnterpriseMandate.objects.create(enterprise=enterprise, user=representative,
                                         role=MandateRole.LEGAL_REPRESENTATIVE)
    return enterprise


def mandate_grant_agent(
    *, enterprise: Enterprise, granted_by: User, agent_id_number: str, valid_until: datetime.date | None = None
) -> EnterpriseMandate:
    """The legal representative authorises another citizen to act for the enterprise.

    Raises PermissionDenied (``granted_by`` is not the legal representative) or ValidationFailed
    naming ``agent_id_number`` (invalid, not registered, or the legal representative themselves).
    """
    if not EnterpriseMandate.objects.filter(
        enterprise=enterprise, user=granted_by, role=MandateRole.LEGAL_REPRESENTATIVE, revoked_at__isnull=True
    ).exists():
        raise PermissionDenied(_("只有法定代表人可以授权经办人"))
    number = normalize_resident_id(agent_id_number, field="agent_id_number")
    agent = User.objects.filter(id_number=number, kind=UserKind.CITIZEN).first()
    if agent is None:
        raise ValidationFailed.for_field("agent_id_number", _("该身份证号码尚未注册账号"))
    # One mandate per person and enterprise: "granting" the legal representative an agent's
    # mandate would overwrite, and so demote, their own.
    if EnterpriseMandate.objects.filter(
        enterprise=enterprise, user=agent, role=MandateRole.LEGAL_REPRESENTATIVE
    ).exists():
        raise ValidationFailed.for_field("agent_id_number", _("该人员是企业的法定代表人，无需授权"))
    mandate, _created = EnterpriseMandate.objects.update_or_create(
        enterprise=enterprise, user=agent,
        defaults={"role": MandateRole.AGENT, "granted_by": granted_by, "granted_at": timezone.now(),
                  "valid_until": valid_until, "revoked_at": None},
    )
    return mandate


# --- one-time login codes (citizens) -----------------------------------------------------------

def one_time_code_send(*, user: User, purpose: str = "login") -> str:
    """Issue a 6-digit code, invalidate earlier ones, and deliver it on the configured channel.

    Returns the code so the demo can show it; only its hash is stored. Raises RateLimited when
    the last code went out less than ``ONEVISIT_OTP_RESEND_SECONDS`` ago or the hourly number of
    codes is used up: each new code brings new guesses, so sending them must be limited too.
    """
    now = timezone.now()
    recent = OneTimeCode.objects.filter(user=user, purpose=purpose, created_at__gt=now - datetime.timedelta(hours=1))
    newest = recent.order_by("-created_at").values_list("created_at", flat=True).first()
    if newest is not None:
        wait = settings.ONEVISIT_OTP_RESEND_SECONDS - (now - newest).total_seconds()
        if wait > 0:
            raise RateLimited(
                _("验证码已发送，请%(seconds)s秒后再重新获取。") % {"seconds": int(wait) + 1},
                details={"retry_after": int(wait) + 1},
            )
    if recent.count() >= settings.ONEVISIT_OTP_MAX_PER_HOUR:
        raise RateLimited(_("验证码发送次数过多，请一小时后再试。"), details={"retry_after": 3600})
    code = f"{secrets.randbelow(10**6):06d}"
    OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    OneTimeCode.objects.create(
        user=user, purpose=purpose, code_hash=ApiToken.hash_key(f"{user.pk}:{code}"),
        expires_at=now + datetime.timedelta(seconds=settings.ONEVISIT_OTP_TTL_SECONDS),
    )
    notification_send(
        recipient=user,
        channel=settings.ONEVISIT_OTP_CHANNEL,
        subject=_("登录验证码"),
        body=_("您的登录验证码是 %(code)s，%(minutes)s 分钟内有效。请勿告诉他人。")
        % {"code": code, "minutes": settings.ONEVISIT_OTP_TTL_SECONDS // 60},
    )
    return code


def one_time_code_verify(*, user: User, code: str, purpose: str = "login") -> None:
    """Accept the newest unused code once. Raises ValidationFailed with a reason the user can act on.

    A wrong code counts against the code's attempts; the count is committed before the error is
    raised (raising inside the transaction would roll it back and allow unlimited guesses).
    """
    error = None
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if otp is None or otp.expires_at <= timezone.now():
            error = _("验证码已失效，请重新获取")
        elif otp.attempts >= settings.ONEVISIT_OTP_MAX_ATTEMPTS:
            otp.used_at = timezone.now()
            otp.save(update_fields=["used_at"])
            error = _("错误次数过多，请重新获取验证码")
        elif not secrets.compare_digest(otp.code_hash, ApiToken.hash_key(f"{user.pk}:{code.strip()}")):
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
            error = _("验证码不正确")
        else:
            otp.used_at = timezone.now()
            otp.save(update_fields=["used_at"])
    if error:
        raise ValidationFailed.for_field("code", error)


# --- TOTP (staff) ------------------------------------------------------------------------------

def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_provisioning_uri(*, user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name="OneVisit")


def _totp_matching_step(*, secret: str, code: str) -> int | None:
    """The 30-second step (now, or one either side for clock drift) whose code is ``code``."""
    if not secret:
        return None
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), code.strip()):
            return step
    return None


def totp_check(*, secret: str, code: str) -> bool:
    return _totp_matching_step(secret=secret, code=code) is not None


def totp_login_check(*, user: User, code: str) -> bool:
    """Accept the officer's TOTP code once: a code already used (or an older one) is refused."""
    step = _totp_matching_step(secret=user.totp_secret, code=code)
    if step is None:
        return False
    # Conditional update: two requests racing with the same code cannot both pass.
    return User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(totp_last_step=step) == 1


def totp_enable(*, user: User, secret: str, code: str) -> None:
    """Turn TOTP on once the officer proves their authenticator app has the secret."""
    if not totp_check(secret=secret, code=code):
        raise ValidationFailed.for_field("code", _("动态口令不正确，请核对手机时间后重试"))
    user.totp_secret = secret
    user.save(update_fields=["totp_secret"])


def totp_disable(*, user: User) -> None:
    user.totp_secret = ""
    user.save(update_fields=["totp_secret"])


# --- API tokens (systems) ----------------------------------------------------------------------

def system_user_create(*, username: str, full_name: str, department: Department | None = None) -> User:
    """An account for another system (a department's platform): no password, API tokens only.

    Raises ValidationFailed (empty username or name) or Conflict (the username is taken).
    """
    if not username.strip():
        raise ValidationFailed.for_field("username", _("请填写登录名"))
    if not full_name.strip():
        raise ValidationFailed.for_field("full_name", _("请填写系统名称"))
    if User.objects.filter(username=username.strip()).exists():
        raise Conflict(_("该登录名已被使用"), details={"field": "username"})
    user = User(kind=UserKind.SYSTEM, username=username.strip(), full_name=full_name.strip(), department=department)
    user.set_unusable_password()
    user.save()
    return user


def api_token_create(*, user: User, name: str, expires_at: datetime.datetime | None = None) -> tuple[ApiToken, str]:
    """Return the token row and the secret, shown once: ``ov_<prefix>_<secret>``."""
    prefix = secrets.token_hex(5)
    key = f"ov_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=ApiToken.hash_key(key),
                                    expires_at=expires_at)
    return token, key


def api_token_authenticate(*, key: str) -> User | None:
    """The active user a presented token belongs to, or None (unknown, revoked, expired)."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "ov":
        return None
    token = _live_token_with_user(prefix=parts[1])
    if token is None or not secrets.compare_digest(token.key_hash, ApiToken.hash_key(key)):
        return None
    now = timezone.now()
    if (token.expires_at and token.expires_at <= now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _live_token_with_user(*, prefix: str) -> ApiToken | None:
    """The unrevoked token with ``prefix``, its user and the user's department, in one query.

    Every API call by a system starts here, so this is hand-written SQL (``core.sql``): the ORM
    took longer to build the query than the database took to answer it.
    """
    rows = sql.fetch(
        f"SELECT {sql.columns(ApiToken, 't')}, {sql.columns(User, 'u')}, {sql.columns(Department, 'd')} "
        f"FROM {sql.table(ApiToken)} t JOIN {sql.table(User)} u ON u.id = t.user_id "
        f"LEFT JOIN {sql.table(Department)} d ON d.id = u.department_id "
        "WHERE t.prefix = %s AND t.revoked_at IS NULL",
        [prefix],
    )
    if not rows:
        return None
    row = rows[0]
    token = sql.instance(ApiToken, row)
    user = sql.instance(User, row, sql.width(ApiToken))
    department = sql.instance(Department, row, sql.width(ApiToken) + sql.width(User)) if user.department_id else None
    User.department.field.set_cached_value(user, department)
    ApiToken.user.field.set_cached_value(token, user)
    return token


def api_token_revoke(*, prefix: str) -> ApiToken:
    """Revoke the token with ``prefix`` from now on; revoking again keeps the first time.

    Raises NotFound (no token has that prefix).
    """
    token = ApiToken.objects.filter(prefix=prefix).first()
    if token is None:
        raise NotFound(_("没有以 %(prefix)s 开头的接口令牌") % {"prefix": prefix})
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# Kept a day past expiry, so that a citizen's "my code did not work" can still be looked into.
EXPIRED_CODE_RETENTION = datetime.timedelta(days=1)


def one_time_code_purge_expired() -> int:
    """Delete one-time login codes that expired more than a day ago; return how many."""
    deleted, _by_model = OneTimeCode.objects.filter(expires_at__lt=timezone.now() - EXPIRED_CODE_RETENTION).delete()
    return deleted
