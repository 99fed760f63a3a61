// Input validation for query strings, params and bodies: every failure is a 400 with a sentence
// naming the field, never a stack trace.
import { badRequest } from './http-errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as 'YYYY-MM-DD' (2025-02-30 is rejected). */
export function isoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw badRequest(`${field} must be a date as YYYY-MM-DD`);
  }
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw badRequest(`${field} is not a calendar date`);
  }
  return value;
}

export function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,14}$/.test(value)) {
    throw badRequest(`${field} must be a positive integer`);
  }
  return Number(value);
}

/** A trimmed, non-empty string of at most `max` characters. */
export function text(value: unknown, field: string, max = 100): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw badRequest(`${field} must be a non-empty string of at most ${max} characters`);
  }
  return value.trim();
}

export function optionalText(value: unknown, field: string, max = 100): string | undefined {
  return value === undefined ? undefined : text(value, field, max);
}

/** The JSON body as an object (an array, a string or no body at all is a 400). */
export function bodyObject(body: unknown, optional = false): Record<string, unknown> {
  if (body === undefined && optional) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object (Content-Type: application/json)');
  }
  return body as Record<string, unknown>;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
