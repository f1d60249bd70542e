// World maps: each .world-map element names a TopoJSON file (world-atlas,
// countries keyed by M49 code) and a JSON script element holding, per M49
// code, a colour class, a tooltip and a link. The map is drawn with d3-geo's
// Equal Earth projection (which, unlike drawing raw coordinates, does not
// streak polygons across the 180th meridian). The table on each page carries
// the same data for readers who cannot see the map.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function draw(el, topology, values) {
    var land = topojson.feature(topology, topology.objects.countries);
    var width = 960, height = 500;
    var projection = d3.geoEqualEarth().fitSize([width, height], land);
    var path = d3.geoPath(projection);
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    land.features.forEach(function (f) {
      var v = values[f.id];
      var shape = document.createElementNS(SVG, "path");
      shape.setAttribute("d", path(f) || "");
      shape.setAttribute("class", "country " + (v ? v.class : "m0"));
      var title = document.createElementNS(SVG, "title");
      title.textContent = v ? v.title : (f.properties && f.properties.name) || "";
      shape.appendChild(title);
      if (v && v.href) {
        // Not a link: the map is an image for sighted users (keyboard and
        // screen-reader users follow the links in the table), so a click on
        // a country just goes where its table row goes.
        shape.setAttribute("data-href", v.href);
        shape.classList.add("linked");
      }
      svg.appendChild(shape);
    });
    svg.addEventListener("click", function (ev) {
      var href = ev.target.getAttribute && ev.target.getAttribute("data-href");
      if (href) {
        window.location.href = href;
      }
    });
    el.appendChild(svg);
  }

  function init() {
    if (!window.d3 || !window.topojson) {
      return;
    }
    document.querySelectorAll(".world-map[data-topology]").forEach(function (el) {
      var src = document.getElementById(el.getAttribute("data-values"));
      var values = src ? JSON.parse(src.textContent || "{}") : {};
      fetch(el.getAttribute("data-topology"))
        .then(function (r) { return r.json(); })
        .then(function (topology) { draw(el, topology, values); })
        .catch(function () { el.classList.add("map-failed"); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
