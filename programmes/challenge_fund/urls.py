from django.urls import path

from programmes.challenge_fund.views import (
    admin_bids,
    admin_emails,
    admin_projects,
    admin_rounds,
    applicant,
    documents,
    public,
    reviewer,
)

app_name = "challenge_fund"
urlpatterns = [
    # Everyone
    path("", public.IndexView.as_view(), name="index"),
    path("rounds/<int:pk>/", public.RoundView.as_view(), name="round"),
    path("funded/", public.FundedProjectsView.as_view(), name="funded"),
    # Applicants: their bids, and the project reports of a funded bid
    path("rounds/<int:pk>/start/", applicant.StartBidView.as_view(), name="start"),
    path("bids/", applicant.OwnBidsView.as_view(), name="own_bids"),
    path("bids/<int:pk>/", applicant.BidView.as_view(), name="bid"),
    path("bids/<int:pk>/partners/", applicant.PartnersView.as_view(), name="bid_partners"),
    path("bids/<int:pk>/co-applicants/", applicant.InviteView.as_view(), name="bid_invite"),
    path(
        "bids/<int:pk>/co-applicants/<int:cid>/remove/",
        applicant.RemoveCoApplicantView.as_view(),
        name="bid_coapplicant_remove",
    ),
    path(
        "bids/<int:pk>/co-applicants/<int:cid>/withdraw/",
        applicant.WithdrawInvitationView.as_view(),
        name="bid_invitation_withdraw",
    ),
    path(
        "bids/<int:pk>/co-applicants/<int:cid>/resend/",
        applicant.ResendInvitationView.as_view(),
        name="bid_invitation_resend",
    ),
    path("invitations/<int:pk>/", applicant.InvitationView.as_view(), name="invitation"),
    path("bids/<int:pk>/check/", applicant.CheckView.as_view(), name="bid_check"),
    path("bids/<int:pk>/withdraw/", applicant.WithdrawView.as_view(), name="bid_withdraw"),
    path("bids/<int:pk>/revise/", applicant.StartRevisionView.as_view(), name="bid_revise"),
    path("bids/<int:pk>/versions/<int:number>/", applicant.VersionView.as_view(), name="bid_version"),
    path("bids/<int:pk>/reports/<slug:kind>/", applicant.ReportFormView.as_view(), name="report"),
    # Applicants (and, to download, the fund's admins and the bid's reviewers): the bid's documents
    path("bids/<int:pk>/documents/", documents.AttachmentsView.as_view(), name="bid_attachments"),
    path("bids/<int:pk>/documents/<int:aid>/", documents.DownloadAttachmentView.as_view(), name="attachment"),
    path(
        "bids/<int:pk>/documents/<int:aid>/remove/",
        documents.RemoveAttachmentView.as_view(),
        name="attachment_remove",
    ),
    # Applicants: one section of the task list. Last of the bid's pages, as its pattern would take any
    # other page's name ("check", "documents"...) as a section's.
    path("bids/<int:pk>/<slug:section>/", applicant.BidSectionView.as_view(), name="bid_section"),
    # Reviewers (and the fund's admins, for what changed between versions)
    path("reviews/", reviewer.ReviewsView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", reviewer.ReviewView.as_view(), name="review"),
    path("bids/<int:pk>/versions/<int:number>/changes/", reviewer.WhatChangedView.as_view(), name="bid_changes"),
    # Programme admins: rounds, their questions and review rubric, export and report
    path("manage/", admin_rounds.ManageView.as_view(), name="manage"),
    path("manage/rounds/new/", admin_rounds.RoundFormView.as_view(), name="round_create"),
    path("manage/rounds/<int:pk>/", admin_rounds.RoundManageView.as_view(), name="round_manage"),
    path("manage/rounds/<int:pk>/edit/", admin_rounds.RoundFormView.as_view(), name="round_edit"),
    path("manage/rounds/<int:pk>/publish/", admin_rounds.PublishRoundView.as_view(), name="round_publish"),
    path(
        "manage/rounds/<int:round_pk>/questions/new/", admin_rounds.QuestionFormView.as_view(), name="question_add"
    ),
    path("manage/questions/<int:pk>/", admin_rounds.QuestionFormView.as_view(), name="question_edit"),
    path("manage/questions/<int:pk>/remove/", admin_rounds.QuestionDeleteView.as_view(), name="question_delete"),
    path(
        "manage/rounds/<int:round_pk>/criteria/new/", admin_rounds.CriterionFormView.as_view(), name="criterion_add"
    ),
    path("manage/criteria/<int:pk>/", admin_rounds.CriterionFormView.as_view(), name="criterion_edit"),
    path("manage/criteria/<int:pk>/remove/", admin_rounds.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("manage/rounds/<int:pk>/bids.<str:fmt>", admin_rounds.RoundExportView.as_view(), name="round_export"),
    path("manage/rounds/<int:pk>/report/", admin_rounds.RoundReportView.as_view(), name="round_report"),
    # Programme admins: a round's bids, review and decisions
    path("manage/rounds/<int:pk>/bids/", admin_bids.RoundBidsView.as_view(), name="round_bids"),
    path("manage/bids/<int:pk>/", admin_bids.AdminBidView.as_view(), name="admin_bid"),
    path("manage/bids/<int:pk>/assign/", admin_bids.AssignView.as_view(), name="bid_assign"),
    path("manage/bids/<int:pk>/open-review/", admin_bids.OpenReviewView.as_view(), name="bid_open_review"),
    path("manage/bids/<int:pk>/decide/", admin_bids.DecideView.as_view(), name="bid_decide"),
    # Programme admins: decision emails, the outbox, and releasing the reviewers' feedback
    path("manage/rounds/<int:pk>/emails/", admin_emails.EmailTemplatesView.as_view(), name="email_templates"),
    path(
        "manage/rounds/<int:pk>/emails/<slug:outcome>/",
        admin_emails.EmailTemplateView.as_view(),
        name="email_template",
    ),
    path("manage/rounds/<int:pk>/outbox/", admin_emails.OutboxView.as_view(), name="outbox"),
    path("manage/rounds/<int:pk>/outbox/send/", admin_emails.OutboxSendView.as_view(), name="outbox_send"),
    path("manage/outbox/<int:pk>/", admin_emails.OutboxMessageView.as_view(), name="outbox_message"),
    path(
        "manage/rounds/<int:pk>/release-feedback/",
        admin_emails.ReleaseFeedbackView.as_view(),
        name="release_feedback",
    ),
    # Programme admins: funded projects, milestones and payments
    path("manage/projects/", admin_projects.PortfolioView.as_view(), name="portfolio"),
    path("manage/projects/<int:pk>/", admin_projects.ProjectAdminView.as_view(), name="project_admin"),
    path("manage/projects/<int:pk>/start/", admin_projects.StartProjectView.as_view(), name="project_start"),
    path(
        "manage/milestones/<int:pk>/release/", admin_projects.ReleasePaymentView.as_view(), name="milestone_release"
    ),
]
