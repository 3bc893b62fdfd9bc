from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuerKey(models.Model):
    """An ES256 signing key of one issuing department (签发密钥).

    The newest unretired key signs; every unretired key stays in the JWKS so
    certificates signed before a rotation keep verifying. The private half is
    never served (see keys.issuer_jwks).
    """

    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("签发部门"), on_delete=models.PROTECT, related_name="issuer_keys"
    )
    kid = models.CharField(_("密钥标识"), max_length=64, unique=True)
    private_jwk = models.JSONField(_("私钥"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("签发密钥")
        verbose_name_plural = _("签发密钥")
        ordering = ["department", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.kid
