"""WSGI entry point: Django, with the exchange lane in front of it for the gateway's machine calls
(``onevisit.exchange.lane``). ``ONEVISIT_EXCHANGE_LANE_ROUTES`` (a dotted path to a dict of extra
lane routes) is set only by the benchmark's settings."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onevisit.conf.dev")
django_application = get_wsgi_application()

from onevisit.exchange import lane  # noqa: E402 - needs the apps loaded

_extra_routes = getattr(settings, "ONEVISIT_EXCHANGE_LANE_ROUTES", "")
application = lane.wrap(django_application, routes=import_string(_extra_routes) if _extra_routes else None)
