import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWSClient, type Client as WSClient, type ClientOptions as WSOptions } from 'graphql-ws';

// GraphQL lives at /query on the same origin as the app: POST for queries
// and mutations, a graphql-transport-ws websocket for subscriptions. The
// session cookie rides along on both, so no token is kept in JavaScript.

export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'offline';

/** A tiny external store for the websocket's state (useSyncExternalStore). */
export class StatusStore {
  private value: LiveStatus = 'idle';
  private listeners = new Set<() => void>();
  get = (): LiveStatus => this.value;
  set(next: LiveStatus) {
    if (next === this.value) return;
    this.value = next;
    this.listeners.forEach((l) => l());
  }
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };
}

/**
 * Counts the times the websocket came back after it dropped: the server
 * closed it because the app fell too far behind (4013), the network went
 * away, the server restarted. graphql-ws subscribes again by itself, but
 * events sent meanwhile are lost, so live views refetch what they show
 * whenever the count changes (useOnResume).
 */
export class ResumeCounter {
  private value = 0;
  private listeners = new Set<() => void>();
  get = (): number => this.value;
  bump() {
    this.value++;
    this.listeners.forEach((l) => l());
  }
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };
}

export interface AppClient {
  client: Client;
  live: StatusStore;
  resumes: ResumeCounter;
  dispose(): void;
}

export function graphqlURL(loc: Pick<Location, 'origin'> = window.location): string {
  return `${loc.origin}/query`;
}

export function websocketURL(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/query`;
}

/**
 * The graphql-transport-ws client of the app. It reconnects after any close
 * but graphql-ws's fatal ones: a slow-consumer close (4013), a lost network
 * or a restarting server. `connected` after such a retry is a resume.
 * `overrides` are for tests (a fake WebSocket, no waiting).
 */
export function createLiveSocket(live: StatusStore, resumes: ResumeCounter, overrides: Partial<WSOptions> = {}): WSClient {
  return createWSClient({
    url: websocketURL(),
    lazy: true,
    keepAlive: 20_000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    retryWait: async (retries) => {
      const ms = Math.min(1000 * 2 ** retries, 15_000) + Math.random() * 500;
      await new Promise((r) => setTimeout(r, ms));
    },
    on: {
      connecting: () => live.set('connecting'),
      connected: (_socket, _payload, wasRetry) => {
        live.set('connected');
        // A lazy socket that closed because nothing was subscribed, and
        // opens again for a new subscription, missed nothing.
        if (wasRetry) resumes.bump();
      },
      closed: (e) => {
        const code = (e as { code?: number } | undefined)?.code;
        live.set(code === 1000 ? 'idle' : 'offline');
      },
    },
    ...overrides,
  });
}

export function createAppClient(): AppClient {
  const live = new StatusStore();
  const resumes = new ResumeCounter();
  let ws: WSClient | null = null;
  const socket = () => {
    ws ??= createLiveSocket(live, resumes);
    return ws;
  };

  const client = new Client({
    url: '/query',
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket().subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    live,
    resumes,
    dispose() {
      void ws?.dispose();
      ws = null;
      live.set('idle');
    },
  };
}
