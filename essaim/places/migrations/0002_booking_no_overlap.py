"""No two confirmed bookings of one resource overlap: an exclusion constraint on PostgreSQL
(btree_gist for the `resource =` part, a tstzrange `&&` for the periods). On SQLite this
migration does nothing: there the services' serialised transactions are the guard.

The constraint lives only in the database (not in `Booking.Meta`), so that the model state is
the same on both databases and `makemigrations --check` stays quiet.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models
from django.db.models import Func, Q
from django.db.migrations.operations.base import Operation


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = models.DateTimeField()  # only used inside the constraint's expression


NO_OVERLAP = ExclusionConstraint(
    name="booking_no_overlap",
    expressions=[
        ("resource", RangeOperators.EQUAL),
        (TsTzRange("starts_at", "ends_at", models.Value("[)")), RangeOperators.OVERLAPS),
    ],
    condition=Q(state="confirmed"),
)


class OnPostgreSQL(Operation):
    """Run the wrapped operation's database side on PostgreSQL only; no change to the model state."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"On PostgreSQL only: {self.operation.describe()}"


class AddConstraintToDatabase(Operation):
    """Create (or drop, backwards) `NO_OVERLAP` on the booking table."""

    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.add_constraint(to_state.apps.get_model(app_label, "Booking"), NO_OVERLAP)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.remove_constraint(from_state.apps.get_model(app_label, "Booking"), NO_OVERLAP)

    def describe(self):
        return "Create exclusion constraint booking_no_overlap"


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # itself a no-op on any other database
        OnPostgreSQL(AddConstraintToDatabase()),
    ]
