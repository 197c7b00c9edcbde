"""Bad input through the command line: exit 2, one line on stderr naming file and line, no traceback,
and what was written for the records before the bad line stays written.

The cases run as concurrent `python -m mtqa check` processes, as CI would run them.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest

from tests.io.conftest import run_cli, segments, write

GOOD = '{"id": "1", "text": "The report was published on Monday."}\n{"id": "2", "text": "It was was late."}\n'
HUGE = "word " * 10_000_000  # 50 MB on one line

# name: (file name, content, expected line, words of the reason, records written before the error)
CASES: dict[str, tuple[str, bytes, int, str, int | None]] = {
    "malformed json": ("a.jsonl", (GOOD + '{"id": "3", "text": "Broken\n').encode(), 3, "malformed JSON", 2),
    "unclosed csv quote": ("b.csv", b'id,mt\n1,The report was published.\n2,"It was was late.\n3,Fine.\n', 3,
                           "never closed", 1),
    "csv junk after quote": ("c.csv", b'id,mt\n1,Fine.\n2,"Quoted" and more\n', 3, "after a closing quote", 1),
    "tsv short row": ("d.tsv", b"id\tmt\n1\tThe report was published.\n2\n", 3, "row has 1 fields", 1),
    "malformed xliff": ("e.xlf", (b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file><body>\n'
                        b'<trans-unit id="1"><target>x</trans-unit>\n</body></file></xliff>\n'), 4,
                        "malformed XML: mismatched tag", None),
    "truncated feed": ("f.rss", b'<rss version="2.0"><channel>\n<item><title>One</title></item>\n<item>\n', 4,
                       "malformed XML", None),
    "utf-16 with bom": ("g.jsonl", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), 1, "UTF-16", None),
    "utf-16 without bom": ("h.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi.\n".encode("utf-16-le"), 1,
                           "NUL bytes", None),
    "enormous jsonl line": ("i.jsonl", (GOOD + json.dumps({"id": "3", "text": HUGE}) + "\n").encode(), 3,
                            "longer than 1 MiB", 2),
    "enormous tsv line": ("j.tsv", f"id\tmt\n1\tThe report was published.\n2\t{HUGE}\n".encode(), 3,
                          "longer than 1 MiB", 1),
    "latin-1 byte in jsonl": ("k.jsonl", GOOD.encode() + '{"text": "Café"}\n'.encode("latin-1"), 3,
                              "not valid UTF-8 (byte 0xe9)", 2),
    "latin-1 byte in tsv": ("l.tsv", "id\tmt\n1\tFine.\n2\tCafé\n".encode("latin-1"), 3, "byte 0xe9", 1),
    "latin-1 byte in srt": ("m.srt", "1\n00:00:01,000 --> 00:00:02,000\nCafé\n".encode("latin-1"), 3,
                            "byte 0xe9", None),
    "latin-1 byte in xliff": ("n.xlf", '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2">\n'
                              '<target>Café</target></xliff>\n'.encode("latin-1"), 3, "byte 0xe9", None),
    "latin-1 byte in po": ("o.po", 'msgid "a"\nmsgstr "Café"\n'.encode("latin-1"), 2, "byte 0xe9", None),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, list[dict]]]:
    folder = tmp_path_factory.mktemp("bad")
    running = {}
    for name, (file_name, content, *_rest) in CASES.items():
        path = folder / file_name
        path.write_bytes(content)
        out = folder / f"{file_name}.out.jsonl"
        command = [sys.executable, "-m", "mtqa", "check", str(path), "--format", "jsonl", "-o", str(out)]
        running[name] = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), out)
    results = {}
    for name, (process, out) in running.items():
        stdout, stderr = process.communicate(timeout=300)
        written = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
        results[name] = (subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), written)
    return results


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_line_naming_file_and_line(outcomes, name):
    file_name, _content, line, reason, _written = CASES[name]
    result, _ = outcomes[name]
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("mtqa: error: ") and f"{file_name}:{line}: " in result.stderr
    assert reason in result.stderr


@pytest.mark.parametrize("name", [name for name, case in CASES.items() if case[4] is not None])
def test_records_before_the_bad_line_stay_written(outcomes, name):
    _, written = outcomes[name]
    assert len(written) == CASES[name][4]
    assert all("findings" in record for record in written)


@pytest.mark.parametrize(("name", "content"), [
    ("bom.csv", "id,mt\n1,It was was late.\n"),
    ("bom.jsonl", GOOD),
    ("bom.srt", "1\n00:00:01,000 --> 00:00:02,000\nIt was was late.\n"),
    ("bom.xlf", ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="fr" '
                'datatype="plaintext"><body>\n<trans-unit id="1"><source>x</source><target>It was was late.'
                '</target></trans-unit></body></file></xliff>\n')),
])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path, name, content):
    path = write(tmp_path, name, codecs.BOM_UTF8 + content.encode())
    read = segments(path)
    assert read[-1].text == "It was was late." and read[-1].id in ("1", "2")


def test_xml_in_a_declared_legacy_encoding_is_read(tmp_path):
    content = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<tmx version="1.4"><header srclang="fr" '
               'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
               'datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>Café</seg></tuv>\n'
               '<tuv xml:lang="en"><seg>A café café</seg></tuv></tu></body></tmx>\n')
    (segment,) = segments(write(tmp_path, "legacy.tmx", content.encode("latin-1")))
    assert (segment.text, segment.src, segment.line) == ("A café café", "Café", 3)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_xml_in_utf16_with_a_byte_order_mark_is_read(tmp_path, bom):
    content = ('<?xml version="1.0" encoding="UTF-16"?>\n<xliff version="1.2" '
               'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="fr" '
               'datatype="plaintext"><body>\n<trans-unit id="1"><source>Café</source><target>A café café.'
               '</target></trans-unit></body></file></xliff>\n')
    encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    path = write(tmp_path, "wide.xlf", bom + content.encode(encoding))
    (segment,) = segments(path)
    assert (segment.text, segment.src, segment.line) == ("A café café.", "Café", 3)


def test_fix_refuses_formats_it_cannot_write_back(tmp_path):
    path = write(tmp_path, "news.srt", "1\n00:00:01,000 --> 00:00:02,000\nIt was was late.\n")
    result = run_cli("fix", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "srt input can be checked, not fixed" in result.stderr


def test_records_before_a_bad_line_stay_written_with_several_jobs(tmp_path):
    path = write(tmp_path, "a.jsonl", GOOD * 300 + '{"id": "x", "text": \n')
    out = tmp_path / "out.jsonl"
    result = run_cli("check", str(path), "--jobs", "2", "--format", "jsonl", "-o", str(out))
    assert result.returncode == 2 and "a.jsonl:601: malformed JSON" in result.stderr
    assert len(out.read_text().splitlines()) == 600
