// Charts: each .chart[data-chart] element names a JSON script element
// holding either
//   {type: "line"|"bar", x: [...], series: [{name, data: [...]}], yName, stack}
// (stack: bars stacked, as for shares that add up to 100 %), or
//   {type: "sankey", nodes: [{id, label}], links: [{source, target, value}]}
// (flows between groups: node ids keep an origin and a destination of the
// same name apart, so a region's flows to itself draw no cycle).
// The chart is drawn with Apache ECharts; the data table beside every
// chart carries the same figures for readers who cannot see it, so the
// drawing itself is hidden from assistive technology.
(function () {
  "use strict";

  function axisOption(spec, rtl) {
    var bars = spec.type === "bar";
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 48, right: 24, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: "category", data: spec.x || [], boundaryGap: bars, inverse: !!rtl },
      yAxis: { type: "value", name: spec.yName || "", minInterval: spec.stack ? 0 : 1, max: spec.stack ? 100 : null,
        position: rtl ? "right" : "left" },
      series: (spec.series || []).map(function (s) {
        return { name: s.name, type: spec.type || "line", data: s.data || [], showSymbol: false, connectNulls: false,
          stack: spec.stack ? "shares" : undefined };
      })
    };
  }

  // escapeHTML makes text safe to put in HTML: ECharts renders a tooltip
  // formatter's string as HTML, and group names come from data.
  function escapeHTML(v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function sankeyOption(spec) {
    var labels = {};
    (spec.nodes || []).forEach(function (n) { labels[n.id] = n.label; });
    return {
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (p.dataType === "edge") {
            return escapeHTML(labels[p.data.source]) + " → " + escapeHTML(labels[p.data.target]) + ": " + escapeHTML(p.data.value);
          }
          return escapeHTML(labels[p.name]) + ": " + escapeHTML(p.value);
        }
      },
      series: [{
        type: "sankey", left: 8, right: 140, top: 8, bottom: 8, nodeGap: 10, emphasis: { focus: "adjacency" },
        lineStyle: { color: "gradient", curveness: 0.5, opacity: 0.45 },
        data: (spec.nodes || []).map(function (n) { return { name: n.id, label: { formatter: n.label } }; }),
        links: spec.links || []
      }]
    };
  }

  function draw(el) {
    var src = document.getElementById(el.getAttribute("data-chart"));
    if (!src) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(src.textContent || "{}");
    } catch (e) {
      el.classList.add("chart-failed");
      return;
    }
    var rtl = document.documentElement.dir === "rtl";
    // ECharts places its labels itself; inheriting the page's right-to-left
    // direction would flip their anchors onto the legend's symbols. The
    // axes are mirrored through the options instead, and Arabic labels
    // still read right to left by the bidirectional algorithm.
    el.setAttribute("dir", "ltr");
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(spec.type === "sankey" ? sankeyOption(spec) : axisOption(spec, rtl));
    el.querySelectorAll("svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
    });
    window.addEventListener("resize", function () { chart.resize(); });
    try {
      wireDownloads(el, chart);
    } catch (e) {
      // The buttons stay hidden; the chart and its table are what matter.
    }
  }

  // save offers a data URL as a file.
  function save(url, name) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // wireDownloads shows the chart's PNG and SVG buttons
  // ([data-chart-download=ID]) and makes them save the drawing: SVG as
  // ECharts renders it, PNG by painting that SVG on a canvas at twice the
  // size. The chart draws only the table's figures, so the files hold no
  // more than the table does.
  function wireDownloads(el, chart) {
    var name = el.getAttribute("data-filename") || el.id;
    document.querySelectorAll("[data-chart-download='" + el.id + "']").forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var svgURL = chart.getDataURL({ type: "svg" });
        if (btn.getAttribute("data-format") === "svg") {
          save(svgURL, name + ".svg");
          return;
        }
        var img = new Image();
        img.onload = function () {
          var canvas = document.createElement("canvas");
          canvas.width = el.clientWidth * 2;
          canvas.height = el.clientHeight * 2;
          var ctx = canvas.getContext("2d");
          ctx.fillStyle = "#fff";
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
          save(canvas.toDataURL("image/png"), name + ".png");
        };
        img.src = svgURL;
      });
    });
  }

  function init() {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll(".chart[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
