/**
 * What a gateway feature (wall views, trends, console actions, reports, media…) receives to
 * plug itself in: the pipeline, the publisher, the router, the sockets — its narrow deps,
 * not the gateway object. A feature adds routes and socket handlers and may start/stop.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { RegionPack } from '../live-model/region/types';
import type { Principal } from '../protocol/access';
import type { AuditOrigin } from '../protocol/audit';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../protocol/socketEvents';
import type { Authenticator } from './auth/Authenticator';
import type { Metrics } from './createMetrics';
import type { Router } from './http/router';
import type { HeartbeatHandler } from './ingest/createHeartbeatHandler';
import type { Pipeline } from './pipeline/createPipeline';
import type { Publisher } from './publish/createPublisher';
import type { EventStore } from './store/EventStore';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type WallIo = Server<ClientToServerEvents, ServerToClientEvents>;
export type WallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export type ConnectionHandler = (socket: WallSocket, principal: Principal, handshake: HandshakeAuth) => void;

/** Takes a request before the router (true: answered), e.g. a cluster follower forwarding to the owner. */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Vouches for a socket token this gateway does not know itself (null: nor does it). */
export type TokenVerifier = (token: string) => Promise<Principal | null>;

export interface GatewayContext {
  pipeline: Pipeline;
  publisher: Publisher;
  heartbeat: HeartbeatHandler;
  io: WallIo;
  router: Router;
  metrics: Metrics;
  store: EventStore;
  auth: Authenticator;
  logger: Logger;
  now: () => number;
  tz: string;
  region: string;
  regionPack: RegionPack | null;
  /** Where a request came from (address, console, browser) for the audit log; never the query. */
  originOf(req: IncomingMessage): AuditOrigin;
  /** Registers a handler for every authorised socket (after the snapshot was sent). */
  onConnection(handler: ConnectionHandler): void;
  /** Registers a request interceptor, asked in order before the router. */
  intercept(interceptor: RequestInterceptor): void;
  /** Registers a verifier asked, in order, for socket tokens the authenticator does not know. */
  verifyTokens(verifier: TokenVerifier): void;
}

export interface GatewayFeature {
  name: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Merged into GET /health under the feature's name. */
  health?(): unknown;
}

export type FeatureFactory = (ctx: GatewayContext) => GatewayFeature;
