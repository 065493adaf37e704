/** A source of feed messages outside HTTP (MQTT today; others later), owned by the gateway. */
export interface FeedSource {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For /health: is the source connected, and since when. */
  status(): { state: 'connected' | 'connecting' | 'down' | 'stopped'; since: string | null; detail?: string };
}
