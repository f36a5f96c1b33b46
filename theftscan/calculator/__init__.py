"""违约用电、窃电处理电费: the back-billing and penalty calculator, rules as data.

``defaults.DEFAULT_RULES`` are the starting rules of every tenant (stored as ``BillingRule`` rows so a
tenant can change multiples and defaults); ``formulas.calculate(rule, inputs)`` is pure.
"""
