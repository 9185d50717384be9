"""Users (e-mail login), memberships, territorial scopes, API tokens and invitations in the admin."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from essaim.accounts.models import ApiToken, Invitation, InvitationState, Membership, TerritoryScope, User
from essaim.accounts.services.invitations import invitation_create, invitation_revoke
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.territories.selectors import TerritoryNotFound, get_object


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        # Stored in lower case, as UserManager does; login compares case-insensitively.
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse."))
        return email


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class TerritoryScopeForm(forms.ModelForm):
    class Meta:
        model = TerritoryScope
        fields = ["user", "kind", "level", "code", "label"]

    def clean(self):
        data = super().clean()
        level, code = data.get("level"), (data.get("code") or "").strip().upper()
        if level and code:
            try:
                get_object(level, code)
            except TerritoryNotFound:
                self.add_error("code", _("Territoire inconnu : %(ref)s") % {"ref": f"{level}:{code}"})
            data["code"] = code
        return data


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class TerritoryScopeInline(admin.TabularInline):
    model = TerritoryScope
    form = TerritoryScopeForm
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_superuser", "is_carrier", "is_expert", "is_demo"]
    list_filter = ["is_staff", "is_superuser", "is_active", "is_carrier", "is_expert", "is_demo"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["is_demo", "last_login", "date_joined"]
    inlines = [MembershipInline, TerritoryScopeInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profil"), {"fields": ["full_name", "is_carrier", "is_expert", "is_demo"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "usable_password", "password1", "password2"],
            },
        ),
    ]

    def get_inlines(self, request, obj):
        # Like Django's UserAdmin, creation is a first step: memberships and scopes come after.
        return self.inlines if obj is not None else []


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(TerritoryScope)
class TerritoryScopeAdmin(admin.ModelAdmin):
    form = TerritoryScopeForm
    list_display = ["user", "kind", "level", "code", "label"]
    list_filter = ["kind", "level"]
    list_select_related = ["user"]
    search_fields = ["user__email", "code", "label"]
    autocomplete_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owner (account page or API); staff may only look and revoke."""

    list_display = ["hint", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "name", "hint"]
    readonly_fields = ["user", "name", "hint", "created_at", "last_used_at", "revoked_at"]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Révoquer les jetons sélectionnés"), permissions=["change"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token.revoke()
        self.message_user(
            request,
            ngettext("%(count)d jeton révoqué.", "%(count)d jetons révoqués.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )


class InvitationAddForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["organisation", "email", "role"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations go through their services: adding one sends it (`invitation_create`, the link
    e-mailed), "Révoquer" stops its link (`invitation_revoke`); nothing is edited or deleted by
    hand, so the activity log keeps every step and the key never shows."""

    add_form = InvitationAddForm
    list_display = ["email", "organisation", "role", "shown_status", "invited_by", "created_at", "expires_at"]
    list_filter = ["state", "role"]
    list_select_related = ["organisation", "invited_by"]
    search_fields = ["email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "shown_status",
        "invited_by",
        "accepted_by",
        "created_at",
        "expires_at",
        "decided_at",
    ]
    actions = ["revoke"]

    @admin.display(description=_("état"), ordering="state")
    def shown_status(self, invitation: Invitation) -> str:
        return invitation.get_status_display()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return self.add_form.Meta.fields if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        sent = invitation_create(
            organisation=obj.organisation, email=obj.email, role=obj.role, by=request.user
        )
        obj.pk = sent.pk

    def add_view(self, request, form_url="", extra_context=None):
        # The service's refusals (a member already, an invitation pending) come after the form's
        # checks: the whole add is rolled back and the page says why.
        try:
            return super().add_view(request, form_url, extra_context)
        except (ValidationError, PermissionDenied) as exc:
            reasons = getattr(exc, "messages", None) or [str(exc)]
            self.message_user(request, " ".join(reasons), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    @admin.action(description=_("Révoquer les invitations sélectionnées"), permissions=["change"])
    def revoke(self, request, queryset):
        pending = list(queryset.filter(state=InvitationState.PENDING).select_related("organisation"))
        for invitation in pending:
            invitation_revoke(invitation=invitation, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d invitation révoquée.", "%(count)d invitations révoquées.", len(pending))
            % {"count": len(pending)},
            messages.SUCCESS,
        )
