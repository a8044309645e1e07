/// The site's one style sheet and one script: files of their own (no inline script, so a
/// strict content security policy holds), nothing loaded from another host.
enum SiteAssets {
    static var files: [SiteFile] {
        [SiteFile(path: "assets/site.css", bytes: Array(css.utf8)), SiteFile(path: "assets/site.js", bytes: Array(script.utf8))]
    }

    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --panel: #f6f8fa; --link: #0b5cad;
          --open: #5b6f8c; --actioned: #1a7f37; --declined: #b35900; --excluded: #8c959f; --trend: #8250df; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
        a { color: var(--link); }
        code, .commit { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.6rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--panel); }
        header.top .brand { font-weight: 600; color: var(--ink); text-decoration: none; }
        header.top nav { display: flex; flex-wrap: wrap; gap: 1rem; }
        header.top nav a { text-decoration: none; padding: 0.15rem 0; }
        header.top nav a[aria-current="page"] { font-weight: 600; border-bottom: 2px solid var(--ink); color: var(--ink); }
        main { padding: 1rem 1.25rem 2rem; max-width: 1400px; margin: 0 auto; }
        footer { padding: 1rem 1.25rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
        h1 { font-size: 1.6rem; margin: 0.4rem 0 0.6rem; line-height: 1.25; overflow-wrap: anywhere; }
        h1 .id { color: var(--muted); font-weight: 500; }
        h2 { font-size: 1.15rem; margin: 1.4rem 0 0.5rem; }
        .lead { color: var(--muted); margin-top: 0; }
        .note, .crumbs { color: var(--muted); font-size: 0.9rem; }
        .warning { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.5rem 0.75rem; border-radius: 6px; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; padding: 0.75rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 0.75rem; }
        .filters[hidden] { display: none; }
        .filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); gap: 0.15rem; }
        .filters input, .filters select { font: inherit; font-size: 0.95rem; padding: 0.3rem 0.4rem; border: 1px solid var(--line); border-radius: 6px; min-width: 10rem; background: var(--paper); color: var(--ink); }
        .filters output { font-size: 0.9rem; color: var(--muted); padding-bottom: 0.35rem; }
        .facets { font-size: 0.88rem; margin-bottom: 0.75rem; }
        .facets p { margin: 0.2rem 0; }
        .facets span { font-weight: 600; margin-right: 0.25rem; }
        .facets a { margin-right: 0.35rem; white-space: nowrap; }
        .board { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 1rem; align-items: start; }
        .column { background: var(--panel); border: 1px solid var(--line); border-top: 4px solid var(--open); border-radius: 8px; padding: 0 0.6rem 0.6rem; min-width: 0; }
        .column.actioned { border-top-color: var(--actioned); }
        .column.declined { border-top-color: var(--declined); }
        .column.excluded { border-top-color: var(--excluded); }
        .column h2 { font-size: 1rem; margin: 0.6rem 0.1rem; display: flex; gap: 0.4rem; align-items: baseline; }
        .column h2 .category { margin-left: auto; font-size: 0.75rem; font-weight: 500; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
        .count { background: var(--line); border-radius: 999px; padding: 0 0.45rem; font-size: 0.8rem; font-weight: 600; }
        .cards { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.45rem; }
        /* Cards out of view are not laid out or painted until scrolled to: the board of
           10,000 requests loads in a third of the time. */
        .card { content-visibility: auto; contain-intrinsic-size: auto 90px; }
        .card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 0.45rem 0.6rem; overflow-wrap: anywhere; }
        .card a { text-decoration: none; color: var(--ink); display: block; }
        .card a:hover b, .card a:focus b { text-decoration: underline; }
        .card b { color: var(--link); font-weight: 600; margin-right: 0.2rem; }
        .meta { display: flex; flex-wrap: wrap; gap: 0.1rem 0.7rem; color: var(--muted); font-size: 0.8rem; margin-top: 0.2rem; }
        .meta .area { font-weight: 600; }
        .badge { display: inline-block; padding: 0.05rem 0.55rem; border-radius: 999px; color: #fff; background: var(--open); font-size: 0.85rem; font-weight: 600; }
        .badge.actioned { background: var(--actioned); }
        .badge.declined { background: var(--declined); }
        .badge.excluded { background: var(--excluded); }
        .reason { font-style: italic; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.4rem 0; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        td a { overflow-wrap: anywhere; }
        thead th { background: var(--panel); }
        .number { text-align: right; font-variant-numeric: tabular-nums; }
        dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
        dl.fields dt { font-weight: 600; }
        dl.fields dd { margin: 0; overflow-wrap: anywhere; }
        dl.fields dd ul, dl.fields dd dl { margin: 0; padding-left: 1.1rem; }
        .empty { color: var(--muted); }
        .timeline { padding-left: 1.2rem; }
        .timeline li { margin: 0.2rem 0; }
        .timeline time, .changes time { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: 0.3rem; }
        .who { color: var(--muted); }
        .why { color: var(--ink); }
        .markdown { max-width: 52rem; overflow-wrap: anywhere; }
        .markdown pre { background: var(--panel); padding: 0.6rem; overflow-x: auto; border-radius: 6px; }
        .ask { border-top: 1px solid var(--line); }
        .ask h2 { font-size: 1.05rem; }
        .changes { padding-left: 1.2rem; }
        .changes li { margin: 0.35rem 0; }
        .changes .title { font-weight: 600; }
        .changes .move { color: var(--muted); margin-left: 0.4rem; white-space: nowrap; }
        .member { margin-right: 0.6rem; }
        .member b { font-weight: 600; color: var(--muted); }
        .tell { font-size: 0.88rem; color: var(--muted); }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 0.75rem; margin-bottom: 1rem; }
        .tile { border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.8rem; background: var(--panel); display: flex; flex-direction: column; }
        .tile .figure { font-size: 1.6rem; font-weight: 700; }
        .tile .label { font-weight: 600; }
        .tile .detail { color: var(--muted); font-size: 0.85rem; }
        figure.chart { margin: 1.25rem 0 1.75rem; }
        figure.chart h2 { margin-top: 0; }
        .plot { overflow-x: auto; }
        .chart-svg { display: block; max-width: none; font-size: 11px; }
        .chart-svg .grid { stroke: var(--line); stroke-width: 1; }
        .chart-svg .axis, .chart-svg .label { fill: var(--muted); font-size: 11px; }
        .chart-svg .label { fill: var(--ink); font-size: 12px; }
        .chart-svg .bar.actioned { fill: var(--actioned); }
        .chart-svg .bar.declined { fill: var(--declined); }
        .chart-svg .bar.open { fill: var(--open); }
        .chart-svg .bar.excluded { fill: var(--excluded); }
        .chart-svg .hatch-bg { fill: #cfe8d6; }
        .chart-svg .hatch { stroke: var(--actioned); stroke-width: 2; }
        .chart-svg .track { fill: var(--panel); stroke: var(--line); }
        .chart-svg .series polyline { fill: none; stroke-width: 2; }
        .chart-svg .series.trend polyline, .chart-svg .trend.key { stroke: var(--trend); fill: var(--trend); }
        .chart-svg .series.trend polyline { fill: none; }
        .chart-svg .series.trend circle { fill: var(--trend); }
        .chart-svg .series.demand polyline { stroke: #bf8700; stroke-dasharray: 4 3; }
        .chart-svg .series.demand circle, .chart-svg .demand.key { fill: #bf8700; }
        .chart-svg .series.triage polyline { stroke: var(--open); }
        .chart-svg .series.triage circle, .chart-svg .series.triage.key { fill: var(--open); }
        .chart-svg .series.action polyline { stroke: var(--actioned); }
        .chart-svg .series.action circle, .chart-svg .series.action.key { fill: var(--actioned); }
        .chart-svg .series.p90 polyline { stroke-dasharray: 5 3; }
        .chart-svg .series.p90 circle, .chart-svg .series.p90.key { opacity: 0.6; }
        .chart-svg .bar.in-progress.key { fill: #cfe8d6; stroke: var(--actioned); }
        figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.3rem; }
        details summary { cursor: pointer; color: var(--link); font-size: 0.9rem; margin-top: 0.3rem; }
        h3 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
        @media (max-width: 600px) {
          main { padding: 0.75rem; }
          h1 { font-size: 1.3rem; }
          .filters input, .filters select { min-width: 0; width: 100%; }
          .filters label { flex: 1 1 45%; }
          dl.fields { grid-template-columns: 1fr; }
          .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem; }
          .tile { padding: 0.45rem 0.6rem; }
          .tile .figure { font-size: 1.3rem; }
          .plot { border-right: 3px solid var(--line); }
          dl.fields dd { margin-bottom: 0.4rem; }
        }

        """

    /// The board's filters: the form the page hides without JavaScript is shown, filled from
    /// the address (`?q=…&area=…`, so a filtered board can be shared), and narrows the cards
    /// as the user types.
    static let script = """
        (function () {
          "use strict";
          var form = document.getElementById("filters");
          if (!form) { return; }
          function fold(text) {
            return (text || "").normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
          }
          var sections = Array.prototype.slice.call(document.querySelectorAll(".board > .column"));
          var cards = [];
          sections.forEach(function (section) {
            Array.prototype.forEach.call(section.querySelectorAll(".card"), function (card) {
              cards.push({
                element: card, section: section,
                status: section.getAttribute("data-status"),
                category: card.getAttribute("data-category"),
                area: card.getAttribute("data-area"),
                segments: card.getAttribute("data-segments").split("\\t"),
                customers: fold(card.getAttribute("data-customers")),
                text: fold(card.textContent + "\\t" + card.getAttribute("data-customers"))
              });
            });
          });
          var output = document.getElementById("shown");
          var params = new URLSearchParams(window.location.search);
          Array.prototype.forEach.call(form.elements, function (field) {
            if (field.name && params.has(field.name)) { field.value = params.get(field.name); }
          });
          function apply() {
            var q = fold(form.elements.q.value.trim());
            var status = form.elements.status.value;
            var category = form.elements.category ? form.elements.category.value : "";
            var area = form.elements.area ? form.elements.area.value : "";
            var segment = form.elements.segment ? form.elements.segment.value : "";
            var customer = fold(form.elements.customer.value.trim());
            var shown = 0;
            var counts = new Map();
            cards.forEach(function (card) {
              var visible = (!q || card.text.indexOf(q) >= 0) &&
                (!status || card.status === status) &&
                (!category || card.category === category) &&
                (!area || card.area === area) &&
                (!segment || card.segments.indexOf(segment) >= 0) &&
                (!customer || card.customers.indexOf(customer) >= 0);
              card.element.hidden = !visible;
              if (visible) { shown += 1; counts.set(card.section, (counts.get(card.section) || 0) + 1); }
            });
            var filtering = q || status || category || area || segment || customer;
            sections.forEach(function (section) {
              var count = counts.get(section) || 0;
              section.querySelector(".count").textContent = String(count);
              section.hidden = Boolean(filtering) && count === 0;
            });
            output.textContent = filtering ? "Showing " + shown + " of " + cards.length + " requests" : cards.length + " requests";
            // The address keeps the filters, so a filtered board can be shared.
            var query = new URLSearchParams();
            Array.prototype.forEach.call(form.elements, function (field) {
              if (field.name && field.value) { query.set(field.name, field.value); }
            });
            var search = query.toString();
            try {
              window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
            } catch (error) {
              // Some browsers refuse it on file:// pages; the filters still work.
            }
          }
          form.hidden = false;
          form.addEventListener("input", apply);
          form.addEventListener("change", apply);
          form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
          apply();
        })();

        """
}
