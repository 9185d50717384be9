"""`field__has=value` and `field__has_any=[values]` on FlagsField."""

from django.db.models import Lookup

from essaim.core.fields import FlagsField


@FlagsField.register_lookup
class HasAny(Lookup):
    lookup_name = "has_any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [self.lhs.output_field.mask([value] if isinstance(value, str) else value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) <> 0", [*lhs_params, *rhs_params]


@FlagsField.register_lookup
class Has(HasAny):
    lookup_name = "has"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) = {rhs}", [*lhs_params, *rhs_params, *rhs_params]
