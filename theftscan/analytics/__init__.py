"""Pure, vectorised numpy analytics of line loss and theft suspicion: no ORM, no I/O.

``lineloss`` turns area supply and user readings into daily loss figures with their status,
``flags`` decides which areas look wrong under a tenant's rules, ``scoring`` ranks the users of
flagged areas, and ``screen.screen`` runs the three in one call.
"""
