"""Reads of a worker's benefits, clarifications, consents and financial foresight.

- `access`: who may look (the worker, or staff and the coordinator as far as the worker's consent
  reaches), and the access log of every look by someone else;
- `foresight`: the workers' earnings, benefits and rules for the foresight, with a constant number
  of queries for any number of workers (no permission check: callers do it);
- `viewer`: what a page reads for a viewer (the profile page, the candidates' and an offer's
  foresight), scoped and logged.
"""

from benefits.selectors.access import (
    LOG_BENEFITS,
    LOG_CONSENT_SCAN,
    LOG_CONSENTS,
    LOG_FORESIGHT,
    SELF,
    benefits_worker_get_for,
    can_manage_benefits,
    commission_explanation_assignment_for,
    commission_explanation_pending,
    consent_allows,
    consent_get_for,
    log_views,
    viewer_actor,
)
from benefits.selectors.earnings import EARNING_STATES
from benefits.selectors.foresight import foresight_for_pairs, foresight_for_workers, yel_flags
from benefits.selectors.viewer import (
    BenefitProfile,
    CandidateForesight,
    benefit_profile_for,
    foresight_for_viewer,
    foresight_for_viewer_pairs,
    offer_foresight_for,
)

__all__ = [
    "EARNING_STATES",
    "LOG_BENEFITS",
    "LOG_CONSENTS",
    "LOG_CONSENT_SCAN",
    "LOG_FORESIGHT",
    "SELF",
    "BenefitProfile",
    "CandidateForesight",
    "benefit_profile_for",
    "benefits_worker_get_for",
    "can_manage_benefits",
    "commission_explanation_assignment_for",
    "commission_explanation_pending",
    "consent_allows",
    "consent_get_for",
    "foresight_for_pairs",
    "foresight_for_viewer",
    "foresight_for_viewer_pairs",
    "foresight_for_workers",
    "log_views",
    "offer_foresight_for",
    "viewer_actor",
    "yel_flags",
]
