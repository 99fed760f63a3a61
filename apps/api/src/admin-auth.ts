import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '@scoreline/ops';
import { notFound } from './http-errors';

// Both sides are hashed first so the buffers always have equal length: timingSafeEqual then
// compares in constant time and the token's length does not leak either.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function tokenMatches(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * `Authorization: Bearer <API_ADMIN_TOKEN>`. With no token configured the admin surface does
 * not exist (404, like any unknown route); a missing or wrong token is 401.
 */
export function requireAdmin(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!token) {
      next(notFound('No such route'));
      return;
    }
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (!match || !tokenMatches(token, match[1]!)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new UnauthorizedError('A valid admin bearer token is required'));
      return;
    }
    next();
  };
}
