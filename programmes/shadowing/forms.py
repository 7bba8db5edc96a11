"""Shadowing's forms: a round, an offer of a placement, interest in shadowing, and the admin's pin or
exclusion of a pair. Dates use the NHS.UK date input; the services check them against the round."""

from __future__ import annotations

from django import forms

from academy.directory.models import Borough, Organisation, Profession
from academy.ui.forms import DateInputField
from programmes.shadowing.models import PairChoice, PlacementOffer, Sector, ShadowInterest


def _date(label: str, what: str, hint: str = "") -> DateInputField:
    return DateInputField(label=label, what=what, help_text=hint or "For example, 15 3 2027",
                          error_messages={"required": f"Enter {what[:1].lower() + what[1:]}"})


def _text(label: str, required_message: str = "", *, rows: int = 4, hint: str = "", required: bool = True,
          max_length: int = 4000) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=required, max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message, "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def _count(label: str, hint: str, required_message: str, low: int, high: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, help_text=hint, min_value=low, max_value=high,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": required_message, "invalid": f"Enter a whole number from {low} to {high}",
            "min_value": f"Enter a number from {low} to {high}", "max_value": f"Enter a number from {low} to {high}",
        },
    )


class RoundForm(forms.Form):
    name = forms.CharField(label="Name of the round", max_length=200,
                           help_text="For example 'Spring 2027: urgent and emergency care pathways'",
                           error_messages={"required": "Enter a name for the round"})
    interest_closes_on = _date("Offers and interest close on", "The closing date")
    visits_from = _date("Visits start on", "The first day of visits")
    visits_until = _date("Visits end on", "The last day of visits")


