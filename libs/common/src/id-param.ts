import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error';
import type { ErrorCode } from './error-codes';

/** The codes a path id may answer when it names nothing. */
export type NotFoundCode = Extract<ErrorCode, `${string}NOT_FOUND`>;

/**
 * A path parameter that is an id, checked once at the controller: anything but a UUID names
 * nothing, so it answers the resource's own 404 (its code and French message, or the error the
 * service gives an unknown id), before any query reaches PostgreSQL.
 *
 *   @IdParam('id', 'REQUEST_NOT_FOUND') id: string
 */
export const IdParam = (name: string, notFound: NotFoundCode | (() => DomainError) = 'NOT_FOUND'): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => (typeof notFound === 'function' ? notFound() : new DomainError(notFound)) }));
