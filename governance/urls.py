from django.urls import path

from governance import views

app_name = "governance"
urlpatterns = [
    path("", views.ReferenceIndexView.as_view(), name="reference"),
    path("ccplg/", views.CcplgView.as_view(), name="ccplg"),
    path("ccplg/make-up/", views.CcplgMakeupView.as_view(), name="ccplg_makeup"),
    path("ccplg/make-up.csv", views.CcplgMakeupCsvView.as_view(), name="ccplg_makeup_csv"),
    path("ccplg/history/", views.SeatHistoryView.as_view(), name="seat_history"),
    path("ccplg/seats/<int:pk>/", views.SeatEditView.as_view(), name="seat_edit"),
    path("ccplg/seats/<int:pk>/vacate/", views.SeatVacateView.as_view(), name="seat_vacate"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/add/", views.MeetingAddView.as_view(), name="meeting_add"),
    path("meetings/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/items/add/", views.AgendaItemEditView.as_view(), name="item_add"),
    path("meetings/<int:pk>/items/<int:item>/", views.AgendaItemEditView.as_view(), name="item_edit"),
    path("meetings/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("meetings/<int:pk>/actions/add/", views.ActionAddView.as_view(), name="action_add"),
    path("meetings/<int:pk>/actions/<int:action>/done/", views.ActionCompleteView.as_view(), name="action_done"),
    path("investment/", views.DashboardView.as_view(), name="dashboard"),
    path("investment/board-pack/", views.BoardPackView.as_view(), name="board_pack"),
    path("investment.csv", views.DashboardCsvView.as_view(), name="dashboard_csv"),
    path("roles/", views.RoleListView.as_view(), name="roles"),
    path("roles/add/", views.RoleEditView.as_view(), name="role_add"),
    path("roles/<int:pk>/", views.RoleEditView.as_view(), name="role_edit"),
    path("roles/history/", views.RoleHistoryView.as_view(), name="role_history"),
    path("<slug:kind>/", views.ReferenceListView.as_view(), name="reference_list"),
    path("<slug:kind>/add/", views.ReferenceEditView.as_view(), name="reference_add"),
    path("<slug:kind>/<int:pk>/change/", views.ReferenceEditView.as_view(), name="reference_edit"),
    path("<slug:kind>/history/", views.ReferenceHistoryView.as_view(), name="reference_history"),
]
