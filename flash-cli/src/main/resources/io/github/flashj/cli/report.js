// Draws each figure of the page with uPlot; its legend shows the values under the pointer.
(function () {
  "use strict";
  var figures = JSON.parse(document.getElementById("flashj-figures").textContent);
  var colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
  var integers = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  var decimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

  function format(v) {
    return v == null ? "-" : Number.isInteger(v) ? integers.format(v) : decimals.format(v);
  }

  function draw(f) {
    var bars = Array.isArray(f.labels);
    var xSeries = { label: f.xLabel };
    var xAxis = { label: f.xLabel };
    var xScale = { time: false };
    if (bars) {
      xSeries.value = function (u, v) { return v == null ? "-" : f.labels[v]; };
      xAxis.splits = function () { return f.x; };
      xAxis.values = function (u, splits) { return splits.map(function (v) { return f.labels[v]; }); };
      xAxis.gap = 8;
      xScale.range = [-0.5, f.x.length - 0.5];
    }
    var series = [xSeries];
    f.series.forEach(function (s, i) {
      var colour = colours[i % colours.length];
      var one = { label: s.name, stroke: colour, width: 1.5, value: function (u, v) { return format(v); },
        points: { show: false } };
      if (bars) {
        one.fill = colour + "cc";
        one.paths = uPlot.paths.bars({ size: [0.6, 90] });
      }
      series.push(one);
    });
    var element = document.getElementById(f.id);
    var options = {
      title: f.title,
      width: Math.min(800, element.clientWidth || 800),
      height: 320,
      scales: bars ? { x: xScale, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.05)]; } } }
        : { x: xScale },
      series: series,
      axes: [xAxis, { label: f.yLabel, size: 70, values: function (u, splits) { return splits.map(format); } }]
    };
    new uPlot(options, [f.x].concat(f.series.map(function (s) { return s.values; })), element);
  }

  figures.forEach(draw);
})();
