"""Messages to people outside the portal (SMS, WeChat, e-mail), delivered as background jobs.

``services.send`` records a ``Delivery`` in the caller's transaction and hands it to the worker after
commit; ``services.deliver`` makes one attempt, and failed attempts are retried with exponential
backoff by the ``send_due`` beat task until the message goes out or is marked failed. See README.md.
"""
