from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Benefits")

    def ready(self):
        # The access-log pages name this app's data codes in words.
        from benefits.selectors import LOG_BENEFITS, LOG_CONSENT_SCAN, LOG_CONSENTS, LOG_FORESIGHT
        from jobcenter.access_log import register_data_label

        register_data_label(LOG_BENEFITS, _("Benefits, notes and clarifications"))
        register_data_label(LOG_FORESIGHT, _("Effect of a gig on benefits"))
        register_data_label(LOG_CONSENTS, _("Consents"))
        register_data_label(LOG_CONSENT_SCAN, _("Signed consent form"))
        # The rules-health warning is cached; a changed rule or received benefit shows at once.
        from django.db.models.signals import post_delete, post_save

        from benefits import privacy  # noqa: F401  (registers the app's personal data)
        from benefits.models import BenefitRule, ReceivedBenefit
        from benefits.selectors.rules_health import forget_rule_gaps

        for model in (BenefitRule, ReceivedBenefit):
            post_save.connect(forget_rule_gaps, sender=model, dispatch_uid=f"rules-health-save-{model.__name__}")
            post_delete.connect(forget_rule_gaps, sender=model, dispatch_uid=f"rules-health-delete-{model.__name__}")

        # The order flow asks through its hooks (orders may not import benefits): a commission offer
        # waits while a benefit rule needs explaining, and a proposal may record the explanation.
        from benefits.services import commission_explanation_record, commission_offer_blocker
        from orders import hooks as order_hooks

        if commission_offer_blocker not in order_hooks.offer_blockers:
            order_hooks.offer_blockers.append(commission_offer_blocker)
        if commission_explanation_record not in order_hooks.commission_explanation_recorders:
            order_hooks.commission_explanation_recorders.append(commission_explanation_record)
