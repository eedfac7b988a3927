"""The three staff roles and what each may do.

Administrator: everything. Organizer: everything but staff accounts and site structure (sites,
locales, workflows, collections: STRUCTURE_MODELS).
Editor: content only (pages, images, documents, content snippets), never supporter data:
an Editor holds permissions from CONTENT_APPS alone, so an app about people is closed to them
without being named here. Case files are opened per case, by the case team, not by role.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

ADMINISTRATOR = "Administrator"
ORGANIZER = "Organizer"
EDITOR = "Editor"
ROLES = (ADMINISTRATOR, ORGANIZER, EDITOR)

CONTENT_APPS = {
    "pages",
    "core",
    "wagtailimages",
    "wagtaildocs",
    "wagtailcore",
    "taggit",
    "wagtail_localize",
}
# Codenames an Editor must never hold even inside a content app.
EDITOR_EXCLUDED = {"view_auditentry", "add_auditentry", "change_auditentry", "delete_auditentry"}
# Site structure lives in a content app (wagtailcore) but can take the whole site down: sites,
# locales, workflows and their tasks, collections and the rights groups hold on pages and
# collections. Only an Administrator manages these.
STRUCTURE_MODELS = {
    ("wagtailcore", model)
    for model in (
        "site",
        "locale",
        "workflow",
        "task",
        "groupapprovaltask",
        "workflowcontenttype",
        "workflowpage",
        "collection",
        "grouppagepermission",
        "groupcollectionpermission",
    )
}
STAFF_ONLY_APPS = {
    "auth",
    "users",
    "wagtailusers",
    "sessions",
    "contenttypes",
    "admin",
    "wagtailsites",
    "wagtaillocales",
    "django_tasks_db",
    "axes",
    "otp_totp",
}


def _is_structure(permission) -> bool:
    content_type = permission.content_type
    return (content_type.app_label, content_type.model) in STRUCTURE_MODELS


def _role_permissions(role):
    everything = Permission.objects.select_related("content_type")
    if role == ADMINISTRATOR:
        return list(everything)
    everything = [p for p in everything if not _is_structure(p)]
    if role == ORGANIZER:
        return [
            p
            for p in everything
            if p.content_type.app_label not in STAFF_ONLY_APPS
            and p.content_type.app_label != "cases"
        ] + [
            p
            for p in everything
            if p.codename == "access_admin"
            # An Organizer may open a new case (and then leads its team); every other case
            # right comes from membership of that case's team, never from the role.
            or (p.content_type.app_label == "cases" and p.codename == "add_case")
        ]
    return [
        p
        for p in everything
        if (p.content_type.app_label in CONTENT_APPS and p.codename not in EDITOR_EXCLUDED)
        or p.codename == "access_admin"
    ]


def sync_role_permissions(sender=None, **kwargs):
    """Give each role its model permissions and page/collection rights. Safe to run again."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for name, group in groups.items():
        group.permissions.set(_role_permissions(name))

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    page_rights = [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ]
    collection_rights = [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ]
    # Wagtail manages collections through rights held on a collection, not model permissions.
    if root_collection:
        for codename in ("add_collection", "change_collection", "delete_collection"):
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[ADMINISTRATOR], collection=root_collection, permission=permission
                )
    for group in groups.values():
        if root_page:
            for codename in page_rights:
                permission = Permission.objects.filter(
                    content_type__app_label="wagtailcore", codename=codename
                ).first()
                if permission:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root_page, permission=permission
                    )
        if root_collection:
            for app_label, _model, codenames in collection_rights:
                for codename in codenames:
                    permission = Permission.objects.filter(
                        content_type__app_label=app_label, codename=codename
                    ).first()
                    if permission:
                        GroupCollectionPermission.objects.get_or_create(
                            group=group, collection=root_collection, permission=permission
                        )


def is_content_only(user) -> bool:
    """True for a staff member whose only role is Editor: they get content tasks, nothing else."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return EDITOR in names and not names & {ADMINISTRATOR, ORGANIZER}
