import { assertNever } from '@portal/common';
import fc from 'fast-check';
import {
  ACTION_LABELS_FR,
  ACTION_REQUIREMENTS,
  ACTOR_ROLES,
  ActorRole,
  DEADLINE_RUNNING_STATUSES,
  OPEN_STATUSES,
  REQUEST_STATUSES,
  RequestStatus,
  STATUS_LABELS_FR,
  TERMINAL_STATUSES,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  WorkflowAction,
  allowedActions,
  isActorRole,
  isOpen,
  isRequestStatus,
  isTerminal,
  isWorkflowAction,
  transition,
} from './request-workflow';

// The expectation, written out by hand from the brief and independent of TRANSITIONS:
// one line per allowed (state, action) with the resulting state and every role allowed.
const EXPECTED = `
  draft               submit                   submitted           applicant
  awaiting_applicant  resubmit                 in_review           applicant
  draft               withdraw                 withdrawn           applicant
  submitted           withdraw                 withdrawn           applicant
  in_review           withdraw                 withdrawn           applicant
  awaiting_applicant  withdraw                 withdrawn           applicant
  submitted           route                    in_review           system
  submitted           expire_deadline_reject   rejected            system
  in_review           expire_deadline_reject   rejected            system
  submitted           expire_deadline_approve  approved            system
  in_review           expire_deadline_approve  approved            system
  submitted           start_review             in_review           agent,supervisor,admin
  in_review           request_info             awaiting_applicant  agent,supervisor,admin
  in_review           approve                  approved            agent,supervisor,admin
  in_review           reject                   rejected            agent,supervisor,admin
  in_review           close                    closed              agent,supervisor,admin
`;

const ALL_STATES = ['draft', 'submitted', 'in_review', 'awaiting_applicant', 'approved', 'rejected', 'closed', 'withdrawn'];
const ALL_ACTIONS = [
  'submit', 'resubmit', 'withdraw', 'route', 'expire_deadline_reject', 'expire_deadline_approve',
  'start_review', 'request_info', 'approve', 'reject', 'close',
];
const ALL_ROLES = ['applicant', 'agent', 'supervisor', 'admin', 'system'];

const rows = EXPECTED.trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
  .map(([from, action, to, roles]) => ({ from, action, to, roles: roles.split(',') }));

function expected(state: string, action: string, role: string): ReturnType<typeof transition> {
  const forAction = rows.filter((r) => r.action === action);
  if (!forAction.some((r) => r.roles.includes(role))) return { ok: false, reason: 'ROLE_NOT_ALLOWED' };
  const row = forAction.find((r) => r.from === state);
  return row ? { ok: true, next: row.to as RequestStatus } : { ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' };
}

describe('the vocabulary', () => {
  it('has exactly the states, actions and roles of the brief', () => {
    expect([...REQUEST_STATUSES].sort()).toEqual([...ALL_STATES].sort());
    expect([...WORKFLOW_ACTIONS].sort()).toEqual([...ALL_ACTIONS].sort());
    expect([...ACTOR_ROLES].sort()).toEqual([...ALL_ROLES].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL_ACTIONS].sort());
  });

  it('every action in the hand-written table exists, and every action appears in it', () => {
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(ALL_ACTIONS));
    for (const r of rows) {
      expect(ALL_STATES).toContain(r.from);
      expect(ALL_STATES).toContain(r.to);
      for (const role of r.roles) expect(ALL_ROLES).toContain(role);
    }
  });
});

describe('transition over every state × action × role', () => {
  const product = ALL_STATES.flatMap((s) => ALL_ACTIONS.flatMap((a) => ALL_ROLES.map((r) => [s, a, r] as const)));

  it('covers the full product (8 × 11 × 5)', () => {
    expect(product).toHaveLength(440);
  });

  it.each(product)('%s + %s by %s', (state, action, role) => {
    expect(transition(state as RequestStatus, action as WorkflowAction, role as ActorRole)).toEqual(
      expected(state, action, role),
    );
  });

  it('allows exactly the hand-written number of triples', () => {
    const allowed = product.filter(([s, a, r]) => transition(s as RequestStatus, a as WorkflowAction, r as ActorRole).ok);
    expect(allowed).toHaveLength(rows.reduce((n, r) => n + r.roles.length, 0));
  });
});

