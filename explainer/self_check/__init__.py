"""The "Should I get checked?" self-check (/self-check): its rules, no Streamlit.

- ``triage``: the questions, the screens and the rules from answers to one of four outcomes
  (emergency, urgent, see soon, self-care).

The "when to get help" lists it shows are shared with /care and the handout
(``explainer.common.help_lists``); the alert it raises at the desk is ``explainer.common.alerts``.
"""
