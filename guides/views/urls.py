from django.urls import path

from . import commitments

urlpatterns = [
    path("api/commitments/", commitments.commitments_api, name="commitments-api"),
]
