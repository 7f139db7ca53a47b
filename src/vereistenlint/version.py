"""The version, in a module of its own so that whatever prints or stores it (SARIF, the
cache) need not import the package and with it the engine."""

__version__ = "0.1.0"
