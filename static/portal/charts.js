// Draws every chart ([data-chart], ECharts) and map ([data-map], Leaflet) of a page, on load and
// after each htmx swap. The libraries are the portal's own static files (static/vendor/, from npm),
// loaded only when a page has a chart or a map. What is drawn comes from the json_script the
// template tags of portal/core/templatetags/charts.py wrote; programme apps write no JavaScript.
(function () {
  "use strict";
  var script = document.currentScript;
  var assets = script ? script.dataset : {};
  var pending = {};
  var drawn = []; // {el, chart | map}

  function load(url) {
    if (!url) return Promise.reject(new Error("no address for a chart library"));
    if (!pending[url]) {
      pending[url] = new Promise(function (resolve, reject) {
        var css = /\.css(\?|$)/.test(url);
        var node = document.createElement(css ? "link" : "script");
        if (css) {
          node.rel = "stylesheet";
          node.href = url;
        } else {
          node.src = url;
          node.async = false; // run in the order asked: Leaflet before its plugins
        }
        node.onload = resolve;
        node.onerror = function () { reject(new Error("could not load " + url)); };
        document.head.appendChild(node);
      });
    }
    return pending[url];
  }

  function echartsReady() { return load(assets.echarts); }

  function leafletReady() {
    return Promise.all([
      load(assets.leafletCss), load(assets.clusterCss), load(assets.clusterDefaultCss), load(assets.leaflet)
    ]).then(function () { return Promise.all([load(assets.cluster), load(assets.heat)]); });
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return JSON.parse(node.textContent);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Numbers as Django shows them in the active language (separators come from the server).
  function numberFormatter(fmt) {
    var grouping = new RegExp("\\B(?=(\\d{" + (fmt.grouping || 3) + "})+(?!\\d))", "g");
    return function (value) {
      if (value === null || value === undefined || value === "" || isNaN(Number(value))) return "—";
      var number = Number(value);
      var parts = Math.abs(number).toFixed(fmt.decimals || 0).split(".");
      var whole = fmt.thousands ? parts[0].replace(grouping, fmt.thousands) : parts[0];
      var negative = number < 0 && Number(parts.join(".")) !== 0;
      return (negative ? "-" : "") + whole + (parts[1] ? fmt.decimal + parts[1] : "");
    };
  }

  function withUnit(text, unit) {
    if (!unit || text === "—") return text;
    return unit === "%" ? text + "%" : text + " " + unit;
  }

  var language = document.documentElement.lang || "zh-hans";
  var colon = /^zh/i.test(language) ? "：" : ": "; // between a series' name and its figure
  var dateFormat = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric" });

  function dateText(value) {
    var date;
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      var p = value.split("-");
      date = new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2]));
    } else {
      date = new Date(value);
    }
    return isNaN(date.getTime()) ? String(value) : dateFormat.format(date);
  }

  function lastValue(params) {
    var v = params.value;
    return Array.isArray(v) ? v[v.length - 1] : v;
  }

  function tooltipFormatter(data, number) {
    var fmt = data.format;
    var labels = {};
    (fmt.categories || []).forEach(function (c) { labels[c[0]] = c[1]; });
    function shown(v) {
      if (fmt.categories && fmt.categories.length && labels[v] !== undefined) return labels[v];
      return withUnit(number(v), fmt.unit);
    }
    var option = data.option;
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      var first = list[0];
      var head;
      if (data.kind === "calendar") {
        head = dateText(first.value[0]);
      } else if (data.kind === "heatmap") {
        head = option.yAxis.data[first.value[1]] + " " + option.xAxis.data[first.value[0]];
      } else if (fmt.axis === "time") {
        head = dateText(first.axisValue !== undefined ? first.axisValue : first.value[0]);
      } else {
        head = first.axisValueLabel || first.name;
      }
      var single = data.kind === "calendar" || data.kind === "heatmap";
      var lines = list.map(function (p) {
        var value = "<b>" + escapeHtml(shown(lastValue(p))) + "</b>";
        return single ? value : p.marker + escapeHtml(p.seriesName) + colon + value;
      });
      return '<div class="chart-tip">' + escapeHtml(head) + "<br>" + lines.join("<br>") + "</div>";
    };
  }

  function valueAxes(option) {
    var axes = [].concat(option.xAxis || [], option.yAxis || []);
    return axes.filter(function (axis) { return axis.type === "value"; });
  }

  function drawChart(el) {
    var started = performance.now();
    var data = readJson(el.dataset.chart);
    var number = numberFormatter(data.format);
    var option = data.option;
    option.tooltip = Object.assign({ confine: true }, option.tooltip, { formatter: tooltipFormatter(data, number) });
    valueAxes(option).forEach(function (axis) {
      axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: function (v) { return number(v); } });
    });
    if (option.visualMap && option.visualMap.type !== "piecewise") {
      option.visualMap.formatter = function (v) { return number(v); };
    }
    var chart = window.echarts.init(el, null, { locale: /^zh/i.test(language) ? "ZH" : "EN" });
    chart.on("finished", function () {
      if (el.dataset.drawState === "drawn") return;
      el.dataset.drawState = "drawn";
      el.dataset.drawMs = String(Math.round(performance.now() - started));
    });
    chart.setOption(option);
    track(el, { resize: function () { chart.resize(); }, dispose: function () { chart.dispose(); } });
  }

  function popup(properties, data, number) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("strong");
    title.textContent = properties.label;
    box.appendChild(title);
    function line(text) {
      var row = document.createElement("div");
      row.textContent = text;
      box.appendChild(row);
    }
    if (properties.value !== null && properties.value !== undefined) line(withUnit(number(properties.value), data.format.unit));
    (properties.lines || []).forEach(line);
    if (properties.href) {
      var link = document.createElement("a");
      link.href = properties.href;
      link.textContent = data.linkText;
      box.appendChild(link);
    }
    return box;
  }

  function label(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function dot(latlng, properties) {
    var ring = properties.emphasis > 0;
    return window.L.circleMarker(latlng, {
      radius: 7,
      color: ring ? "#6a1b9a" : "#ffffff",
      weight: ring ? 2 + 4 * properties.emphasis : 1.5,
      fillColor: properties.colour,
      fillOpacity: 0.9
    });
  }

  function pointsLayer(layer, data, number) {
    var L = window.L;
    var group = layer.data.cluster
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true })
      : L.featureGroup();
    layer.data.features.forEach(function (feature) {
      var c = feature.geometry.coordinates;
      var marker = dot([c[1], c[0]], feature.properties);
      marker.bindTooltip(label(feature.properties.label));
      marker.bindPopup(function () { return popup(feature.properties, data, number); });
      group.addLayer(marker);
    });
    return group;
  }

  function geojsonLayer(layer, data, number) {
    var L = window.L;
    return L.geoJSON(layer.data, {
      style: function (feature) {
        return { color: feature.properties.colour, weight: 2, fillColor: feature.properties.colour, fillOpacity: 0.15 };
      },
      pointToLayer: function (feature, latlng) { return dot(latlng, feature.properties); },
      onEachFeature: function (feature, shape) {
        if (feature.properties.label) shape.bindTooltip(label(feature.properties.label), { sticky: true });
        shape.bindPopup(function () { return popup(feature.properties, data, number); });
      }
    });
  }

  function heatLayer(layer) {
    var d = layer.data;
    return window.L.heatLayer(d.cells, { max: d.max, radius: d.radius, blur: d.blur, minOpacity: 0.35 });
  }

  function drawMap(el) {
    var started = performance.now();
    var L = window.L;
    var data = readJson(el.dataset.map);
    var number = numberFormatter(data.format);
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.5, maxZoom: 18 }); // the clusters need a top zoom
    map.attributionControl.setPrefix("Leaflet"); // credit without a link to another host
    if (data.tiles.url) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution || "", maxZoom: 19 }).addTo(map);
    } else {
      el.classList.add("map-plain");
    }
    var overlays = {};
    data.layers.forEach(function (layer) {
      var built = layer.kind === "heat" ? heatLayer(layer)
        : layer.kind === "geojson" ? geojsonLayer(layer, data, number)
          : pointsLayer(layer, data, number);
      built.addTo(map);
      overlays[escapeHtml(layer.name)] = built;
    });
    if (data.layers.length > 1) L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    var b = data.bounds;
    if (b[0][0] === b[1][0] && b[0][1] === b[1][1]) {
      map.setView(b[0], 15);
    } else {
      map.fitBounds(b, { padding: [24, 24], maxZoom: 16 });
    }
    el.portalMap = map; // for the browser tests
    el.dataset.drawState = "drawn";
    el.dataset.drawMs = String(Math.round(performance.now() - started));
    track(el, { resize: function () { map.invalidateSize(); }, dispose: function () { map.remove(); } });
  }

  // --- bookkeeping: resize with the element, dispose when it left the page ----------------------
  var observer = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      drawn.forEach(function (d) { if (d.el === entry.target) d.resize(); });
    });
  }) : null;

  function track(el, handle) {
    handle.el = el;
    drawn.push(handle);
    if (observer) observer.observe(el);
  }

  function sweep() {
    drawn = drawn.filter(function (d) {
      if (d.el.isConnected) return true;
      if (observer) observer.unobserve(d.el);
      d.dispose();
      return false;
    });
  }

  function failed(el, error) {
    el.dataset.drawState = "failed";
    var note = document.createElement("p");
    note.className = "muted";
    note.textContent = assets.failText || "";
    el.replaceChildren(note);
    if (window.console) console.error(error);
  }

  function found(root, selector) {
    var list = Array.prototype.slice.call(root.querySelectorAll ? root.querySelectorAll(selector) : []);
    if (root.matches && root.matches(selector)) list.unshift(root);
    return list.filter(function (el) { return !el.dataset.drawState; });
  }

  function start(root, selector, ready, draw) {
    var els = found(root, selector);
    if (!els.length) return;
    els.forEach(function (el) { el.dataset.drawState = "loading"; });
    ready().then(function () {
      els.forEach(function (el) {
        try {
          draw(el);
        } catch (error) {
          failed(el, error);
        }
      });
    }, function (error) { els.forEach(function (el) { failed(el, error); }); });
  }

  function init(root) {
    sweep();
    start(root, "[data-chart]", echartsReady, drawChart);
    start(root, "[data-map]", leafletReady, drawMap);
  }

  // "Download CSV": the figures the chart draws, raw (dates in ISO form), UTF-8 with a BOM so that
  // spreadsheet programs read the Chinese headers.
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    var text = String(value);
    if (typeof value === "string" && /^[=+\-@]/.test(text)) text = "'" + text; // no formulas from labels
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-chart-csv]") : null;
    if (!button) return;
    var csv = readJson(button.dataset.chartCsv).csv;
    var lines = [csv.headers].concat(csv.rows).map(function (row) { return row.map(csvCell).join(","); });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = csv.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  });

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    if (observer) return; // the observer already follows each element
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { drawn.forEach(function (d) { d.resize(); }); }, 150);
  });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  document.addEventListener("htmx:afterSettle", sweep);
  init(document);
})();
