"""The verifier's typed outcomes (核验结果) and what each tells a person, in Chinese and English."""

from __future__ import annotations

import enum

from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Reason(enum.StrEnum):
    OK = "ok"
    TAMPERED = "tampered"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    WRONG_NONCE = "wrong_nonce"
    REPLAYED = "replayed"
    REQUEST_EXPIRED = "request_expired"
    UNKNOWN_ISSUER = "unknown_issuer"
    MALFORMED = "malformed"
    HOLDER_BINDING_FAILED = "holder_binding_failed"
    SIGNATURE = "tampered"  # the first slice's name for a bad signature


MESSAGES = {
    Reason.OK: _("有效：签名、有效期、状态和持证人绑定均已核验。"),
    Reason.TAMPERED: _("无效：证照内容或签名被篡改。"),
    Reason.EXPIRED: _("无效：证照或本次出示已过期。"),
    Reason.REVOKED: _("无效：证照已被签发部门撤销。"),
    Reason.SUSPENDED: _("无效：证照已被签发部门暂停使用。"),
    Reason.WRONG_NONCE: _("无效：出示不是针对本次核验请求生成的。"),
    Reason.REPLAYED: _("无效：该核验请求已使用过，出示不能重复使用。"),
    Reason.REQUEST_EXPIRED: _("无效：核验请求已过期，请重新生成。"),
    Reason.UNKNOWN_ISSUER: _("无效：签发机构不在可信名单中。"),
    Reason.MALFORMED: _("无效：内容不是电子证照出示格式。"),
    Reason.HOLDER_BINDING_FAILED: _("无效：出示人不是证照持有人（持证人密钥绑定校验失败）。"),
}

# Words a verifier reads at a glance, and the colour class the pages give them.
STATUS_WORDS = {
    Reason.OK: _("有效"),
    Reason.REVOKED: _("已撤销"),
    Reason.SUSPENDED: _("已中止"),
    Reason.EXPIRED: _("已过期"),
}


def reason_message(reason: Reason) -> str:
    return str(MESSAGES[reason])


def reason_messages(reason: Reason) -> dict[str, str]:
    """The message in both languages, for API clients and the offline CLI."""
    texts = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            texts[language.split("-")[0]] = str(MESSAGES[reason])
    return texts


def status_word(reason: Reason) -> str:
    return str(STATUS_WORDS.get(reason, _("无效")))
