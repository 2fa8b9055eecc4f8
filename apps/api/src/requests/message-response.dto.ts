import { ApiProperty } from '@nestjs/swagger';
import { DocumentResponseDto, RequestMessage } from '@portal/requests';

export class MessageResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['applicant', 'agent'] }) from: 'applicant' | 'agent';
  @ApiProperty() body: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: [DocumentResponseDto], description: 'Documents attached to the message; download them as documents of the file.' }) documents: DocumentResponseDto[];

  static from(m: RequestMessage): MessageResponseDto {
    return { id: m.id, from: m.authorSide, body: m.body, at: m.createdAt.toISOString(), documents: (m.documents ?? []).map((d) => DocumentResponseDto.from(d)) };
  }
}
