import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AccountRole, Actor } from '@portal/accounts';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { IS_PUBLIC, ROLES } from './decorators';

/** Global guard: deny by default; @Public() opens a route. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // Token problems arrive as `!user`; an error is the session lookup failing (a database outage: 503, not a logout).
    if (error) throw error instanceof Error ? error : new DomainError('UNAUTHENTICATED');
    if (!user) throw new DomainError('UNAUTHENTICATED');
    return user;
  }
}

/**
 * Global guard: enforces @Roles(). A staff route (one that admits a staff role) also needs a session
 * that passed the second factor, when STAFF_MFA_REQUIRED.
 */
@Injectable()
export class RolesGuard {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<AccountRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!actor || !roles.includes(actor.role)) throw new DomainError('FORBIDDEN');
    if (this.config.STAFF_MFA_REQUIRED && actor.role !== 'citizen' && actor.mfa !== true) throw new DomainError('MFA_REQUIRED');
    return true;
  }
}
