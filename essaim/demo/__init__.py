"""Demo and synthetic data, kept out of the domain apps: one module per app (`essaim.demo.<app>`).

- `manage.py seed_demo` runs `seed(*, stdout)` of the modules it lists (`DEMO_MODULES` in
  essaim/core/management/commands/seed_demo.py), in order;
- `manage.py generate_synthetic` offers an option to every module here that defines the
  generator protocol:

      OPTION = "projects"          # becomes --projects N
      HELP = "…"                   # help text of the option
      ORDER = 20                   # generators run in ascending order, clears in descending order
      def generate(*, count: int, seed: int, stdout) -> int: ...   # returns rows created
      def clear(*, stdout) -> int: ...                               # removes its synthetic rows

Writes go through the apps' services with `by=DEMO` where a service exists; bulk generators
(histories of thousands of projects) write rows directly and rebuild the derived facts.
"""
