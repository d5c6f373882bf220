"""Proposals' public addresses (inside the language prefix). Input and personal pages live under
`participate/` and `my-participation/`, which the page cache never stores (pages.cache.PERSONAL_PREFIXES)."""

from django.urls import path

from . import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/open-data.csv", views.open_data_csv, name="proposals_open_data_csv"),
    path("proposals/open-data.json", views.open_data_json, name="proposals_open_data_json"),
    path("participate/proposals/new/", views.submit, name="proposal_submit"),
    path("participate/proposals/<int:pk>/files/<int:attachment_id>/", views.attachment, name="proposal_attachment"),
    path("participate/proposals/similar.json", views.similar_json, name="proposal_similar"),
    path("participate/proposals/<int:pk>/support/", views.support_view, name="proposal_support"),
    path("participate/proposals/<int:pk>/withdraw/", views.withdraw_view, name="proposal_withdraw"),
    path("my-participation/proposals/", views.my_proposals, name="my_proposals"),
]
