"""Hooks other apps listen to.

``case_decided(sender=Case, case=..., certificate_type=<CertificateType code or None>)`` is sent
after the deciding transaction commits. The e-certificate app issues the certificate here when
``case.status == "approved"`` and ``certificate_type`` is set.
"""

from django.dispatch import Signal

case_decided = Signal()
