import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from '../live/LiveModelProvider';
import { createAlertSound } from './createAlertSound';
import { selectAlertIds } from './selectAlertIds';

const MUTE_KEY = 'console.muted';

/**
 * Sounds once for every alarm that newly needs attention (not for those already there when
 * the console opened); mute is remembered per browser. Returns the count waiting and the
 * sound's state for the header.
 */
export function useAlarmAlert() {
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === '1');
  const [sound] = useState(createAlertSound);
  const [soundState, setSoundState] = useState(sound.state);
  const ids = useLive((s) => (s.model ? selectAlertIds(s.model).join(',') : null));
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => () => sound.close(), [sound]);
  useEffect(() => {
    if (ids === null) return;
    const now = ids === '' ? [] : ids.split(',');
    const before = seen.current;
    seen.current = new Set([...(before ?? []), ...now]);
    if (before && !muted && now.some((id) => !before.has(id))) sound.play();
  }, [ids, muted, sound]);

  const toggle = useCallback(async () => {
    await sound.unlock().catch(() => undefined);
    setSoundState(sound.state);
    if (sound.state === 'ready' && soundState !== 'ready' && muted === false) return;
    const next = !muted;
    localStorage.setItem(MUTE_KEY, next ? '1' : '0');
    setMuted(next);
  }, [sound, soundState, muted]);

  return { waiting: ids ? ids.split(',').filter(Boolean).length : 0, muted, soundState, toggle };
}
