"""The package version: imported by every module that records it; imports nothing."""

__version__ = "0.1.0"
