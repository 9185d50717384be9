"""Staff pages to add and edit a place's resources: kind, name, capacity, who may book, the
longest booking, how far ahead, and the opening hours of each weekday (one form)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from essaim.core.errors import ValidationError
from essaim.places import selectors, services
from essaim.web.places.staff_forms import ResourceForm, add_service_errors


@require_http_methods(["GET", "POST"])
def resource_new(request, place):
    place = selectors.place_for(request.user, place)
    form = ResourceForm(request.POST or None, initial={"max_duration_minutes": 240, "max_days_ahead": 60})
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(programme=place, by=request.user, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ressource ajoutée : %(name)s.") % {"name": resource.name})
            return redirect("places:staff_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "web/places/resource_form.html", {"form": form, "place": place}, status=status)


@require_http_methods(["GET", "POST"])
def resource_edit(request, pk):
    resource = selectors.resource_for(request.user, pk, manage=True)
    form = ResourceForm(request.POST or None, initial=ResourceForm.initial_for(resource))
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(
                resource=resource,
                by=request.user,
                is_active=form.cleaned_data["is_active"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ressource enregistrée."))
            return redirect("places:staff_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "place": resource.programme, "resource": resource}
    return render(request, "web/places/resource_form.html", context, status=status)
