"""Moderation: the panel sees every submitted score side by side; the officer records consensus scores."""
