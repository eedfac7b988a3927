"""Facilities come from the sourced CSV (also seeded by migration; a flushed test database
needs them again)."""

from .facility_data import seed
from .models import Facility, FacilityMailAddress


def load(context):
    seed(Facility, FacilityMailAddress)
    context.made["inreach:facilities"] = Facility.objects.count()
