"""Read-only views over every feature: headline figures and Plotly charts (figures in charts.py)."""
