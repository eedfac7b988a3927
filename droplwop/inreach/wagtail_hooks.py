from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from droplwop.core.admin_columns import readable_columns

from .models import Facility, FacilityMailAddress


class FacilityViewSet(ModelViewSet):
    """Organizers keep addresses current and note the day they checked them on CDCR's site."""

    model = Facility
    icon = "home"
    menu_label = _("Facilities")
    list_display = readable_columns(Facility, ["acronym", "name", "city", "verified_on", "is_open"])
    list_filter = ["is_open"]
    search_fields = ["acronym", "name", "city"]
    form_fields = ["acronym", "name", "city", "is_open", "verified_on", "source", "notes"]


class FacilityMailAddressViewSet(ModelViewSet):
    model = FacilityMailAddress
    icon = "mail"
    menu_label = _("Mailing addresses")
    list_display = ["facility", "yard", "po_box", "city", "zip_code"]
    list_filter = ["facility"]
    form_fields = ["facility", "yard", "po_box", "city", "state", "zip_code"]


class InreachGroup(ViewSetGroup):
    menu_label = _("People inside")
    menu_icon = "home"
    menu_order = 820
    items = (FacilityViewSet("facilities"), FacilityMailAddressViewSet("facility-addresses"))


@hooks.register("register_admin_viewset")
def register_inreach_viewsets():
    return InreachGroup()
