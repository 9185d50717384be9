"""Spreadsheet imports: a programme's staff bring their existing projects (with their carriers),
meetings and expert pool in from a CSV or XLSX file (docs/imports.md).

`reading` turns a file into a table, `cells` reads one cell, `columns` names what each kind of
import reads and guesses it from the headers, `checking` validates every row and plans what
would change, `services` applies a plan through the accompaniment services, all or nothing.
"""
