"""The report in headless Chromium: highlights, details, filters, search, pages, and nothing that runs or loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect

from tests.conftest import SEED
from tests.report.conftest import contract_records

# Per finding ("segment index:finding index"), the text of every highlight piece that carries it.
HIGHLIGHTED = """() => {
  const out = {};
  document.querySelectorAll('.segment').forEach(article => {
    article.querySelectorAll('mark.hl').forEach(mark => {
      mark.getAttribute('data-findings').split(' ').forEach(i => {
        const key = article.dataset.index + ':' + i;
        out[key] = (out[key] || '') + mark.textContent;
      });
    });
  });
  return out;
}"""


def shown_ids(page) -> list[str]:
    return page.locator(".segment .seg-head a").all_inner_texts()


def count_in_data(page, predicate: str, first: int | None = None) -> int:
    """How many embedded segments (of the first `first`) satisfy the JavaScript `predicate(segment)`."""
    return page.evaluate(f"""() => JSON.parse(document.getElementById('mtqa-data').textContent).segments
                             .slice(0, {first or 'undefined'}).reduce((n, s) => n + ({predicate})(s), 0)""")


def expected_highlights(records: list[dict]) -> dict[str, str]:
    return {f"{k}:{i}": f["text"] for k, r in enumerate(records) for i, f in enumerate(r["findings"])}


def test_every_finding_is_highlighted_over_exactly_its_span(open_report, seed_report):
    report = open_report(seed_report)
    records = contract_records(SEED)
    assert report.page.evaluate(HIGHLIGHTED) == expected_highlights(records)
    assert report.page.locator("button.chip").count() == sum(len(r["findings"]) for r in records)
    report.assert_clean()


def test_astral_characters_overlaps_and_insertion_points_keep_exact_spans(open_report, hostile_feed, hostile_report):
    report = open_report(hostile_report)
    records = contract_records(hostile_feed)
    assert any(f["start"] == f["end"] for r in records for f in r["findings"])  # insertion points
    assert report.page.evaluate(HIGHLIGHTED) == expected_highlights(records)
    assert report.page.locator("mark.hl.gap").count() == sum(f["start"] == f["end"] for r in records
                                                                for f in r["findings"])
    report.assert_clean()


def test_clicking_a_highlight_shows_message_fix_and_rule_documentation(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    page.locator("mark.hl", has_text="Their").click()
    details = page.locator(".details:not([hidden])")
    assert details.count() == 1
    assert "“Their” is capitalised in the middle of a sentence" in details.inner_text()
    assert details.locator(".corrected").inner_text() == "However, he himself dampened expectations Their" \
                                                         "their talks in Moscow."
    assert details.locator(".corrected del").inner_text() == "Their"
    assert details.locator(".corrected ins").inner_text() == "their"
    details.locator("summary").click()
    assert "Why is this bad?" in details.locator(".ruledoc").inner_text()
    details.locator("button.copy").click()
    expect(details.locator("button.copy")).not_to_have_text("Copy corrected sentence")
    page.keyboard.press("Escape")
    assert page.locator(".details:not([hidden])").count() == 0
    report.assert_clean()


def test_copy_puts_the_corrected_sentence_on_the_clipboard(open_report, seed_report, browser):
    report = open_report(seed_report)
    report.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    report.page.locator("mark.hl", has_text="Their").click()
    report.page.locator(".details button.copy").click()
    expect(report.page.locator(".details button.copy")).to_have_text("Copied")
    copied = report.page.evaluate("navigator.clipboard.readText()")
    assert copied == "However, he himself dampened expectations their talks in Moscow."
    report.assert_clean()


def test_keyboard_focus_on_a_highlight_shows_its_details(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    page.locator("mark.hl", has_text="Their").focus()
    assert "stray-capital" in page.locator(".details:not([hidden])").inner_text()
    # Each finding has one tab stop, where it begins: Tab goes from MT104's start to MT401 inside it.
    page.locator("mark.hl", has_text="Macron for").focus()
    assert page.locator(".details:not([hidden]) .finding h3 code").all_inner_texts() == ["MT104"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "its"
    assert page.locator(".details:not([hidden]) .finding h3 code").all_inner_texts() == ["MT401", "MT104"]
    assert page.locator("mark.hl[tabindex='0']").count() == sum(len(r["findings"]) for r in contract_records(SEED))
    report.assert_clean()


def test_a_piece_under_two_findings_shows_both_innermost_first(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    piece = page.locator("mark.hl.d2", has_text="with")
    piece.click()
    rules = page.locator(".details:not([hidden]) .finding h3 code").all_inner_texts()
    assert rules == ["MT201", "MT202"]
    report.assert_clean()


def test_filters_by_rule_severity_and_score(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    records = contract_records(SEED)

    page.select_option("#rule-filter", "MT301")
    assert shown_ids(page) == [f"#{r['id']}" for r in records if any(f["rule"] == "MT301" for f in r["findings"])]
    page.select_option("#rule-filter", "")

    for severity in ("minor", "major"):
        page.select_option("#severity-filter", severity)
        assert shown_ids(page) == [f"#{r['id']}" for r in records
                                   if any(f["severity"] == severity for f in r["findings"])]
    page.select_option("#severity-filter", "none")
    assert shown_ids(page) == [f"#{r['id']}" for r in records if not r["findings"]]
    page.select_option("#severity-filter", "all")

    page.locator("#score-filter").fill("60")
    assert shown_ids(page) == [f"#{r['id']}" for r in records if r["score"] <= 60]
    page.locator("#score-filter").fill("100")

    page.select_option("#order", "worst")
    worst = sorted(range(len(records)), key=lambda k: (records[k]["score"], k))
    assert shown_ids(page) == [f"#{records[k]['id']}" for k in worst]

    page.locator("button.rule-filter[data-rule='MT102']").click()
    assert page.input_value("#rule-filter") == "MT102" and len(shown_ids(page)) == 1
    report.assert_clean()


def test_search_matches_text_and_messages_case_insensitively(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    records = contract_records(SEED)
    ids = page.locator(".segment .seg-head a")
    page.fill("#search", "ZELENSKY")
    expect(ids).to_have_text([f"#{r['id']}" for r in records if "zelensky" in r["text"].lower()])
    page.fill("#search", "capitalised in the middle")  # a message, not the text
    expect(ids).to_have_text(["#16"])
    page.fill("#search", "no such words anywhere")
    expect(page.locator("#status")).to_contain_text("No segment matches")
    expect(ids).to_have_count(0)
    report.assert_clean()


def test_worst_segment_link_shows_that_segment_whatever_the_filters(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    page.select_option("#severity-filter", "none")
    page.locator("ol.worst a").first.click()
    focused = page.evaluate("document.activeElement.id")
    assert focused == page.locator("ol.worst a").first.get_attribute("href")[1:]
    assert page.locator(f"#{focused} mark.hl").count() >= 1
    report.assert_clean()


def test_source_and_reference_stand_beside_the_translation(open_report, hostile_report):
    report = open_report(hostile_report)
    first = report.page.locator(".segment").first
    assert first.locator(".col-label").all_inner_texts() == ["SOURCE", "TRANSLATION", "REFERENCE"]
    assert report.page.locator(".segment").nth(3).locator(".col-label").count() == 0  # text alone
    report.assert_clean()


def test_surprisal_toggle_shades_tokens_and_is_absent_without_token_data(open_report, hostile_report, seed_report):
    report = open_report(hostile_report)
    page = report.page
    assert page.locator("#surprisal-toggle").count() == 1
    page.check("#surprisal-toggle")
    assert "surprisal" in page.evaluate("document.body.className")
    emoji = page.locator(".segment").nth(4).locator(".s4").first
    assert emoji.inner_text() == "😀" and "9.50 nats" in emoji.get_attribute("title")
    assert open_report(seed_report).page.locator("#surprisal-toggle").count() == 0
    report.assert_clean()


def test_injected_markup_stays_inert(open_report, hostile_report):
    report = open_report(hostile_report)
    page = report.page
    for i in range(page.locator("mark.hl").count()):
        page.locator("mark.hl").nth(i).click()
        page.locator(".details:not([hidden]) summary").first.click()
    page.locator("#search").fill("<script>")
    expect(page.locator("#status")).to_contain_text(" of 2 matching")
    page.locator("#search").fill("")
    expect(page.locator("#status")).to_contain_text(" of 5 matching")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, svg:not(.chart svg), iframe, object, embed, b, i')"
                         ".length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 2  # the data block and the page's own
    hrefs = page.evaluate("Array.from(document.querySelectorAll('[href]'), a => a.getAttribute('href'))")
    assert all(href.startswith("#s-") for href in hrefs)
    text = page.locator("#segment-list").inner_text()
    assert "<script>window.__pwned = 1</script>" in text and 'onerror="window.__pwned=2"' in text
    assert "javascript:window.__pwned=3" in text and "<!-- x -->" in text
    assert 'onerror="window.__pwned=7"' in page.locator(".inputs").inner_text()  # the file name
    report.assert_clean()


def test_content_security_policy_blocks_inline_script_that_is_not_the_reports(open_report, seed_report):
    report = open_report(seed_report)
    page = report.page
    page.evaluate("""() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = 1';
      document.body.appendChild(script);
    }""")
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")
    assert report.requests == [report.url]
    report.errors.clear()  # the violation this test provoked is logged as a console error


def test_ten_thousand_segments_open_and_page(open_report, large_report: Path):
    report = open_report(large_report)
    page = report.page
    assert "of 10,000 matching segments" in page.locator("#status").inner_text()
    assert page.locator(".segment").count() == 50
    assert len(page.evaluate(HIGHLIGHTED)) == count_in_data(page, "s => s.findings.length", first=50) > 0
    page.locator(".pager").first.locator("button[data-page='last']").click()
    assert page.locator(".page-info").first.inner_text() == "Page 200 of 200"
    assert shown_ids(page)[-1] == "#r9999"
    page.locator("mark.hl").first.click()
    assert page.locator(".details:not([hidden]) .finding").count() >= 1
    page.select_option("#rule-filter", "MT301")
    expected = count_in_data(page, "s => s.findings.some(f => f.rule === 'MT301') ? 1 : 0")
    assert f"of {expected:,} matching segments" in page.locator("#status").inner_text()
    page.mouse.wheel(0, 20_000)
    report.assert_clean()


def test_screenshot_writes_a_png(browser, seed_report, tmp_path):
    # Its own process: Playwright's sync API does not nest inside the session's running browser.
    image = tmp_path / "seed.png"
    done = subprocess.run([sys.executable, "-m", "mtqa.report.screenshot", str(seed_report), str(image)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
