from django.urls import path

from programmes.shadowing import views

app_name = "shadowing"

urlpatterns = [
    # Leaders
    path("", views.IndexView.as_view(), name="index"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("rounds/<int:pk>/offer/", views.OfferCreateView.as_view(), name="offer_create"),
    path("offers/<int:pk>/", views.OfferEditView.as_view(), name="offer_edit"),
    path("rounds/<int:pk>/interest/", views.InterestView.as_view(), name="interest"),
    path("placements/<int:pk>/", views.PlacementView.as_view(), name="placement"),
    path("placements/<int:pk>/agreement/", views.AgreementEditView.as_view(), name="agreement_edit"),
    path("placements/<int:pk>/sign/", views.SignAgreementView.as_view(), name="agreement_sign"),
    path("placements/<int:pk>/visits/<int:visit>.ics", views.VisitCalendarView.as_view(), name="visit_ics"),
    path("placements/<int:pk>/visits/<int:visit>/rearrange/", views.VisitRearrangeView.as_view(),
         name="visit_rearrange"),
    path("placements/<int:pk>/visits/<int:visit>/cancel/", views.VisitCancelView.as_view(), name="visit_cancel"),
    path("placements/<int:pk>/visits/<int:visit>/reflection/", views.ReflectionView.as_view(), name="reflection"),
    path("placements/<int:pk>/cancel/", views.PlacementCancelView.as_view(), name="placement_cancel"),
    path("placements/<int:pk>/follow-up/", views.FollowUpView.as_view(), name="follow_up"),
    # The shadow's line manager or sponsor (no account: the signed link is the key)
    path("agreement/<str:token>/", views.ManagerSignView.as_view(), name="agreement_manager"),
    # Programme admins of shadowing
    path("manage/", views.ManageView.as_view(), name="manage"),
    path("manage/rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("manage/rounds/<int:pk>/", views.RoundManageView.as_view(), name="round_manage"),
    path("manage/rounds/<int:pk>/close/", views.CloseForMatchingView.as_view(), name="round_close"),
    path("manage/rounds/<int:pk>/reopen/", views.ReopenView.as_view(), name="round_reopen"),
    path("manage/rounds/<int:pk>/match/", views.RunDraftView.as_view(), name="round_match"),
    path("manage/rounds/<int:pk>/publish/", views.PublishView.as_view(), name="round_publish"),
    path("manage/rounds/<int:pk>/finish/", views.CloseRoundView.as_view(), name="round_finish"),
    path("manage/rounds/<int:pk>/follow/", views.FollowView.as_view(), name="follow"),
    path("manage/rounds/<int:pk>/chase/", views.ChaseView.as_view(), name="chase"),
    path("manage/choices/<int:pk>/remove/", views.ChoiceRemoveView.as_view(), name="choice_remove"),
]
