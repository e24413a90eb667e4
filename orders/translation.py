"""Reference data in the three languages (django-modeltranslation).

The task types' names and the order terms' text get a field per language (`name_fi`, `name_sv`,
`name_en`...); the admin shows them as tabs, and reading `name` or `text` gives the active
language's, falling back to Finnish (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
"""

from modeltranslation.translator import TranslationOptions, register

from orders.models import InsurancePolicy, OrderTerms, TaskType


@register(TaskType)
class TaskTypeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(OrderTerms)
class OrderTermsTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


# The insurance's name is what the worker reads on the gig's page ("Sinut on vakuutettu tällä keikalla: ...").
@register(InsurancePolicy)
class InsurancePolicyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)
