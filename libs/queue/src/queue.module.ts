import { Global, Module } from '@nestjs/common';
import { DeadLettersService } from './dead-letters.service';
import { OutboxService } from './outbox.service';

@Global()
@Module({ providers: [OutboxService, DeadLettersService], exports: [OutboxService, DeadLettersService] })
export class QueueModule {}
