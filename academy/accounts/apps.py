from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "academy.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from academy.accounts import signals  # noqa: F401
