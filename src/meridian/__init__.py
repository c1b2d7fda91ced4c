"""Meridian: a self-hosted Blog & Journal platform for health clinics."""

__version__ = "0.1.0"
