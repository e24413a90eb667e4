"""Reference data of workers in the three languages (django-modeltranslation): the kinds of path steps."""

from modeltranslation.translator import TranslationOptions, register

from workers.models_paths import PathStepKind


@register(PathStepKind)
class PathStepKindTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)
