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
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [PassportModule, JwtModule.register({}), AccountsModule, NotificationsModule],
  providers: [AccessTokenService, AuthService, JwtStrategy, LoginDevices, LoginLimiter, PasswordService, SessionsService],
  exports: [AuthService, LoginLimiter, PasswordService, SessionsService, AccountsModule],
})
export class AuthModule {}
