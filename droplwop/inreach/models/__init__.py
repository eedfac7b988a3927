from .facilities import Facility, FacilityMailAddress

__all__ = ["Facility", "FacilityMailAddress"]
