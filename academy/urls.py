from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from academy.health import healthz, ready
from api.endpoints import api

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "SEL Systems Leadership Academy administration"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/ready", ready, name="healthz_ready"),
    path("", include("academy.ui.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("academy.accounts.urls")),
    path("account/privacy/", include("academy.privacy.urls")),
    path("account/", include("academy.privacy.erasure_urls")),
    path("directory/", include("academy.directory.urls")),
    path("reports/", include("academy.reports.urls")),
    path("notifications/", include("academy.notifications.urls")),
    path("programmes/", include("programmes.core.urls")),
    path("challenge-fund/", include("programmes.challenge_fund.urls")),
    path("conference/", include("programmes.conference.urls")),
    path("shadowing/", include("programmes.shadowing.urls")),
    path("network/", include("programmes.network.urls")),
    path("communities/", include("programmes.community.urls")),
    path("governance/", include("governance.urls")),
    path("evaluation/network/", include("evaluation.network.urls")),
    path("evaluation/scorecard/", include("evaluation.scorecard.urls")),
    path("evaluation/inclusion/", include("evaluation.inclusion.urls")),
    path("evaluation/surveys/", include("evaluation.surveys.urls")),
    path("evaluation/stories/", include("evaluation.stories.urls")),
    path("evaluation/contribution/", include("evaluation.contribution.urls")),
    path("evaluation/", include("evaluation.overview.urls")),
    path("account/api-tokens/", include("api.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
