"""The communities' pages, by what they are about: the communities themselves, their discussions, and idea
challenges. Every view is named here so ``urls.py`` refers to ``views.<Name>``."""

from programmes.community.views.communities import (
    CommunityView,
    DecideRequestView,
    IndexView,
    JoinView,
    LeaveView,
    ModerationLogView,
    RequestsView,
)
from programmes.community.views.discussions import (
    EditPostView,
    FollowView,
    HidePostView,
    LockThreadView,
    NewThreadView,
    ReportPostView,
    ThreadView,
    UnhidePostView,
)

__all__ = [
    "CommunityView",
    "DecideRequestView",
    "EditPostView",
    "FollowView",
    "HidePostView",
    "IndexView",
    "JoinView",
    "LeaveView",
    "LockThreadView",
    "ModerationLogView",
    "NewThreadView",
    "ReportPostView",
    "RequestsView",
    "ThreadView",
    "UnhidePostView",
]
