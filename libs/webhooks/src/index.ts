export * from './dto/webhook.dto';
export * from './webhook-delivery.entity';
export * from './webhook-sender.service';
export * from './webhook-subscription.entity';
export * from './webhooks.module';
export * from './webhooks.service';
