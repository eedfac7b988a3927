from django.apps import AppConfig
from django.db.models.signals import post_migrate


class UsersConfig(AppConfig):
    name = "droplwop.users"
    label = "users"
    verbose_name = "Staff accounts"

    def ready(self):
        # Models, and modules that import them, load only once the app registry is ready.
        from axes.signals import user_locked_out

        from .login_guard import record_lockout
        from .roles import sync_role_permissions

        user_locked_out.connect(record_lockout, dispatch_uid="droplwop.users.audit_lockout")

        # Permissions exist only after every app has migrated, so roles are filled in then.
        post_migrate.connect(sync_role_permissions, dispatch_uid="droplwop.users.sync_roles")
