from django.urls import path

from programmes.community import views

app_name = "community"

urlpatterns = [
    # everyone signed in
    path("", views.IndexView.as_view(), name="index"),
    path("<slug:slug>/", views.CommunityView.as_view(), name="community"),
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path("<slug:slug>/leave/", views.LeaveView.as_view(), name="leave"),
    # members (and readers of open communities)
    path("<slug:slug>/discussions/new/", views.NewThreadView.as_view(), name="thread_new"),
    path("<slug:slug>/discussions/<int:pk>/", views.ThreadView.as_view(), name="thread"),
    path("<slug:slug>/discussions/<int:pk>/follow/", views.FollowView.as_view(), name="thread_follow"),
    path("posts/<int:pk>/edit/", views.EditPostView.as_view(), name="post_edit"),
    path("posts/<int:pk>/report/", views.ReportPostView.as_view(), name="post_report"),
    # the community's leads
    path("<slug:slug>/requests/", views.RequestsView.as_view(), name="requests"),
    path("<slug:slug>/requests/<int:pk>/", views.DecideRequestView.as_view(), name="request_decide"),
    path("<slug:slug>/moderation/", views.ModerationLogView.as_view(), name="moderation_log"),
    path("<slug:slug>/discussions/<int:pk>/lock/", views.LockThreadView.as_view(), name="thread_lock"),
    path("posts/<int:pk>/hide/", views.HidePostView.as_view(), name="post_hide"),
    path("posts/<int:pk>/unhide/", views.UnhidePostView.as_view(), name="post_unhide"),
]
