"""Vocabularies for a case. Stages and pathways follow the coalition's research
(shared/reference/domain-california.md, sections 2.3 and 3); they are information for advocates,
never a legal determination."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PREPARING = "preparing", _("Preparing the application and packet")
    DA_NOTICE = "da_notice", _("Notice of intent served on the district attorney")
    FILED = "filed", _("Filed with the Governor's office")
    BPH_INVESTIGATION = "bph_investigation", _("Board of Parole Hearings investigation")
    BPH_RECOMMENDATION = "bph_recommendation", _("Board of Parole Hearings recommendation")
    SUPREME_COURT = "supreme_court", _("California Supreme Court recommendation")
    DECISION = "decision", _("Governor's decision")
    PAROLE_HEARING = "parole_hearing", _("Parole suitability hearing")


# The Supreme Court step applies only to a person twice convicted of a felony (Cal. Const.
# art. V, section 8; Penal Code 4802, 4850, 4852).
TWICE_CONVICTED_ONLY = {Stage.SUPREME_COURT}


class Pathway(models.TextChoices):
    YOUTH_PAROLE = "youth_parole", _("Youth offender parole")
    JUVENILE_RECALL = "juvenile_recall", _("Juvenile LWOP recall petition")
    FELONY_MURDER = "felony_murder", _("Felony-murder resentencing")
    RECALL = "recall", _("Recall and resentencing")
    IPV_HABEAS = "ipv_habeas", _("Intimate partner battering habeas")
    COMPASSIONATE = "compassionate", _("Compassionate release")
    RACIAL_JUSTICE = "racial_justice", _("Racial Justice Act")


# Statute and a one-line summary, from the reference's section 3 table (its sources are listed
# there). Statute citations are not translated.
PATHWAY_FACTS = {
    Pathway.YOUTH_PAROLE: (
        "PC 3051(b)(4)",
        _(
            "LWOP for an offense committed under 18: a youth offender parole hearing in the 25th "
            "year of incarceration. LWOP for an offense at 18 or older is excluded (People v. "
            "Hardin, 2024)."
        ),
    ),
    Pathway.JUVENILE_RECALL: (
        "PC 1170(d)(1)",
        _(
            "Under 18 at the offense and at least 15 years served: may petition the sentencing "
            "court for recall and resentencing, with exceptions."
        ),
    ),
    Pathway.FELONY_MURDER: (
        "PC 1172.6",
        _(
            "Convicted under felony murder or another theory imputing malice, and could not be "
            "convicted under the amended law: may petition for resentencing."
        ),
    ),
    Pathway.RECALL: (
        "PC 1172.1",
        _(
            "The court may recall and resentence on the recommendation of CDCR, the Board, or the "
            "district attorney; the person may only invite the court to act."
        ),
    ),
    Pathway.IPV_HABEAS: (
        "PC 1473.5",
        _(
            "Habeas petition when expert evidence on intimate partner battering and its effects "
            "was not presented and could have changed the outcome."
        ),
    ),
    Pathway.COMPASSIONATE: (
        "PC 1172.2",
        _(
            "CDCR recommends recall for a serious and advanced illness or permanent medical "
            "incapacity; whether it reaches LWOP sentences is not verified."
        ),
    ),
    Pathway.RACIAL_JUSTICE: (
        "PC 745",
        _(
            "A conviction or sentence may not rest on race, ethnicity or national origin; open "
            "to people currently incarcerated since January 1, 2024."
        ),
    ),
}


class PathwayState(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    POSSIBLY_RELEVANT = "possibly_relevant", _("Possibly relevant")
    FILED = "filed", _("Filed")
    GRANTED = "granted", _("Granted")
    DENIED = "denied", _("Denied")


class Relationship(models.TextChoices):
    FAMILY = "family", _("Family")
    EMPLOYER = "employer", _("Employer")
    PROGRAM = "program", _("Program")
    FAITH = "faith", _("Faith community")
    FORMERLY_INCARCERATED = "formerly_incarcerated", _("Formerly incarcerated")
    OTHER = "other", _("Other")


class LetterStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Application")
    CERTIFICATE = "certificate", _("Program certificate")
    DISCIPLINARY = "disciplinary", _("Disciplinary record")
    REENTRY_PLAN = "reentry_plan", _("Reentry plan")
    LETTER = "letter", _("Letter")
    CONSENT = "consent", _("Signed consent")
    OTHER = "other", _("Other")


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead advocate")
    MEMBER = "member", _("Team member")


class ContactKind(models.TextChoices):
    FAMILY = "family", _("Family")
    ADVOCATE = "advocate", _("Advocate")


class PacketStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
