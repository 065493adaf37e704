import { useCallback, useState } from 'react';
import type { AlarmActionAnswer, AlarmCommand } from '../../../protocol/alarmActions';
import type { AlarmRecord } from '../../../protocol/liveModel';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { buildConflictText } from './buildConflictText';
import { useConsole } from './ConsoleContext';

export interface ActionNotice {
  alarmId: string;
  tone: 'ok' | 'conflict' | 'error';
  text: string;
}

/**
 * Sends one action to the gateway and keeps its answer as a notice: done (with the audit
 * number), a conflict worded from who was first and when, or why it failed. The model
 * itself changes through the live connection, like on every other screen.
 */
export function useAlarmAction() {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const { consoleFetch } = useConsole();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ActionNotice | null>(null);

  const run = useCallback(
    async (alarm: AlarmRecord, command: AlarmCommand): Promise<boolean> => {
      setBusy(true);
      setNotice(null);
      try {
        const res = await consoleFetch(`/api/alarms/${encodeURIComponent(alarm.id)}/actions`, {
          method: 'POST',
          body: JSON.stringify(command),
        });
        const answer = (await res.json()) as AlarmActionAnswer;
        if (answer.ok) {
          setNotice({
            alarmId: alarm.id,
            tone: 'ok',
            text: t('action.done', { action: t(`action.${command.action}`), id: answer.auditId }),
          });
          return true;
        }
        setNotice({
          alarmId: alarm.id,
          tone: answer.conflict ? 'conflict' : 'error',
          text: answer.conflict
            ? buildConflictText(answer.conflict, t, tz)
            : t('action.failed', { reason: answer.reason }),
        });
        return false;
      } catch (err) {
        setNotice({
          alarmId: alarm.id,
          tone: 'error',
          text: t('action.failed', { reason: (err as Error).message }),
        });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [consoleFetch, t, tz],
  );
  return { run, busy, notice, clear: () => setNotice(null) };
}
