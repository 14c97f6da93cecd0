"""pytest plugin used only by mutation testing (setup.cfg: ``-p tests.mutmut_plugin``).

mutmut forks each mutant's test run from a process that has already run the tests once,
so a function memoised with ``functools.lru_cache`` (``reflex.model.run_choice``...) would
hand the mutant's tests the unmutated results and every mutant under it would "survive".
Clearing explainer's caches before each test makes the tests run the mutated code.
"""
import sys


def pytest_runtest_setup(item):
    for name, module in list(sys.modules.items()):
        if name == "explainer" or name.startswith("explainer."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()
