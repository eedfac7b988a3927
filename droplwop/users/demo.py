"""Demo staff logins, one per role, printed by `make run`."""

from django.contrib.auth.models import Group

from droplwop.core.demo_tools import DEMO_PASSWORD

from .models import User
from .roles import ADMINISTRATOR, EDITOR, ORGANIZER

DEMO_USERS = [
    ("organizer", "Olivia", "Organizer", ORGANIZER),
    ("editor", "Eduardo", "Editor", EDITOR),
    ("admin", "Ada", "Admin", ADMINISTRATOR),
]


def load(context):
    for username, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = True
            user.is_superuser = role == ADMINISTRATOR
            user.save()
        user.groups.add(Group.objects.get(name=role))
        context.made[f"user:{username}"] = user
    context.say(f"demo logins: organizer / {DEMO_PASSWORD} (also editor, admin)")
