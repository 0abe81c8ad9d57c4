import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { boxPlotSvg, boxStats } from '../../src/report/svg/box-plot.js';
import { escapeXml } from '../../src/report/svg/escape.js';
import { linePlotSvg } from '../../src/report/svg/line-plot.js';
import { PALETTE } from '../../src/report/svg/palette.js';
import { linearTicks, logTicks } from '../../src/report/svg/ticks.js';
import { summarise } from '../../src/report/summary.js';
import {
  AXIS_LABELS,
  errorVsQueries,
  errorVsTime,
  finalErrorBox,
} from '../../src/report/write-plots.js';
import { parseXml } from './xml-check.js';
import { syntheticRun } from './synthetic.js';

const algorithms = { rs: 0, 'r<e>&"x"': 0.5, bo: 1 };
const run = syntheticRun({ seed: 3, trials: 5, budget: 40, algorithms });
const summary = summarise(run.trials);

function texts(svg: string): string[] {
  return parseXml(svg)
    .filter((e) => e.name === 'text')
    .map((e) => e.text);
}

test('the XML checker itself rejects broken markup', () => {
  assert.throws(() => parseXml('<svg><g></svg>'), /closes <g>/);
  assert.throws(() => parseXml('<svg><text>a & b</text></svg>'), /bare &/);
  assert.throws(() => parseXml('<svg a="1" a="2"/>'), /duplicate/);
  assert.throws(() => parseXml('<svg/><svg/>'), /more than one root/);
  assert.throws(() => parseXml('<svg>'), /never closed/);
  assert.is(parseXml('<svg><text>a &amp; &lt;b&gt;</text></svg>')[1]!.text, 'a & <b>');
});

test('escapeXml escapes the five markup characters', () => {
  const escaped = '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;';
  assert.is(escapeXml(`<a href="x">'&'</a>`), escaped);
});

test('error vs queries: well-formed, labelled axes, one line and band per algorithm', () => {
  const svg = errorVsQueries(summary);
  const els = parseXml(svg);
  assert.is(els[0]!.name, 'svg');
  const t = texts(svg);
  assert.ok(t.includes(AXIS_LABELS.queries), 'x label');
  assert.ok(t.includes('test error of best-by-validation (%)'), 'y label');
  const lines = els.filter((e) => e.name === 'path' && e.attrs.class === 'line');
  const bands = els.filter((e) => e.name === 'path' && e.attrs.class === 'band');
  assert.equal(
    lines.map((e) => e.attrs['data-series']),
    ['rs', 'r<e>&"x"', 'bo'],
  );
  assert.is(bands.length, 3);
  // legend shows each (escaped, then decoded) name, and the title names space and dataset
  assert.ok(t.includes('r<e>&"x"'), 'legend label round-trips through escaping');
  assert.ok(
    t.some((s) => s.includes('synthetic · toy')),
    'title',
  );
  // distinct colour-blind-safe colours
  assert.equal(
    lines.map((e) => e.attrs.stroke),
    PALETTE.slice(0, 3),
  );
});

test('error vs time: log axis in hours, labels, one line per algorithm', () => {
  const svg = errorVsTime(summary);
  const els = parseXml(svg);
  const t = texts(svg);
  assert.ok(t.includes('simulated training time (hours)'));
  assert.ok(t.includes(AXIS_LABELS.error));
  assert.is(els.filter((e) => e.name === 'path' && e.attrs.class === 'line').length, 3);
});

test('a line path visits every point: x = 1..40 gives 40 coordinates', () => {
  const svg = errorVsQueries(summary);
  const line = parseXml(svg).find((e) => e.attrs.class === 'line')!;
  assert.is(line.attrs.d!.split('L').length, 40);
});

test('final-error box plot: one box per algorithm with n, axis label, well-formed', () => {
  const svg = finalErrorBox(summary);
  const els = parseXml(svg);
  assert.is(els.filter((e) => e.name === 'g' && e.attrs.class === 'box').length, 3);
  const t = texts(svg);
  assert.ok(t.includes('final test error of best-by-validation (%)'));
  assert.is(t.filter((s) => s === 'n = 5').length, 3);
});

test('boxStats: linear-interpolation quartiles, 1.5 IQR whiskers and outliers', () => {
  // sorted 1..9 and 30: q1 at h = 9·0.25 = 2.25 → 3.25; median at 4.5 → 5.5;
  // q3 at 6.75 → 7.75;
  // IQR 4.5, fences −3.5 and 14.5: whiskers 1 and 9, outlier 30
  const b = boxStats([30, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  const expected = { n: 10, q1: 3.25, median: 5.5, q3: 7.75, whiskerLow: 1, whiskerHigh: 9 };
  assert.equal(b, { ...expected, outliers: [30] });
  const one = { n: 1, q1: 4, median: 4, q3: 4, whiskerLow: 4, whiskerHigh: 4, outliers: [] };
  assert.equal(boxStats([4]), one);
  assert.throws(() => boxStats([NaN]), /no finite/);
});

test('box plot marks an empty series "no data" and still parses', () => {
  const svg = boxPlotSvg(
    [
      { label: 'a', values: [1, 2, 3] },
      { label: 'b', values: [] },
    ],
    { title: 't', yLabel: 'y (%)' },
  );
  assert.ok(texts(svg).includes('no data'));
});

test('linear ticks are nice and cover the range', () => {
  const t = linearTicks(5.63, 6.9, 6);
  // range 1.27 / 6 = 0.21 → step 0.25: 5.5, 5.75, ..., 7
  assert.equal(t.values, [5.5, 5.75, 6, 6.25, 6.5, 6.75, 7]);
  assert.equal(t.labels, ['5.50', '5.75', '6.00', '6.25', '6.50', '6.75', '7.00']);
  assert.equal(linearTicks(0, 150).values, [0, 25, 50, 75, 100, 125, 150]);
  // a flat range is widened instead of dividing by zero
  assert.ok(linearTicks(6, 6).values.length >= 2);
  assert.throws(() => linearTicks(0, Infinity), /not finite/);
});

test('log ticks: 1-2-5 within three decades, decades beyond', () => {
  assert.equal(logTicks(3, 400).values, [2, 5, 10, 20, 50, 100, 200, 500]);
  assert.equal(logTicks(0.5, 5e5).values, [0.1, 1, 10, 100, 1000, 10000, 100000, 1000000]);
  assert.throws(() => logTicks(0, 10), /positive/);
});

test('line plot rejects mismatched series and an empty plot', () => {
  const labels = { title: 't', xLabel: 'x', yLabel: 'y' };
  assert.throws(
    () => linePlotSvg([{ label: 'a', x: [1, 2], mean: [1], se: [0] }], labels),
    /series "a" has 2 x, 1 means/,
  );
  assert.throws(() => linePlotSvg([], labels), /no finite points/);
});

test.run();
