"""Public transparency addresses, under /ar/ and /en/ (included in the i18n patterns)."""

from django.urls import path

from . import views

urlpatterns = [
    path("consultations/<int:page_id>/report/", views.report, name="transparency_report"),
    path("consultations/<int:page_id>/report.pdf", views.report_pdf, name="transparency_report_pdf"),
    path("consultations/<int:page_id>/comments.csv", views.comments_csv, name="transparency_comments_csv"),
    path("consultations/<int:page_id>/comments.json", views.comments_json, name="transparency_comments_json"),
    path("consultations/<int:page_id>/polls.csv", views.polls_csv, name="transparency_polls_csv"),
    path("consultations/<int:page_id>/polls.json", views.polls_json, name="transparency_polls_json"),
    path(
        "consultations/<int:page_id>/questionnaires.csv",
        views.questionnaires_csv,
        name="transparency_questionnaires_csv",
    ),
    path(
        "consultations/<int:page_id>/questionnaires.json",
        views.questionnaires_json,
        name="transparency_questionnaires_json",
    ),
    path("open-data/", views.open_data, name="transparency_open_data"),
    path("open-data/consultations.csv", views.catalogue_csv, name="transparency_catalogue_csv"),
    path("open-data/consultations.json", views.catalogue_json, name="transparency_catalogue_json"),
]
