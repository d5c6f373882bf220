"""Subscriptions (personal, under my-participation/) and public feeds, under /ar/ and /en/."""

from django.urls import path

from . import feeds, views

urlpatterns = [
    path("my-participation/subscriptions/follow/", views.follow, name="reach_follow"),
    path("my-participation/subscriptions/<int:subscription_id>/unfollow/", views.unfollow, name="reach_unfollow"),
    path(
        "my-participation/subscriptions/<int:subscription_id>/frequency/",
        views.change_frequency,
        name="reach_frequency",
    ),
    path("my-participation/subscriptions/took-part/", views.participation_notices, name="reach_took_part"),
    path("my-participation/unsubscribe/<str:token>/", views.unsubscribe, name="reach_unsubscribe"),
    path("feeds/consultations.atom", feeds.AllConsultationsFeed(), name="reach_feed_all"),
    path("feeds/outcomes.atom", feeds.OutcomesFeed(), name="reach_feed_outcomes"),
    path("feeds/agencies/<str:slug>.atom", feeds.AgencyFeed(), name="reach_feed_agency"),
    path("feeds/topics/<int:topic_id>.atom", feeds.TopicFeed(), name="reach_feed_topic"),
    path("feeds/proposals.atom", feeds.ProposalsFeed(), name="reach_feed_proposals"),
    path("feeds/agencies/<str:slug>/proposals.atom", feeds.AgencyProposalsFeed(), name="reach_feed_agency_proposals"),
    path("feeds/consultations.ics", feeds.calendar, name="reach_calendar_all"),
    path("feeds/agencies/<str:slug>.ics", feeds.calendar, name="reach_calendar_agency"),
]
