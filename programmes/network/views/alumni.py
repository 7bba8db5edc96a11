"""The network's alumni: a person's alumni page, the opt-in alumni directory (alumni and the network's
admins), offers to volunteer, and the admins' list of volunteers with its CSV export.

Alumni are everyone who completed a cohort of an Academy programme (programmes.core's selectors). People
who are not alumni get a 403 page that says why and how one becomes an alumnus."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.directory.models import Borough, PriorityFunction, Profession
from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.network import alumni_selectors as selectors
from programmes.network import alumni_services as services
from programmes.network import presenters, rules
from programmes.network.alumni_forms import ListingForm, VolunteerForm
from programmes.network.models import VolunteerRole, VolunteerState
from programmes.network.views.base import AdminMixin, MemberMixin, manage_crumb, network_crumb


def alumni_crumb():
    return ("Alumni", reverse("network:alumni"))


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


class AlumniOnlyMixin(MemberMixin):
    """Signed-in alumni (and, where ``admins_too``, the network's admins); anyone else gets the 403 page
    that explains who alumni are."""

    admins_too = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.is_alumnus(request.user) and not (
            self.admins_too and rules.is_network_admin(request.user)
        ):
            return render(request, "network/alumni/not_alumni.html", {
                "breadcrumbs": [_home(), network_crumb(), alumni_crumb()],
            }, status=403)
        return super().dispatch(request, *args, **kwargs)


class AlumniView(MemberMixin, TemplateView):
    """A person's alumni page: the programmes they completed, their directory entry, their offers to
    volunteer; for someone who is not an alumnus yet, what alumni are."""

    template_name = "network/alumni/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        completions = selectors.my_completions(user)
        offers = selectors.my_volunteering(user)
        context.update(
            completions=completions,
            is_alumnus=bool(completions),
            listing=selectors.listing_of(user),
            offers=[{"offer": o, "tag": presenters.volunteer_tag(o)} for o in offers],
            has_mentor_offer=selectors.has_open_mentor_offer(user),
            is_admin=rules.is_network_admin(user),
            breadcrumbs=[_home(), network_crumb()],
        )
        return context


class DirectoryView(AlumniOnlyMixin, TemplateView):
    """The alumni directory: opted-in alumni, 25 a page, filtered by programme, function, borough and
    profession."""

    admins_too = True
    template_name = "network/alumni/directory.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        programmes = selectors.programme_choices()
        programme = get.get("programme", "")
        if programme not in {slug for slug, _name in programmes}:
            programme = ""
        filters = {"programme": programme, "function": _int(get.get("function")),
                   "borough": _int(get.get("borough")), "profession": _int(get.get("profession"))}
        page, entries = selectors.directory_page(get.get("page"), **filters)
        record_request(self.request, [e.listing.person_id for e in entries], "Alumni directory")
        context.update(
            page_obj=page,
            entries=[{"entry": e, "programmes": presenters.completions_text(e.completions)} for e in entries],
            filters=filters,
            programmes=programmes,
            functions=PriorityFunction.objects.order_by("number"),
            boroughs=Borough.objects.order_by("name"),
            professions=Profession.objects.order_by("name"),
            listing=selectors.listing_of(self.request.user),
            is_alumnus=selectors.is_alumnus(self.request.user),
            breadcrumbs=[_home(), network_crumb(), alumni_crumb()],
        )
        return context


class ListingView(AlumniOnlyMixin, View):
    """Opt in to the alumni directory, or change the entry."""

    def page(self, form, listing, status=200):
        return render(self.request, "network/alumni/listing_form.html", {
            "form": form, "listing": listing, "breadcrumbs": [_home(), network_crumb(), alumni_crumb()],
        }, status=status)

    def get(self, request):
        listing = selectors.listing_of(request.user)
        initial = {"functions": list(listing.functions.all()), "line": listing.line} if listing else {}
        return self.page(ListingForm(initial=initial), listing)

    def post(self, request):
        listing = selectors.listing_of(request.user)
        form = ListingForm(request.POST)
        outcome = submit(form, lambda d: services.opt_in(request.user, **d))
        if not outcome:
            return self.page(form, listing, status=400)
        messages.success(request, "Your entry in the alumni directory is saved." if listing
                         else "You are now in the alumni directory. You can leave it at any time.")
        return redirect("network:alumni")


class OptOutView(MemberMixin, ConfirmActionView):
    title = "Leave the alumni directory"
    button = "Leave the directory"
    warning = True

    def get_object(self):
        return selectors.listing_of(self.request.user)

    def paragraphs(self):
        return ["Your entry is deleted at once: other alumni will no longer see you in the directory. "
                "You can join it again at any time."]

    def not_possible(self):
        return "" if self.object is not None else "You are not in the alumni directory."

    def perform(self):
        return services.opt_out(self.request.user)

    def success_message(self, result):
        return "You have left the alumni directory."

    def success_url(self, result):
        return reverse("network:alumni")

    def breadcrumbs(self):
        return [_home(), network_crumb(), alumni_crumb()]


class VolunteerView(AlumniOnlyMixin, View):
    """Offer to volunteer as a mentor, faculty or a panel member."""

    def page(self, form, status=200):
        return render(self.request, "network/alumni/volunteer_form.html", {
            "form": form, "breadcrumbs": [_home(), network_crumb(), alumni_crumb()],
        }, status=status)

    def get(self, request):
        initial = {"role": request.GET["role"]} if request.GET.get("role") in VolunteerRole.values else {}
        return self.page(VolunteerForm(initial=initial))

    def post(self, request):
        form = VolunteerForm(request.POST)
        outcome = submit(form, lambda d: services.volunteer(request.user, **d))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "Thank you for offering to volunteer. The network's admins will be in touch.")
        return redirect("network:alumni")


class VolunteerWithdrawView(MemberMixin, ConfirmActionView):
    title = "Withdraw your offer to volunteer"
    button = "Withdraw my offer"
    warning = True

    def get_object(self):
        return selectors.own_volunteer_offer_or_404(self.request.user, self.kwargs["pk"])

    def summary(self):
        return [("Volunteering as", self.object.get_role_display())]

    def paragraphs(self):
        return ["The network's admins will no longer contact you about this. You can offer again later."]

    def perform(self):
        return services.withdraw_volunteering(self.request.user, self.object)

    def success_message(self, result):
        return "Your offer to volunteer is withdrawn."

    def success_url(self, result):
        return reverse("network:alumni")

    def breadcrumbs(self):
        return [_home(), network_crumb(), alumni_crumb()]


def _volunteer_filters(request) -> dict:
    role = request.GET.get("role", "")
    state = request.GET.get("state", "")
    return {"role": role if role in VolunteerRole.values else "",
            "state": state if state in VolunteerState.values else ""}


class VolunteersView(AdminMixin, TemplateView):
    """The network's admins: alumni who offered to volunteer, filtered by role and state, 50 a page."""

    template_name = "network/alumni/volunteers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = _volunteer_filters(self.request)
        page = Paginator(selectors.volunteers(**filters), selectors.VOLUNTEERS_PAGE_SIZE).get_page(
            self.request.GET.get("page"))
        rows = [{"offer": o, "tag": presenters.volunteer_tag(o)} for o in page.object_list]
        record_request(self.request, [row["offer"].person_id for row in rows], "Alumni volunteers")
        context.update(
            page_obj=page, rows=rows, filters=filters, roles=VolunteerRole.choices, states=VolunteerState.choices,
            breadcrumbs=[_home(), network_crumb(), manage_crumb()],
        )
        return context


class VolunteersCsvView(AdminMixin, View):
    """The volunteers list as CSV (through the one export helper, which neutralises formulas)."""

    def get(self, request):
        offers = list(selectors.volunteers(**_volunteer_filters(request)))
        record_request(request, [o.person_id for o in offers], "Alumni volunteers (CSV)")
        headers = ["Name", "Email", "Profession", "Organisation", "Volunteering as", "Functions", "Availability",
                   "Note", "Open offer to mentor", "State", "Offered on"]

        def row(o):
            profile = getattr(o.person, "profile", None)
            return [
                o.person.get_full_name(), o.person.email,
                profile.profession.name if profile else "", profile.organisation.name if profile else "",
                o.get_role_display(), "; ".join(f.name for f in o.functions.all()), o.availability, o.note,
                "Yes" if o.mentor_offer else "No", o.get_state_display(), nhs_date(o.created_at),
            ]

        return export_response("csv", "alumni-volunteers", headers, [row(o) for o in offers])


class VolunteerMarkView(AdminMixin, ConfirmActionView):
    """Mark a volunteer contacted or placed."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["to"] not in (VolunteerState.CONTACTED, VolunteerState.PLACED):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return selectors.volunteer_for_admin(self.kwargs["pk"])

    @property
    def title(self):
        return "Mark as contacted" if self.kwargs["to"] == VolunteerState.CONTACTED else "Mark as placed"

    @property
    def button(self):
        return self.title

    def summary(self):
        return [("Volunteer", self.object.person.get_full_name() or self.object.person.email),
                ("Volunteering as", self.object.get_role_display()),
                ("Now", self.object.get_state_display())]

    def not_possible(self):
        offer = self.object
        if self.kwargs["to"] == VolunteerState.CONTACTED and not offer.can_be_contacted:
            return f"This offer is {offer.get_state_display().lower()}: it cannot be marked as contacted."
        if self.kwargs["to"] == VolunteerState.PLACED and not offer.can_be_placed:
            return f"This offer is {offer.get_state_display().lower()}: it cannot be marked as placed."
        return ""

    def perform(self):
        return services.mark_volunteer(self.request.user, self.object, self.kwargs["to"])

    def success_message(self, result):
        name = result.person.get_full_name() or result.person.email
        return f"{name} is marked as {result.get_state_display().lower()}."

    def success_url(self, result):
        return reverse("network:alumni_volunteers")

    def breadcrumbs(self):
        return [_home(), network_crumb(), manage_crumb()]
