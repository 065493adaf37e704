import { createEmptyModel, upgradeModel } from '../../live-model/createEmptyModel';
import { reduceLiveModel } from '../../live-model/reduceLiveModel';
import type { LiveModel } from '../../protocol/liveModel';
import type { EventStore } from './EventStore';

/**
 * The live model as the log says it is: the latest snapshot plus every event after it.
 * A restart therefore loses nothing that was accepted.
 */
export async function rebuildModel(
  store: EventStore,
  pageSize = 10_000,
): Promise<{ seq: number; model: LiveModel; replayed: number }> {
  const snapshot = await store.loadSnapshot();
  let model = snapshot ? upgradeModel(snapshot.model) : createEmptyModel();
  let seq = snapshot?.seq ?? 0;
  let replayed = 0;
  for (;;) {
    const page = await store.read(seq + 1, pageSize);
    if (page.length === 0) break;
    model = reduceLiveModel(model, page).model;
    seq = (page.at(-1) as { seq: number }).seq;
    replayed += page.length;
    if (page.length < pageSize) break;
  }
  return { seq, model, replayed };
}
