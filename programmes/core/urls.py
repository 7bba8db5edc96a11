from django.urls import path

from programmes.core import views

app_name = "programmes"
urlpatterns = [
    path("", views.CatalogueView.as_view(), name="catalogue"),
    path("cohorts/<int:pk>/", views.CohortView.as_view(), name="cohort"),
    path("cohorts/<int:pk>/apply/", views.ApplyView.as_view(), name="apply"),
    path("cohorts/<int:pk>/book/", views.BookView.as_view(), name="book"),
    path("my-academy/", views.MyAcademyView.as_view(), name="my_academy"),
    path("my-academy/calendar-feed/", views.CalendarFeedManageView.as_view(), name="calendar_feed_manage"),
    path("sessions/<int:pk>/calendar.ics", views.SessionCalendarView.as_view(), name="session_ics"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("applications/<int:pk>/", views.ApplicationView.as_view(), name="application"),
    path("applications/<int:pk>/accept/", views.ApplicationActionView.as_view(action="accept"), name="accept"),
    path("applications/<int:pk>/decline/", views.ApplicationActionView.as_view(action="decline"), name="decline"),
    path("applications/<int:pk>/withdraw/", views.ApplicationActionView.as_view(action="withdraw"), name="withdraw"),
    path("line-manager/<str:token>/", views.LineManagerView.as_view(), name="line_manager"),
    path("<slug:slug>/", views.ProgrammeView.as_view(), name="programme"),
]
