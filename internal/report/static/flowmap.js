// Flow maps of the Global Report: each .flow-map element names a JSON
// script element holding {arcs: [{from, to, value}], shade: [m49...]}
// (countries by M49 code, as world-atlas keys them). The map is drawn with
// d3-geo's Equal Earth projection from the world atlas the edition carries
// as a script (window.tipsomWorld), so it works from a folder as well as
// from the app. An arc joins the centroids of origin and destination, its
// width proportional to the victims; a domestic flow is a dot. The table
// beside the map holds the same flows for readers who cannot see it.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 960, HEIGHT = 500;

  function el(name, cls) {
    var e = document.createElementNS(SVG, name);
    if (cls) {
      e.setAttribute("class", cls);
    }
    return e;
  }

  function draw(box, world, spec) {
    var land = topojson.feature(world, world.objects.countries);
    var projection = d3.geoEqualEarth().fitSize([WIDTH, HEIGHT], land);
    var path = d3.geoPath(projection).digits(1); // a tenth of a pixel: lighter to draw and print
    var byId = {}, shaded = {};
    (spec.shade || []).forEach(function (c) { shaded[c] = true; });
    var svg = el("svg");
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    land.features.forEach(function (f) {
      byId[f.id] = f;
      var shape = el("path", shaded[f.id] ? "land shade" : "land");
      shape.setAttribute("d", path(f) || "");
      svg.appendChild(shape);
    });
    var arcs = spec.arcs || [];
    var max = 1;
    arcs.forEach(function (a) { max = Math.max(max, a.value); });
    arcs.forEach(function (a) {
      var from = byId[a.from], to = byId[a.to];
      if (!from || !to) {
        return;
      }
      var p0 = projection(d3.geoCentroid(from)), p1 = projection(d3.geoCentroid(to));
      if (!p0 || !p1) {
        return;
      }
      var width = 1 + 6 * a.value / max;
      if (a.from === a.to) {
        var dot = el("circle", "dot");
        dot.setAttribute("cx", p0[0]);
        dot.setAttribute("cy", p0[1]);
        dot.setAttribute("r", 2 + width);
        svg.appendChild(dot);
        return;
      }
      var mx = (p0[0] + p1[0]) / 2, my = (p0[1] + p1[1]) / 2;
      var dx = p1[0] - p0[0], dy = p1[1] - p0[1];
      var cx = mx - dy * 0.25, cy = my + dx * 0.25;
      var line = el("path", "arc");
      line.setAttribute("d", "M" + p0[0] + "," + p0[1] + " Q" + cx + "," + cy + " " + p1[0] + "," + p1[1]);
      line.setAttribute("stroke-width", width.toFixed(1));
      svg.appendChild(line);
    });
    box.appendChild(svg);
  }

  function init() {
    if (!window.d3 || !window.topojson || !window.tipsomWorld) {
      return;
    }
    document.querySelectorAll(".flow-map[data-flows]").forEach(function (box) {
      var src = document.getElementById(box.getAttribute("data-flows"));
      try {
        draw(box, window.tipsomWorld, src ? JSON.parse(src.textContent || "{}") : {});
      } catch (e) {
        box.classList.add("map-failed");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
