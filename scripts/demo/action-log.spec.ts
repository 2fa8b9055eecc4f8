import { ActionLog } from './action-log';

describe('ActionLog', () => {
  it('ties a late frame to the action that caused it, not to the latest one', () => {
    const log = new ActionLog();
    const submit = log.begin('dépose', ['submitted', 'routed'], 'file-1', 100);
    const info = log.begin('demande des compléments', ['info_requested'], 'file-1', 200);
    expect(log.attribute({ id: '7', event: 'routed', requestId: 'file-1' })).toBe(submit);
    expect(log.attribute({ id: '8', event: 'info_requested', requestId: 'file-1' })).toBe(info);
  });

  it('matches the file when it is known, and any file while it is being created', () => {
    const log = new ActionLog();
    const first = log.begin('dépose A', ['submitted'], 'file-a', 1);
    log.begin('dépose B', ['submitted'], 'file-b', 2);
    const creating = log.begin('crée', ['created'], undefined, 3);
    expect(log.attribute({ id: '1', event: 'submitted', requestId: 'file-a' })).toBe(first);
    expect(log.attribute({ id: '2', event: 'created', requestId: 'file-c' })).toBe(creating);
  });

  it('gives a notification the action of its event, and anything unexpected the latest action', () => {
    const log = new ActionLog();
    const submit = log.begin('dépose', ['submitted'], 'file-1', 1);
    const upload = log.begin('joint', ['document_added'], 'file-2', 2);
    log.attribute({ id: '10', event: 'submitted', requestId: 'file-1' });
    expect(log.attribute({ event: 'notification', eventId: '10', requestId: 'file-1' })).toBe(submit);
    expect(log.attribute({ id: '11', event: 'message_posted', requestId: 'file-1' })).toBe(upload);
  });
});
