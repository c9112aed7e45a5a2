/*
 * Draws every <canvas data-chart="…"> of the page with Chart.js. The JSON comes from the
 * server's chart view models (io.panicboard.system.LineChart, StackedBarChart, Sparkline
 * and the SLO gauge), which hold every text: time labels, values in their units, tooltips,
 * deploy and crash titles. Chart.js draws text on the canvas, never as markup.
 */
(function () {
  'use strict';

  if (!window.Chart) {
    return;
  }
  const annotation = window['chartjs-plugin-annotation'];
  if (annotation) {
    Chart.register(annotation);
  }

  const style = getComputedStyle(document.documentElement);
  const colour = (name) => style.getPropertyValue(name).trim();
  const palette = ['--k1', '--k2', '--k3', '--k4', '--k5', '--k6', '--k7', '--k8'].map(colour);
  const translucent = (css, alpha) => Chart.helpers.color(css).alpha(alpha).rgbString();
  const theme = {
    muted: colour('--muted'), border: colour('--border'), link: colour('--link'),
    accent: colour('--accent'), surface: colour('--surface'),
    gauge: { ok: colour('--ok'), low: colour('--warn'), out: colour('--bad') }
  };

  Chart.defaults.color = theme.muted;
  Chart.defaults.borderColor = theme.border;
  Chart.defaults.font.size = 11;
  Chart.defaults.animation = false;
  Chart.defaults.plugins.legend.display = false;

  /** The time axis: one category per bucket, labelled where the server put a label. */
  function timeAxis(data, stacked) {
    return {
      type: 'category', offset: true, stacked: stacked, grid: { display: false },
      ticks: { autoSkip: false, maxRotation: 0, callback: (value, index) => data.labels[index] || null }
    };
  }

  /** The value axis: the server's grid lines and their labels (with the unit). */
  function valueAxis(data, stacked) {
    const ticks = data.yTicks;
    return {
      stacked: stacked, min: 0, max: ticks[ticks.length - 1].value, border: { display: false },
      afterBuildTicks: (axis) => { axis.ticks = ticks.map((t) => ({ value: t.value })); },
      ticks: { callback: (value, index) => (ticks[index] ? ticks[index].label : '') }
    };
  }

  /**
   * Dashed vertical lines for markers, and short coloured lines on the time axis for ticks.
   * The server places them in buckets from the start of the first (2.5: half way through the
   * third); on the axis bucket i spans i - 0.5 to i + 0.5.
   */
  function annotations(data) {
    const top = data.yTicks[data.yTicks.length - 1].value;
    const drawn = {};
    data.markers.forEach((m, i) => {
      drawn['marker' + i] = {
        type: 'line', scaleID: 'x', value: m.position - 0.5, borderColor: theme.link, borderWidth: 1.5,
        borderDash: [3, 2], drawTime: 'beforeDatasetsDraw',
        label: {
          display: m.row !== null, content: m.label, position: 'start', yAdjust: (m.row || 0) * 13,
          backgroundColor: translucent(theme.surface, 0.75), color: theme.link, font: { size: 10 }, padding: 2
        }
      };
    });
    (data.ticks || []).forEach((t, i) => {
      drawn['tick' + i] = {
        type: 'line', xMin: t.position - 0.5, xMax: t.position - 0.5, yMin: 0, yMax: top * 0.07,
        borderColor: palette[t.colour], borderWidth: 2.5
      };
    });
    return drawn;
  }

  /**
   * Tooltips of one point in time: its time, the server's text of every value that counts,
   * then its markers. A bucket with a marker but no value that counts (a deploy in an hour
   * without crashes) keeps its first series' text, so that its tooltip still shows.
   */
  function tooltip(data, series, counts) {
    const anyCounts = (index) => series.some((s) => counts(s.values[index]));
    const filter = (item) => counts(item.raw)
      || (item.datasetIndex === 0 && data.notes[item.dataIndex].length > 0 && !anyCounts(item.dataIndex));
    return {
      mode: 'index', intersect: false, filter: filter,
      callbacks: {
        title: (items) => (items.length ? data.titles[items[0].dataIndex] : ''),
        label: (item) => series[item.datasetIndex].tooltips[item.dataIndex],
        footer: (items) => (items.length ? data.notes[items[0].dataIndex] : [])
      }
    };
  }

  function bars(data) {
    return {
      type: 'bar',
      data: {
        labels: data.titles,
        datasets: data.series.map((s) => ({
          label: s.name, data: s.values, backgroundColor: palette[s.colour], categoryPercentage: 0.8,
          barPercentage: 1
        }))
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: { x: timeAxis(data, true), y: valueAxis(data, true) },
        plugins: {
          tooltip: tooltip(data, data.series, (value) => value > 0),
          annotation: { annotations: annotations(data) }
        }
      }
    };
  }

  /** Whether a point has no neighbour to join, so that it is drawn as a dot. */
  function alone(values, i) {
    return values[i] !== null && (i === 0 || values[i - 1] === null) && (i === values.length - 1 || values[i + 1] === null);
  }

  function lines(data) {
    return {
      type: 'line',
      data: {
        labels: data.titles,
        datasets: data.lines.map((l) => ({
          label: l.name, data: l.values, borderColor: palette[l.colour], backgroundColor: palette[l.colour],
          borderWidth: l.emphasised ? 2.5 : 1.5, spanGaps: false, tension: 0,
          pointRadius: (ctx) => (alone(l.values, ctx.dataIndex) ? 2 : 0), pointHoverRadius: 3
        }))
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: timeAxis(data, false), y: valueAxis(data, false) },
        plugins: {
          tooltip: tooltip(data, data.lines, (value) => value !== null),
          annotation: { annotations: annotations(data) }
        }
      }
    };
  }

  function sparkline(data) {
    return {
      type: 'line',
      data: {
        labels: data.values.map((v, i) => i),
        datasets: [{
          data: data.values, borderColor: theme.accent, borderWidth: 1.25, pointRadius: 0, tension: 0,
          fill: true, backgroundColor: translucent(theme.accent, 0.12)
        }]
      },
      options: {
        responsive: false, events: [],
        layout: { padding: 1 },
        scales: { x: { display: false }, y: { display: false, min: 0, max: Math.max(1, data.max) } },
        plugins: { tooltip: { enabled: false } }
      }
    };
  }

  function gauge(data) {
    return {
      type: 'doughnut',
      data: {
        labels: ['left', 'used'],
        datasets: [{
          data: [data.percent, 100 - data.percent], backgroundColor: [theme.gauge[data.style], theme.border],
          borderWidth: 0
        }]
      },
      options: {
        responsive: true, maintainAspectRatio: false, rotation: -90, circumference: 180, cutout: '75%',
        events: [], plugins: { tooltip: { enabled: false } }
      }
    };
  }

  const builders = { bars: bars, lines: lines, sparkline: sparkline, gauge: gauge };

  // one chart that cannot be drawn leaves the others, and says why in the console
  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    try {
      const data = JSON.parse(canvas.getAttribute('data-chart'));
      new Chart(canvas, builders[data.type](data));
    }
    catch (e) {
      console.error('panicboard: a chart could not be drawn', e);
    }
  });
}());
