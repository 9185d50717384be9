"""A programme copy's pipeline follows its kit's: the stages and deliverables the kit lists."""

from django.utils.text import slugify

from essaim.accompaniment.models import PipelineStage
from essaim.directory.enums import LifeStage
from essaim.replication.enums import Section


def sync_pipeline(pipeline, content: dict) -> None:
    """Give a programme copy's pipeline the kit's stages and deliverables: a stage of the kit
    renames and re-lists the stage of the same key, or is added after the last one. Stages the
    kit does not name stay (projects may sit on them). Not a service: a step of the services
    below, inside their transaction and their log."""
    stages = {s.key: s for s in pipeline.stages.all()}
    position = max((s.position for s in stages.values()), default=0)
    life_stage = LifeStage.EMERGENCE.value
    for item in content.get(Section.PIPELINE.value, []):
        checklist = [
            {"key": slugify(label)[:40] or f"item-{i}", "label": label}
            for i, label in enumerate(item["checklist"])
        ]
        stage = stages.get(item["key"])
        if stage is None:
            position += 10
            PipelineStage.objects.create(
                pipeline=pipeline,
                key=item["key"],
                name=item["name"][:120],
                life_stage=life_stage,
                position=position,
                checklist=checklist,
            )
            continue
        life_stage = stage.life_stage
        if (stage.name, stage.checklist) != (item["name"][:120], checklist):
            stage.name, stage.checklist = item["name"][:120], checklist
            stage.save(update_fields=["name", "checklist"])
