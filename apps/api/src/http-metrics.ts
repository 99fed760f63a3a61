// HTTP request counter and latency histogram, labelled by method, route pattern and status.
import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { routeLabel } from './route-label';

const LABELS = ['method', 'route', 'status'] as const;

function counterIn(registry: Registry): Counter<(typeof LABELS)[number]> {
  const name = 'scoreline_http_requests_total';
  // ROLE=all and tests may build the app twice over one registry: reuse, never re-register.
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<(typeof LABELS)[number]>;
  return new Counter({
    name,
    help: 'HTTP requests served by the api, by method, route pattern and status.',
    labelNames: LABELS,
    registers: [registry],
  });
}

function histogramIn(registry: Registry): Histogram<(typeof LABELS)[number]> {
  const name = 'scoreline_http_request_duration_seconds';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Histogram<(typeof LABELS)[number]>;
  return new Histogram({
    name,
    help: 'HTTP request latency in seconds, by method, route pattern and status.',
    labelNames: LABELS,
    // Probes answer in well under a millisecond; a synchronous prediction can take seconds.
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

export function httpMetrics(registry: Registry): RequestHandler {
  const requests = counterIn(registry);
  const duration = histogramIn(registry);
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
