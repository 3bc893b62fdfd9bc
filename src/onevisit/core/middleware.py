from django.conf import settings
from django.utils import translation
from django.utils.translation import check_for_language


class LanguageMiddleware:
    """Pages are in Simplified Chinese unless the person chose English with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a portal opened in an
    English-language browser would not be the Chinese portal a province publishes. Pages follow
    only the language cookie set by the switcher; the API, used by systems, also honours
    Accept-Language for its messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen if chosen and check_for_language(chosen) else settings.LANGUAGE_CODE
            language = translation.get_supported_language_variant(language)
        # Scoped to this request: a thread serving the next request (or a test running after this
        # one) must not inherit the language, e.g. for messages composed for someone else.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        response.headers.setdefault("Vary", "Cookie")
        return response
