"""The take-home handout that staff print (/staff): a PDF, no Streamlit.

- ``pdf``: the handout's pages, built from the same words and pictures the screens show;
- ``qr``: the QR code to the clinic's web page.

The one part that uses another: it prints the walkthrough's pictures and step sources
(``explainer.disc``). Its font's character set is ``explainer.common.handout_font``.
"""
