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
    path("admin/", views.AdminCohortsView.as_view(), name="admin_cohorts"),
    path("admin/cohorts/new/", views.CohortFormView.as_view(), name="cohort_create"),
    path("admin/cohorts/<int:pk>/", views.CohortManageView.as_view(), name="cohort_manage"),
    path("admin/cohorts/<int:pk>/edit/", views.CohortFormView.as_view(), name="cohort_edit"),
    path("admin/cohorts/<int:pk>/roster/", views.RosterExportView.as_view(), name="roster_export"),
    path("admin/cohorts/<int:pk>/sessions/new/", views.SessionFormView.as_view(), name="session_create"),
    path("admin/sessions/<int:session_pk>/edit/", views.SessionFormView.as_view(), name="session_edit"),
    path("admin/sessions/<int:session_pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("admin/cohorts/<int:pk>/completion/", views.CompletionView.as_view(), name="completion"),
    path("applications/<int:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("certificates/<str:code>/", views.CertificateVerifyView.as_view(), name="certificate_verify"),
    path("admin/sessions/<int:session_pk>/code/", views.CheckInCodeView.as_view(), name="check_in_code"),
    path(
        "admin/sessions/<int:session_pk>/code/now/",
        views.CheckInCodeView.as_view(extra_context=None),
        {"fragment": True},
        name="check_in_code_now",
    ),
    path("sessions/<int:pk>/check-in/", views.CheckInView.as_view(), name="check_in"),
    path("admin/applications/<int:pk>/", views.AdminApplicationView.as_view(), name="admin_application"),
    path("review/", views.ReviewListView.as_view(), name="review"),
    path("review/cohorts/<int:pk>/", views.ReviewCohortView.as_view(), name="review_cohort"),
    path("review/applications/<int:pk>/", views.ScoreView.as_view(), name="score"),
    path("<slug:slug>/", views.ProgrammeView.as_view(), name="programme"),
]
