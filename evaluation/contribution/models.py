"""The contribution log (seed 000, "Imagining success": innovation identified, adopted and scaled). Each
entry is one innovation, where it came from (a system problem, a Challenge Fund project, or described in
words), and how far it has spread: identified, adopted by an organisation, scaled to more organisations or
boroughs. A leader may propose an entry; an evaluator confirms it (docs/evaluation-contribution.md)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from academy import workflow


class Stage(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    IDENTIFIED = "identified", "Identified"
    ADOPTED = "adopted", "Adopted"
    SCALED = "scaled", "Scaled"
    DECLINED = "declined", "Not taken forward"


_S = Stage
# A leader proposes (or an evaluator records straight away as identified); an evaluator confirms or declines
# a proposal; an innovation is adopted by an organisation, then scaled to more organisations or boroughs.
CONTRIBUTION_WORKFLOW = workflow.Machine(
    "evaluation.contribution",
    Stage,
    {
        _S.PROPOSED: {_S.IDENTIFIED, _S.DECLINED},
        _S.IDENTIFIED: {_S.ADOPTED},
        _S.ADOPTED: {_S.SCALED},
        _S.SCALED: set(),
        _S.DECLINED: set(),
    },
    noun="This innovation",
    now={
        _S.PROPOSED: "is proposed",
        _S.IDENTIFIED: "has been identified",
        _S.ADOPTED: "has been adopted",
        _S.SCALED: "has been scaled",
        _S.DECLINED: "was not taken forward",
    },
    action={
        _S.PROPOSED: "go back to being proposed",
        _S.IDENTIFIED: "be confirmed as identified",
        _S.ADOPTED: "be recorded as adopted",
        _S.SCALED: "be recorded as scaled",
        _S.DECLINED: "be declined",
    },
    already={
        _S.IDENTIFIED: "This innovation has already been confirmed.",
        _S.ADOPTED: "This innovation has already been recorded as adopted.",
        _S.SCALED: "This innovation has already been recorded as scaled.",
        _S.DECLINED: "This innovation has already been declined.",
    },
)

# Stages that count as part of the log (a proposal not yet confirmed, or declined, does not).
LOGGED_STAGES = (Stage.IDENTIFIED, Stage.ADOPTED, Stage.SCALED)


class SourceKind(models.TextChoices):
    PROBLEM = "problem", "A system problem in the register"
    PROJECT = "project", "A Challenge Fund project"
    OTHER = "other", "Something else (describe it)"


class Entry(workflow.WorkflowModel, models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField("the innovation")
    source_kind = models.CharField("where it came from", max_length=10, choices=SourceKind.choices)
    system_problem = models.ForeignKey("programmes_core.SystemProblem", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    project = models.ForeignKey("challenge_fund.Bid", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    source_text = models.CharField("source", max_length=300, blank=True)
    programme = models.ForeignKey("programmes_core.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text="The programme the innovation came from, if any.")
    owner = models.CharField("owner", max_length=200,
                             help_text="The person or team who owns the innovation, for example 'Frailty team, "
                                       "Lewisham and Greenwich NHS Trust'.")
    priority_functions = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")
    boroughs = models.ManyToManyField("directory.Borough", blank=True, related_name="+")
    board = models.CharField("board reported to", max_length=200, blank=True)
    stage = workflow.StateField(max_length=12, choices=Stage.choices, default=Stage.IDENTIFIED,
                                machine=CONTRIBUTION_WORKFLOW)
    # Adoption
    adopted_by = models.CharField("adopting organisation", max_length=200, blank=True)
    adopted_where = models.CharField("where it was adopted", max_length=200, blank=True)
    adopted_on = models.DateField("date adopted", null=True, blank=True)
    adoption_evidence = models.TextField("evidence of adoption", blank=True)
    adoption_link = models.URLField("link to the evidence of adoption", blank=True, max_length=500)
    # Scaling
    scaled_to = models.CharField("further organisations", max_length=500, blank=True)
    scaled_boroughs = models.ManyToManyField("directory.Borough", blank=True, related_name="+")
    scaled_on = models.DateField("date scaled", null=True, blank=True)
    scaling_evidence = models.TextField("evidence of scaling", blank=True)
    scaling_link = models.URLField("link to the evidence of scaling", blank=True, max_length=500)

    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["stage"], name="contribution_stage_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage__in=["adopted", "scaled"]) | (Q(adopted_on__isnull=False) & ~Q(adopted_by="")),
                name="contribution_adoption_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(stage="scaled") | Q(scaled_on__isnull=False),
                name="contribution_scaling_recorded",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def stage_tag(self) -> str:
        from evaluation.contribution.presenters import stage_tag  # noqa: PLC0415 - presenters import models

        return stage_tag(self.stage)