describe('invariants', () => {
  it('nothing leaves a terminal state', () => {
    for (const state of REQUEST_STATUSES.filter(isTerminal)) {
      for (const role of ACTOR_ROLES) expect(allowedActions(state, role)).toEqual([]);
    }
  });

  it('terminal states are the four outcomes', () => {
    expect(REQUEST_STATUSES.filter(isTerminal).sort()).toEqual(['approved', 'closed', 'rejected', 'withdrawn']);
  });

  it('status sets: terminal, open (with the administration) and deadline-running, as written by hand', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['approved', 'closed', 'rejected', 'withdrawn']);
    expect([...OPEN_STATUSES].sort()).toEqual(['awaiting_applicant', 'in_review', 'submitted']);
    expect([...DEADLINE_RUNNING_STATUSES].sort()).toEqual(['in_review', 'submitted']);
  });

  it('every status is exactly one of draft, open or terminal; the deadline runs only on open files, for both implicit outcomes', () => {
    for (const s of REQUEST_STATUSES) {
      expect([s === 'draft', isOpen(s), isTerminal(s)].filter(Boolean)).toHaveLength(1);
      expect(isOpen(s)).toBe(OPEN_STATUSES.includes(s));
    }
    expect(DEADLINE_RUNNING_STATUSES.every(isOpen)).toBe(true);
    expect(TRANSITIONS.expire_deadline_approve.from).toEqual(DEADLINE_RUNNING_STATUSES);
    // Awaiting the applicant suspends the deadline: no implicit decision is born there.
    expect(DEADLINE_RUNNING_STATUSES).not.toContain('awaiting_applicant');
  });

  it('status sets are frozen', () => {
    for (const set of [TERMINAL_STATUSES, OPEN_STATUSES, DEADLINE_RUNNING_STATUSES]) expect(Object.isFrozen(set)).toBe(true);
  });

  it('every non-terminal state can be left by someone', () => {
    for (const state of REQUEST_STATUSES.filter((s) => !isTerminal(s))) {
      expect(ACTOR_ROLES.some((role) => allowedActions(state, role).length > 0)).toBe(true);
    }
  });

  it('every state is reachable from draft', () => {
    const seen = new Set<RequestStatus>(['draft']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const rule of Object.values(TRANSITIONS)) {
        if (rule.from.some((s) => seen.has(s)) && !seen.has(rule.to)) {
          seen.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  it('the applicant never decides and staff never submit for the applicant', () => {
    for (const state of REQUEST_STATUSES) {
      for (const decision of ['start_review', 'request_info', 'approve', 'reject', 'close'] as const) {
        expect(allowedActions(state, 'applicant')).not.toContain(decision);
      }
      for (const role of ['agent', 'supervisor', 'admin'] as const) {
        expect(allowedActions(state, role)).not.toContain('submit');
        expect(allowedActions(state, role)).not.toContain('resubmit');
      }
    }
  });

  it('no implicit decision while the file waits for the applicant', () => {
    expect(transition('awaiting_applicant', 'expire_deadline_reject', 'system')).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('the table cannot be changed at runtime', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS.approve)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS.approve.roles)).toBe(true);
    expect(Object.isFrozen(ACTION_REQUIREMENTS.reject)).toBe(true);
  });
});

describe('allowedActions', () => {
  it('matches transition', () => {
    for (const state of REQUEST_STATUSES) {
      for (const role of ACTOR_ROLES) {
        const expectedActions = ALL_ACTIONS.filter((a) => expected(state, a, role).ok);
        expect([...allowedActions(state, role)].sort()).toEqual(expectedActions.sort());
      }
    }
  });

  it('gives the buttons an agent sees on a file in review', () => {
    expect(allowedActions('in_review', 'agent')).toEqual(['request_info', 'approve', 'reject', 'close']);
    expect(allowedActions('in_review', 'applicant')).toEqual(['withdraw']);
    expect(allowedActions('draft', 'applicant')).toEqual(['submit', 'withdraw']);
  });
});

describe('robustness against values that bypassed the types', () => {
  it('never throws and never succeeds on garbage', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (s, a, r) => {
        const result = transition(s as RequestStatus, a as WorkflowAction, r as ActorRole);
        if (result.ok) {
          expect(isRequestStatus(s) && isWorkflowAction(a) && isActorRole(r)).toBe(true);
        }
      }),
    );
  });

  it('does not throw on an object whose toString is not callable (fast-check seed -1957004449)', () => {
    expect(transition(0 as never, { toString: [] } as never, {} as never)).toEqual({ ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' });
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])('does not match prototype key %s', (key) => {
    expect(transition('in_review', key as WorkflowAction, 'agent')).toEqual({ ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' });
  });

  it('type guards accept only members', () => {
    expect(isRequestStatus('draft')).toBe(true);
    expect(isRequestStatus('DRAFT')).toBe(false);
    expect(isWorkflowAction('approve')).toBe(true);
    expect(isWorkflowAction('toString')).toBe(false);
    expect(isActorRole('system')).toBe(true);
    expect(isActorRole(undefined)).toBe(false);
  });

  it('assertNever throws on a value that slipped through', () => {
    expect(() => assertNever('weird' as never)).toThrow('Unexpected value: "weird"');
  });
});

describe('requirements and labels', () => {
  it('a reason for reject and close, a message for request_info, nothing else', () => {
    for (const action of ALL_ACTIONS as WorkflowAction[]) {
      expect(ACTION_REQUIREMENTS[action]).toEqual({
        reason: action === 'reject' || action === 'close',
        message: action === 'request_info',
      });
    }
  });

  it('labels every status in French', () => {
    expect(STATUS_LABELS_FR).toEqual({
      draft: 'brouillon',
      submitted: 'déposée',
      in_review: 'en instruction',
      awaiting_applicant: 'en attente de compléments',
      approved: 'acceptée',
      rejected: 'refusée',
      closed: 'classée sans suite',
      withdrawn: 'retirée',
    });
  });

  it('labels every action', () => {
    for (const action of WORKFLOW_ACTIONS) expect(ACTION_LABELS_FR[action]).toMatch(/\S/);
  });

  it('exhaustive switch compiles only with every status', () => {
    // A compile-time check as much as a runtime one: drop a case and tsc fails on assertNever.
    const badge = (s: RequestStatus): 'open' | 'done' => {
      switch (s) {
        case 'draft':
        case 'submitted':
        case 'in_review':
        case 'awaiting_applicant':
          return 'open';
        case 'approved':
        case 'rejected':
        case 'closed':
        case 'withdrawn':
          return 'done';
        default:
          return assertNever(s);
      }
    };
    for (const s of REQUEST_STATUSES) expect(badge(s) === 'done').toBe(isTerminal(s));
  });
});
