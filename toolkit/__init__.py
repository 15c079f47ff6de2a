"""statement-toolkit: publish one statement in several languages from one source."""

__version__ = "0.1.0"
