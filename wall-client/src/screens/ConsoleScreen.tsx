import { useState } from 'react';
import { AlarmDetail } from '../console/AlarmDetail';
import { AlarmQueue } from '../console/AlarmQueue';
import { AuditView } from '../console/AuditView';
import type { QueueFilter } from '../console/buildConsoleQueue';
import { CaseBoard } from '../console/CaseBoard';
import { useConsole } from '../console/ConsoleContext';
import { ConsoleHeader, type ConsoleTab } from '../console/ConsoleHeader';
import { ReportsView } from '../console/ReportsView';
import { UserAdmin } from '../console/UserAdmin';
import { useAlarmAction } from '../console/useAlarmAction';
import { useLive } from '../live/LiveModelProvider';
import { ConnectionBanner } from '../panels/ConnectionBanner';

/**
 * `/console`: the duty officers' desk — the live alarm queue, the selected alarm with its
 * actions, and the case deadlines side by side; reports and screen snapshots; the audit log
 * for leaders and admins, user administration for admins. Dense but readable: fixed columns and rows, nothing reflows.
 */
export function ConsoleScreen() {
  const { session } = useConsole();
  const role = session.user.role;
  const tabs: ConsoleTab[] = [
    'duty',
    'reports',
    ...(role === 'leader' || role === 'admin' ? (['audit'] as const) : []),
    ...(role === 'admin' ? (['users'] as const) : []),
  ];
  const [tab, setTab] = useState<ConsoleTab>('duty');
  const [filter, setFilter] = useState<QueueFilter>(role === 'leader' ? 'escalated' : 'new');
  const [selected, setSelected] = useState<string | null>(null);
  const action = useAlarmAction();
  const connection = useLive((s) => s.connection);
  return (
    <div className={`screen console ${connection === 'live' ? '' : 'not-live'}`} data-testid="console">
      <ConsoleHeader tab={tab} tabs={tabs} onTab={setTab} />
      <ConnectionBanner />
      <main className={`console-body console-${tab}`}>
        {tab === 'duty' && (
          <>
            <AlarmQueue
              filter={filter}
              onFilter={setFilter}
              selectedId={selected}
              onSelect={setSelected}
              action={action}
            />
            <AlarmDetail alarmId={selected} action={action} />
            <CaseBoard />
          </>
        )}
        {tab === 'reports' && <ReportsView />}
        {tab === 'audit' && <AuditView />}
        {tab === 'users' && <UserAdmin />}
      </main>
    </div>
  );
}
