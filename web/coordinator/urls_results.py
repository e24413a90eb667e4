"""The results report's pages, included by `web.coordinator.urls`."""

from django.urls import path

from web.coordinator import results, results_export

urlpatterns = [
    path("results/", results.results, name="results"),
    path("results/csv/", results_export.results_csv, name="results-csv"),
    path("results/xlsx/", results_export.results_xlsx, name="results-xlsx"),
]
