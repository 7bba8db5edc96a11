from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        # The board pack lives with the investment dashboard (governance/investment/reports.py), where the
        # report registry's autodiscovery of "<app>.reports" does not look, so it is registered here.
        from governance import home, my_academy  # noqa: F401, PLC0415 - home page panels, My Academy section
        from governance.investment import reports  # noqa: F401, PLC0415 - registers the board pack once apps are ready
        from governance.returns import home as returns_home  # noqa: F401, PLC0415 - the progress returns' panel
