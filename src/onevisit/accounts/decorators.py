from functools import wraps

from django.contrib.auth.views import redirect_to_login


def citizen_required(view):
    """Portal pages for a logged-in citizen; anyone else goes to the portal login and back."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_citizen):
            return redirect_to_login(request.get_full_path(), "/login/")
        return view(request, *args, **kwargs)

    return wrapper


def officer_required(view):
    """Workbench pages for a logged-in staff member; anyone else goes to the workbench login and back."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_officer):
            return redirect_to_login(request.get_full_path(), "/workbench/login/")
        return view(request, *args, **kwargs)

    return wrapper
