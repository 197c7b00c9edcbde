"""Every XML input is parsed safely: entity bombs and external entities are refused, nothing is fetched.

A document that declares entities is refused (InputError, exit 2) naming the line of the declaration,
before translate-toolkit or feedparser see it. An external DTD is never fetched; a document that only
names one is read, and one that uses an entity the DTD would define is refused (undefined entity).
"""

import socket
import time

import pytest

from mtqa.errors import InputError
from tests.io.conftest import run_cli, segments, write

BOMB = """<!DOCTYPE {root} [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""
XXE = """<!DOCTYPE {root} [
  <!ENTITY xxe SYSTEM "{url}">
]>
"""

DOCUMENTS = {
    "xlf": ("xliff", """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a"
 source-language="fr" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Bonjour</source>
<target>Hello {entity}</target></trans-unit></body></file></xliff>
"""),
    "tmx": ("tmx", """<tmx version="1.4"><header srclang="fr" creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv>
<tuv xml:lang="en"><seg>Hello {entity}</seg></tuv></tu></body></tmx>
"""),
    "rss": ("rss", """<rss version="2.0"><channel><title>News</title><item><title>Hello {entity}</title>
<description>Text</description></item></channel></rss>
"""),
}


def _document(kind: str, doctype: str, entity: str) -> str:
    root, body = DOCUMENTS[kind]
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + doctype.format(root=root) + body.format(entity=entity)


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_billion_laughs_is_refused_at_once(tmp_path, kind):
    path = write(tmp_path, f"bomb.{kind}", _document(kind, BOMB, "&lol9;"))
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        segments(path)
    assert time.monotonic() - started < 5
    assert err.value.line == 3 and "entity declarations are refused" in err.value.reason


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
@pytest.mark.parametrize("url", ["file:///etc/passwd", "SECRET"])
def test_external_entity_is_refused_and_nothing_is_read(tmp_path, kind, url):
    secret = write(tmp_path, "secret.txt", "SECRET-MARKER root:x:0:0")
    doctype = XXE.replace("{url}", secret.as_uri() if url == "SECRET" else url)
    with pytest.raises(InputError) as err:
        segments(write(tmp_path, f"xxe.{kind}", _document(kind, doctype, "&xxe;")))
    assert err.value.line == 3 and "SECRET" not in str(err.value) and "root:x" not in str(err.value)


def test_the_cli_refuses_an_external_entity_in_one_line(tmp_path):
    path = write(tmp_path, "xxe.xlf", _document("xlf", XXE.replace("{url}", "file:///etc/passwd"), "&xxe;"))
    result = run_cli("check", str(path), "--format", "jsonl")
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "xxe.xlf:3: XML entity declarations are refused" in result.stderr
    assert "root:x" not in result.stderr


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_external_dtd_is_not_fetched_and_entities_it_would_define_are_refused(tmp_path, kind, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    secret = write(tmp_path, "evil.dtd", '<!ENTITY xxe "SECRET-MARKER">')
    doctype = f'<!DOCTYPE {{root}} SYSTEM "{secret.as_uri()}">\n'
    harmless = segments(write(tmp_path, f"plain.{kind}", _document(kind, doctype, "there")))
    assert "Hello there" in [s.text for s in harmless]
    with pytest.raises(InputError) as err:
        segments(write(tmp_path, f"dtd.{kind}", _document(kind, doctype, "&xxe;")))
    assert "undefined entity &xxe;" in err.value.reason and "SECRET" not in str(err.value)
