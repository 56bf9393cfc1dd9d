"""Space-segment physics: ``orbits``, ``sun``, ``power``, ``thermal``, ``radiation``, ``links``.

Import the submodule you need (``from orbital import orbits``); none is imported eagerly.
``orbital`` never imports ``ground`` or ``studies``.
"""
