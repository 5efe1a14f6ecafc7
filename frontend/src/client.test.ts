import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLiveSocket, ResumeCounter, StatusStore } from './client';

/**
 * A WebSocket whose server side the test plays: it opens at once, answers
 * connection_init with connection_ack and records what the client sends.
 */
class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static opened: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  sent: { type: string; id?: string; payload?: unknown }[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;

  constructor(
    public url: string,
    public protocol: string,
  ) {
    FakeSocket.opened.push(this);
    setTimeout(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.({});
    });
  }

  send(data: string) {
    const m = JSON.parse(data);
    this.sent.push(m);
    if (m.type === 'connection_init') setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: 'connection_ack' }) }));
  }

  /** The client closes (a lazy socket nobody subscribes to any more). */
  close(code = 1000, reason = '') {
    this.serverClose(code, reason);
  }

  /** The server closes. */
  serverClose(code: number, reason: string) {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason, wasClean: true }));
  }

  subscribes() {
    return this.sent.filter((m) => m.type === 'subscribe');
  }
}

afterEach(() => {
  FakeSocket.opened = [];
});

function liveSocket() {
  const live = new StatusStore();
  const resumes = new ResumeCounter();
  const ws = createLiveSocket(live, resumes, { webSocketImpl: FakeSocket, retryWait: async () => {}, keepAlive: 0 });
  return { live, resumes, ws };
}

const query = { query: 'subscription Posts { postAdded { id } }' };

describe('live socket', () => {
  it('comes back after a slow-consumer close (4013), subscribes again and counts a resume', async () => {
    const { live, resumes, ws } = liveSocket();
    let count = 0;
    const unsubscribe = resumes.subscribe(() => count++);
    const sink = { next: vi.fn(), error: vi.fn(), complete: vi.fn() };
    const dispose = ws.subscribe(query, sink);

    await vi.waitFor(() => expect(FakeSocket.opened[0]?.subscribes()).toHaveLength(1));
    expect(live.get()).toBe('connected');
    expect(resumes.get()).toBe(0);

    FakeSocket.opened[0].serverClose(4013, 'Slow consumer: refetch and resubscribe');
    await vi.waitFor(() => expect(FakeSocket.opened[1]?.subscribes()).toHaveLength(1));
    expect(FakeSocket.opened[1].subscribes()[0].payload).toMatchObject(query);
    expect(live.get()).toBe('connected');
    expect(resumes.get()).toBe(1);
    expect(count).toBe(1);
    // The subscription itself went on: it neither failed nor completed.
    expect(sink.error).not.toHaveBeenCalled();
    expect(sink.complete).not.toHaveBeenCalled();

    // A second drop is a second resume.
    FakeSocket.opened[1].serverClose(1006, '');
    await vi.waitFor(() => expect(FakeSocket.opened[2]?.subscribes()).toHaveLength(1));
    expect(resumes.get()).toBe(2);

    dispose();
    unsubscribe();
    await ws.dispose();
  });

  it('does not count a lazy socket that closed with nothing subscribed and opens again', async () => {
    const { live, resumes, ws } = liveSocket();
    const first = ws.subscribe(query, { next() {}, error() {}, complete() {} });
    await vi.waitFor(() => expect(FakeSocket.opened[0]?.subscribes()).toHaveLength(1));
    first();
    await vi.waitFor(() => expect(live.get()).toBe('idle'));

    const second = ws.subscribe(query, { next() {}, error() {}, complete() {} });
    await vi.waitFor(() => expect(FakeSocket.opened[1]?.subscribes()).toHaveLength(1));
    expect(live.get()).toBe('connected');
    expect(resumes.get()).toBe(0);
    second();
    await ws.dispose();
  });
});
