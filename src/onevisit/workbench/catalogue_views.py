"""Workbench: the data catalogue (资源目录) — what each department publishes and on what terms."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from onevisit.accounts.decorators import officer_required
from onevisit.accounts.models import Sector
from onevisit.core.errors import NotFound
from onevisit.exchange import selectors as exchange_selectors
from onevisit.exchange.models import SharingClass
from onevisit.workbench.errors import render_domain_error


class CatalogueFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("数源部门条线"), required=False,
                               choices=[("", _("全部"))] + list(Sector.choices))
    sharing_class = forms.ChoiceField(label=_("共享类型"), required=False,
                                      choices=[("", _("全部"))] + list(SharingClass.choices))


@officer_required
def catalogue_list(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = exchange_selectors.catalogue_items_list(
        sector=filters.get("sector") or None, sharing_class=filters.get("sharing_class") or None
    )
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workbench/catalogue_list.html", {"form": form, "page": page, "query": query.urlencode()})


@officer_required
def catalogue_detail(request, code: str):
    try:
        item = exchange_selectors.catalogue_item_get(code=code)
    except NotFound as exc:
        return render_domain_error(request, exc)
    return render(request, "workbench/catalogue_detail.html", {"item": item})
