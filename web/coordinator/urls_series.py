"""The coordinator's pages of a repeating gig (web.coordinator.series)."""

from django.urls import path

from web.coordinator import series

urlpatterns = [
    path("orders/<int:pk>/series/add/", series.SeriesAddView.as_view(), name="series-add"),
    path("series/<int:pk>/", series.SeriesDetailView.as_view(), name="series"),
    path("series/<int:pk>/change/", series.SeriesChangeView.as_view(), name="series-change"),
    path("series/<int:pk>/skip/", series.SeriesSkipView.as_view(), name="series-skip"),
    path("series/<int:pk>/offer-same-workers/", series.SeriesOfferSameView.as_view(), name="series-offer-same"),
]
