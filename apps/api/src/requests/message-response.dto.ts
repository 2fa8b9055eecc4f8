import { ApiProperty } from '@nestjs/swagger';
import { DocumentResponseDto, RequestDocument, RequestMessage } from '@portal/requests';

export class MessageResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['applicant', 'agent'] }) from: 'applicant' | 'agent';
  @ApiProperty() body: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: [DocumentResponseDto], description: 'Documents attached to the message; download them as documents of the file.' }) documents: DocumentResponseDto[];

  /** `attachments`: the file's message documents (those of this message are picked). */
  static from(m: RequestMessage, attachments: readonly RequestDocument[] = []): MessageResponseDto {
    const documents = attachments.filter((d) => d.messageId === m.id).map((d) => DocumentResponseDto.from(d));
    return { id: m.id, from: m.authorSide, body: m.body, at: m.createdAt.toISOString(), documents };
  }

  static list({ messages, attachments }: { messages: readonly RequestMessage[]; attachments: readonly RequestDocument[] }): MessageResponseDto[] {
    return messages.map((m) => MessageResponseDto.from(m, attachments));
  }
}
