from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "droplwop.cases"
    label = "cases"
    verbose_name = "Case support"

    def ready(self):
        # Models and selectors load only once the app registry is ready.
        from droplwop.supporters.row_access import register_row_rule

        from .selectors import limit_to_case_team

        # Case rows reached through a person (export, timeline, merge, erasure) stay with the
        # case team, by the same rule as the case desk.
        for label in ("cases.case", "cases.supportletter", "cases.casecontact"):
            register_row_rule(label, limit_to_case_team)

        from droplwop.core import deferred

        from .intake import KIND, file_letters

        deferred.register(KIND, file_letters)
