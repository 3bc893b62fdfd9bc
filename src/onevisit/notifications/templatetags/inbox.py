"""``{% load inbox %}{% inbox_unread_count as unread %}``: the unread badge in the portal and workbench nav."""

from django import template

from onevisit.notifications.selectors import inbox_unread_count as unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread_count(context) -> int:
    request = context.get("request")
    return unread_count(user=request.user) if request is not None else 0
