import { ApiProperty } from '@nestjs/swagger';
import { IsAccountEmail } from '@portal/common';

export class ForgotPasswordDto {
  @ApiProperty()
  @IsAccountEmail()
  email: string;
}
