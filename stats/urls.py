from django.urls import path

from . import views

urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<str:agency>/", views.statistics, name="agency_statistics"),
]
