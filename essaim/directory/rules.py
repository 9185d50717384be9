"""Who may write the directory in bulk (the study's data, imports), as named predicates.

Organisations and programmes are edited one by one in the admin (`directory.change_*`
permissions of essaim/accounts/rules.py); loading the study's data or an open-data file is
the platform's: a platform admin, or a command run as a system actor.
"""

import rules

from essaim.accounts.rules import is_platform_admin
from essaim.core.actors import is_system


@rules.predicate
def is_system_actor(user, obj=None) -> bool:
    return is_system(user)


can_load_directory = is_platform_admin | is_system_actor
