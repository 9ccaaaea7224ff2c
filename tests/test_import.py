import subprocess
import sys

import pytest

import newsdesk as nd


def test_import_loads_neither_spacy_nor_pyplot():
    # a fresh interpreter: this test process has long imported both
    code = "import sys, newsdesk; print(sorted({'spacy', 'matplotlib.pyplot'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_resolve_on_first_use():
    from newsdesk.timex import find_timexes

    assert nd.find_timexes is find_timexes
    assert all(callable(getattr(nd, name)) or name == "charts" for name in nd.__all__)


def test_submodules_are_attributes():
    assert callable(nd.quotes.quote_table)


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        nd.no_such_thing  # noqa: B018
