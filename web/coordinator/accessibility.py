"""The coordinator's accessibility feedback: the messages with their 14-day answer deadline, and
marking one answered with a note of how (a page for one message: GET shows, POST records)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from jobcenter.errors import DomainError
from jobcenter.feedback.selectors import accessibility_feedback_for, accessibility_feedback_get_for
from jobcenter.feedback.services import accessibility_feedback_mark_answered
from jobcenter.forms import NoBidiControlsMixin
from jobcenter.gates import CoordinatorRequiredMixin


class AnsweredForm(NoBidiControlsMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("How was it answered?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "hds-text-input__input"}),
        help_text=gettext_lazy("For example: answered by email on 3.12., the problem is fixed."),
        error_messages={"required": gettext_lazy("Write how the feedback was answered.")},
    )


@method_decorator(never_cache, name="dispatch")
class FeedbackListView(CoordinatorRequiredMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        found = accessibility_feedback_for(user=request.user)
        today = timezone.localdate()
        for feedback in found["open"]:
            feedback.overdue = feedback.is_overdue(today)
        return render(request, "coordinator/accessibility_feedback.html", {**found, "today": today})


@method_decorator(never_cache, name="dispatch")
class FeedbackAnsweredView(CoordinatorRequiredMixin, View):
    http_method_names = ["get", "post"]

    def _page(self, request, feedback, form, status=200):
        context = {"feedback": feedback, "form": form, "overdue": feedback.is_overdue()}
        return render(request, "coordinator/accessibility_feedback_answer.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        feedback = accessibility_feedback_get_for(user=request.user, pk=pk)
        return self._page(request, feedback, AnsweredForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        feedback = accessibility_feedback_get_for(user=request.user, pk=pk)
        form = AnsweredForm(request.POST)
        if form.is_valid():
            try:
                accessibility_feedback_mark_answered(
                    feedback_id=feedback.pk, by=request.user, note=form.cleaned_data["note"]
                )
            except DomainError as err:
                messages.error(request, err.message)
                return redirect("coordinator:accessibility-feedback")
            except ValidationError as err:
                form.add_error("note", err.messages[0])
            else:
                messages.success(request, _("The feedback is marked answered."))
                return redirect("coordinator:accessibility-feedback")
        return self._page(request, feedback, form, status=400)
