/**
 * The one owner of the screen's socket: connects, tells the gateway where it stopped
 * (lastSeq) so a reconnect needs no reload, asks for a resync on a gap, reconnects forever
 * with backoff and jitter (so fifty screens do not return in the same second), and at once
 * when the tab becomes visible again. Panels never see the socket.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '../../../protocol/socketEvents';
import type { WallView, WallViewPatch } from '../../../protocol/wallView';
import type { LiveModelStore } from './createLiveModelStore';
import type { ScreenVitals } from './createScreenVitals';

export interface WallConnectionOptions {
  url?: string;
  token?: string;
  /** Which wall and screen this browser shows (`?wall=hall-1&screen=centre`). */
  wall?: string;
  screen?: string;
  store: LiveModelStore;
  /** When given, a heartbeat (seq, heap, fps) goes to the gateway every HEARTBEAT_MS. */
  vitals?: ScreenVitals;
}

export const HEARTBEAT_MS = 10_000;

export interface WallConnection {
  /** Changes the wall's shared view; resolves with the gateway's answer. */
  setView(patch: WallViewPatch): Promise<Ack<WallView>>;
  close(): void;
}

/** Ask for a resync if a clock message shows we are behind and no delta arrived meanwhile. */
const BEHIND_GRACE_MS = 3000;

export function createWallConnection(options: WallConnectionOptions): WallConnection {
  const { store } = options;
  const auth = (cb: (data: HandshakeAuth) => void) => {
    const seq = store.getState().seq;
    cb({
      ...(options.token ? { token: options.token } : {}),
      ...(seq !== null ? { lastSeq: seq } : {}),
      ...(options.wall ? { wall: options.wall } : {}),
      ...(options.screen ? { screen: options.screen } : {}),
    });
  };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(options.url ?? '/', {
    transports: ['websocket'],
    auth,
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });

  const resync = () => socket.emit('resync', { lastSeq: store.getState().seq });
  let behindTimer: ReturnType<typeof setTimeout> | null = null;

  socket.on('snapshot', (m) => store.applySnapshot(m));
  socket.on('view', (v) => store.setView(v));
  socket.on('layout', (m) => store.setLayout(m));
  socket.on('delta', (m) => {
    if (store.applyDelta(m) === 'gap') resync();
  });
  socket.on('clock', (m) => {
    if (store.noteClock(m) === 'behind' && !behindTimer) {
      const target = m.seq;
      behindTimer = setTimeout(() => {
        behindTimer = null;
        const seq = store.getState().seq;
        if (seq !== null && seq < target) resync();
      }, BEHIND_GRACE_MS);
    }
  });
  socket.on('connect', () => {
    // Live again only once the snapshot or the missed deltas arrive; until then we catch up.
    if (store.getState().liveModel === null) store.setConnection('connecting');
  });
  socket.on('disconnect', () => store.setConnection('reconnecting'));
  socket.on('connect_error', (err) => {
    // The gateway's refusal (bad, revoked or expired token): say so; it will not retry by itself.
    if (/^(unauthorized|forbidden)/.test(err.message)) store.setAuthError(err.message);
    store.setConnection(store.getState().liveModel ? 'reconnecting' : 'connecting');
  });
  socket.io.on('reconnect', () => store.setConnection('live'));

  const beat = () => {
    if (!options.vitals || !socket.connected) return;
    socket.emit('screen:heartbeat', { seq: store.getState().seq, ...options.vitals.read() });
  };
  const heartbeat = options.vitals ? setInterval(beat, HEARTBEAT_MS) : null;
  // The first heartbeat as soon as the screen has its data, then every HEARTBEAT_MS.
  socket.on('snapshot', () => setTimeout(beat, 1000));
  socket.on('connect', () => {
    if (store.getState().liveModel) setTimeout(beat, 1000);
  });

  const onVisible = () => {
    if (document.visibilityState === 'visible' && !socket.connected) socket.connect();
  };
  document.addEventListener('visibilitychange', onVisible);

  return {
    setView: (patch) =>
      new Promise((resolve) => {
        if (!socket.connected) return resolve({ ok: false, reason: 'not connected' });
        socket
          .timeout(5000)
          .emit('view:set', patch, (err: Error | null, answer: Ack<WallView>) =>
            resolve(err ? { ok: false, reason: 'no answer' } : answer),
          );
      }),
    close() {
      document.removeEventListener('visibilitychange', onVisible);
      if (behindTimer) clearTimeout(behindTimer);
      if (heartbeat) clearInterval(heartbeat);
      socket.close();
    },
  };
}
