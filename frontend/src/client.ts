import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWSClient, type Client as WSClient } from 'graphql-ws';

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

export interface AppClient {
  client: Client;
  live: StatusStore;
  dispose(): void;
}

export function graphqlURL(loc: Pick<Location, 'origin'> = window.location): string {
  return `${loc.origin}/query`;
}

export function websocketURL(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/query`;
}

export function createAppClient(): AppClient {
  const live = new StatusStore();
  let ws: WSClient | null = null;
  const socket = () => {
    ws ??= createWSClient({
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
        connected: () => live.set('connected'),
        closed: (e) => {
          const code = (e as { code?: number } | undefined)?.code;
          live.set(code === 1000 ? 'idle' : 'offline');
        },
      },
    });
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
    dispose() {
      void ws?.dispose();
      ws = null;
      live.set('idle');
    },
  };
}
