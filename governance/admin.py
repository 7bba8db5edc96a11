from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    Capability,
    ClinicalNetwork,
    GovernanceStructure,
    Principle,
    PriorityFunction,
    Seat,
    SpatialLevelDefinition,
)

for model in (PriorityFunction, SpatialLevelDefinition, GovernanceStructure, ClinicalNetwork, Principle, Seat):
    admin.site.register(model, SimpleHistoryAdmin)
admin.site.register(Capability)
