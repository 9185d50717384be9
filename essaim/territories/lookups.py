"""`field__prefix="abc"`: a prefix match that uses a B-tree index on SQLite and PostgreSQL.

Django's `startswith` becomes `LIKE 'abc%' ESCAPE '\\'`, which SQLite can only serve from an
index on a NOCASE column. Our searchable columns hold normalised ASCII (a-z, 0-9, space), so
a byte-ordered range `col >= 'abc' AND col < 'abc~'` is exact on SQLite (BINARY collation),
and PostgreSQL gets `LIKE 'abc%'` served by a `varchar_pattern_ops` index.
"""

from django.db.models import CharField, Lookup


@CharField.register_lookup
class Prefix(Lookup):
    lookup_name = "prefix"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} >= {rhs} AND {lhs} < {rhs} || '~'", [
            *lhs_params,
            *rhs_params,
            *lhs_params,
            *rhs_params,
        ]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _rhs, rhs_params = self.process_rhs(compiler, connection)
        escaped = [p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for p in rhs_params]
        return f"{lhs} LIKE %s", [*lhs_params, *escaped]
