from django.urls import path

from . import views

urlpatterns = [
    path("participate/<int:page_id>/comment/<str:block_id>/", views.comment, name="participation_comment"),
    path("participate/<int:page_id>/vote/<str:block_id>/", views.vote, name="participation_vote"),
    path(
        "participate/<int:page_id>/questionnaire/<str:block_id>/",
        views.answer_questionnaire,
        name="participation_questionnaire",
    ),
    path("participate/report/<int:comment_id>/", views.report, name="participation_report"),
    path("my-participation/", views.my_participation, name="my_participation"),
    path("my-participation/profile/", views.edit_profile, name="edit_profile"),
    path("my-participation/download/", views.download_my_data, name="download_my_data"),
    path("my-participation/delete/", views.delete_account, name="delete_account"),
]
