import { describe, expect, it } from 'vitest';
import { normalizeDocNo, parseDocNo } from './doc-no.ts';

describe('文号', () => {
  it.each([
    ['肥政办字〔2020〕12号', '肥政办字', 2020, 12],
    ['川政办字〔2022〕32号', '川政办字', 2022, 32],
    ['筑高新办函〔2019〕23号', '筑高新办函', 2019, 23],
    ['开府办〔2018〕26号', '开府办', 2018, 26],
    ['肥政办字[2020]12号', '肥政办字', 2020, 12],
    ['肥政办字(2020)12号', '肥政办字', 2020, 12],
    ['肥政办字（2020）12号', '肥政办字', 2020, 12],
    ['肥政办字［2020］12号', '肥政办字', 2020, 12],
    ['肥政办字【2020】12号', '肥政办字', 2020, 12],
    [' 肥政办字 〔 2020 〕 12 号 ', '肥政办字', 2020, 12],
    ['肥政办字〔２０２０〕１２号', '肥政办字', 2020, 12],
    ['国办发〔2017〕47号', '国办发', 2017, 47],
    ['示政发〔2024〕第3号', '示政发', 2024, 3],
  ])('parses %s', (input, issuer, year, seq) => {
    const r = parseDocNo(input, new Date('2026-11-22'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.docNo).toEqual({ issuerCode: issuer, year, sequence: seq, normalized: `${issuer}〔${year}〕${seq}号` });
  });

  it('gives every bracket style the same canonical form', () => {
    const forms = ['肥政办字〔2020〕12号', '肥政办字[2020]12号', '肥政办字(2020)12号', '肥政办字（2020）12号', '肥政办字［2020］12号'];
    expect(new Set(forms.map(normalizeDocNo))).toEqual(new Set(['肥政办字〔2020〕12号']));
  });

  it.each(['12号', '肥政办字2020年12号', '〔2020〕12号', '肥政办字〔20〕12号', '肥政办字〔2020〕号', '肥政办字〔1900〕1号', '肥政办字〔2020〕0号', '', '肥政<b>办〔2020〕1号'])(
    'refuses %j with a Chinese message',
    (input) => {
      const r = parseDocNo(input, new Date('2026-11-22'));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/文号/);
    },
  );
});
