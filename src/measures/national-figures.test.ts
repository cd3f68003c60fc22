import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  COLUMNS, INDICATORS, NATIONAL_FIGURES_VERSION, loadNationalFigures, nationalSeries, nationalValue, parseCsvRecords,
} from './national-figures.ts';

const HEADER = COLUMNS.join(',');
// 2019 timeliness, excluding exceptions: 29,895 of 49,519 plans within 20 weeks (DfE SEN2 timeliness data set).
const GOOD = 'ehc-20-week-timeliness,all-ehc-plans-0-25,,2019,calendar-year,60.4,percent,excluding-exceptions,29895,49519,C,"DfE SEN2, national 2019 row"';

const dir = mkdtempSync(join(tmpdir(), 'national-figures-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

function writeCsv(...rows: string[]): string {
  const path = join(dir, `figures-${++fileCount}.csv`);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

function loadError(...rows: string[]): string {
  try {
    loadNationalFigures(writeCsv(...rows));
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected the file to be rejected');
}

describe('the shipped national figures', () => {
  const figures = loadNationalFigures();

  it('loads and validates, with at least one figure for every indicator', () => {
    assert.equal(figures.length, 146);
    for (const indicator of INDICATORS) assert.ok(figures.some((f) => f.indicator === indicator), indicator);
  });

  it('states its version in reference-data/README.md', () => {
    const readme = readFileSync(new URL('../../reference-data/README.md', import.meta.url), 'utf8');
    assert.ok(readme.includes(NATIONAL_FIGURES_VERSION));
  });

  it('has the 2019 timeliness rows with the DfE counts: 29,895 of 49,519 (60.4%) and 31,313 of 53,327 (58.7%)', () => {
    const key = { indicator: 'ehc-20-week-timeliness', population: 'all-ehc-plans-0-25' } as const;
    const excluding = nationalSeries(figures, { ...key, basis: 'excluding-exceptions' }).find((f) => f.period === '2019');
    const including = nationalSeries(figures, { ...key, basis: 'including-exceptions' }).find((f) => f.period === '2019');
    assert.deepEqual([excluding?.value, excluding?.numerator, excluding?.denominator, excluding?.confidence], [60.4, 29895, 49519, 'C']);
    assert.deepEqual([including?.value, including?.numerator, including?.denominator, including?.confidence], [58.7, 31313, 53327, 'C']);
  });

  it('gives the EHC plan prevalence series 2018/19 to 2025/26 as 3.1 rising to 6.0 (all schools)', () => {
    const series = nationalSeries(figures, { indicator: 'ehc-plan-prevalence', population: 'all-pupils', basis: 'all-schools' });
    assert.deepEqual(series.map((f) => f.period), ['2018/19', '2019/20', '2020/21', '2021/22', '2022/23', '2023/24', '2024/25', '2025/26']);
    assert.deepEqual(series.map((f) => f.value), [3.1, 3.3, 3.7, 4.0, 4.3, 4.8, 5.3, 6.0]);
  });

  it('has SEN support primary-need shares for 2023/24 that sum to about 100 (within 1)', () => {
    const shares = figures.filter((f) => f.indicator === 'primary-need-share' && f.population === 'sen-support' && f.period === '2023/24' && f.basis === 'state-funded');
    assert.equal(shares.length, 13);
    const total = shares.reduce((sum, f) => sum + f.value, 0);
    assert.ok(Math.abs(total - 100) <= 1, `sum ${total}`);
  });

  it('keeps both 2022 timeliness figures apart by basis and refuses to mix them', () => {
    const key = { indicator: 'ehc-20-week-timeliness', population: 'all-ehc-plans-0-25' } as const;
    assert.equal(nationalValue(figures, { ...key, basis: 'excluding-exceptions' }, '2022'), 50.7);
    assert.equal(nationalValue(figures, { ...key, basis: 'basis-unstated' }, '2022'), 49.2);
    assert.throws(() => nationalValue(figures, key, '2022'), /two figures for 2019.*pass a basis/);
  });

  it('returns the population total when no need is given, and the need row when one is', () => {
    const key = { indicator: 'overall-absence', population: 'all-pupils', basis: 'state-funded' } as const;
    assert.deepEqual(nationalSeries(figures, key).map((f) => f.period), ['2022/23', '2023/24 autumn']);
    assert.equal(nationalValue(figures, { ...key, need: 'PMLD' }, '2021/22'), 19.1);
    assert.equal(nationalValue(figures, key, '2019/20'), undefined);
  });
});

describe('validation of a national figures file', () => {
  it('accepts a well-formed row', () => {
    assert.equal(loadNationalFigures(writeCsv(GOOD)).length, 1);
  });

  it('rejects a value outside a vocabulary, naming line and column', () => {
    const message = loadError(GOOD, GOOD.replace('all-ehc-plans-0-25', 'all-plans').replace(',2019,', ',2020,'));
    assert.match(message, /line 3, column 2 \(population\): expected one of all-pupils, .*got "all-plans"/);
  });

  it('rejects a percent of 120, naming line and column', () => {
    const message = loadError(GOOD.replace(',60.4,', ',120,').replace('29895,49519', ','));
    assert.match(message, /line 2, column 6 \(value\): expected a percent between 0 and 100, got "120"/);
  });

  it('rejects a numerator greater than its denominator, naming line and column', () => {
    const message = loadError(GOOD.replace('29895,49519', '49520,49519'));
    assert.match(message, /line 2, column 9 \(numerator\): expected a numerator no greater than the denominator 49519/);
  });

  it('rejects a value that does not match numerator / denominator to 0.1', () => {
    const message = loadError(GOOD.replace(',60.4,', ',60.6,'));
    assert.match(message, /line 2, column 6 \(value\): expected 100 × numerator \/ denominator = 60\.37/);
  });

  it('rejects a duplicate (indicator, population, need, period, basis), naming both lines', () => {
    const message = loadError(GOOD, GOOD.replace('"DfE SEN2, national 2019 row"', 'another source'));
    assert.match(message, /line 3, column 1 \(indicator\): expected a unique .* but line 2 has the same/);
  });

  it('rejects a row with the wrong number of columns, naming line and column', () => {
    assert.match(loadError(GOOD.replace(',"DfE SEN2, national 2019 row"', '')), /line 2, column 12 \(source\): expected 12 columns, found 11/);
    assert.match(loadError(`${GOOD},extra`), /line 2, column 13 \(extra\): expected 12 columns, found 13/);
  });

  it('rejects a period that does not match its period type', () => {
    assert.match(loadError(GOOD.replace(',2019,', ',2019/21,')), /line 2, column 4 \(period\): expected a period of type calendar-year/);
  });

  it('rejects a header that is not the documented one', () => {
    const path = join(dir, 'bad-header.csv');
    writeFileSync(path, `${HEADER.replace('basis', 'scope')}\n${GOOD}\n`);
    assert.throws(() => loadNationalFigures(path), /line 1, column 8: expected header "basis", got "scope"/);
  });
});

describe('parseCsvRecords', () => {
  it('reads quoted commas, doubled quotes, CRLF and line breaks inside quotes, keeping start lines', () => {
    const records = parseCsvRecords('a,"b, c"\r\n"say ""hi""","two\nlines"\nlast,\n');
    assert.deepEqual(records, [
      { line: 1, fields: ['a', 'b, c'] },
      { line: 2, fields: ['say "hi"', 'two\nlines'] },
      { line: 4, fields: ['last', ''] },
    ]);
  });

  it('rejects an unterminated quote and text after a closing quote, naming line and column', () => {
    assert.throws(() => parseCsvRecords('a,b\nc,"open\n'), /line 2, column 2: expected a closing quote/);
    assert.throws(() => parseCsvRecords('a,"b"c\n'), /line 1, column 2: expected a comma or line end/);
  });
});
