"""Accessibility feedback: what anyone may tell the service about a barrier, as the Act on the
Provision of Digital Services (306/2019) requires of the accessibility statement's feedback channel.

The kernel owns it because it is about the whole site, not one domain app: the model
(`models.AccessibilityFeedback`), the writes (`services`) and the reads (`selectors`). The pages
are in `web/public/accessibility.py` (the statement and the form) and
`web/coordinator/accessibility.py` (the coordinator's list).
"""
