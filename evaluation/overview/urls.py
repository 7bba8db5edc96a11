from django.urls import path

from evaluation.overview import views

app_name = "evaluation"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("behaviour-and-coaching/", views.BehaviourAndCoachingView.as_view(), name="behaviour_and_coaching"),
    path("conference-reaction/", views.ConferenceReactionView.as_view(), name="conference_reaction"),
]
