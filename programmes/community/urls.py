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
    # running communities: the programme's admins (before the community's catch-all slug)
    path("manage/", views.ManageListView.as_view(), name="manage"),
    path("manage/new/", views.CommunityFormView.as_view(), name="community_new"),
    # the resources library (the search before the community's catch-all slug)
    path("resources/", views.SearchView.as_view(), name="resource_search"),
    path("resources/<int:pk>/download/", views.DownloadView.as_view(), name="resource_download"),
    path("resources/<int:pk>/edit/", views.EditResourceView.as_view(), name="resource_edit"),
    path("resources/<int:pk>/remove/", views.RemoveResourceView.as_view(), name="resource_remove"),
    path("<slug:slug>/resources/", views.LibraryView.as_view(), name="resources"),
    path("<slug:slug>/resources/new/", views.AddResourceView.as_view(), name="resource_new"),
    path("<slug:slug>/", views.CommunityView.as_view(), name="community"),
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path("<slug:slug>/edit/", views.CommunityFormView.as_view(), name="community_edit"),
    path("<slug:slug>/leads/", views.LeadsView.as_view(), name="leads"),
    path("<slug:slug>/leads/<int:pk>/remove/", views.RemoveLeadView.as_view(), name="lead_remove"),
    path("<slug:slug>/archive/", views.ArchiveView.as_view(), name="archive"),
    path("<slug:slug>/leave/", views.LeaveView.as_view(), name="leave"),
    # members (and readers of open communities)
    # task-and-finish groups (their members and the community's leads)
    # A community's events (cohorts of the cohort engine): its leads and the programme's admins.
    path("<slug:slug>/events/", views.EventsView.as_view(), name="events"),
    path("<slug:slug>/events/<int:pk>/remove/", views.RemoveEventView.as_view(), name="event_remove"),
    path("<slug:slug>/groups/", views.GroupListView.as_view(), name="groups"),
    path("<slug:slug>/groups/new/", views.NewGroupView.as_view(), name="group_new"),
    path("<slug:slug>/groups/<int:pk>/", views.GroupView.as_view(), name="group"),
    path("<slug:slug>/groups/<int:pk>/members/", views.GroupMembersView.as_view(), name="group_members"),
    path("<slug:slug>/groups/<int:pk>/close/", views.CloseGroupView.as_view(), name="group_close"),
    path("<slug:slug>/groups/<int:pk>/resources/new/", views.AddGroupResourceView.as_view(),
         name="group_resource_new"),
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
    path("<slug:slug>/discussions/<int:pk>/pin/", views.PinThreadView.as_view(), name="thread_pin"),
    path("posts/<int:pk>/hide/", views.HidePostView.as_view(), name="post_hide"),
    path("posts/<int:pk>/unhide/", views.UnhidePostView.as_view(), name="post_unhide"),
]
