from functools import wraps

from django.shortcuts import redirect


def citizen_required(view):
    """Portal pages for a logged-in citizen; anyone else goes to the portal login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_citizen):
            return redirect(f"/login/?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


def officer_required(view):
    """Workbench pages for a logged-in staff member; anyone else goes to the workbench login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_officer):
            return redirect(f"/workbench/login/?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper
