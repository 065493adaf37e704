import type { CameraRecord, LiveModel } from '../../../protocol/liveModel';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';

function pickCameras(model: LiveModel, count: number): CameraRecord[] {
  return Object.values(model.cameras)
    .filter((c) => c.groups?.includes('squares') || c.groups?.includes('stations'))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .slice(0, count);
}

/** Camera tiles with name and state; the video issue puts live streams in them. */
export function CameraTiles({ count = 4 }: { count?: number }) {
  const { t } = useI18n();
  const cameras = useLive((s) => (s.model ? pickCameras(s.model, count) : null));
  return (
    <section className="panel camera-tiles" data-testid="camera-tiles">
      <h2>{t('video.title')}</h2>
      <div className="tiles">
        {cameras?.map((c) => (
          <figure key={c.id} className={`tile tile-${c.status}`} data-camera-id={c.id}>
            <div className="picture" />
            <figcaption>
              <span className="name">{c.name}</span>
              <span className="state">{t(`video.${c.status}`)}</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
