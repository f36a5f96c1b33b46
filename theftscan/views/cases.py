"""Cases: open an inspection from a suspect, record its result, back-bill with the calculator; rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from portal.audit.actions import save_audited
from portal.core.views import TenantRequiredMixin
from portal.tenancy.roles import Capability
from theftscan import services
from theftscan.calculator.formulas import CalculationError, Result, calculate
from theftscan.forms import CalculatorForm, ResultForm, RulesForm
from theftscan.models import BillingRule, Case, Suspect
from theftscan.reasons import suspect_reasons


class OpenCaseView(TenantRequiredMixin, View):
    required_capability = Capability.CREATE_TICKETS
    url_objects = {"pk": Suspect}

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        suspect = get_object_or_404(Suspect.objects.for_tenant(self.tenant), pk=pk)
        case, created = services.open_case(suspect, self.user)
        if created:
            messages.success(
                request, _("Inspection {ref} opened with the evidence attached.").format(ref=case.ticket.reference)
            )
        return HttpResponseRedirect(reverse("theftscan:case", args=[case.pk]))


class CaseListView(TenantRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        rows = Case.objects.for_tenant(self.tenant).select_related("area", "ticket")
        result = request.GET.get("result", "")
        if result in Case.Result.values:
            rows = rows.filter(result=result)
        return render(
            request, "theftscan/cases.html", {"rows": rows[:200], "results": Case.Result.choices, "result": result}
        )


def _calculate(form: CalculatorForm) -> tuple[BillingRule, dict[str, Any], Result] | None:
    """Run the chosen rule on the form's inputs; errors go onto the form's fields."""
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    rule: BillingRule = data.pop("rule")
    try:
        return rule, data, calculate(rule.formula, rule.params, data)
    except CalculationError as error:
        for name, message in error.errors.items():
            form.add_error(name if name in form.fields else None, message)
        return None


class CaseView(TenantRequiredMixin, View):
    method_capabilities = {"post": Capability.WORK_TICKETS}
    url_objects = {"pk": Case}

    def context(self, case: Case, **extra: Any) -> dict[str, Any]:
        return {
            "case": case,
            "reason_lines": suspect_reasons(case.suspect.reasons, case.suspect.features) if case.suspect else [],
            "result_form": extra.pop("result_form", None)
            or ResultForm(tenant=self.tenant, initial={"result": case.result, "finding": case.finding}),
            "calc_form": extra.pop("calc_form", None)
            or CalculatorForm(tenant=self.tenant, initial=services.back_billing_period(case)),
            "can_work": self.can(Capability.WORK_TICKETS),
            **extra,
        }

    def case(self, pk: int) -> Case:
        return get_object_or_404(
            Case.objects.for_tenant(self.tenant).select_related("area", "ticket", "suspect__period"), pk=pk
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        services.ensure_billing_rules(self.tenant)
        return render(request, "theftscan/case.html", self.context(self.case(pk)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = self.case(pk)
        if "calculate" in request.POST:
            calc_form = CalculatorForm(request.POST, tenant=self.tenant)
            outcome = _calculate(calc_form)
            if outcome is None:
                return render(request, "theftscan/case.html", self.context(case, calc_form=calc_form), status=400)
            services.save_calculation(case, self.user, *outcome)
            messages.success(request, _("The calculation has been saved on the case."))
            return HttpResponseRedirect(reverse("theftscan:case", args=[case.pk]))
        form = ResultForm(request.POST, tenant=self.tenant)
        if not form.is_valid():
            return render(request, "theftscan/case.html", self.context(case, result_form=form), status=400)
        try:
            services.record_result(case, self.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "theftscan/case.html", self.context(case, result_form=form), status=400)
        messages.success(request, _("The result has been recorded."))
        return HttpResponseRedirect(reverse("theftscan:case", args=[case.pk]))


class CalculatorView(TenantRequiredMixin, View):
    """The calculator on its own: nothing is saved."""

    def get(self, request: HttpRequest) -> HttpResponse:
        services.ensure_billing_rules(self.tenant)
        if "rule" not in request.GET:
            return render(request, "theftscan/calculator.html", {"form": CalculatorForm(tenant=self.tenant)})
        form = CalculatorForm(request.GET, tenant=self.tenant)
        outcome = _calculate(form)
        context = {"form": form, "rule": outcome[0] if outcome else None, "result": outcome[2] if outcome else None}
        return render(request, "theftscan/calculator.html", context, status=200 if outcome else 400)


class RulesView(TenantRequiredMixin, View):
    method_capabilities = {"post": Capability.MANAGE_RECORDS}

    def get(self, request: HttpRequest) -> HttpResponse:
        services.ensure_billing_rules(self.tenant)
        return render(
            request,
            "theftscan/rules.html",
            self.context(RulesForm(instance=services.rules_for(self.tenant), tenant=self.tenant)),
        )

    def context(self, form: RulesForm) -> dict[str, Any]:
        return {
            "form": form,
            "billing_rules": BillingRule.objects.for_tenant(self.tenant),
            "can_manage": self.can(Capability.MANAGE_RECORDS),
        }

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RulesForm(request.POST, instance=services.rules_for(self.tenant), tenant=self.tenant)
        if not form.is_valid():
            return render(request, "theftscan/rules.html", self.context(form), status=400)
        save_audited(form.save(commit=False), self.user)
        messages.success(request, _("The screening rules have been saved."))
        return HttpResponseRedirect(reverse("theftscan:rules"))
