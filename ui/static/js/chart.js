// Charts: each .chart[data-chart] element names a JSON script element
// holding {type: "line", x: [...], series: [{name, data: [...]}], yName}.
// The chart is drawn with Apache ECharts; the data table beside every
// chart carries the same figures for readers who cannot see it, so the
// drawing itself is hidden from assistive technology.
(function () {
  "use strict";

  function option(spec, rtl) {
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 48, right: 24, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: "category", data: spec.x || [], boundaryGap: false, inverse: !!rtl },
      yAxis: { type: "value", name: spec.yName || "", minInterval: 1, position: rtl ? "right" : "left" },
      series: (spec.series || []).map(function (s) {
        return { name: s.name, type: spec.type || "line", data: s.data || [], showSymbol: false };
      })
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
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option(spec, document.documentElement.dir === "rtl"));
    el.querySelectorAll("svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
    });
    window.addEventListener("resize", function () { chart.resize(); });
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
