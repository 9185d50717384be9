"""The demo's outbox: e-mails the demo would have sent, kept for the "Courriels envoyés" page.

Only active when `settings.DEMO` is on (`make demo`): the e-mail backend then stores each
message instead of sending it. In production this app holds nothing.
"""
