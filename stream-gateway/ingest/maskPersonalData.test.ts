import { describe, expect, it } from 'vitest';
import { ID_MASK, maskName, maskRawItem, maskText, PHONE_MASK } from './maskPersonalData';

describe('maskName', () => {
  it.each([
    ['陈明华', '陈某'],
    ['王丽', '王某'],
    ['欧阳娜娜', '欧阳某'],
    ['陈某', '陈某'],
    ['Zhang Wei', 'Z.'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('maskText', () => {
  it('removes mobile numbers, landlines and ID numbers', () => {
    const r = maskText('电话13812345678或0830-1234567，身份证51050319800101123X');
    expect(r.text).toBe(`电话${PHONE_MASK}或${PHONE_MASK}，身份证${ID_MASK}`);
    expect(r.count).toBe(3);
  });
  it('masks a name after a role word', () => {
    expect(maskText('报警人王小明称有人打架').text).toBe('报警人王某称有人打架');
  });
  it('masks the known parties wherever they appear', () => {
    expect(maskText('陈明华与李建国因漏水发生纠纷', ['陈明华', '李建国']).text).toBe(
      '陈某与李某因漏水发生纠纷',
    );
  });
  it('leaves 20-digit GB/T 28181 ids alone', () => {
    const text = '摄像机51050300001320000001告警';
    expect(maskText(text)).toEqual({ text, count: 0 });
  });
});

describe('maskRawItem', () => {
  it('masks a rejected item everywhere: parties, text fields, nested strings', () => {
    const r = maskRawItem({
      id: 'CASE-1',
      version: 'not-a-number',
      parties: ['陈明华', '李建国'],
      summary: '陈明华反映被拖欠工资，电话13912345678',
      extra: { notes: ['身份证51050319800101123X'] },
    });
    expect(r.value).toEqual({
      id: 'CASE-1',
      version: 'not-a-number',
      parties: ['陈某', '李某'],
      summary: `陈某反映被拖欠工资，电话${PHONE_MASK}`,
      extra: { notes: [`身份证${ID_MASK}`] },
    });
    expect(r.count).toBe(5);
  });
});
