from django.apps import AppConfig
from django.db.models.signals import post_migrate


class UsersConfig(AppConfig):
    name = "droplwop.users"
    label = "users"
    verbose_name = "Staff accounts"

    def ready(self):
        # Models, and modules that import them, load only once the app registry is ready.
        from .roles import sync_role_permissions

        # Permissions exist only after every app has migrated, so roles are filled in then.
        post_migrate.connect(sync_role_permissions, dispatch_uid="droplwop.users.sync_roles")
