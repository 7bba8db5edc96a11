from django.urls import path

from academy.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("read-all/", views.MarkAllReadView.as_view(), name="read_all"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("<int:pk>/", views.MessageView.as_view(), name="message"),
    path("<int:pk>/read/", views.MarkReadView.as_view(), name="read"),
]
