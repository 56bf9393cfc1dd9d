"""Space-segment physics: ``orbits``, ``sun``, ``power``, ``thermal``, ``radiation``, ``links``.

Import the submodule you need (``from orbital import orbits``); none is imported eagerly.
``orbital`` never imports ``ground`` or ``studies``.

Subpackages depend one way: ``orbits`` on nothing else here; ``sun`` on ``orbits``; ``power``
and ``thermal`` on ``sun`` and ``orbits``; ``links`` and ``radiation`` on ``orbits``
(``tests/test_contracts.py`` checks there is no cycle).
"""

__all__ = ["StatesError"]


class StatesError(ValueError):
    """A states Dataset that breaks the contract of :func:`orbital.orbits.check_states`.

    A ``ValueError``, so code catching bad input as ``ValueError`` keeps working.
    """
