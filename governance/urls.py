from django.urls import path

from governance.allocation import views as allocation
from governance.ccplg import views as ccplg
from governance.framework import views as framework
from governance.investment import views as investment
from governance.meetings import views as meetings
from governance.networks import views as networks
from governance.recruitment import views as recruitment
from governance.reference import views as reference
from governance.returns import views as returns
from governance.roles import views as roles
from governance.standards import views as standards
from governance.talent import views as talent
from governance.whoswho import views as whoswho

app_name = "governance"
urlpatterns = [
    # Everyone signed in: the governance home page.
    path("", reference.ReferenceIndexView.as_view(), name="reference"),
    # The C&CPLG: everyone signed in reads it; the secretariat changes the seats.
    path("ccplg/", ccplg.CcplgView.as_view(), name="ccplg"),
    path("ccplg/make-up/", ccplg.CcplgMakeupView.as_view(), name="ccplg_makeup"),
    path("ccplg/make-up.csv", ccplg.CcplgMakeupCsvView.as_view(), name="ccplg_makeup_csv"),
    path("ccplg/history/", ccplg.SeatHistoryView.as_view(), name="seat_history"),
    path("ccplg/seats/<int:pk>/", ccplg.SeatEditView.as_view(), name="seat_edit"),
    path("ccplg/seats/<int:pk>/vacate/", ccplg.SeatVacateView.as_view(), name="seat_vacate"),
    # C&CPLG meetings: the secretariat and the ICS Executive.
    path("meetings/", meetings.MeetingListView.as_view(), name="meetings"),
    path("meetings/add/", meetings.MeetingAddView.as_view(), name="meeting_add"),
    path("meetings/<int:pk>/", meetings.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/items/add/", meetings.AgendaItemEditView.as_view(), name="item_add"),
    path("meetings/<int:pk>/items/<int:item>/", meetings.AgendaItemEditView.as_view(), name="item_edit"),
    path("meetings/<int:pk>/attendance/", meetings.AttendanceView.as_view(), name="attendance"),
    path("meetings/<int:pk>/actions/add/", meetings.ActionAddView.as_view(), name="action_add"),
    path("meetings/<int:pk>/actions/<int:action>/done/", meetings.ActionCompleteView.as_view(), name="action_done"),
    # Meetings that stay action, not update: the warnings' limits, attendance rates, the anonymous pulse.
    path("meetings/settings/", meetings.MeetingSettingsView.as_view(), name="meeting_settings"),
    path("meetings/attendance/", meetings.AttendanceRatesView.as_view(), name="attendance_rates"),
    path("meetings/pulse/", meetings.PulseResultsView.as_view(), name="pulse_results"),
    path("meetings/<int:pk>/pulse/", meetings.PulseView.as_view(), name="meeting_pulse"),
    # The ICS Executive's investment dashboard, and the Academy's spend the secretariat records for it.
    path("investment/", investment.DashboardView.as_view(), name="dashboard"),
    path("investment/board-pack/", investment.BoardPackView.as_view(), name="board_pack"),
    path("investment.csv", investment.DashboardCsvView.as_view(), name="dashboard_csv"),
    path("spend/", investment.SpendListView.as_view(), name="spend"),
    path("spend/add/", investment.SpendEditView.as_view(), name="spend_add"),
    path("spend/<int:pk>/", investment.SpendEditView.as_view(), name="spend_edit"),
    path("spend/history/", investment.SpendHistoryView.as_view(), name="spend_history"),
    # The NHSEI Design Framework self-assessment: the secretariat, the ICS Executive and evaluators.
    path("framework/", framework.FrameworkView.as_view(), name="framework"),
    path("framework/<int:number>/", framework.FrameworkPointView.as_view(), name="framework_point"),
    path("framework/<int:number>/change/", framework.FrameworkPointEditView.as_view(), name="framework_point_edit"),
    # Paid and protected leadership roles: the secretariat and the ICS Executive.
    path("roles/", roles.RoleListView.as_view(), name="roles"),
    path("roles/add/", roles.RoleEditView.as_view(), name="role_add"),
    path("roles/<int:pk>/", roles.RoleEditView.as_view(), name="role_edit"),
    path("roles/history/", roles.RoleHistoryView.as_view(), name="role_history"),
    # The allocation model against reality: the secretariat keeps the model; it and the ICS Executive read the gap.
    path("allocation/", allocation.GapView.as_view(), name="allocation_gap"),
    path("allocation/gap.csv", allocation.GapExportView.as_view(fmt="csv"), name="allocation_gap_csv"),
    path("allocation/gap.xlsx", allocation.GapExportView.as_view(fmt="xlsx"), name="allocation_gap_xlsx"),
    path("allocation/model/", allocation.ModelView.as_view(), name="allocation_model"),
    path("allocation/model/add/", allocation.ExpectedRoleEditView.as_view(), name="allocation_add"),
    path("allocation/model/<int:pk>/", allocation.ExpectedRoleEditView.as_view(), name="allocation_edit"),
    path("allocation/model/<int:pk>/retire/", allocation.ExpectedRoleRetireView.as_view(), name="allocation_retire"),
    path("allocation/model/history/", allocation.ModelHistoryView.as_view(), name="allocation_history"),
    path("allocation/programmes/add/", allocation.ProgrammeAddView.as_view(), name="allocation_programme_add"),
    # Recruitment, leaders: open vacancies and their own applications.
    path("vacancies/", recruitment.VacancyListView.as_view(), name="vacancies"),
    path("vacancies/<int:pk>/", recruitment.VacancyView.as_view(), name="vacancy"),
    path("vacancies/<int:pk>/apply/", recruitment.ApplyView.as_view(), name="vacancy_apply"),
    path("vacancies/applications/<int:pk>/", recruitment.MyApplicationView.as_view(), name="my_application"),
    path("vacancies/applications/<int:pk>/withdraw/", recruitment.WithdrawView.as_view(),
         name="application_withdraw"),
    # Recruitment, the secretariat: publishing, scoring, shortlisting, appointing, the pipeline's diversity.
    path("recruitment/", recruitment.RecruitmentView.as_view(), name="recruitment"),
    path("recruitment/publish/", recruitment.PublishVacancyView.as_view(), name="vacancy_publish"),
    path("recruitment/pipeline/", recruitment.PipelineView.as_view(), name="recruitment_pipeline"),
    path("recruitment/pipeline.csv", recruitment.PipelineCsvView.as_view(), name="recruitment_pipeline_csv"),
    path("recruitment/<int:pk>/", recruitment.ApplicantsView.as_view(), name="recruitment_vacancy"),
    path("recruitment/applications/<int:pk>/", recruitment.ApplicationReviewView.as_view(),
         name="recruitment_application"),
    # The who's who of C&CP leadership: everyone signed in; the public version is open to anyone.
    # The clinical networks and their communities: everyone signed in; the secretariat opens communities.
    path("clinical-networks/", networks.NetworksView.as_view(), name="networks"),
    path("clinical-networks/<int:pk>/community/open/", networks.OpenCommunityView.as_view(),
         name="network_community_open"),
    path("clinical-networks/<int:pk>/community/leads/", networks.NameLeadsView.as_view(),
         name="network_community_leads"),
    # The talent pool: network members ready for seats and roles (the secretariat, with their consent).
    path("talent-pool/", talent.TalentPoolView.as_view(), name="talent_pool"),
    path("who-is-who/", whoswho.WhosWhoView.as_view(), name="whoswho"),
    path("who-is-who/public/", whoswho.PublicWhosWhoView.as_view(), name="whoswho_public"),
    path("who-is-who/your-entry/", whoswho.OwnEntryView.as_view(), name="whoswho_entry"),
    # The care standards register: everyone signed in reads approved standards; network leads and the secretariat
    # propose; the secretariat records the ICS Executive's consultation and the C&CPLG's approval.
    path("standards/", standards.StandardListView.as_view(), name="standards"),
    path("standards/propose/", standards.StandardProposeView.as_view(), name="standard_propose"),
    path("standards/<int:pk>/", standards.StandardView.as_view(), name="standard"),
    path("standards/<int:pk>/change/", standards.StandardChangeView.as_view(), name="standard_change"),
    path("standards/<int:pk>/send/", standards.SendForApprovalView.as_view(), name="standard_send"),
    path("standards/<int:pk>/send-back/", standards.SendBackView.as_view(), name="standard_send_back"),
    path("standards/<int:pk>/consultation/", standards.ConsultationView.as_view(), name="standard_consultation"),
    path("standards/<int:pk>/approve/", standards.ApproveView.as_view(), name="standard_approve"),
    path("standards/<int:pk>/retire/", standards.RetireView.as_view(), name="standard_retire"),
    path("standards/<int:pk>/new-version/", standards.NewVersionView.as_view(), name="standard_new_version"),
    # Progress returns to the C&CPLG: the secretariat sets them; the ICS Executive reads them; leads send theirs.
    path("returns/", returns.ReturnsView.as_view(), name="returns"),
    path("returns/add/", returns.ScheduleEditView.as_view(), name="return_schedule_add"),
    path("returns/schedules/<int:pk>/", returns.ScheduleEditView.as_view(), name="return_schedule_edit"),
    path("returns/mine/", returns.MyReturnsView.as_view(), name="my_returns"),
    path("returns/<int:pk>/", returns.ReturnView.as_view(), name="return"),
    path("returns/<int:pk>/send/", returns.SubmitReturnView.as_view(), name="return_submit"),
    # Reference data: everyone signed in reads it; the secretariat changes it. The slug catches every
    # other first segment, so these stay last.
    path("<slug:kind>/", reference.ReferenceListView.as_view(), name="reference_list"),
    path("<slug:kind>/add/", reference.ReferenceEditView.as_view(), name="reference_add"),
    path("<slug:kind>/<int:pk>/change/", reference.ReferenceEditView.as_view(), name="reference_edit"),
    path("<slug:kind>/history/", reference.ReferenceHistoryView.as_view(), name="reference_history"),
]
