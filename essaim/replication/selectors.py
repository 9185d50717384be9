"""Reads of replication: the kits a person may see, one kit or copy, the lineage tree.

`kit_for` / `replica_for` follow the house rule: 404 when it is not theirs to see, 403 when they
may see it but not manage it. A copy is seen by its own programme's staff and by the owners of
its kit; it is managed (take the kit's change) by its programme's staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from essaim.accompaniment.models import Project
from essaim.accounts.selectors import staff_organisation_ids
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Organisation, Programme
from essaim.replication.enums import KitState, Subject
from essaim.replication.models import Kit, KitVersion, Replica
from essaim.replication.rules import can_manage_kit, can_run_replica, is_reader


def kits_for(user) -> QuerySet[Kit]:
    """Published kits for every reader, and the kits (any state) of the person's programmes or of
    the copies they run (a retired kit stays readable by its copies)."""
    base = Kit.objects.select_related("owner", "project", "programme")
    if not user.is_authenticated:
        return base.none()
    if user.is_superuser:
        return base
    orgs = staff_organisation_ids(user)
    q = Q(owner__organisation_id__in=orgs) | Q(
        pk__in=Replica.objects.filter(programme__organisation_id__in=orgs).values("kit_id")
    )
    if is_reader(user):
        q |= Q(state=KitState.PUBLISHED)
    return base.filter(q)


def kit_for(user, pk: int, *, manage: bool = False) -> Kit:
    kit = kits_for(user).filter(pk=pk).first()
    if kit is None:
        raise Http404
    if manage and not can_manage_kit(user, kit):
        raise PermissionDenied
    return kit


def current_version(kit: Kit) -> KitVersion:
    return kit.versions.get(number=kit.version)


def replica_for(user, pk: int, *, manage: bool = False) -> Replica:
    replica = (
        Replica.objects.select_related(
            "kit", "kit__owner", "programme", "project", "new_programme", "version"
        )
        .filter(pk=pk)
        .first()
    )
    if replica is None or not (can_run_replica(user, replica) or can_manage_kit(user, replica.kit)):
        raise Http404
    if manage and not can_run_replica(user, replica):
        raise PermissionDenied
    return replica


def modelled_subjects(user) -> tuple[QuerySet[Project], QuerySet[Programme]]:
    """Projects and programmes the person may turn into a kit (their programmes', with no kit yet)."""
    orgs = staff_organisation_ids(user)
    projects = Project.objects.filter(replication_kit__isnull=True).select_related("programme")
    programmes = Programme.objects.filter(replication_kit__isnull=True)
    if not user.is_superuser:
        projects = projects.filter(programme__organisation_id__in=orgs)
        programmes = programmes.filter(organisation_id__in=orgs)
    return projects.order_by("name", "pk"), programmes.order_by("name", "pk")


def target_programmes(user) -> QuerySet[Programme]:
    """Programmes a project copy may be run by: those the person runs."""
    qs = Programme.objects.order_by("name", "pk")
    return qs if user.is_superuser else qs.filter(organisation_id__in=staff_organisation_ids(user))


def founding_organisations(user) -> QuerySet[Organisation]:
    """Organisations a programme copy may be founded in: those the person administers."""
    qs = Organisation.objects.order_by("name", "pk")
    if user.is_superuser:
        return qs
    return qs.filter(pk__in=staff_organisation_ids(user, admin_only=True))


# --- Lineage --------------------------------------------------------------------------------


@dataclass
class Node:
    """One place of the lineage tree: the model itself (`replica` None) or one copy."""

    key: str
    name: str
    programme: Programme
    level: str
    code: str
    depth: int
    replica: Replica | None = None
    parent_key: str | None = None
    project_id: int | None = None
    children: list[Node] = field(default_factory=list)
    # Drawing of the tree (set by `layout`).
    x: int = 0
    y: int = 0
    px: int = 0
    py: int = 0

    @property
    def is_model(self) -> bool:
        return self.replica is None

    @property
    def territory_ref(self) -> str:
        return f"{self.level}:{self.code}" if self.level else ""


def _root(kit: Kit) -> Node:
    if kit.subject == Subject.PROJECT:
        project = kit.project
        return Node(
            "model",
            project.name,
            project.programme,
            "commune" if project.commune_id else "",
            project.commune_id or "",
            0,
            project_id=project.pk,
        )
    programme = kit.programme
    zone = list(programme.zone.all())
    first = zone[0] if zone else None
    return Node(
        "model", programme.name, programme, first.level if first else "", first.code if first else "", 0
    )


def lineage(kit: Kit) -> list[Node]:
    """The model then its copies, depth first (a copy under the copy it was copied from).

    Three queries: the model's subject, the copies with their programmes, the model's zone.
    """
    kit = (
        Kit.objects.select_related("project__programme", "programme")
        .prefetch_related("programme__zone")
        .get(pk=kit.pk)
    )
    root = _root(kit)
    replicas = list(
        kit.replicas.select_related("programme", "project", "new_programme", "version").order_by(
            "created_at", "pk"
        )
    )
    nodes = {
        r.pk: Node(
            f"copy-{r.pk}",
            r.subject_name,
            r.programme,
            r.level,
            r.code,
            0,
            replica=r,
            project_id=r.project_id,
        )
        for r in replicas
    }
    for r in replicas:
        parent = nodes.get(r.parent_id) if r.parent_id else root
        node = nodes[r.pk]
        node.parent_key = parent.key
        parent.children.append(node)
    ordered: list[Node] = []

    def walk(node: Node, depth: int) -> None:
        node.depth = depth
        ordered.append(node)
        for child in node.children:
            walk(child, depth + 1)

    walk(root, 0)
    return layout(ordered)


STEP_X, STEP_Y, MARGIN = 200, 44, 24


def layout(nodes: list[Node]) -> list[Node]:
    """Coordinates of the tree drawing: one row per node, indented by depth; edges to the parent."""
    where = {}
    for i, node in enumerate(nodes):
        node.x, node.y = MARGIN + node.depth * STEP_X, MARGIN + i * STEP_Y
        where[node.key] = (node.x, node.y)
        node.px, node.py = where.get(node.parent_key, (node.x, node.y))
    return nodes


def tree_size(nodes: list[Node]) -> tuple[int, int]:
    depth = max((n.depth for n in nodes), default=0)
    return MARGIN * 2 + depth * STEP_X + 180, MARGIN * 2 + max(len(nodes) - 1, 0) * STEP_Y + 10
