import { WEBHOOK_EVENT_TYPES } from './webhook-subscription.entity';

describe('WEBHOOK_EVENT_TYPES', () => {
  it('leaves out drafts and what only the directorate sees', () => {
    for (const type of ['created', 'assigned', 'note_added', 'deadline_reminder']) expect(WEBHOOK_EVENT_TYPES).not.toContain(type);
  });
});
