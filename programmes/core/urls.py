"""The cohort engine's pages, one list grouped by audience. The catch-all programme page comes last."""

from django.urls import path

from programmes.core.views import (
    calendar,
    certificates,
    cpd,
    external_offers,
    leader,
    learning_log,
    line_manager,
    problems,
    public,
    review,
)
from programmes.core.views.admin import cohorts, faculty, groups, programmes, sessions

app_name = "programmes"
urlpatterns = [
    # --- public: the catalogue, cohorts, and checking a certificate -----------------------------------
    path("", public.CatalogueView.as_view(), name="catalogue"),
    path("cohorts/<int:pk>/", public.CohortView.as_view(), name="cohort"),
    path("certificates/<str:code>/", certificates.CertificateVerifyView.as_view(), name="certificate_verify"),
    # --- leaders: applying, booking, My Academy, their places ---------------------------------------------
    path("cohorts/<int:pk>/apply/", leader.ApplyView.as_view(), name="apply"),
    path("cohorts/<int:pk>/book/", leader.BookView.as_view(), name="book"),
    path("my-academy/", leader.MyAcademyView.as_view(), name="my_academy"),
    path("my-academy/cpd-record.pdf", cpd.CpdRecordView.as_view(fmt="pdf"), name="cpd_record_pdf"),
    path("my-academy/cpd-record.csv", cpd.CpdRecordView.as_view(fmt="csv"), name="cpd_record_csv"),
    path("applications/<int:pk>/", leader.ApplicationView.as_view(), name="application"),
    path("applications/<int:pk>/accept/", leader.ApplicationActionView.as_view(action="accept"), name="accept"),
    path("applications/<int:pk>/decline/", leader.ApplicationActionView.as_view(action="decline"), name="decline"),
    path("applications/<int:pk>/withdraw/", leader.ApplicationActionView.as_view(action="withdraw"), name="withdraw"),
    path("applications/<int:pk>/access-needs/", leader.AccessNeedsView.as_view(), name="access_needs"),
    path("sessions/<int:pk>/check-in/", leader.CheckInView.as_view(), name="check_in"),
    path(
        "applications/<int:pk>/certificate.pdf", certificates.CertificatePdfView.as_view(), name="certificate_pdf"
    ),
    path("groups/<int:pk>/problem/", groups.LearningGroupProblemView.as_view(), name="learning_group_problem"),
    # --- calendars (the feed's long random token is its key: calendar apps cannot sign in) ----------------
    path("my-academy/calendar-feed/", calendar.CalendarFeedManageView.as_view(), name="calendar_feed_manage"),
    path("sessions/<int:pk>/calendar.ics", calendar.SessionCalendarView.as_view(), name="session_ics"),
    path("calendar/<str:token>.ics", calendar.CalendarFeedView.as_view(), name="calendar_feed"),
    # --- the learning log ---------------------------------------------------------------------------------
    path(
        "my-academy/sessions/<int:pk>/reflection/",
        learning_log.ReflectionFormView.as_view(),
        name="session_reflection",
    ),
    path(
        "my-academy/cohorts/<int:pk>/final-reflection/",
        learning_log.ReflectionFormView.as_view(final=True),
        name="final_reflection",
    ),
    path("reflections/shared/", learning_log.SharedReflectionsView.as_view(), name="shared_reflections"),
    path("reflections/<int:pk>/", learning_log.ReflectionView.as_view(), name="reflection"),
    # --- line managers (no account: a signed link) ------------------------------------------------------
    path("line-manager/<str:token>/", line_manager.LineManagerView.as_view(), name="line_manager"),
    # --- panel review -----------------------------------------------------------------------------------
    path("review/", review.ReviewListView.as_view(), name="review"),
    path("review/cohorts/<int:pk>/", review.ReviewCohortView.as_view(), name="review_cohort"),
    path("review/applications/<int:pk>/", review.ScoreView.as_view(), name="score"),
    # --- programme admins: programmes ---------------------------------------------------------------------
    path("admin/", programmes.AdminCohortsView.as_view(), name="admin_cohorts"),
    path("admin/programmes/new/", programmes.ProgrammeFormView.as_view(), name="programme_create"),
    path("admin/programmes/<slug:slug>/edit/", programmes.ProgrammeFormView.as_view(), name="programme_edit"),
    # --- programme admins: cohorts, applications, messages ------------------------------------------------
    path("admin/cohorts/new/", cohorts.CohortFormView.as_view(), name="cohort_create"),
    path("admin/cohorts/<int:pk>/", cohorts.CohortManageView.as_view(), name="cohort_manage"),
    path("admin/cohorts/<int:pk>/edit/", cohorts.CohortFormView.as_view(), name="cohort_edit"),
    path("admin/cohorts/<int:pk>/roster/", cohorts.RosterExportView.as_view(), name="roster_export"),
    path("admin/applications/<int:pk>/", cohorts.AdminApplicationView.as_view(), name="admin_application"),
    path("admin/cohorts/<int:pk>/message/", cohorts.CohortMessageView.as_view(), name="cohort_message"),
    # --- programme admins: sessions, attendance, check-in codes, completion -------------------------------
    path("admin/cohorts/<int:pk>/sessions/new/", sessions.SessionFormView.as_view(), name="session_create"),
    path("admin/sessions/<int:session_pk>/edit/", sessions.SessionFormView.as_view(), name="session_edit"),
    path("admin/sessions/<int:session_pk>/attendance/", sessions.AttendanceView.as_view(), name="attendance"),
    path("admin/sessions/<int:session_pk>/code/", sessions.CheckInCodeView.as_view(), name="check_in_code"),
    path(
        "admin/sessions/<int:session_pk>/code/now/",
        sessions.CheckInCodeView.as_view(extra_context=None),
        {"fragment": True},
        name="check_in_code_now",
    ),
    path(
        "admin/sessions/<int:session_pk>/code/full-screen/",
        sessions.CheckInCodeView.as_view(),
        {"full": True},
        name="check_in_code_full",
    ),
    path("admin/cohorts/<int:pk>/completion/", sessions.CompletionView.as_view(), name="completion"),
    # --- programme admins: faculty and coaches, action learning sets and quads ----------------------------
    path("admin/cohorts/<int:pk>/faculty/", faculty.CohortFacultyView.as_view(), name="cohort_faculty"),
    path("admin/faculty/<int:pk>/remove/", faculty.FacultyRemoveView.as_view(), name="faculty_remove"),
    path("admin/cohorts/<int:pk>/groups/", groups.LearningGroupsView.as_view(), name="learning_groups"),
    # --- the register of real system problems (signed in; kept by programme admins and governance) -------
    path("system-problems/", problems.ProblemRegisterView.as_view(), name="problems"),
    path("system-problems/export.csv", problems.ProblemExportView.as_view(), name="problems_export"),
    path("system-problems/new/", problems.ProblemFormView.as_view(), name="problem_create"),
    path("system-problems/<int:pk>/", problems.ProblemView.as_view(), name="problem"),
    path("system-problems/<int:pk>/edit/", problems.ProblemFormView.as_view(), name="problem_edit"),
    path("system-problems/<int:pk>/report-back/", problems.ReportBackView.as_view(), name="problem_report_back"),
    path("system-problems/<int:pk>/move/<str:state>/", problems.MoveProblemView.as_view(), name="problem_move"),
    # --- the register of other leadership development offers (public; kept by programme admins) ----------
    path("other-offers/", external_offers.ExternalOffersView.as_view(), name="external_offers"),
    path("other-offers/new/", external_offers.ExternalOfferFormView.as_view(), name="external_offer_create"),
    path("other-offers/<int:pk>/edit/", external_offers.ExternalOfferFormView.as_view(), name="external_offer_edit"),
    # --- public: a programme's page (a catch-all slug, so it comes last) ----------------------------------
    path("<slug:slug>/", public.ProgrammeView.as_view(), name="programme"),
]
