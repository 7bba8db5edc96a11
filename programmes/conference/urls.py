from django.urls import path

from programmes.conference.views import admin, decisions, review, speaker

app_name = "conference"
urlpatterns = [
    # Everyone: the open calls
    path("", speaker.IndexView.as_view(), name="index"),
    path("<slug:slug>/call/", speaker.CallView.as_view(), name="call"),
    # Leaders and speakers
    path("<slug:slug>/propose/", speaker.ProposeView.as_view(), name="propose"),
    path("proposals/", speaker.MyProposalsView.as_view(), name="my_proposals"),
    path("proposals/<int:pk>/", speaker.ProposalView.as_view(), name="proposal"),
    path("proposals/<int:pk>/edit/", speaker.EditProposalView.as_view(), name="proposal_edit"),
    path("proposals/<int:pk>/submit/", speaker.SubmitProposalView.as_view(), name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", speaker.WithdrawProposalView.as_view(), name="proposal_withdraw"),
    path("proposals/<int:pk>/co-speakers/", speaker.InviteView.as_view(), name="proposal_invite"),
    path(
        "proposals/<int:pk>/co-speakers/<int:cid>/withdraw/",
        speaker.WithdrawInvitationView.as_view(),
        name="invitation_withdraw",
    ),
    path("invitations/<int:pk>/", speaker.InvitationView.as_view(), name="invitation"),
    path("speaker-profile/", speaker.SpeakerProfileView.as_view(), name="speaker_profile"),
    # The conference team
    path("manage/", admin.ManageView.as_view(), name="manage"),
    path("manage/editions/new/", admin.EditionFormView.as_view(), name="edition_create"),
    path("manage/editions/<int:pk>/", admin.EditionView.as_view(), name="edition"),
    path("manage/editions/<int:pk>/edit/", admin.EditionFormView.as_view(), name="edition_edit"),
    path("manage/editions/<int:pk>/publish/", admin.PublishEditionView.as_view(), name="edition_publish"),
    path("manage/editions/<int:pk>/call/", admin.CallFormView.as_view(), name="call_edit"),
    path("manage/editions/<int:pk>/rooms/new/", admin.RoomFormView.as_view(creating=True), name="room_add"),
    path("manage/rooms/<int:pk>/", admin.RoomFormView.as_view(), name="room_edit"),
    path("manage/editions/<int:pk>/themes/new/", admin.ThemeFormView.as_view(creating=True), name="theme_add"),
    path("manage/themes/<int:pk>/", admin.ThemeFormView.as_view(), name="theme_edit"),
    path(
        "manage/editions/<int:pk>/session-types/new/",
        admin.SessionTypeFormView.as_view(creating=True),
        name="session_type_add",
    ),
    path("manage/session-types/<int:pk>/", admin.SessionTypeFormView.as_view(), name="session_type_edit"),
    path(
        "manage/session-types/<int:pk>/questions/new/",
        admin.QuestionFormView.as_view(creating=True),
        name="question_add",
    ),
    path("manage/questions/<int:pk>/", admin.QuestionFormView.as_view(), name="question_edit"),
    path("manage/questions/<int:pk>/delete/", admin.DeleteQuestionView.as_view(), name="question_delete"),
    path("manage/editions/<int:pk>/proposals/", admin.ProposalsView.as_view(), name="proposals"),
    path("manage/editions/<int:pk>/proposals.csv", admin.ProposalsExportView.as_view(), name="proposals_export"),
    path("manage/proposals/<int:pk>/", admin.AdminProposalView.as_view(), name="admin_proposal"),
    # Review: the team's set-up and ranking, and the reviewers' pages
    path("manage/editions/<int:pk>/review/", review.ReviewSetupView.as_view(), name="review_setup"),
    path("manage/editions/<int:pk>/review/settings/", review.ReviewSettingsView.as_view(), name="review_settings"),
    path("manage/editions/<int:pk>/review/phases/new/", review.ReviewPhaseView.as_view(), name="review_phase_add"),
    path(
        "manage/editions/<int:pk>/review/categories/new/", review.ScoreCategoryView.as_view(),
        name="score_category_add",
    ),
    path("manage/editions/<int:pk>/review/reviewers/new/", review.AddReviewerView.as_view(), name="reviewer_add"),
    path("manage/editions/<int:pk>/ranking/", review.RankingView.as_view(), name="ranking"),
    path("manage/editions/<int:pk>/ranking.csv", review.RankingExportView.as_view(), name="ranking_export"),
    path("review/", review.ReviewIndexView.as_view(), name="review_index"),
    path("review/editions/<int:pk>/", review.ReviewQueueView.as_view(), name="review_queue"),
    path("review/editions/<int:pk>/next/", review.NextProposalView.as_view(), name="review_next"),
    path("review/proposals/<int:pk>/", review.ReviewProposalView.as_view(), name="review_proposal"),
    # Decisions: the team's overview, emails, outbox and speakers; the speaker's confirmation
    path("manage/editions/<int:pk>/decisions/", decisions.DecisionsView.as_view(), name="decisions"),
    path(
        "manage/editions/<int:pk>/decisions/emails/<slug:decision>/", decisions.DecisionTemplateView.as_view(),
        name="decision_template",
    ),
    path("manage/editions/<int:pk>/decisions/outbox/", decisions.OutboxView.as_view(), name="decision_outbox"),
    path("manage/editions/<int:pk>/decisions/send/", decisions.SendDecisionsView.as_view(), name="decision_send"),
    path("manage/editions/<int:pk>/speakers/", decisions.SpeakersView.as_view(), name="speakers"),
    path("proposals/<int:pk>/confirm/", decisions.ConfirmSessionView.as_view(), name="proposal_confirm"),
]
