import { type FormEvent, useEffect, useState } from 'react';
import type { Role } from '../../../protocol/access';
import type { ExportFormat } from '../../../protocol/reports';
import type { WallLayout } from '../../../protocol/wallLayout';
import { createApiFetch } from '../auth/screenToken';
import { useI18n } from '../i18n/I18nProvider';
import { useApiFetch, useLive } from '../live/LiveModelProvider';
import { useRenderMode } from './RenderContext';
import { canExport, downloadBlob, fetchSnapshot, loginForExport, logout } from './requestSnapshot';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);

type Step =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; name: string }
  | { kind: 'failed'; reason: string };

/**
 * The snapshot button of every screen (and the S key): export any screen of this wall as PNG
 * or PDF, exactly as it shows now. A wall token may not export, so an officer or leader logs
 * in for this export only (the session ends right after).
 */
export function SnapshotControl() {
  const render = useRenderMode();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (render) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 's' || e.key === 'S') && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target))
        setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [render]);
  const { t } = useI18n();
  // In a snapshot the button is drawn (the picture is the screen as it is) but does nothing.
  return (
    <>
      <button
        type="button"
        className="snap-button"
        onClick={() => setOpen(render === null)}
        title={t('snap.hint')}
        data-testid="snapshot-button"
      >
        {t('snap.button')}
      </button>
      {open && <SnapshotDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SnapshotDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const apiFetch = useApiFetch();
  const assignment = useLive((s) => s.assignment);
  const viewWall = useLive((s) => s.view?.wall ?? null);
  const wallId = assignment?.wall ?? viewWall ?? 'hall-1';
  const [wall, setWall] = useState<WallLayout | null>(null);
  const [screen, setScreen] = useState(assignment?.screen.id ?? '');
  const [format, setFormat] = useState<ExportFormat>('png');
  const [role, setRole] = useState<Role | null>(null);
  const [login, setLogin] = useState({ username: '', password: '' });
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  useEffect(() => {
    let stop = false;
    apiFetch('/api/walls')
      .then((r) => r.json() as Promise<{ walls: WallLayout[] }>)
      .then((b) => {
        const w = b.walls.find((x) => x.id === wallId) ?? null;
        if (stop) return;
        setWall(w);
        setScreen((s) => s || w?.screens[0]?.id || '');
      })
      .catch(() => undefined);
    apiFetch('/api/whoami')
      .then((r) => r.json() as Promise<{ role: Role }>)
      .then((w) => !stop && setRole(w.role))
      .catch(() => undefined);
    return () => {
      stop = true;
    };
  }, [apiFetch, wallId]);
  const needLogin = role !== null && !canExport(role);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!screen) return;
    setStep({ kind: 'working' });
    let fetcher = apiFetch;
    let session: string | null = null;
    if (needLogin) {
      const l = await loginForExport(login.username, login.password);
      if (!l.ok) return setStep({ kind: 'failed', reason: l.reason });
      session = l.token;
      fetcher = createApiFetch(session);
    }
    try {
      const answer = await fetchSnapshot(fetcher, { wall: wallId, screen, format, lang });
      if (!answer.ok) return setStep({ kind: 'failed', reason: answer.reason });
      downloadBlob(answer.blob, answer.name);
      setStep({ kind: 'done', name: answer.name });
    } catch (err) {
      setStep({ kind: 'failed', reason: (err as Error).message });
    } finally {
      if (session) void logout(session);
      setLogin({ username: '', password: '' });
    }
  };
  return (
    <div className="snap-dialog-backdrop">
      <form
        className="snap-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('snap.title')}
        onSubmit={(e) => void submit(e)}
        // Escape closes the dialog, and does not also take the wall back to live.
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onClose();
        }}
        data-testid="snapshot-dialog"
      >
        <h2>{t('snap.title')}</h2>
        <fieldset>
          <legend>{t('snap.screen')}</legend>
          {(wall?.screens ?? []).map((s) => (
            <label key={s.id}>
              <input
                type="radio"
                name="screen"
                value={s.id}
                checked={screen === s.id}
                onChange={() => setScreen(s.id)}
              />
              {s.title ?? s.id} <small>{s.id}</small>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('snap.format')}</legend>
          {(['png', 'pdf'] as const).map((f) => (
            <label key={f}>
              <input
                type="radio"
                name="format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        {needLogin && (
          <fieldset className="snap-login">
            <legend>{t('snap.needLogin')}</legend>
            <input
              aria-label={t('snap.user')}
              placeholder={t('snap.user')}
              autoComplete="off"
              value={login.username}
              onChange={(e) => setLogin((l) => ({ ...l, username: e.target.value }))}
            />
            <input
              type="password"
              aria-label={t('snap.password')}
              placeholder={t('snap.password')}
              autoComplete="off"
              value={login.password}
              onChange={(e) => setLogin((l) => ({ ...l, password: e.target.value }))}
            />
          </fieldset>
        )}
        <p className={`snap-status snap-${step.kind}`} role="status" data-testid="snapshot-status">
          {step.kind === 'working'
            ? t('snap.working')
            : step.kind === 'done'
              ? t('snap.done', { name: step.name })
              : step.kind === 'failed'
                ? t('snap.failed', { reason: step.reason })
                : ''}
        </p>
        <div className="snap-actions">
          {/* biome-ignore lint/a11y/noAutofocus: the dialog opens from a key; Enter exports, Escape closes */}
          <button type="submit" disabled={step.kind === 'working' || !screen} autoFocus>
            {t('snap.export')}
          </button>
          <button type="button" onClick={onClose}>
            {t('snap.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
