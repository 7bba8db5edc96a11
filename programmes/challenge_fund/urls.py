from django.urls import path

from programmes.challenge_fund import views

app_name = "challenge_fund"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("rounds/<int:pk>/", views.RoundView.as_view(), name="round"),
    path("rounds/<int:pk>/start/", views.StartBidView.as_view(), name="start"),
    path("bids/", views.OwnBidsView.as_view(), name="own_bids"),
    path("bids/<int:pk>/", views.BidView.as_view(), name="bid"),
    path("bids/<int:pk>/partners/", views.PartnersView.as_view(), name="bid_partners"),
    path("bids/<int:pk>/co-applicants/", views.InviteView.as_view(), name="bid_invite"),
    path(
        "bids/<int:pk>/co-applicants/<int:cid>/remove/",
        views.RemoveCoApplicantView.as_view(),
        name="bid_coapplicant_remove",
    ),
    path("bids/<int:pk>/check/", views.CheckView.as_view(), name="bid_check"),
    path("bids/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="bid_withdraw"),
    path("bids/<int:pk>/<slug:section>/", views.BidSectionView.as_view(), name="bid_section"),
    path("manage/", views.ManageView.as_view(), name="manage"),
    path("manage/rounds/new/", views.RoundFormView.as_view(), name="round_create"),
    path("manage/rounds/<int:pk>/", views.RoundManageView.as_view(), name="round_manage"),
    path("manage/rounds/<int:pk>/edit/", views.RoundFormView.as_view(), name="round_edit"),
    path("manage/rounds/<int:pk>/publish/", views.PublishRoundView.as_view(), name="round_publish"),
    path("manage/rounds/<int:round_pk>/questions/new/", views.QuestionFormView.as_view(), name="question_add"),
    path("manage/questions/<int:pk>/", views.QuestionFormView.as_view(), name="question_edit"),
    path("manage/questions/<int:pk>/remove/", views.QuestionDeleteView.as_view(), name="question_delete"),
    path("manage/rounds/<int:round_pk>/criteria/new/", views.CriterionFormView.as_view(), name="criterion_add"),
    path("manage/criteria/<int:pk>/", views.CriterionFormView.as_view(), name="criterion_edit"),
    path("manage/criteria/<int:pk>/remove/", views.CriterionDeleteView.as_view(), name="criterion_delete"),
]
urlpatterns += [
    path("manage/rounds/<int:pk>/bids/", views.RoundBidsView.as_view(), name="round_bids"),
    path("manage/bids/<int:pk>/", views.AdminBidView.as_view(), name="admin_bid"),
    path("manage/bids/<int:pk>/assign/", views.AssignView.as_view(), name="bid_assign"),
    path("manage/bids/<int:pk>/open-review/", views.OpenReviewView.as_view(), name="bid_open_review"),
    path("manage/bids/<int:pk>/decide/", views.DecideView.as_view(), name="bid_decide"),
    path("reviews/", views.ReviewsView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.ReviewView.as_view(), name="review"),
]
urlpatterns += [
    path("manage/rounds/<int:pk>/bids.<str:fmt>", views.RoundExportView.as_view(), name="round_export"),
    path("funded/", views.FundedProjectsView.as_view(), name="funded"),
]
urlpatterns += [
    path("manage/projects/", views.PortfolioView.as_view(), name="portfolio"),
    path("manage/projects/<int:pk>/", views.ProjectAdminView.as_view(), name="project_admin"),
    path("manage/projects/<int:pk>/start/", views.StartProjectView.as_view(), name="project_start"),
    path("manage/milestones/<int:pk>/release/", views.ReleasePaymentView.as_view(), name="milestone_release"),
    path("bids/<int:pk>/reports/<slug:kind>/", views.ReportFormView.as_view(), name="report"),
]
# Before the bid sections, whose pattern would otherwise take "documents" as a section name.
urlpatterns[:0] = [
    path("bids/<int:pk>/revise/", views.StartRevisionView.as_view(), name="bid_revise"),
    path("bids/<int:pk>/documents/", views.AttachmentsView.as_view(), name="bid_attachments"),
    path("bids/<int:pk>/documents/<int:aid>/", views.DownloadAttachmentView.as_view(), name="attachment"),
    path("bids/<int:pk>/documents/<int:aid>/remove/", views.RemoveAttachmentView.as_view(), name="attachment_remove"),
]
urlpatterns += [
    path("manage/rounds/<int:pk>/emails/", views.EmailTemplatesView.as_view(), name="email_templates"),
    path("manage/rounds/<int:pk>/emails/<slug:outcome>/", views.EmailTemplateView.as_view(), name="email_template"),
    path("manage/rounds/<int:pk>/outbox/", views.OutboxView.as_view(), name="outbox"),
    path("manage/rounds/<int:pk>/outbox/send/", views.OutboxSendView.as_view(), name="outbox_send"),
    path("manage/outbox/<int:pk>/", views.OutboxMessageView.as_view(), name="outbox_message"),
]
urlpatterns += [
    path("manage/rounds/<int:pk>/release-feedback/", views.ReleaseFeedbackView.as_view(), name="release_feedback"),
]
urlpatterns += [
    path("manage/rounds/<int:pk>/report/", views.RoundReportView.as_view(), name="round_report"),
]
urlpatterns += [
    path("bids/<int:pk>/versions/<int:number>/", views.VersionView.as_view(), name="bid_version"),
    path("bids/<int:pk>/versions/<int:number>/changes/", views.WhatChangedView.as_view(), name="bid_changes"),
]
