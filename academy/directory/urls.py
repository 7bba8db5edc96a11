from django.urls import path

from academy.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.DirectorySearchView.as_view(), name="search"),
    path("organisations/", views.OrganisationSuggestionsView.as_view(), name="organisation_suggestions"),
    path("leaders/<int:pk>/", views.LeaderView.as_view(), name="leader"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("profile/equality/", views.EqualityView.as_view(), name="equality"),
    path("profile/equality/withdraw/", views.EqualityWithdrawView.as_view(), name="equality_withdraw"),
    path("equality/", views.EqualitySummaryView.as_view(), name="equality_summary"),
    path("equality/summary.csv", views.EqualitySummaryCsvView.as_view(), name="equality_summary_csv"),
]
