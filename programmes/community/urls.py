from django.urls import path

from programmes.community import views

app_name = "community"

urlpatterns = [
    # everyone signed in
    path("", views.IndexView.as_view(), name="index"),
    # idea challenges (before the community's catch-all slug)
    path("challenges/", views.ChallengeListView.as_view(), name="challenges"),
    path("challenges/new/", views.ChallengeFormView.as_view(), name="challenge_new"),
    path("challenges/<int:pk>/", views.ChallengeView.as_view(), name="challenge"),
    path("challenges/<int:pk>/ideas/new/", views.NewIdeaView.as_view(), name="idea_new"),
    path("challenges/<int:pk>/edit/", views.ChallengeFormView.as_view(), name="challenge_edit"),
    path("challenges/<int:pk>/move/<str:stage>/", views.MoveChallengeView.as_view(), name="challenge_move"),
    path("challenges/<int:pk>/evaluators/", views.EvaluatorsView.as_view(), name="challenge_evaluators"),
    path("challenges/<int:pk>/ranking/", views.RankingView.as_view(), name="challenge_ranking"),
    path("challenges/<int:pk>/ideas.csv", views.ExportView.as_view(), name="challenge_export"),
    path("ideas/<int:pk>/", views.IdeaView.as_view(), name="idea"),
    path("ideas/<int:pk>/edit/", views.EditIdeaView.as_view(), name="idea_edit"),
    path("ideas/<int:pk>/coauthors/", views.CoAuthorsView.as_view(), name="idea_coauthors"),
    path("ideas/<int:pk>/support/", views.SupportView.as_view(), name="idea_support"),
    path("ideas/<int:pk>/score/", views.ScoreView.as_view(), name="idea_score"),
    path("ideas/<int:pk>/answer/", views.AnswerView.as_view(), name="idea_answer"),
    path("ideas/<int:pk>/take-forward/", views.TakeForwardView.as_view(), name="idea_take_forward"),
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
