"""`.xml` files are read as the format their root element names."""

import pytest

from mtqa.errors import InputError
from tests.io.conftest import segments, write
from tests.io.test_feeds import RSS
from tests.io.test_tmx import TMX
from tests.io.test_xliff import XLIFF12


@pytest.mark.parametrize(("content", "first_id"), [(RSS, "storm-2026-11-27#title"), (TMX, "news-1"),
                                                   (XLIFF12, "title")])
def test_xml_is_read_by_its_root_element(tmp_path, content, first_id):
    declaration, rest = content.split("\n", 1)
    commented = f"{declaration}<!-- <note> exported -->{rest}"  # a tag in a comment is not the root
    assert segments(write(tmp_path, "export.xml", commented))[0].id == first_id


@pytest.mark.parametrize("content", ["<?xml version='1.0'?>\n<html><body/></html>\n", "<?xml version='1.0'?>\n"])
def test_other_xml_asks_for_a_format(tmp_path, content):
    with pytest.raises(InputError, match="pass --input-format"):
        segments(write(tmp_path, "page.xml", content))
