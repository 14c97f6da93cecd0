"""Streamlit view helpers shared by every page (the app shell)."""
