import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per server instance, so several servers in one test process never clash. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    openSockets: new Gauge({ name: 'chat_open_websockets', help: 'Open WebSocket connections', registers: [registry] }),
    activeSubscriptions: new Gauge({
      name: 'chat_active_subscriptions',
      help: 'Running tRPC subscriptions',
      labelNames: ['path'],
      registers: [registry],
    }),
    messagesStored: new Counter({ name: 'chat_messages_stored_total', help: 'Messages stored', registers: [registry] }),
    eventsDelivered: new Counter({
      name: 'chat_events_delivered_total',
      help: 'Room events handed to subscribers',
      registers: [registry],
    }),
    slowConsumersClosed: new Counter({
      name: 'chat_slow_consumers_closed_total',
      help: 'Sockets closed because their send buffer passed the cap',
      registers: [registry],
    }),
    procedureDuration: new Histogram({
      name: 'chat_procedure_duration_seconds',
      help: 'tRPC procedure duration (subscriptions: until started)',
      labelNames: ['path', 'type', 'ok'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
