"""The Incomes Register page and its actions (the coordinator and the paying role)."""

from django.urls import path

from web.coordinator import incomes_register as views

app_name = "incomes_register"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("send/", views.SendNowView.as_view(), name="send"),
    path("deliveries/<int:pk>/resend/", views.ResendView.as_view(), name="resend"),
    path("deliveries/<int:pk>/file/", views.delivery_download, name="download"),
    path("reports/<int:pk>/correct/", views.CorrectView.as_view(), name="correct"),
    path("cancellations/<int:pk>/done/", views.CancellationDoneView.as_view(), name="cancellation-done"),
]
