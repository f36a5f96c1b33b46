"""Working-day calendars: which days are working days, and deadlines counted in working time.

``working`` holds the pure arithmetic, ``registry`` the named calendars (``CN``: mainland China from
the ``holidays`` package plus the official days staff enter), ``coverage`` the check that next year's
official schedule is known. See README.md.
"""
