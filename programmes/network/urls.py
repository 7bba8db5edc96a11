from django.urls import path

from programmes.network import views

app_name = "network"
urlpatterns = [
    # Everyone
    path("", views.IndexView.as_view(), name="index"),
    path("events/", views.EventsView.as_view(), name="events"),
    # A line manager or sponsor (no account: a signed link)
    path("supporter/<str:token>/", views.SupporterView.as_view(), name="supporter"),
    # Members and people joining
    path("join/", views.JoinView.as_view(), name="join"),
    path("intakes/<int:pk>/apply/", views.ApplyView.as_view(), name="apply"),
    path("membership/", views.MembershipView.as_view(), name="membership"),
    path("membership/<int:pk>/leave/", views.LeaveView.as_view(), name="leave"),
    path("events/<int:pk>/", views.EventView.as_view(), name="event"),
    path("events/<int:pk>/rsvp/", views.RsvpView.as_view(), name="rsvp"),
    path("events/<int:pk>/cancel/", views.CancelRsvpView.as_view(), name="rsvp_cancel"),
    path("invite/<str:token>/", views.InviteView.as_view(), name="invite"),
    # The network's admins
    path("manage/", views.ManageView.as_view(), name="manage"),
    path("manage/members/", views.MembersView.as_view(), name="members"),
    path("manage/intakes/new/", views.IntakeCreateView.as_view(), name="intake_create"),
    path("manage/intakes/<int:pk>/close/", views.IntakeCloseView.as_view(), name="intake_close"),
    path("manage/events/new/", views.EventFormView.as_view(), name="event_create"),
    path("manage/events/<int:pk>/", views.EventManageView.as_view(), name="event_manage"),
    path("manage/events/<int:pk>/edit/", views.EventFormView.as_view(), name="event_edit"),
    path("manage/events/<int:pk>/table-plan/", views.TablePlanMakeView.as_view(), name="table_plan_make"),
    path("manage/events/<int:pk>/table-plan/print/", views.TablePlanView.as_view(), name="table_plan"),
]
