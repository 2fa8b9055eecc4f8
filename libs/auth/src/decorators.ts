import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AccountRole, Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import type { FastifyRequest } from 'fastify';

export const IS_PUBLIC = 'portal:isPublic';
export const ROLES = 'portal:roles';

/** Opens a route to anonymous callers. Every other route requires a signed-in account. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to some roles (after authentication). */
export const Roles = (...roles: AccountRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The signed-in actor. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<FastifyRequest & { user: Actor }>().user;
});

/** IP and user agent, for the audit log and login limits. */
export const Origin = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestOrigin & { ip: string } => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
});
