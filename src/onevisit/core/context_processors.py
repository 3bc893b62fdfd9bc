from django.conf import settings


def platform(request):
    return {"platform_name": settings.ONEVISIT_PLATFORM_NAME, "demo_mode": settings.ONEVISIT_DEMO_MODE}
