// mtqa report: filters, pages and highlight details over the JSON embedded in #mtqa-data.
// Every input string reaches the page through textContent or a text node, never as markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("mtqa-data").textContent);
  var segments = data.segments;
  var PER_PAGE = data.perPage;
  var RANK = { minor: 1, major: 2, critical: 3 };
  var state = { query: "", rule: "", severity: "all", maxScore: 100, order: "input", page: 0, shown: [] };
  var list = document.getElementById("segment-list");
  var controls = {
    search: document.getElementById("search"),
    rule: document.getElementById("rule-filter"),
    severity: document.getElementById("severity-filter"),
    score: document.getElementById("score-filter"),
    scoreValue: document.getElementById("score-value"),
    order: document.getElementById("order"),
    surprisal: document.getElementById("surprisal-toggle")
  };

  // el("p", {className: "x", "data-i": 3}, "text", child, ...): attributes are set one by one, children
  // that are strings become text nodes.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, String(attrs[name]));
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function pieceText(piece) { return typeof piece === "string" ? piece : piece[0]; }
  function segmentText(seg) { return seg.pieces.map(pieceText).join(""); }

  function haystack(seg) {
    if (seg.hay === undefined) {
      var parts = [seg.id, segmentText(seg), seg.src || "", seg.ref || ""];
      seg.findings.forEach(function (f) { parts.push(f.rule, f.msg); });
      seg.hay = parts.join("\n").toLowerCase();
    }
    return seg.hay;
  }

  function worstSeverity(seg) {
    var worst = "";
    seg.findings.forEach(function (f) { if (!worst || RANK[f.sev] > RANK[worst]) worst = f.sev; });
    return worst;
  }

  function matches(seg) {
    if (state.rule && !seg.findings.some(function (f) { return f.rule === state.rule; })) return false;
    if (state.severity === "any" && !seg.findings.length) return false;
    if (state.severity === "none" && seg.findings.length) return false;
    if (RANK[state.severity] && !seg.findings.some(function (f) { return f.sev === state.severity; })) return false;
    if (seg.score > state.maxScore) return false;
    return !state.query || haystack(seg).indexOf(state.query) !== -1;
  }

  function applyFilters() {
    var shown = [];
    for (var i = 0; i < segments.length; i++) if (matches(segments[i])) shown.push(i);
    if (state.order === "worst") {
      shown.sort(function (a, b) { return segments[a].score - segments[b].score || a - b; });
    }
    state.shown = shown;
    state.page = 0;
    render();
  }

  function pageCount() { return Math.max(1, Math.ceil(state.shown.length / PER_PAGE)); }

  function render() {
    var first = state.page * PER_PAGE;
    var indices = state.shown.slice(first, first + PER_PAGE);
    var fragment = document.createDocumentFragment();
    indices.forEach(function (index) { fragment.appendChild(renderSegment(index)); });
    list.replaceChildren(fragment);
    var total = segments.length.toLocaleString("en");
    document.getElementById("status").textContent = state.shown.length
      ? "Showing " + (first + 1).toLocaleString("en") + "–" + (first + indices.length).toLocaleString("en") +
        " of " + state.shown.length.toLocaleString("en") + " matching segments (" + total + " in all)"
      : "No segment matches these filters (" + total + " in all).";
    document.querySelectorAll(".page-info").forEach(function (info) {
      info.textContent = "Page " + (state.page + 1) + " of " + pageCount();
    });
    document.querySelectorAll(".pager button").forEach(function (button) {
      var kind = button.getAttribute("data-page");
      button.disabled = (kind === "first" || kind === "prev") ? state.page === 0 : state.page >= pageCount() - 1;
    });
  }

  function renderSegment(index) {
    var seg = segments[index];
    var worst = worstSeverity(seg);
    var article = el("article", { className: "segment " + (worst ? "worst-sev-" + worst : "clean"),
                                  id: "s-" + index, "data-index": index, tabindex: -1 });
    var head = el("div", { className: "seg-head" },
      el("a", { href: "#s-" + index }, "#" + seg.id),
      data.documents.length > 1 ? el("span", { className: "path" }, data.documents[seg.doc]) : null,
      seg.fluency !== undefined ? el("span", { className: "fluency" }, "fluency " + seg.fluency) : null,
      seg.quality !== undefined ? el("span", { className: "fluency quality",
                                               title: "estimated human DA score, 0-100" }, "quality " + seg.quality) : null,
      seg.refm ? el("span", { className: "refm", title: "sentence scores against the reference" },
        ["bleu", "chrf", "ter"].filter(function (m) { return seg.refm[m] !== undefined; })
          .map(function (m) { return { bleu: "BLEU ", chrf: "chrF ", ter: "TER " }[m] + seg.refm[m]; }).join(" · ")) : null,
      el("span", { className: "score" }, "score " + seg.score.toFixed(1)));
    var columns = [];
    if (seg.src !== undefined) columns.push(column("Source", el("p", { className: "text aux src" }, seg.src)));
    columns.push(column(seg.src !== undefined || seg.ref !== undefined ? "Translation" : null, renderText(seg)));
    if (seg.ref !== undefined) columns.push(column("Reference", el("p", { className: "text aux ref" }, seg.ref)));
    var grid = el("div", { className: "columns cols-" + columns.length });
    columns.forEach(function (c) { grid.appendChild(c); });
    article.appendChild(head);
    article.appendChild(grid);
    if (seg.findings.length) {
      var chips = el("ul", { className: "chips", "aria-label": "Findings" });
      seg.findings.forEach(function (f, i) {
        chips.appendChild(el("li", null, el("button", { type: "button", className: "chip", "data-finding": i },
          el("span", { className: "badge sev-" + f.sev }, f.sev), el("code", null, f.rule), f.msg)));
      });
      article.appendChild(chips);
    }
    article.appendChild(el("div", { className: "details", hidden: "" }));
    return article;
  }

  function column(label, body) {
    return el("div", { className: "col" }, label ? el("h3", { className: "col-label" }, label) : null, body);
  }

  function surprisalClass(value) {
    return " s" + (value < 2 ? 0 : value < 4 ? 1 : value < 6 ? 2 : value < 8 ? 3 : 4);
  }

  // Pieces come cut at every finding and token boundary (see mtqa/report/spans.py), so each one is a
  // flat element: overlapping findings never need nested or crossing tags.
  function renderText(seg) {
    var p = el("p", { className: "text mt" });
    var seen = {};
    seg.pieces.forEach(function (piece) {
      if (typeof piece === "string") { p.appendChild(document.createTextNode(piece)); return; }
      var text = piece[0], covering = piece[1], surprisal = piece.length > 2 ? piece[2] : null;
      var shade = surprisal === null ? "" : surprisalClass(surprisal);
      var title = surprisal === null ? null : "surprisal " + surprisal.toFixed(2) + " nats";
      if (!covering.length) {
        var token = el("span", { className: "tok" + shade }, text);
        if (title) token.title = title;
        p.appendChild(token);
        return;
      }
      var worst = "", opens = false;
      covering.forEach(function (i) {
        var sev = seg.findings[i].sev;
        if (!worst || RANK[sev] > RANK[worst]) worst = sev;
        if (!seen[i]) { seen[i] = true; opens = true; }
      });
      var label = covering.map(function (i) { return seg.findings[i].sev + " " + seg.findings[i].rule; }).join(", ");
      var mark = el("mark", {
        className: "hl sev-" + worst + " d" + Math.min(covering.length, 3) + (text ? "" : " gap") +
                   (opens ? " first" : "") + shade,
        "data-findings": covering.join(" "), tabindex: opens ? 0 : -1, role: "button",
        "aria-label": (text ? text + ": " : "missing text: ") + label
      }, text);
      if (title) mark.title = title;
      p.appendChild(mark);
    });
    return p;
  }

  function showDetails(article, indices) {
    var seg = segments[Number(article.getAttribute("data-index"))];
    var details = article.querySelector(".details");
    indices = indices.slice().sort(function (a, b) {
      var fa = seg.findings[a], fb = seg.findings[b];
      return (fa.end - fa.start) - (fb.end - fb.start) || a - b;
    });
    var close = el("button", { type: "button", className: "close", "aria-label": "Close details" }, "Close ×");
    close.addEventListener("click", function () { hideDetails(); });
    hideDetails();
    details.replaceChildren(close);
    indices.forEach(function (i) { details.appendChild(renderFinding(seg, seg.findings[i])); });
    details.hidden = false;
    article.querySelectorAll("mark.hl").forEach(function (mark) {
      var covering = mark.getAttribute("data-findings").split(" ").map(Number);
      if (covering.some(function (i) { return indices.indexOf(i) !== -1; })) mark.classList.add("active");
    });
  }

  function hideDetails() {
    document.querySelectorAll(".details:not([hidden])").forEach(function (d) { d.hidden = true; });
    document.querySelectorAll("mark.hl.active").forEach(function (m) { m.classList.remove("active"); });
  }

  function renderFinding(seg, f) {
    var rule = data.rules[f.rule] || { name: "", category: "", sections: [] };
    var text = segmentText(seg);
    var surface = Array.from(text).slice(f.start, f.end).join("");
    var box = el("section", { className: "finding sev-" + f.sev },
      el("h3", null, el("span", { className: "badge sev-" + f.sev }, f.sev), " ", el("code", null, f.rule), " ",
         rule.name, " ", el("span", { className: "category" }, rule.category)),
      el("p", { className: "message" }, f.msg),
      el("p", { className: "where" }, f.start === f.end
        ? "missing text at character " + f.start
        : "“" + surface + "”, characters " + f.start + "–" + f.end));
    if (!f.fixes.length) box.appendChild(el("p", { className: "nofix" }, "No automatic fix for this finding."));
    f.fixes.forEach(function (fix) { box.appendChild(renderFix(fix)); });
    var doc = el("details", { className: "ruledoc" }, el("summary", null, "About " + f.rule + " (" + rule.name + ")"));
    rule.sections.forEach(function (section) {
      if (section[0]) doc.appendChild(el("h4", null, section[0]));
      section[1].forEach(function (para) {
        doc.appendChild(section[0] === "Example" ? el("pre", null, para) : el("p", null, para));
      });
    });
    box.appendChild(doc);
    return box;
  }

  function renderFix(fix) {
    var corrected = el("p", { className: "corrected" });
    var sentence = "";
    fix.diff.forEach(function (part) {
      if (part[0] === "del") { corrected.appendChild(el("del", null, part[1])); return; }
      sentence += part[1];
      corrected.appendChild(part[0] === "ins" ? el("ins", null, part[1]) : document.createTextNode(part[1]));
    });
    var copy = el("button", { type: "button", className: "copy" }, "Copy corrected sentence");
    copy.addEventListener("click", function () { copyText(sentence, copy); });
    return el("div", { className: "fix" },
      el("p", null, el("span", { className: "badge " + fix.app }, fix.app + " fix"), " ", fix.desc,
         fix.gain !== undefined ? " (LM gain " + fix.gain + ")" : null),
      corrected, copy);
  }

  function copyText(text, button) {
    function done(ok) {
      button.textContent = ok ? "Copied" : "Select the sentence above and copy it";
      setTimeout(function () { button.textContent = "Copy corrected sentence"; }, 2000);
    }
    function fallback() {
      var area = el("textarea", { readonly: "", "aria-hidden": "true", className: "copy-buffer" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      area.remove();
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function goTo(index) {
    var position = state.shown.indexOf(index);
    if (position === -1) {
      resetFilters();
      position = state.shown.indexOf(index);
    }
    state.page = Math.floor(position / PER_PAGE);
    render();
    var article = document.getElementById("s-" + index);
    if (article) { article.scrollIntoView({ block: "start" }); article.focus({ preventScroll: true }); }
  }

  function resetFilters() {
    controls.search.value = ""; controls.rule.value = ""; controls.severity.value = "all";
    controls.score.value = "100"; controls.order.value = "input";
    readControls();
  }

  function readControls() {
    state.query = controls.search.value.trim().toLowerCase();
    state.rule = controls.rule.value;
    state.severity = controls.severity.value;
    state.maxScore = Number(controls.score.value);
    state.order = controls.order.value;
    controls.scoreValue.textContent = controls.score.value;
    applyFilters();
  }

  var searchTimer = null;
  controls.search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(readControls, 120);
  });
  [controls.rule, controls.severity, controls.order].forEach(function (c) { c.addEventListener("change", readControls); });
  controls.score.addEventListener("input", readControls);
  if (controls.surprisal) {
    controls.surprisal.addEventListener("change", function () {
      document.body.classList.toggle("surprisal", controls.surprisal.checked);
    });
  }

  document.querySelectorAll(".pager button").forEach(function (button) {
    button.addEventListener("click", function () {
      var kind = button.getAttribute("data-page");
      var last = pageCount() - 1;
      state.page = kind === "first" ? 0 : kind === "last" ? last
        : Math.max(0, Math.min(last, state.page + (kind === "next" ? 1 : -1)));
      render();
      list.scrollIntoView({ block: "start" });
    });
  });

  document.querySelectorAll(".rule-filter").forEach(function (button) {
    button.addEventListener("click", function () {
      controls.rule.value = button.getAttribute("data-rule");
      readControls();
      controls.rule.scrollIntoView({ block: "start" });
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#s-']");
    if (link) {
      event.preventDefault();
      var index = Number(link.getAttribute("href").slice(3));
      history.replaceState(null, "", "#s-" + index);
      goTo(index);
    }
  });

  list.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    var chip = event.target.closest("button.chip");
    if (mark) showDetails(mark.closest(".segment"), mark.getAttribute("data-findings").split(" ").map(Number));
    else if (chip) showDetails(chip.closest(".segment"), [Number(chip.getAttribute("data-finding"))]);
  });
  list.addEventListener("focusin", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark) showDetails(mark.closest(".segment"), mark.getAttribute("data-findings").split(" ").map(Number));
  });
  list.addEventListener("keydown", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showDetails(mark.closest(".segment"), mark.getAttribute("data-findings").split(" ").map(Number));
    }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideDetails(); });

  readControls();
  var initial = /^#s-(\d+)$/.exec(location.hash);
  if (initial && Number(initial[1]) < segments.length) goTo(Number(initial[1]));
})();
