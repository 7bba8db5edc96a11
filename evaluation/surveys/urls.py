from django.urls import path

from evaluation.surveys import views

app_name = "evaluation_surveys"
urlpatterns = [
    # Everyone signed in: their own questionnaires and answers
    path("", views.MineView.as_view(), name="mine"),
    path("respond/<int:pk>/", views.RespondView.as_view(), name="respond"),
    path("answers/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    # A line manager, through the signed link in their email (no account)
    path("line-manager/<str:token>/", views.LineManagerView.as_view(), name="line_manager"),
    # Evaluators: build questionnaires
    path("instruments/", views.InstrumentsView.as_view(), name="instruments"),
    path("instruments/new/", views.InstrumentCreateView.as_view(), name="instrument_create"),
    path("instruments/<int:pk>/new-version/", views.NewVersionView.as_view(), name="new_version"),
    path("versions/<int:pk>/", views.VersionView.as_view(), name="version"),
    path("versions/<int:pk>/questions/add/", views.ItemAddView.as_view(), name="item_add"),
    path("versions/<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("versions/<int:pk>/retire/", views.RetireView.as_view(), name="retire"),
    path("questions/<int:pk>/move/<str:direction>/", views.ItemMoveView.as_view(), name="item_move"),
    path("questions/<int:pk>/remove/", views.ItemRemoveView.as_view(), name="item_remove"),
    # Evaluators: schedule waves
    path("schedule/", views.WavesView.as_view(), name="waves"),
    path("schedule/new/", views.WaveCreateView.as_view(), name="wave_create"),
    path("schedule/standard/", views.StandardCohortsView.as_view(), name="standard_cohorts"),
    path("schedule/cohorts/<int:pk>/standard/", views.StandardScheduleView.as_view(), name="standard_schedule"),
    path("schedule/editions/<int:pk>/standard/", views.StandardScheduleView.as_view(), {"kind": "edition"},
         name="standard_schedule_edition"),
    path("schedule/placements/<int:pk>/standard/", views.StandardScheduleView.as_view(), {"kind": "placement"},
         name="standard_schedule_placement"),
    path("schedule/events/<int:pk>/standard/", views.StandardScheduleView.as_view(), {"kind": "event"},
         name="standard_schedule_event"),
    # Evaluators (everything) and programme admins (their programmes' cohorts, editions or placements):
    # aggregate results
    path("results/", views.ResultsIndexView.as_view(), name="results"),
    path("results/cohorts/<int:pk>/", views.CohortResultsView.as_view(), name="cohort_results"),
    path("results/editions/<int:pk>/", views.CohortResultsView.as_view(), {"kind": "edition"}, name="edition_results"),
    path("results/placements/<int:pk>/", views.CohortResultsView.as_view(), {"kind": "placement"},
         name="placement_results"),
    path("results/events/<int:pk>/", views.CohortResultsView.as_view(), {"kind": "event"}, name="event_results"),
    path("results/waves/<int:pk>/export/", views.WaveExportView.as_view(), name="wave_export"),
]
