import { REQUEST_EVENT_TYPES } from '@portal/requests';
import { WEBHOOK_EVENT_TYPES } from './webhook-subscription.entity';

describe('WEBHOOK_EVENT_TYPES', () => {
  it('names timeline events that exist (a renamed event type must not silently stop its webhooks)', () => {
    for (const type of WEBHOOK_EVENT_TYPES) expect(REQUEST_EVENT_TYPES).toContain(type);
  });

  it('leaves out drafts and what only the directorate sees', () => {
    for (const type of ['created', 'assigned', 'note_added', 'deadline_reminder']) expect(WEBHOOK_EVENT_TYPES).not.toContain(type);
  });
});
