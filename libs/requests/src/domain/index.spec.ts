import * as domain from './index';

describe('domain index', () => {
  it('exposes the public API of every file', () => {
    for (const name of [
      'assertNever', 'computeDueDate', 'DEFAULT_DEADLINE_RULE', 'addCalendarMonths', 'addWorkingDays', 'isPublicHoliday',
      'isWorkingDay', 'formatNoumeaDate', 'validateFormData', 'validateFormSchema', 'PROVINCE_SUD_COMMUNES', 'transition',
      'TRANSITIONS', 'isTerminal', 'STATUS_LABELS_FR', 'ACTION_REQUIREMENTS',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
