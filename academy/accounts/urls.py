from django.urls import path

from academy.accounts import views

app_name = "accounts"
urlpatterns = [
    path("roles/", views.RolesView.as_view(), name="roles"),
    path("roles/history/", views.RoleHistoryView.as_view(), name="role_history"),
    path("roles/<int:pk>/remove/", views.RemoveRoleView.as_view(), name="role_remove"),
    path("session/extend/", views.ExtendSessionView.as_view(), name="session_extend"),
]
