from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from academy.directory.models import PriorityFunction
from governance.models import Capability, ClinicalNetwork, GovernanceStructure, Principle, Seat, SpatialLevelDefinition

for model in (PriorityFunction, SpatialLevelDefinition, GovernanceStructure, ClinicalNetwork, Principle, Seat):
    admin.site.register(model, SimpleHistoryAdmin)
admin.site.register(Capability)