class OfferForm(forms.Form):
    setting = forms.CharField(label="Team or service", max_length=200,
                              help_text="For example 'Same-day emergency care unit'",
                              error_messages={"required": "Enter the team or service"})
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"),
                                          error_messages={"required": "Choose the organisation"})
    borough = forms.ModelChoiceField(label="Borough", queryset=Borough.objects.order_by("name"),
                                     error_messages={"required": "Choose the borough"})
    sector = forms.ChoiceField(choices=Sector.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose the sector"})
    professions = forms.ModelMultipleChoiceField(
        label="Professions in the team", queryset=Profession.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple, error_messages={"required": "Choose at least one profession in the team"},
    )
    care_pathway = forms.CharField(label="Care pathway", max_length=200, required=False,
                                   help_text="For example 'Frailty' or 'Children and young people's mental health'")
    visitor_experience = _text("What a visitor will see and do", "Say what a visitor will see and do")
    system_problem = _text("The system problem it touches", "Say which system problem the placement touches",
                           hint="For example a Challenge Fund project, or a learning set's shared problem.")
    visits = _count("Number of visits", "Several visits over some weeks: a single day is not enough.",
                    "Enter the number of visits", 2, 12)
    available_from = _date("Available from", "The first available day")
    available_until = _date("Available until", "The last available day")
    available_dates = _text("Days and times that suit", rows=3, required=False,
                            hint="For example 'Tuesday and Thursday mornings; not during school holidays'.")
    capacity = _count("Shadows at once", "How many shadows you can host at the same time.",
                      "Enter how many shadows you can host at once", 1, 6)
    practical_details = _text("Practical details", "Give the practical details",
                              hint="Induction, ID badge, confidentiality, access to the building and systems.")

    @classmethod
    def initial_for(cls, offer: PlacementOffer) -> dict:
        initial = {name: getattr(offer, name) for name in cls.base_fields if name != "professions"}
        initial["professions"] = list(offer.professions.all())
        return initial


class InterestForm(forms.Form):
    sector = forms.ChoiceField(label="Your own sector", choices=Sector.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose your own sector"})
    wants_to_learn = _text("What you want to learn", "Say what you want to learn")
    unfamiliar_sectors = forms.MultipleChoiceField(
        label="Sectors you do not know", choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False,
    )
    unfamiliar_professions = forms.ModelMultipleChoiceField(
        label="Professions you do not know well", queryset=Profession.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    unfamiliar_boroughs = forms.ModelMultipleChoiceField(
        label="Places you do not know", queryset=Borough.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    available_from = _date("Available from", "The first day you can go")
    available_until = _date("Available until", "The last day you can go")
    availability = _text("Days and times you can go", rows=3, required=False)
    access_needs = _text("Access needs", rows=3, required=False,
                         hint="Anything the host should arrange so you can take part fully.")
    line_manager_name = forms.CharField(label="Line manager or sponsor's name", max_length=200,
                                        error_messages={"required": "Enter your line manager or sponsor's name"})
    line_manager_email = forms.EmailField(
        label="Line manager or sponsor's email", help_text="The person who releases your time for the visits.",
        error_messages={"required": "Enter your line manager or sponsor's email",
                        "invalid": "Enter an email address like name@example.nhs.uk"},
    )
    reciprocal = forms.BooleanField(label="I'll host you if you host me: offer a reciprocal exchange", required=False)
    own_offer = forms.ModelChoiceField(
        label="The placement you offer in return", queryset=PlacementOffer.objects.none(), required=False,
    )

    def __init__(self, *args, user=None, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["own_offer"].queryset = PlacementOffer.objects.filter(host=user, round=round_)


class PairForm(forms.Form):
    interest = forms.ModelChoiceField(label="Shadow", queryset=None, error_messages={"required": "Choose a shadow"})
    offer = forms.ModelChoiceField(label="Placement", queryset=None, error_messages={"required": "Choose a placement"})
    kind = forms.ChoiceField(label="This pair", choices=PairChoice.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose whether the pair must happen or must not"})

    def __init__(self, *args, overview=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest"].queryset = ShadowInterest.objects.filter(round=overview.round).select_related("shadow")
        self.fields["interest"].label_from_instance = lambda i: i.shadow.get_full_name() or i.shadow.email
        self.fields["offer"].queryset = PlacementOffer.objects.filter(round=overview.round).select_related(
            "organisation")
        self.fields["offer"].label_from_instance = lambda o: f"{o.setting}, {o.organisation.name}"


class AgreementForm(forms.Form):
    """The agreement: learning goals, one date for each visit the host offered, confidentiality and practical
    arrangements. The service checks the dates against the round and today."""

    learning_goals = _text("Learning goals", "Enter the learning goals",
                           hint="What the shadow wants to learn, and how the visits will help")
    confidentiality = _text("Confidentiality", "Enter what you agree about confidentiality",
                            hint="For example: no patient-identifiable information leaves the team")
    practical_arrangements = _text("Practical arrangements", "Enter the practical arrangements",
                                   hint="Induction, ID, where to arrive, who to ask for, access")

    def __init__(self, *args, visits: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit_count = visits
        for number in range(1, visits + 1):
            self.fields[f"visit_{number}"] = _date(f"Visit {number}", f"The date of visit {number}")

    def visit_fields(self):
        return [self[f"visit_{n}"] for n in range(1, self.visit_count + 1)]

    def clean(self):
        data = super().clean()
        data["visits"] = [data.get(f"visit_{n}") for n in range(1, self.visit_count + 1)]
        return data


class RearrangeVisitForm(forms.Form):
    day = _date("New date", "The new date of the visit")
    reason = _text("Why is the visit being rearranged?", "Enter why the visit is being rearranged", rows=3,
                   hint="The other side and the shadow's line manager or sponsor see this", max_length=1000)


class CancelVisitForm(forms.Form):
    reason = _text("Why is the visit being cancelled?", "Enter why the visit is being cancelled", rows=3,
                   hint="The other side and the shadow's line manager or sponsor see this", max_length=1000)


class CancelPlacementForm(forms.Form):
    reason = _text("Why is the placement being cancelled?", "Enter why the placement is being cancelled", rows=4,
                   hint="The other side and the shadow's line manager or sponsor see this", max_length=2000)


class ShadowReflectionForm(forms.Form):
    """The shadow's reflection on a visit. Private: only its author reads it."""

    saw = _text("What I saw", "Enter what you saw", hint="The work, the people, the pressures on the team")
    surprised = _text("What surprised me", "Enter what surprised you")
    differently = _text("What I'll do differently", "Enter what you will do differently",
                        hint="In your own work or team, because of this visit")
    shared = forms.BooleanField(label="Share this reflection with your host", required=False,
                                help_text="Your host can then read it on the placement page. You can stop sharing "
                                          "it at any time.")


class HostReflectionForm(forms.Form):
    """The host's short reflection on a visit. Private: only its author reads it."""

    saw = _text("Your reflection", "Enter a few words about the visit", rows=3, max_length=2000,
                hint="What you noticed about your own team through a visitor's eyes")
    shared = forms.BooleanField(label="Share this note with the shadow", required=False,
                                help_text="The shadow can then read it on the placement page. You can stop sharing "
                                          "it at any time.")


class FollowUpForm(forms.Form):
    answer = _text("What have you done differently since your placement?", "Enter what you have done differently",
                   rows=6, hint="A change in how you work, a conversation, a decision, a connection you kept up")
    may_use = forms.BooleanField(
        label="The Academy's evaluation may use my answer (without my name)", required=False,
    )


class FollowFilterForm(forms.Form):
    progress = forms.ChoiceField(label="Show", required=False, choices=())

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].choices = choices
