import type { ActionConflict } from '../../../protocol/alarmActions';
import { formatClock } from '../format/formatTime';
import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A refused action as the officer reads it: who got there first (an officer with role and
 * desk, or the alarm's source system) and when, in the screen's language and time zone.
 * @example buildConflictText({ code: 'already-acknowledged', by: zhang, at }, t, 'Asia/Shanghai') // '已由 张三 (值班员 · 值班台-1) 于 20:14:05 确认'
 */
export function buildConflictText(conflict: ActionConflict, t: Translate, tz: string): string {
  if (conflict.code === 'not-found') return t('conflict.not-found');
  const by = conflict.by;
  const who = by
    ? `${by.name} (${t(`role.${by.role}` as MessageKey)}${by.console ? ` · ${by.console}` : ''})`
    : t('conflict.source', {
        channel: conflict.source ? t(`channel.${conflict.source}` as MessageKey) : '?',
      });
  const at = conflict.at ? formatClock(Date.parse(conflict.at), tz) : '—';
  const vars = {
    who,
    at,
    unit: conflict.unit ?? '',
    action: conflict.action ? t(`action.${conflict.action}`) : '',
  };
  return t(`conflict.${conflict.code}`, vars);
}
