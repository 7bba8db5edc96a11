from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "academy.workflow"
    label = "workflow"
    verbose_name = "Workflow"
