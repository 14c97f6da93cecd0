"""The shared floor: what every part stands on. Content, configuration, sources and the
pieces of charts that more than one part uses; no Streamlit, and no import of a part.

- ``content``: patient text from ``assets/content/<lang>/*.toml``, checked between languages;
- ``params``: the query parameters (``lang``, ``mode``, ``step``, ``level``, ``kiosk``), validated once;
- ``clinic``: the clinic's details from ``clinic.toml`` and the environment, every problem named;
- ``sources``: every source (``assets/sources.toml``) a clinical statement is traced to;
- ``claims``: every number a patient reads and its source (``assets/claims.toml``);
- ``glossary``: one term per concept in each language, and the variants content must not use;
- ``escape``: clinic fields and content kept as text in Markdown and HTML;
- ``sitemap``: the parts of the app (file, URL path, tile);
- ``journey``: the "Start here" path through the parts, in order;
- ``recovery``: the published recovery figures /care and the walkthrough's outlook step show;
- ``help_lists``: the one set of "when to get help" lists (self-check, /care, handout);
- ``alerts``: the front-desk alert registry (this process's memory);
- ``shared_store``: the same alerts in Redis, for a clinic group;
- ``palette``: the one colour palette and dash patterns;
- ``captions``: the line under every chart that says what it is made of;
- ``chart_specs``: a chart's Vega-Lite spec kept identical from one choice to the next;
- ``slots``: words the browser swaps when a choice changes (/reflex, the walkthrough's timeline
  and nerve level), always in an HTML block, where Markdown reads nothing;
- ``handout_font``: the handout's font and the characters it can print (the clinic's fields
  are checked against it when ``clinic`` loads them, so it sits here, not in ``handout``).
"""
