import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '@portal/accounts';
import { NotificationsModule } from '@portal/notifications';
import { AccessTokenService } from './access-token.service';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginDevices } from './login-devices';
import { LoginLimiter } from './login-limiter.service';
import { MfaCrypto } from './mfa-crypto';
import { MfaPendingTokens } from './mfa-pending-token.service';
import { MfaSignInService } from './mfa-sign-in.service';
import { MfaService } from './mfa.service';
import { MySecondFactorService } from './my-second-factor.service';
import { MySessionsService } from './my-sessions.service';
import { LinkedIdentitiesService } from './oidc/linked-identities.service';
import { OidcClients } from './oidc/oidc-clients.service';
import { OidcSignInService } from './oidc/oidc-sign-in.service';
import { OidcTransactions } from './oidc/oidc-transactions.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [PassportModule, JwtModule.register({}), AccountsModule, NotificationsModule],
  providers: [AccessTokenService, AuthService, JwtStrategy, LoginDevices, LoginLimiter, PasswordService, SessionsService, MfaCrypto, MfaPendingTokens, MfaService, MfaSignInService, MySessionsService, MySecondFactorService, OidcClients, OidcTransactions, OidcSignInService, LinkedIdentitiesService],
  exports: [AuthService, LoginLimiter, PasswordService, SessionsService, MfaService, MfaSignInService, MySessionsService, MySecondFactorService, OidcSignInService, LinkedIdentitiesService, AccountsModule],
})
export class AuthModule {}
