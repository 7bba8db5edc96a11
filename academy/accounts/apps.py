from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "academy.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        # Django's idiom: signal receivers connect once the app registry is ready.
        from academy.accounts import signals  # noqa: F401, PLC0415
