/**
 * The words of the simulated district: alarm categories per channel with their texts and
 * severities, case categories with their mix (DOMAIN.md), and (masked later!) party names.
 */
import type { AlarmChannel, CaseCategory, Severity } from '../protocol/schemas';

export interface AlarmKind {
  category: string;
  text: string;
  severity: readonly (readonly [Severity, number])[];
}

const MOSTLY_GREEN = [
  ['green', 6],
  ['yellow', 3],
  ['red', 0.08],
] as const;
const MOSTLY_YELLOW = [
  ['green', 3],
  ['yellow', 5],
  ['red', 0.3],
] as const;
const OFTEN_RED = [
  ['green', 2],
  ['yellow', 5],
  ['red', 0.9],
] as const;

export const ALARM_KINDS: Record<AlarmChannel, readonly AlarmKind[]> = {
  'video-analytics': [
    { category: '人员聚集', text: '视频分析发现人员异常聚集', severity: OFTEN_RED },
    { category: '车辆违停', text: '视频分析发现车辆违规停放', severity: MOSTLY_GREEN },
    { category: '占道经营', text: '视频分析发现占道经营', severity: MOSTLY_GREEN },
    { category: '烟火识别', text: '视频分析识别到疑似烟火', severity: OFTEN_RED },
    { category: '周界入侵', text: '重点区域周界入侵告警', severity: MOSTLY_YELLOW },
    { category: '人员倒地', text: '视频分析发现人员倒地', severity: MOSTLY_YELLOW },
  ],
  'police-110': [
    { category: '纠纷求助', text: '110 接警：群众纠纷求助', severity: MOSTLY_YELLOW },
    { category: '盗窃', text: '110 接警：群众报称财物被盗', severity: MOSTLY_YELLOW },
    { category: '打架斗殴', text: '110 接警：有人打架斗殴', severity: OFTEN_RED },
    { category: '交通事故', text: '110 接警：道路交通事故', severity: MOSTLY_YELLOW },
  ],
  'hotline-12345': [
    { category: '噪音扰民', text: '12345 来电：夜间噪音扰民', severity: MOSTLY_GREEN },
    { category: '环境卫生', text: '12345 来电：垃圾堆放影响环境', severity: MOSTLY_GREEN },
    { category: '物业纠纷', text: '12345 来电：物业服务纠纷', severity: MOSTLY_GREEN },
    { category: '欠薪求助', text: '12345 来电：反映被拖欠工资', severity: MOSTLY_YELLOW },
  ],
  'grid-worker': [
    { category: '安全隐患', text: '网格员巡查上报：安全隐患', severity: MOSTLY_GREEN },
    { category: '邻里纠纷', text: '网格员上报：邻里矛盾需调解', severity: MOSTLY_GREEN },
    { category: '消防通道堵塞', text: '网格员上报：消防通道被占用', severity: MOSTLY_YELLOW },
  ],
  'qr-report': [
    { category: '纠纷申请', text: '群众扫“解纷码”申请调解', severity: MOSTLY_GREEN },
    { category: '一码直报', text: '保安员一码直报可疑情况', severity: MOSTLY_YELLOW },
  ],
  'wechat-snapshot': [
    { category: '随手拍', text: '“随手拍”反映道路破损', severity: MOSTLY_GREEN },
    { category: '随手拍', text: '“随手拍”反映占道施工', severity: MOSTLY_GREEN },
  ],
  sensor: [
    { category: '水位超限', text: '水位传感器超警戒', severity: OFTEN_RED },
    { category: '烟感报警', text: '烟感探测器报警', severity: MOSTLY_YELLOW },
  ],
  'duty-room': [{ category: '值班登记', text: '值班室登记的群众来访事项', severity: MOSTLY_GREEN }],
};

/** Share of alarms by channel. */
export const CHANNEL_MIX: readonly (readonly [AlarmChannel, number])[] = [
  ['video-analytics', 30],
  ['police-110', 20],
  ['hotline-12345', 20],
  ['grid-worker', 12],
  ['qr-report', 5],
  ['wechat-snapshot', 6],
  ['sensor', 4],
  ['duty-room', 3],
];

/** Case categories and their share (seeds: labour and neighbour disputes lead). */
export const CASE_MIX: readonly (readonly [CaseCategory, number])[] = [
  ['labour-wages', 18],
  ['neighbour', 20],
  ['marriage-family', 12],
  ['land-forest', 10],
  ['construction-payment', 8],
  ['consumer', 8],
  ['traffic-accident', 8],
  ['medical', 4],
  ['property-management', 8],
  ['other', 4],
];

export const CASE_SUMMARIES: Record<CaseCategory, string> = {
  'labour-wages': '务工人员反映工程项目拖欠工资',
  neighbour: '邻里因房屋漏水发生纠纷',
  'marriage-family': '家庭赡养问题引发矛盾',
  'land-forest': '林地边界权属争议',
  'construction-payment': '工程款结算纠纷',
  consumer: '消费者与商家退款纠纷',
  'traffic-accident': '交通事故赔偿纠纷',
  medical: '医疗服务费用争议',
  'property-management': '小区物业收费纠纷',
  other: '其他矛盾纠纷',
};

export const HANDLING_UNITS = [
  '派出所',
  '司法所',
  '综治中心',
  '人社所',
  '信访办',
  '人民调解委员会',
  '市场监管所',
];

/** Surnames and given names for simulated parties: the gateway must mask them. */
export const SURNAMES = ['陈', '王', '李', '张', '刘', '杨', '黄', '赵', '周', '吴', '欧阳'];
export const GIVEN_NAMES = ['明华', '秀英', '建国', '小红', '志强', '丽', '国平', '海燕', '文军', '娜娜'];

/** Alarms per hour of day, relative: quiet nights, busy evenings. */
export const HOURLY_RHYTHM = [
  0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.0, 1.2, 1.2, 1.1, 1.1, 1.2, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.9,
  1.7, 1.2, 0.6,
];
