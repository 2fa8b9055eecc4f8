import { ApiProperty } from '@nestjs/swagger';
import type { RequestMessage } from '@portal/requests';

export class MessageResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['applicant', 'agent'] }) from: 'applicant' | 'agent';
  @ApiProperty() body: string;
  @ApiProperty() at: string;

  static from(m: RequestMessage): MessageResponseDto {
    return { id: m.id, from: m.authorSide, body: m.body, at: m.createdAt.toISOString() };
  }
}
