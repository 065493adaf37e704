import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** Shown when this browser has no valid token: the wall shows nothing without one. */
export function TokenGate({ reason, onToken }: { reason: string | null; onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onToken(value.trim());
  };
  return (
    <div className="token-gate" data-testid="token-gate">
      <form onSubmit={submit}>
        <h1>{t('auth.title')}</h1>
        <p>{reason ? t('auth.refused') : t('auth.needed')}</p>
        <input
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label={t('auth.token')}
          placeholder={t('auth.token')}
          autoComplete="off"
        />
        <button type="submit">{t('auth.enter')}</button>
      </form>
    </div>
  );
}
