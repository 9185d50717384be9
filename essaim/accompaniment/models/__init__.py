"""Models of accompaniment, by theme: projects and pipelines, follow-up, referrals.

The activity log of accompaniment is the platform's (`essaim.audit`): this app keeps no log
table of its own. `StageTransition` is not a log but the stage history of a project (a fact
the evidence app computes funnels from); see docs/decisions/0019-workflow-kernel.md.
"""

from essaim.accompaniment.models.followup import (
    Checkin,
    CheckinQuerySet,
    Expert,
    Meeting,
    MeetingQuerySet,
    Mobilisation,
    MobilisationQuerySet,
)
from essaim.accompaniment.models.projects import (
    PipelineStage,
    ProgrammePipeline,
    ProgrammeSettings,
    Project,
    ProjectQuerySet,
    StageTransition,
    project_visibility_q,
)
from essaim.accompaniment.models.referrals import Referral, ReferralQuerySet, ReminderLog

__all__ = [
    "Checkin",
    "CheckinQuerySet",
    "Expert",
    "Meeting",
    "MeetingQuerySet",
    "Mobilisation",
    "MobilisationQuerySet",
    "PipelineStage",
    "ProgrammePipeline",
    "ProgrammeSettings",
    "Project",
    "ProjectQuerySet",
    "Referral",
    "ReferralQuerySet",
    "ReminderLog",
    "StageTransition",
    "project_visibility_q",
]
