from django.urls import path

from programmes.network.views import admin, alumni, coaching, events_after, member, mentoring, public, talent

app_name = "network"
urlpatterns = [
    # Everyone
    path("", public.IndexView.as_view(), name="index"),
    path("events/", public.EventsView.as_view(), name="events"),
    # A line manager or sponsor (no account: a signed link)
    path("supporter/<str:token>/", public.SupporterView.as_view(), name="supporter"),
    # Members and people joining
    path("join/", member.JoinView.as_view(), name="join"),
    path("intakes/<int:pk>/apply/", member.ApplyView.as_view(), name="apply"),
    path("membership/", member.MembershipView.as_view(), name="membership"),
    path("membership/talent-pool/", talent.TalentView.as_view(), name="talent"),
    path("membership/talent-pool/withdraw/", talent.TalentWithdrawView.as_view(), name="talent_withdraw"),
    path("membership/<int:pk>/leave/", member.LeaveView.as_view(), name="leave"),
    path("events/<int:pk>/", member.EventView.as_view(), name="event"),
    path("events/<int:pk>/rsvp/", member.RsvpView.as_view(), name="rsvp"),
    path("events/<int:pk>/cancel/", member.CancelRsvpView.as_view(), name="rsvp_cancel"),
    path("invite/<str:token>/", member.InviteView.as_view(), name="invite"),
    # The network's admins
    path("manage/", admin.ManageView.as_view(), name="manage"),
    path("manage/members/", admin.MembersView.as_view(), name="members"),
    path("manage/intakes/new/", admin.IntakeCreateView.as_view(), name="intake_create"),
    path("manage/intakes/<int:pk>/close/", admin.IntakeCloseView.as_view(), name="intake_close"),
    path("manage/events/new/", admin.EventFormView.as_view(), name="event_create"),
    path("manage/events/<int:pk>/", admin.EventManageView.as_view(), name="event_manage"),
    path("manage/events/<int:pk>/edit/", admin.EventFormView.as_view(), name="event_edit"),
    path("manage/events/<int:pk>/table-plan/", admin.TablePlanMakeView.as_view(), name="table_plan_make"),
    path("manage/events/<int:pk>/table-plan/print/", admin.TablePlanView.as_view(), name="table_plan"),
    # After a Big Room: feedback from those who came; the admins' register and the feedback's figures
    path("events/<int:pk>/feedback/", events_after.FeedbackView.as_view(), name="event_feedback"),
    path("events/<int:pk>/slides/", events_after.SlidesDownloadView.as_view(), name="event_slides"),
    path("manage/events/<int:pk>/slides/", events_after.SlidesUploadView.as_view(), name="event_slides_upload"),
    path("manage/events/<int:pk>/register/", events_after.RegisterView.as_view(), name="event_register"),
    path("manage/events/<int:pk>/feedback/", events_after.FeedbackFiguresView.as_view(), name="event_feedback_figures"),
    # Mentoring: leaders, then the network's admins
    path("mentoring/", mentoring.MyMentoringView.as_view(), name="mentoring"),
    path("mentoring/offer/", mentoring.OfferView.as_view(), name="mentoring_offer"),
    path("mentoring/offer/<int:pk>/withdraw/", mentoring.OfferWithdrawView.as_view(), name="mentoring_offer_withdraw"),
    path("mentoring/request/", mentoring.RequestView.as_view(), name="mentoring_request"),
    path("mentoring/request/<int:pk>/withdraw/", mentoring.RequestWithdrawView.as_view(),
         name="mentoring_request_withdraw"),
    path("mentoring/pairs/<int:pk>/", mentoring.PairView.as_view(), name="mentoring_pair"),
    path("mentoring/pairs/<int:pk>/end/", mentoring.PairEndView.as_view(), name="mentoring_end"),
    path("mentoring/pairs/<int:pk>/check-in/<int:months>/", mentoring.CheckInView.as_view(),
         name="mentoring_checkin"),
    path("manage/mentoring/", mentoring.MentoringManageView.as_view(), name="mentoring_manage"),
    path("manage/mentoring/matching/", mentoring.MatchingView.as_view(), name="mentoring_matching"),
    path("manage/mentoring/matching/run/", mentoring.MatchingRunView.as_view(), name="mentoring_matching_run"),
    path("manage/mentoring/matching/publish/", mentoring.MatchingPublishView.as_view(),
         name="mentoring_publish"),

    # --- coaching, pull not push ---------------------------------------------------------------------
    # Leaders, coaches and the relationship (only the coach and the coachee see it)
    path("coaching/", coaching.CoachingView.as_view(), name="coaching"),
    path("coaching/request/", coaching.RequestView.as_view(), name="coaching_request"),
    path("coaching/coach/", coaching.CoachProfileView.as_view(), name="coach_profile"),
    path("coaching/<int:pk>/", coaching.DetailView.as_view(), name="coaching_detail"),
    path("coaching/<int:pk>/withdraw/", coaching.WithdrawView.as_view(), name="coaching_withdraw"),
    path("coaching/<int:pk>/accept/", coaching.AcceptView.as_view(), name="coaching_accept"),
    path("coaching/<int:pk>/decline/", coaching.DeclineView.as_view(), name="coaching_decline"),
    path("coaching/<int:pk>/end/", coaching.EndView.as_view(), name="coaching_end"),
    # The coaching lead, and the anonymised figures for the network's admins
    path("manage/coaching/", coaching.ManageView.as_view(), name="coaching_manage"),
    path("manage/coaching/requests/<int:pk>/assign/", coaching.AssignView.as_view(), name="coaching_assign"),
    path("manage/coaching/coaches/", coaching.CoachesView.as_view(), name="coaching_coaches"),
    path("manage/coaching/coaches/new/", coaching.CoachFormView.as_view(), name="coaching_coach_add"),
    path("manage/coaching/coaches/<int:pk>/edit/", coaching.CoachFormView.as_view(), name="coaching_coach_edit"),
    path("manage/coaching/figures/", coaching.FiguresView.as_view(), name="coaching_figures"),

    # --- alumni ----------------------------------------------------------------------------------------
    path("alumni/", alumni.AlumniView.as_view(), name="alumni"),
    path("alumni/directory/", alumni.DirectoryView.as_view(), name="alumni_directory"),
    path("alumni/directory/entry/", alumni.ListingView.as_view(), name="alumni_listing"),
    path("alumni/directory/leave/", alumni.OptOutView.as_view(), name="alumni_opt_out"),
    path("alumni/volunteer/", alumni.VolunteerView.as_view(), name="alumni_volunteer"),
    path("alumni/volunteer/<int:pk>/withdraw/", alumni.VolunteerWithdrawView.as_view(),
         name="alumni_volunteer_withdraw"),
    path("manage/alumni/volunteers/", alumni.VolunteersView.as_view(), name="alumni_volunteers"),
    path("manage/alumni/volunteers.csv", alumni.VolunteersCsvView.as_view(), name="alumni_volunteers_csv"),
    path("manage/alumni/volunteers/<int:pk>/<str:to>/", alumni.VolunteerMarkView.as_view(),
         name="alumni_volunteer_mark"),
]
