import { describe, expect, it } from 'vitest';
import { highlight, htmlToText, noticeAmountFen, parseQuery, segment, tsvectorLiteral } from './search.rules';

describe('segmenting Chinese for the search', () => {
  it('splits a project name into the words a visitor types', () => {
    expect(segment('公路日常养护工程')).toEqual(['公路', '日常', '养护', '工程']);
  });

  it('keeps procurement words whole whatever stands before them', async () => {
    // The general dictionary alone reads 2025年老旧小区 as 年老/旧/小区.
    expect(segment('2025年老旧小区改造工程')).toEqual(expect.arrayContaining(['老旧小区', '改造']));
    expect(parseQuery('老旧小区改造').tsquery).toBe("('老旧小区' | ('小区' & '老旧' & '旧小')) & '改造'");
  });

  it('finds the parts of a procurement word that jieba does not know as words', () => {
    // 运维服务 is one word of our list; 运维 alone is not in jieba's dictionary.
    expect(segment('信息系统运维服务')).toEqual(expect.arrayContaining(['运维服务', '运维']));
    expect(parseQuery('信息系统运维').tsquery).toBe("('信息系统' | ('信息' & '系统' & '息系')) & '运维'");
  });

  it('leaves out single Han characters and punctuation, and lower-cases Latin letters', () => {
    expect(segment('某市交通运输局，LED 显示屏')).toEqual(expect.arrayContaining(['交通运输', '交通', '运输', 'led', '显示屏']));
    expect(segment('局、的。')).toEqual([]);
  });

  it('makes the query 公路养护 need both of its words', () => {
    const q = parseQuery('  公路养护 ');
    expect(q.text).toBe('公路养护');
    expect(q.tsquery).toBe("'公路' & '养护'");
    expect(q.titleTsquery).toBe("'公路':A & '养护':A");
  });

  it('tiles words typed together into words the index holds, when jieba would leave a character over', () => {
    // jieba cuts 照明灯具 as 照明灯/具 and 具 is not indexed; a notice titled 教室照明改造灯具采购 holds 照明 and 灯具.
    expect(parseQuery('照明灯具').tsquery).toBe("'照明' & '灯具'");
    expect(segment('教室照明改造灯具采购')).toEqual(expect.arrayContaining(['照明', '灯具']));
    expect(parseQuery('照明 灯具').tsquery).toBe(parseQuery('照明灯具').tsquery);
  });

  it('lets a long query word match whole or as all its parts', () => {
    expect(parseQuery('交通运输').tsquery).toBe("('交通运输' | ('交通' & '通运' & '运输'))");
    expect(parseQuery('局').tsquery).toBeNull();
  });

  it('quotes what the tsquery and tsvector syntax would read as operators', () => {
    expect(parseQuery("养护' | !(工程").tsquery).toBe("'养护' & '工程'");
    expect(tsvectorLiteral([{ text: "养护' | !(工程:1A", weight: 'A' }])).toBe("'养护':1A '工程':2A '1a':3A");
  });

  it('weights the title A and the body B, positions running on', () => {
    expect(tsvectorLiteral([
      { text: '公路养护', weight: 'A' },
      { text: '养护工程', weight: 'B' },
    ])).toBe("'公路':1A '养护':2A,3B '工程':4B");
  });
});

describe('fragments around the query words', () => {
  it('marks every word of the query and escapes the rest', () => {
    expect(highlight('<b>公路</b>日常养护', ['公路', '养护'], { width: 100 })).toBe('&lt;b&gt;<mark>公路</mark>&lt;/b&gt;日常<mark>养护</mark>');
  });

  it('marks a long word whole rather than its parts', () => {
    expect(highlight('市交通运输局', ['交通', '交通运输', '运输'], { width: 100 })).toBe('市<mark>交通运输</mark>局');
  });

  it('cuts long text into fragments around the words, with ellipses', () => {
    const text = `${'甲'.repeat(100)}养护${'乙'.repeat(100)}养护${'丙'.repeat(100)}`;
    const out = highlight(text, ['养护'], { width: 10 });
    expect(out).toBe(`…${'甲'.repeat(5)}<mark>养护</mark>${'乙'.repeat(5)}… …${'乙'.repeat(5)}<mark>养护</mark>${'丙'.repeat(5)}…`);
  });

  it('is empty when no word occurs', () => {
    expect(highlight('设备采购', ['养护'])).toBe('');
  });
});

describe('what a notice says for the search', () => {
  it('reads the text of the rendered HTML', () => {
    expect(htmlToText('<h3>一、项目</h3><p>A&amp;B&nbsp;公司</p>')).toBe('一、项目 A&B 公司');
  });

  it('takes the awarded or contracted amount over the budget', () => {
    expect(noticeAmountFen('award', { lots: [{ amountFen: 100 }, { amountFen: 50 }] }, 999)).toBe(150);
    expect(noticeAmountFen('contract', { priceFen: 70 }, 999)).toBe(70);
    expect(noticeAmountFen('tender', { lots: [{ budgetFen: 300 }] }, 999)).toBe(300);
    expect(noticeAmountFen('correction', {}, 999)).toBe(999);
  });
});
